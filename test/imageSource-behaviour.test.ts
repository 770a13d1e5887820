// Images from binary fields, read by readBinaryImages directly: which fields a mode reads, how the
// reference list keeps its order, the 30 MB limits, and how bytes are read in memory mode (held in
// the item) and in filesystem mode (an ID streamed a chunk at a time, the whole file loaded only
// when its header needs it).

import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readBinaryImages, withBinarySource } from '../nodes/Seedance/actions/video/imageSource';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { binaryImageOf } from '../nodes/Seedance/request/binaryImage';
import { HTML_PAGE, jpeg, png, sha256 } from './harness/images';

const MB = 1024 * 1024;

interface File { bytes: Buffer; mimeType?: string; stored?: boolean; declareBytes?: boolean; metadataSize?: number }

/** What the helpers were asked for, in order. */
type Calls = string[];

/** An execute context with the given parameters and one input item holding the given files. */
function contextOf(parameters: Record<string, unknown>, files: Record<string, File>, calls: Calls) {
	const binary: Record<string, IBinaryData> = {};
	const byId = new Map<string, File>();
	for (const [name, file] of Object.entries(files)) {
		const id = file.stored ? `filesystem-v2:${name}` : undefined;
		if (id) byId.set(id, file);
		binary[name] = {
			data: id ? 'filesystem-v2' : file.bytes.toString('base64'),
			mimeType: file.mimeType ?? 'image/png',
			...(id ? { id } : {}),
			...(file.declareBytes === false ? {} : { bytes: file.bytes.length }),
		} as IBinaryData;
	}
	const storedFile = (id: string | undefined) => {
		const file = id === undefined ? undefined : byId.get(id);
		if (!file) throw new Error(`no stored file ${String(id)}`);
		return file;
	};
	const ctx = {
		getNodeParameter: (name: string, _i: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
		getInputData: () => [{ json: {}, binary }],
		helpers: {
			getBinaryDataBuffer: async (_i: number, name: string) => {
				calls.push(`buffer ${name}`);
				return files[name].bytes;
			},
			getBinaryStream: async (id: string | undefined, chunkSize: number) => {
				const file = storedFile(id);
				calls.push(`stream ${String(id)} ${chunkSize}`);
				return (async function* () {
					for (let at = 0; at < file.bytes.length; at += chunkSize) {
						calls.push('chunk');
						yield file.bytes.subarray(at, at + chunkSize);
					}
				})();
			},
			getBinaryMetadata: async (id: string) => {
				calls.push(`metadata ${id}`);
				const file = storedFile(id);
				return { fileSize: file.metadataSize ?? file.bytes.length };
			},
		},
	};
	return ctx as unknown as IExecuteFunctions;
}

async function read(provider: ProviderId, request: Record<string, unknown>, parameters: Record<string, unknown>, files: Record<string, File>) {
	const calls: Calls = [];
	const issues = await readBinaryImages(contextOf(parameters, files, calls), 0, provider, request);
	return { issues, request, calls, chunks: calls.filter((c) => c === 'chunk').length };
}

const dataUrl = (bytes: Buffer, mimeType = 'image/png') => `data:${mimeType};base64,${bytes.toString('base64')}`;
const A = png(1280, 720, 4096, 21);
const B = jpeg(800, 800, 4096, 23);

/** A JPEG whose start-of-frame lies past the first 256 KB (large EXIF/XMP metadata), padded to a total size. */
function jpegWithMetadata(width: number, height: number, totalBytes = 0): Buffer {
	const plain = jpeg(width, height, 4096, 29);
	const app1 = Buffer.alloc(65_535 + 2, 7);
	app1.writeUInt16BE(0xffe1, 0);
	app1.writeUInt16BE(65_535, 2);
	const image = Buffer.concat([plain.subarray(0, 2), ...Array<Buffer>(5).fill(app1), plain.subarray(2)] as unknown as Uint8Array[]);
	return totalBytes ? Buffer.concat([image, Buffer.alloc(totalBytes - image.length)] as unknown as Uint8Array[]) : image;
}

describe('which fields a mode reads from binary data', () => {
	const bothFrames = { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: 'a', lastFrameImageSource: 'binary', lastFrameImageBinaryProperty: 'b' };

	test('first-and-last-frame mode reads both frames into data URLs', async () => {
		const { issues, request } = await read('byteplus', { mode: 'firstLastFrame' }, bothFrames, { a: { bytes: A }, b: { bytes: B, mimeType: 'image/jpeg' } });
		expect(issues).toEqual([]);
		expect(request).toEqual({ mode: 'firstLastFrame', firstFrameImage: dataUrl(A), lastFrameImage: dataUrl(B, 'image/jpeg') });
	});

	test('first-frame mode reads the first frame only, even when a last frame source says binary', async () => {
		const { issues, request } = await read('byteplus', { mode: 'firstFrame' }, bothFrames, { a: { bytes: A } });
		expect(issues).toEqual([]);
		expect(request).toEqual({ mode: 'firstFrame', firstFrameImage: dataUrl(A) });
	});

	test('text mode reads no frame and no reference list', async () => {
		const references = { 'referenceImages.items': [{ source: 'binary', binaryProperty: 'a' }] };
		const { issues, request, calls } = await read('byteplus', { mode: 'text' }, { ...bothFrames, ...references }, {});
		expect(issues).toEqual([]);
		expect(request).toEqual({ mode: 'text' });
		expect(calls).toEqual([]);
	});

	test('a missing binary field name parameter means the field "data"', async () => {
		const { issues, request } = await read('byteplus', { mode: 'firstFrame' }, { firstFrameImageSource: 'binary' }, { data: { bytes: A } });
		expect(issues).toEqual([]);
		expect(request.firstFrameImage).toBe(dataUrl(A));
	});

	test('a single frame given two comma-separated names is refused', async () => {
		const { issues } = await read('byteplus', { mode: 'firstFrame' }, { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: 'a, b' }, { a: { bytes: A }, b: { bytes: A } });
		expect(issues).toEqual([{ path: 'firstFrameImage', field: 'First Frame Image', message: 'takes one image, but 2 binary fields were named' }]);
	});
});

describe('the reference list keeps its order', () => {
	const reference = (urls: string[], entries: unknown[], files: Record<string, File> = { a: { bytes: A }, b: { bytes: B, mimeType: 'image/jpeg' } }) =>
		read('byteplus', { mode: 'reference', referenceImages: urls }, { 'referenceImages.items': entries }, files);

	test('comma-separated names give one image each', async () => {
		const { issues, request } = await reference([], [{ source: 'binary', binaryProperty: 'a,b' }]);
		expect(issues).toEqual([]);
		expect(request.referenceImages).toEqual([dataUrl(A), dataUrl(B, 'image/jpeg')]);
	});

	test('a URL left in a binary entry is skipped, the URLs after it stay in place', async () => {
		const { request } = await reference(['https://x/1', 'https://x/old', 'https://x/3'], [{ source: 'url', url: 'https://x/1' }, { source: 'binary', url: 'https://x/old', binaryProperty: 'a' }, { source: 'url', url: 'https://x/3' }]);
		expect(request.referenceImages).toEqual(['https://x/1', dataUrl(A), 'https://x/3']);
	});

	test('a binary entry without a URL takes no URL', async () => {
		for (const url of [undefined, null, '', '  ']) {
			const { request } = await reference(['https://x/2'], [{ source: 'binary', url, binaryProperty: 'a' }, { source: 'url', url: 'https://x/2' }]);
			expect(request.referenceImages).toEqual([dataUrl(A), 'https://x/2']);
		}
	});

	test('an array of URLs counts its non-blank entries, each as one URL', async () => {
		const urls = ['https://x/1, https://x/2', 'https://x/3', 'https://x/4'];
		const { request } = await reference(urls, [{ source: 'url', url: ['https://x/1, https://x/2', '  ', 'https://x/3'] }, { source: 'binary', binaryProperty: 'a' }, { source: 'url', url: 'https://x/4' }]);
		expect(request.referenceImages).toEqual(['https://x/1, https://x/2', 'https://x/3', dataUrl(A), 'https://x/4']);
	});

	test.each([
		['commas', 'https://x/1,https://x/2'],
		['a comma and a space', 'https://x/1, https://x/2'],
		['new lines', 'https://x/1\nasset://x-2'],
		['plain http', 'https://x/1,http://x/2'],
		['a data URL with its own comma', `https://x/1,${dataUrl(B, 'image/jpeg')}`],
	])('a text entry naming two URLs with %s counts as two', async (_name, text) => {
		const [first, second] = text.split(/[\n,](?=\s*(?:https?:|asset:|data:))/).map((v) => v.trim());
		const { request } = await reference([first, second, 'https://x/9'], [{ source: 'url', url: text }, { source: 'binary', binaryProperty: 'a' }, { source: 'url', url: 'https://x/9' }]);
		expect(request.referenceImages).toEqual([first, second, dataUrl(A), 'https://x/9']);
	});

	test('a multipart provider still takes the reference list as whole data URLs, with no file part', async () => {
		const { issues, request } = await read('openaiVideos', { mode: 'reference', referenceImages: [] }, { 'referenceImages.items': [{ source: 'binary', binaryProperty: 'a' }] }, { a: { bytes: A } });
		expect(issues).toEqual([]);
		expect(request.referenceImages).toEqual([dataUrl(A)]);
		expect(binaryImageOf(request, 'referenceImages')).toBeUndefined();
	});
});

describe('reference videos and audios from binary data', () => {
	const binaryValue = { mimeType: 'video/mp4', data: 'AAAA' };
	const videos = (mode: string, entries: unknown[], path = 'referenceVideos') => read('byteplus', { mode }, { [`${path}.items`]: entries }, {});
	const refused = (path: string, kind: string) => [{ path, field: path === 'referenceVideos' ? 'Reference Videos' : 'Reference Audios', message: `BytePlus ModelArk takes ${kind} as public URLs or asset://IDs only, not from binary data: upload the file where it gets a public URL (or to the provider's asset library) and give that` }];

	test('binary data given as a video or audio URL is refused, alone or in an array', async () => {
		expect((await videos('reference', [{ url: binaryValue }])).issues).toEqual(refused('referenceVideos', 'videos'));
		expect((await videos('reference', [{ url: ['https://x/v.mp4', binaryValue] }])).issues).toEqual(refused('referenceVideos', 'videos'));
		expect((await videos('reference', [{ url: [binaryValue] }], 'referenceAudios')).issues).toEqual(refused('referenceAudios', 'audios'));
	});

	test('plain URLs, empty values and other modes pass', async () => {
		expect((await videos('reference', [{ url: null }, { url: 'https://x/v.mp4' }, { url: ['https://x/v.mp4'] }])).issues).toEqual([]);
		expect((await videos('text', [{ url: binaryValue }])).issues).toEqual([]);
	});
});

describe('the 30 MB limit', () => {
	test('a stored size over 30 MB is refused without reading the file', async () => {
		const big = png(1280, 720, 30 * MB + 1);
		const { issues, calls } = await read('byteplus', { mode: 'firstFrame' }, { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: 'big' }, { big: { bytes: big } });
		expect(issues).toEqual([{ path: 'firstFrameImage', field: 'First Frame Image', message: 'the image in binary field "big" is 30.0 MB; images may be at most 30 MB' }]);
		expect(calls).toEqual([]);
	});

	test.each([true, false])('an image of exactly 30 MB is taken as a file part (size stored: %s)', async (declareBytes) => {
		const image = jpegWithMetadata(1280, 720, 30 * MB);
		const { issues, request } = await read('openaiVideos', { mode: 'firstFrame' }, { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: 'a' }, { a: { bytes: image, mimeType: 'image/jpeg', stored: true, declareBytes } });
		expect(issues).toEqual([]);
		expect(binaryImageOf(request, 'firstFrameImage')).toMatchObject({ size: 30 * MB, mimeType: 'image/jpeg', fileName: 'first-frame.jpeg' });
	});

	test('a stored file over 30 MB by its metadata is refused after reading its first bytes only', async () => {
		const image = jpegWithMetadata(1280, 720, 30 * MB + 1);
		const { issues, calls } = await read('openaiVideos', { mode: 'firstFrame' }, { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: 'a' }, { a: { bytes: image, stored: true, declareBytes: false } });
		expect(issues).toEqual([{ path: 'firstFrameImage', field: 'First Frame Image', message: 'the image in binary field "a" is 30.0 MB; images may be at most 30 MB' }]);
		expect(calls).toEqual(['stream filesystem-v2:a 65536', 'chunk', 'chunk', 'chunk', 'chunk', 'metadata filesystem-v2:a']);
	});

	test('images making exactly the provider\'s request limit pass, one byte more is refused', async () => {
		// Two 24 MB images are 32 MB each as base64: 64 MB, BytePlus's limit.
		const image = png(1280, 720, 24 * MB);
		const frames = { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: 'a', lastFrameImageSource: 'binary', lastFrameImageBinaryProperty: 'a' };
		expect((await read('byteplus', { mode: 'firstLastFrame' }, frames, { a: { bytes: image } })).issues).toEqual([]);
		const larger = png(1280, 720, 24 * MB + 1);
		expect((await read('byteplus', { mode: 'firstLastFrame' }, frames, { a: { bytes: larger } })).issues).toEqual([
			{ path: 'lastFrameImage', field: 'Last Frame Image', message: 'the images make a request of about 64.0 MB; BytePlus ModelArk takes at most 64.0 MB per request: use smaller images or URLs' },
		]);
	});
});

describe('a multipart provider\'s frames: checked by their header, read when sent', () => {
	const frame = (files: Record<string, File>, name = 'a') => read('openaiVideos', { mode: 'firstLastFrame' }, { firstFrameImageSource: 'binary', firstFrameImageBinaryProperty: name }, files);

	test('in memory mode the bytes held in the item are checked and sent as they are', async () => {
		const { issues, request, calls } = await frame({ a: { bytes: A } });
		expect(issues).toEqual([]);
		expect(request.firstFrameImage).toBe(dataUrl(A.subarray(0, 48)));
		const image = binaryImageOf(request, 'firstFrameImage')!;
		expect({ size: image.size, mimeType: image.mimeType, fileName: image.fileName }).toEqual({ size: A.length, mimeType: 'image/png', fileName: 'first-frame.png' });
		const blob = await image.blob();
		expect(blob.type).toBe('image/png');
		expect(sha256(Buffer.from(await blob.arrayBuffer()))).toBe(sha256(A));
		expect(calls).toEqual(['buffer a', 'buffer a']);
	});

	test('a stored 1 MB image is checked on its first 256 KB and streamed whole when sent', async () => {
		const image = png(1280, 720, MB + 5, 31);
		const { issues, request, calls } = await frame({ a: { bytes: image, stored: true } });
		expect(issues).toEqual([]);
		expect(calls).toEqual(['stream filesystem-v2:a 65536', 'chunk', 'chunk', 'chunk', 'chunk']);
		const sent = binaryImageOf(request, 'firstFrameImage')!;
		expect(sent.size).toBe(image.length);
		calls.length = 0;
		const blob = await sent.blob();
		expect(blob.type).toBe('image/png');
		expect(sha256(Buffer.from(await blob.arrayBuffer()))).toBe(sha256(image));
		expect(calls).toEqual(['stream filesystem-v2:a 1048576', 'chunk', 'chunk']);
	});

	test('a stored image without a stored size takes its size from the metadata', async () => {
		const image = png(1280, 720, MB, 33);
		const { request, calls } = await frame({ a: { bytes: image, stored: true, declareBytes: false } });
		expect(binaryImageOf(request, 'firstFrameImage')!.size).toBe(MB);
		expect(calls.at(-1)).toBe('metadata filesystem-v2:a');
	});

	test('a small stored image is read whole from its stream, with no metadata look-up', async () => {
		const { issues, request, calls } = await frame({ a: { bytes: A, stored: true, declareBytes: false } });
		expect(issues).toEqual([]);
		expect(binaryImageOf(request, 'firstFrameImage')!.size).toBe(A.length);
		expect(calls).toEqual(['stream filesystem-v2:a 65536', 'chunk']);
	});

	test('a stored JPEG whose size lies past the first 256 KB is loaded whole to check it', async () => {
		const ok = jpegWithMetadata(1280, 720);
		const good = await frame({ a: { bytes: ok, mimeType: 'image/jpeg', stored: true } });
		expect(good.issues).toEqual([]);
		expect(binaryImageOf(good.request, 'firstFrameImage')).toMatchObject({ size: ok.length, mimeType: 'image/jpeg', fileName: 'first-frame.jpeg' });
		expect(good.calls).toEqual(['stream filesystem-v2:a 65536', 'chunk', 'chunk', 'chunk', 'chunk', 'buffer a']);
		const huge = await frame({ a: { bytes: jpegWithMetadata(7000, 4000), mimeType: 'image/jpeg', stored: true } });
		expect(huge.issues).toEqual([{ path: 'firstFrameImage', field: 'First Frame Image', message: 'the image in binary field "a" is 7000×4000 px; each side must be 300–6000 px' }]);
	});

	test('a stored file that is no image is refused on its first bytes', async () => {
		const page = Buffer.concat([HTML_PAGE, Buffer.alloc(MB)] as unknown as Uint8Array[]);
		const { issues, calls } = await frame({ a: { bytes: page, stored: true } });
		expect(issues).toEqual([{ path: 'firstFrameImage', field: 'First Frame Image', message: 'the image in binary field "a" is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes, not its name)' }]);
		expect(calls).toEqual(['stream filesystem-v2:a 65536', 'chunk', 'chunk', 'chunk', 'chunk']);
	});

	test('the last frame is a file part named after its format', async () => {
		const { request } = await read('openaiVideos', { mode: 'firstLastFrame' }, { lastFrameImageSource: 'binary', lastFrameImageBinaryProperty: 'b' }, { b: { bytes: B, mimeType: 'image/jpeg' } });
		expect(binaryImageOf(request, 'lastFrameImage')).toMatchObject({ fileName: 'last-frame.jpeg', mimeType: 'image/jpeg', size: B.length });
	});
});

test('the reference list field explains that each entry is a URL or a binary field', () => {
	const list = { displayName: 'Reference Images', name: 'referenceImages', type: 'fixedCollection', default: {}, description: 'Images the video follows.', options: [{ displayName: 'Image', name: 'items', values: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }] }] } as INodeProperties;
	expect(withBinarySource(list).description).toBe('Images the video follows. Each entry is a URL or an image from a binary field of the input item.');
});
