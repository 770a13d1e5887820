'use strict';
// Callbacks against polling for Create and Wait: requests per task and how soon a finished task is
// seen (detection latency: from the moment the simulator finishes a task to the first read that
// sees it finished). Same tasks, same simulator clock; callback mode parks on n8n-core and resumes
// through a real WebhookContext, fed by the simulator's callbacks over loopback.

const http = require('node:http');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const checks = require('./checks');
const PUBLIC_URL = 'https://n8n.example.test';
const quantile = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
};

function workflow(waitBy, n) {
	const items = Array.from({ length: n }, (_, i) => ({ prompt: `clip ${i}` }));
	return {
		id: 'bench-callback', name: 'bench', active: false, settings: { executionOrder: 'v1' },
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Items', type: 'n8n-nodes-base.set', typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
			{
				id: '3', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [400, 0],
				credentials: { seedanceApi: { id: '1', name: 'sim' } },
				parameters: {
					resource: 'video', operation: 'createAndWait', mode: 'text', model: { __rl: true, mode: 'id', value: 'dreamina-seedance-2-0-260128' },
					prompt: '={{ $json.prompt }}', waitBy, waitOptions: { expectedSeconds: 2 },
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] }, Items: { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] } },
	};
}

/** Items that did not succeed, and items missing from the output. */
function failedItems(output, n) {
	const items = Array.isArray(output) ? output : [];
	return items.filter((i) => i.json?.status !== 'succeeded').length + Math.max(0, n - items.length);
}

/** Requests per task and detection latency of one finished run, from the simulator's log. */
function measure(sim, n) {
	const api = sim.requests().filter((r) => r.provider === 'byteplus');
	const latencies = [...sim.engine.tasks.values()].map((task) => {
		const seen = api.find((r) => r.at >= task.endAt && ((r.route === 'get' && r.path.endsWith(task.id)) || r.route === 'list'));
		return seen ? seen.at - task.endAt : NaN;
	});
	return { requestsPerTask: Math.round((api.length / n) * 100) / 100, detectionLatencyMs: Math.round(quantile(latencies.filter(Number.isFinite), 0.5)) };
}

async function benchCallback(results, table) {
	const { startSimulator } = require(path.join(ROOT, 'simulator/server.js'));
	const engine = require(path.join(ROOT, '.bench-build/test/harness/engine.js'));
	const { runUntilParked } = require(path.join(ROOT, '.bench-build/test/harness/waiting.js'));
	// Tasks of 1 to 3 s (a 2.0 model's 60-180 s at 60x), as in the batch bench.
	const sim = await startSimulator({ speed: 60, seed: 11 });
	const runs = new Map();
	const receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://n8n');
			const entry = runs.get(url.pathname.split('/')[2]);
			if (!entry || entry.output) return void res.writeHead(409).end();
			entry.run.callback(JSON.parse(text || '{}')).then((o) => {
				if (o.output) entry.output = o.output;
				res.writeHead(o.answered ?? 500).end();
			}, () => res.writeHead(500).end());
		});
	});
	await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const credentials = { seedanceApi: { provider: 'byteplus', apiKey: sim.apiKey, byteplusBaseUrl: sim.baseUrl('byteplus') } };
	const rows = [];
	try {
		for (const n of [5, 20]) {
			sim.reset();
			const polled = await engine.runWorkflow(workflow('polling', n), { credentials });
			checks.none(`callback bench, polling, ${n} items: failed items`, failedItems(polled.output('Seedance'), n) + (polled.error ? n : 0));
			rows.push({ mode: 'polling', n, ...measure(sim, n) });

			sim.reset();
			sim.configure({ callbackRewrite: { from: PUBLIC_URL, to: `http://127.0.0.1:${receiver.address().port}` } });
			const run = await runUntilParked(workflow('callback', n), credentials, PUBLIC_URL);
			const entry = { run };
			runs.set(run.executionId, entry);
			const until = Date.now() + 60_000;
			while (!entry.output && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
			if (!entry.output) throw new Error('callback bench: the execution was not resumed');
			checks.none(`callback bench, callback, ${n} items: failed items`, failedItems(entry.output, n));
			rows.push({ mode: 'callback', n, ...measure(sim, n) });
		}
	} finally {
		await sim.close();
		await new Promise((resolve) => receiver.close(resolve));
	}
	table('6. Create and Wait: callbacks against polling (tasks of 1-3 s; latency = median ms from a task finishing to the first read seeing it)', rows);
	results.callback = rows;
}

module.exports = { benchCallback };
