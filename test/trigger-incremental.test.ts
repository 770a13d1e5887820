/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node, never in n8n */
// The Seedance Trigger reads only what can have changed: an idle poll reads the newest tasks down
// to the first one it knows, and looks up the unfinished tasks it watches by ID, in batches where
// the client can. Forgetting follows the provider's times, so a host clock that jumps re-emits nothing.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sleep, type IDataObject } from 'n8n-workflow';
import * as providers from '../nodes/Seedance/providers';
import type { ProviderClient } from '../nodes/Seedance/providers';
import { task as makeTask } from '../nodes/Seedance/providers/task';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { TriggerHarness } from './harness/poll';

type Engine = { createTask: (p: string, id: string, m: string, params: object) => unknown; configure: (o: object) => void };

let counter = 0;
function startTasks(sim: Simulator, count: number, durationMs: number): string[] {
	const engine = (sim as unknown as { engine: Engine }).engine;
	engine.configure({ taskDurationMs: durationMs });
	const ids = Array.from({ length: count }, () => `cgt-inc-${(counter++).toString().padStart(6, '0')}`);
	for (const id of ids) engine.createTask('volcengine', id, 'doubao-seedance-2-0-260128', {});
	engine.configure({ taskDurationMs: 200 });
	return ids;
}

const idsOf = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.id));

describe('an idle poll reads only what can have changed', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startTestSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());
	afterEach(() => jest.restoreAllMocks());

	test('2,000 listed tasks: an idle poll costs 1 request, and a new task is still emitted', async () => {
		startTasks(sim, 2000, 1);
		await sleep(50);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		expect((await trigger.poll()).items).toBeNull();
		for (let i = 0; i < 3; i++) {
			const before = sim.requests().length;
			expect((await trigger.poll({ restart: true })).items).toBeNull();
			expect(sim.requests().length - before).toBeLessThanOrEqual(1);
		}
		const [fresh] = startTasks(sim, 1, 1);
		await sleep(1100);
		expect(idsOf((await trigger.poll()).items)).toEqual([fresh]);
	});

	test('a first activation longer than one poll\'s budget completes, emitting nothing old, then new tasks come', async () => {
		const old = startTasks(sim, 1400, 1);
		await sleep(50);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		sim.addFault({ route: 'list', kind: 'slow', delayMs: 200, count: 8 });
		const emitted: string[] = [];
		for (let i = 0; i < 6; i++) emitted.push(...idsOf((await trigger.poll({ budgetMs: 300, restart: true })).items));
		expect(emitted).toEqual([]);
		const fresh = startTasks(sim, 3, 1);
		await sleep(1100);
		const before = sim.requests().length;
		expect(idsOf((await trigger.poll({ budgetMs: 300 })).items).sort()).toEqual(fresh.sort());
		expect(sim.requests().length - before).toBeLessThanOrEqual(2);
		expect(old).toHaveLength(1400);
	});

	/** Gives the client a `getMany` that asks the simulator's Ark list by ID: one request per 500 IDs. */
	function withGetMany(calls: string[][]) {
		const original = providers.clientFor;
		jest.spyOn(providers, 'clientFor').mockImplementation(async (ctx) => {
			const client: ProviderClient = await original(ctx);
			client.getMany = async (ids) => {
				calls.push([...ids]);
				const qs = new URLSearchParams({ page_size: '500' });
				for (const id of ids) qs.append('filter.task_ids', id);
				const reply = await fetch(`${sim.baseUrl('volcengine')}/contents/generations/tasks?${qs}`, { headers: { authorization: `Bearer ${API_KEY}` } });
				const body = (await reply.json()) as { items: Array<{ id: string; status: 'queued'; created_at: number }> };
				return body.items.map((t) => makeTask('volcengine', { id: t.id, status: t.status, createdAt: new Date(t.created_at * 1000).toISOString() }));
			};
			return client;
		});
	}

	test('unfinished tasks are watched by ID: one getMany request for all of them, none listed again', async () => {
		const calls: string[][] = [];
		withGetMany(calls);
		startTasks(sim, 1000, 1);
		const slow = startTasks(sim, 40, 1500);
		await sleep(50);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		await trigger.poll();
		const emitted: string[] = [];
		for (let i = 0; i < 5; i++) {
			const before = sim.requests().length;
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			emitted.push(...idsOf(items));
			// The head of the list (1 request) and the watched tasks by ID (1 request), never one GET each.
			const asked = sim.requests().slice(before);
			expect(asked.length).toBeLessThanOrEqual(2);
			expect(asked.filter((r) => r.route === 'get')).toHaveLength(0);
			await sleep(400);
		}
		expect(calls.length).toBeGreaterThan(0);
		expect([...new Set(calls.flat())].sort()).toEqual([...slow].sort());
		expect(emitted.sort()).toEqual([...slow].sort());
	});

	test('without getMany, each watched task is looked up with its own GET', async () => {
		const original = providers.clientFor;
		jest.spyOn(providers, 'clientFor').mockImplementation(async (ctx) => {
			const client: ProviderClient = await original(ctx);
			delete client.getMany;
			return client;
		});
		startTasks(sim, 600, 1);
		const slow = startTasks(sim, 5, 60_000);
		await sleep(50);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		await trigger.poll();
		const before = sim.requests().length;
		await trigger.poll();
		const asked = sim.requests().slice(before);
		expect(asked.filter((r) => r.route === 'list')).toHaveLength(1);
		expect(asked.filter((r) => r.route === 'get').map((r) => r.path.split('/').pop()).sort()).toEqual([...slow].sort());
	});
});

