// One poll of the Seedance Trigger against an account whose tasks and failures a test sets: what a
// task that cannot be read is emitted with, when the trigger records anew instead of emitting, and
// that a task it gave up on (deleted, or emitted with an error) is neither asked about nor emitted again.

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import type { NormalizedTask, ProviderClient } from '../nodes/Seedance/providers';
import { ProviderError } from '../nodes/Seedance/providers/errors';
import { task, type TaskStatus } from '../nodes/Seedance/providers/task';
import { MAX_ATTEMPTS, pollOnce, type PollSettings } from '../nodes/Seedance/trigger/poll';
import { TriggerMemory, readState } from '../nodes/Seedance/trigger/state';

/** Provider time of the newest task (s): a real-looking time, far from bucket 0. */
const NOW = 1_790_000_000;
const iso = (s: number) => new Date(s * 1000).toISOString();

/** An account at the provider: tasks newest first, and what a GET of an ID throws instead of answering. */
class Account {
	private tasks: NormalizedTask[] = [];
	readonly getFails = new Map<string, unknown>();
	readonly gets: string[] = [];

	/** A task created at `created` (s), or at a time the provider does not tell (listed last). */
	set(id: string, status: TaskStatus, created: number | null) {
		const at = (t: NormalizedTask) => (t.createdAt ? Date.parse(t.createdAt) : -Infinity);
		this.tasks = [task('volcengine', { id, status, createdAt: created === null ? null : iso(created) }), ...this.tasks.filter((t) => t.id !== id)]
			.sort((a, b) => at(b) - at(a));
	}

	delete(id: string) {
		this.tasks = this.tasks.filter((t) => t.id !== id);
		this.getFails.set(id, new ProviderError({ provider: 'volcengine', kind: 'http', statusCode: 404, message: `${id} not found`, description: 'gone' }));
	}

	client(): ProviderClient {
		return {
			provider: 'volcengine',
			create: async () => { throw new Error('never created'); },
			get: async (id) => {
				this.gets.push(id);
				if (this.getFails.has(id)) throw this.getFails.get(id);
				const found = this.tasks.find((t) => t.id === id);
				if (!found) throw new ProviderError({ provider: 'volcengine', kind: 'http', statusCode: 404, message: `${id} not found`, description: 'gone' });
				return found;
			},
			list: async ({ cursor, pageSize }) => {
				const start = Number(cursor ?? 0);
				const page = this.tasks.slice(start, start + pageSize);
				return { tasks: page, ...(start + pageSize < this.tasks.length ? { nextCursor: String(start + pageSize) } : {}) };
			},
			videoSource: () => undefined,
		};
	}
}

/** The trigger of one workflow: its static data kept between polls, as n8n keeps it. */
class Trigger {
	readonly staticData: IDataObject = {};

	constructor(private readonly account: Account, private readonly settings: Partial<PollSettings> = {}) {}

	async poll(overrides: Partial<PollSettings> = {}): Promise<INodeExecutionData[] | null> {
		const ctx = { getWorkflowStaticData: () => this.staticData } as unknown as IPollFunctions;
		return await pollOnce(ctx, {
			client: this.account.client(),
			wanted: () => true,
			toJson: (t) => ({ id: t.id, status: t.status }),
			toItem: async (t) => ({ json: { id: t.id, status: t.status } }),
			deadline: Date.now() + 60_000,
			...this.settings,
			...overrides,
		});
	}

	async pollMany(count: number): Promise<INodeExecutionData[]> {
		const items: INodeExecutionData[] = [];
		for (let i = 0; i < count; i++) items.push(...((await this.poll()) ?? []));
		return items;
	}

	state() {
		return readState(this.staticData);
	}
}

const jsonOf = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => i.json);

describe('a task that cannot be read is emitted once, with what went wrong', () => {
	test.each([
		['an error with a description', Object.assign(new Error('boom'), { description: 'why it broke' }), { code: 'TaskNotFound', message: 'boom', description: 'why it broke' }],
		['an error without one', new Error('boom'), { code: 'TaskNotFound', message: 'boom' }],
		['a thrown string', 'gone away', { code: 'TaskNotFound', message: 'gone away' }],
		['a provider error', new ProviderError({ provider: 'volcengine', kind: 'http', statusCode: 500, code: 'InternalError', message: 'answered 500', description: 'later' }), { code: 'InternalError', message: 'answered 500', description: 'later' }],
	])('These Task IDs, a lookup that keeps failing with %s', async (_, thrown, error) => {
		const account = new Account();
		account.getFails.set('t1', thrown);
		const trigger = new Trigger(account, { ids: ['t1'] });
		const polls = [];
		for (let i = 0; i < MAX_ATTEMPTS + 1; i++) polls.push(jsonOf(await trigger.poll()));
		expect(polls).toEqual([[], [], [{ id: 't1', status: null, error }], []]);
	});

	test.each([
		['an error with a description', Object.assign(new Error('no file'), { description: 'host down' }), { code: 'DownloadFailed', message: 'no file', description: 'host down' }],
		['nothing (undefined)', undefined, { code: 'DownloadFailed', message: 'undefined' }],
		['null', null, { code: 'DownloadFailed', message: 'null' }],
	])('a download that keeps failing with %s', async (_, thrown, error) => {
		const account = new Account();
		account.set('t1', 'running', NOW);
		const trigger = new Trigger(account, { ids: ['t1'], toItem: async () => { throw thrown; } });
		expect(await trigger.poll()).toBeNull();
		account.set('t1', 'succeeded', NOW);
		expect(jsonOf(await trigger.poll())).toEqual([]);
		expect(jsonOf(await trigger.poll())).toEqual([]);
		expect(jsonOf(await trigger.poll())).toEqual([{ id: 't1', status: 'succeeded', error }]);
	});
});

