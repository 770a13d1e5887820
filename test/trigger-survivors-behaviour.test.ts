// Callback mode's answers and decisions, exactly: what n8n is told (the 200 body, no second
// response), bodies that name no task, a body without a status, a provider that never calls back,
// a provider answering with another task, a task's second event, and the time it is remembered at;
// the look-up of watched tasks in batches; polls that continue a scan or keep watching tasks; and
// the stored state's watch list and watermark.

import { WebhookContext } from 'n8n-core';
import { Workflow, sleep, type IDataObject, type INode, type INodeExecutionData, type INodeParameters, type IPollFunctions, type IWebhookData } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { SeedanceTrigger } from '../nodes/Seedance/SeedanceTrigger.node';
import type { NormalizedTask, ProviderClient } from '../nodes/Seedance/providers';
import { task as makeTask, type TaskStatus } from '../nodes/Seedance/providers/task';
import { pollOnce } from '../nodes/Seedance/trigger/poll';
import { eventKey } from '../nodes/Seedance/trigger/callback';
import { lookUp } from '../nodes/Seedance/trigger/lookup';
import { TriggerMemory, readState } from '../nodes/Seedance/trigger/state';
import { additionalDataFor, nodeTypes } from './harness/engine';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { assertNoKeyLeak, credentialsFor } from './harness/simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator({ taskDurationMs: 1 });
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

type Engine = { createTask: (p: string, id: string, m: string, params: object) => unknown; addFault: (f: object) => void };
const engine = () => (sim as unknown as { engine: Engine }).engine;
const MODEL = 'dreamina-seedance-2-0-260128';

/** One POST through n8n-core's WebhookContext, keeping what the trigger returned and the JSON it answered. */
async function post(provider: ProviderId, body: unknown, parameters: IDataObject = { event: 'any' }, staticData: IDataObject = {}) {
	const node: INode = {
		id: 'trigger', name: 'Seedance Trigger', type: 'n8n-nodes-seedance.seedanceTrigger', typeVersion: 1, position: [0, 0], webhookId: 'hook',
		parameters: { source: 'callback', ...parameters } as INodeParameters, credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
	};
	const workflow = new Workflow({ id: 'wf-survivors', nodes: [node], connections: {}, active: true, nodeTypes, staticData });
	const additionalData = additionalDataFor(credentialsFor(sim, provider, API_KEY));
	const answer: { status?: number; json?: unknown } = {};
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		json(value: unknown) {
			answer.json = value;
			return response;
		},
		end: () => response,
	};
	Object.assign(additionalData, { httpRequest: { body, headers: { 'content-type': 'application/json' }, params: {}, query: {} }, httpResponse: response });
	const trigger = new SeedanceTrigger();
	const webhookData: IWebhookData = { httpMethod: 'POST', node: node.name, path: 'hook/callback', webhookDescription: trigger.description.webhooks![0], workflowId: 'wf-survivors', workflowExecuteAdditionalData: additionalData };
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	const result = await trigger.webhook.call(context);
	assertNoKeyLeak(sim, API_KEY, [result.workflowData, workflow.staticData]);
	const items = result.workflowData?.[0] ?? null;
	return { answer, result, items, ids: items?.map((i) => [i.json.id, i.json.status]), state: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
}

async function finishedTask(id: string) {
	engine().createTask('byteplus', id, MODEL, {});
	await sleep(30);
}

// First of this file's emitting tests: the claims of this process are empty before it.
test('a task just emitted is not emitted again by a retry that comes before n8n saved the static data', async () => {
	await finishedTask('cgt-cb-retry');
	expect((await post('byteplus', { id: 'cgt-cb-retry', status: 'succeeded' })).ids).toEqual([['cgt-cb-retry', 'succeeded']]);
	expect((await post('byteplus', { id: 'cgt-cb-retry', status: 'succeeded' })).items).toBeNull();
});

test('every body is answered 200 {"received": true}; one that names no task tells n8n not to answer again', async () => {
	for (const body of [{}, { id: 'not a task id!' }, { id: 42 }, null]) {
		const { answer, result, items } = await post('byteplus', body);
		expect({ answer, result, items }).toEqual({ answer: { status: 200, json: { received: true } }, result: { noWebhookResponse: true }, items: null });
	}
	expect(sim.requests()).toEqual([]);
});

