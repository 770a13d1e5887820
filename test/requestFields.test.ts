// A parameter an expression turns into the wrong type (a number for a prompt, an object for a
// model, NaN or "abc" for a duration) is refused before any request, naming the field and the rule.

import type { IDataObject } from 'n8n-workflow';
import { IMAGE_A, IMAGE_B, VIDEO_A, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const prompt = 'A red fox running through snow';
const V10_PRO = 'doubao-seedance-1-0-pro-250528';
const V15 = 'doubao-seedance-1-5-pro-251215';
const V2 = 'doubao-seedance-2-0-260128';

const VALUES = { NaN: '={{ NaN }}', '"abc"': '={{ "abc" }}', '-1': '={{ -1 }}', '{}': '={{ {} }}' } as const;
type ValueName = keyof typeof VALUES;

interface Parameter {
	field: string;
	/** The workflow parameters with the bad value put in. */
	params: (value: string) => IDataObject;
	/** Values that are valid for this parameter (e.g. "abc" is a fine prompt, -1 a random seed). */
	valid?: ValueName[];
}

const option = (name: string, field: string, valid: ValueName[] = [], model = V10_PRO): Parameter => ({
	field,
	params: (value) => ({ mode: 'text', model, prompt, options: { [name]: value } }),
	valid,
});

const PARAMETERS: Parameter[] = [
	{ field: 'Model', params: (model) => ({ mode: 'text', model, prompt }), valid: ['"abc"'] },
	{ field: 'Prompt', params: (value) => ({ mode: 'text', model: V2, prompt: value }), valid: ['"abc"'] },
	{ field: 'First Frame Image', params: (value) => ({ mode: 'firstFrame', model: V2, prompt, firstFrameImage: value }) },
	{ field: 'Last Frame Image', params: (value) => ({ mode: 'firstLastFrame', model: V2, prompt, firstFrameImage: IMAGE_A, lastFrameImage: value }) },
	{ field: 'Source Video', params: (value) => ({ mode: 'editVideo', model: V2, prompt, sourceVideo: value }) },
	{ field: 'Reference Images', params: (url) => ({ mode: 'reference', model: V2, prompt, referenceImages: { items: [{ url: IMAGE_B }, { url }] } }) },
	{ field: 'Reference Videos', params: (url) => ({ mode: 'reference', model: V2, prompt, referenceImages: { items: [{ url: IMAGE_B }] }, referenceVideos: { items: [{ url }] } }) },
	{ field: 'Reference Audios', params: (url) => ({ mode: 'reference', model: V2, prompt, referenceImages: { items: [{ url: IMAGE_B }] }, referenceAudios: { items: [{ url }] } }) },
	{ field: 'Draft Task ID', params: (value) => ({ mode: 'draftRender', model: V15, draftTaskId: value }), valid: ['"abc"'] },
	option('duration', 'Duration (Seconds)'),
	option('frames', 'Frames'),
	option('seed', 'Seed', ['-1']),
	option('executionExpiresAfter', 'Expire After (Seconds)'),
	option('resolution', 'Resolution'),
	option('ratio', 'Aspect Ratio'),
	option('serviceTier', 'Service Tier'),
	option('callbackUrl', 'Callback URL'),
	option('cameraFixed', 'Camera Fixed'),
	option('watermark', 'Watermark'),
	option('returnLastFrame', 'Return Last Frame'),
	option('generateAudio', 'Generate Audio', [], V15),
	option('draft', 'Draft (Preview)', [], V15),
	option('webSearch', 'Web Search', [], V2),
];

const CASES = PARAMETERS.flatMap((p) =>
	(Object.keys(VALUES) as ValueName[]).filter((v) => !p.valid?.includes(v)).map((v) => [p.field, v, p] as const),
);

describe('every generation parameter given NaN, "abc", -1 or {} by an expression', () => {
	test('covers every field and option', () => {
		expect(PARAMETERS).toHaveLength(23);
		expect(CASES.length).toBeGreaterThanOrEqual(85);
	});

	test.each(CASES)('%s = %s is refused before any request', async (field, value, p) => {
		const { error, items } = await runSeedance(sim, 'volcengine', p.params(VALUES[value]));
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(new RegExp(`^${field.replace(/[()]/g, '\\$&')}: .+ \\[item 0\\]$`));
		expect(error?.message).not.toMatch(/object Object/);
		expect(sim.requests()).toHaveLength(0);
	});

	test('a prompt that an expression makes an object names what it got, never "[object Object]"', async () => {
		const { error } = await runSeedance(sim, 'volcengine', { mode: 'text', model: V2, prompt: '={{ $json.p }}' }, { items: [{ p: { text: 'hi' } }] });
		expect(error?.message).toBe('Prompt: must be text, got an object [item 0]');
	});

	test('a duration of "abc" says what it got', async () => {
		const { error } = await runSeedance(sim, 'volcengine', { mode: 'text', model: V2, prompt, options: { duration: '={{ "abc" }}' } });
		expect(error?.message).toBe('Duration (Seconds): must be a whole number of seconds, got the text "abc" [item 0]');
	});
});

describe('data URLs and draft task IDs', () => {
	const png = `data:image/png;base64,${'iVBORw0KGgo'}${'A'.repeat(100)}`;
	test.each([
		['a data URL over 30 MB decoded', `data:image/png;base64,iVBORw0KGgo${'A'.repeat(42 * 1024 * 1024)}`, /MB decoded; images may be at most 30 MB/],
		['text sent as an image', 'data:image/png;base64,aGVsbG8gd29ybGQgdGhpcyBpcyB0ZXh0', /is not a JPEG, PNG, WebP, BMP, TIFF or GIF image/],
		['an HTML page labelled JPEG', 'data:image/jpeg;base64,PCFET0NUWVBFIGh0bWw+PGh0bWw+', /is not a JPEG/],
	])('%s is refused', async (_, url, rule) => {
		const { error } = await runSeedance(sim, 'volcengine', { mode: 'firstFrame', model: V2, prompt, firstFrameImage: url });
		expect(error?.message).toMatch(/^First Frame Image: /);
		expect(error?.message).toMatch(rule);
		expect(sim.requests()).toHaveLength(0);
	});

	test.each([
		['PNG', png],
		['JPEG', 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ'],
		['WebP', 'data:image/webp;base64,UklGRiQAAABXRUJQVlA4'],
		['GIF', 'data:image/gif;base64,R0lGODlhAQABAIAAAP'],
	])('a real %s data URL is sent', async (_, url) => {
		const { error } = await runSeedance(sim, 'volcengine', { operation: 'create', mode: 'firstFrame', model: V2, prompt, firstFrameImage: url });
		expect(error).toBeUndefined();
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
	});

	test('a draft task ID with a space inside is refused', async () => {
		const { error } = await runSeedance(sim, 'volcengine', { mode: 'draftRender', model: V15, draftTaskId: 'cgt-2026 1122' });
		expect(error?.message).toBe('Draft Task ID: must be one task ID without spaces [item 0]');
		expect(sim.requests()).toHaveLength(0);
	});

	test('a source video that is not a URL is refused', async () => {
		const { error } = await runSeedance(sim, 'volcengine', { mode: 'extendVideo', model: V2, prompt, sourceVideo: `${VIDEO_A} extra` });
		expect(error?.message).toMatch(/^Source Video: .* must be an http\(s\) URL or asset:\/\/ID \[item 0\]$/);
	});
});
