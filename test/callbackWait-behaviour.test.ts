// Create and Wait by provider callback, exact values: what is created and stored when the execution
// parks, when it waits (last-resort date), and what each callback answers, reads and outputs.
// Callbacks are handed in by the test (the simulator's own go to a public URL it never contacts).

import { ExecuteContext, ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { Workflow, sleep, type IDataObject, type INodeExecutionData, type IRun, type IWebhookData, type IWorkflowDataProxyData } from 'n8n-workflow';
import { Seedance } from '../nodes/Seedance/Seedance.node';
import { additionalDataFor, nodeTypes, seedanceWorkflow } from './harness/engine';
import { API_KEY, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';
import { credentialsFor } from './harness/simulator';

const PUBLIC_URL = 'https://n8n.example.test';
const MODEL = { __rl: true, mode: 'id', value: 'dreamina-seedance-2-0-260128' };
let sim: Simulator;
let runs = 0;

beforeAll(async () => {
	sim = await startTestSimulator({ taskDurationMs: 150 });
});
afterAll(async () => await sim.close());
beforeEach(() => {
	sim.reset();
	sim.configure({ taskDurationMs: 150 });
});

interface Parked {
	run: IRun;
	output: INodeExecutionData[];
	/** The plan the node stored with the waiting execution. */
	plan: { items: Array<IDataObject & { taskId?: string; submittedAt: number; timeoutAt: number }> };
	ids: string[];
	/** One callback into the node's webhook: the status and body answered, and what the webhook returned. */
	callback(body: unknown): Promise<{ status?: number; json?: unknown; result: IDataObject }>;
}

/** Runs Items → Seedance (Wait By: Provider Callback) on n8n-core until it parks, as waiting.ts does. */
async function park(items: IDataObject[], extra: IDataObject = {}, continueOnFail = false, publicUrl = PUBLIC_URL, onStart?: (cancel: () => void) => void): Promise<Parked> {
	const data = seedanceWorkflow({ model: MODEL, waitBy: 'callback', waitOptions: { expectedSeconds: 0.2 }, ...extra }, items, { continueOnFail });
	const executionId = `exec-cb-${++runs}`;
	const workflow = new Workflow({ id: 'test', name: data.name, nodes: data.nodes, connections: data.connections, active: false, nodeTypes, staticData: {}, settings: { executionOrder: 'v1' } });
	const additionalData = () => Object.assign(additionalDataFor(credentialsFor(sim, 'byteplus', API_KEY), new ExecutionLifecycleHooks('manual', executionId, data)), { executionId, webhookWaitingBaseUrl: `${publicUrl}/webhook-waiting` });
	const start = data.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const running = new WorkflowExecute(additionalData(), 'manual').run({ workflow, startNode: start });
	onStart?.(() => running.cancel());
	const run = await running;
	const output = run.data.resultData.runData.Seedance?.[0]?.data?.main?.[0] ?? [];
	const plan = (run.data.executionData?.contextData?.['node:Seedance']?.seedanceCallbackWait ?? { items: [] }) as Parked['plan'];
	const seedance = new Seedance();
	return {
		run,
		output,
		plan,
		ids: output.map((i) => String(i.json.id)),
		async callback(body) {
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
			const extraData = Object.assign(additionalData(), { httpRequest: { body, headers: {}, params: {}, query: {} }, httpResponse: response });
			const webhookData: IWebhookData = { httpMethod: 'POST', node: 'Seedance', path: 'seedance-callback', webhookDescription: seedance.description.webhooks![0], workflowId: workflow.id, workflowExecuteAdditionalData: extraData };
			const context = new WebhookContext(workflow, workflow.getNode('Seedance')!, extraData, 'manual', webhookData, [], run.data);
			const result = (await seedance.webhook.call(context)) as unknown as IDataObject;
			return { ...answer, result };
		},
	};
}

/** Waits until the simulator reports every task finished. */
async function finished(ids: string[]) {
	while (!ids.every((id) => ['succeeded', 'failed'].includes(sim.engine.state(sim.engine.tasks.get(id)).status))) await sleep(20);
}

/** The provider no longer knows a task (deleted, or purged after retention). */
const forget = (id: string) => Object.assign(sim.engine.tasks.get(id)!, { deleted: true });
const reads = () => sim.requests().filter((r) => r.route === 'get' || r.route === 'list');
const outputOf = (result: IDataObject) => (result.workflowData as INodeExecutionData[][])[0];

describe('Create and Wait by callback: parking', () => {
	it('waiting by polling adds no hint (the callback path is not tried)', async () => {
		const run = await runSeedance(sim, 'byteplus', { model: 'dreamina-seedance-2-0-260128', prompt: 'a cat' });
		expect(run.items.map((i) => i.json.status)).toEqual(['succeeded']);
		expect(run.run.data.resultData.runData.Seedance[0].hints ?? []).toEqual([]);
	});

	it('with n8n on localhost the hint is shown in the output pane', async () => {
		const parked = await park([{ prompt: 'a cat' }], {}, false, 'http://127.0.0.1:5678');
		expect(parked.run.waitTill).toBeUndefined();
		expect(parked.run.data.resultData.runData.Seedance[0].hints).toEqual([
			{ message: "Waited by polling: n8n's public URL (WEBHOOK_URL) is local (127.0.0.1:5678), so the provider cannot reach it. Set WEBHOOK_URL to n8n's public address to wait by callback.", location: 'outputPane' },
		]);
	});

	it.each([undefined, ''])('with no resume URL (%p) the hint says WEBHOOK_URL is not set', async (resumeUrl) => {
		const proxy = jest.spyOn(ExecuteContext.prototype, 'getWorkflowDataProxy').mockReturnValue({ $execution: { resumeUrl } } as unknown as IWorkflowDataProxyData);
		try {
			const parked = await park([{ prompt: 'a cat' }]);
			expect(parked.run.waitTill).toBeUndefined();
			expect(parked.output.map((i) => i.json.status)).toEqual(['succeeded']);
			expect(parked.run.data.resultData.runData.Seedance[0].hints).toEqual([
				{ message: "Waited by polling: n8n's public URL (WEBHOOK_URL) is not set, so the provider cannot reach it. Set WEBHOOK_URL to n8n's public address to wait by callback.", location: 'outputPane' },
			]);
		} finally {
			proxy.mockRestore();
		}
	});

	it('each task expires after its own timeout (at least 1 hour); the wait date is the last expiry plus 15 minutes', async () => {
		const before = Date.now();
		const parked = await park([{ prompt: 'a', t: 60 }, { prompt: 'b', t: 150 }, { prompt: 'c', t: 30 }], { prompt: '={{ $json.prompt }}', waitOptions: { expectedSeconds: 0.2, timeoutMinutes: '={{ $json.t }}' } });
		const after = Date.now();
		const creates = sim.requests({ route: 'create' });
		expect(Object.fromEntries(creates.map((c) => [(c.body?.content as Array<{ text?: string }>)[0].text, c.body?.execution_expires_after]))).toEqual({ a: 3600, b: 9000, c: 3600 });
		const waitTill = parked.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 9000_000 + 900_000);
		expect(waitTill).toBeLessThanOrEqual(after + 9000_000 + 900_000);
		expect(parked.output.map((i) => i.json)).toEqual(parked.ids.map((id) => ({ id, status: 'queued', waitingFor: 'callback' })));
		parked.plan.items.forEach((p, i) => {
			expect(p.timeoutAt - p.submittedAt).toBe([60, 150, 30][i] * 60_000);
			expect(p).toMatchObject({ taskId: parked.ids[i], onTimeout: 'error', includeRaw: false, download: { video: true, videoProperty: 'data', lastFrame: false, lastFrameProperty: 'lastFrame' } });
		});
	});

	it('an Expire After of the user is sent and sets the wait date', async () => {
		const before = Date.now();
		const parked = await park([{ prompt: 'a cat' }], { options: { executionExpiresAfter: 200_000 } });
		const after = Date.now();
		expect(sim.requests({ route: 'create' })[0].body?.execution_expires_after).toBe(200_000);
		const waitTill = parked.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 200_000_000 + 900_000);
		expect(waitTill).toBeLessThanOrEqual(after + 200_000_000 + 900_000);
	});

	it('without Continue On Fail, a refused wait option of item 0 stops the run before any create', async () => {
		const parked = await park([{ t: 'abc' }, { t: 5 }], { prompt: 'a cat', waitOptions: { timeoutMinutes: '={{ $json.t }}' } });
		expect(parked.run.data.resultData.error?.message).toBe('Wait Options → Timeout (Minutes): must be a number above 0 to 4320, got "abc" [item 0]');
		expect(sim.requests({ route: 'create' })).toHaveLength(0);
	});

	it('with Continue On Fail, an item with a refused wait option is not created and waits as an error item with default settings', async () => {
		const parked = await park([{ t: 'abc' }, { t: 5 }], { prompt: 'a cat', waitOptions: { timeoutMinutes: '={{ $json.t }}' }, downloadVideo: true, outputOptions: { includeRaw: true } }, true);
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
		expect(parked.output[0]).toEqual({ json: { error: 'Wait Options → Timeout (Minutes): must be a number above 0 to 4320, got "abc" [item 0]' }, pairedItem: { item: 0 } });
		const [failed, created] = parked.plan.items;
		expect(failed).toEqual({ submittedAt: failed.submittedAt, timeoutAt: failed.submittedAt, onTimeout: 'error', includeRaw: false, download: { video: false, videoProperty: 'data', lastFrame: false, lastFrameProperty: 'lastFrame' }, error: { message: 'Wait Options → Timeout (Minutes): must be a number above 0 to 4320, got "abc" [item 0]', description: 'No request was sent for this item.' } });
		expect(created).toMatchObject({ includeRaw: true, download: { video: true, videoProperty: 'data' } });
	});

	it('without Continue On Fail, a refused create of the only item names no other task', async () => {
		sim.addFault({ route: 'create', kind: 'status', status: 400, count: 1 });
		const parked = await park([{ prompt: 'a cat' }]);
		const error = parked.run.data.resultData.error;
		expect(error?.message).toMatch(/^BytePlus ModelArk answered 400 InvalidParameter: .* \[item 0\]$/);
		expect(error?.description).not.toContain('Tasks created for other items');
		expect(error?.description).toBe(error?.description?.trim());
	});

	it('a cancelled execution stops while a refused create waits to be sent again, with no error item', async () => {
		sim.addFault({ route: 'create', kind: 'status', status: 429, retryAfter: 5, count: Infinity });
		const parking = park([{ prompt: 'a cat' }], {}, true, PUBLIC_URL, (cancel) => void sleep(400).then(cancel));
		const parked = await parking;
		expect(parked.run.status).toBe('canceled');
		expect(parked.run.data.resultData.error?.message).toBe('The execution was cancelled');
		expect(parked.output.filter((i) => 'error' in i.json)).toEqual([]);
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
	});
});