test('a finished task is emitted with no second response, also when the body names no status', async () => {
	await finishedTask('cgt-cb-nostatus');
	const { answer, result, ids } = await post('byteplus', { id: 'cgt-cb-nostatus' });
	expect(answer).toEqual({ status: 200, json: { received: true } });
	expect(result.noWebhookResponse).toBe(true);
	expect(ids).toEqual([['cgt-cb-nostatus', 'succeeded']]);
	expect(sim.requests({ route: 'get' })).toHaveLength(1);
});

test.each(['globalAiOpc', 'openaiVideos'] as const)('%s never calls back: a callback naming a task costs no request and emits nothing', async (provider) => {
	const { result, items } = await post(provider, { id: 'task_cb_1', status: 'succeeded' });
	expect({ result, items }).toEqual({ result: { noWebhookResponse: true }, items: null });
	expect(sim.requests()).toEqual([]);
});

test('a task the account does not have is answered, emits nothing and throws nothing', async () => {
	const { result, items } = await post('byteplus', { id: 'cgt-not-there', status: 'succeeded' });
	expect({ result, items }).toEqual({ result: { noWebhookResponse: true }, items: null });
	expect(sim.requests({ route: 'get' })).toHaveLength(1);
});

/** What the provider answers to the GET of `id`: the task `as`, with these fields changed. */
async function answerGetWith(id: string, changes: IDataObject) {
	await finishedTask(id);
	const res = await fetch(`${sim.baseUrl('byteplus')}/contents/generations/tasks/${id}`, { headers: { authorization: `Bearer ${API_KEY}` } });
	const task = { ...((await res.json()) as IDataObject), ...changes };
	sim.reset();
	engine().addFault({ route: 'get', kind: 'status', status: 200, body: JSON.stringify(task), contentType: 'application/json' });
}

test('a provider answering with another task than the one named emits nothing', async () => {
	await answerGetWith('cgt-cb-asked', { id: 'cgt-cb-other' });
	const { result, items } = await post('byteplus', { id: 'cgt-cb-asked', status: 'succeeded' });
	expect({ result, items }).toEqual({ result: { noWebhookResponse: true }, items: null });
});

test('the task is remembered at its provider update time (the newest it read)', async () => {
	await answerGetWith('cgt-cb-times', { created_at: 1_800_000_000, updated_at: 1_800_000_500 });
	const { ids, state } = await post('byteplus', { id: 'cgt-cb-times', status: 'succeeded' });
	expect(ids).toEqual([['cgt-cb-times', 'succeeded']]);
	const stored = (state['node:Seedance Trigger'] as IDataObject).seedanceCallback as IDataObject;
	expect(stored).toMatchObject({ primed: true, watermark: 1_800_000_500 });
});

test('an older task leaves a newer remembered time as it is', async () => {
	await answerGetWith('cgt-cb-older', { created_at: 1_800_000_000, updated_at: 1_800_000_500 });
	const memory = new TriggerMemory(readState({}));
	memory.watermark = 1_900_000_000;
	memory.primed = true;
	const { ids, state } = await post('byteplus', { id: 'cgt-cb-older', status: 'succeeded' }, { event: 'any' }, { 'node:Seedance Trigger': { seedanceCallback: memory.toState() } });
	expect(ids).toEqual([['cgt-cb-older', 'succeeded']]);
	expect(((state['node:Seedance Trigger'] as IDataObject).seedanceCallback as IDataObject).watermark).toBe(1_900_000_000);
});

test('a task without any time leaves no remembered time', async () => {
	await answerGetWith('cgt-cb-timeless', { created_at: null, updated_at: null });
	const { ids, state } = await post('byteplus', { id: 'cgt-cb-timeless', status: 'succeeded' });
	expect(ids).toEqual([['cgt-cb-timeless', 'succeeded']]);
	const stored = (state['node:Seedance Trigger'] as IDataObject).seedanceCallback as IDataObject;
	expect(stored.primed).toBe(true);
	expect(stored).not.toHaveProperty('watermark');
});

