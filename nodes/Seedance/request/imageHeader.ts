// What an image file is and how large, read from its first bytes: the providers' image rules
// (format, 300–6000 px, aspect ratio 0.4–2.5) checked with no image library.

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'bmp' | 'tiff' | 'gif';

export interface ImageHeader {
	format: ImageFormat;
	mimeType: string;
	/** Undefined when the header is cut short or malformed. */
	width?: number;
	height?: number;
}

/** Any byte array: a Uint8Array or the Buffer n8n's helpers return. */
export interface Bytes {
	readonly length: number;
	readonly [index: number]: number;
}

export const IMAGE_RULES = { minSide: 300, maxSide: 6000, minRatio: 0.4, maxRatio: 2.5, maxBytes: 30 * 1024 * 1024 } as const;

const MIME: Record<ImageFormat, string> = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	bmp: 'image/bmp',
	tiff: 'image/tiff',
	gif: 'image/gif',
};

// Stryker disable next-line ArithmeticOperator: every caller checks the length first, so the clamp never cuts here
const ascii = (b: Bytes, at: number, length: number) => String.fromCharCode(...Array.from({ length: Math.max(0, Math.min(length, b.length - at)) }, (_, k) => b[at + k]));
const u16be = (b: Bytes, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Bytes, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Bytes, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Bytes, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const u32le = (b: Bytes, at: number) => b[at] + (b[at + 1] << 8) + (b[at + 2] << 16) + ((b[at + 3] << 24) >>> 0);
const i32le = (b: Bytes, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);

type Size = { width: number; height: number } | undefined;

function pngSize(b: Bytes): Size {
	if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return undefined;
	return { width: u32be(b, 16), height: u32be(b, 20) };
}

function gifSize(b: Bytes): Size {
	return b.length < 10 ? undefined : { width: u16le(b, 6), height: u16le(b, 8) };
}

/** Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15 but DHT, JPG, DAC). */
function jpegSize(b: Bytes): Size {
	let at = 2;
	// A frame header's last size byte is at + 8.
	while (at + 8 < b.length) {
		if (b[at] !== 0xff) return undefined;
		const marker = b[at + 1];
		if (marker === 0xff) {
			at++;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
		}
		at += 2 + u16be(b, at + 2);
	}
	return undefined;
}

function webpSize(b: Bytes): Size {
	if (b.length < 30) return undefined;
	const chunk = ascii(b, 12, 4);
	if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	if (chunk === 'VP8L') {
		const bits = u32le(b, 21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	return undefined;
}

function bmpSize(b: Bytes): Size {
	if (b.length < 26) return undefined;
	if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
	return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

/** Reads ImageWidth (256) and ImageLength (257) from the first IFD. */
function tiffSize(b: Bytes): Size {
	const little = b[0] === 0x49;
	const u16 = (at: number) => (little ? u16le(b, at) : u16be(b, at));
	const u32 = (at: number) => (little ? u32le(b, at) : u32be(b, at));
	const ifd = u32(4);
	const found: Record<number, number> = {};
	const count = u16(ifd);
	for (let n = 0; n < count; n++) {
		const entry = ifd + 2 + n * 12;
		// Also stops at an IFD that lies past the end.
		if (entry + 12 > b.length) break;
		found[u16(entry)] = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
	}
	// A missing side reads as 0, which readImageHeader treats as unreadable.
	return { width: found[256] ?? 0, height: found[257] ?? 0 };
}

/** The format by magic bytes, or undefined for anything else (an HTML page, a PDF, HEIC…). */
export function sniffFormat(b: Bytes): ImageFormat | undefined {
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
	if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
	if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
	if (b.length >= 14 && ascii(b, 0, 2) === 'BM') return 'bmp';
	if (b.length >= 8 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'tiff';
	return undefined;
}

const SIZE_READERS: Record<ImageFormat, (b: Bytes) => Size> = {
	jpeg: jpegSize,
	png: pngSize,
	webp: webpSize,
	bmp: bmpSize,
	tiff: tiffSize,
	gif: gifSize,
};

/** Format and dimensions of an image, or undefined when the bytes are not an allowed image format. */
export function readImageHeader(bytes: Bytes): ImageHeader | undefined {
	const format = sniffFormat(bytes);
	if (!format) return undefined;
	const size = SIZE_READERS[format](bytes);
	return { format, mimeType: MIME[format], ...(size && size.width > 0 && size.height > 0 ? size : {}) };
}

/** Why bytes are not an image the providers take, or undefined when they are. */
export function imageProblem(bytes: Bytes): string | undefined {
	const { minSide, maxSide, minRatio, maxRatio, maxBytes } = IMAGE_RULES;
	if (bytes.length > maxBytes) return `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; images may be at most 30 MB`;
	const header = readImageHeader(bytes);
	if (!header) return 'is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes, not its name)';
	const { width, height } = header;
	// Stryker disable next-line LogicalOperator,ConditionalExpression: readImageHeader gives both sides or neither; both are checked for the types
	if (width === undefined || height === undefined) return `looks like ${header.format.toUpperCase()} but its size cannot be read: the file is cut short or damaged`;
	if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) return `is ${width}×${height} px; each side must be ${minSide}–${maxSide} px`;
	const ratio = width / height;
	if (ratio < minRatio || ratio > maxRatio) return `is ${width}×${height} px (aspect ratio ${ratio.toFixed(2)}); the ratio width/height must be ${minRatio}–${maxRatio}`;
	return undefined;
}
