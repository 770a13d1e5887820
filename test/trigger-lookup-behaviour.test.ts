// The trigger's lookup of watched tasks by ID: which provider errors fail the whole poll (they
// concern the account), which belong to one task, and how far a lookup goes before its deadline.

import type { NormalizedTask, ProviderClient } from '../nodes/Seedance/providers';
import { ProviderError } from '../nodes/Seedance/providers/errors';
import { task } from '../nodes/Seedance/providers/task';
import { failsThePoll, lookUp, type LookupOutcome } from '../nodes/Seedance/trigger/lookup';

const httpError = (statusCode: number) => new ProviderError({ provider: 'volcengine', kind: 'http', statusCode, message: `answered ${statusCode}`, description: 'advice' });
const networkError = () => new ProviderError({ provider: 'volcengine', kind: 'network', message: 'connection reset', description: 'advice' });
const queued = (id: string): NormalizedTask => task('volcengine', { id, status: 'queued' });

/** A client whose GET answers from `answers` (a task, or an error thrown), and optionally a getMany. */
function clientWith(answers: Record<string, NormalizedTask | unknown>, getMany?: ProviderClient['getMany']): ProviderClient & { got: string[] } {
	const got: string[] = [];
	return {
		provider: 'volcengine',
		got,
		create: async () => { throw new Error('never created'); },
		get: async (id: string) => {
			got.push(id);
			const answer = answers[id];
			if (answer && typeof answer === 'object' && 'status' in answer) return answer as NormalizedTask;
			throw answer;
		},
		...(getMany ? { getMany } : {}),
		videoSource: () => undefined,
	};
}

/** An outcome as plain data: the task's ID, or the error's message and whether it means "not found". */
function summary(outcomes: Map<string, LookupOutcome>): Record<string, unknown> {
	return Object.fromEntries([...outcomes].map(([id, o]) => [id, 'task' in o ? o.task.id : { message: o.error.message, notFound: o.notFound }]));
}

const far = () => Date.now() + 60_000;

describe('failsThePoll: only errors about the whole account stop a poll', () => {
	test.each([
		['a network failure', true, networkError()],
		['401 (key rejected)', true, httpError(401)],
		['403 (no access)', true, httpError(403)],
		['429 (rate limited)', true, httpError(429)],
		['404 (one task gone)', false, httpError(404)],
		['410 (one task purged)', false, httpError(410)],
		['500 (one read failed)', false, httpError(500)],
		['an unreadable reply', false, new ProviderError({ provider: 'volcengine', kind: 'shape', message: 'bad shape', description: 'advice' })],
		['a plain Error', false, new Error('network')],
		['a thrown string', false, 'network'],
		['nothing thrown (undefined)', false, undefined],
		['an error of another library with a network kind and a 401', false, Object.assign(new Error('x'), { kind: 'network', statusCode: 401 })],
	])('%s: fails the poll %s', (_, fails, error) => {
		expect(failsThePoll(error)).toBe(fails);
	});
});

