'use strict';
// `npm run bench`: how soon a finished video reaches the workflow and what that costs in requests,
// how long batches take, how much memory a download takes, what a trigger poll costs, and how
// heavy the package is to load. Prints a table per part and writes bench/results.json.
// Runs the built package (dist/) and the compiled test harness (.bench-build/) on the simulator.

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const checks = require('./checks');
// The compiled harness requires ../../simulator from .bench-build/test/harness.
if (!fs.existsSync(path.join(ROOT, '.bench-build', 'simulator'))) fs.symlinkSync(path.join(ROOT, 'simulator'), path.join(ROOT, '.bench-build', 'simulator'));
const RESULTS = path.join(__dirname, 'results.json');
const only = process.argv.slice(2);
const results = { machine: `${require('node:os').cpus().length} cores, Node ${process.version}`, date: new Date().toISOString() };

function table(title, rows) {
	console.log(`\n## ${title}`);
	const keys = Object.keys(rows[0]);
	const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	console.log(line(keys));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const r of rows) console.log(line(keys.map((k) => r[k])));
}

const quantile = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
};
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function seeded(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

// ------------------------------------------------------------------------------------------------
// 1. The wait schedule against fixed intervals, on a virtual clock.

function benchPolicy() {
	const { nextPollDelayMs } = require(path.join(ROOT, 'dist/nodes/Seedance/wait/policy.js'));
	const families = [
		{ name: 'fast (1-3 min)', range: [60, 180] },
		{ name: 'standard (2-5 min)', range: [120, 300] },
		{ name: 'pro (3-6 min)', range: [180, 360] },
		{ name: '1.5 1080p (3-8 min)', range: [180, 480] },
	];
	const intervals = [3, 5, 20, 30];
	const rows = [];
	const out = [];
	for (const family of families) {
		for (const progress of [false, true]) {
			const random = seeded(7);
			const tasks = Array.from({ length: 2000 }, () => {
				const T = (family.range[0] + (family.range[1] - family.range[0]) * random()) * 1000;
				return { T, queuedMs: T * (0.05 + 0.1 * random()) };
			});
			const policies = [{ name: 'ours', run: (task) => ours(task, family.range, progress) }, ...intervals.map((k) => ({ name: `fixed ${k} s`, run: (task) => fixed(task, k * 1000) }))];
			for (const policy of policies) {
				if (progress && policy.name !== 'ours') continue; // a fixed interval ignores progress
				const runs = tasks.map((task) => ({ ...policy.run(task), T: task.T }));
				const queries = runs.map((r) => r.queries);
				const latency = runs.map((r) => r.latencyMs / 1000);
				const pct = runs.map((r) => (100 * r.latencyMs) / r.T);
				const row = {
					family: family.name, progress: progress ? 'yes' : 'no', policy: policy.name,
					'queries median': quantile(queries, 0.5), 'queries p95': quantile(queries, 0.95),
					'latency median s': round(quantile(latency, 0.5)), 'latency p95 s': round(quantile(latency, 0.95)),
					'latency median %': round(quantile(pct, 0.5), 2), 'latency p95 %': round(quantile(pct, 0.95), 2),
				};
				rows.push(row);
				out.push(row);
			}
		}
	}
	table('1. Wait schedule vs fixed intervals (2,000 tasks per family, virtual clock)', rows);
	results.waitPolicy = out;

	function ours(task, range, withProgress) {
		const observations = [];
		let t = 0;
		let queries = 0;
		for (;;) {
			t += nextPollDelayMs({ expectedSeconds: range, observations, elapsedMs: t, errorsInARow: 0 });
			queries += 1;
			if (t >= task.T) return { queries, latencyMs: t - task.T };
			const p = withProgress ? Math.floor((100 * Math.max(0, t - task.queuedMs)) / (task.T - task.queuedMs)) : null;
			observations.push({ atMs: t, status: t < task.queuedMs ? 'queued' : 'running', progress: p });
		}
	}

	function fixed(task, k) {
		const queries = Math.ceil(task.T / k);
		return { queries, latencyMs: queries * k - task.T };
	}
}

// ------------------------------------------------------------------------------------------------
// Helpers running workflows through n8n-core's engine (the compiled test harness) on the simulator.

const { startSimulator } = require(path.join(ROOT, 'simulator/server.js'));
const harness = () => require(path.join(ROOT, '.bench-build/test/harness/engine.js'));

function seedanceWorkflow(parameters, items) {
	return {
		id: 'bench', name: 'bench', active: false, settings: { executionOrder: 'v1' },
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Items', type: 'n8n-nodes-base.set', typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
			{
				id: '3', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [400, 0],
				credentials: { seedanceApi: { id: '1', name: 'sim' } },
				parameters: { resource: 'video', operation: 'createAndWait', mode: 'text', model: { __rl: true, mode: 'id', value: 'doubao-seedance-2-0-260128' }, prompt: '={{ $json.prompt }}', ...parameters },
			},
		],
		connections: { Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] }, Items: { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] } },
	};
}

