// Bad input is refused before any request is sent, with the field, the rule and the item named.

import type { IDataObject } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { FIELD_LABELS, validateRequest } from '../nodes/Seedance/request/rules';
import { PROVIDER_LIST } from './harness/simulator';
import { IMAGE_A, IMAGE_B, VIDEO_A, AUDIO_A, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const V2 = 'doubao-seedance-2-0-260128';
const V2_FAST = 'doubao-seedance-2-0-fast-260128';
const V15 = 'doubao-seedance-1-5-pro-251215';
const V10_PRO = 'doubao-seedance-1-0-pro-250528';
const V10_FAST = 'doubao-seedance-1-0-pro-fast-251015';
const LITE_T2V = 'doubao-seedance-1-0-lite-t2v-250428';
const LITE_I2V = 'doubao-seedance-1-0-lite-i2v-250428';
const prompt = 'A paper boat drifting down a rainy street';
const list = (name: string, urls: string[]) => ({ [name]: { items: urls.map((url) => ({ url })) } });
const images = (n: number) => list('referenceImages', Array.from({ length: n }, (_, i) => `https://cdn.example.com/ref-${i}.png`));

/**
 * The editor hides options a known model does not take, and n8n drops hidden values before the node
 * runs, so with a fixed model they cannot reach it. A model chosen by an expression (an agent, a
 * sheet) shows every option: then the node's own rules must refuse them.
 */
const byExpression = (model: string) => `={{ ${JSON.stringify(model)} }}`;

type Case = [description: string, provider: ProviderId, params: IDataObject, field: string, rule?: RegExp];

const CASES: Case[] = [
	['text to video without a prompt', 'volcengine', { mode: 'text', model: V2, prompt: '' }, 'Prompt', /required/],
	['a prompt over 1000 words', 'volcengine', { mode: 'text', model: V2, prompt: 'word '.repeat(1001) }, 'Prompt', /1001 words/],
	['a Chinese prompt over 500 characters', 'volcengine', { mode: 'text', model: V2, prompt: '猫'.repeat(501) }, 'Prompt', /501/],
	// n8n itself refuses to run a workflow whose required field is empty; an expression that resolves
	// to nothing is what reaches the node.
	['a model expression that resolves to nothing', 'volcengine', { mode: 'text', model: '={{ $json.missing }}', prompt }, 'Model', /required/],
	['a first frame image that resolves to nothing', 'volcengine', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: '={{ $json.image }}' }, 'First Frame Image', /required/],
	['first and last frame without the last', 'volcengine', { mode: 'firstLastFrame', model: V2, prompt, firstFrameImage: IMAGE_A, lastFrameImage: '={{ $json.end }}' }, 'Last Frame Image', /required/],
	['last frame without a first frame', 'volcengine', { mode: 'firstLastFrame', model: V2, prompt, firstFrameImage: '={{ $json.start }}', lastFrameImage: IMAGE_B }, 'First Frame Image', /required/],
	['an FTP image URL', 'volcengine', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: 'ftp://cdn.example.com/a.png' }, 'First Frame Image', /http\(s\) URL/],
	['an image that is not a URL', 'volcengine', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: 'my-photo.png' }, 'First Frame Image'],
	['a broken image data URL', 'volcengine', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: 'data:image/png;base64,@@@' }, 'First Frame Image', /data URL/],
	['a video sent as a data URL', 'volcengine', { mode: 'reference', model: V2, prompt, ...images(1), ...list('referenceVideos', ['data:video/mp4;base64,AAAA']) }, 'Reference Videos', /data URLs/],
	['reference mode with no references', 'volcengine', { mode: 'reference', model: V2, prompt }, 'Reference Images', /at least one/],
	['10 reference images on 2.0', 'volcengine', { mode: 'reference', model: V2, prompt, ...images(10) }, 'Reference Images', /got 10/],
	['4 reference videos', 'volcengine', { mode: 'reference', model: V2, prompt, ...list('referenceVideos', [VIDEO_A, VIDEO_A, VIDEO_A, VIDEO_A]) }, 'Reference Videos', /at most 3/],
	['4 reference audios', 'volcengine', { mode: 'reference', model: V2, prompt, ...images(1), ...list('referenceAudios', [AUDIO_A, AUDIO_A, AUDIO_A, AUDIO_A]) }, 'Reference Audios', /at most 3/],
	['reference audio alone', 'volcengine', { mode: 'reference', model: V2, prompt, ...list('referenceAudios', [AUDIO_A]) }, 'Reference Audios', /alone/],
	['5 reference images on 1.0 lite', 'volcengine', { mode: 'reference', model: LITE_I2V, prompt, ...images(5) }, 'Reference Images', /1-4/],
	['a reference video on 1.0 lite', 'volcengine', { mode: 'reference', model: LITE_I2V, prompt, ...images(1), ...list('referenceVideos', [VIDEO_A]) }, 'Reference Videos', /does not take/],
	['reference mode on 1.5 Pro', 'volcengine', { mode: 'reference', model: V15, prompt, ...images(1) }, 'Mode', /does not support Reference/],
	['first frame on 1.0 lite text', 'volcengine', { mode: 'firstFrame', model: LITE_T2V, prompt, firstFrameImage: IMAGE_A }, 'Mode', /does not support/],
	['first and last frame on 1.0 pro fast', 'volcengine', { mode: 'firstLastFrame', model: V10_FAST, prompt, firstFrameImage: IMAGE_A, lastFrameImage: IMAGE_B }, 'Mode'],
	['text on 1.0 lite image', 'volcengine', { mode: 'text', model: LITE_I2V, prompt }, 'Mode'],
	['rendering a draft on 2.0', 'volcengine', { mode: 'draftRender', model: V2, draftTaskId: 'cgt-1' }, 'Mode'],
	['rendering a draft whose ID resolves to nothing', 'volcengine', { mode: 'draftRender', model: V15, draftTaskId: '={{ $json.missing }}' }, 'Draft Task ID', /required/],
	['16 s on 2.0', 'volcengine', { mode: 'text', model: V2, prompt, options: { duration: 16 } }, 'Duration (Seconds)', /4-15 or -1/],
	['3 s on 2.0', 'volcengine', { mode: 'text', model: V2, prompt, options: { duration: 3 } }, 'Duration (Seconds)'],
	['13 s on 1.0 pro', 'volcengine', { mode: 'text', model: V10_PRO, prompt, options: { duration: 13 } }, 'Duration (Seconds)', /2-12/],
	['automatic duration on 1.0 pro', 'volcengine', { mode: 'text', model: V10_PRO, prompt, options: { duration: -1 } }, 'Duration (Seconds)'],
	['1 s on 1.5 Pro', 'volcengine', { mode: 'text', model: V15, prompt, options: { duration: 1 } }, 'Duration (Seconds)', /4-12/],
	['1080p on 2.0 fast', 'volcengine', { mode: 'text', model: V2_FAST, prompt, options: { resolution: '1080p' } }, 'Resolution', /not available for Seedance 2.0 Fast/],
	['flex on 2.0', 'volcengine', { mode: 'text', model: byExpression(V2), prompt, options: { serviceTier: 'flex' } }, 'Service Tier', /not available for Seedance 2.0/],
	['camera fixed on 2.0', 'volcengine', { mode: 'text', model: byExpression(V2), prompt, options: { cameraFixed: true } }, 'Camera Fixed'],
	['frames on 2.0', 'volcengine', { mode: 'text', model: byExpression(V2), prompt, options: { frames: 121 } }, 'Frames'],
	['frames not of the form 25 + 4n', 'volcengine', { mode: 'text', model: V10_PRO, prompt, options: { frames: 30 } }, 'Frames', /25 \+ 4n/],
	['frames and duration together', 'volcengine', { mode: 'text', model: V10_PRO, prompt, options: { frames: 121, duration: 5 } }, 'Frames', /Duration/],
	['a draft on 2.0', 'volcengine', { mode: 'text', model: byExpression(V2), prompt, options: { draft: true } }, 'Draft (Preview)'],
	['a 1080p draft', 'volcengine', { mode: 'text', model: V15, prompt, options: { draft: true, resolution: '1080p' } }, 'Resolution', /480p/],
	['a draft with its last frame', 'volcengine', { mode: 'text', model: V15, prompt, options: { draft: true, returnLastFrame: true } }, 'Return Last Frame'],
	['web search on 1.5 Pro', 'volcengine', { mode: 'text', model: byExpression(V15), prompt, options: { webSearch: true } }, 'Web Search', /1.5 Pro/],
	['a callback that is not a URL', 'volcengine', { mode: 'text', model: V2, prompt, options: { callbackUrl: 'hooks.example.com' } }, 'Callback URL', /http/],
	['expiry under an hour', 'volcengine', { mode: 'text', model: V2, prompt, options: { executionExpiresAfter: 100 } }, 'Expire After (Seconds)', /3600/],
	['a seed below -1', 'volcengine', { mode: 'text', model: V2, prompt, options: { seed: -5 } }, 'Seed'],
	['a seed above 2^32-1', 'volcengine', { mode: 'text', model: V2, prompt, options: { seed: 4294967296 } }, 'Seed'],
	['GlobalAiOpc seedance_2_0 without reference videos', 'globalAiOpc', { mode: 'text', model: 'seedance_2_0', prompt }, 'Mode', /reference videos/],
	['GlobalAiOpc seedance_2_0_fast with only images', 'globalAiOpc', { mode: 'reference', model: 'seedance_2_0_fast', prompt, ...images(2) }, 'Reference Videos', /reference videos/],
	['GlobalAiOpc with a data URL image', 'globalAiOpc', { mode: 'firstFrame', model: 'seedance_2_0_pro', prompt, firstFrameImage: 'data:image/png;base64,iVBORw0KGgo=' }, 'First Frame Image', /GlobalAiOpc/],
	['GlobalAiOpc with an Ark model ID', 'globalAiOpc', { mode: 'text', model: V2, prompt }, 'Model', /not a GlobalAiOpc model/],
	['GlobalAiOpc 2.0 at 16 s', 'globalAiOpc', { mode: 'text', model: 'seedance_2_0_pro', prompt, options: { duration: 16 } }, 'Duration (Seconds)', /4-15/],
	['GlobalAiOpc 2.0 with automatic duration', 'globalAiOpc', { mode: 'text', model: 'seedance_2_0_pro', prompt, options: { duration: -1 } }, 'Duration (Seconds)'],
	['GlobalAiOpc 2.0 without a prompt, even with an image', 'globalAiOpc', { mode: 'firstFrame', model: 'seedance_2_0_pro', prompt: '', firstFrameImage: IMAGE_A }, 'Prompt', /GlobalAiOpc/],
	['GlobalAiOpc with a seed', 'globalAiOpc', { mode: 'text', model: byExpression('seedance_2_0_pro'), prompt, options: { seed: 7 } }, 'Seed', /GlobalAiOpc/],
	['GlobalAiOpc 1.5 in reference mode', 'globalAiOpc', { mode: 'reference', model: 'seedance_1_5_pro_720p', prompt, ...images(1) }, 'Mode'],
	['OpenAI-videos gateway in reference mode', 'openaiVideos', { mode: 'reference', model: V2, prompt, ...images(1) }, 'Mode', /OpenAI/],
	['OpenAI-videos gateway with first and last frame', 'openaiVideos', { mode: 'firstLastFrame', model: V2, prompt, firstFrameImage: IMAGE_A, lastFrameImage: IMAGE_B }, 'Mode'],
	['OpenAI-videos gateway with an adaptive ratio', 'openaiVideos', { mode: 'text', model: V2, prompt, options: { ratio: 'adaptive' } }, 'Aspect Ratio', /fixed ratio/],
	['OpenAI-videos gateway with a watermark', 'openaiVideos', { mode: 'text', model: V2, prompt, options: { watermark: true } }, 'Watermark', /OpenAI/],
	['Anyfast with a callback URL', 'anyfast', { mode: 'text', model: byExpression('seedance'), prompt, options: { callbackUrl: 'https://hooks.example.com/x' } }, 'Callback URL', /Anyfast/],
	['editing without a source video', 'volcengine', { mode: 'editVideo', model: V2, prompt, sourceVideo: '={{ $json.video }}' }, 'Source Video', /is required for Edit a Video/],
	['generated audio on 1.0 pro', 'volcengine', { mode: 'text', model: byExpression(V10_PRO), prompt, options: { generateAudio: true } }, 'Generate Audio', /not available for Seedance 1.0 Pro/],
	['flex with a draft', 'volcengine', { mode: 'text', model: V15, prompt, options: { draft: true, serviceTier: 'flex' } }, 'Service Tier', /flex cannot be combined with Draft/],
	['16 s on BytePlus 2.0', 'byteplus', { mode: 'text', model: 'dreamina-seedance-2-0-260128', prompt, options: { duration: 16 } }, 'Duration (Seconds)', /4-15/],
	['the Ark gateway without a prompt', 'arkGateway', { mode: 'firstFrame', model: V2, prompt: '', firstFrameImage: IMAGE_A }, 'Prompt', /Gateway/],
];

