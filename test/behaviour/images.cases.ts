// Image bytes and what the header reader and the data-URL check make of them, exactly.
// Read by images-behaviour.test.ts.

import { imageProblem, readImageHeader } from '../../nodes/Seedance/request/imageHeader';
import { isHttpUrl, mediaUrlProblem, MAX_IMAGE_BYTES } from '../../nodes/Seedance/request/media';

const u16be = (n: number) => [n >> 8, n & 255];
const u16le = (n: number) => [n & 255, n >> 8];
const u32le = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const u32be = (n: number) => [...u32le(n)].reverse();
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const pad = (bytes: number[], length = 64) => [...bytes, ...Array<number>(Math.max(0, length - bytes.length)).fill(0)];
const bytes = (list: number[]) => new Uint8Array(list);

/** A JPEG start-of-frame segment (SOFn) for width × height. */
const sof = (marker: number, width: number, height: number) => [0xff, marker, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3];
const JPEG_START = [0xff, 0xd8];
const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF\0'), ...Array<number>(9).fill(0)];

/** A BMP file header followed by a DIB header of the given size. */
const bmp = (dibSize: number, size: number[]) => pad([...ascii('BM'), ...u32le(1000), 0, 0, 0, 0, ...u32le(54), ...u32le(dibSize), ...size]);
const i32le = (n: number) => u32le(n >>> 0);

/** A TIFF with one IFD at offset 8 holding the given entries [tag, type, value]. */
const tiff = (order: 'II' | 'MM', entries: Array<[number, number, number]>) => {
	const u16 = order === 'II' ? u16le : u16be;
	const u32 = order === 'II' ? u32le : u32be;
	const entry = ([tag, type, value]: [number, number, number]) => [...u16(tag), ...u16(type), ...u32(1), ...(type === 3 ? [...u16(value), 0, 0] : u32(value))];
	return pad([...ascii(order), ...u16(42), ...u32(8), ...u16(entries.length), ...entries.flatMap(entry)]);
};

const PROVIDER = { label: 'Volcengine Ark', dataUrls: true };
const dataUrl = (list: number[]) => `data:image/png;base64,${btoa(String.fromCharCode(...list))}`;

type Case = { name: string; run: () => unknown; expected: unknown };
const header = (name: string, list: number[], expected: unknown): Case => ({ name, run: () => readImageHeader(bytes(list)) ?? 'none', expected });
const problem = (name: string, list: number[], expected: unknown): Case => ({ name, run: () => imageProblem(bytes(list)) ?? 'ok', expected });
const media = (name: string, value: string | (() => string), kind: 'image' | 'video' | 'audio', expected: unknown, provider = PROVIDER): Case => ({
	name,
	run: () => mediaUrlProblem(typeof value === 'string' ? value : value(), kind, provider) ?? 'ok',
	expected,
});

const jpeg = (width: number, height: number) => ({ format: 'jpeg', mimeType: 'image/jpeg', width, height });