async function runSeedance(sim, parameters, n, provider = 'volcengine') {
	const items = Array.from({ length: n }, (_, i) => ({ prompt: `clip ${i}` }));
	const started = Date.now();
	const result = await harness().runWorkflow(seedanceWorkflow(parameters, items), {
		credentials: { seedanceApi: { provider, apiKey: sim.apiKey, [`${provider}BaseUrl`]: sim.baseUrl(provider) } },
	});
	const output = result.output('Seedance');
	const failed = output.filter((i) => i.json.status !== 'succeeded').length + (result.error ? n : 0);
	return { ms: Date.now() - started, failed, error: result.error?.message, output };
}

// ------------------------------------------------------------------------------------------------
// 2. Batch wall time.

async function benchBatch() {
	const T = 1000;
	const sim = await startSimulator({ taskDurationMs: T });
	const wait = { expectedSeconds: T / 1000 };
	const base = { downloadVideo: false, waitOptions: wait };
	await runSeedance(sim, base, 1); // warm-up: the first run pays for loading the engine
	const single = await runSeedance(sim, base, 1);
	checks.none('batch, one task: failed items', single.failed);
	const rows = [];
	for (const n of [1, 10, 50, 200]) {
		sim.configure({ maxActiveTasks: undefined });
		const ours = await runSeedance(sim, base, n);
		const oneByOne = await runSeedance(sim, { ...base, waitOptions: { ...wait, maxInFlight: 1 } }, n);
		sim.configure({ maxActiveTasks: 10 });
		sim.reset();
		const limited = await runSeedance(sim, base, n);
		const creates = sim.requests({ route: 'create' });
		const ideal = Math.ceil(n / 10) * T;
		checks.none(`batch, ${n} items: failed items (ours, one by one, limit 10)`, ours.failed + oneByOne.failed + limited.failed);
		rows.push({
			N: n,
			'ours s': round(ours.ms / 1000, 2), 'ours / single': round(ours.ms / single.ms, 2),
			'one by one s': round(oneByOne.ms / 1000, 2), 'one by one / single': round(oneByOne.ms / single.ms, 2),
			'limit 10: s': round(limited.ms / 1000, 2), 'limit 10: / ideal': round(limited.ms / ideal, 2),
			'limit 10: 429s': creates.filter((r) => r.status === 429).length, 'failed items': ours.failed + oneByOne.failed + limited.failed,
		});
		sim.reset();
	}
	await sim.close();
	table(`2. Batch wall time, Create and Wait, task time T = ${T / 1000} s (single task: ${round(single.ms / 1000, 2)} s)`, rows);
	results.batch = { taskSeconds: T / 1000, singleTaskSeconds: single.ms / 1000, rows };
}

// ------------------------------------------------------------------------------------------------
// 2b. No 429 storms: a provider that runs 10 tasks at once, batches far above it.

async function benchRateLimit() {
	const T = 1500;
	const limit = 10;
	const sim = await startSimulator({ taskDurationMs: T });
	const wait = { expectedSeconds: T / 1000 };
	await runSeedance(sim, { downloadVideo: false, waitOptions: wait }, 1); // warm-up
	const rows = [];
	for (const maxInFlight of [50, 500]) {
		for (const n of [50, 200, 500]) {
			sim.reset();
			sim.configure({ maxActiveTasks: limit });
			const run = await runSeedance(sim, { downloadVideo: false, waitOptions: { ...wait, maxInFlight } }, n);
			const creates = sim.requests({ route: 'create' });
			const ideal = Math.ceil(n / limit) * T;
			const replies429 = creates.filter((r) => r.status === 429).length;
			checks.none(`rateLimit, ${n} items at Max Tasks at Once ${maxInFlight}: failed items`, run.failed);
			// README: "500 items against a limit of 10 cost a handful of 429s" (before the adaptive limit: 100-11,583).
			checks.atMost(`rateLimit, ${n} items at Max Tasks at Once ${maxInFlight}: replies 429`, replies429, 20);
			rows.push({ n, maxInFlight, limit, wallOverIdeal: round(run.ms / ideal, 2), replies429, failed: run.failed });
		}
	}
	sim.configure({ maxActiveTasks: undefined });
	await sim.close();
	table(`2b. No 429 storms: Create and Wait against a provider running ${limit} tasks at once (429 beyond), T = ${T / 1000} s; wall time over the ideal ⌈N/${limit}⌉·T`, rows);
	results.rateLimit = rows.map(({ failed, ...row }) => row);
}