test('a task whose success was emitted still emits its failure: only both events recorded skip the read', async () => {
	engine().addFault({ route: 'create', kind: 'taskFails' });
	await finishedTask('cgt-cb-second');
	const memory = new TriggerMemory(readState({}));
	memory.markSeen(eventKey({ id: 'cgt-cb-second', status: 'succeeded' }), '0');
	memory.primed = true;
	const { ids } = await post('byteplus', { id: 'cgt-cb-second', status: 'failed' }, { event: 'any' }, { 'node:Seedance Trigger': { seedanceCallback: memory.toState() } });
	expect(ids).toEqual([['cgt-cb-second', 'failed']]);
});

describe('looking up watched tasks in batches', () => {
	/** A client that lists by ID and knows every ID but those in `unknown`; it records each batch asked. */
	const batchClient = (unknown: string[] = []) => {
		const batches: string[][] = [];
		const client = {
			provider: 'byteplus',
			get: async () => await Promise.reject(new Error('one GET each is not expected here')),
			getMany: async (ids: readonly string[]) => {
				batches.push([...ids]);
				return ids.filter((id) => !unknown.includes(id)).map((id) => ({ id, status: 'running' }) as unknown as NormalizedTask);
			},
		} as unknown as ProviderClient;
		return { client, batches };
	};
	const ids = (count: number) => Array.from({ length: count }, (_, n) => `cgt-${n}`);

	test('500 IDs are one batch, 1000 are two, and no empty batch follows', async () => {
		for (const [count, sizes] of [[500, [500]], [1000, [500, 500]], [501, [500, 1]]] as const) {
			const { client, batches } = batchClient();
			const outcomes = await lookUp(client, ids(count), Date.now() + 60_000);
			expect(batches.map((b) => b.length)).toEqual(sizes);
			expect(outcomes.size).toBe(count);
		}
	});

	test('an ID the provider does not list is not found, saying what to do', async () => {
		const { client } = batchClient(['cgt-1']);
		const outcome = (await lookUp(client, ['cgt-0', 'cgt-1'], Date.now() + 60_000)).get('cgt-1') as { error: Error & { description?: string; httpCode?: string | null }; notFound: boolean };
		expect(outcome.notFound).toBe(true);
		expect(outcome.error.message).toContain('Task cgt-1 is not known to the provider');
		expect(outcome.error.description).toBe("It was deleted, purged after the provider's retention time, or the ID is mistyped. Remove it from Task IDs.");
	});
});

