'use strict';
// n8n in queue mode, as teams run it at scale: Postgres, Redis, a main process (webhooks, the polling
// Seedance Trigger, the REST API) and two `n8n worker` processes, binary data in the database, all
// on loopback against the simulator. 20 webhook executions × 5 videos; a Create and Wait by provider
// callback parked and resumed on a worker; the trigger emits each task once; then one worker is
// SIGKILLed mid-run. Prints one summary line.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { startSimulator } = require('../../simulator/server');
const e2e = require('../e2e/n8n');
const services = require('./services');

const PORTS = { main: 5720, workers: [5721, 5722], postgres: 5732, redis: 5733 };
const EXECUTIONS = 20;
const ITEMS = 5;
const KILL_EXECUTIONS = 6;
const TASK_SECONDS = 3;
const VIDEO_BYTES = 256 * 1024;
const MODEL = 'dreamina-seedance-2-0-fast-260128';
// n8n's public URL; the simulator delivers callbacks for it to main on loopback, as the internet would.
const PUBLIC_URL = 'https://n8n.example.test';
const CALLBACK_TASK_SECONDS = 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const stack = [];
let sim;
let pg;
let main;
let workers;
let rest;

/** Waits until check() returns a truthy value, or fails with what() after timeoutMs. */
async function until(check, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
		await sleep(1000);
	}
}

function webhookWorkflow() {
	const credentials = { seedanceApi: { id: 'seedance-sim', name: 'Seedance (simulator)' } };
	return {
		id: 'seedanceScaleHook1', name: 'Seedance at scale: webhook → 5 videos', active: false, settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 's1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: 'seedance-scale', responseMode: 'onReceived', options: {} } },
			{ id: 's2', name: 'One Item per Prompt', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.prompts', options: {} } },
			{
				id: 's3', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [400, 0], credentials,
				parameters: { resource: 'video', operation: 'createAndWait', mode: 'text', model: { __rl: true, mode: 'id', value: MODEL }, prompt: '={{ $json.prompt }}', waitOptions: { expectedSeconds: TASK_SECONDS } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One Item per Prompt', type: 'main', index: 0 }]] },
			'One Item per Prompt': { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] },
		},
	};
}

/** Webhook → 5 prompts → Create and Wait, "Wait By: Provider Callback", videos downloaded. */
function callbackWorkflow() {
	return {
		id: 'seedanceScaleCback1', name: 'Seedance at scale: wait by callback', active: false, settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: 'seedance-scale-callback', responseMode: 'onReceived', options: {} } },
			{ id: 'b2', name: 'One Item per Prompt', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.prompts', options: {} } },
			{
				id: 'b3', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [400, 0],
				credentials: { seedanceApi: { id: 'seedance-sim', name: 'Seedance (simulator)' } },
				parameters: { resource: 'video', operation: 'createAndWait', mode: 'text', model: { __rl: true, mode: 'id', value: MODEL }, prompt: '={{ $json.prompt }}', waitBy: 'callback', downloadVideo: true },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One Item per Prompt', type: 'main', index: 0 }]] },
			'One Item per Prompt': { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] },
		},
	};
}

function triggerWorkflow() {
	return {
		id: 'seedanceScaleTrig1', name: 'Seedance at scale: trigger', active: false, settings: { executionOrder: 'v1' }, connections: {},
		nodes: [{
			id: 't1', name: 'When a video is ready', type: 'n8n-nodes-seedance.seedanceTrigger', typeVersion: 1, position: [0, 0],
			credentials: { seedanceApi: { id: 'seedance-sim', name: 'Seedance (simulator)' } },
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'succeeded', source: 'account' },
		}],
	};
}

