'use strict';
// End to end in a real n8n (installed as users install community packages) against the simulator:
// every mode headless with `n8n execute`, the examples, the credential test endpoint, the editor
// (headless Chromium), and an activated Seedance Trigger across a restart of n8n.
// N8N_VERSION picks the n8n release (default 2.40.7); on 1.x the editor check is left out (its
// screens differ), everything else runs the same.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
// n8n's own format for execution data (a dependency of n8n-core, here a devDependency).
const { parse } = require('flatted');
const { startSimulator } = require('../../simulator/server');
const e2e = require('./n8n');

const TASK_SECONDS = 3;
const on = `[n8n ${e2e.VERSION}]`;
let sim;
let tarball;

before(async () => {
	e2e.ensureInstalled();
	tarball = e2e.packPackage();
	sim = await startSimulator({ taskDurationMs: TASK_SECONDS * 1000 });
});
after(async () => await sim?.close());

const IMG = 'https://cdn.example.com/a.png';
const IMG2 = 'https://cdn.example.com/b.png';
const credentialRef = { seedanceApi: { id: 'seedance-sim', name: 'Seedance (simulator)' } };
const seedanceNode = (id, name, x, parameters) => ({
	id, name, type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [x, 0], credentials: credentialRef,
	parameters: { resource: 'video', operation: 'createAndWait', waitOptions: { expectedSeconds: TASK_SECONDS }, ...parameters },
});
const model = (value) => ({ __rl: true, mode: 'list', value });

/** One workflow with a Create and Wait node per mode, chained, the draft feeding the draft render. */
function everyModeWorkflow() {
	const nodes = [
		{ id: 'm0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		seedanceNode('m1', 'Text to Video', 200, { mode: 'text', model: model('doubao-seedance-2-0-260128'), prompt: 'A kite over a field' }),
		seedanceNode('m2', 'Image to Video', 400, { mode: 'firstFrame', model: model('doubao-seedance-1-0-pro-250528'), prompt: 'The kite flies away', firstFrameImage: IMG }),
		seedanceNode('m3', 'First and Last Frame', 600, { mode: 'firstLastFrame', model: model('doubao-seedance-2-0-fast-260128'), prompt: 'Sunrise to noon', firstFrameImage: IMG, lastFrameImage: IMG2 }),
		seedanceNode('m4', 'Reference', 800, {
			mode: 'reference', model: model('doubao-seedance-2-0-260128'), prompt: 'The product spinning',
			referenceImages: { items: [{ url: IMG }, { url: IMG2 }] }, referenceVideos: { items: [{ url: 'https://cdn.example.com/m.mp4' }] }, referenceAudios: { items: [{ url: 'https://cdn.example.com/v.mp3' }] },
		}),
		seedanceNode('m5', 'Draft', 1000, { mode: 'text', model: model('doubao-seedance-1-5-pro-251215'), prompt: 'A lighthouse in a storm', options: { draft: true }, downloadVideo: false }),
		seedanceNode('m6', 'Render the Draft', 1200, { mode: 'draftRender', model: model('doubao-seedance-1-5-pro-251215'), draftTaskId: '={{ $json.id }}' }),
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id: 'seedanceEveryMode1', name: 'Seedance: every mode', active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

test(`${on} Create and Wait in every mode succeeds in real n8n, with an MP4 in binary data`, async () => {
	const folder = e2e.createUserFolder('modes', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'volcengine')]);
	await e2e.importJson(folder, 'workflow', everyModeWorkflow());
	const run = await e2e.execute(folder, 'seedanceEveryMode1');
	assert.equal(run.data.resultData.error, undefined);
	for (const name of ['Text to Video', 'Image to Video', 'First and Last Frame', 'Reference', 'Draft', 'Render the Draft']) {
		const item = run.data.resultData.runData[name][0].data.main[0][0];
		assert.equal(item.json.status, 'succeeded', name);
		if (name !== 'Draft') {
			assert.equal(item.binary.data.mimeType, 'video/mp4', name);
			assert.equal(item.binary.data.fileName, `${item.json.id}.mp4`, name);
		}
	}
	const renderBody = sim.engine.requests.filter((r) => r.route === 'create').at(-1).body;
	assert.deepEqual(renderBody.content, [{ type: 'draft_task', draft_task: { id: run.data.resultData.runData.Draft[0].data.main[0][0].json.id } }]);
});

test(`${on} the examples run: prompt → video → file, and several Creates from a list of ideas`, async () => {
	const folder = e2e.createUserFolder('examples', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'volcengine')]);
	const read = (file) => JSON.parse(fs.readFileSync(path.join(e2e.ROOT, 'examples', file), 'utf8'));
	await e2e.importJson(folder, 'workflow', e2e.forSimulator(read('prompt-to-video.json'), TASK_SECONDS));
	await e2e.importJson(folder, 'workflow', read('schedule-several-creates.json'));
	const video = await e2e.execute(folder, 'seedancePrompt01');
	const task = video.data.resultData.runData.Seedance[0].data.main[0][0].json;
	const bytes = fs.readFileSync(path.join(e2e.OUT, `${task.id}.mp4`));
	assert.equal(bytes.subarray(4, 8).toString('latin1'), 'ftyp');
	const many = await e2e.execute(folder, 'seedanceSchedule');
	const started = many.data.resultData.runData['Start the videos'][0].data.main[0];
	assert.deepEqual(started.map((i) => i.json.status), ['queued', 'queued', 'queued']);
});

