/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// The task gate's order and memory, exactly: who gets a freed slot first, that waiting leaves no
// listener on the user's cancel signal, and how long the calm after a 429 lasts.

import { getEventListeners } from 'node:events';
import { TaskGate } from '../nodes/Seedance/wait/gate';

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
