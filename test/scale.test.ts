// At scale: one list request a round for the tasks in flight, a handful of 429s for a batch far above
// the provider's limit, and Cancel and the output telling what really happened.

import { sleep } from 'n8n-workflow';
import { runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
afterEach(async () => await sim?.close());

const params = { mode: 'text', model: 'doubao-seedance-2-0-260128', prompt: '={{ $json.prompt }}', downloadVideo: false };
const clips = (n: number) => Array.from({ length: n }, (_, i) => ({ prompt: `clip ${i}` }));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test('50 Ark tasks in flight are looked at with one list request a round, no GET per task', async () => {
	sim = await startTestSimulator({ taskDurationMs: 6000 });
	const { items, error } = await runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 6 } }, { items: clips(50) });
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.status)).toEqual(Array(50).fill('succeeded'));
	const lists = sim.requests({ route: 'list' });
	expect(sim.requests({ route: 'get' })).toHaveLength(0);
	// Each task looked about as often as alone; all those looks together cost about one list per round.
	const rounds = median(items.map((i) => i.json.polls as number));
	expect(rounds).toBeGreaterThan(1);
	expect(lists.length).toBeLessThanOrEqual(rounds + 3);
	expect(lists.every((r) => [r.query['filter.task_ids']].flat().length > 1)).toBe(true);
});

test('a task missing from the list (purged from listing) is looked up alone with a GET; the others still by list', async () => {
	sim = await startTestSimulator({ taskDurationMs: 1500 });
	const running = runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 1.5 } }, { items: clips(3) });
	let hidden: string | undefined;
	while (!hidden) {
		await sleep(10);
		const first = [...sim.engine.tasks.values()][0] as unknown as { id: string; createdAt: number } | undefined;
		// Ark lists the last 7 days only: an older task is still there by GET, not by list.
		if (first) [first.createdAt, hidden] = [first.createdAt - 8 * 24 * 3600 * 1000, first.id];
	}
	const { items } = await running;
	expect(items.map((i) => i.json.status)).toEqual(Array(3).fill('succeeded'));
	const gets = sim.requests({ route: 'get' });
	expect(gets.length).toBeGreaterThan(0);
	expect(gets.every((r) => r.path.endsWith(`/${hidden}`))).toBe(true);
	expect(sim.requests({ route: 'list' }).length).toBeGreaterThan(0);
});

test('a provider that cannot list by ID is looked at with one GET per task', async () => {
	sim = await startTestSimulator({ taskDurationMs: 600 });
	const { items } = await runSeedance(sim, 'anyfast', { ...params, model: 'seedance', waitOptions: { expectedSeconds: 0.6 } }, { items: clips(5) });
	expect(items.map((i) => i.json.status)).toEqual(Array(5).fill('succeeded'));
	expect(sim.requests({ route: 'get' }).length).toBeGreaterThanOrEqual(5);
});

test('50 items against a provider that runs 10 at once: at most 5 creates refused with 429, every item succeeds, each created once', async () => {
	sim = await startTestSimulator({ taskDurationMs: 400, maxActiveTasks: 10 });
	const { items, error } = await runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 0.4, maxInFlight: 50 } }, { items: clips(50) });
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.status)).toEqual(Array(50).fill('succeeded'));
	const creates = sim.requests({ route: 'create' });
	expect(creates.filter((r) => r.status === 429).length).toBeLessThanOrEqual(5);
	expect(creates.filter((r) => r.status === 200)).toHaveLength(50);
});

test('Cancel says cancelled for a queued task and deleted for a finished one, and sends no GET first', async () => {
	sim = await startTestSimulator({ taskDurationMs: 60_000 });
	const queued = await runSeedance(sim, 'volcengine', { operation: 'create', mode: 'text', model: params.model, prompt: 'a kite' });
	const queuedId = queued.items[0].json.id as string;
	sim.configure({ taskDurationMs: 1 });
	const finished = await runSeedance(sim, 'volcengine', { operation: 'create', mode: 'text', model: params.model, prompt: 'a boat' });
	const finishedId = finished.items[0].json.id as string;
	await sleep(100);
	const before = sim.requests().length;
	const { items } = await runSeedance(sim, 'volcengine', { operation: 'cancel', taskId: '={{ $json.id }}' }, { items: [{ id: queuedId }, { id: finishedId }] });
	expect(items.map((i) => i.json)).toEqual([
		{ id: queuedId, outcome: 'cancelled', cancelled: true, deleted: false },
		{ id: finishedId, outcome: 'deleted', cancelled: false, deleted: true },
	]);
	const sent = sim.requests().slice(before);
	expect(sent.filter((r) => r.taskId === queuedId || r.path.includes(queuedId)).map((r) => r.route)[0]).toBe('cancel');
	expect(sent.filter((r) => r.path.includes(finishedId)).map((r) => r.route)[0]).toBe('cancel');
});

test.each([
	['openaiVideos', 'doubao-seedance-2-0-260128'],
	['globalAiOpc', 'seedance_2_0_pro'],
] as const)('%s: ratio, resolution and duration fall back to what was asked when the reply omits them', async (provider, model) => {
	sim = await startTestSimulator();
	const options = provider === 'globalAiOpc' ? { ratio: '9:16', duration: 5 } : { ratio: '9:16', resolution: '720p', duration: 5 };
	const { items, error } = await runSeedance(sim, provider, { ...params, model, prompt: 'a lighthouse', options });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ status: 'succeeded', ratio: '9:16', duration: 5, model });
	if (provider === 'openaiVideos') expect(items[0].json.resolution).toBe('720p');
});