// ------------------------------------------------------------------------------------------------
// 2c. Batch looks: requests per poll round for the tasks in flight.

/** For each task, from its end at the simulator to the first look (GET, or list naming it) after it. */
function detectionMs(sim, requests) {
	return [...sim.engine.tasks.values()].map((task) => {
		const seen = requests.find((r) => r.at >= task.endAt && (r.route === 'get' ? r.path.endsWith(`/${task.id}`) : [r.query['filter.task_ids']].flat().includes(task.id)));
		return seen ? seen.at - task.endAt : NaN;
	});
}

async function benchBatchLooks() {
	const T = 6000;
	const sim = await startSimulator({ taskDurationMs: T });
	const base = { downloadVideo: false, waitOptions: { expectedSeconds: T / 1000, maxInFlight: 500 } };
	const median = (values) => quantile(values, 0.5);
	const rows = [];
	const run = async (provider, n, varied) => {
		sim.reset();
		// With every task taking T, all N are in flight in every round: requests per round. Real tasks
		// vary (T × [0.75, 1.25], the same draws for both providers): detection latency.
		const random = seeded(11);
		sim.engine.durationFor = () => (varied ? T * (0.75 + 0.5 * random()) : T);
		const result = await runSeedance(sim, base, n, provider);
		const requests = sim.requests().filter((r) => r.route === 'list' || r.route === 'get');
		return { rounds: median(result.output.map((i) => i.json.polls)), looks: requests.length, failed: result.failed, latency: median(detectionMs(sim, requests)) };
	};
	for (const n of [50, 200]) {
		// Ark-compatible gateways cannot list by ID: the same Ark tasks, one GET per task per round.
		const ark = await run('volcengine', n, false);
		const single = await run('arkGateway', n, false);
		const arkVaried = await run('volcengine', n, true);
		const singleVaried = await run('arkGateway', n, true);
		checks.none(`batchLooks, ${n} tasks: failed items`, ark.failed + single.failed + arkVaried.failed + singleVaried.failed);
		rows.push({
			provider: 'volcengine', n,
			requests: round(ark.looks / ark.rounds, 2),
			requestsPerTaskPolling: round(single.looks / single.rounds, 2),
			'rounds (median polls a task)': ark.rounds, 'list requests': ark.looks,
			'detection ms median: batch': round(arkVaried.latency, 0), 'detection ms median: per task': round(singleVaried.latency, 0),
			failed: ark.failed + single.failed + arkVaried.failed + singleVaried.failed,
		});
	}
	await sim.close();
	table(`2c. Batch looks: requests per poll round with N tasks in flight, T = ${T / 1000} s (latency: T ± 25%; per-task polling: the same Ark tasks through an Ark-compatible gateway, which cannot list by ID)`, rows);
	results.batchLooks = rows.map((r) => ({ provider: r.provider, n: r.n, requests: r.requests, requestsPerTaskPolling: r.requestsPerTaskPolling, detectionMsBatch: r['detection ms median: batch'], detectionMsPerTask: r['detection ms median: per task'] }));
}

// ------------------------------------------------------------------------------------------------
// 3. Download memory: each size in a fresh process, binary data in filesystem mode.

function benchDownload() {
	const rows = [];
	// BENCH_DOWNLOAD_MB=10 measures one size only (a quick check of the bench itself).
	const sizes = process.env.BENCH_DOWNLOAD_MB ? process.env.BENCH_DOWNLOAD_MB.split(',').map(Number) : [10, 200, 1024];
	for (const mb of sizes) {
		for (const mode of ['stream', 'arraybuffer']) {
			const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'download-child.js'), String(mb * 1024 * 1024), mode], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 20 });
			const r = JSON.parse(out.trim().split('\n').pop());
			const what = `download, ${mb} MB, ${mode}`;
			checks.none(`${what}: errors`, r.error ? 1 : 0);
			// The stored file is the one served, whole: its size and its SHA-256.
			checks.equal(`${what}: bytes stored`, r.storedBytes, mb * 1024 * 1024);
			checks.equal(`${what}: SHA-256 stored = served`, r.storedSha256, r.servedSha256);
			rows.push({ size: mb >= 1024 ? '1 GB' : `${mb} MB`, how: mode === 'stream' ? 'ours (stream → binary data)' : 'arraybuffer (whole file)', 'peak RSS growth MB': round(r.peakGrowthMb), 'MB/s': round(r.mbPerSecond), ok: r.ok });
		}
	}
	table('3. Download memory (Create and Wait with Download, binary data in filesystem mode)', rows);
	results.download = rows;
}

// ------------------------------------------------------------------------------------------------
// 4. Trigger poll cost.

