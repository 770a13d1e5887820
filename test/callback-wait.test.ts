/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, never in n8n */
// Create and Wait, "Wait By: Provider Callback", on n8n-core: every item's task is created with the
// execution's resume URL, the execution parks (no polling), the simulator calls back as Ark does
// (through a loopback stand-in for n8n's public URL), and the node resumes with every item.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { seedanceWorkflow } from './harness/engine';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { allText, credentialsFor } from './harness/simulator';
import { runUntilParked, type ParkedRun } from './harness/waiting';

const PUBLIC_URL = 'https://n8n.example.test';
let sim: Simulator;
let receiver: http.Server;
const parked = new Map<string, ParkedRun>();
const resumedWith = new Map<string, INodeExecutionData[]>();
const answers: number[] = [];

beforeAll(async () => {
	sim = await startTestSimulator({ taskDurationMs: 400, callbackAckMs: 400 });
	// Stands in for n8n's /webhook-waiting/<execution>/<path> route at the public URL.
	receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			// As n8n's waiting-webhooks read it: /webhook-waiting/<execution>?signature=<token>/<path>.
			const url = new URL(req.url ?? '/', 'http://n8n');
			const executionId = url.pathname.split('/')[2];
			const suffix = (url.searchParams.get('signature') ?? '').split('/')[1];
			const run = parked.get(executionId);
			if (!run || suffix !== 'seedance-callback') return void res.writeHead(404).end();
			if (resumedWith.has(executionId)) return void res.writeHead(409).end();
			run.callback(JSON.parse(text || '{}')).then((outcome) => {
				answers.push(outcome.answered ?? 0);
				if (outcome.output) resumedWith.set(executionId, outcome.output);
				res.writeHead(outcome.answered ?? 500).end();
			}, () => res.writeHead(500).end());
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await sim.close();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
	sim.reset();
	answers.length = 0;
	sim.configure({ taskDurationMs: 400, callbackRewrite: { from: PUBLIC_URL, to: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` } });
});

function workflow(items: IDataObject[], extra: IDataObject = {}, continueOnFail = false) {
	return seedanceWorkflow({
		model: { __rl: true, mode: 'id', value: 'dreamina-seedance-2-0-260128' },
		waitBy: 'callback',
		downloadVideo: true,
		waitOptions: { expectedSeconds: 0.2 },
		...extra,
	}, items, { continueOnFail });
}

async function park(items: IDataObject[], extra: IDataObject = {}, publicUrl = PUBLIC_URL, continueOnFail = false) {
	const run = await runUntilParked(workflow(items, extra, continueOnFail), credentialsFor(sim, 'byteplus', API_KEY), publicUrl);
	parked.set(run.executionId, run);
	return run;
}

async function resumed(run: ParkedRun, ms = 6000): Promise<INodeExecutionData[]> {
	const until = Date.now() + ms;
	while (!resumedWith.has(run.executionId) && Date.now() < until) await sleep(50);
	const output = resumedWith.get(run.executionId);
	if (!output) throw new Error('the execution was not resumed');
	return output;
}

const prompts = (n: number) => Array.from({ length: n }, (_, i) => ({ prompt: `a cat, take ${i}` }));

describe('Create and Wait, Wait By: Provider Callback', () => {
	it('parks with 0 polls, resumes by callback and outputs all 5 items in order with their videos', async () => {
		// Tasks of different lengths (about 0.2 to 1.2 s): the execution resumes after the last one.
		sim.configure({ taskDurationMs: undefined, speed: 250 });
		const run = await park(prompts(5));
		expect(run.run.waitTill).toBeInstanceOf(Date);
		expect(run.run.status).toBe('waiting');
		expect(run.parkedOutput.map((i) => i.json.waitingFor)).toEqual(Array(5).fill('callback'));
		const creates = sim.requests({ route: 'create' });
		expect(creates).toHaveLength(5);
		for (const c of creates) {
			expect(c.body).toMatchObject({ callback_url: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/webhook-waiting/${run.executionId}\\?signature=\\w+/seedance-callback$`)), execution_expires_after: 3600 });
		}
		expect(sim.requests({ route: 'get' })).toHaveLength(0);

		const output = await resumed(run);
		expect(output).toHaveLength(5);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ id: run.parkedOutput[i].json.id, status: 'succeeded', polls: 0, timedOut: false });
			expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${String(item.json.id)}.mp4` });
		});
		// Only verifying reads, each after a finished callback; nothing polled while parked.
		const reads = sim.requests({ route: 'get' }).length + sim.requests({ route: 'list' }).length;
		expect(reads).toBeGreaterThan(0);
		expect(reads).toBeLessThanOrEqual(5 * 5);
		expect(answers.every((a) => a === 200)).toBe(true);
		expect(allText([run.run, output])).not.toContain(API_KEY);
	});

	it('forged and duplicated callbacks change nothing: one resume, the same output', async () => {
		sim.addFault({ route: 'callback', kind: 'callbackForged', count: 3 });
		sim.addFault({ route: 'callback', kind: 'callbackDuplicate', count: 6, copies: 2 });
		const run = await park(prompts(3));
		// A forged "succeeded" for a task of this execution that still runs does not resume it.
		const early = await run.callback({ id: run.parkedOutput[0].json.id, status: 'succeeded' });
		expect(early).toMatchObject({ answered: 200, output: null });
		// A body naming a task of no item costs no request.
		const before = sim.requests().length;
		expect(await run.callback({ id: 'cgt-someone-else', status: 'succeeded' })).toMatchObject({ answered: 200, output: null });
		expect(sim.requests().length).toBe(before);
		const output = await resumed(run);
		expect(output.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
		expect(output.map((i) => i.json.id)).toEqual(run.parkedOutput.map((i) => i.json.id));
	});

	it('a failed task becomes an error item in its place; the others are output', async () => {
		sim.addFault({ route: 'create', kind: 'taskFails', count: 1 });
		const run = await park(prompts(3), {}, PUBLIC_URL, true);
		const output = await resumed(run);
		expect(output).toHaveLength(3);
		expect(output[0].json).toMatchObject({ status: 'failed', error: expect.stringContaining('[item 0]') });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output.slice(1).map((i) => i.json.status)).toEqual(['succeeded', 'succeeded']);
	});

	it('with Continue On Fail, an invalid item waits as an error item in its place; the others are created and output', async () => {
		const run = await park([{ prompt: '' }, { prompt: 'a cat' }], { prompt: '={{ $json.prompt }}' }, PUBLIC_URL, true);
		expect(run.parkedOutput).toHaveLength(2);
		expect(run.parkedOutput[0]).toEqual({ json: { error: 'Prompt: is required for Text to Video [item 0]' }, pairedItem: { item: 0 } });
		expect(run.parkedOutput[1]).toEqual({ json: { id: expect.stringMatching(/^cgt-/), status: 'queued', waitingFor: 'callback' }, pairedItem: { item: 1 } });
		const output = await resumed(run);
		expect(output[0]).toEqual({ json: { error: 'Prompt: is required for Text to Video [item 0]', errorDescription: 'No request was sent for this item.' }, pairedItem: { item: 0 } });
		expect(output[1].json.status).toBe('succeeded');
		expect(output[1].binary?.data).toBeDefined();
	});

	it('with Continue On Fail and nothing created, the error items are output at once', async () => {
		sim.addFault({ route: 'create', kind: 'status', status: 400, count: 1 });
		const run = await park([{ prompt: '' }, { prompt: 'a cat' }], { prompt: '={{ $json.prompt }}' }, PUBLIC_URL, true);
		expect(run.run.waitTill).toBeUndefined();
		expect(run.parkedOutput.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.parkedOutput[0].json).toEqual({ error: 'Prompt: is required for Text to Video [item 0]', errorDescription: 'No request was sent for this item.' });
		expect(run.parkedOutput[1].json.error).toMatch(/^BytePlus ModelArk answered 400 InvalidParameter: .* \[item 1\]$/);
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
	});

	it('without Continue On Fail, a refused create stops the run naming the tasks created for other items', async () => {
		sim.addFault({ route: 'create', kind: 'status', status: 400, count: 1 });
		const run = await park(prompts(3), { waitOptions: { expectedSeconds: 0.2, maxInFlight: 1 } });
		const error = run.run.data.resultData.error;
		expect(error?.message).toMatch(/^BytePlus ModelArk answered 400 InvalidParameter: .* \[item 0\]$/);
		expect(error?.description).toMatch(/\S Tasks created for other items: cgt-\w+, cgt-\w+\.$/);
		expect(run.run.waitTill).toBeUndefined();
	});

	it('without Continue On Fail, a refused wait option stops the run before any create', async () => {
		const run = await park([{ prompt: 'a', t: 5 }, { prompt: 'b', t: 'abc' }], { waitOptions: { expectedSeconds: 0.2, timeoutMinutes: '={{ $json.t }}' } });
		expect(run.run.data.resultData.error?.message).toMatch(/^Wait Options → Timeout \(Minutes\): .*, got "abc" \[item 1\]$/);
		expect(sim.requests({ route: 'create' })).toHaveLength(0);
	});

	it('a provider that does not call back waits by polling and says why', async () => {
		const run = await runUntilParked(workflow(prompts(1), { model: { __rl: true, mode: 'id', value: 'seedance' } }), credentialsFor(sim, 'anyfast', API_KEY), PUBLIC_URL);
		expect(run.run.waitTill).toBeUndefined();
		expect(run.parkedOutput.map((i) => i.json.status)).toEqual(['succeeded']);
		const hints = run.run.data.resultData.runData.Seedance[0].hints ?? [];
		expect(hints.map((h) => h.message)).toEqual(["Waited by polling: Anyfast does not call back. Set WEBHOOK_URL to n8n's public address to wait by callback."]);
	});

	it('with n8n on localhost it says so and waits by polling instead', async () => {
		const run = await park(prompts(2), {}, 'http://localhost:5678');
		expect(run.run.waitTill).toBeUndefined();
		expect(run.parkedOutput.map((i) => i.json.status)).toEqual(['succeeded', 'succeeded']);
		const hints = run.run.data.resultData.runData.Seedance[0].hints ?? [];
		expect(hints.map((h) => h.message)).toContain("Waited by polling: n8n's public URL (WEBHOOK_URL) is local (localhost:5678), so the provider cannot reach it. Set WEBHOOK_URL to n8n's public address to wait by callback.");
		expect(sim.requests({ route: 'create' })[0].body).not.toHaveProperty('callback_url');
	});
});
