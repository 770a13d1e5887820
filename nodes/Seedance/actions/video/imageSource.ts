// Images from the workflow: each image field can take its image from a binary field of the input
// item. The bytes are read through n8n's helpers (so every binary data mode works) and checked by
// their header; they become a data URL, or for a multipart provider a file read when it is sent.

import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { binaryImagesOf } from '../../providers';
import { PROVIDERS, type ProviderId } from '../../providers/catalog';
import { imageProblem, readImageHeader, IMAGE_RULES } from '../../request/imageHeader';
import { attachBinaryImage } from '../../request/binaryImage';
import { FIELD_LABELS, type RuleIssue } from '../../request/rules';

const SOURCE_OPTIONS = [
	{ name: 'URL', value: 'url', description: 'A public URL, a data URL or asset://ID' },
	{ name: 'Binary File', value: 'binary', description: 'An image in a binary field of the input item (an upload, a download, an AI image node…)' },
];

/** The source selector and binary field name of a single-image field (first or last frame). */
function singleImageSource(name: 'firstFrameImage' | 'lastFrameImage', modes: string[]): INodeProperties[] {
	const label = FIELD_LABELS[name];
	return [
		{
			displayName: `${label} Source`,
			name: `${name}Source`,
			type: 'options',
			default: 'url',
			options: SOURCE_OPTIONS,
			displayOptions: { show: { mode: modes } },
		},
		{
			displayName: `${label} Binary Field`,
			name: `${name}BinaryProperty`,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input item\'s binary field that holds the image',
			displayOptions: { show: { mode: modes, [`${name}Source`]: ['binary'] } },
		},
	];
}

export const firstFrameSourceFields = singleImageSource('firstFrameImage', ['firstFrame', 'firstLastFrame']);
export const lastFrameSourceFields = singleImageSource('lastFrameImage', ['firstLastFrame']);

/** Shows a URL field only while its source is URL. */
export const whenUrlSource = (name: 'firstFrameImage' | 'lastFrameImage') => ({ [`${name}Source`]: ['url'] });

/** A reference image list whose entries may each take a URL or one or more binary fields. */
export function withBinarySource(list: INodeProperties): INodeProperties {
	const [entry] = list.options as Array<{ displayName: string; name: string; values: INodeProperties[] }>;
	const url = entry.values.find((v) => v.name === 'url') as INodeProperties;
	return {
		...list,
		description: `${(list.description ?? '').replace(/\.$/, '')}. Each entry is a URL or an image from a binary field of the input item.`,
		options: [
			{
				...entry,
				values: [
					{ displayName: 'Source', name: 'source', type: 'options', default: 'url', options: SOURCE_OPTIONS },
					{ ...url, displayOptions: { show: { source: ['url'] } } },
					{
						displayName: 'Binary Field',
						name: 'binaryProperty',
						type: 'string',
						default: 'data',
						placeholder: 'e.g. data',
						description: 'The binary field with the image; an expression may give several names (comma-separated or an array)',
						displayOptions: { show: { source: ['binary'] } },
					},
				],
			},
		],
	};
}

/** Binary field names given in one value: a name, names separated by commas, or an array. */
function binaryNames(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return list.map((name) => name.trim()).filter(Boolean);
}

/** Where an image field takes its images from, for one item; undefined when it takes URLs. */
interface BinaryImageField {
	path: 'firstFrameImage' | 'lastFrameImage' | 'referenceImages';
	/** For reference images, one slot per list entry: URLs stay, binary names are read. */
	entries: Array<{ urls: string[] } | { names: string[] }>;
}

type ReferenceEntry = { source?: string; url?: unknown; binaryProperty?: unknown };

function binaryFields(ctx: IExecuteFunctions, i: number, request: Record<string, unknown>): BinaryImageField[] {
	const mode = request.mode;
	const fields: BinaryImageField[] = [];
	const single = (path: 'firstFrameImage' | 'lastFrameImage') => {
		const sourceParameter = `${path}Source`;
		// Stryker disable next-line StringLiteral: any fallback but 'binary' means URL (and n8n always holds the parameter, default URL)
		const source = ctx.getNodeParameter(sourceParameter, i, 'url');
		if (source !== 'binary') return;
		fields.push({ path, entries: [{ names: binaryNames(ctx.getNodeParameter(`${path}BinaryProperty`, i, 'data')) }] });
	};
	if (mode === 'firstFrame' || mode === 'firstLastFrame') single('firstFrameImage');
	if (mode === 'firstLastFrame') single('lastFrameImage');
	if (mode === 'reference') {
		const entries = ctx.getNodeParameter('referenceImages.items', i, []) as ReferenceEntry[];
		if (entries.some((e) => e.source === 'binary')) {
			const urls = request.referenceImages as string[];
			let next = 0;
			// URL entries were already split by readRequest; take them back in the list's order.
			fields.push({
				path: 'referenceImages',
				entries: entries.map((e) => {
					// A URL kept from before the source was switched was read too: skip it.
					const count = splitCount(e.url);
					if (e.source === 'binary') {
						next += count;
						return { names: binaryNames(e.binaryProperty) };
					}
					const taken = urls.slice(next, next + count);
					next += count;
					return { urls: taken };
				}),
			});
		}
	}
	return fields;
}