async function benchTrigger() {
	const { TriggerHarness } = require(path.join(ROOT, '.bench-build/test/harness/poll.js'));
	const rows = [];
	for (const n of [100, 1000, 10000]) {
		const sim = await startSimulator({ taskDurationMs: 1 });
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, sim.apiKey);
		await trigger.poll();
		for (let i = 0; i < n; i++) sim.engine.createTask('volcengine', `cgt-bench-${i}`, 'doubao-seedance-2-0-260128', {});
		await new Promise((resolve) => setTimeout(resolve, 20));
		const before = sim.requests().length;
		let started = Date.now();
		const { items } = await trigger.poll();
		const emitMs = Date.now() - started;
		const emitRequests = sim.requests().length - before;
		const afterEmit = sim.requests().length;
		started = Date.now();
		await trigger.poll();
		const idleMs = Date.now() - started;
		checks.equal(`trigger, ${n} tasks: emitted`, items?.length ?? 0, n);
		rows.push({
			'tasks listed': n, emitted: items?.length ?? 0, 'requests (poll that emits)': emitRequests, 'ms (poll that emits)': emitMs,
			'requests (next poll)': sim.requests().length - afterEmit, 'ms (next poll)': idleMs, 'static data bytes': trigger.staticDataBytes(),
		});
		await sim.close();
	}
	table('4. Trigger poll cost (All Tasks of This Account, 500 per page)', rows);
	results.trigger = rows;

	// An idle poll on a busy account: N finished tasks created over the last 7 days, all known.
	const idle = [];
	for (const n of [10000, 50000]) {
		const sim = await startSimulator({ taskDurationMs: 1 });
		const now = Date.now();
		for (let i = 0; i < n; i++) {
			const task = sim.engine.createTask('volcengine', `cgt-idle-${i}`, 'doubao-seedance-2-0-260128', {});
			const age = Math.floor((i / n) * 6.9 * 24 * 3600 * 1000);
			Object.assign(task, { createdAt: now - age, startAt: now - age, endAt: now - age + 1 });
		}
		const trigger = new TriggerHarness(sim, 'volcengine', { event: 'succeeded', source: 'account' }, sim.apiKey);
		await trigger.poll();
		const samples = [];
		let requests = 0;
		for (let i = 0; i < 5; i++) {
			const before = sim.requests().length;
			const started = process.hrtime.bigint();
			await trigger.poll();
			samples.push(Number(process.hrtime.bigint() - started) / 1e6);
			requests = Math.max(requests, sim.requests().length - before);
		}
		idle.push({ tasks: n, requests, ms: round(quantile(samples, 0.5), 1), stateBytes: trigger.staticDataBytes() });
		await sim.close();
	}
	table('4b. Idle trigger poll (N finished tasks created over 7 days, all seen; median of 5 polls)', idle);
	results.triggerIdle = idle;
}

// ------------------------------------------------------------------------------------------------
// 5. Load cost and package size.

function benchLoad() {
	const rows = [];
	for (const file of ['dist/nodes/Seedance/Seedance.node.js', 'dist/nodes/Seedance/SeedanceTrigger.node.js', 'dist/credentials/SeedanceApi.credentials.js']) {
		const samples = [];
		for (let i = 0; i < 5; i++) {
			// n8n has n8n-workflow and zod loaded already; only our own files are timed.
			const script = `require('n8n-workflow'); require('zod'); const t = process.hrtime.bigint(); require('./${file}'); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
			samples.push(Number(spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()));
		}
		rows.push({ file, 'cold require ms (median of 5)': round(quantile(samples, 0.5), 1) });
	}
	const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	rows.push({ file: `npm pack tarball (${pack[0].entryCount} files)`, 'cold require ms (median of 5)': `${round(pack[0].size / 1024)} KB packed, ${round(pack[0].unpackedSize / 1024)} KB unpacked` });
	table('5. Load cost', rows);
	results.load = rows;
}

(async () => {
	const started = Date.now();
	// `node bench/run.js trigger load` runs only those parts and keeps the others' last figures.
	const parts = { policy: benchPolicy, batch: benchBatch, rateLimit: benchRateLimit, batchLooks: benchBatchLooks, download: benchDownload, trigger: benchTrigger, load: benchLoad, binaryImage: () => require('./binary-image').benchBinaryImage({ table, round, results }), callback: async () => await require('./callback').benchCallback(results, table) };
	for (const [name, part] of Object.entries(parts)) if (only.length === 0 || only.includes(name)) await part();
	results.totalSeconds = Math.round((Date.now() - started) / 1000);
	// A broken run's figures are printed above but never replace the last good ones.
	if (checks.report()) process.exit(1);
	const previous = only.length && fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
	fs.writeFileSync(RESULTS, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
	console.log(`\nDone in ${results.totalSeconds} s; figures in bench/results.json`);
	process.exit(0);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