describe('Create and Wait by callback: resuming', () => {
	// First resume of this file: the set of resumed executions holds only this one.
	it('answers 200 {received: true}, resumes once from one list request, and a second callback changes nothing', async () => {
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }], { prompt: '={{ $json.prompt }}' });
		await finished(parked.ids);
		await sleep(250);
		const first = await parked.callback({ id: parked.ids[1], status: 'succeeded' });
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ received: true });
		expect(first.result.noWebhookResponse).toBe(true);
		const resumedAt = Date.now();
		expect(reads().map((r) => r.route)).toEqual(['list']);
		expect(reads()[0].query['filter.task_ids']).toEqual(parked.ids);
		const output = outputOf(first.result);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ id: parked.ids[i], status: 'succeeded', polls: 0, timedOut: false });
			const waited = item.json.waitedSeconds as number;
			expect(waited).toBeGreaterThanOrEqual(0.3);
			expect(waited).toBeLessThanOrEqual((resumedAt - parked.plan.items[i].submittedAt) / 1000 + 0.1);
			expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${parked.ids[i]}.mp4` });
		});
		const second = await parked.callback({ id: parked.ids[0], status: 'succeeded' });
		expect(second).toEqual({ status: 200, json: { received: true }, result: { noWebhookResponse: true } });
		expect(reads()).toHaveLength(1);
	});

	it('a callback with a status that cannot end a task, or naming no task, or with no body costs no request', async () => {
		const parked = await park([{ prompt: 'a cat' }]);
		await finished(parked.ids);
		for (const body of [{ id: parked.ids[0], status: 'running' }, { id: parked.ids[0], status: 'queued' }, { id: 'cgt-other', status: 'succeeded' }, { status: 'succeeded' }, null, undefined]) {
			expect(await parked.callback(body)).toEqual({ status: 200, json: { received: true }, result: { noWebhookResponse: true } });
		}
		expect(reads()).toHaveLength(0);
	});

	it('a callback without a status is checked with the key and resumes', async () => {
		const parked = await park([{ prompt: 'a cat' }]);
		await finished(parked.ids);
		const answer = await parked.callback({ id: parked.ids[0] });
		expect(outputOf(answer.result).map((i) => i.json.status)).toEqual(['succeeded']);
	});

	it('an item that failed before its create is output in its place, and its task list names only created tasks', async () => {
		const parked = await park([{ prompt: '' }, { prompt: 'a cat' }], { prompt: '={{ $json.prompt }}' }, true);
		await finished([parked.ids[1]]);
		const answer = await parked.callback({ id: parked.ids[1], status: 'succeeded' });
		expect([reads()[0].query['filter.task_ids']].flat()).toEqual([parked.ids[1]]);
		const output = outputOf(answer.result);
		expect(output[0]).toEqual({ json: { error: 'Prompt: is required for Text to Video [item 0]', errorDescription: 'No request was sent for this item.' }, pairedItem: { item: 0 } });
		expect(output[1].json).toMatchObject({ id: parked.ids[1], status: 'succeeded' });
	});

	it('a task still running before its timeout keeps the execution waiting', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }], { prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1 } });
		await finished([parked.ids[1]]);
		const answer = await parked.callback({ id: parked.ids[1], status: 'succeeded' });
		expect(answer.result).toEqual({ noWebhookResponse: true });
		expect(reads().map((r) => r.route)).toEqual(['list']);
	});

	it('a task the provider no longer lists keeps the execution waiting before its timeout', async () => {
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }], { prompt: '={{ $json.prompt }}' });
		await finished(parked.ids);
		forget(parked.ids[0]);
		const answer = await parked.callback({ id: parked.ids[1], status: 'succeeded' });
		expect(answer.result).toEqual({ noWebhookResponse: true });
	});

	it('at the timeout, a running task fails its item naming it, a vanished one too; the others are output', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }, { prompt: 'c' }], { prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1, timeoutMinutes: 0.005 } });
		await finished(parked.ids.slice(1));
		forget(parked.ids[2]);
		await sleep(350);
		const output = outputOf((await parked.callback({ id: parked.ids[1], status: 'succeeded' })).result);
		expect(output[0]).toEqual({
			json: { id: parked.ids[0], status: 'running', error: `Video task ${parked.ids[0]} was still running at the timeout [item 0]`, errorDescription: `The task goes on at the provider. Fetch it later with the Get operation and task ID ${parked.ids[0]}, or raise Timeout (Minutes).` },
			pairedItem: { item: 0 },
		});
		expect(output[1].json).toMatchObject({ id: parked.ids[1], status: 'succeeded', timedOut: false });
		expect(output[2]).toEqual({
			json: { id: parked.ids[2], error: `Video task ${parked.ids[2]} could not be read before the timeout [item 2]`, errorDescription: `Fetch it later with the Get operation and task ID ${parked.ids[2]}.` },
			pairedItem: { item: 2 },
		});
	});

	it('at the timeout with On Timeout: Output, the running task is output as it is', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }], { prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1, timeoutMinutes: 0.005, onTimeout: 'output' } });
		await finished([parked.ids[1]]);
		await sleep(350);
		const output = outputOf((await parked.callback({ id: parked.ids[1], status: 'succeeded' })).result);
		expect(output[0].json).toMatchObject({ id: parked.ids[0], status: 'running', error: null, polls: 0, timedOut: true });
		expect(output[0].json).not.toHaveProperty('errorDescription');
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('exactly at its timeout a running task no longer keeps the execution waiting', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }], { prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1, onTimeout: 'output' } });
		await finished([parked.ids[1]]);
		const now = jest.spyOn(Date, 'now').mockReturnValue(parked.plan.items[0].timeoutAt);
		try {
			const output = outputOf((await parked.callback({ id: parked.ids[1], status: 'succeeded' })).result);
			expect(output.map((i) => i.json.timedOut)).toEqual([true, false]);
		} finally {
			now.mockRestore();
		}
	});
});

describe('Create and Wait by callback: resuming where the task list fails (one read each)', () => {
	beforeEach(() => sim.addFault({ route: 'list', kind: 'status', status: 400, count: 100 }));

	it('reads the calling task first, then the others, and resumes when all have finished', async () => {
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }, { prompt: 'c' }], { prompt: '={{ $json.prompt }}' });
		await finished(parked.ids);
		const output = outputOf((await parked.callback({ id: parked.ids[1], status: 'succeeded' })).result);
		expect(reads().filter((r) => r.route === 'get').map((r) => r.taskId)).toEqual([parked.ids[1], parked.ids[0], parked.ids[2]]);
		expect(output.map((i) => [i.json.id, i.json.status])).toEqual(parked.ids.map((id) => [id, 'succeeded']));
	});

	it('stops at the first task still running', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const parked = await park([{ prompt: 'a' }, { prompt: 'b' }, { prompt: 'c' }], { prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1 } });
		await finished(parked.ids.slice(1));
		const answer = await parked.callback({ id: parked.ids[2], status: 'succeeded' });
		expect(answer.result).toEqual({ noWebhookResponse: true });
		expect(reads().filter((r) => r.route === 'get').map((r) => r.taskId)).toEqual([parked.ids[2], parked.ids[0]]);
	});
});