/** How many URLs readRequest made of one URL entry (split the same way, one separator at a time). */
function splitCount(value: unknown): number {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean).length;
	if (value === undefined || value === null) return 0;
	return String(value).split(/[\n,](?=\s*(?:https?:|asset:|data:))/).map((v) => v.trim()).filter(Boolean).length;
}

/** Whether a value is n8n binary data itself (e.g. `{{ $binary.data }}` given as a URL). */
const looksBinary = (value: unknown) => typeof value === 'object' && value !== null && 'mimeType' in value;

/**
 * A data URL made as one flat string: encoded in slices into one buffer, so no concatenated string
 * is copied again later (a 25 MB image would otherwise cost two more 33 MB copies).
 */
function dataUrlOf(mimeType: string, bytes: Buffer): string {
	const prefix = `data:${mimeType};base64,`;
	// Stryker disable next-line ArithmeticOperator: a larger buffer is cut to what was written below
	const groups = Math.ceil(bytes.length / 3);
	const out = Buffer.allocUnsafe(prefix.length + groups * 4);
	// Stryker disable next-line StringLiteral: the prefix is ASCII, which the default utf8 writes as the same bytes
	let at = out.write(prefix, 0, 'latin1');
	const slice = 3 * 1024 * 1024;
	// Stryker disable next-line EqualityOperator: a last turn at the very end encodes no bytes and writes nothing
	for (let from = 0; from < bytes.length; from += slice) {
		const base64 = bytes.subarray(from, from + slice).toString('base64');
		// Stryker disable next-line StringLiteral: base64 text is ASCII, which the default utf8 writes as the same bytes
		at += out.write(base64, at, 'latin1');
	}
	return out.toString('latin1', 0, at);
}

/** The file part's name per image field. */
const FILE_NAMES = { firstFrameImage: 'first-frame', lastFrameImage: 'last-frame', referenceImages: 'reference' } as const;

/** A Buffer as the plain byte view Blob and Buffer.concat are typed to take (no copy). */
const view = (bytes: Buffer) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);

/** How much of a stored image is read to check it: enough for any header but JPEGs with huge metadata. */
const HEAD_BYTES = 256 * 1024;

/**
 * The first bytes of a binary image and its size, without loading it whole where n8n stores it
 * apart (filesystem, database, S3); in memory mode the bytes are already held.
 */
