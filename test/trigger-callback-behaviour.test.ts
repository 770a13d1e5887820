// Callback mode's memory of events: a task emits once as succeeded and once as ended badly at
// most, and a task whose both events are recorded costs no request when a callback names it again.

import { sleep, type IDataObject } from 'n8n-workflow';
import { eventKey } from '../nodes/Seedance/trigger/callback';
import { TriggerMemory, readState } from '../nodes/Seedance/trigger/state';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { CallbackHarness } from './harness/webhook';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator({ taskDurationMs: 1 });
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

type Engine = { createTask: (p: string, id: string, m: string, params: object) => unknown; addFault: (f: object) => void };
const engine = () => (sim as unknown as { engine: Engine }).engine;

test.each([
	['succeeded', 'cgt-1#ok'],
	['failed', 'cgt-1#end'],
	['cancelled', 'cgt-1#end'],
	['expired', 'cgt-1#end'],
] as const)("a %s task's event key is %s", (status, key) => {
	expect(eventKey({ id: 'cgt-1', status })).toBe(key);
});

test('a failed task emits once under Video Failed; the same callback again emits nothing', async () => {
	engine().addFault({ route: 'create', kind: 'taskFails' });
	engine().createTask('byteplus', 'cgt-cb-failed', 'dreamina-seedance-2-0-260128', {});
	await sleep(30);
	const trigger = new CallbackHarness(sim, 'byteplus', { event: 'failed' }, API_KEY);
	const first = await trigger.post({ id: 'cgt-cb-failed', status: 'failed' });
	expect(first.items?.map((i) => [i.json.id, i.json.status])).toEqual([['cgt-cb-failed', 'failed']]);
	expect((await trigger.post({ id: 'cgt-cb-failed', status: 'failed' })).items).toBeNull();
});

test('a task whose success and end were both emitted is not read again (after a restart too)', async () => {
	const memory = new TriggerMemory(readState({}));
	memory.markSeen(eventKey({ id: 'cgt-cb-both', status: 'succeeded' }), '0');
	memory.markSeen(eventKey({ id: 'cgt-cb-both', status: 'expired' }), '0');
	memory.primed = true;
	const staticData: IDataObject = { 'node:Seedance Trigger': { seedanceCallback: memory.toState() } };
	const trigger = new CallbackHarness(sim, 'byteplus', { event: 'any' }, API_KEY, { workflowId: 'wf-restarted', staticData });
	expect(await trigger.post({ id: 'cgt-cb-both', status: 'expired' })).toMatchObject({ answered: 200, items: null });
	expect(sim.requests()).toEqual([]);
});
