// The Seedance Trigger node's own choices, through n8n-core's PollContext against the simulator:
// what it asks the provider (model and status filters, which tasks), what Fetch Test Event shows
// or says, what an item holds (raw task, video file), and what callback mode does when polled.

import { PollContext } from 'n8n-core';
import { sleep, Workflow, type IDataObject, type INode } from 'n8n-workflow';
import * as providers from '../nodes/Seedance/providers';
import type { ProviderClient } from '../nodes/Seedance/providers';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { SeedanceTrigger } from '../nodes/Seedance/SeedanceTrigger.node';
import { MAX_ATTEMPTS } from '../nodes/Seedance/trigger/poll';
import { additionalDataFor, nodeTypes } from './harness/engine';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { TriggerHarness } from './harness/poll';
import { credentialsFor } from './harness/simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());
afterEach(() => jest.restoreAllMocks());

type Engine = { configure: (o: object) => void; createTask: (p: string, id: string, m: string, params: object) => unknown; addFault: (f: object) => void };
const engine = () => (sim as unknown as { engine: Engine }).engine;
const MODEL = 'doubao-seedance-2-0-260128';
const OTHER_MODEL = 'doubao-seedance-1-0-pro-250528';

let counter = 0;
/** Tasks created at the simulator one after the other (the last is the newest), finishing at once or after `durationMs`. */
async function startTasks(provider: ProviderId, count: number, options: { model?: string; fault?: string; durationMs?: number } = {}): Promise<string[]> {
	engine().configure({ taskDurationMs: options.durationMs ?? 1 });
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		if (options.fault) engine().addFault({ route: 'create', kind: options.fault });
		const id = `cgt-node-${(counter++).toString().padStart(5, '0')}`;
		engine().createTask(provider, id, options.model ?? MODEL, {});
		ids.push(id);
		await sleep(2);
	}
	engine().configure({ taskDurationMs: 200 });
	if (!options.durationMs) await sleep(30);
	return ids;
}

const idsOf = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.id));
const listQueries = () => sim.requests({ route: 'list' }).map((r) => r.query);

describe('Fetch Test Event (manual mode)', () => {
	test('These Task IDs: shows the last listed task that reached the event, not a newer task of the account', async () => {
		const [first, second] = await startTasks('volcengine', 2);
		const [failed] = await startTasks('volcengine', 1, { fault: 'taskFails' });
		await startTasks('volcengine', 1);
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'ids', taskIds: `${first}\n${second}\n${failed}` }, API_KEY);
		const { items, error } = await trigger.poll({ mode: 'manual' });
		expect(error).toBeUndefined();
		expect(idsOf(items)).toEqual([second]);
		expect(listQueries()).toEqual([]);
		expect(sim.requests({ route: 'get' }).map((r) => r.path.split('/').pop())).toEqual([failed, second]);
	});

	test('These Task IDs, Video Failed: a listed success is skipped for the failure before it', async () => {
		const [failed] = await startTasks('anyfast', 1, { model: 'seedance', fault: 'taskFails' });
		const [ok] = await startTasks('anyfast', 1, { model: 'seedance' });
		const trigger = new TriggerHarness(sim, 'anyfast', { event: 'failed', source: 'ids', taskIds: `${failed}, ${ok}` }, API_KEY);
		const { items, error } = await trigger.poll({ mode: 'manual' });
		expect(error).toBeUndefined();
		expect(idsOf(items)).toEqual([failed]);
		expect(items?.[0].json.status).toBe('failed');
	});

	test('These Task IDs, none reached the event: says so, naming the event and what to do', async () => {
		const [ok] = await startTasks('anyfast', 1, { model: 'seedance' });
		const trigger = new TriggerHarness(sim, 'anyfast', { event: 'failed', source: 'ids', taskIds: ok }, API_KEY);
		const { error } = await trigger.poll({ mode: 'manual' });
		expect(error?.message).toBe('No failed Seedance task found to show as a sample');
		expect(error?.description).toBe('None of the listed task IDs has reached this event yet.');
	});

	test('These Task IDs left empty: nothing is asked of the provider', async () => {
		const trigger = new TriggerHarness(sim, 'anyfast', { event: 'succeeded', source: 'ids' }, API_KEY);
		const { error } = await trigger.poll({ mode: 'manual' });
		expect(error?.message).toBe('No succeeded Seedance task found to show as a sample');
		expect(sim.requests()).toEqual([]);
	});

	test.each([
		['succeeded', 'succeeded', 'No succeeded Seedance task found to show as a sample'],
		['failed', undefined, 'No failed Seedance task found to show as a sample'],
		['any', undefined, 'No finished Seedance task found to show as a sample'],
	])('All Tasks, event %s: one list of 50 (status filter %s, model filter), and a clear message when none', async (event, status, message) => {
		await startTasks('volcengine', 1, { model: OTHER_MODEL, ...(event === 'succeeded' ? {} : { fault: 'taskFails' }) });
		const trigger = new TriggerHarness(sim, 'volcengine', { event, source: 'account', model: MODEL }, API_KEY);
		const { error } = await trigger.poll({ mode: 'manual' });
		expect(error?.message).toBe(message);
		expect(error?.description).toBe('Generate a video first (tasks are listed for 7 days), or change the event.');
		expect(listQueries()).toEqual([{ page_num: '1', page_size: '50', 'filter.model': MODEL, ...(status ? { 'filter.status': status } : {}) }]);
	});

	test('All Tasks: a provider error is shown as such, not as "nothing found"', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, 'sk-wrong');
		const { error } = await trigger.poll({ mode: 'manual' });
		expect(error?.message).toMatch(/^Volcengine Ark answered 401/);
		expect(error?.description).toMatch(/Check the API key/);
	});

	test('Include Raw Provider Task: the sample carries the provider\'s task under "raw", and only then', async () => {
		const [id] = await startTasks('volcengine', 1);
		const withRaw = await new TriggerHarness(sim, 'volcengine', { source: 'ids', taskIds: id, options: { includeRaw: true } }, API_KEY).poll({ mode: 'manual' });
		expect((withRaw.items?.[0].json.raw as IDataObject).id).toBe(id);
		const without = await new TriggerHarness(sim, 'volcengine', { source: 'ids', taskIds: id, options: { includeRaw: false } }, API_KEY).poll({ mode: 'manual' });
		expect(without.items?.[0].json).not.toHaveProperty('raw');
	});
});