/** Owner account on the fresh instance and a cookie for its REST API (read on main). */
async function ownerRest(url) {
	const headers = { 'content-type': 'application/json', 'browser-id': 'seedance-scale-browser' };
	const account = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Seedance-scale-1' };
	const setup = await fetch(`${url}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(account) });
	assert.equal(setup.status, 200, await setup.clone().text());
	const cookie = setup.headers.get('set-cookie').split(';')[0];
	return async (route) => {
		const res = await fetch(`${url}/rest/${route}`, { headers: { ...headers, cookie } });
		assert.equal(res.status, 200, `${route}: ${res.status}`);
		return res;
	};
}

/** Fires n webhook calls at once, each asking for ITEMS videos named `label exec i item j`. */
async function fire(label, n) {
	const calls = Array.from({ length: n }, (_, i) => fetch(`${main.url}/webhook/seedance-scale`, {
		method: 'POST', headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ prompts: Array.from({ length: ITEMS }, (_, j) => ({ prompt: `${label} exec ${i} item ${j}` })) }),
	}));
	for (const res of await Promise.all(calls)) assert.equal(res.status, 200, await res.text());
}

const executions = (workflowId) => pg.query(`SELECT id::int, status FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`);
/** n8n's log lines (N8N_LOG_FORMAT=json) with `pattern` in the message, with their times (ms). */
function logged(server, pattern) {
	return server.log().split('\n').filter((line) => line.startsWith('{')).flatMap((line) => {
		try {
			const { message, metadata, timestamp } = JSON.parse(line);
			return pattern.test(message) ? [{ message, at: Date.parse(metadata?.timestamp ?? timestamp) }] : [];
		} catch {
			return [];
		}
	});
}
const workerExecutions = (worker) => [...worker.log().matchAll(/Worker started execution (\d+)/g)].map((m) => Number(m[1]));
const createsOf = (label) => sim.requests({ route: 'create' }).filter((r) => String(JSON.stringify(r.body)).includes(`${label} exec`));

/** Task IDs each trigger execution emitted (each execution's distinct IDs). */
function emittedByTrigger() {
	const rows = pg.query(`SELECT d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = 'seedanceScaleTrig1'`);
	return rows.map((row) => [...new Set(row.data.match(/"cgt-[0-9a-z-]+"/g) ?? [])].map((s) => s.slice(1, -1)));
}

before(async () => {
	e2e.ensureInstalled();
	services.ensureServices();
	const tarball = e2e.packPackage();
	sim = await startSimulator({ taskDurationMs: TASK_SECONDS * 1000, videoBytes: VIDEO_BYTES, callbackRewrite: { from: PUBLIC_URL, to: `http://127.0.0.1:${PORTS.main}` } });
	stack.push(() => sim.close());
	pg = await services.startPostgres(PORTS.postgres);
	stack.push(() => pg.stop());
	const redis = await services.startRedis(PORTS.redis);
	stack.push(() => redis.stop());

	// Queue mode as n8n documents it; short Bull locks so that a killed worker's jobs are seen as
	// stalled in seconds (n8n then fails them), and queue recovery every minute (it marks executions
	// whose job vanished from Redis as crashed).
	const env = {
		...pg.env, ...redis.env,
		EXECUTIONS_MODE: 'queue', N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Public, so that Create and Wait can wait by callback (workers build the resume URL from it).
		WEBHOOK_URL: `${PUBLIC_URL}/`,
		QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '3000', QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'json', // timed lines: which process did what, when
	};
	Object.assign(process.env, env); // the import commands below write into Postgres too
	const folder = e2e.createUserFolder('scale', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'byteplus')]);
	await e2e.importJson(folder, 'workflow', [webhookWorkflow(), callbackWorkflow(), triggerWorkflow()]);
	await e2e.activate(folder, 'seedanceScaleHook1');
	await e2e.activate(folder, 'seedanceScaleCback1');
	await e2e.activate(folder, 'seedanceScaleTrig1');

	main = await e2e.startServer(folder, PORTS.main, { env });
	stack.push(() => main.stop());
	workers = await Promise.all(PORTS.workers.map((port) =>
		e2e.startServer(folder, port, { command: 'worker', env: { ...env, QUEUE_HEALTH_CHECK_PORT: String(port) }, readyPath: '/healthz' })));
	for (const worker of workers) stack.push(() => worker.stop());
	rest = await ownerRest(main.url);
});

after(async () => {
	for (const stop of stack.reverse()) {
		try {
			await stop();
		} catch (error) {
			console.error(error);
		}
	}
});

const summary = { callback: 'not run', executions: 0, succeeded: 0, batchSeconds: 0, workersUsed: 0, perWorker: '', creates: 0, emitted: 0, duplicates: 0, killed: 0, failed: 0 };
const started = Date.now();

