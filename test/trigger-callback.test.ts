/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, never in n8n */
// The Seedance Trigger "On Provider Callback": the simulator POSTs tasks to a loopback URL as Ark
// does, each POST goes through n8n-core's WebhookContext into the trigger, and every task is
// emitted once per event, whatever the callbacks do (duplicated, late, out of order, lost, forged).

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { allText } from './harness/simulator';
import { CallbackHarness, type CallbackOutcome } from './harness/webhook';

let sim: Simulator;
let receiver: http.Server;
let hookUrl: string;
/** What the receiver hands each POST to (the trigger of the current test). */
let onPost: (body: unknown) => Promise<CallbackOutcome>;
const outcomes: CallbackOutcome[] = [];

type Callback = { taskId: string; status: string; attempt: number; fault?: string; answer?: number | string };
const callbacks = () => (sim as unknown as { callbacks: () => Callback[] }).callbacks();

beforeAll(async () => {
	sim = await startTestSimulator({ taskDurationMs: 300, callbackAckMs: 400 });
	// Stands in for n8n's webhook server: each POST is handed to the trigger, answered with its status.
	receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			onPost(JSON.parse(text || '{}')).then((outcome) => {
				outcomes.push(outcome);
				res.writeHead(outcome.answered ?? 500).end();
			}, () => res.writeHead(500).end());
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/hook/callback`;
});
afterAll(async () => {
	await sim.close();
	await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
	sim.reset();
	outcomes.length = 0;
});

async function create(provider: ProviderId, count: number, model = 'dreamina-seedance-2-0-260128'): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const res = await fetch(`${sim.baseUrl(provider)}/contents/generations/tasks`, {
			method: 'POST',
			headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ model, content: [{ type: 'text', text: `a cat, take ${i}` }], callback_url: hookUrl }),
		});
		ids.push(((await res.json()) as { id: string }).id);
	}
	return ids;
}

const emitted = () => outcomes.flatMap((o) => o.items ?? []) as INodeExecutionData[];
const emittedIds = () => emitted().map((i) => String(i.json.id)).sort();

/** Waits until every callback the simulator will send (retries included) has been answered. */
async function settle(ms = 2500) {
	await sleep(ms);
}

describe('Seedance Trigger, On Provider Callback', () => {
	it('emits each succeeded task once, reading it once with the key and never polling', async () => {
		const trigger = new CallbackHarness(sim, 'byteplus', { event: 'succeeded' }, API_KEY);
		onPost = async (body) => await trigger.post(body);
		const ids = await create('byteplus', 3);
		await settle(1500);
		expect(emittedIds()).toEqual([...ids].sort());
		for (const item of emitted()) expect(item.json).toMatchObject({ status: 'succeeded', provider: 'byteplus', videoUrl: expect.stringContaining('/files/') });
		// Queued and running callbacks cost nothing; each finished one is verified by one GET.
		expect(sim.requests({ route: 'get' })).toHaveLength(3);
		expect(sim.requests({ route: 'list' })).toHaveLength(0);
		expect(outcomes.every((o) => o.answered === 200)).toBe(true);
		expect(allText([outcomes, trigger.staticData()])).not.toContain(API_KEY);
	});

	it('emits each task once under duplicated, late, out-of-order and lost callbacks', async () => {
		const trigger = new CallbackHarness(sim, 'volcengine', { event: 'any' }, API_KEY);
		onPost = async (body) => await trigger.post(body);
		// In send order: the 6 queued callbacks late, the 6 running ones behind the finished ones,
		// then 3 finished callbacks duplicated and 3 lost (sent again after the acknowledgement timeout).
		sim.addFault({ route: 'callback', kind: 'callbackLate', count: 6, delayMs: 700 });
		sim.addFault({ route: 'callback', kind: 'callbackOutOfOrder', count: 6, delayMs: 700 });
		sim.addFault({ route: 'callback', kind: 'callbackDuplicate', count: 3 });
		sim.addFault({ route: 'callback', kind: 'callbackLost', count: 3 });
		const ids = await create('volcengine', 6, 'doubao-seedance-2-0-260128');
		await settle();
		const faults = new Set(callbacks().map((c) => c.fault).filter(Boolean));
		expect([...faults].sort()).toEqual(['callbackDuplicate', 'callbackLate', 'callbackLost', 'callbackOutOfOrder']);
		// A lost finished callback was sent again after the acknowledgement timeout.
		expect(callbacks().some((c) => c.attempt === 2 && c.status === 'succeeded')).toBe(true);
		expect(callbacks().filter((c) => c.status === 'succeeded' && c.fault === 'callbackDuplicate')).toHaveLength(6);
		expect(emittedIds()).toEqual([...ids].sort());
	});

	it('a callback retried by the provider after n8n restarted emits nothing again (static data)', async () => {
		const first = new CallbackHarness(sim, 'byteplus', { event: 'succeeded' }, API_KEY);
		onPost = async (body) => await first.post(body);
		const [id] = await create('byteplus', 1);
		await settle(1000);
		expect(emittedIds()).toEqual([id]);
		// Another process after a restart: only the saved static data knows the task was emitted.
		const restarted = new CallbackHarness(sim, 'byteplus', { event: 'succeeded' }, API_KEY, { workflowId: 'wf-restarted', staticData: first.staticData() });
		const again = await restarted.post({ id, status: 'succeeded' });
		expect(again).toMatchObject({ answered: 200, items: null });
		// Without that record it would emit again: the dedupe is the static data's.
		const fresh = new CallbackHarness(sim, 'byteplus', { event: 'succeeded' }, API_KEY, { workflowId: 'wf-fresh', staticData: {} });
		expect((await fresh.post({ id, status: 'succeeded' })).items).toHaveLength(1);
		expect(JSON.stringify(first.staticData()).length).toBeLessThan(400);
	});

	it('a forged body naming a task the account does not have is answered 200 and emits nothing', async () => {
		const trigger = new CallbackHarness(sim, 'byteplus', { event: 'succeeded' }, API_KEY);
		onPost = async (body) => await trigger.post(body);
		sim.addFault({ route: 'callback', kind: 'callbackForged', count: 2 });
		const ids = await create('byteplus', 1);
		await settle(1500);
		expect(callbacks().filter((c) => c.fault === 'callbackForged')).toHaveLength(2);
		expect(emittedIds()).toEqual(ids);
		const before = JSON.stringify(trigger.staticData());
		const forged = await trigger.post({ id: 'cgt-not-this-account', status: 'succeeded', content: { video_url: 'https://evil.example.com/x.mp4' } });
		expect(forged).toMatchObject({ answered: 200, items: null });
		expect(JSON.stringify(trigger.staticData())).toBe(before);
	});

	it('a forged "succeeded" for a task of the account that still runs emits nothing; the real one emits once', async () => {
		sim.configure({ taskDurationMs: 1200 });
		const trigger = new CallbackHarness(sim, 'byteplus', { event: 'succeeded' }, API_KEY);
		onPost = async (body) => await trigger.post(body);
		const [id] = await create('byteplus', 1);
		await sleep(300);
		const forged = await trigger.post({ id, status: 'succeeded' });
		expect(forged).toMatchObject({ answered: 200, items: null });
		await settle(1800);
		expect(emittedIds()).toEqual([id]);
		sim.configure({ taskDurationMs: 300 });
	});

	it('bodies that name no task cost no request; the event filter holds', async () => {
		const trigger = new CallbackHarness(sim, 'byteplus', { event: 'failed' }, API_KEY);
		for (const body of [{}, { id: 42 }, { id: '../../etc' }, 'text', { id: 'cgt-x', status: 'running' }]) {
			expect(await trigger.post(body)).toMatchObject({ answered: 200, items: null });
		}
		expect(sim.requests()).toHaveLength(0);
		onPost = async (body) => await trigger.post(body);
		await create('byteplus', 2);
		await settle(1000);
		expect(emitted()).toHaveLength(0);
	});

	it('download into binary works from a callback', async () => {
		const trigger = new CallbackHarness(sim, 'byteplus', { event: 'succeeded', options: { downloadVideo: true } as IDataObject }, API_KEY);
		onPost = async (body) => await trigger.post(body);
		await create('byteplus', 1);
		await settle(1000);
		expect(emitted()[0].binary?.data).toMatchObject({ mimeType: 'video/mp4' });
	});
});
