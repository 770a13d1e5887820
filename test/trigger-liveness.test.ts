// One task never stops the Seedance Trigger: an expired download URL, an ID the provider no longer
// knows, a list cursor naming a deleted task, damaged stored state. The others are emitted on time;
// the bad one is tried at the next polls, then emitted once with an `error` field.

import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { MAX_ATTEMPTS } from '../nodes/Seedance/trigger/poll';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { TriggerHarness } from './harness/poll';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

type Engine = { configure: (o: object) => void; createTask: (p: string, id: string, m: string, params: object) => unknown; addFault: (f: object) => void; forget: (ids: string[], how?: { purged?: boolean }) => void };
const engine = () => (sim as unknown as { engine: Engine }).engine;

let counter = 0;
function startTasks(provider: ProviderId, count: number, options: { model?: string; fault?: string } = {}): string[] {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		if (options.fault) engine().addFault({ route: 'create', kind: options.fault });
		const id = `cgt-live-${(counter++).toString().padStart(5, '0')}`;
		engine().createTask(provider, id, options.model ?? 'doubao-seedance-2-0-260128', {});
		ids.push(id);
	}
	return ids;
}

const idsOf = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.id));
const sorted = (ids: string[]) => [...ids].sort();

/** Polls `count` times, every poll expected to succeed; returns the items of each. */
async function pollMany(trigger: TriggerHarness, count: number, restart = false) {
	const polls = [];
	for (let i = 0; i < count; i++) {
		const { items, error } = await trigger.poll({ restart });
		expect(error).toBeUndefined();
		polls.push(items ?? []);
	}
	return polls;
}

describe('one bad task never stops the trigger', () => {
	test('Download Video: an expired result URL (403) does not hold back the others, and is emitted once with the error', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account', options: { downloadVideo: true } }, API_KEY);
		await trigger.poll();
		const good = startTasks('volcengine', 3);
		const [expired] = startTasks('volcengine', 1, { fault: 'taskUrlExpired' });
		await sleep(1300);
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		// The good ones come at once, with their video.
		expect(sorted(idsOf(first.items))).toEqual(sorted(good));
		for (const item of first.items ?? []) expect(item.binary?.data.mimeType).toBe('video/mp4');
		const later = (await pollMany(trigger, MAX_ATTEMPTS + 1, true)).flat();
		expect(idsOf(later)).toEqual([expired]);
		expect(later[0].json.status).toBe('succeeded');
		expect(later[0].binary).toBeUndefined();
		expect(JSON.stringify(later[0].json.error)).toMatch(/403/);
		expect(JSON.stringify(later)).not.toContain(API_KEY);
		// New tasks keep coming afterwards.
		const fresh = startTasks('volcengine', 2);
		await sleep(300);
		expect(sorted(idsOf((await trigger.poll()).items))).toEqual(sorted(fresh));
	});

	test.each([
		['purged after the retention time', 'purged'],
		['a typo', 'typo'],
	])('These Task IDs: an ID the provider no longer knows (%s) does not hold back the others', async (_, kind) => {
		const good = startTasks('volcengine', 2);
		const [gone] = kind === 'purged' ? startTasks('volcengine', 1) : ['cgt-20260101-typo0'];
		if (kind === 'purged') engine().forget([gone], { purged: true });
		const later = startTasks('volcengine', 1);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'ids', taskIds: [gone, ...good, ...later].join('\n') }, API_KEY);
		expect((await trigger.poll()).error).toBeUndefined();
		await sleep(300);
		const polls = await pollMany(trigger, MAX_ATTEMPTS + 2, true);
		const all = polls.flat();
		expect(sorted(idsOf(all).filter((id) => id !== gone))).toEqual(sorted([...good, ...later]));
		const bad = all.filter((i) => i.json.id === gone);
		expect(bad).toHaveLength(1);
		const error = bad[0].json.error as { message: string; description?: string };
		expect(error.message).toMatch(/answered 404|not known/);
		expect(error.message).toContain(gone);
		expect(error.message).not.toMatch(/connection cannot be established/i);
		expect(JSON.stringify(all.map((i) => i.json))).not.toContain(API_KEY);
	});

	test('OpenAI-videos: the task a stopped scan continues after is deleted (400 unknown cursor), and nothing is lost', async () => {
		const trigger = new TriggerHarness(sim, 'openaiVideos', { event: 'succeeded', source: 'account' }, API_KEY);
		await trigger.poll();
		const ids = startTasks('openaiVideos', 450, { model: 'doubao-seedance-1-5-pro-251215' });
		await sleep(300);
		sim.addFault({ route: 'list', kind: 'slow', delayMs: 150, count: 2 });
		const first = await trigger.poll({ budgetMs: 300 });
		expect(first.error).toBeUndefined();
		const emitted = idsOf(first.items);
		expect(emitted.length).toBeLessThan(ids.length);
		// The user deletes the last task the stopped scan read: the stored cursor names it.
		engine().forget([emitted.at(-1) as string]);
		for (let i = 0; i < 6; i++) {
			const { items, error } = await trigger.poll({ restart: true });
			expect(error).toBeUndefined();
			emitted.push(...idsOf(items));
		}
		expect(sim.requests({ route: 'list' }).some((r) => r.status === 400)).toBe(true);
		expect(sorted(emitted)).toEqual(sorted(ids));
	});
});