export const CASES: Case[] = [
	header('a JPEG whose frame follows an APP0 segment', pad([...JPEG_START, ...app0, ...sof(0xc0, 1280, 720)]), jpeg(1280, 720)),
	header('a progressive JPEG (SOF2)', pad([...JPEG_START, ...sof(0xc2, 640, 480)]), jpeg(640, 480)),
	header('a JPEG with fill bytes before its frame', pad([...JPEG_START, 0xff, 0xff, 0xff, ...sof(0xc0, 800, 600)]), jpeg(800, 600)),
	header('a JPEG with standalone markers (RST0, TEM) before its frame', pad([...JPEG_START, 0xff, 0xd0, 0xff, 0x01, ...sof(0xc1, 1024, 768)]), jpeg(1024, 768)),
	header('a JPEG whose Huffman table (DHT) is skipped, not read as a frame', pad([...JPEG_START, 0xff, 0xc4, ...u16be(4), 1, 2, ...sof(0xc0, 300, 400)]), jpeg(300, 400)),
	header('a JPEG whose arithmetic table (DAC) and JPG marker are skipped', pad([...JPEG_START, 0xff, 0xcc, ...u16be(4), 1, 2, 0xff, 0xc8, ...u16be(2), ...sof(0xcf, 500, 400)]), jpeg(500, 400)),
	header('a JPEG with a broken segment chain', pad([...JPEG_START, 0xff, 0xe0, ...u16be(4), 1, 2, 0x00, 0xc0, ...sof(0xc0, 300, 300)]), { format: 'jpeg', mimeType: 'image/jpeg' }),
	header('a JPEG cut before its frame', [...JPEG_START, 0xff, ...app0.slice(1, 10)], { format: 'jpeg', mimeType: 'image/jpeg' }),
	header('a BMP with the old 12-byte core header', bmp(12, [...u16le(640), ...u16le(480)]), { format: 'bmp', mimeType: 'image/bmp', width: 640, height: 480 }),
	header('a bottom-up BMP (negative height)', bmp(40, [...i32le(1920), ...i32le(-1080)]), { format: 'bmp', mimeType: 'image/bmp', width: 1920, height: 1080 }),
	header('a BMP cut short', [...ascii('BM'), ...Array<number>(20).fill(0)], { format: 'bmp', mimeType: 'image/bmp' }),
	header('a little-endian TIFF with SHORT sizes', tiff('II', [[256, 3, 700], [257, 3, 900]]), { format: 'tiff', mimeType: 'image/tiff', width: 700, height: 900 }),
	header('a big-endian TIFF with LONG sizes and another tag first', tiff('MM', [[254, 4, 0], [256, 4, 70000], [257, 4, 1200]]), { format: 'tiff', mimeType: 'image/tiff', width: 70000, height: 1200 }),
	header('a TIFF without its height', tiff('II', [[256, 3, 700]]), { format: 'tiff', mimeType: 'image/tiff' }),
	header('a TIFF whose IFD lies past the end', [...ascii('II'), 42, 0, ...u32le(5000)], { format: 'tiff', mimeType: 'image/tiff' }),
	header('a PNG', pad([0x89, ...ascii('PNG\r\n\x1a\n'), ...u32be(13), ...ascii('IHDR'), ...u32be(3000), ...u32be(2000)]), { format: 'png', mimeType: 'image/png', width: 3000, height: 2000 }),
	header('a PNG without IHDR first', pad([0x89, ...ascii('PNG\r\n\x1a\n'), ...u32be(13), ...ascii('IHDX'), ...u32be(3000), ...u32be(2000)]), { format: 'png', mimeType: 'image/png' }),
	header('a GIF89a', pad([...ascii('GIF89a'), ...u16le(640), ...u16le(480)]), { format: 'gif', mimeType: 'image/gif', width: 640, height: 480 }),
	header('a GIF90a is no GIF', pad([...ascii('GIF90a'), ...u16le(640), ...u16le(480)]), 'none'),
	header('a WebP of an unknown chunk', pad([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8Z')]), { format: 'webp', mimeType: 'image/webp' }),
	header('a RIFF that is not WebP', pad([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVEfmt ')]), 'none'),
	header('two bytes of a JPEG', [0xff, 0xd8], 'none'),
	problem('an image 299 px high', pad([...JPEG_START, ...sof(0xc0, 400, 299)]), 'is 400×299 px; each side must be 300–6000 px'),
	problem('an image 6001 px wide', pad([...JPEG_START, ...sof(0xc0, 6001, 3000)]), 'is 6001×3000 px; each side must be 300–6000 px'),
	problem('an image of 300 × 750 (ratio 0.4)', pad([...JPEG_START, ...sof(0xc0, 300, 750)]), 'ok'),
	problem('an image of 300 × 751', pad([...JPEG_START, ...sof(0xc0, 300, 751)]), 'is 300×751 px (aspect ratio 0.40); the ratio width/height must be 0.4–2.5'),
	problem('an image of 6000 × 2400 (ratio 2.5)', pad([...JPEG_START, ...sof(0xc0, 6000, 2400)]), 'ok'),
	problem('an image of 6000 × 2399', pad([...JPEG_START, ...sof(0xc0, 6000, 2399)]), 'is 6000×2399 px (aspect ratio 2.50); the ratio width/height must be 0.4–2.5'),
	problem('a JPEG whose size cannot be read', [...JPEG_START, 0xff, 0xe0], 'looks like JPEG but its size cannot be read: the file is cut short or damaged'),
	problem('a text file', ascii('hello, world'), 'is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes, not its name)'),
	media('an https URL', 'https://cdn.example.com/a.png', 'image', 'ok'),
	media('an http URL with a query', 'HTTP://cdn.example.com/a?b=1', 'video', 'ok'),
	media('a URL with a space', 'https://cdn.example.com/a b.png', 'image', 'must be an http(s) URL, an image data URL (data:image/png;base64,…) or asset://ID'),
	media('an asset ID', 'asset://abc-1_2', 'audio', 'ok'),
	media('an asset ID with a slash', 'asset://abc/1', 'audio', 'must be an http(s) URL or asset://ID'),
	media('a BMP data URL', dataUrl(pad(ascii('BM'), 12)), 'image', 'ok'),
	media('a little-endian TIFF data URL', dataUrl(pad([0x49, 0x49, 0x2a, 0x00], 12)), 'image', 'ok'),
	media('a big-endian TIFF data URL', dataUrl(pad([0x4d, 0x4d, 0x00, 0x2a], 12)), 'image', 'ok'),
	media('a PNG data URL', dataUrl(pad([0x89, 0x50, 0x4e, 0x47], 12)), 'image', 'ok'),
	media('a data URL whose bytes say WEBP but not RIFF', dataUrl(pad([...ascii('RIFX'), 0, 0, 0, 0, ...ascii('WEBP')], 12)), 'image', 'is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes)'),
	media('a data URL of the two bytes "BM" (too short to be an image)', 'data:image/png;base64,Qk0=', 'image', 'is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes)'),
	media('a data URL with a character after its padding', 'data:image/png;base64,/9j/4A=A', 'image', 'is not a valid image data URL (expected data:image/png;base64,…)'),
	{ name: 'an http(s) URL is a callback URL, an FTP one is not', run: () => [isHttpUrl('https://hooks.example.com/x'), isHttpUrl('ftp://hooks.example.com/x'), isHttpUrl('https://')], expected: [true, false, false] },
	media('a GIF data URL', dataUrl(pad(ascii('GIF8'), 12)), 'image', 'ok'),
	media('a WebP data URL', dataUrl(pad([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')], 12)), 'image', 'ok'),
	media('a RIFF data URL that is not WebP', dataUrl(pad([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVE')], 12)), 'image', 'is not a JPEG, PNG, WebP, BMP, TIFF or GIF image (checked by its first bytes)'),
	media('a JPEG data URL', dataUrl(pad([0xff, 0xd8, 0xff], 12)), 'image', 'ok'),
	media('a JPEG data URL of 5 bytes (one padding byte)', dataUrl([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'image', 'ok'),
	media('a JPEG data URL of 4 bytes (two padding bytes)', dataUrl([0xff, 0xd8, 0xff, 0xe0]), 'image', 'ok'),
	media('a data URL with three padding bytes', 'data:image/png;base64,/9j/4A===', 'image', 'is not a valid image data URL (expected data:image/png;base64,…)'),
	media('a data URL with padding inside', 'data:image/png;base64,/9j=/4AA', 'image', 'is not a valid image data URL (expected data:image/png;base64,…)'),
	media('a data URL of one stray character', 'data:image/png;base64,/9j/4', 'image', 'is not a valid image data URL (expected data:image/png;base64,…)'),
	media('a data URL with no bytes', 'data:image/png;base64,', 'image', 'is not a valid image data URL (expected data:image/png;base64,…)'),
	media('a data URL of text, not base64', 'data:image/png,hello', 'image', 'is not a valid image data URL (expected data:image/png;base64,…)'),
	media('a data URL over 30 MB', () => `data:image/png;base64,/9j/${'A'.repeat(Math.ceil((MAX_IMAGE_BYTES * 4) / 3))}`, 'image', 'is 30.0 MB decoded; images may be at most 30 MB'),
	media('a data URL of exactly 30 MB', () => `data:image/png;base64,/9j/${'A'.repeat((MAX_IMAGE_BYTES * 4) / 3 - 4)}`, 'image', 'ok'),
	media('a data URL where the provider takes none', dataUrl(pad([0xff, 0xd8, 0xff], 12)), 'image', 'must be a public URL or asset://ID; GlobalAiOpc does not take data URLs', { label: 'GlobalAiOpc', dataUrls: false }),
	media('an audio data URL', 'data:audio/mp3;base64,AAAA', 'audio', 'must be a public URL or asset://ID; audios cannot be sent as data URLs'),
];