test('an image downloaded by an HTTP Request node becomes the first frame: the provider gets exactly its bytes', async () => {
	const { SAMPLE_FRAME_PNG } = require('../../simulator/sample-image');
	const folder = e2e.createUserFolder('binary-image', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'volcengine')]);
	const example = JSON.parse(fs.readFileSync(path.join(e2e.ROOT, 'examples', 'image-to-video-from-binary.json'), 'utf8'));
	const workflow = e2e.forSimulator(example, TASK_SECONDS);
	// n8n's default binary mode: filesystem on 2.x (the item holds a reference, never the bytes), memory on 1.x.
	workflow.nodes[1].parameters.url = `${sim.url}/samples/frame.png`;
	await e2e.importJson(folder, 'workflow', workflow);
	const before = sim.engine.requests.length;
	const run = await e2e.execute(folder, 'seedanceImageToVideo');
	assert.equal(run.data.resultData.error, undefined, JSON.stringify(run.data.resultData.error));
	const downloaded = run.data.resultData.runData[workflow.nodes[1].name][0].data.main[0][0].binary.data;
	if (e2e.IS_V1) assert.equal(downloaded.id, undefined, 'n8n 1.x keeps binary data in memory by default');
	else assert.match(downloaded.id ?? '', /^filesystem/, 'the downloaded image is stored in filesystem mode');
	const task = run.data.resultData.runData['Animate the image'][0].data.main[0][0].json;
	assert.equal(task.status, 'succeeded');
	const create = sim.engine.requests.slice(before).find((r) => r.route === 'create');
	const sha = require('node:crypto').createHash('sha256').update(SAMPLE_FRAME_PNG).digest('hex');
	assert.deepEqual(create.images, [{ at: 'content[1].image_url.url', mimeType: 'image/png', bytes: SAMPLE_FRAME_PNG.length, sha256: sha }]);
	const mp4 = fs.readFileSync(path.join(e2e.OUT, `${task.id}.mp4`));
	assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp');
});

test('OpenAI-videos creates from real n8n are multipart, the downloaded image as the file part input_reference', async () => {
	const { SAMPLE_FRAME_PNG } = require('../../simulator/sample-image');
	const folder = e2e.createUserFolder('binary-image-openai', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'openaiVideos')]);
	const workflow = JSON.parse(fs.readFileSync(path.join(e2e.ROOT, 'examples', 'image-to-video-from-binary.json'), 'utf8'));
	workflow.id = 'seedanceImageOpenai1';
	workflow.nodes[1].parameters.url = `${sim.url}/samples/frame.png`;
	Object.assign(workflow.nodes[2].parameters, { operation: 'create', options: { duration: 5 } });
	// Create only: no MP4 to save.
	workflow.nodes.pop();
	delete workflow.connections['Animate the image'];
	await e2e.importJson(folder, 'workflow', workflow);
	const before = sim.engine.requests.length;
	const run = await e2e.execute(folder, workflow.id);
	assert.equal(run.data.resultData.error, undefined, JSON.stringify(run.data.resultData.error));
	assert.equal(run.data.resultData.runData['Animate the image'][0].data.main[0][0].json.status, 'queued');
	const create = sim.engine.requests.slice(before).find((r) => r.route === 'create');
	assert.equal(create.multipart, true);
	const sha = require('node:crypto').createHash('sha256').update(SAMPLE_FRAME_PNG).digest('hex');
	assert.deepEqual(create.images, [{ at: 'input_reference', mimeType: 'image/png', bytes: SAMPLE_FRAME_PNG.length, sha256: sha }]);
});