/**
 * Media left over from another mode never reaches the node: n8n drops parameters the chosen mode
 * hides. The rules still refuse it for whoever calls them with a whole request (checked directly).
 */
type DirectCase = [description: string, request: IDataObject, leftOver: string, field: string, rule: RegExp];
const LEFT_OVER: DirectCase[] = [
	['a last frame in first-frame mode', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: IMAGE_A, lastFrameImage: IMAGE_B }, 'lastFrameImage', 'Last Frame Image', /needs mode First and Last Frame/],
	['frames combined with references', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: IMAGE_A, referenceImages: [IMAGE_B] }, 'referenceImages', 'Reference Images', /cannot be combined with first\/last frame images/],
	['a first frame in text mode', { mode: 'text', model: V2, prompt, firstFrameImage: IMAGE_A }, 'firstFrameImage', 'First Frame Image', /is not used by Text to Video/],
	['a last frame alone in text mode', { mode: 'text', model: V2, prompt, lastFrameImage: IMAGE_B }, 'lastFrameImage', 'Last Frame Image', /needs a First Frame Image/],
	['a first frame in reference mode', { mode: 'reference', model: V2, prompt, firstFrameImage: IMAGE_A, referenceImages: [IMAGE_B] }, 'firstFrameImage', 'First Frame Image', /cannot be combined with references/],
	['references in text mode', { mode: 'text', model: V2, prompt, referenceImages: [IMAGE_A] }, 'referenceImages', 'Reference Images', /only used in Reference mode, not Text to Video/],
	['a source video in text mode', { mode: 'text', model: V2, prompt, sourceVideo: VIDEO_A }, 'sourceVideo', 'Source Video', /only used in Edit a Video and Extend a Video/],
	['a draft task ID in text mode', { mode: 'text', model: V15, prompt, draftTaskId: 'cgt-1' }, 'draftTaskId', 'Draft Task ID', /only used in Render a Draft mode/],
];