test('queue mode: 20 webhook executions × 5 videos on two workers, every video byte-equal in the database', async () => {
	const fired = Date.now();
	await fire('batch', EXECUTIONS);
	const rows = await until(() => {
		const list = executions('seedanceScaleHook1');
		return list.length === EXECUTIONS && list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) && list;
	}, 240_000, () => `20 finished executions: ${JSON.stringify(executions('seedanceScaleHook1'))}`);
	summary.batchSeconds = Math.round((Date.now() - fired) / 1000);
	assert.deepEqual(rows.map((e) => e.status), Array(EXECUTIONS).fill('success'));

	const { parse } = require(path.join(e2e.N8N_DIR, 'node_modules', 'flatted'));
	const expected = Buffer.concat([...sim.engine.videoChunks()]);
	let videos = 0;
	for (const { id } of rows) {
		const { data } = await (await rest(`executions/${id}`)).json();
		const items = parse(data.data).resultData.runData.Seedance[0].data.main[0];
		assert.equal(items.length, ITEMS);
		for (const item of items) {
			assert.equal(item.json.status, 'succeeded');
			const binary = item.binary.data;
			assert.match(binary.id, /^database:/, 'binary data mode is database');
			const bytes = Buffer.from(await (await rest(`binary-data?id=${encodeURIComponent(binary.id)}&action=download`)).arrayBuffer());
			assert.ok(bytes.equals(expected), `execution ${id}, task ${item.json.id}: ${bytes.length} bytes, expected ${expected.length}`);
			videos++;
		}
	}
	assert.equal(videos, EXECUTIONS * ITEMS);
	summary.succeeded = videos;

	const perWorker = workers.map((w) => workerExecutions(w).filter((id) => rows.some((r) => r.id === id)).length);
	assert.equal(perWorker.reduce((a, b) => a + b, 0), EXECUTIONS, `started per worker: ${perWorker}`);
	assert.ok(perWorker.every((n) => n > 0), `both workers ran executions: ${perWorker}`);
	const creates = createsOf('batch');
	assert.equal(creates.length, EXECUTIONS * ITEMS);
	summary.executions = rows.length;
	summary.workersUsed = perWorker.filter((n) => n > 0).length;
	summary.perWorker = perWorker.join('/');
	summary.creates = creates.length;
});

