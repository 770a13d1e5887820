'use strict';
// One download measured in a fresh process: Create and Wait with Download of a video of the given
// size, into n8n binary data in filesystem mode ("stream", the node as shipped), or the same file
// fetched whole with encoding 'arraybuffer' and handed to prepareBinaryData ("arraybuffer").
// Prints {peakGrowthMb, mbPerSecond, ok} as the last line.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [bytes, mode] = [Number(process.argv[2]), process.argv[3]];
const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'seedance-bench-'));
process.env.N8N_USER_FOLDER = storage;
process.env.N8N_ENCRYPTION_KEY = 'seedance-bench';
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(storage, 'binary');

const ROOT = path.resolve(__dirname, '..');
// The DI container n8n-core registers its services in (it may bring its own copy of @n8n/di).
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { BinaryDataService } = require('n8n-core');
const { startSimulator } = require(path.join(ROOT, 'simulator/server.js'));
const engine = require(path.join(ROOT, '.bench-build/test/harness/engine.js'));

/** A node that downloads the way a naive node would: the whole file in memory first. */
class WholeFileDownload {
	constructor() {
		this.description = { displayName: 'Whole', name: 'whole', group: ['transform'], version: 1, description: '', defaults: {}, inputs: ['main'], outputs: ['main'], properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }] };
	}

	async execute() {
		const url = this.getNodeParameter('url', 0);
		const buffer = await this.helpers.httpRequest({ url, encoding: 'arraybuffer' });
		const binary = await this.helpers.prepareBinaryData(Buffer.from(buffer), 'video.mp4', 'video/mp4');
		return [[{ json: {}, binary: { data: binary }, pairedItem: { item: 0 } }]];
	}
}

async function sha256(chunks) {
	const hash = crypto.createHash('sha256');
	for await (const chunk of chunks) hash.update(chunk);
	return hash.digest('hex');
}

(async () => {
	await Container.get(BinaryDataService).init();
	engine.NODE_TYPES['bench.whole'] = new WholeFileDownload();
	const sim = await startSimulator({ taskDurationMs: 50, videoBytes: bytes });
	const credentials = { seedanceApi: { provider: 'volcengine', apiKey: sim.apiKey, volcengineBaseUrl: sim.baseUrl('volcengine') } };
	const start = { id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	let workflow;
	if (mode === 'stream') {
		workflow = {
			nodes: [start, {
				id: '2', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [200, 0], credentials: { seedanceApi: { id: '1', name: 'sim' } },
				parameters: { resource: 'video', operation: 'createAndWait', mode: 'text', model: { __rl: true, mode: 'id', value: 'doubao-seedance-2-0-260128' }, prompt: 'bench', waitOptions: { expectedSeconds: 0.05 } },
			}],
			connections: { Start: { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] } },
		};
	} else {
		// A finished task's presigned URL, fetched whole.
		const created = await (await fetch(`${sim.baseUrl('volcengine')}/contents/generations/tasks`, { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'doubao-seedance-2-0-260128', content: [{ type: 'text', text: 'bench' }] }) })).json();
		await new Promise((resolve) => setTimeout(resolve, 100));
		const task = await (await fetch(`${sim.baseUrl('volcengine')}/contents/generations/tasks/${created.id}`, { headers: { authorization: `Bearer ${sim.apiKey}` } })).json();
		workflow = {
			nodes: [start, { id: '2', name: 'Whole', type: 'bench.whole', typeVersion: 1, position: [200, 0], parameters: { url: task.content.video_url } }],
			connections: { Start: { main: [[{ node: 'Whole', type: 'main', index: 0 }]] } },
		};
	}
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	const started = Date.now();
	const result = await engine.runWorkflow({ id: 'bench', name: 'bench', active: false, settings: { executionOrder: 'v1' }, ...workflow }, { credentials });
	const seconds = (Date.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const item = result.output(mode === 'stream' ? 'Seedance' : 'Whole')[0];
	// What was stored, against what the simulator served: size and SHA-256 of the whole file.
	const file = item?.binary?.data?.id ? Container.get(BinaryDataService).getPath(item.binary.data.id) : undefined;
	const storedBytes = file ? fs.statSync(file).size : -1;
	const storedSha256 = file ? await sha256(fs.createReadStream(file)) : null;
	const servedSha256 = await sha256(sim.engine.videoChunks());
	await sim.close();
	fs.rmSync(storage, { recursive: true, force: true });
	console.log(JSON.stringify({ peakGrowthMb: (peak - baseline) / 2 ** 20, mbPerSecond: bytes / 2 ** 20 / seconds, ok: storedBytes === bytes && storedSha256 === servedSha256, storedBytes, storedSha256, servedSha256, error: result.error?.message }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
