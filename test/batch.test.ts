// Many items at once: submitted together and waited for together, and a cancelled execution stops.

import { sleep } from 'n8n-workflow';
import { runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
afterEach(async () => await sim?.close());

const params = { mode: 'text', model: 'doubao-seedance-2-0-260128', prompt: '={{ $json.prompt }}', downloadVideo: false };
/** The prompt a task was created with, as the simulator received it. */
const promptOf = (id: string) => (sim.requests({ route: 'create' }).find((r) => r.taskId === id)?.body?.content as Array<{ text?: string }> | undefined)?.[0]?.text;
/** The most tasks the simulator had in flight at once: created and not yet finished. */
function peakInFlight(): number {
	const tasks = [...sim.engine.tasks.values()] as unknown as Array<{ createdAt: number; endAt: number }>;
	const events = tasks.flatMap((t) => [[t.createdAt, 1], [t.endAt, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	return Math.max(0, ...events.map(([, step]) => (now += step)));
}
const twenty = Array.from({ length: 20 }, (_, i) => ({ prompt: `product shot ${i}` }));

test('20 items of T are in flight together; one at a time each waits for the one before', async () => {
	// Creates go out a few at a time until the provider's limit is known (gate.ts): T leaves room for that.
	const T = 1500;
	sim = await startTestSimulator({ taskDurationMs: T });
	const wait = { expectedSeconds: T / 1000 };

	let started = Date.now();
	const together = await runSeedance(sim, 'volcengine', { ...params, waitOptions: wait }, { items: twenty });
	const togetherMs = Date.now() - started;
	expect(together.items.map((i) => i.json.status)).toEqual(Array(20).fill('succeeded'));
	expect(together.items.map((i) => i.pairedItem)).toEqual(twenty.map((_, item) => ({ item })));

	started = Date.now();
	const oneByOne = await runSeedance(sim, 'volcengine', { ...params, waitOptions: { ...wait, maxInFlight: 1 } }, { items: twenty.slice(0, 5) });
	const oneByOneMs = Date.now() - started;
	expect(oneByOne.items).toHaveLength(5);

	// Counted from when the simulator received each create, not from wall time (which a loaded machine stretches).
	const createdAt = sim.requests({ route: 'create' }).map((r) => r.at);
	const together20 = createdAt.slice(0, 20);
	const oneByOne5 = createdAt.slice(20, 25);
	// Together: all 20 are in flight before the first could have finished.
	expect(together20[19] - together20[0]).toBeLessThan(T);
	// One at a time: each create waits for the previous task to finish.
	expect(oneByOne5).toHaveLength(5);
	for (let i = 1; i < 5; i++) expect(oneByOne5[i] - oneByOne5[i - 1]).toBeGreaterThanOrEqual(T - 50);
	expect(oneByOneMs / T).toBeGreaterThan(4);
	expect(togetherMs).toBeLessThan(oneByOneMs);
	// Outputs keep the input order whatever order the tasks finished in.
	expect(together.items.map((i) => promptOf(i.json.id as string))).toEqual(twenty.map((p) => p.prompt));
});

test('Max Tasks at Once bounds the tasks in flight', async () => {
	sim = await startTestSimulator({ taskDurationMs: 300 });
	await runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 0.3, maxInFlight: 3 } }, { items: twenty.slice(0, 9) });
	// The simulator's own count of tasks in flight (created and not yet finished) reaches 3, never more.
	expect(peakInFlight()).toBe(3);
});

test('cancelling the execution stops a wait at once, also in the middle of a long pause', async () => {
	sim = await startTestSimulator({ taskDurationMs: 60_000 });
	// Every look is refused with 429 and Retry-After: 5, so after the first look the next is 5 s away.
	for (const route of ['list', 'get']) sim.addFault({ route, kind: 'status', status: 429, retryAfter: 5, count: Infinity });
	let cancel: () => void = () => {};
	const running = runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 2 } }, { items: twenty.slice(0, 5), onStart: (c) => (cancel = c) });
	await sleep(2500);
	const looks = () => [...sim.requests({ route: 'get' }), ...sim.requests({ route: 'list' })];
	const looksBefore = looks();
	expect(looksBefore.length).toBeGreaterThan(0);
	expect(looksBefore.every((r) => r.status === 429)).toBe(true);
	const cancelledAt = Date.now();
	cancel();
	await running;
	const stoppedWithinMs = Date.now() - cancelledAt;
	await sleep(1500);
	// The pause it was in had more than 3 s left; it stopped well within that.
	expect(stoppedWithinMs).toBeLessThan(300);
	expect(looks().filter((r) => r.at > cancelledAt)).toHaveLength(0);
	expect(sim.requests({ route: 'create' })).toHaveLength(5);
});

test('Create and Get pair each output with its own input item', async () => {
	sim = await startTestSimulator();
	const three = twenty.slice(0, 3);
	const created = await runSeedance(sim, 'volcengine', { ...params, operation: 'create' }, { items: three });
	expect(created.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	const ids = created.items.map((i) => i.json.id as string);
	// Each output is the task made from its own item's prompt.
	expect(ids.map(promptOf)).toEqual(three.map((p) => p.prompt));
	const reversed = [...ids].reverse().map((id) => ({ id }));
	const got = await runSeedance(sim, 'volcengine', { operation: 'get', taskId: '={{ $json.id }}', downloadVideo: false }, { items: reversed });
	expect(got.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(got.items.map((i) => i.json.id)).toEqual(reversed.map((r) => r.id));
});
