// The Seedance Trigger emits each task once when it reaches the chosen event: across many polls,
// restarts, failed polls and large backlogs, without old tasks on activation.

import { sleep } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { TriggerHarness } from './harness/poll';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

let counter = 0;

/** Starts tasks directly at the simulator, each taking its own time, as other workflows would. */
function startTasks(provider: ProviderId, count: number, durationMs: () => number, model = 'doubao-seedance-2-0-260128', outcome?: 'taskFails'): string[] {
	const engine = (sim as unknown as { engine: { createTask: (p: string, id: string, m: string, params: object) => unknown; configure: (o: object) => void; addFault: (f: object) => void } }).engine;
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		engine.configure({ taskDurationMs: durationMs() });
		if (outcome) engine.addFault({ route: 'create', kind: outcome });
		const id = `cgt-${(counter++).toString().padStart(6, '0')}-${Math.random().toString(36).slice(2, 7)}`;
		engine.createTask(provider, id, model, {});
		ids.push(id);
	}
	engine.configure({ taskDurationMs: 200 });
	return ids;
}

function emittedIds(items: Array<{ json: { id?: unknown } }> | null): string[] {
	return (items ?? []).map((i) => String(i.json.id));
}

const sorted = (ids: string[]) => [...ids].sort();

describe('each completed task is emitted exactly once', () => {
	test.each([
		['kept in memory', false],
		['saved and restored between polls (restarts)', true],
	])('tasks finishing at random times across many polls, state %s', async (_, restart) => {
		const old = startTasks('volcengine', 5, () => 10);
		await sleep(50);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		expect((await trigger.poll()).items).toBeNull();

		const fresh = startTasks('volcengine', 40, () => Math.random() * 1500);
		const failing = startTasks('volcengine', 5, () => Math.random() * 1500, undefined, 'taskFails');
		const emitted: string[] = [];
		for (let poll = 0; poll < 25; poll++) {
			await sleep(100);
			const { items, error } = await trigger.poll({ restart });
			expect(error).toBeUndefined();
			emitted.push(...emittedIds(items));
		}
		expect(sorted(emitted)).toEqual(sorted(fresh));
		for (const id of [...old, ...failing]) expect(emitted).not.toContain(id);
	});

	test('a poll interrupted by a fault changes nothing; the next one picks up everything', async () => {
		const trigger = new TriggerHarness(sim, 'byteplus', { event: 'any', source: 'account' }, API_KEY);
		await trigger.poll();
		const ids = [...startTasks('byteplus', 600, () => 5), ...startTasks('byteplus', 50, () => 5, 'doubao-seedance-2-0-260128', 'taskFails')];
		await sleep(50);
		const before = JSON.stringify(trigger.staticData);
		// Page 2 of the list fails after page 1 brought 500 new tasks: a 500, then a 429 with Retry-After.
		const failsOnPage2 = () => {
			const sent = sim.requests({ route: 'list' }).slice(-2);
			expect(sent.map((r) => [r.query.page_num, r.query.page_size, r.status])).toEqual([['1', '500', 200], ['2', '500', sent[1].status]]);
			expect(sent[1].status).toBeGreaterThanOrEqual(429);
		};
		sim.addFault({ route: 'list', kind: 'status', status: 500, count: 1, skip: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toMatch(/BytePlus ModelArk answered 500/);
		expect(failed.error?.constructor.name).toBe('NodeApiError');
		failsOnPage2();
		sim.addFault({ route: 'list', kind: 'status', status: 429, retryAfter: 3, count: 1, skip: 1 });
		const limited = await trigger.poll({ restart: true });
		expect(limited.error?.message).toMatch(/answered 429/);
		expect(limited.error?.description).toMatch(/rate limiting/);
		failsOnPage2();
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		const { items } = await trigger.poll({ restart: true });
		expect(sorted(emittedIds(items))).toEqual(sorted(ids));
		expect((await trigger.poll()).items).toBeNull();
	});

	test('1,200 tasks completing between two polls come over several pages, once each', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		await trigger.poll();
		const ids = startTasks('volcengine', 1200, () => 1);
		await sleep(30);
		const { items } = await trigger.poll();
		expect(sorted(emittedIds(items))).toEqual(sorted(ids));
		expect(sim.requests({ route: 'list' }).slice(1).map((r) => r.query.page_num)).toEqual(['1', '2', '3']);
		expect((await trigger.poll()).items).toBeNull();
	});

	test('a poll stops at its time budget and the next one continues where it stopped', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		await trigger.poll();
		const ids = startTasks('volcengine', 1400, () => 1);
		await sleep(30);
		sim.addFault({ route: 'list', kind: 'slow', delayMs: 200, count: Infinity });
		const first = await trigger.poll({ budgetMs: 300 });
		expect(sim.requests({ route: 'list' }).length).toBe(2);
		const emitted = emittedIds(first.items);
		expect(emitted.length).toBe(500);
		for (let i = 0; i < 4; i++) emitted.push(...emittedIds((await trigger.poll({ budgetMs: 300, restart: true })).items));
		expect(sorted(emitted)).toEqual(sorted(ids));
	});

	test('the stored state stays under 200 KB after 10,000 emitted tasks', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		await trigger.poll();
		startTasks('volcengine', 10_000, () => 1);
		await sleep(50);
		const { items } = await trigger.poll();
		expect(items).toHaveLength(10_000);
		expect(trigger.staticDataBytes()).toBeLessThan(200 * 1024);
		expect((await trigger.poll({ restart: true })).items).toBeNull();
	}, 120_000);
});