describe('a host clock that jumps', () => {
	let child: ChildProcess;
	let url = '';
	const KEY = 'sim-clock-key';
	beforeAll(async () => {
		// The provider runs in its own process with the right time; only this process's clock is wrong.
		child = spawn(process.execPath, [path.join(__dirname, '../simulator/cli.js'), '--port', '0', '--key', KEY, '--task-seconds', '0.01'], { stdio: ['ignore', 'pipe', 'inherit'] });
		url = await new Promise<string>((resolve, reject) => {
			child.stdout?.on('data', (chunk: Buffer) => {
				const match = /listening on (\S+)/.exec(chunk.toString());
				if (match) resolve(match[1]);
			});
			child.once('exit', () => reject(new Error('simulator exited')));
		});
	});
	afterAll(() => {
		child.kill();
	});

	test('9 days behind, then corrected: nothing is emitted again', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { PROVIDER_PATHS } = require('../simulator/server') as { PROVIDER_PATHS: Record<string, string> };
		// The child's redirect target is out of reach here; this test is about the clock, not redirects.
		const remote = { apiKey: KEY, baseUrl: (p: string) => `${url}${PROVIDER_PATHS[p]}`, elsewhere: { received: [] } } as unknown as Simulator;
		const realNow = Date.now.bind(Date);
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() - 9 * 24 * 3600 * 1000);
		const trigger = new TriggerHarness(remote, 'volcengine', { event: 'succeeded', source: 'account' }, KEY);
		expect((await trigger.poll()).items).toBeNull();
		const created: string[] = [];
		const createTask = async (prompt: string) => {
			const reply = await fetch(`${remote.baseUrl('volcengine')}/contents/generations/tasks`, {
				method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'doubao-seedance-2-0-260128', content: [{ type: 'text', text: prompt }] }),
			});
			created.push(((await reply.json()) as { id: string }).id);
		};
		for (let i = 0; i < 5; i++) await createTask(`a cat ${i}`);
		await sleep(100);
		expect(idsOf((await trigger.poll()).items).sort()).toEqual([...created.slice(0, 5)].sort());
		clock.mockRestore();
		// One more task after the correction, so that the state is written again.
		await createTask('a dog');
		await sleep(100);
		const later: string[] = [];
		for (let i = 0; i < 3; i++) later.push(...idsOf((await trigger.poll({ restart: true })).items));
		expect(later).toEqual([created[5]]);
	});
});
