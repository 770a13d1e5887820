// What a media field may hold: a public URL, asset://ID, or (images only, where the provider takes
// them) a base64 data URL of at most 30 MB whose bytes are an allowed image format.

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const ASSET = /^asset:\/\/[\w-]+$/;
const IMAGE_DATA_URL_HEAD = /^data:image\/[\w.+-]+;base64,/i;
const NOT_BASE64 = /[^A-Za-z0-9+/]/;

/** Ark's documented limit per image (Ark API reference: "less than 30 MB"). */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;

export type MediaKind = 'image' | 'video' | 'audio';

export function isHttpUrl(value: string): boolean {
	return HTTP_URL.test(value);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first bytes of a base64 string (no Buffer: nodes/ stays free of Node built-ins). */
function firstBytes(base64: string, count: number): number[] {
	const bytes: number[] = [];
	// Whole groups of four only, all valid characters (base64Payload checked them): three bytes each.
	// Stryker disable next-line ConditionalExpression,EqualityOperator: the count only bounds the work; the result is cut to it below
	for (let i = 0; i + 4 <= base64.length && bytes.length < count; i += 4) {
		const [a, b, c, d] = [...base64.slice(i, i + 4)].map((ch) => BASE64.indexOf(ch));
		bytes.push((a << 2) | (b >> 4), ((b & 15) << 4) | (c >> 2), ((c & 3) << 6) | d);
	}
	// Stryker disable next-line MethodExpression: callers ask for a multiple of 3, so nothing is cut today
	return bytes.slice(0, count);
}

const startsWith = (bytes: number[], prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image format the bytes are, by their magic bytes: the formats Seedance takes. */
function imageFormat(bytes: number[]): string | undefined {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'PNG';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'WebP';
	if (startsWith(bytes, ascii('BM'))) return 'BMP';
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
	if (startsWith(bytes, ascii('GIF8'))) return 'GIF';
	return undefined;
}

/**
 * The base64 payload of an image data URL without its padding, or undefined when it is not one. No
 * pattern spans the payload: backtracking over tens of megabytes can exhaust the regex stack.
 */
function base64Payload(value: string): { data: string; padding: number } | undefined {
	const head = IMAGE_DATA_URL_HEAD.exec(value);
	if (!head) return undefined;
	const payload = value.slice(head[0].length);
	const pad = payload.indexOf('=');
	// Stryker disable next-line EqualityOperator: a payload that starts with '=' is refused either way (no data, or not base64)
	const data = pad < 0 ? payload : payload.slice(0, pad);
	const padding = payload.length - data.length;
	if (!data || padding > 2 || payload.slice(data.length) !== '='.repeat(padding) || NOT_BASE64.test(data) || data.length % 4 === 1) return undefined;
	return { data, padding };
}

/** Why a media value is not a form the provider accepts, or undefined when it is. */
export function mediaUrlProblem(value: string, kind: MediaKind, provider: { label: string; dataUrls: boolean }): string | undefined {
	if (HTTP_URL.test(value) || ASSET.test(value)) return undefined;
	if (value.startsWith('data:')) {
		if (kind !== 'image') return `must be a public URL or asset://ID; ${kind}s cannot be sent as data URLs`;
		if (!provider.dataUrls) return `must be a public URL or asset://ID; ${provider.label} does not take data URLs`;
		const payload = base64Payload(value);
		if (!payload) return 'is not a valid image data URL (expected data:image/png;base64,…)';
		const { data } = payload;
		const size = Math.floor((data.length * 3) / 4);
		if (size > MAX_IMAGE_BYTES) return `is ${(size / 1048576).toFixed(1)} MB decoded; images may be at most 30 MB`;
		if (!imageFormat(firstBytes(data, 12))) return 'is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes)';
		return undefined;
	}
	return kind === 'image'
		? 'must be an http(s) URL, an image data URL (data:image/png;base64,…) or asset://ID'
		: 'must be an http(s) URL or asset://ID';
}
