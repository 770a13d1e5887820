// The trigger's scan of the account's task list: the pages it asks for (a small probe first when
// idle), where it stops (a known task at the floor, anything well below it), where it continues
// after its time budget, and which provider errors on a stored cursor restart it from the newest.

import type { NormalizedTask, ProviderClient } from '../nodes/Seedance/providers';
import type { ListQuery } from '../nodes/Seedance/providers/client';
import { ProviderError } from '../nodes/Seedance/providers/errors';
import { task } from '../nodes/Seedance/providers/task';
import { scanList } from '../nodes/Seedance/trigger/scan';
import { SLACK_SECONDS } from '../nodes/Seedance/trigger/state';

const T = 1_790_000_000;
const at = (id: string, created: number | null): NormalizedTask => task('volcengine', { id, status: 'succeeded', createdAt: created === null ? null : new Date(created * 1000).toISOString() });
/** `count` tasks one second apart, the newest at `newest`. */
const run = (prefix: string, count: number, newest: number) => Array.from({ length: count }, (_, i) => at(`${prefix}${i}`, newest - i));

/** A list of tasks (newest first) paged by offset; `fail` answers a query with an error instead. */
function lister(tasks: NormalizedTask[], fail?: (query: ListQuery) => unknown) {
	const asked: Array<{ cursor?: string; pageSize: number }> = [];
	const client = {
		provider: 'volcengine',
		list: async (query: ListQuery) => {
			asked.push({ cursor: query.cursor, pageSize: query.pageSize });
			const error = fail?.(query);
			if (error) throw error;
			const start = Number(query.cursor ?? 0);
			return { tasks: tasks.slice(start, start + query.pageSize), ...(start + query.pageSize < tasks.length ? { nextCursor: String(start + query.pageSize) } : {}) };
		},
	} as unknown as ProviderClient;
	return { client, asked };
}

const far = () => Date.now() + 60_000;
const ids = (tasks: NormalizedTask[]) => tasks.map((t) => t.id);
const httpError = (statusCode: number) => new ProviderError({ provider: 'volcengine', kind: 'http', statusCode, message: `answered ${statusCode}`, description: 'advice' });

describe('where a scan from the newest task stops', () => {
	test('first scan (floor 0): full pages to the end of the list', async () => {
		const { client, asked } = lister(run('t', 600, T));
		const outcome = await scanList(client, {}, { floor: 0 }, far(), () => false);
		expect(asked).toEqual([{ cursor: undefined, pageSize: 500 }, { cursor: '500', pageSize: 500 }]);
		expect(outcome.tasks).toHaveLength(600);
		expect(outcome.newest).toBe(T);
		expect(outcome.pending).toBeUndefined();
	});

	test('idle: one probe of 20 stops at the known task at the floor', async () => {
		const tasks = [at('new2', T + 2), at('new1', T + 1), at('known', T), ...run('old', 30, T - 1)];
		const { client, asked } = lister(tasks);
		const outcome = await scanList(client, {}, { floor: T }, far(), (id) => id === 'known');
		expect(asked).toEqual([{ cursor: undefined, pageSize: 20 }]);
		expect(ids(outcome.tasks)).toEqual(['new2', 'new1']);
		expect(outcome.newest).toBe(T + 2);
	});

	test('more new tasks than the probe holds: read again from the newest in full pages', async () => {
		const tasks = [...run('new', 30, T + 30), at('known', T), ...run('old', 30, T - 1)];
		const { client, asked } = lister(tasks);
		const outcome = await scanList(client, {}, { floor: T }, far(), (id) => id === 'known');
		expect(asked).toEqual([{ cursor: undefined, pageSize: 20 }, { cursor: undefined, pageSize: 500 }]);
		expect(ids(outcome.tasks)).toEqual([...ids(run('new', 20, T + 30)), ...ids(run('new', 30, T + 30))]);
	});

	test('an unknown task at the floor or within the slack below it is read; one further below stops the scan', async () => {
		const tasks = [at('new', T + 1), at('atFloor', T), at('inSlack', T - SLACK_SECONDS), at('below', T - SLACK_SECONDS - 1), at('older', T - 500)];
		const { client } = lister(tasks);
		const outcome = await scanList(client, {}, { floor: T }, far(), () => false);
		expect(ids(outcome.tasks)).toEqual(['new', 'atFloor', 'inSlack']);
		expect(outcome.newest).toBe(T + 1);
	});

	test('a known task above the floor does not stop the scan', async () => {
		const tasks = [at('new', T + 2), at('knownAbove', T + 1), at('known', T), at('old', T - 1)];
		const { client } = lister(tasks);
		const outcome = await scanList(client, {}, { floor: T }, far(), (id) => id.startsWith('known'));
		expect(ids(outcome.tasks)).toEqual(['new', 'knownAbove']);
	});

	test('a task without a creation time: read when unknown, the stop when known; never the newest', async () => {
		const tasks = [at('new', T + 1), at('undated', null), at('undatedKnown', null), at('after', T + 5)];
		const { client } = lister(tasks);
		const outcome = await scanList(client, {}, { floor: T }, far(), (id) => id === 'undatedKnown');
		expect(ids(outcome.tasks)).toEqual(['new', 'undated']);
		expect(outcome.newest).toBe(T + 1);
	});

	test('the newest read is the latest creation time, wherever it stands in the list', async () => {
		const { client } = lister([at('a', T + 1), at('b', T + 3), at('c', T + 2)]);
		expect((await scanList(client, {}, { floor: 0 }, far(), () => false)).newest).toBe(T + 3);
	});
});

