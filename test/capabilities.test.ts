// Generated from the capability table: every family × mode × provider combination the table and the
// profiles allow reaches the simulator with the body the provider documents, and one documented
// violation per family is refused before any request. The simulator checks the other side.

import type { IDataObject } from 'n8n-workflow';
import { PROVIDERS, PROVIDER_IDS, type ProviderId } from '../nodes/Seedance/providers/catalog';
import { FAMILIES, MODES, familyOf, type Family, type Mode } from '../nodes/Seedance/request/models';
import { AUDIO_A, IMAGE_A, IMAGE_B, VIDEO_A, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const prompt = 'A red fox running through snow';
const list = (urls: string[]) => ({ items: urls.map((url) => ({ url })) });
const VIDEO_MODES: Mode[] = ['editVideo', 'extendVideo'];

/** What a provider's model rules say about a model, read the way a user would (test side). */
function providerAllows(provider: ProviderId, model: string, mode: Mode): boolean {
	const rules = (PROVIDERS[provider].modelRules ?? []).filter((r) => new RegExp(r.pattern).test(model));
	if (rules.some((r) => r.withoutModes?.includes(mode))) return false;
	if (rules.some((r) => r.needsReferenceVideo) && mode !== 'reference') return false;
	return PROVIDERS[provider].modes.includes(mode);
}

/** The media a mode is tried with: within every family's documented limits. */
function inputs(family: Family, mode: Mode): IDataObject {
	const r = family.reference;
	const images = r.minImages > 0 ? [IMAGE_A] : [IMAGE_A, IMAGE_B];
	switch (mode) {
		case 'text': return { prompt };
		case 'firstFrame': return { prompt, firstFrameImage: IMAGE_A };
		case 'firstLastFrame': return { prompt, firstFrameImage: IMAGE_A, lastFrameImage: IMAGE_B };
		case 'reference': return {
			prompt,
			referenceImages: list(images),
			...(r.maxVideos !== 0 ? { referenceVideos: list([VIDEO_A]) } : {}),
			...(r.maxAudios !== 0 ? { referenceAudios: list([AUDIO_A]) } : {}),
		};
		case 'editVideo':
		case 'extendVideo': return { prompt, sourceVideo: VIDEO_A, referenceImages: list([IMAGE_A]), referenceAudios: list([AUDIO_A]) };
		case 'draftRender': return {};
	}
}

/** Ark's documented content[] for a request (Ark API reference; the 2.5 task type per apiyi/PiAPI). */
function arkContent(p: IDataObject, mode: Mode, draftId?: string): IDataObject[] {
	const urls = (v: unknown) => ((v as { items?: Array<{ url: string }> } | undefined)?.items ?? []).map((i) => i.url);
	const image = (url: unknown, role: string) => ({ type: 'image_url', image_url: { url }, role });
	if (mode === 'draftRender') return [{ type: 'draft_task', draft_task: { id: draftId } }];
	return [
		{ type: 'text', text: prompt },
		...(p.firstFrameImage ? [image(p.firstFrameImage, 'first_frame')] : []),
		...(p.lastFrameImage ? [image(p.lastFrameImage, 'last_frame')] : []),
		...(p.sourceVideo ? [{ type: 'video_url', video_url: { url: p.sourceVideo }, role: 'reference_video' }] : []),
		...urls(p.referenceImages).map((u) => image(u, 'reference_image')),
		...urls(p.referenceVideos).map((url) => ({ type: 'video_url', video_url: { url }, role: 'reference_video' })),
		...urls(p.referenceAudios).map((url) => ({ type: 'audio_url', audio_url: { url }, role: 'reference_audio' })),
	];
}

function documentedBody(provider: ProviderId, model: string, mode: Mode, p: IDataObject, draftId?: string): { path: string; body: IDataObject } {
	const family = familyOf(model) as Family;
	const urls = (v: unknown) => ((v as { items?: Array<{ url: string }> } | undefined)?.items ?? []).map((i) => i.url);
	const taskType = VIDEO_MODES.includes(mode) && family.videoTask === 'taskType' ? { omni_reference_task_type: mode === 'editVideo' ? 'edit' : 'extend' } : {};
	switch (PROVIDERS[provider].flavour) {
		case 'ark':
			return { path: '/contents/generations/tasks', body: { model, ...(PROVIDERS[provider].topLevelPrompt ? { prompt: mode === 'draftRender' ? prompt : prompt } : {}), content: arkContent(p, mode, draftId), ...taskType } };
		case 'anyfast':
			return { path: '/v1/video/generations', body: { model, content: arkContent(p, mode, draftId), ...taskType } };
		case 'openaiVideos':
			return { path: '/v1/videos', body: { model, prompt, ...(p.firstFrameImage ? { input_reference: p.firstFrameImage } : {}) } };
		case 'globalAiOpc':
			if (family.id === '1.5-pro') return { path: '/v1/seedance/videos', body: { model, content: arkContent(p, mode) } };
			return {
				path: '/v1/kyyvideo2/videos',
				body: {
					model, prompt,
					...(p.firstFrameImage ? { first_image: p.firstFrameImage } : {}),
					...(p.lastFrameImage ? { last_image: p.lastFrameImage } : {}),
					...(urls(p.referenceImages).length ? { referenceImages: urls(p.referenceImages) } : {}),
					...(urls(p.referenceVideos).length ? { referenceVideos: urls(p.referenceVideos) } : {}),
					...(urls(p.referenceAudios).length ? { referenceAudios: urls(p.referenceAudios) } : {}),
				},
			};
	}
}

interface Combination { provider: ProviderId; model: string; family: Family; mode: Mode }

const COMBINATIONS: Combination[] = PROVIDER_IDS.flatMap((provider) =>
	PROVIDERS[provider].models.flatMap((preset) => {
		const family = familyOf(preset.value);
		if (!family) return [];
		return MODES.filter((mode) => family.modes.includes(mode) && providerAllows(provider, preset.value, mode)).map((mode) => ({ provider, model: preset.value, family, mode }));
	}),
);

describe('the table itself', () => {
	test('every family is served by at least one provider, and every new family and mode is exercised', () => {
		for (const family of FAMILIES) expect(COMBINATIONS.some((c) => c.family === family)).toBe(true);
		for (const mode of MODES) expect(COMBINATIONS.some((c) => c.mode === mode)).toBe(true);
		for (const id of ['2.5', '2.5-flash', '2.0-mini']) {
			for (const mode of ['editVideo', 'extendVideo']) expect(COMBINATIONS.some((c) => c.family.id === id && c.mode === mode && c.provider === 'byteplus')).toBe(true);
		}
		// A mode a provider has no documented way to do is not offered for it.
		expect(COMBINATIONS.some((c) => c.provider === 'openaiVideos' && c.mode === 'editVideo')).toBe(false);
		expect(COMBINATIONS.some((c) => c.provider === 'globalAiOpc' && c.mode === 'extendVideo')).toBe(false);
		expect(COMBINATIONS.length).toBeGreaterThan(150);
	});

	test('every fact has a cited source', () => {
		for (const family of FAMILIES) expect(Object.values(family.sources).every((s) => s.length > 10)).toBe(true);
	});
});

describe('every family × mode × provider the table allows reaches the simulator with the documented body', () => {
	test.each(COMBINATIONS.map((c) => [`${c.provider} ${c.family.id} ${c.mode} (${c.model})`, c] as const))('%s', async (_, c) => {
		let draftId: string | undefined;
		if (c.mode === 'draftRender') {
			const draft = await runSeedance(sim, c.provider, { mode: 'text', model: c.model, prompt, options: { draft: true }, downloadVideo: false });
			expect(draft.error).toBeUndefined();
			draftId = String(draft.items[0].json.id);
		}
		const params = { ...inputs(c.family, c.mode), ...(c.mode === 'draftRender' ? { draftTaskId: draftId, ...(PROVIDERS[c.provider].promptAlways ? { prompt } : {}) } : {}) };
		const { items, error } = await runSeedance(sim, c.provider, { operation: 'create', mode: c.mode, model: c.model, ...params });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ provider: c.provider, status: expect.stringMatching(/queued|running/) });
		const creates = sim.requests({ provider: c.provider, route: 'create' }).slice(c.mode === 'draftRender' ? 1 : 0);
		expect(creates).toHaveLength(1);
		expect(creates[0].status).toBe(200);
		const expected = documentedBody(c.provider, c.model, c.mode, params, draftId);
		expect(creates[0].path).toBe(expected.path);
		expect(creates[0].body).toEqual(expected.body);
	});
});

