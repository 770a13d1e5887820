// Image headers at their edges, byte for byte: files cut exactly where a size ends, look-alikes
// that share some magic bytes, zero sides, the 30 MB limit itself; binary images kept on a
// request; and validation rules at their edges (exact issues, options per mode, notes).

import { attachBinaryImage, binaryImageOf, carryBinaryImages, type BinaryImage } from '../nodes/Seedance/request/binaryImage';
import { imageProblem, readImageHeader, sniffFormat } from '../nodes/Seedance/request/imageHeader';
import { allowedOptions, limitsNotes, validateRequest } from '../nodes/Seedance/request/rules';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { png } from './harness/images';

const u16be = (n: number) => [n >> 8, n & 255];
const u16le = (n: number) => [n & 255, n >> 8];
const u32le = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const u32be = (n: number) => [...u32le(n)].reverse();
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const pad = (bytes: number[], length = 64) => [...bytes, ...Array<number>(Math.max(0, length - bytes.length)).fill(0)];
const read = (list: number[]) => readImageHeader(new Uint8Array(list)) ?? 'none';

const PNG = (width: number, height: number) => [0x89, ...ascii('PNG\r\n\x1a\n'), ...u32be(13), ...ascii('IHDR'), ...u32be(width), ...u32be(height)];
const JPEG = (width: number, height: number) => [
	...[0xff, 0xd8],
	...[0xff, 0xe0, ...u16be(16), ...ascii('JFIF\0'), ...Array<number>(9).fill(0)],
	...[0xff, 0xc0, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3],
];
const GIF = (version: string, width: number, height: number) => [...ascii(version), ...u16le(width), ...u16le(height)];
const WEBP_VP8 = (width: number, height: number) => [...ascii('RIFF'), ...u32le(30), ...ascii('WEBPVP8 '), ...u32le(10), 0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height)];
const BMP = (width: number, height: number) => [...ascii('BM'), ...Array<number>(12).fill(0), ...u32le(40), ...u32le(width), ...u32le(height)];
/** A little-endian TIFF whose IFD (at 8) says it holds `count` entries, followed by the given ones. */
const TIFF = (count: number, entries: Array<[tag: number, value: number]>) => [
	...ascii('II'),
	...u16le(42),
	...u32le(8),
	...u16le(count),
	...entries.flatMap(([tag, value]) => [...u16le(tag), ...u16le(4), ...u32le(1), ...u32le(value)]),
];

const sized = (format: string, mimeType: string, width: number, height: number) => ({ format, mimeType, width, height });
const unsized = (format: string, mimeType: string) => ({ format, mimeType });

