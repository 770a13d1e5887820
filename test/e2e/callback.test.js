'use strict';
// End to end in a real n8n: Create and Wait by provider callback over 5 items. The execution is
// seen "waiting" (parked in the database, no process busy, no polling) while the simulator works,
// the simulator's callbacks to n8n's public URL resume it, and it outputs 5 videos.
// n8n's public URL (WEBHOOK_URL) is https://n8n.example.test/; the simulator delivers callbacks
// for it to this n8n on loopback, as the internet would to a public n8n.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startSimulator } = require('../../simulator/server');
const e2e = require('./n8n');

const PORT = 5694;
const PUBLIC_URL = 'https://n8n.example.test';
let sim;
let tarball;

before(async () => {
	e2e.ensureInstalled();
	tarball = e2e.packPackage();
	sim = await startSimulator({ taskDurationMs: 6000, callbackRewrite: { from: PUBLIC_URL, to: `http://127.0.0.1:${PORT}` } });
});
after(async () => await sim?.close());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function callbackWorkflow() {
	return {
		id: 'seedanceCallbackWait1', name: 'Seedance: wait by callback', active: false, settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'c1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'seedance-e2e-start', parameters: { httpMethod: 'POST', path: 'seedance-e2e-start', options: {} } },
			{ id: 'c2', name: 'Prompts', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.prompts', options: {} } },
			{
				id: 'c3', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [400, 0],
				credentials: { seedanceApi: { id: 'seedance-sim', name: 'Seedance (simulator)' } },
				parameters: {
					resource: 'video', operation: 'createAndWait', mode: 'text', prompt: '={{ $json["body.prompts"] ?? $json.prompt ?? $json }}',
					model: { __rl: true, mode: 'list', value: 'dreamina-seedance-2-0-260128' }, waitBy: 'callback', downloadVideo: true,
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] },
		},
	};
}

test('Create and Wait by callback over 5 items: waiting in n8n with 0 polls, resumed by callback, 5 videos', async () => {
	const folder = e2e.createUserFolder('callback-wait', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'byteplus')]);
	const workflow = callbackWorkflow();
	await e2e.importJson(folder, 'workflow', workflow);
	await e2e.n8n(folder, ['publish:workflow', `--id=${workflow.id}`]);
	process.env.WEBHOOK_URL = `${PUBLIC_URL}/`;
	let server;
	try {
		server = await e2e.startServer(folder, PORT);
	} finally {
		delete process.env.WEBHOOK_URL;
	}
	try {
		const prompts = ['a kite', 'a lighthouse', 'a fox', 'a train', 'a wave'];
		const start = await e2e.postWebhook(`${server.url}/webhook/seedance-e2e-start`, { prompts });
		assert.equal(start.status, 200, await start.text());

		// Parked while the simulator works: "waiting" in n8n's database, nothing read from the provider.
		let waiting;
		for (let i = 0; i < 40 && !waiting; i++) {
			await sleep(250);
			waiting = e2e.executionsOf(folder, workflow.id).find((row) => row.status === 'waiting');
		}
		assert.ok(waiting, `no waiting execution: ${JSON.stringify(e2e.executionsOf(folder, workflow.id).map((r) => r.status))}\n${server.log().slice(-3000)}`);
		const creates = sim.requests({ route: 'create' });
		assert.equal(creates.length, 5);
		for (const c of creates) assert.match(c.body.callback_url, new RegExp(`^${PUBLIC_URL}/webhook-waiting/${waiting.id}\\?signature=[^/]+/seedance-callback$`));
		const tasks = [...sim.engine.tasks.values()];
		assert.ok(tasks.every((t) => ['queued', 'running'].includes(sim.engine.state(t).status)), 'the tasks were still working while n8n showed the execution waiting');
		assert.equal(sim.requests({ route: 'get' }).length + sim.requests({ route: 'list' }).length, 0, 'no polls while parked');
		const firstFinish = Math.min(...tasks.map((t) => t.endAt));

		// Resumed by the callbacks, with every item.
		let done;
		for (let i = 0; i < 120 && !done; i++) {
			await sleep(500);
			done = e2e.executionsOf(folder, workflow.id).find((row) => row.id === waiting.id && row.status !== 'waiting');
		}
		assert.ok(done, `not resumed\n${server.log().slice(-3000)}`);
		assert.equal(done.status, 'success', `${done.status}\n${done.data.slice(0, 3000)}`);
		const reads = [...sim.requests({ route: 'get' }), ...sim.requests({ route: 'list' })];
		assert.ok(reads.every((r) => r.at >= firstFinish), 'every read verified a callback of a finished task');
		for (const task of tasks) {
			assert.ok(done.data.includes(`${task.id}.mp4`), `video of ${task.id} in the output`);
		}
		const answered = sim.callbacks().filter((c) => c.status === 'succeeded');
		assert.ok(answered.length >= 5 && answered.some((c) => c.answer === 200), JSON.stringify(answered));
		console.log(`callback e2e: 5 tasks, ${creates.length} creates, ${reads.length} verifying reads, ${sim.callbacks().length} callbacks`);
	} finally {
		await server.stop();
	}
});

