/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// The task gate's order and memory, exactly: who gets a freed slot first, that waiting leaves no
// listener on the user's cancel signal, and how long the calm after a 429 lasts; and how the looker
// shares list requests between tasks without handing out a stale look.

import { getEventListeners } from 'node:events';
import type { ProviderClient } from '../nodes/Seedance/providers/client';
import type { NormalizedTask } from '../nodes/Seedance/providers/task';
import { TaskGate } from '../nodes/Seedance/wait/gate';
import { TaskLooker } from '../nodes/Seedance/wait/looker';

/** Acquires a slot for `name` as the node does (a retry says `first`), recording the order in which slots are handed out. */
function waiter(gate: TaskGate, order: string[], name: string, retry = false) {
	return (retry ? gate.acquire(undefined, true) : gate.acquire()).then(() => order.push(name));
}

const settle = async () => await new Promise((resolve) => setImmediate(resolve));

test('freed slots go to waiting items in arrival order, a retry ahead of items not yet tried', async () => {
	const gate = new TaskGate({ max: 1, initial: 1 });
	const order: string[] = [];
	await gate.acquire();
	const waiting = [waiter(gate, order, 'A'), waiter(gate, order, 'B'), waiter(gate, order, 'C'), waiter(gate, order, 'retry', true)];
	for (let i = 0; i < 4; i++) {
		gate.release(false);
		await settle();
	}
	await Promise.all(waiting);
	expect(order).toEqual(['retry', 'A', 'B', 'C']);
});

test('waiting leaves no listener on the cancel signal, whether the slot came or the wait was cancelled', async () => {
	const gate = new TaskGate({ max: 1, initial: 1 });
	const controller = new AbortController();
	await gate.acquire();
	const served = gate.acquire(controller.signal);
	expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
	gate.release(false);
	await served;
	expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

	const cancelled = gate.acquire(controller.signal);
	controller.abort(new Error('stopped'));
	await expect(cancelled).rejects.toThrow('stopped');
	expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
});

test('a 429 while not probing keeps the calm as it was: the next probe comes after 4 × the accepted tasks', () => {
	const gate = new TaskGate({ max: 10, initial: 4 });
	gate.createAccepted();
	gate.createAccepted();
	expect(gate.current).toBe(6);
	gate.createRefused();
	expect(gate.current).toBe(2);
	gate.createAccepted();
	gate.createRefused();
	const limits: number[] = [];
	for (let i = 0; i < 8; i++) {
		gate.createAccepted();
		limits.push(gate.current);
	}
	expect(limits).toEqual([2, 2, 2, 2, 2, 2, 2, 3]);
});

test('two 429s in a row are one lesson: the calm is not doubled, the probe comes after 4 × the accepted tasks', () => {
	const gate = new TaskGate({ max: 10, initial: 4 });
	gate.createAccepted();
	gate.createAccepted();
	gate.createRefused();
	gate.createRefused();
	const limits: number[] = [];
	for (let i = 0; i < 8; i++) {
		gate.createAccepted();
		limits.push(gate.current);
	}
	expect(limits).toEqual([2, 2, 2, 2, 2, 2, 2, 3]);
});

describe('the looker', () => {
	/** A clock the test moves, and a client whose list answers what `listed` says and counts requests. */
	function setUp() {
		const clock = { at: 0, now: () => clock.at, sleep: async () => {} };
		const state = { listed: [] as string[], lists: 0, gets: [] as string[], hold: undefined as Promise<void> | undefined, holds: [] as Array<Promise<void>> };
		const taskOf = (id: string) => ({ id, status: 'running' }) as unknown as NormalizedTask;
		const client = {
			provider: 'byteplus',
			get: async (id: string) => {
				state.gets.push(id);
				return taskOf(id);
			},
			getMany: async () => {
				state.lists += 1;
				const listed = state.listed.map(taskOf);
				const hold = state.holds.shift() ?? state.hold;
				if (hold) await hold;
				return listed;
			},
		} as unknown as ProviderClient;
		return { clock, state, looker: new TaskLooker(client, clock) };
	}

	test('a wake asked for a task no longer watched is ignored', () => {
		const { looker } = setUp();
		expect(() => looker.onSeenFinished('cgt-gone', () => {})).not.toThrow();
	});

	test('looks at the same moment share one list; a look that needs a fresher one starts its own', async () => {
		const { clock, state, looker } = setUp();
		looker.watch('a');
		looker.watch('b');
		state.listed = ['a', 'b'];
		let open!: () => void;
		state.hold = new Promise((resolve) => (open = resolve));
		const first = looker.look('a', 0);
		const same = looker.look('b', 0);
		clock.at = 10;
		const fresher = looker.look('a', 10);
		open();
		const looks = await Promise.all([first, same, fresher]);
		expect(looks.map((l) => l.task.id)).toEqual(['a', 'b', 'a']);
		expect(looks[2].atMs).toBe(10);
		expect(state.lists).toBe(2);
	});

	test('a task the newest list left out is asked for alone, not answered from an older list', async () => {
		const { clock, state, looker } = setUp();
		looker.watch('a');
		looker.watch('b');
		state.listed = ['a', 'b'];
		await looker.look('a', 0);
		clock.at = 10;
		state.listed = ['a'];
		const look = await looker.look('b', 10);
		expect([look.atMs, state.gets, state.lists]).toEqual([10, ['b'], 2]);
	});

	test('a task the list gives unasked is not kept for a later look', async () => {
		const { state, looker } = setUp();
		looker.watch('a');
		state.listed = ['a', 'b'];
		await looker.look('a', 0);
		looker.watch('b');
		await looker.look('b', 0);
		expect([state.lists, looker.stats.rideAlongs]).toEqual([2, 0]);
	});
});

test('the looker: an older list finishing does not end a newer one still running, which later looks join', async () => {
	const clock = { at: 0, now: () => clock.at, sleep: async () => {} };
	let lists = 0;
	const opens: Array<() => void> = [];
	const client = {
		provider: 'byteplus',
		get: async (id: string) => ({ id, status: 'running' }) as unknown as NormalizedTask,
		getMany: async () => {
			lists += 1;
			// The first two lists wait for the test; any later one answers at once.
			if (lists <= 2) await new Promise<void>((resolve) => opens.push(resolve));
			return [{ id: 'a', status: 'running' } as unknown as NormalizedTask];
		},
	} as unknown as ProviderClient;
	const looker = new TaskLooker(client, clock);
	looker.watch('a');
	const older = looker.look('a', 0);
	clock.at = 10;
	const newer = looker.look('a', 10);
	opens[0]();
	await older;
	const joining = looker.look('a', 10);
	opens[1]();
	await Promise.all([newer, joining]);
	expect(lists).toBe(2);
});