/** One documented violation per family, made from the table: a duration one past its longest. */
const TOO_LONG = FAMILIES.map((family) => [family.label, family] as const);

describe('a documented violation per family is refused with 0 requests', () => {
	const modelOf = (family: Family) => PROVIDERS.byteplus.models.find((m) => familyOf(m.value) === family)?.value as string;

	test.each(TOO_LONG)('%s: a duration past its longest', async (_, family) => {
		const mode = family.modes.includes('text') ? 'text' : 'firstFrame';
		const { error, items } = await runSeedance(sim, 'byteplus', { mode, model: modelOf(family), prompt, firstFrameImage: IMAGE_A, options: { duration: family.duration.max + 1 } });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(new RegExp(`^Duration \\(Seconds\\): must be ${family.duration.min}-${family.duration.max}.* seconds for ${family.label.replace(/[()]/g, '\\$&')}, got ${family.duration.max + 1} \\[item 0\\]$`));
		expect(sim.requests()).toHaveLength(0);
	});

	test.each([
		['2.5: first frame with a fixed ratio', 'dreamina-seedance-2-5-260628', { mode: 'firstFrame', prompt, firstFrameImage: IMAGE_A, options: { ratio: '16:9' } }, /^Aspect Ratio: must be adaptive for Seedance 2.5 in Image to Video/],
		['2.5: an edit with a duration', 'dreamina-seedance-2-5-260628', { mode: 'editVideo', prompt, sourceVideo: VIDEO_A, options: { duration: 10 } }, /^Duration \(Seconds\): must be -1 for Seedance 2.5 in Edit a Video/],
		['2.5: 31 reference images', 'dreamina-seedance-2-5-260628', { mode: 'reference', prompt, referenceImages: list(Array(31).fill(IMAGE_A)) }, /^Reference Images: Seedance 2.5 takes 1-30 reference images, got 31/],
		['2.5: a prompt over 15,000 characters', 'dreamina-seedance-2-5-260628', { mode: 'text', prompt: 'a'.repeat(15001) }, /^Prompt: is 15001 characters long; Seedance 2.5 takes at most 15000/],
		['2.5 Flash: 1080p', 'dreamina-seedance-2-5-flash-261115', { mode: 'text', prompt, options: { resolution: '1080p' } }, /^Resolution: 1080p is not available for Seedance 2.5 Flash/],
		['2.5 Flash: rendering a draft', 'dreamina-seedance-2-5-flash-261115', { mode: 'draftRender', draftTaskId: 'cgt-1' }, /^Mode: Seedance 2.5 Flash does not support Render a Draft/],
		['2.0 Mini: reference audio alone', 'dreamina-seedance-2-0-mini-260615', { mode: 'reference', prompt, referenceAudios: list([AUDIO_A]) }, /^Reference Audios: cannot be used alone/],
		['2.0: 13 reference files in all', 'dreamina-seedance-2-0-260128', { mode: 'reference', prompt, referenceImages: list(Array(8).fill(IMAGE_A)), referenceVideos: list([VIDEO_A, VIDEO_A]), referenceAudios: list([AUDIO_A, AUDIO_A, AUDIO_A]) }, /^Reference Images: Seedance 2.0 takes at most 12 reference files in all/],
		['2.0: an edit with 3 more reference videos', 'dreamina-seedance-2-0-260128', { mode: 'editVideo', prompt, sourceVideo: VIDEO_A, referenceImages: list(Array(10).fill(IMAGE_A)) }, /^Reference Images: Seedance 2.0 takes 1-9 reference images, got 10/],
		['2.0 Fast: 4K', 'dreamina-seedance-2-0-fast-260128', { mode: 'text', prompt, options: { resolution: '4k' } }, /^Resolution: 4k is not available for Seedance 2.0 Fast/],
		['1.5 Pro: edit a video', 'seedance-1-5-pro-251215', { mode: 'editVideo', prompt, sourceVideo: VIDEO_A }, /^Mode: Seedance 1.5 Pro does not support Edit a Video/],
		['1.0 Pro: reference mode', 'seedance-1-0-pro-250528', { mode: 'reference', prompt, referenceImages: list([IMAGE_A]) }, /^Mode: Seedance 1.0 Pro does not support Reference/],
	] as const)('%s', async (_, model, params, rule) => {
		const { error, items } = await runSeedance(sim, 'byteplus', { model, ...params });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(rule);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(sim.requests()).toHaveLength(0);
	});

	test('edit and extend are not offered where the provider has no documented way to do them', async () => {
		const { error } = await runSeedance(sim, 'openaiVideos', { mode: 'extendVideo', model: 'doubao-seedance-2-5-260628', prompt, sourceVideo: VIDEO_A });
		expect(error?.message).toMatch(/^Mode: Extend a Video is not available on OpenAI-Videos-Compatible Gateway/);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('a model the table does not know gets only the universal rules', () => {
	test.each([
		['an endpoint ID', 'ep-20261201000000-abcde'],
		["next month's model", 'dreamina-seedance-2-6-261215'],
	])('%s with 25 s and 20 reference images is sent, with a note that the limits were left to the provider', async (_, model) => {
		const { items, error } = await runSeedance(sim, 'byteplus', { operation: 'create', mode: 'reference', model, prompt, referenceImages: list(Array(20).fill(IMAGE_A)), options: { duration: 25, resolution: '4k' } });
		expect(error).toBeUndefined();
		expect(items[0].json.notes).toMatch(/left to the provider/);
		const creates = sim.requests({ route: 'create' });
		expect(creates).toHaveLength(1);
		expect(creates[0].status).toBe(200);
		expect(creates[0].body).toMatchObject({ model, duration: 25, resolution: '4k' });
		expect((creates[0].body?.content as unknown[]).length).toBe(21);
	});

	test.each([
		['an endpoint ID', 'ep-20261201000000-abcde', true],
		['a known model', 'dreamina-seedance-2-0-260128', false],
	] as const)('%s the provider refuses: the error hint says whether the limits were left to the provider', async (_, model, unknown) => {
		sim.addFault({ provider: 'byteplus', route: 'create', kind: 'status', status: 400 });
		const { error } = await runSeedance(sim, 'byteplus', { operation: 'create', mode: 'text', model, prompt }, { continueOnFail: false });
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
		expect(error?.message).toMatch(/\[item 0\]/);
		if (unknown) expect(error?.description).toMatch(/does not know the limits of model ep-20261201000000-abcde .* left to the provider/);
		else expect(error?.description ?? '').not.toMatch(/left to the provider/);
	});

	test('known models carry no note, unless 2.5 was left to choose its own (billed) length', async () => {
		const { items } = await runSeedance(sim, 'byteplus', { operation: 'create', mode: 'text', model: 'dreamina-seedance-2-5-260628', prompt, options: { duration: 25 } });
		expect(items[0].json.notes).toBeUndefined();
		const auto = await runSeedance(sim, 'byteplus', { operation: 'create', mode: 'text', model: 'dreamina-seedance-2-5-260628', prompt });
		expect(auto.items[0].json.notes).toMatch(/^No duration was set, so Seedance 2.5 chose the length itself/);
		const v2 = await runSeedance(sim, 'byteplus', { operation: 'create', mode: 'text', model: 'dreamina-seedance-2-0-260128', prompt });
		expect(v2.items[0].json.notes).toBeUndefined();
	});

	test.each([
		['reference mode with nothing to refer to', { mode: 'reference' }, /^Reference Images: Reference mode needs at least one/],
		['a video sent as a data URL', { mode: 'editVideo', sourceVideo: 'data:video/mp4;base64,AAAA' }, /^Source Video: .* videos cannot be sent as data URLs/],
		['a last frame without a first', { mode: 'firstLastFrame', lastFrameImage: IMAGE_B, firstFrameImage: '={{ $json.none }}' }, /^First Frame Image: is required/],
		['a URL that is not one', { mode: 'firstFrame', firstFrameImage: 'photo.png' }, /^First Frame Image: "photo.png" must be an http\(s\) URL/],
		['a duration that is not a number', { mode: 'text', options: { duration: '={{ "long" }}' } }, /^Duration \(Seconds\): must be a whole number of seconds, got the text "long"/],
	] as const)('universal rules still hold: %s', async (_, params, rule) => {
		const { error } = await runSeedance(sim, 'byteplus', { model: 'ep-20261201000000-abcde', prompt, ...params });
		expect(error?.message).toMatch(rule);
		expect(sim.requests()).toHaveLength(0);
	});
});