describe('what a poll asks and emits', () => {
	test('All Tasks with a Model: every list asks for that model only; without one, for all', async () => {
		const withModel = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account', model: MODEL }, API_KEY);
		await withModel.poll();
		const [mine] = await startTasks('volcengine', 1);
		await startTasks('volcengine', 1, { model: OTHER_MODEL });
		expect(idsOf((await withModel.poll()).items)).toEqual([mine]);
		expect(listQueries().map((q) => q['filter.model'])).toEqual([MODEL, MODEL]);

		sim.reset();
		const all = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, API_KEY);
		await all.poll();
		const both = [...(await startTasks('volcengine', 1)), ...(await startTasks('volcengine', 1, { model: OTHER_MODEL }))];
		expect(idsOf((await all.poll()).items).sort()).toEqual(both.sort());
		expect(listQueries().map((q) => q['filter.model'])).toEqual([undefined, undefined]);
	});

	test('These Task IDs left empty: a poll asks nothing and emits nothing', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'ids' }, API_KEY);
		for (let i = 0; i < MAX_ATTEMPTS + 1; i++) expect(await trigger.poll()).toEqual({ items: null });
		expect(sim.requests()).toEqual([]);
	});

	test('Download Video: the file is named after the task, as video/mp4', async () => {
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account', options: { downloadVideo: true } }, API_KEY);
		await trigger.poll();
		const [id] = await startTasks('volcengine', 1);
		const { items } = await trigger.poll();
		expect(items?.[0].binary?.data).toMatchObject({ fileName: `${id}.mp4`, mimeType: 'video/mp4' });
	});

	test('Download Video: a page served as application/octet-stream is not taken for the video', async () => {
		sim.addFault({ route: 'download', kind: 'htmlBody', contentType: 'application/octet-stream', count: Infinity });
		const [id] = await startTasks('volcengine', 1, { durationMs: 300 });
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'ids', taskIds: id, options: { downloadVideo: true } }, API_KEY);
		expect(await trigger.poll()).toEqual({ items: null });
		await sleep(350);
		const emitted = [];
		for (let i = 0; i < MAX_ATTEMPTS; i++) emitted.push(...((await trigger.poll()).items ?? []));
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).not.toHaveProperty('binary');
		expect(emitted[0].json.error).toMatchObject({ message: expect.stringContaining('the file is not a whole video/mp4') });
	});

	test('Download Video: a failed task is never downloaded, even where the provider leaves a URL on it', async () => {
		const original = providers.clientFor;
		jest.spyOn(providers, 'clientFor').mockImplementation(async (ctx) => {
			const client: ProviderClient = await original(ctx);
			client.videoSource = () => ({ url: `${sim.baseUrl('volcengine')}/nowhere.mp4`, authenticated: false });
			return client;
		});
		const [failed] = await startTasks('volcengine', 1, { fault: 'taskFails', durationMs: 300 });
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'failed', source: 'ids', taskIds: failed, options: { downloadVideo: true } }, API_KEY);
		expect(await trigger.poll()).toEqual({ items: null });
		await sleep(350);
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(idsOf(items)).toEqual([failed]);
		expect(items?.[0]).not.toHaveProperty('binary');
		// Two lookups by ID (Volcengine lists by ID), no download.
		expect(sim.requests().map((r) => r.route)).toEqual(['list', 'list']);
	});

	test.each([true, false])('a download that keeps failing is emitted with the error; Include Raw %s still holds for it', async (includeRaw) => {
		const [expired] = await startTasks('volcengine', 1, { fault: 'taskUrlExpired', durationMs: 300 });
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'ids', taskIds: expired, options: { downloadVideo: true, includeRaw } }, API_KEY);
		expect(await trigger.poll()).toEqual({ items: null });
		await sleep(350);
		const emitted = [];
		for (let i = 0; i < MAX_ATTEMPTS; i++) emitted.push(...((await trigger.poll()).items ?? []));
		expect(idsOf(emitted)).toEqual([expired]);
		expect(emitted[0].json.error).toMatchObject({ message: expect.stringContaining(`Downloading the video of task ${expired} failed`) });
		if (includeRaw) expect((emitted[0].json.raw as IDataObject).id).toBe(expired);
		else expect(emitted[0].json).not.toHaveProperty('raw');
	});

	test('an n8n without a poll budget (older versions): the poll runs with its own', async () => {
		const [id] = await startTasks('volcengine', 1, { durationMs: 300 });
		const node: INode = {
			id: 'trigger', name: 'Seedance Trigger', type: 'n8n-nodes-seedance.seedanceTrigger', typeVersion: 1, position: [0, 0],
			parameters: { source: 'ids', taskIds: id }, credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
		};
		const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {} });
		const context = new PollContext(workflow, node, additionalDataFor(credentialsFor(sim, 'volcengine', API_KEY)), 'trigger', 'activate');
		Object.defineProperty(context, 'getPollBudgetMs', { value: undefined });
		expect(await new SeedanceTrigger().poll.call(context)).toBeNull();
		await sleep(350);
		const result = await new SeedanceTrigger().poll.call(context);
		expect(idsOf(result?.[0] ?? null)).toEqual([id]);
	});
});

describe('On Provider Callback, when n8n polls', () => {
	test.each(['byteplus', 'volcengine'] as const)('%s: a poll reads nothing and emits nothing (tasks come by webhook)', async (provider) => {
		await startTasks(provider, 2);
		const trigger = new TriggerHarness(sim, provider, { event: 'succeeded', source: 'callback' }, API_KEY);
		for (let i = 0; i < 2; i++) expect(await trigger.poll()).toEqual({ items: null });
		expect(await trigger.poll({ mode: 'manual' })).toEqual({ items: null });
		expect(sim.requests()).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});

	test.each([
		['globalAiOpc', 'GlobalAiOpc'],
		['openaiVideos', 'OpenAI-Videos-Compatible Gateway'],
	] as const)('%s, which never calls back: activation fails, saying what to choose instead', async (provider, label) => {
		const trigger = new TriggerHarness(sim, provider, { event: 'succeeded', source: 'callback' }, API_KEY);
		const { error } = await trigger.poll();
		expect(error?.message).toBe(`${label} does not call back`);
		expect(error?.description).toBe('Only BytePlus ModelArk and Volcengine Ark send callbacks. Set Which Tasks to These Task IDs or All Tasks of This Account.');
		expect(sim.requests()).toEqual([]);
	});
});