/** Sets up the owner account of a fresh instance and returns a REST client logged in as it. */
async function owner(server) {
	const account = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Seedance-e2e-1' };
	const headers = { 'content-type': 'application/json', 'browser-id': 'seedance-e2e-browser' };
	// n8n 1.x answers readiness before its REST routes are mounted: retry while the route is missing.
	let setup;
	for (const deadline = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 1000))) {
		setup = await fetch(`${server.url}/rest/owner/setup`, { method: 'POST', headers, body: JSON.stringify(account) });
		if (setup.status !== 404 || Date.now() > deadline) break;
	}
	assert.equal(setup.status, 200, await setup.clone().text());
	const cookie = setup.headers.get('set-cookie').split(';')[0];
	return {
		account,
		post: async (route, body) => {
			const res = await fetch(`${server.url}/rest/${route}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(body) });
			return { status: res.status, body: await res.json() };
		},
	};
}

test(`${on} in the running n8n: the credential test endpoint${e2e.IS_V1 ? '' : ', and the editor shows only each mode\'s fields'}`, async () => {
	const folder = e2e.createUserFolder('editor', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'volcengine'), e2e.simulatorCredential(sim, 'globalAiOpc', 'seedance-sim-g', 'Seedance GlobalAiOpc (simulator)')]);
	const editor = JSON.parse(fs.readFileSync(path.join(__dirname, 'editor.workflow.json'), 'utf8'));
	await e2e.importJson(folder, 'workflow', editor);
	const server = await e2e.startServer(folder, 5690);
	try {
		const rest = await owner(server);
		for (const provider of ['byteplus', 'volcengine', 'arkGateway', 'globalAiOpc', 'anyfast', 'openaiVideos']) {
			const good = e2e.simulatorCredential(sim, provider);
			const ok = await rest.post('credentials/test', { credentials: { id: 'seedance-sim', name: good.name, type: good.type, data: good.data } });
			assert.equal(ok.body.data.status, 'OK', `${provider}: ${JSON.stringify(ok.body)}`);
			const bad = await rest.post('credentials/test', { credentials: { id: 'seedance-sim', name: good.name, type: good.type, data: { ...good.data, apiKey: 'sk-wrong-key' } } });
			assert.equal(bad.body.data.status, 'Error', provider);
			// n8n 1.x answers an HTTP 401 in a credential test with its own words (GlobalAiOpc's 401 comes in a 200).
			assert.match(bad.body.data.message, e2e.IS_V1 ? /rejected the API key|^Authorization failed - please check your credentials$/ : /rejected the API key/, provider);
		}
		if (!e2e.IS_V1) {
			e2e.ensureChromium();
			await require('./editor').checkEditor(server, rest.account, editor);
		}
	} finally {
		await server.stop();
	}
});

// On both lines: tasks that finish while n8n is stopped are emitted after the restart. On 1.x this
// needs the example's workflow ID to be at most 16 characters (n8n 1.x saves static data only then).
test(`${on} an activated Seedance Trigger starts an execution for each finished task, none twice, across a restart`, async () => {
	const folder = e2e.createUserFolder('trigger', tarball);
	await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'byteplus')]);
	const workflow = JSON.parse(fs.readFileSync(path.join(e2e.ROOT, 'examples', 'trigger-download-save.json'), 'utf8'));
	await e2e.importJson(folder, 'workflow', workflow);
	await e2e.activate(folder, workflow.id);
	const create = async (n) => {
		const ids = [];
		for (let i = 0; i < n; i++) {
			const res = await fetch(`${sim.baseUrl('byteplus')}/contents/generations/tasks`, {
				method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'dreamina-seedance-2-0-fast-260128', content: [{ type: 'text', text: `clip ${i}` }] }),
			});
			ids.push((await res.json()).id);
		}
		return ids;
	};
	const old = await create(2);
	await new Promise((resolve) => setTimeout(resolve, (TASK_SECONDS + 1) * 1000));
	const started = Date.now();
	let server = await e2e.startServer(folder, 5691);
	// n8n 1.x answers readiness before it activates workflows, and activation records the tasks that
	// exist without emitting them: create the first batch only after that first poll has listed.
	for (const until = Date.now() + 60_000; !sim.engine.requests.some((r) => r.route === 'list' && r.at >= started); ) {
		assert.ok(Date.now() < until, 'the trigger did not poll within a minute of the start');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const firstBatch = await create(3);
	// Polls run every minute; wait for one after these tasks finish.
	await new Promise((resolve) => setTimeout(resolve, 70_000));
	await server.stop();
	const secondBatch = await create(2);
	await new Promise((resolve) => setTimeout(resolve, (TASK_SECONDS + 1) * 1000));
	server = await e2e.startServer(folder, 5691);
	await new Promise((resolve) => setTimeout(resolve, 70_000));
	await server.stop();

	// The trigger's memory is in the database, as n8n restores it after a restart.
	const memory = e2e.staticDataOf(folder, workflow.id)?.[`node:${workflow.nodes[0].name}`]?.seedance;
	assert.equal(memory?.primed, true, `static data of ${workflow.id}: ${JSON.stringify(e2e.staticDataOf(folder, workflow.id))}`);
	const executions = e2e.executionsOf(folder, workflow.id);
	// Every item the trigger emitted, per execution, as n8n stored it (flatted): a task emitted twice,
	// in one execution or two, counts twice.
	const triggerName = workflow.nodes.find((n) => n.type === 'n8n-nodes-seedance.seedanceTrigger').name;
	const perExecution = executions.map((row) => (parse(row.data).resultData.runData[triggerName]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json.id));
	const emitted = perExecution.flat();
	assert.deepEqual([...emitted].sort(), [...firstBatch, ...secondBatch].sort(), JSON.stringify(perExecution));
	for (const id of old) assert.ok(!emitted.includes(id), `old task ${id} was emitted`);
	assert.ok(executions.every((row) => row.status === 'success'), JSON.stringify(executions.map((r) => r.status)));
	for (const id of emitted) assert.ok(fs.existsSync(path.join(e2e.OUT, 'trigger', `${id}.mp4`)), id);
});