test('Seedance Trigger On Provider Callback in real n8n: one execution per finished task, none for duplicates or forged bodies', async () => {
	const folder = e2e.createUserFolder('callback-trigger', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'byteplus')]);
	const workflow = {
		id: 'seedanceCallbackTrig1', name: 'Seedance: trigger on callback', active: false, settings: { executionOrder: 'v1' }, connections: {},
		nodes: [{
			id: 't1', name: 'Seedance Trigger', type: 'n8n-nodes-seedance.seedanceTrigger', typeVersion: 1, position: [0, 0], webhookId: 'seedance-e2e-trigger',
			credentials: { seedanceApi: { id: 'seedance-sim', name: 'Seedance (simulator)' } },
			parameters: { event: 'succeeded', source: 'callback' },
		}],
	};
	await e2e.importJson(folder, 'workflow', workflow);
	await e2e.n8n(folder, ['publish:workflow', `--id=${workflow.id}`]);
	sim.reset();
	sim.configure({ taskDurationMs: 2000, callbackRewrite: { from: PUBLIC_URL, to: `http://127.0.0.1:${PORT + 1}` } });
	sim.addFault({ route: 'callback', kind: 'callbackDuplicate', count: 9, copies: 1 });
	sim.addFault({ route: 'callback', kind: 'callbackForged', count: 2 });
	process.env.WEBHOOK_URL = `${PUBLIC_URL}/`;
	let server;
	try {
		server = await e2e.startServer(folder, PORT + 1);
	} finally {
		delete process.env.WEBHOOK_URL;
	}
	try {
		const ids = [];
		for (let i = 0; i < 3; i++) {
			const res = await fetch(`${sim.baseUrl('byteplus')}/contents/generations/tasks`, {
				method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'dreamina-seedance-2-0-260128', content: [{ type: 'text', text: `clip ${i}` }], callback_url: `${PUBLIC_URL}/webhook/seedance-e2e-trigger/callback` }),
			});
			ids.push((await res.json()).id);
		}
		await sleep(8000);
		const executions = e2e.executionsOf(folder, workflow.id);
		const emitted = executions.map((row) => [...new Set(row.data.match(/"cgt-[0-9a-z]+"/g) ?? [])].map((s) => s.slice(1, -1))).flat();
		assert.deepEqual([...emitted].sort(), [...ids].sort(), `${JSON.stringify(executions.map((r) => r.status))}\n${server.log().slice(-2000)}`);
		assert.ok(sim.callbacks().filter((c) => c.status === 'succeeded').every((c) => c.answer === 200), JSON.stringify(sim.callbacks()));
	} finally {
		await server.stop();
	}
});
