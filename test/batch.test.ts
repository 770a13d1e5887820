// Many items at once: submitted together and waited for together, and a cancelled execution stops.

import { sleep } from 'n8n-workflow';
import { runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
afterEach(async () => await sim?.close());

const params = { mode: 'text', model: 'doubao-seedance-2-0-260128', prompt: '={{ $json.prompt }}', downloadVideo: false };
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
	expect(together.items.map((i) => i.json.id)).toEqual(
		sim.requests({ route: 'create' }).slice(0, 20).map((r) => r.taskId).sort((a, b) => twenty.findIndex((p) => p.prompt === sim.engine.tasks.get(a!)?.params.prompt) - twenty.findIndex((p) => p.prompt === sim.engine.tasks.get(b!)?.params.prompt)),
	);
});

test('Max Tasks at Once bounds the tasks in flight', async () => {
	sim = await startTestSimulator({ taskDurationMs: 300 });
	await runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 0.3, maxInFlight: 3 } }, { items: twenty.slice(0, 9) });
	const creates = sim.requests({ route: 'create' }).map((r) => r.at);
	// The fourth create waits for one of the first three tasks to finish.
	expect(creates[3] - creates[0]).toBeGreaterThanOrEqual(250);
});

test('cancelling the execution stops polling at once', async () => {
	sim = await startTestSimulator({ taskDurationMs: 60_000 });
	let cancel: () => void = () => {};
	const running = runSeedance(sim, 'volcengine', { ...params, waitOptions: { expectedSeconds: 2 } }, { items: twenty.slice(0, 5), onStart: (c) => (cancel = c) });
	await sleep(2500);
	const looks = () => [...sim.requests({ route: 'get' }), ...sim.requests({ route: 'list' })];
	const looksBefore = looks().length;
	expect(looksBefore).toBeGreaterThan(0);
	const cancelledAt = Date.now();
	cancel();
	await running;
	const stoppedWithinMs = Date.now() - cancelledAt;
	await sleep(1500);
	// One poll interval here is at least 0.8 s (8% of elapsed time, floored); it stopped well within it.
	expect(stoppedWithinMs).toBeLessThan(300);
	expect(looks().filter((r) => r.at > cancelledAt + 50)).toHaveLength(0);
	expect(sim.requests({ route: 'create' })).toHaveLength(5);
});