test('queue mode: Create and Wait by callback over 5 items parks with 0 polls, main receives the callbacks, a worker resumes it; forged and duplicated callbacks change nothing', async () => {
	sim.configure({ taskDurationMs: CALLBACK_TASK_SECONDS * 1000 });
	// The first two callbacks come with a forged body naming a task of no one, every other one three times.
	sim.addFault({ route: 'callback', kind: 'callbackForged', count: 2 });
	sim.addFault({ route: 'callback', kind: 'callbackDuplicate', count: ITEMS * 3, copies: 2 });
	const prompts = Array.from({ length: ITEMS }, (_, j) => ({ prompt: `callback exec 0 item ${j}` }));
	const start = await fetch(`${main.url}/webhook/seedance-scale-callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompts }) });
	assert.equal(start.status, 200, await start.text());

	// Parked: "waiting" in Postgres, its tasks still working, nothing read from the provider about them.
	const { id } = await until(() => executions('seedanceScaleCback1').find((e) => e.status === 'waiting'), 60_000, () => `a waiting execution: ${JSON.stringify(executions('seedanceScaleCback1'))}`);
	const tasks = [...sim.engine.tasks.values()].filter((t) => String(t.params.callback_url).includes(`/webhook-waiting/${id}?`));
	assert.equal(tasks.length, ITEMS);
	assert.equal(createsOf('callback').length, ITEMS);
	const callbackUrl = tasks[0].params.callback_url;
	assert.match(callbackUrl, new RegExp(`^${PUBLIC_URL}/webhook-waiting/${id}\\?signature=[^/]+/seedance-callback$`));
	const names = (r) => tasks.some((t) => r.path.includes(t.id) || JSON.stringify(r.query ?? {}).includes(t.id));
	const polls = () => [...sim.requests({ route: 'get' }), ...sim.requests({ route: 'list' })].filter(names);
	const firstEnd = Math.min(...tasks.map((t) => t.endAt));
	await sleep(Math.max(0, firstEnd - 3000 - Date.now()));
	assert.equal(executions('seedanceScaleCback1').find((e) => e.id === id).status, 'waiting');
	assert.ok(tasks.every((t) => ['queued', 'running'].includes(sim.engine.state(t).status)), 'the tasks are still working');
	assert.equal(polls().length, 0, 'no polls while parked');
	const parkedSeconds = Math.round((Date.now() - Math.min(...tasks.map((t) => t.createdAt))) / 100) / 10;

	// Forged before the end: "succeeded" for a running task is read with the key (1 request) and
	// changes nothing; a wrong resume token is refused by n8n.
	const post = (url, body) => fetch(url.replace(PUBLIC_URL, main.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	assert.equal((await post(callbackUrl, { id: tasks[0].id, status: 'succeeded' })).status, 200);
	const badToken = callbackUrl.replace(/signature=([^/]+)/, (_, token) => `signature=${'x'.repeat(token.length)}`);
	assert.equal((await post(badToken, { id: tasks[0].id, status: 'succeeded' })).status, 401);
	await sleep(1000);
	assert.ok(Date.now() < firstEnd, 'the forged callbacks came before any task ended');
	assert.equal(executions('seedanceScaleCback1').find((e) => e.id === id).status, 'waiting', 'a forged callback does not resume');
	assert.equal(polls().length, 1, 'a forged callback costs one verifying read');

	// Resumed by the simulator's callbacks, with every item, the videos byte-equal.
	const done = await until(() => {
		const row = executions('seedanceScaleCback1').find((e) => e.id === id);
		return !['new', 'running', 'waiting'].includes(row.status) && row;
	}, 120_000, () => `execution ${id} to resume: ${JSON.stringify(executions('seedanceScaleCback1'))}`);
	assert.equal(done.status, 'success');
	const { parse } = require(path.join(e2e.N8N_DIR, 'node_modules', 'flatted'));
	const expected = Buffer.concat([...sim.engine.videoChunks()]);
	const readOutput = async () => parse((await (await rest(`executions/${id}`)).json()).data.data).resultData.runData.Seedance.at(-1).data.main[0];
	const items = await readOutput();
	const taskIds = tasks.map((t) => t.id).sort();
	assert.deepEqual(items.map((item) => item.json.id).sort(), taskIds, 'every item');
	assert.deepEqual(items.map((item) => item.pairedItem.item), [...Array(ITEMS).keys()], 'in item order, paired');
	for (const item of items) {
		assert.equal(item.json.status, 'succeeded');
		assert.equal(item.json.polls, 0);
		assert.match(item.binary.data.id, /^database:/);
		const bytes = Buffer.from(await (await rest(`binary-data?id=${encodeURIComponent(item.binary.data.id)}&action=download`)).arrayBuffer());
		assert.ok(bytes.equals(expected), `task ${item.json.id}: ${bytes.length} bytes, expected ${expected.length}`);
	}

	// A succeeded callback replayed after the end is refused (409): still one resume, same output.
	assert.equal((await post(callbackUrl, { id: tasks[0].id, status: 'succeeded' })).status, 409);
	await sleep(3000);
	const sent = sim.callbacks().filter((c) => c.url.includes(`/webhook-waiting/${id}?`));
	assert.ok(sent.some((c) => c.fault === 'callbackDuplicate') && sent.some((c) => c.fault === 'callbackForged'), 'the simulator sent duplicated and forged callbacks');
	assert.deepEqual((await readOutput()).map((item) => item.json.id).sort(), taskIds);
	assert.equal(createsOf('callback').length, ITEMS, 'one create per item');

	// Where it ran: main received the callbacks, read the tasks and stored the videos (in the node's
	// webhook()), then queued the resumed execution; a worker ran it. Main queued it twice (start,
	// resume), workers started it twice, and the resume started after the last download.
	const enqueued = logged(main, new RegExp(`^Enqueued execution ${id} `));
	const startedOn = workers.map((w) => logged(w, new RegExp(`^Worker started execution ${id} `)));
	assert.equal(enqueued.length, 2, `main enqueued execution ${id}: ${JSON.stringify(enqueued)}`);
	assert.equal(startedOn.flat().length, 2, `workers started execution ${id}: ${JSON.stringify(startedOn)}`);
	const createdOn = startedOn.findIndex((starts) => starts.some((s) => s.at < enqueued[1].at));
	const resumedOn = startedOn.findIndex((starts) => starts.some((s) => s.at >= enqueued[1].at));
	assert.ok(createdOn >= 0 && resumedOn >= 0, 'workers ran the creates and the resumed execution');
	const downloads = sim.requests({ route: 'download' }).filter((r) => tasks.some((t) => r.path.includes(t.id)));
	assert.equal(downloads.length, ITEMS);
	assert.ok(downloads.every((d) => d.at <= enqueued[1].at), 'the videos were downloaded before the resume was queued (on main, in webhook())');
	const reads = polls().length;
	summary.callback = `${items.length} videos byte-equal, parked ${parkedSeconds} s with 0 polls, ${reads} verifying reads (1 forged), ${sent.length} callbacks sent (${sent.filter((c) => c.fault).length} forged or duplicated), created on worker ${createdOn + 1}, resumed once on worker ${resumedOn + 1} after main read the tasks`;
	sim.configure({ taskDurationMs: TASK_SECONDS * 1000 });
});

test('the Seedance Trigger on main emits each of the 100 tasks exactly once', async () => {
	const created = sim.requests({ route: 'create' }).length;
	const tasks = [...sim.engine.tasks.keys()];
	assert.equal(tasks.length, created);
	await until(() => new Set(emittedByTrigger().flat()).size >= tasks.length, 180_000, () => `the trigger to emit ${tasks.length} tasks, emitted ${new Set(emittedByTrigger().flat()).size}`);
	const emitted = emittedByTrigger().flat();
	assert.deepEqual([...emitted].sort(), [...tasks].sort());
});

test('a worker SIGKILLed mid-run: no task created twice, its executions marked failed (not re-run), the trigger still emits every task once', async () => {
	sim.configure({ taskDurationMs: 8000 });
	const [victim, survivor] = workers;
	const before = new Set(workerExecutions(victim));
	const lastId = Math.max(0, ...executions('seedanceScaleHook1').map((e) => e.id));
	await fire('kill', KILL_EXECUTIONS);
	// Kill once the victim runs some of these executions and their creates have gone out.
	const killed = await until(() => {
		const mine = workerExecutions(victim).filter((id) => !before.has(id));
		return mine.length > 0 && createsOf('kill').length >= ITEMS && mine;
	}, 60_000, () => 'the victim worker to start an execution');
	await sleep(1500);
	await victim.kill();
	const killedIds = workerExecutions(victim).filter((id) => !before.has(id));
	assert.ok(killedIds.length >= killed.length);

	const rows = await until(() => {
		const list = executions('seedanceScaleHook1').filter((e) => e.id > lastId);
		const mine = list.filter((e) => killedIds.includes(e.id));
		return mine.length === killedIds.length && list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) && list.length >= KILL_EXECUTIONS && list;
	}, 180_000, () => `the killed executions to be marked: ${JSON.stringify(executions('seedanceScaleHook1').slice(-KILL_EXECUTIONS))}`);
	// n8n 2.x runs Bull with maxStalledCount 0: a dead worker's job fails as stalled instead of
	// running again elsewhere, and main records the execution as failed with MaxStalledCountError.
	const stalledMessage = 'failed to be processed too many times and will no longer retry';
	const stalled = new Set(pg.query(`SELECT e.id::int FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = 'seedanceScaleHook1' AND d.data LIKE '%${stalledMessage}%'`).map((r) => r.id));
	for (const row of rows) {
		const dead = killedIds.includes(row.id);
		assert.equal(row.status, dead ? 'error' : 'success', `execution ${row.id}: ${JSON.stringify(rows)}`);
		assert.equal(stalled.has(row.id), dead, `execution ${row.id} is marked as stalled on the killed worker`);
	}
	const survived = rows.filter((r) => !killedIds.includes(r.id)).map((r) => r.id);
	assert.ok(survived.every((id) => workerExecutions(survivor).includes(id)), 'the other executions ran on the surviving worker');

	// Each prompt at most once: n8n does not re-run a killed execution on the other worker.
	const prompts = sim.requests({ route: 'create' }).map((r) => JSON.stringify(r.body.content));
	const duplicates = prompts.length - new Set(prompts).size;
	assert.equal(duplicates, 0);

	// Tasks the dead worker created still finish at the provider: the trigger is the safety net.
	const tasks = [...sim.engine.tasks.keys()];
	await until(() => new Set(emittedByTrigger().flat()).size >= tasks.length, 180_000, () => `the trigger to emit ${tasks.length} tasks, emitted ${new Set(emittedByTrigger().flat()).size}`);
	const emitted = emittedByTrigger().flat();
	summary.emitted = emitted.length;
	summary.duplicates = duplicates + (emitted.length - new Set(emitted).size);
	summary.killed = killedIds.length;
	summary.failed = rows.filter((r) => stalled.has(r.id)).length;
	summary.creates = prompts.length;
	assert.deepEqual([...emitted].sort(), [...tasks].sort());
});

test('summary', () => {
	const wall = Math.round((Date.now() - started) / 1000);
	console.log(`[scale] queue mode: executions ${summary.executions}, videos succeeded ${summary.succeeded} (byte-equal, all done ${summary.batchSeconds} s after the webhooks), workers used ${summary.workersUsed} (${summary.perWorker} executions), creates ${summary.creates}, emitted ${summary.emitted}, duplicates ${summary.duplicates}; worker SIGKILL: ${summary.killed} executions killed, ${summary.failed} marked failed as stalled, none re-run; wait by callback: ${summary.callback}; wall time ${wall} s`);
});
