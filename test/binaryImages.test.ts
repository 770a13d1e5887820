// Images from the workflow's binary data, through n8n-core's engine in filesystem and database
// binary modes: the simulator must receive exactly the input bytes (decoded from the data URL or
// the multipart part), and bad images or providers without binary input get 0 requests.

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, IWorkflowBase } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { useBinaryMode, type BinaryMode } from './harness/binaryModes';
import { NODE_TYPES, runWorkflow, seedanceWorkflow } from './harness/engine';
import { API_KEY, IMAGE_A, IMAGE_B, startTestSimulator, type Simulator } from './harness/fixtures';
import { HTML_PAGE, jpeg, png, sha256 } from './harness/images';
import { allText, credentialsFor } from './harness/simulator';

/** The files the input node puts into binary data, by name. */
const FILES = new Map<string, { bytes: Buffer; fileName: string; mimeType: string }>();
const storedIds: string[] = [];

/** Stand-in for an upload or a download: items whose binary fields hold the named files. */
class BinaryItems implements INodeType {
	description = {
		displayName: 'Binary Items', name: 'binaryItems', group: ['transform'], version: 1, description: '',
		defaults: { name: 'Items' }, inputs: ['main'], outputs: ['main'],
		properties: [{ displayName: 'Files', name: 'files', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const list = JSON.parse(this.getNodeParameter('files', 0) as string) as Array<Record<string, string>>;
		const items: INodeExecutionData[] = [];
		for (const [i, fields] of list.entries()) {
			const binary: INodeExecutionData['binary'] = {};
			for (const [field, file] of Object.entries(fields)) {
				const f = FILES.get(file)!;
				binary[field] = await this.helpers.prepareBinaryData(f.bytes, f.fileName, f.mimeType);
				storedIds.push(binary[field].id ?? '');
			}
			items.push({ json: { n: i }, binary, pairedItem: { item: 0 } });
		}
		return [items];
	}
}
NODE_TYPES['test.binaryItems'] = new BinaryItems();

const file = (name: string, bytes: Buffer, fileName: string, mimeType = 'image/png') => {
	FILES.set(name, { bytes, fileName, mimeType });
	return bytes;
};
const FIRST = file('first', png(1280, 720, 40_000, 7), 'first.png');
const LAST = file('last', jpeg(1280, 720, 30_000, 9), 'last.jpg', 'image/jpeg');
const REF_B = file('refB', png(800, 800, 20_000, 11), 'b.png');
const REF_C = file('refC', jpeg(900, 1200, 20_000, 13), 'c.jpg', 'image/jpeg');
file('html', HTML_PAGE, 'photo.png');
file('huge', png(7000, 4000), 'huge.png');
file('wide', png(3000, 1000), 'wide.png');
file('big', png(1280, 720, 31 * 1024 * 1024), 'big.png');
const MID = file('mid', png(1280, 720, 1536 * 1024 + 123, 5), 'mid.png');
/** A JPEG whose start-of-frame comes after APP1 segments of about 300 KB, as large EXIF/XMP data makes it. */
const jpegWithMetadata = (width: number, height: number, seed: number) => {
	const plain = jpeg(width, height, 4096, seed);
	const app1 = Buffer.alloc(65_535 + 2, seed);
	app1.writeUInt16BE(0xffe1, 0);
	app1.writeUInt16BE(65_535, 2);
	return Buffer.concat([plain.subarray(0, 2), ...Array<Buffer>(5).fill(app1), plain.subarray(2)] as unknown as Uint8Array[]);
};
const EXIF = file('exif', jpegWithMetadata(1280, 720, 17), 'exif.jpg', 'image/jpeg');
file('exifHuge', jpegWithMetadata(7000, 4000, 19), 'exif-huge.jpg', 'image/jpeg');
const BIG25 = file('big25', png(1280, 720, 25 * 1024 * 1024, 3), 'big25.png');

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => {
	sim.reset();
	storedIds.length = 0;
});

interface SimRecord { route: string; multipart?: boolean; images?: Array<{ at: string; mimeType: string; bytes: number; sha256: string }>; body?: Record<string, unknown> }

async function run(provider: ProviderId, parameters: IDataObject, files: Array<Record<string, string>>, settings: { continueOnFail?: boolean } = {}) {
	const model = parameters.model;
	const params = { operation: 'create', ...parameters, model: { __rl: true, mode: 'id', value: model } };
	const base = seedanceWorkflow(params, [], settings);
	const workflow: IWorkflowBase = {
		...base,
		nodes: base.nodes.map((n) => (n.type === 'n8n-nodes-base.set' ? { ...n, type: 'test.binaryItems', parameters: { files: JSON.stringify(files) } } : n)),
	};
	const result = await runWorkflow(workflow, { credentials: credentialsFor(sim, provider, API_KEY) });
	const items = result.output('Seedance');
	if (allText([items.map((i) => i.json), result.error, result.error?.description]).includes(API_KEY)) throw new Error('The API key leaked');
	const creates = sim.requests({ route: 'create' }) as unknown as SimRecord[];
	return { ...result, items, creates };
}

const images = (record: SimRecord) => (record.images ?? []).map((i) => [i.at, i.mimeType, i.sha256]);

describe.each<BinaryMode>(['filesystem', 'database'])('in %s binary mode', (mode) => {
	let storedIn: (id: string | undefined) => boolean;
	beforeAll(async () => {
		({ storedIn } = await useBinaryMode(mode));
	});

	test('Ark: first and last frame from binary arrive as data URLs with exactly the input bytes', async () => {
		const { items, error, creates } = await run('byteplus', {
			mode: 'firstLastFrame', model: 'dreamina-seedance-2-0-260128', prompt: 'morph',
			firstFrameImageSource: 'binary', lastFrameImageSource: 'binary', lastFrameImageBinaryProperty: 'end',
		}, [{ data: 'first', end: 'last' }]);
		expect(error).toBeUndefined();
		expect(storedIds.length).toBe(2);
		expect(storedIds.every(storedIn)).toBe(true);
		expect(items[0].json.status).toBe('queued');
		expect(creates).toHaveLength(1);
		expect(images(creates[0])).toEqual([
			['content[1].image_url.url', 'image/png', sha256(FIRST)],
			['content[2].image_url.url', 'image/jpeg', sha256(LAST)],
		]);
	});

	test('OpenAI videos: the first frame from binary is the multipart file part input_reference', async () => {
		const { error, creates } = await run('openaiVideos', {
			mode: 'firstFrame', model: 'doubao-seedance-1-0-pro-250528', prompt: 'a wave', firstFrameImageSource: 'binary',
		}, [{ data: 'first' }]);
		expect(error).toBeUndefined();
		expect(creates).toHaveLength(1);
		expect(creates[0].multipart).toBe(true);
		expect(images(creates[0])).toEqual([['input_reference', 'image/png', sha256(FIRST)]]);
	});

	test('Anyfast: reference images mix a URL, one binary field and an expression naming two, in order', async () => {
		const { error, creates } = await run('anyfast', {
			mode: 'reference', model: 'seedance', prompt: 'a product shot',
			referenceImages: { items: [{ source: 'url', url: IMAGE_A }, { source: 'binary', binaryProperty: 'data', url: 'https://left.over/from-before.png' }, { source: 'binary', binaryProperty: '={{ ["b", "c"] }}' }, { url: IMAGE_B }] },
		}, [{ data: 'first', b: 'refB', c: 'refC' }]);
		expect(error).toBeUndefined();
		const content = creates[0].body?.content as Array<{ image_url?: { url: string } }>;
		expect(content.filter((c) => c.image_url)[0].image_url?.url).toBe(IMAGE_A);
		expect(content.filter((c) => c.image_url).map((c) => (c.image_url?.url.startsWith('data:') ? 'binary' : c.image_url?.url))).toEqual([IMAGE_A, 'binary', 'binary', 'binary', IMAGE_B]);
		expect(images(creates[0]).map(([, , hash]) => hash)).toEqual([sha256(FIRST), sha256(REF_B), sha256(REF_C)]);
	});
});

describe('refused before any request', () => {
	beforeAll(async () => {
		await useBinaryMode('filesystem');
	});

	const firstFrame = { mode: 'firstFrame', model: 'dreamina-seedance-2-0-260128', prompt: 'p', firstFrameImageSource: 'binary' };

	test.each([
		['an HTML page named .png', 'html', /First Frame Image: the image in binary field "data" is not a JPEG, PNG, WebP, BMP, TIFF or GIF image.*\[item 0\]/],
		['a 7000 px side', 'huge', /binary field "data" is 7000×4000 px; each side must be 300–6000 px \[item 0\]/],
		['31 MB', 'big', /binary field "data" is 31.0 MB; images may be at most 30 MB \[item 0\]/],
		['a 3:1 ratio', 'wide', /binary field "data" is 3000×1000 px \(aspect ratio 3.00\).*\[item 0\]/],
	])('%s', async (_, name, message) => {
		const { error, creates } = await run('byteplus', firstFrame, [{ data: name }]);
		expect(error?.message).toMatch(message);
		expect(sim.requests()).toHaveLength(0);
		expect(creates).toHaveLength(0);
	});

	test('a missing binary field names the fields the item has', async () => {
		const { error } = await run('byteplus', { ...firstFrame, firstFrameImageBinaryProperty: 'photo' }, [{ data: 'first', other: 'last' }]);
		expect(error?.message).toBe('First Frame Image: the input item has no binary field "photo" (it has: data, other) [item 0]');
		expect(sim.requests()).toHaveLength(0);
	});

	test('an item without binary data says so', async () => {
		const { error } = await run('byteplus', firstFrame, [{}]);
		expect(error?.message).toBe('First Frame Image: the input item has no binary field "data" (it has no binary data) [item 0]');
	});

	test('a single image naming two binary fields, or none, is refused before any request', async () => {
		const two = await run('byteplus', { ...firstFrame, firstFrameImageBinaryProperty: 'data, other' }, [{ data: 'first', other: 'last' }]);
		expect(two.error?.message).toBe('First Frame Image: takes one image, but 2 binary fields were named [item 0]');
		const none = await run('byteplus', { ...firstFrame, firstFrameImageBinaryProperty: ' , ' }, [{ data: 'first' }]);
		expect(none.error?.message).toBe("First Frame Image: names no binary field: enter the name of the input item's binary field (e.g. data) [item 0]");
		expect(sim.requests()).toHaveLength(0);
	});

	test('GlobalAiOpc with a binary image: 0 requests and a way forward', async () => {
		const { error } = await run('globalAiOpc', { ...firstFrame, model: 'seedance_2_0_fast_pro' }, [{ data: 'first' }]);
		expect(error?.message).toMatch(/^First Frame Image: GlobalAiOpc takes images as public URLs or asset:\/\/IDs only, not binary files: publish the image .* asset library .* \[item 0\]$/);
		expect(sim.requests()).toHaveLength(0);
	});

	test('a reference video given as binary data: 0 requests and the same way forward', async () => {
		const { error } = await run('byteplus', {
			mode: 'reference', model: 'dreamina-seedance-2-0-260128', prompt: 'p',
			referenceImages: { items: [{ source: 'url', url: IMAGE_A }] }, referenceVideos: { items: [{ url: '={{ $binary.data }}' }] },
		}, [{ data: 'first' }]);
		expect(error?.message).toMatch(/^Reference Videos: BytePlus ModelArk takes videos as public URLs or asset:\/\/IDs only, not from binary data: upload the file .* \[item 0\]$/);
		expect(sim.requests()).toHaveLength(0);
	});

	test('the whole request over Ark\'s 64 MB: three 25 MB images as data URLs', async () => {
		const { error } = await run('byteplus', {
			mode: 'reference', model: 'dreamina-seedance-2-0-260128', prompt: 'p',
			referenceImages: { items: [{ source: 'binary', binaryProperty: 'a, b, c' }] },
		}, [{ a: 'big25', b: 'big25', c: 'big25' }]);
		expect(error?.message).toMatch(/Reference Images: the images make a request of about 100.0 MB; BytePlus ModelArk takes at most 64.0 MB per request.*\[item 0\]/);
		expect(sim.requests()).toHaveLength(0);
	});

	test('with Continue On Fail a bad image fails only its item; the next item is created with its bytes', async () => {
		const { items, error, creates } = await run('volcengine', { ...firstFrame, model: 'doubao-seedance-2-0-260128' }, [{ data: 'html' }, { data: 'big25' }], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json.error).toMatch(/not a JPEG.*\[item 0\]/);
		expect(items[1].json.status).toBe('queued');
		expect(images(creates[0])).toEqual([['content[1].image_url.url', 'image/png', sha256(BIG25)]]);
	});
});

describe('OpenAI videos creates are multipart', () => {
	test('text to video: multipart fields model, prompt, seconds, size', async () => {
		const { error, creates } = await run('openaiVideos', { mode: 'text', model: 'doubao-seedance-2-0-260128', prompt: 'rain', options: { duration: 6, resolution: '720p', ratio: '9:16' } }, [{}]);
		expect(error).toBeUndefined();
		expect(creates[0].multipart).toBe(true);
		expect(creates[0].body).toEqual({ model: 'doubao-seedance-2-0-260128', prompt: 'rain', seconds: '6', size: '720x1280' });
	});
});

describe.each<BinaryMode>(['filesystem', 'database'])('OpenAI videos in %s binary mode: checked from the header, read when sent', (mode) => {
	beforeAll(async () => {
		await useBinaryMode(mode);
	});
	const firstFrame = { mode: 'firstFrame', model: 'doubao-seedance-1-0-pro-250528', prompt: 'p', firstFrameImageSource: 'binary' };

	test('a 1.5 MB image (past the checked header, read in 1 MB chunks) arrives as exactly the input bytes', async () => {
		const { error, creates } = await run('openaiVideos', firstFrame, [{ data: 'mid' }]);
		expect(error).toBeUndefined();
		expect(images(creates[0])).toEqual([['input_reference', 'image/png', sha256(MID)]]);
	});

	test('a JPEG whose frame header lies past 256 KB of metadata is checked whole and sent byte for byte', async () => {
		const { error, creates } = await run('openaiVideos', firstFrame, [{ data: 'exif' }]);
		expect(error).toBeUndefined();
		expect(images(creates[0])).toEqual([['input_reference', 'image/jpeg', sha256(EXIF)]]);
	});

	test.each([
		['an HTML page named .png', 'html', /binary field "data" is not a JPEG, PNG, WebP, BMP, TIFF or GIF image.*\[item 1\]/],
		['a 7000 px side', 'huge', /binary field "data" is 7000×4000 px; each side must be 300–6000 px \[item 1\]/],
		['31 MB', 'big', /binary field "data" is 31.0 MB; images may be at most 30 MB \[item 1\]/],
		['a 3:1 ratio', 'wide', /binary field "data" is 3000×1000 px \(aspect ratio 3.00\).*\[item 1\]/],
		['a JPEG with 300 KB of metadata and a 7000 px side', 'exifHuge', /binary field "data" is 7000×4000 px.*\[item 1\]/],
	])('%s in the second item: refused with 0 requests, the first item not sent either', async (_, name, message) => {
		const { error } = await run('openaiVideos', firstFrame, [{ data: 'first' }, { data: name }]);
		expect(error?.message).toMatch(message);
		expect(sim.requests()).toHaveLength(0);
	});
});