describe('readImageHeader at the edges of each format', () => {
	test.each([
		['a PNG of exactly 24 bytes (its size is the last 8)', PNG(1000, 800), sized('png', 'image/png', 1000, 800)],
		['a PNG signature alone (8 bytes)', PNG(1000, 800).slice(0, 8), unsized('png', 'image/png')],
		['the 3 bytes FF D8 FF', [0xff, 0xd8, 0xff], unsized('jpeg', 'image/jpeg')],
		['a JPEG cut right after its frame size', JPEG(800, 1200).slice(0, 29), sized('jpeg', 'image/jpeg', 800, 1200)],
		['a JPEG cut one byte before its frame size ends', JPEG(800, 1200).slice(0, 28), unsized('jpeg', 'image/jpeg')],
		['a JPEG with a standalone RST7 marker before its frame', pad([0xff, 0xd8, 0xff, 0xd7, ...JPEG(640, 480).slice(20)]), sized('jpeg', 'image/jpeg', 640, 480)],
		['a GIF87a', pad(GIF('GIF87a', 640, 480)), sized('gif', 'image/gif', 640, 480)],
		['a GIF of exactly 10 bytes', GIF('GIF89a', 640, 480), sized('gif', 'image/gif', 640, 480)],
		['a GIF cut inside its height', GIF('GIF89a', 640, 700).slice(0, 9), unsized('gif', 'image/gif')],
		['a GIF signature alone (6 bytes)', ascii('GIF89a'), unsized('gif', 'image/gif')],
		['a GIF 0 px wide', pad(GIF('GIF89a', 0, 480)), unsized('gif', 'image/gif')],
		['a GIF 0 px high', pad(GIF('GIF89a', 640, 0)), unsized('gif', 'image/gif')],
		['a WebP of exactly 30 bytes', WEBP_VP8(1024, 768), sized('webp', 'image/webp', 1024, 768)],
		['a WebP cut inside its height', WEBP_VP8(1024, 700).slice(0, 29), unsized('webp', 'image/webp')],
		['the 12 bytes RIFF….WEBP', [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')], unsized('webp', 'image/webp')],
		['WEBP without RIFF', pad([...ascii('RIFX'), 0, 0, 0, 0, ...ascii('WEBPVP8 ')]), 'none'],
		['a BMP of exactly 26 bytes', BMP(1920, 1080), sized('bmp', 'image/bmp', 1920, 1080)],
		['a BMP cut inside its height', BMP(1920, -1080 >>> 0).slice(0, 25), unsized('bmp', 'image/bmp')],
		['the 14 bytes of a BMP file header', [...ascii('BM'), ...Array<number>(12).fill(0)], unsized('bmp', 'image/bmp')],
		['a TIFF that ends with its last entry', TIFF(2, [[256, 3000], [257, 2000]]), sized('tiff', 'image/tiff', 3000, 2000)],
		['a TIFF cut inside its height entry', TIFF(2, [[256, 3000], [257, 2000]]).slice(0, -3), unsized('tiff', 'image/tiff')],
		['a TIFF whose IFD counts one entry, the height after it not read', pad(TIFF(1, [[256, 3000], [257, 2000]])), unsized('tiff', 'image/tiff')],
		['a TIFF with its height but no width', pad(TIFF(1, [[257, 2000]])), unsized('tiff', 'image/tiff')],
	])('%s', (_, list, expected) => {
		expect(read(list)).toEqual(expected);
	});
});

describe('sniffFormat needs all three JPEG bytes', () => {
	test.each([
		['FF D8 FF', [0xff, 0xd8, 0xff], 'jpeg'],
		['00 D8 FF', [0x00, 0xd8, 0xff], 'none'],
		['FF 00 FF', [0xff, 0x00, 0xff], 'none'],
		['FF D8 00', [0xff, 0xd8, 0x00], 'none'],
		['00 00 FF', [0x00, 0x00, 0xff], 'none'],
	])('%s', (_, start, expected) => {
		expect(sniffFormat(new Uint8Array(pad(start))) ?? 'none').toBe(expected);
	});
});

describe('imageProblem at its limits', () => {
	test('an image of exactly 30 MB passes; one byte more is refused with its size', () => {
		expect(imageProblem(png(1280, 720, 30 * 1024 * 1024))).toBeUndefined();
		expect(imageProblem(png(1280, 720, 30 * 1024 * 1024 + 1))).toBe('is 30.0 MB; images may be at most 30 MB');
	});
	test('a side of 0 px is a damaged file, not a size', () => {
		expect(imageProblem(new Uint8Array(pad(GIF('GIF89a', 0, 480))))).toBe('looks like GIF but its size cannot be read: the file is cut short or damaged');
		expect(imageProblem(new Uint8Array(pad(GIF('GIF89a', 640, 0))))).toBe('looks like GIF but its size cannot be read: the file is cut short or damaged');
	});
});

describe('binary images on a request', () => {
	const image = (fileName: string): BinaryImage => ({ mimeType: 'image/png', fileName, size: 2048, blob: async () => new Blob([]) });

	test('carried from the parameters to the checked request, and kept when it is spread', () => {
		const first = image('first-frame.png');
		const from = {};
		attachBinaryImage(from, 'firstFrameImage', first);
		const checked = carryBinaryImages(from, { prompt: 'a boat' });
		expect(binaryImageOf({ ...checked }, 'firstFrameImage')).toBe(first);
		expect(binaryImageOf(checked, 'lastFrameImage')).toBeUndefined();
	});

	test('parameters without binary images leave a request its own', () => {
		const last = image('last-frame.png');
		const to = {};
		attachBinaryImage(to, 'lastFrameImage', last);
		expect(binaryImageOf(carryBinaryImages({}, to), 'lastFrameImage')).toBe(last);
	});
});

describe('validation rules at their edges', () => {
	const V2 = 'doubao-seedance-2-0-260128';
	const V25 = 'doubao-seedance-2-5-260628';
	const LITE_I2V = 'doubao-seedance-1-0-lite-i2v-250428';
	const ENDPOINT = 'ep-20260101-abcd';
	const prompt = 'A paper boat on a rainy street';
	const url = (name: string) => `https://cdn.example.com/${name}`;
	const verdict = (provider: ProviderId, input: unknown) => {
		const result = validateRequest(provider, input);
		return result.ok ? 'ok' : result.issues.map((i) => `${i.field}: ${i.message}`);
	};

	test('a missing mode is "nothing", as a user would say it', () => {
		expect(verdict('volcengine', { model: V2, prompt })).toEqual(['Mode: must be one of text, firstFrame, firstLastFrame, reference, draftRender, editVideo, extendVideo, got nothing']);
	});

	test('a model that needs a reference video is refused in Text mode even with reference videos given', () => {
		expect(verdict('globalAiOpc', { mode: 'text', model: 'seedance_2_0', prompt, referenceVideos: [url('v.mp4')] })).toEqual([
			'Mode: seedance_2_0 only generates with reference videos: use Reference mode with at least one reference video, or pick the _pro model',
			'Reference Videos: is only used in Reference mode, not Text to Video',
		]);
	});

	test('words are counted across runs of spaces and line breaks', () => {
		expect(verdict('volcengine', { mode: 'text', model: V2, prompt: Array(1000).fill('word').join('  ') })).toBe('ok');
		expect(verdict('volcengine', { mode: 'text', model: V2, prompt: Array(1001).fill('word').join(' \n ') })).toEqual(['Prompt: is 1001 words long; Seedance 2.0 takes at most 1000 words']);
	});

	test('the source video counts toward the files in all of Edit Video', () => {
		const request = { mode: 'editVideo', model: V2, prompt, sourceVideo: url('source.mp4'), referenceImages: Array.from({ length: 9 }, (_, n) => url(`${n}.png`)), referenceAudios: [url('1.mp3'), url('2.mp3'), url('3.mp3')] };
		expect(verdict('volcengine', request)).toEqual(['Reference Images: Seedance 2.0 takes at most 12 reference files in all (images, videos and audios), got 13']);
		expect(verdict('volcengine', { ...request, referenceAudios: [url('1.mp3'), url('2.mp3')] })).toBe('ok');
	});

	test('Reference mode with nothing in it says so once, not also as a count of images', () => {
		expect(verdict('volcengine', { mode: 'reference', model: LITE_I2V, prompt })).toEqual(['Reference Images: Reference mode needs at least one reference image, video or audio']);
	});

	test('options per mode: Camera Fixed not with source videos, Web Search only in Text, Draft not when rendering one', () => {
		const endpointOptions = ['resolution', 'ratio', 'duration', 'frames', 'seed', 'watermark', 'generateAudio', 'returnLastFrame', 'serviceTier', 'callbackUrl', 'executionExpiresAfter', 'draft'];
		expect([...allowedOptions('volcengine', ENDPOINT, 'editVideo')]).toEqual(endpointOptions);
		expect([...allowedOptions('volcengine', ENDPOINT, 'extendVideo')]).toEqual(endpointOptions);
		expect([...allowedOptions('volcengine', ENDPOINT, 'text')]).toEqual(expect.arrayContaining(['cameraFixed', 'webSearch', 'draft']));
		expect([...allowedOptions('volcengine', V25, 'draftRender')]).toEqual(['resolution', 'ratio', 'duration', 'seed', 'watermark', 'generateAudio', 'returnLastFrame', 'callbackUrl', 'executionExpiresAfter']);
		expect(allowedOptions('volcengine', V25, 'firstFrame').has('draft')).toBe(true);
	});

	test("a provider's model rule applies to a model ID typed with spaces around it", () => {
		expect([...allowedOptions('globalAiOpc', '  seedance_1_5_pro_720p  ')]).toEqual(['ratio', 'duration']);
		expect([...allowedOptions('globalAiOpc', 'seedance_2_0_pro')]).toEqual(['ratio', 'duration', 'generateAudio']);
	});

	test('a model that picks its own length is noted when no options were read at all', () => {
		expect(limitsNotes({ model: V25 })).toEqual({
			notes: 'No duration was set, so Seedance 2.5 chose the length itself (it may pick 10 s or more, and the cost follows the length). Set Duration to fix it.',
		});
	});
});