describe('a continued scan', () => {
	test('goes on from its cursor in full pages and reads past a known task at the floor itself', async () => {
		const tasks = [...run('x', 5, T + 10), at('knownAtFloor', T), at('shifted', T), at('known', T - 1), at('old', T - 2)];
		const { client, asked } = lister(tasks);
		const outcome = await scanList(client, {}, { cursor: '5', floor: T }, far(), (id) => id.startsWith('known'));
		expect(asked).toEqual([{ cursor: '5', pageSize: 500 }]);
		expect(ids(outcome.tasks)).toEqual(['knownAtFloor', 'shifted']);
	});

	test('past its deadline: one full page, then where to continue', async () => {
		const { client, asked } = lister(run('t', 1200, T));
		const outcome = await scanList(client, {}, { floor: 0 }, Date.now() - 1, () => false);
		expect(asked).toHaveLength(1);
		expect(outcome.tasks).toHaveLength(500);
		expect(outcome.pending).toEqual({ cursor: '500', floor: 0 });
		expect(outcome.newest).toBe(T);
	});

	test('exactly at its deadline it still goes on', async () => {
		const now = 1_800_000_000_000;
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		try {
			const { client, asked } = lister(run('t', 1200, T));
			const outcome = await scanList(client, {}, { floor: 0 }, now, () => false);
			expect(asked).toHaveLength(3);
			expect(outcome.pending).toBeUndefined();
		} finally {
			clock.mockRestore();
		}
	});

	test.each([[400], [404], [422], [499]])('a stored cursor refused with %s: read again from the newest, in full pages', async (status) => {
		const { client, asked } = lister(run('t', 3, T), (q) => (q.cursor === '9999' ? httpError(status) : undefined));
		const outcome = await scanList(client, {}, { cursor: '9999', floor: T - 10 }, far(), () => false);
		expect(asked).toEqual([{ cursor: '9999', pageSize: 500 }, { cursor: undefined, pageSize: 500 }]);
		expect(ids(outcome.tasks)).toEqual(['t0', 't1', 't2']);
	});

	test.each([
		['302 (a redirect to another host, refused)', httpError(302)],
		['an HTTP error without a status', new ProviderError({ provider: 'volcengine', kind: 'http', message: 'odd', description: 'advice' })],
		['401', httpError(401)],
		['403', httpError(403)],
		['408', httpError(408)],
		['429', httpError(429)],
		['500', httpError(500)],
		['a network failure', new ProviderError({ provider: 'volcengine', kind: 'network', statusCode: 400, message: 'reset', description: 'advice' })],
		['a plain error', Object.assign(new Error('odd'), { kind: 'http', statusCode: 400 })],
	])('a stored cursor failing with %s fails the scan (the cursor is not to blame)', async (_, error) => {
		const { client, asked } = lister(run('t', 3, T), () => error);
		await expect(scanList(client, {}, { cursor: '5', floor: T - 10 }, far(), () => false)).rejects.toBe(error);
		expect(asked).toHaveLength(1);
	});

	test('a 400 with no cursor fails the scan', async () => {
		const error = httpError(400);
		const { client, asked } = lister(run('t', 3, T), () => error);
		await expect(scanList(client, {}, { floor: T - 10 }, far(), () => false)).rejects.toBe(error);
		expect(asked).toHaveLength(1);
	});

	test('the model filter is asked on every page', async () => {
		const models: Array<string | undefined> = [];
		const { client } = lister(run('t', 600, T));
		const list = client.list!.bind(client);
		client.list = async (q) => {
			models.push(q.model);
			return await list(q);
		};
		await scanList(client, { model: 'm1' }, { floor: 0 }, far(), () => false);
		expect(models).toEqual(['m1', 'm1']);
	});
});