describe('recording anew instead of emitting old tasks', () => {
	test('All Tasks: a primed state that lost its watermark records again, emitting nothing old', async () => {
		const account = new Account();
		account.set('old', 'succeeded', NOW - 7200);
		account.set('recent', 'succeeded', NOW);
		const trigger = new Trigger(account);
		expect(await trigger.poll()).toBeNull();
		expect(trigger.state()).toMatchObject({ primed: true, watermark: NOW });
		delete (trigger.staticData.seedance as IDataObject).watermark;
		expect(await trigger.poll()).toBeNull();
		account.set('fresh', 'succeeded', NOW + 10);
		expect(jsonOf(await trigger.poll())).toEqual([{ id: 'fresh', status: 'succeeded' }]);
	});

	test('These Task IDs: a first poll cut short by its deadline is not the end of recording', async () => {
		const account = new Account();
		for (const id of ['a', 'b', 'c']) account.set(id, 'succeeded', NOW);
		const trigger = new Trigger(account, { ids: ['a', 'b', 'c'] });
		expect(await trigger.poll({ deadline: Date.now() - 1 })).toBeNull();
		expect(account.gets).toEqual(['a']);
		expect(trigger.state().primed).toBe(false);
		// The tasks had finished before the trigger was activated: recorded, never emitted.
		expect(await trigger.pollMany(2)).toEqual([]);
		expect(trigger.state().primed).toBe(true);
	});
});

describe('a task the trigger gave up on is left alone', () => {
	test('All Tasks: a watched task deleted at the provider is forgotten after its attempts, never emitted', async () => {
		const account = new Account();
		account.set('running', 'running', NOW);
		const trigger = new Trigger(account);
		expect(await trigger.poll()).toBeNull();
		account.delete('running');
		expect(await trigger.pollMany(MAX_ATTEMPTS)).toEqual([]);
		expect(account.gets).toEqual(Array(MAX_ATTEMPTS).fill('running'));
		expect(trigger.state().watch).toEqual({});
		expect(await trigger.pollMany(2)).toEqual([]);
		expect(account.gets).toHaveLength(MAX_ATTEMPTS);
	});

	test('All Tasks: a task emitted with its lookup error is not emitted again once it finishes', async () => {
		const account = new Account();
		account.set('stuck', 'running', NOW);
		const trigger = new Trigger(account);
		expect(await trigger.poll()).toBeNull();
		account.getFails.set('stuck', new ProviderError({ provider: 'volcengine', kind: 'http', statusCode: 500, message: 'answered 500', description: 'later' }));
		const emitted = await trigger.pollMany(MAX_ATTEMPTS);
		expect(emitted.map((i) => i.json.id)).toEqual(['stuck']);
		account.getFails.delete('stuck');
		account.set('stuck', 'succeeded', NOW);
		expect(await trigger.pollMany(2)).toEqual([]);
	});

	test('All Tasks: the same for a task whose creation time the provider does not tell', async () => {
		const account = new Account();
		account.set('dated', 'succeeded', NOW);
		account.set('undated', 'running', null);
		const trigger = new Trigger(account);
		expect(await trigger.poll()).toBeNull();
		account.delete('dated');
		account.getFails.set('undated', new ProviderError({ provider: 'volcengine', kind: 'http', statusCode: 500, message: 'answered 500', description: 'later' }));
		expect((await trigger.pollMany(MAX_ATTEMPTS)).map((i) => i.json.id)).toEqual(['undated']);
		account.getFails.delete('undated');
		account.set('undated', 'succeeded', null);
		expect(await trigger.pollMany(2)).toEqual([]);
	});
});

describe('the watch list is bounded', () => {
	test('past 5,000 unfinished tasks, the newest 5,000 are kept', () => {
		const memory = new TriggerMemory(readState({}));
		// Created times in a shuffled order, so that only sorting keeps the right ones.
		const created = Array.from({ length: 5002 }, (_, i) => NOW - ((i * 7919) % 5002));
		created.forEach((at, i) => memory.keepWatching(`t${i}`, at, 0));
		const kept = Object.values(memory.toState().watch).map(([at]) => at).sort((a, b) => a - b);
		expect(kept).toHaveLength(5000);
		expect(kept[0]).toBe(NOW - 4999);
		expect(kept[4999]).toBe(NOW);
	});
});