describe('lookUp one GET per task', () => {
	test('each ID gets its own outcome: a task, or an error saying whether the task is gone', async () => {
		const client = clientWith({
			a: queued('a'), gone: httpError(404), purged: httpError(410), broken: httpError(500),
			odd: new Error('odd reply'), text: 'a thrown string', denied: httpError(400),
		});
		const outcomes = await lookUp(client, ['a', 'gone', 'purged', 'broken', 'odd', 'text', 'denied'], far());
		expect(summary(outcomes)).toEqual({
			a: 'a',
			gone: { message: 'answered 404', notFound: true },
			purged: { message: 'answered 410', notFound: true },
			broken: { message: 'answered 500', notFound: false },
			odd: { message: 'odd reply', notFound: false },
			text: { message: 'a thrown string', notFound: false },
			denied: { message: 'answered 400', notFound: false },
		});
		const odd = outcomes.get('odd') as { error: Error };
		expect(odd.error).toBeInstanceOf(Error);
		expect((outcomes.get('text') as { error: Error }).error).toBeInstanceOf(Error);
	});

	test('a plain Error with a 404-like status is not taken for "not found"', async () => {
		const outcomes = await lookUp(clientWith({ x: Object.assign(new Error('x'), { statusCode: 404 }) }), ['x'], far());
		expect(summary(outcomes)).toEqual({ x: { message: 'x', notFound: false } });
	});

	test.each([[401], [403], [429]])('a %s fails the whole lookup with the provider\'s error', async (status) => {
		const error = httpError(status);
		await expect(lookUp(clientWith({ a: queued('a'), b: error }), ['a', 'b'], far())).rejects.toBe(error);
	});

	test('a network failure fails the whole lookup', async () => {
		const error = networkError();
		await expect(lookUp(clientWith({ b: error }), ['b'], far())).rejects.toBe(error);
	});

	test('past the deadline only the first ID is looked up (the rest wait for the next poll)', async () => {
		const client = clientWith({ a: queued('a'), b: queued('b'), c: queued('c') });
		const outcomes = await lookUp(client, ['a', 'b', 'c'], Date.now() - 1);
		expect([...outcomes.keys()]).toEqual(['a']);
		expect(client.got).toEqual(['a']);
	});

	test('no IDs: no request', async () => {
		const client = clientWith({});
		expect((await lookUp(client, [], far())).size).toBe(0);
		expect(client.got).toEqual([]);
	});
});

describe('lookUp in batches (getMany)', () => {
	const ids = Array.from({ length: 1200 }, (_, i) => `t${i}`);
	const foundAll: ProviderClient['getMany'] = async (batch) => batch.map(queued);

	test('1,200 IDs: 3 batches of at most 500; an ID the provider left out is "not found"', async () => {
		const batches: number[] = [];
		const client = clientWith({}, async (batch) => {
			batches.push(batch.length);
			return batch.filter((id) => id !== 't7').map(queued);
		});
		const outcomes = await lookUp(client, ids, far());
		expect(batches).toEqual([500, 500, 200]);
		expect(outcomes.size).toBe(1200);
		expect(summary(new Map([['t7', outcomes.get('t7')!]]))).toEqual({ t7: { message: 'Task t7 is not known to the provider', notFound: true } });
		expect(client.got).toEqual([]);
	});

	test('the deadline stops between batches, never before the first; exactly at the deadline it goes on', async () => {
		const now = 1_800_000_000_000;
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		try {
			const passed = await lookUp(clientWith({}, foundAll), ids, now - 1);
			expect(passed.size).toBe(500);
			const exactly = await lookUp(clientWith({}, foundAll), ids, now);
			expect(exactly.size).toBe(1200);
		} finally {
			clock.mockRestore();
		}
	});

	test.each([[401], [403], [429]])('a %s from the batch route fails the lookup, without one GET per task', async (status) => {
		const error = httpError(status);
		const client = clientWith({ a: queued('a') }, async () => { throw error; });
		await expect(lookUp(client, ['a'], far())).rejects.toBe(error);
		expect(client.got).toEqual([]);
	});

	test('a batch route that fails otherwise (500 on the 2nd batch): each task is looked up on its own', async () => {
		let calls = 0;
		const answers: Record<string, unknown> = Object.fromEntries(ids.map((id) => [id, queued(id)]));
		answers.t3 = httpError(404);
		const client = clientWith(answers, async (batch) => {
			if (++calls === 2) throw httpError(500);
			return batch.map(queued);
		});
		const outcomes = await lookUp(client, ids, far());
		expect(client.got.length).toBe(1200);
		expect(outcomes.size).toBe(1200);
		expect(summary(new Map([['t3', outcomes.get('t3')!]]))).toEqual({ t3: { message: 'answered 404', notFound: true } });
	});
});
