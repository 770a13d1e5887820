// The operations end to end on n8n-core against the simulator: which item an error names, what
// Continue On Fail outputs in each item's place, and what the error of one item says about the others.

import { failedTaskError } from '../nodes/Seedance/actions/video/createAndWait.operation';
import type { NormalizedTask } from '../nodes/Seedance/providers/task';
import { runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const V2 = 'doubao-seedance-2-0-260128';
const base = { mode: 'text', model: V2, prompt: '={{ $json.p }}' };

describe('checked before anything is sent', () => {
	it('the first item invalid stops the run naming item 0, with nothing sent', async () => {
		const { error, items } = await runSeedance(sim, 'volcengine', { ...base, operation: 'create' }, { items: [{ p: '' }, { p: 'A kite over dunes' }] });
		expect(items).toHaveLength(0);
		expect(error?.message).toBe('Prompt: is required for Text to Video [item 0]');
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('Create and Wait', () => {
	it("a failing item's error names its task and lists the other items' tasks", async () => {
		sim.addFault({ route: 'create', kind: 'taskExpires' });
		const { error } = await runSeedance(sim, 'byteplus', { ...base, model: 'dreamina-seedance-2-0-260128', downloadVideo: false, waitOptions: { maxInFlight: 1 } }, { items: [{ p: 'one' }, { p: 'two' }, { p: 'three' }] });
		expect(error?.message).toMatch(/^The video task cgt-[\w-]+ was expired: The task exceeded execution_expires_after and expired\. \[item 0\]$/);
		expect(error?.description).toMatch(/ Other items' tasks: cgt-[\w-]+ \(succeeded\), cgt-[\w-]+ \(succeeded\)\.$/);
		expect(error?.description).not.toMatch(/^ /);
	});

	it('the last frame is downloaded without the key, as <task>-last-frame.png, into its field', async () => {
		const { items, error } = await runSeedance(sim, 'volcengine', { ...base, options: { returnLastFrame: true }, outputOptions: { downloadLastFrame: true, lastFrameBinaryPropertyName: 'end' } }, { items: [{ p: 'A kite' }] });
		expect(error).toBeUndefined();
		const id = items[0].json.id as string;
		expect(items[0].binary?.end).toMatchObject({ fileName: `${id}-last-frame.png`, mimeType: 'image/png' });
		expect(items[0].binary?.data).toMatchObject({ fileName: `${id}.mp4` });
		const downloads = sim.requests({ provider: 'files' });
		expect(downloads).toHaveLength(2);
		expect(downloads.every((r) => !r.authorized)).toBe(true);
	});

	it('no last frame is downloaded unless asked, even when the provider gives one', async () => {
		const { items } = await runSeedance(sim, 'volcengine', { ...base, options: { returnLastFrame: true } }, { items: [{ p: 'A kite' }] });
		expect(Object.keys(items[0].binary ?? {})).toEqual(['data']);
		expect(sim.requests({ provider: 'files' })).toHaveLength(1);
	});
});

describe('Get', () => {
	it('with Continue On Fail, an invalid Task ID is an error item in its place and the others are looked up', async () => {
		const created = await runSeedance(sim, 'volcengine', { ...base, downloadVideo: false }, { items: [{ p: 'A kite' }] });
		const id = created.items[0].json.id as string;
		const before = sim.requests({ route: 'get' }).length;
		const { items, error } = await runSeedance(sim, 'volcengine', { operation: 'get', taskId: '={{ $json.id }}', downloadVideo: true }, { items: [{ id: { not: 'an ID' } }, { id }], continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0]).toEqual({
			json: { error: 'Task ID: must be a task ID (text), got an object [item 0]', errorDescription: 'No request was sent for this item.' },
			pairedItem: { item: 0 },
		});
		expect(items[1].json).toMatchObject({ id, status: 'succeeded' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[1].binary?.data).toMatchObject({ fileName: `${id}.mp4` });
		expect(sim.requests({ route: 'get' })).toHaveLength(before + 1);
	});
});

describe('Cancel', () => {
	it("a provider without a cancel endpoint says so for each item; with Continue On Fail each gets an error item", async () => {
		const stopped = await runSeedance(sim, 'anyfast', { operation: 'cancel', taskId: 'task-1' });
		expect(stopped.error?.message).toBe('Anyfast has no cancel endpoint [item 0]');
		expect(stopped.error?.description).toBe('Cancel works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways.');
		const { items, error } = await runSeedance(sim, 'anyfast', { operation: 'cancel', taskId: '={{ $json.id }}' }, { items: [{ id: 'task-1' }, { id: 'task-2' }], continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.error, i.pairedItem])).toEqual([
			['Anyfast has no cancel endpoint [item 0]', { item: 0 }],
			['Anyfast has no cancel endpoint [item 1]', { item: 1 }],
		]);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('failedTaskError', () => {
	it('a task that ended without a reason says how it ended', () => {
		const error = failedTaskError({ id: 'cgt-1', provider: 'byteplus', status: 'expired' } as NormalizedTask);
		expect(error.message).toBe('The video task cgt-1 was expired: the task ended expired');
		expect(error.code).toBe('expired');
	});
});