describe('media left over from another mode is refused by the rules', () => {
	test.each(LEFT_OVER)('%s', (_, request, leftOver, field, rule) => {
		const result = validateRequest('volcengine', request);
		expect(result.ok ? [] : result.issues.map((i) => i.field)).toEqual([field]);
		expect(result.ok ? '' : result.issues[0].message).toMatch(rule);
		// Without the left-over value the same request is valid: this rule, not another, refused it.
		const clean = Object.fromEntries(Object.entries(request).filter(([name]) => name !== leftOver));
		expect(validateRequest('volcengine', clean).ok).toBe(true);
	});
});

describe('invalid combinations never reach the provider', () => {
	test('the table has a row refusing every field the rules check, on every provider, and no row twice', () => {
		const fields = new Set([...CASES.map((c) => c[3]), ...LEFT_OVER.map((c) => c[3])]);
		expect([...Object.values(FIELD_LABELS)].filter((f) => !fields.has(f))).toEqual([]);
		expect(new Set(CASES.map((c) => c[1]))).toEqual(new Set(PROVIDER_LIST));
		expect(new Set(CASES.map((c) => JSON.stringify([c[1], c[2]]))).size).toBe(CASES.length);
	});

	// A rest parameter: jest would read a fifth declared parameter as `done` on rows without a rule.
	test.each(CASES)('%s (%s)', async (...row: Case) => {
		const [, provider, params, field, rule] = row;
		const { error, items } = await runSeedance(sim, provider, params);
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(new RegExp(`^${field.replace(/[()]/g, '\\$&')}: `));
		expect(error?.message).toMatch(/\[item 0\]$/);
		if (rule) expect(error?.message).toMatch(rule);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('with Continue On Fail, bad items become error items and the others go on', () => {
	test('three items, the middle one invalid', async () => {
		const items = [{ duration: 5 }, { duration: 30 }, { duration: 6 }];
		const { items: out, error } = await runSeedance(sim, 'volcengine', { mode: 'text', model: V2, prompt, options: { duration: '={{ $json.duration }}' } }, { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.status).toBe('succeeded');
		expect(out[1].json.error).toMatch(/^Duration \(Seconds\): must be 4-15 or -1 \(the model chooses\) seconds for Seedance 2.0, got 30 \[item 1\]$/);
		expect(out[1].json.errorDescription).toBe('No request was sent for this item.');
		expect(out[2].json.status).toBe('succeeded');
		expect(sim.requests({ route: 'create' })).toHaveLength(2);
	});

	test('without it, one bad item stops the run before anything is sent', async () => {
		const { error } = await runSeedance(sim, 'volcengine', { mode: 'text', model: V2, prompt: '={{ $json.p }}' }, { items: [{ p: 'ok' }, { p: '' }] });
		expect(error?.message).toBe('Prompt: is required for Text to Video [item 1]');
		expect(sim.requests()).toHaveLength(0);
	});
});