describe('a poll continuing a scan, and the tasks it keeps watching', () => {
	const NOW = 1_790_000_000;
	const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

	/** Tasks newest first, listed page by page (the cursor is an index), looked up by ID. */
	function account(tasks: Array<[id: string, status: TaskStatus, created: number]>, gets: string[] = []): ProviderClient {
		const list = tasks.map(([id, status, created]) => makeTask('volcengine', { id, status, createdAt: iso(created) }));
		return {
			provider: 'volcengine',
			create: async () => await Promise.reject(new Error('never created')),
			get: async (id: string) => {
				gets.push(id);
				return list.find((t) => t.id === id) ?? (await Promise.reject(new Error(`${id} not found`)));
			},
			list: async ({ cursor, pageSize }: { cursor?: string; pageSize: number }) => {
				const start = Number(cursor ?? 0);
				return { tasks: list.slice(start, start + pageSize), ...(start + pageSize < list.length ? { nextCursor: String(start + pageSize) } : {}) };
			},
			videoSource: () => undefined,
		} as unknown as ProviderClient;
	}

	async function poll(client: ProviderClient, staticData: IDataObject, settings: { ids?: string[]; deadline?: number; toItem?: (t: NormalizedTask) => Promise<INodeExecutionData> } = {}) {
		const ctx = { getWorkflowStaticData: () => staticData } as unknown as IPollFunctions;
		const items = await pollOnce(ctx, {
			client,
			wanted: () => true,
			toJson: (t) => ({ id: t.id, status: t.status }),
			toItem: async (t) => ({ json: { id: t.id, status: t.status } }),
			deadline: Date.now() + 60_000,
			...settings,
		});
		return (items ?? []).map((i) => i.json.id);
	}

	/** Static data of a primed trigger whose last scan stopped at `cursor`. */
	function interrupted(cursor: string): IDataObject {
		const memory = new TriggerMemory(readState({}));
		memory.primed = true;
		memory.watermark = NOW - 30;
		memory.scan = { cursor, floor: NOW - 100 };
		return { seedance: memory.toState() };
	}

	test('with time left, the head is read after the continued scan: both its task and the new one are emitted', async () => {
		const client = account([['new', 'succeeded', NOW + 10], ['older', 'succeeded', NOW - 60]]);
		expect(await poll(client, interrupted('1'))).toEqual(['older', 'new']);
	});

	test('out of time, a continued scan that found nothing still reads the head', async () => {
		const client = account([['new', 'succeeded', NOW + 10]]);
		expect(await poll(client, interrupted('5'), { deadline: Date.now() - 1 })).toEqual(['new']);
	});

	test('These Task IDs: finished tasks are emitted in the order of the IDs', async () => {
		const memory = new TriggerMemory(readState({}));
		memory.primed = true;
		const client = account([['a', 'succeeded', NOW], ['b', 'succeeded', NOW], ['c', 'succeeded', NOW]]);
		expect(await poll(client, { seedance: memory.toState() }, { ids: ['a', 'b', 'c'] })).toEqual(['a', 'b', 'c']);
	});

	test('All Tasks: a watched task the scan showed is not asked for again', async () => {
		const memory = new TriggerMemory(readState({}));
		memory.primed = true;
		memory.watermark = NOW - 30;
		memory.keepWatching('w', NOW - 10, 0);
		const gets: string[] = [];
		const client = account([['w', 'succeeded', NOW - 10]], gets);
		expect(await poll(client, { seedance: memory.toState() })).toEqual(['w']);
		expect(gets).toEqual([]);
	});

	test('These Task IDs: IDs not reached before the deadline are kept watched from the start', async () => {
		const client = account([['a', 'running', NOW], ['b', 'running', NOW], ['c', 'running', NOW]]);
		const staticData: IDataObject = {};
		await poll(client, staticData, { ids: ['a', 'b', 'c'], deadline: Date.now() - 1 });
		expect(readState(staticData).watch).toEqual({ a: [NOW, 0], b: [0, 0], c: [0, 0] });
	});

	test('a task whose download failed is watched again with its creation time', async () => {
		const client = account([['t1', 'succeeded', NOW]]);
		const staticData: IDataObject = {};
		const failing = async () => await Promise.reject(new Error('no file'));
		const memory = new TriggerMemory(readState({}));
		memory.primed = true;
		memory.keepWatching('t1', NOW, 0);
		Object.assign(staticData, { seedance: memory.toState() });
		expect(await poll(client, staticData, { ids: ['t1'], toItem: failing })).toEqual([]);
		expect(readState(staticData).watch).toEqual({ t1: [NOW, 1] });
	});
});

describe('the stored state', () => {
	const memoryOf = (staticData: IDataObject = {}) => new TriggerMemory(readState(staticData));

	test('a state without a readable watch list is read with none, not refused', () => {
		for (const watch of [undefined, null, 'cgt-1', 7]) {
			expect(readState({ seedance: { v: 2, primed: true, seen: {}, watch } })).toEqual({ v: 2, primed: true, seen: {}, watch: {} });
		}
	});

	test('the watch list keeps its round-robin order, and only the listed IDs when IDs are given', () => {
		const memory = memoryOf();
		memory.keepWatching('older', 100, 0);
		memory.keepWatching('newer', 200, 1);
		memory.keepWatching('unlisted', 300, 0);
		expect(Object.keys(memory.toState().watch)).toEqual(['older', 'newer', 'unlisted']);
		expect(memory.toState(new Set(['older', 'newer'])).watch).toEqual({ older: [100, 0], newer: [200, 1] });
	});

	test('a watch list of exactly 5000 tasks is kept whole and in order; past that the newest are kept', () => {
		const memory = memoryOf();
		for (let n = 0; n < 5000; n++) memory.keepWatching(`t${n}`, n, 0);
		const kept = Object.keys(memory.toState().watch);
		expect(kept).toHaveLength(5000);
		expect(kept.slice(0, 2)).toEqual(['t0', 't1']);
		memory.keepWatching('t5000', 5000, 0);
		const bounded = Object.keys(memory.toState().watch);
		expect(bounded).toHaveLength(5000);
		expect(bounded[0]).toBe('t5000');
		expect(bounded).not.toContain('t0');
	});

	test('a memory with no watermark stores none', () => {
		expect(memoryOf().toState()).not.toHaveProperty('watermark');
	});
});
