// The tasks-in-flight gate on its own: what it lets out before, at and after the provider's 429s.

import { TaskGate, withJitter } from '../nodes/Seedance/wait/gate';

/** Takes every slot the gate gives at once; returns how many. */
async function takeAll(gate: TaskGate, upTo: number) {
	let taken = 0;
	const waiting = Array.from({ length: upTo }, async () => {
		await gate.acquire();
		taken += 1;
	});
	await Promise.race([Promise.all(waiting), new Promise((resolve) => queueMicrotask(() => resolve(undefined)))]);
	return taken;
}

test('a few creates at first, one more per accepted create, never above Max Tasks at Once', async () => {
	const gate = new TaskGate({ max: 6, initial: 2 });
	expect(await takeAll(gate, 10)).toBe(2);
	for (let i = 0; i < 10; i++) gate.createAccepted();
	expect(gate.current).toBe(6);
});

test('a 429 lowers the limit to the tasks accepted; one more is tried only after a calm that doubles after each refused probe', () => {
	const gate = new TaskGate({ max: 500, initial: 4, calmFactor: 4 });
	for (let i = 0; i < 10; i++) gate.createAccepted();
	gate.createRefused();
	expect(gate.current).toBe(10);
	// One task ends and the next is accepted: 10 stay in flight.
	const next = (count: number) => {
		for (let i = 0; i < count; i++) {
			gate.release(true);
			gate.createAccepted();
		}
	};
	next(39);
	expect(gate.current).toBe(10);
	next(1); // 40 = 4 × 10 accepted since the 429: probe for one more
	expect(gate.current).toBe(11);
	gate.createRefused(); // the probe was refused: back to the 10 accepted, and twice the calm
	expect(gate.current).toBe(10);
	next(79);
	expect(gate.current).toBe(10);
	next(1);
	expect(gate.current).toBe(11);
	expect(gate.stats.refused).toBe(2);
});

test('retries of refused creates are spread over 1–1.5 × the wait, never sooner than Retry-After', () => {
	expect(withJitter(1000, () => 0)).toBe(1000);
	expect(withJitter(1000, () => 0.999)).toBeCloseTo(1499.5);
	const spread = new Set(Array.from({ length: 50 }, () => Math.round(withJitter(1000))));
	expect(spread.size).toBeGreaterThan(40);
});
