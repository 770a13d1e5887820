// Every mode on every provider that supports it, end to end: a workflow runs through n8n-core's
// engine, the provider client talks to the simulator over loopback through n8n's request helpers,
// and the user gets a succeeded task with a playable MP4 in binary data.

import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { AUDIO_A, IMAGE_A, IMAGE_B, VIDEO_A, binaryBytes, fingerprint, servedVideo, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const refs = (name: string, urls: string[]) => ({ [name]: { items: urls.map((url) => ({ url })) } });

interface Case {
	provider: ProviderId;
	model: string;
	mode: string;
	params?: IDataObject;
}

const text = { prompt: 'A red fox running through snow' };
const first = { ...text, firstFrameImage: IMAGE_A };
const firstLast = { ...first, lastFrameImage: IMAGE_B };
const reference = { ...text, ...refs('referenceImages', [IMAGE_A, IMAGE_B]), ...refs('referenceVideos', [VIDEO_A]), ...refs('referenceAudios', [AUDIO_A]) };

const ark = (provider: ProviderId, two: string, rest: string): Case[] => [
	{ provider, model: `${two}seedance-2-0-260128`, mode: 'text', params: text },
	{ provider, model: `${rest}seedance-1-0-pro-250528`, mode: 'firstFrame', params: first },
	{ provider, model: `${two}seedance-2-0-fast-260128`, mode: 'firstLastFrame', params: firstLast },
	{ provider, model: `${two}seedance-2-0-260128`, mode: 'reference', params: reference },
	{ provider, model: `${rest}seedance-1-0-lite-i2v-250428`, mode: 'reference', params: { ...text, ...refs('referenceImages', [IMAGE_A]) } },
	{ provider, model: `${rest}seedance-1-0-lite-t2v-250428`, mode: 'text', params: { ...text, options: { frames: 57 } } },
	{ provider, model: `${rest}seedance-1-5-pro-251215`, mode: 'text', params: { ...text, options: { generateAudio: true, serviceTier: 'flex' } } },
];

const CASES: Case[] = [
	...ark('byteplus', 'dreamina-', ''),
	...ark('volcengine', 'doubao-', 'doubao-'),
	...ark('arkGateway', 'doubao-', 'doubao-'),
	{ provider: 'globalAiOpc', model: 'seedance_2_0_pro', mode: 'text', params: text },
	{ provider: 'globalAiOpc', model: 'seedance_2_0_fast_pro', mode: 'firstFrame', params: first },
	{ provider: 'globalAiOpc', model: 'seedance_2_0_pro', mode: 'firstLastFrame', params: firstLast },
	{ provider: 'globalAiOpc', model: 'seedance_2_0', mode: 'reference', params: reference },
	{ provider: 'globalAiOpc', model: 'seedance_1_5_pro_720p', mode: 'text', params: text },
	{ provider: 'globalAiOpc', model: 'seedance_1_5_pro_1080p', mode: 'firstLastFrame', params: firstLast },
	{ provider: 'anyfast', model: 'seedance', mode: 'text', params: { ...text, options: { webSearch: true } } },
	{ provider: 'anyfast', model: 'seedance-fast', mode: 'firstFrame', params: first },
	{ provider: 'anyfast', model: 'seedance', mode: 'firstLastFrame', params: firstLast },
	{ provider: 'anyfast', model: 'seedance', mode: 'reference', params: reference },
	{ provider: 'openaiVideos', model: 'doubao-seedance-2-0-260128', mode: 'text', params: text },
	{ provider: 'openaiVideos', model: 'doubao-seedance-1-0-pro-250528', mode: 'firstFrame', params: first },
];

describe('Create and Wait in every mode on every provider', () => {
	test.each(CASES.map((c) => [`${c.provider} ${c.mode} ${c.model}`, c] as const))('%s', async (_, c) => {
		const { items, error } = await runSeedance(sim, c.provider, { mode: c.mode, model: c.model, ...c.params });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ status: 'succeeded', provider: c.provider, error: null });
		expect(String(items[0].json.videoUrl)).toMatch(/^http/);
		expect(fingerprint(binaryBytes(items[0]))).toEqual(fingerprint(servedVideo(sim)));
		expect(items[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4' });
		const creates = sim.requests({ provider: c.provider, route: 'create' });
		expect(creates).toHaveLength(1);
		expect(creates[0].authorized).toBe(true);
		// Presigned result URLs are fetched without the key.
		for (const download of sim.requests({ provider: 'files' })) expect(download.authorized).toBe(false);
	});

	test('Render a Draft: a 1.5 Pro draft, then its final video', async () => {
		for (const provider of ['volcengine', 'byteplus', 'arkGateway', 'anyfast'] as const) {
			const model = provider === 'byteplus' ? 'seedance-1-5-pro-251215' : 'doubao-seedance-1-5-pro-251215';
			const draft = await runSeedance(sim, provider, { mode: 'text', model, prompt: 'A lighthouse in a storm', options: { draft: true, resolution: '480p' } });
			expect(draft.items[0].json.status).toBe('succeeded');
			const final = await runSeedance(sim, provider, { mode: 'draftRender', model, draftTaskId: draft.items[0].json.id, ...(provider === 'arkGateway' ? { prompt: 'A lighthouse in a storm' } : {}) });
			expect(final.error).toBeUndefined();
			expect(final.items[0].json.status).toBe('succeeded');
			const body = sim.requests({ provider, route: 'create' }).at(-1)?.body;
			expect(body?.content).toEqual([{ type: 'draft_task', draft_task: { id: draft.items[0].json.id } }]);
		}
	});
});

describe('exact bodies each provider receives', () => {
	test('Ark: content[] with roles and options in Ark names', async () => {
		await runSeedance(sim, 'volcengine', {
			mode: 'firstLastFrame', model: 'doubao-seedance-2-0-260128', ...firstLast,
			options: { resolution: '1080p', ratio: '9:16', duration: 8, seed: 42, watermark: true, generateAudio: false, returnLastFrame: true, callbackUrl: 'https://hooks.example.com/seedance', executionExpiresAfter: 7200 },
		});
		expect(sim.requests({ route: 'create' })[0].body).toEqual({
			model: 'doubao-seedance-2-0-260128',
			content: [
				{ type: 'text', text: 'A red fox running through snow' },
				{ type: 'image_url', image_url: { url: IMAGE_A }, role: 'first_frame' },
				{ type: 'image_url', image_url: { url: IMAGE_B }, role: 'last_frame' },
			],
			resolution: '1080p', ratio: '9:16', duration: 8, seed: 42, watermark: true, generate_audio: false,
			return_last_frame: true, callback_url: 'https://hooks.example.com/seedance', execution_expires_after: 7200,
		});
	});

	test('Ark reference mode sends images, videos and audios with their roles; web search becomes tools', async () => {
		await runSeedance(sim, 'byteplus', { mode: 'reference', model: 'dreamina-seedance-2-0-260128', ...reference });
		expect(sim.requests({ route: 'create' })[0].body?.content).toEqual([
			{ type: 'text', text: 'A red fox running through snow' },
			{ type: 'image_url', image_url: { url: IMAGE_A }, role: 'reference_image' },
			{ type: 'image_url', image_url: { url: IMAGE_B }, role: 'reference_image' },
			{ type: 'video_url', video_url: { url: VIDEO_A }, role: 'reference_video' },
			{ type: 'audio_url', audio_url: { url: AUDIO_A }, role: 'reference_audio' },
		]);
		sim.reset();
		await runSeedance(sim, 'byteplus', { mode: 'text', model: 'dreamina-seedance-2-0-260128', ...text, options: { webSearch: true } });
		expect(sim.requests({ route: 'create' })[0].body?.tools).toEqual([{ type: 'web_search' }]);
	});

	test('GlobalAiOpc first and last frame sends first_image and last_image and no content', async () => {
		await runSeedance(sim, 'globalAiOpc', { mode: 'firstLastFrame', model: 'seedance_2_0_pro', ...firstLast, options: { ratio: '9:16', duration: 6, generateAudio: false } });
		const create = sim.requests({ route: 'create' })[0];
		expect(create.path).toBe('/v1/kyyvideo2/videos');
		expect(create.body).toEqual({ model: 'seedance_2_0_pro', prompt: 'A red fox running through snow', first_image: IMAGE_A, last_image: IMAGE_B, aspect_ratio: '9:16', duration: 6, generateAudio: false });
		expect(create.body).not.toHaveProperty('content');
	});

	test('GlobalAiOpc reference lists use its own field names; 1.5 models go to the Ark-style route', async () => {
		await runSeedance(sim, 'globalAiOpc', { mode: 'reference', model: 'seedance_2_0_fast', ...reference });
		expect(sim.requests({ route: 'create' })[0].body).toEqual({
			model: 'seedance_2_0_fast', prompt: 'A red fox running through snow', referenceImages: [IMAGE_A, IMAGE_B], referenceVideos: [VIDEO_A], referenceAudios: [AUDIO_A],
		});
		sim.reset();
		await runSeedance(sim, 'globalAiOpc', { mode: 'firstFrame', model: 'seedance_1_5_pro_480p', ...first, options: { duration: -1, ratio: 'adaptive' } });
		const create = sim.requests({ route: 'create' })[0];
		expect(create.path).toBe('/v1/seedance/videos');
		expect(create.body).toEqual({ model: 'seedance_1_5_pro_480p', content: [{ type: 'text', text: 'A red fox running through snow' }, { type: 'image_url', image_url: { url: IMAGE_A }, role: 'first_frame' }], ratio: 'adaptive', duration: -1 });
	});

	test('the Ark-compatible gateway also gets the prompt at the top level', async () => {
		await runSeedance(sim, 'arkGateway', { mode: 'text', model: 'doubao-seedance-2-0-260128', ...text });
		expect(sim.requests({ route: 'create' })[0].body).toEqual({ model: 'doubao-seedance-2-0-260128', prompt: 'A red fox running through snow', content: [{ type: 'text', text: 'A red fox running through snow' }] });
	});

	test('OpenAI-videos gateways get seconds as a string, a size and the first frame as input_reference', async () => {
		const { items } = await runSeedance(sim, 'openaiVideos', { mode: 'firstFrame', model: 'doubao-seedance-1-0-pro-250528', ...first, options: { duration: 6, resolution: '720p', ratio: '9:16' } });
		expect(sim.requests({ route: 'create' })[0].body).toEqual({ model: 'doubao-seedance-1-0-pro-250528', prompt: 'A red fox running through snow', seconds: '6', size: '720x1280', input_reference: IMAGE_A });
		// Its video comes from the gateway's own authenticated content route, not a presigned URL.
		const content = sim.requests({ provider: 'openaiVideos', route: 'content' });
		expect(content).toHaveLength(1);
		expect(content[0].authorized).toBe(true);
		// created_at arrives in milliseconds, completed_at in seconds: both read as times of this test run.
		for (const at of [items[0].json.createdAt, items[0].json.completedAt]) {
			expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(Math.abs(Date.parse(String(at)) - Date.now())).toBeLessThan(60_000);
		}
	});

	test('Anyfast: Ark body at its own route, and SUCCESS with a non-empty fail_reason is a success', async () => {
		const { items } = await runSeedance(sim, 'anyfast', { mode: 'text', model: 'seedance', ...text, outputOptions: { includeRaw: true } });
		const create = sim.requests({ route: 'create' })[0];
		expect(create.path).toBe('/v1/video/generations');
		expect(create.body).toEqual({ model: 'seedance', content: [{ type: 'text', text: 'A red fox running through snow' }] });
		const raw = items[0].json.raw as { data: { status: string; fail_reason: string } };
		expect(raw.data.status).toBe('SUCCESS');
		expect(raw.data.fail_reason).not.toBe('');
		expect(items[0].json).toMatchObject({ status: 'succeeded', error: null, progress: 100 });
	});
});

describe('every normalized status', () => {
	test('queued from Create, running from Get while generating, succeeded after', async () => {
		sim.configure({ taskDurationMs: 1500 });
		const created = await runSeedance(sim, 'anyfast', { operation: 'create', mode: 'text', model: 'seedance', ...text });
		expect(created.items[0].json.status).toBe('queued');
		await sleep(600);
		const running = await runSeedance(sim, 'anyfast', { operation: 'get', taskId: created.items[0].json.id });
		expect(running.items[0].json.status).toBe('running');
		expect(running.items[0].json.progress).toBeGreaterThan(0);
		sim.configure({ taskDurationMs: 200 });
	});

	test.each([
		['byteplus', 'dreamina-seedance-2-0-260128', 'taskFails', 'failed'],
		['byteplus', 'dreamina-seedance-2-0-260128', 'taskExpires', 'expired'],
		['globalAiOpc', 'seedance_1_5_pro_720p', 'taskCancelled', 'cancelled'],
		['globalAiOpc', 'seedance_2_0_pro', 'taskFails', 'failed'],
		['anyfast', 'seedance', 'taskFails', 'failed'],
		['openaiVideos', 'doubao-seedance-2-0-260128', 'taskFails', 'failed'],
	] as const)('%s task ending %s → %s', async (provider, model, kind, status) => {
		sim.addFault({ route: 'create', kind });
		const created = await runSeedance(sim, provider, { operation: 'create', mode: 'text', model, ...text });
		await sleep(300);
		const got = await runSeedance(sim, provider, { operation: 'get', taskId: created.items[0].json.id });
		expect(got.items[0].json.status).toBe(status);
		expect(got.items[0].json.error).toEqual(expect.objectContaining({ message: expect.any(String) }));
		// Create and Wait turns an unsuccessful task into an error that says what happened.
		sim.addFault({ route: 'create', kind });
		const waited = await runSeedance(sim, provider, { mode: 'text', model, ...text }, { continueOnFail: true });
		expect(waited.items[0].json.error).toMatch(new RegExp(`${status === 'failed' ? 'failed' : `was ${status}`}`));
		expect(waited.items[0].json.status).toBe(status);
	});

	test('Cancel: a queued Ark task becomes cancelled (a finished one deleted: test/scale.test.ts)', async () => {
		sim.configure({ taskDurationMs: 5000, queuedFraction: 0.9 });
		const created = await runSeedance(sim, 'volcengine', { operation: 'create', mode: 'text', model: 'doubao-seedance-2-0-260128', ...text });
		const cancelled = await runSeedance(sim, 'volcengine', { operation: 'cancel', taskId: created.items[0].json.id });
		expect(cancelled.items[0].json).toEqual({ id: created.items[0].json.id, outcome: 'cancelled', cancelled: true, deleted: false });
		const got = await runSeedance(sim, 'volcengine', { operation: 'get', taskId: created.items[0].json.id });
		expect(got.items[0].json.status).toBe('cancelled');
		sim.configure({ taskDurationMs: 200, queuedFraction: 0.15 });
	});
});

describe('Get Many', () => {
	test('pages through the account\'s tasks with status and model filters', async () => {
		// 150 tasks made at the provider: more than one page (100), and some of each kind the filters exclude.
		const engine = sim.engine as unknown as { createTask: (p: string, id: string, m: string, params: object) => unknown; configure: (o: object) => void; addFault: (f: object) => void };
		const make = (n: number, model: string, fails = false) =>
			Array.from({ length: n }, (_, i) => {
				if (fails) engine.addFault({ route: 'create', kind: 'taskFails' });
				const id = `cgt-${model.slice(-6)}-${fails ? 'f' : 's'}${i}`;
				engine.createTask('byteplus', id, model, {});
				return id;
			});
		sim.configure({ taskDurationMs: 1 });
		const wanted = make(130, 'dreamina-seedance-2-0-260128');
		make(10, 'dreamina-seedance-2-0-260128', true);
		make(10, 'seedance-1-5-pro-251215');
		sim.configure({ taskDurationMs: 200 });
		await sleep(50);
		const all = await runSeedance(sim, 'byteplus', { operation: 'getAll', returnAll: true, filters: { status: 'succeeded', model: 'dreamina-seedance-2-0-260128' } });
		expect(all.items.map((i) => i.json.id).sort()).toEqual([...wanted].sort());
		expect(all.items.every((i) => i.json.status === 'succeeded' && i.json.model === 'dreamina-seedance-2-0-260128')).toBe(true);
		expect(sim.requests({ route: 'list' }).map((r) => r.query.page_num)).toEqual(['1', '2']);
		const limited = await runSeedance(sim, 'byteplus', { operation: 'getAll', returnAll: false, limit: 3 });
		expect(limited.items).toHaveLength(3);
		expect(sim.requests({ route: 'list' }).at(-1)?.query).toMatchObject({ page_num: '1', page_size: '3' });
	});

	test('is refused before any request on providers without a list endpoint', async () => {
		const { error } = await runSeedance(sim, 'globalAiOpc', { operation: 'getAll', returnAll: true });
		expect(error?.message).toMatch(/GlobalAiOpc has no endpoint to list tasks/);
		expect(sim.requests()).toHaveLength(0);
	});
});
