'use strict';
// One measurement in a fresh process: Create with N items whose first frame is a binary image of
// the given size, in filesystem binary mode, against a simulator in another process (so its own
// parsing is not counted). Prints {peakGrowthMb, seconds, ok} as the last line.
// Usage: node --expose-gc bench/binary-image-child.js SIM_URL PROVIDER IMAGE_MB ITEMS

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [simUrl, provider, imageMb, count] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'seedance-bench-image-'));
process.env.N8N_USER_FOLDER = storage;
process.env.N8N_ENCRYPTION_KEY = 'seedance-bench';
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(storage, 'binary');

const ROOT = path.resolve(__dirname, '..');
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { BinaryDataService } = require('n8n-core');
const engine = require(path.join(ROOT, '.bench-build/test/harness/engine.js'));
const { png } = require(path.join(ROOT, '.bench-build/test/harness/images.js'));

// The image file on disk; the input node streams it into binary data (as a Read Files node would).
const file = path.join(storage, 'frame.png');
fs.writeFileSync(file, png(1920, 1080, Math.round(imageMb * 1024 * 1024)));
const small = path.join(storage, 'small.png');
fs.writeFileSync(small, png(1920, 1080, 100 * 1024));
let current = { file: small, count: 1 };

class ImageInput {
	constructor() {
		this.description = { displayName: 'Image', name: 'image', group: ['transform'], version: 1, description: '', defaults: {}, inputs: ['main'], outputs: ['main'], properties: [] };
	}

	async execute() {
		const items = [];
		for (let i = 0; i < current.count; i++) {
			const binary = await this.helpers.prepareBinaryData(fs.createReadStream(current.file), 'frame.png', 'image/png');
			items.push({ json: { i }, binary: { data: binary }, pairedItem: { item: 0 } });
		}
		return [items];
	}
}

const MODELS = { byteplus: 'dreamina-seedance-2-0-260128', openaiVideos: 'doubao-seedance-1-0-pro-250528', anyfast: 'seedance' };
const PATHS = { byteplus: '/byteplus/api/v3', openaiVideos: '/openai', anyfast: '/anyfast' };

(async () => {
	await Container.get(BinaryDataService).init();
	engine.NODE_TYPES['bench.image'] = new ImageInput();
	const credentials = { seedanceApi: { provider, apiKey: 'sim-key', [`${provider}BaseUrl`]: `${simUrl}${PATHS[provider]}` } };
	const node = (id, name, type, parameters, extra = {}) => ({ id, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra });
	const seedance = node('3', 'Seedance', 'n8n-nodes-seedance.seedance', {
		resource: 'video', operation: 'create', mode: 'firstFrame', model: { __rl: true, mode: 'id', value: MODELS[provider] }, prompt: 'bench', firstFrameImageSource: 'binary',
	}, { credentials: { seedanceApi: { id: '1', name: 'sim' } } });
	const base = { id: 'bench', name: 'bench', active: false, settings: { executionOrder: 'v1' } };
	const connections = { Start: { main: [[{ node: 'Image', type: 'main', index: 0 }]] }, Image: { main: [[{ node: 'Seedance', type: 'main', index: 0 }]] } };
	const nodes = [node('1', 'Start', 'n8n-nodes-base.manualTrigger', {}), node('2', 'Image', 'bench.image', {})];
	// Warm up with a 100 KB image, so loading and compiling code is not counted as the image's cost.
	await engine.runWorkflow({ ...base, nodes: [...nodes, seedance], connections }, { credentials });
	current = { file, count };
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const started = Date.now();
	const result = await engine.runWorkflow({ ...base, nodes: [...nodes, seedance], connections }, { credentials });
	const seconds = (Date.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const items = result.output('Seedance');
	fs.rmSync(storage, { recursive: true, force: true });
	console.log(JSON.stringify({ peakGrowthMb: (peak - baseline) / 2 ** 20, seconds, ok: items.length === count && items.every((i) => i.json.id), error: result.error?.message }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