async function headOf(ctx: IExecuteFunctions, i: number, name: string, binary: IBinaryData): Promise<{ bytes: Buffer; size?: number }> {
	if (!binary.id) return { bytes: await ctx.helpers.getBinaryDataBuffer(i, name) };
	const chunks: Uint8Array[] = [];
	let read = 0;
	let whole = true;
	for await (const chunk of await ctx.helpers.getBinaryStream(binary.id, 64 * 1024)) {
		chunks.push(view(chunk as Buffer));
		read += (chunk as Buffer).length;
		if (read >= HEAD_BYTES) {
			whole = false;
			break;
		}
	}
	const head = Buffer.concat(chunks);
	const size = whole ? head.length : typeof binary.bytes === 'number' ? binary.bytes : (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	// An image whose size lies past the first bytes (a JPEG with large metadata, a TIFF's IFD at its end) is checked whole.
	const header = readImageHeader(head);
	if (!whole && header && header.width === undefined && size <= IMAGE_RULES.maxBytes) return { bytes: await ctx.helpers.getBinaryDataBuffer(i, name), size };
	return { bytes: head, size };
}

/**
 * A binary image as a Blob, streamed in from where n8n stores it a chunk at a time: the Blob
 * holds the only whole copy (a Blob made of Blobs shares their bytes).
 */
async function blobOf(ctx: IExecuteFunctions, i: number, name: string, binary: IBinaryData, mimeType: string): Promise<Blob> {
	if (!binary.id) return new Blob([view(await ctx.helpers.getBinaryDataBuffer(i, name))], { type: mimeType });
	const parts: Blob[] = [];
	for await (const chunk of await ctx.helpers.getBinaryStream(binary.id, 1024 * 1024)) parts.push(new Blob([view(chunk as Buffer)]));
	return new Blob(parts, { type: mimeType });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads the item's binary images into data URLs in the request, checking each one first; for a
 * multipart provider a single image is only checked here and attached to the request, to be read
 * when it is sent.
 * Returns the issues found; nothing is sent for an item with issues.
 */
export async function readBinaryImages(ctx: IExecuteFunctions, i: number, provider: ProviderId, request: Record<string, unknown>): Promise<RuleIssue[]> {
	const issues: RuleIssue[] = [];
	const label = PROVIDERS[provider].label;
	for (const path of ['referenceVideos', 'referenceAudios'] as const) {
		if (request.mode !== 'reference') continue;
		const entries = ctx.getNodeParameter(`${path}.items`, i, []) as ReferenceEntry[];
		if (entries.some((e) => looksBinary(e.url) || (Array.isArray(e.url) && e.url.some(looksBinary)))) {
			issues.push({ path, field: FIELD_LABELS[path], message: `${label} takes ${path === 'referenceVideos' ? 'videos' : 'audios'} as public URLs or asset://IDs only, not from binary data: upload the file where it gets a public URL (or to the provider's asset library) and give that` });
		}
	}
	const fields = binaryFields(ctx, i, request);
	// Stryker disable next-line ConditionalExpression: with no field, everything below loops over nothing and returns the same issues
	if (!fields.length) return issues;
	const delivery = binaryImagesOf(provider);
	if (delivery.as === 'none') {
		for (const field of fields) {
			issues.push({ path: field.path, field: FIELD_LABELS[field.path], message: `${label} takes images as public URLs or asset://IDs only, not binary files: publish the image (e.g. upload it to storage with a public link) and set the source to URL, or upload it to ${label}'s asset library and give asset://ID` });
		}
		return issues;
	}
	// Stryker disable next-line OptionalChaining: item i is always one of the input items
	const input = ctx.getInputData()[i]?.binary ?? {};
	let requestBytes = 0;
	const read = async (path: BinaryImageField['path'], name: string, asFile: boolean): Promise<string | undefined> => {
		const field = FIELD_LABELS[path];
		const binary: IBinaryData | undefined = input[name];
		if (!binary) {
			const present = Object.keys(input);
			issues.push({ path, field, message: `the input item has no binary field "${name}" (${present.length ? `it has: ${present.join(', ')}` : 'it has no binary data'})` });
			return undefined;
		}
		// The stored size first, so a huge file is refused without loading it.
		if (typeof binary.bytes === 'number' && binary.bytes > IMAGE_RULES.maxBytes) {
			issues.push({ path, field, message: `the image in binary field "${name}" is ${mb(binary.bytes)}; images may be at most 30 MB` });
			return undefined;
		}
		// A file part is read again when it is sent: its check needs only the header and the size.
		const checked = asFile ? await headOf(ctx, i, name, binary) : { bytes: await ctx.helpers.getBinaryDataBuffer(i, name), size: undefined };
		const size = checked.size ?? checked.bytes.length;
		const problem = size > IMAGE_RULES.maxBytes ? `is ${mb(size)}; images may be at most 30 MB` : imageProblem(checked.bytes);
		if (problem) {
			issues.push({ path, field, message: `the image in binary field "${name}" ${problem}` });
			return undefined;
		}
		// Stryker disable next-line OptionalChaining,StringLiteral: an image that passed imageProblem has a header the node reads
		const mimeType = readImageHeader(checked.bytes)?.mimeType ?? 'image/png';
		requestBytes += asFile ? size : Math.ceil(size / 3) * 4;
		if (!asFile) return dataUrlOf(mimeType, checked.bytes);
		attachBinaryImage(request, path, { mimeType, size, fileName: `${FILE_NAMES[path]}.${mimeType.split('/')[1]}`, blob: async () => await blobOf(ctx, i, name, binary, mimeType) });
		// A data URL of the header alone stands in for the image in the checked request.
		return dataUrlOf(mimeType, checked.bytes.subarray(0, 48));
	};
	for (const field of fields) {
		const values: string[] = [];
		// Multipart providers take each single image as a file part; a list still goes as data URLs.
		const asFile = delivery.as === 'multipart' && field.path !== 'referenceImages';
		for (const entry of field.entries) {
			if ('urls' in entry) values.push(...entry.urls);
			else if (!entry.names.length) issues.push({ path: field.path, field: FIELD_LABELS[field.path], message: 'names no binary field: enter the name of the input item\'s binary field (e.g. data)' });
			// Stryker disable next-line StringLiteral: a field read as undefined has its issue, so the item is never sent
			else for (const name of entry.names) values.push((await read(field.path, name, asFile)) ?? '');
		}
		// Stryker disable next-line StringLiteral: a frame without a value has its issue, so the item is never sent
		const first = values[0] ?? '';
		request[field.path] = field.path === 'referenceImages' ? values : first;
		if (field.path !== 'referenceImages' && values.length > 1) {
			issues.push({ path: field.path, field: FIELD_LABELS[field.path], message: `takes one image, but ${values.length} binary fields were named` });
		}
	}
	if (!issues.length && requestBytes > delivery.maxRequestBytes) {
		const last = fields[fields.length - 1].path;
		issues.push({ path: last, field: FIELD_LABELS[last], message: `the images make a request of about ${mb(requestBytes)}; ${label} takes at most ${mb(delivery.maxRequestBytes)} per request: use smaller images or URLs` });
	}
	return issues;
}