/** The trigger's stored state, where n8n keeps a node's static data. */
const stored = (trigger: TriggerHarness) => (trigger.staticData['node:Seedance Trigger'] as IDataObject).seedance as IDataObject;

describe('stored state that is not what the code wrote', () => {
	async function primedWithOld(provider: ProviderId = 'volcengine') {
		const old = startTasks(provider, 5);
		await sleep(300);
		const trigger = new TriggerHarness(sim, provider, { event: 'succeeded', source: 'account' }, API_KEY);
		expect((await trigger.poll()).items).toBeNull();
		return { trigger, old };
	}

	test.each([
		['missing', (s: IDataObject) => delete s.seen],
		['null', (s: IDataObject) => (s.seen = null)],
		['not an object', (s: IDataObject) => (s.seen = 'garbage')],
	])('"seen" %s: no TypeError, nothing old again, watched and new tasks still come', async (_, damage) => {
		const { trigger } = await primedWithOld();
		// A task still running when the state is damaged: the watch list still tells it is new.
		engine().configure({ taskDurationMs: 600 });
		const [running] = startTasks('volcengine', 1);
		engine().configure({ taskDurationMs: 200 });
		await trigger.poll();
		damage(stored(trigger));
		await sleep(700);
		const emitted = (await pollMany(trigger, 2, true)).flat();
		expect(idsOf(emitted)).toEqual([running]);
		const fresh = startTasks('volcengine', 3);
		await sleep(300);
		expect(sorted(idsOf((await pollMany(trigger, 2, true)).flat()))).toEqual(sorted(fresh));
	});

	test('a cursor the provider refuses: the scan starts again from the newest, nothing lost or repeated', async () => {
		const { trigger, old } = await primedWithOld();
		const fresh = startTasks('volcengine', 3);
		await sleep(300);
		const state = stored(trigger);
		// A page past Ark's limit, in the place each layout keeps its cursor.
		state.cursor = '9999';
		state.scan = { cursor: '9999', floor: Number(state.watermark ?? 0) };
		const emitted = idsOf((await pollMany(trigger, 2, true)).flat());
		expect(sorted(emitted)).toEqual(sorted(fresh));
		for (const id of old) expect(emitted).not.toContain(id);
	});

	test('a state of another layout is recorded anew, emitting nothing old', async () => {
		const { trigger, old } = await primedWithOld();
		(trigger.staticData['node:Seedance Trigger'] as IDataObject).seedance = { v: 1, primed: true, seen: { 1: 'x' } };
		const emitted = idsOf((await pollMany(trigger, 2, true)).flat());
		for (const id of old) expect(emitted).not.toContain(id);
	});
});