describe('what the user sees', () => {
	test('activation records what exists and emits nothing old', async () => {
		startTasks('byteplus', 3, () => 1);
		await sleep(20);
		const trigger = new TriggerHarness(sim, 'byteplus', { event: 'succeeded', source: 'account' }, API_KEY);
		expect((await trigger.poll()).items).toBeNull();
		expect((await trigger.poll({ restart: true })).items).toBeNull();
	});

	test('Fetch test event returns the newest matching task and leaves the state alone', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account', options: { downloadVideo: true } }, API_KEY);
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		const [, newest] = startTasks('volcengine', 2, () => 1);
		await sleep(20);
		const { items } = await trigger.poll({ mode: 'manual' });
		expect(items).toHaveLength(1);
		expect(items?.[0].json).toMatchObject({ id: newest, status: 'succeeded' });
		expect(items?.[0].binary?.data.mimeType).toBe('video/mp4');
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		// The real poll still emits both.
		expect(emittedIds((await trigger.poll()).items)).toHaveLength(2);
	});

	test('Fetch test event with nothing to show says so', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'failed', source: 'account' }, API_KEY);
		const { error } = await trigger.poll({ mode: 'manual' });
		expect(error?.message).toBe('No failed Seedance task found to show as a sample');
	});

	test('a wrong key fails the poll with a clear message', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, 'sk-wrong');
		const { error } = await trigger.poll();
		expect(error?.message).toMatch(/answered 401/);
		expect(error?.description).toMatch(/Check the API key/);
	});

	test.each(['globalAiOpc', 'anyfast', 'arkGateway'] as const)('All Tasks of This Account is refused on %s, which cannot list', async (provider) => {
		const trigger = new TriggerHarness(sim, provider, { event: 'succeeded', source: 'account' }, API_KEY);
		const { error } = await trigger.poll();
		expect(error?.message).toMatch(/cannot list tasks/);
		expect(error?.description).toMatch(/These Task IDs/);
	});
});

describe('These Task IDs', () => {
	test.each([
		['globalAiOpc', 'seedance_2_0_pro'],
		['anyfast', 'seedance'],
	] as const)('works for %s: each listed task is emitted once when it succeeds', async (provider, model) => {
		const ids = startTasks(provider, 6, () => 200 + Math.random() * 600, model);
		const failed = startTasks(provider, 2, () => 100, model, 'taskFails');
		const early = startTasks(provider, 1, () => 1, model);
		await sleep(20);
		const trigger = new TriggerHarness(sim, provider, { event: 'succeeded', source: 'ids', taskIds: [...ids, ...failed, ...early].join('\n') }, API_KEY);
		expect((await trigger.poll()).items).toBeNull();
		const emitted: string[] = [];
		for (let i = 0; i < 12; i++) {
			await sleep(100);
			const { items, error } = await trigger.poll({ restart: i % 3 === 0 });
			expect(error).toBeUndefined();
			emitted.push(...emittedIds(items));
		}
		expect(sorted(emitted)).toEqual(sorted(ids));
		// Once emitted, a task is not asked about again.
		const gets = sim.requests({ provider, route: 'get' });
		const lastPolls = gets.filter((r) => r.at > Date.now() - 150);
		for (const id of ids) expect(lastPolls.some((r) => r.path.endsWith(id))).toBe(false);
	});

	test('the failed event emits failures once, with the reason, and ignores successes', async () => {
		const failed = startTasks('anyfast', 2, () => 300, 'seedance', 'taskFails');
		const ok = startTasks('anyfast', 2, () => 300, 'seedance');
		const trigger = new TriggerHarness(sim, 'anyfast', { event: 'failed', source: 'ids', taskIds: [...failed, ...ok].join(', ') }, API_KEY);
		expect((await trigger.poll()).items).toBeNull();
		await sleep(400);
		const { items } = await trigger.poll();
		expect(sorted(emittedIds(items))).toEqual(sorted(failed));
		expect(String((items?.[0].json.error as { message: string }).message)).toMatch(/sensitive/);
		expect((await trigger.poll()).items).toBeNull();
	});
});
