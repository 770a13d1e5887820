// Image files made in code: just the header each format needs for its size, then filler bytes
// (the node reads headers only; the simulator compares bytes, it never decodes them).

import { createHash } from 'node:crypto';

/** Buffer.concat, typed for this TypeScript and @types/node pair. */
const cat = (parts: Buffer[]): Buffer => Buffer.concat(parts as unknown as Uint8Array[]);

const u16le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u16be = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u32le = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const u32be = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const u24le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);

/** Filler that differs per file, so a mixed-up image shows in the hash. */
function filler(bytes: number, seed: number): Buffer {
	const b = Buffer.alloc(Math.max(0, bytes));
	for (let i = 0; i < b.length; i += 4096) b[i] = (i / 4096 + seed) & 0xff;
	return b;
}

export function png(width: number, height: number, totalBytes = 2048, seed = 1): Buffer {
	const head = cat([Buffer.from('89504e470d0a1a0a', 'hex'), u32be(13), Buffer.from('IHDR'), u32be(width), u32be(height), Buffer.from([8, 6, 0, 0, 0]), u32be(0)]);
	return cat([head, filler(totalBytes - head.length, seed)]);
}

export function jpeg(width: number, height: number, totalBytes = 2048, seed = 2): Buffer {
	const app0 = cat([Buffer.from([0xff, 0xe0]), u16be(16), Buffer.from('JFIF\0'), Buffer.alloc(9)]);
	const sof0 = cat([Buffer.from([0xff, 0xc0]), u16be(17), Buffer.from([8]), u16be(height), u16be(width), Buffer.from([3]), Buffer.alloc(9)]);
	const head = cat([Buffer.from([0xff, 0xd8]), app0, sof0]);
	return cat([head, filler(totalBytes - head.length, seed)]);
}

export function gif(width: number, height: number): Buffer {
	return cat([Buffer.from('GIF89a'), u16le(width), u16le(height), Buffer.alloc(20)]);
}

export function webp(kind: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Buffer {
	let chunk: Buffer;
	if (kind === 'VP8 ') chunk = cat([Buffer.from([0, 0, 0, 0x9d, 0x01, 0x2a]), u16le(width), u16le(height)]);
	else if (kind === 'VP8L') chunk = cat([Buffer.from([0x2f]), u32le(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14))]);
	else chunk = cat([Buffer.alloc(4), u24le(width - 1), u24le(height - 1)]);
	const body = cat([Buffer.from('WEBP'), Buffer.from(kind), u32le(chunk.length), chunk, Buffer.alloc(16)]);
	return cat([Buffer.from('RIFF'), u32le(body.length), body]);
}

export function bmp(width: number, height: number): Buffer {
	return cat([Buffer.from('BM'), Buffer.alloc(12), u32le(40), u32le(width), u32le(-height >>> 0), Buffer.alloc(32)]);
}

export function tiff(width: number, height: number, order: 'II' | 'MM' = 'II'): Buffer {
	const le = order === 'II';
	const w16 = le ? u16le : u16be;
	const w32 = le ? u32le : u32be;
	const entry = (tag: number, type: number, value: number) => cat([w16(tag), w16(type), w32(1), type === 3 ? cat([w16(value), Buffer.alloc(2)]) : w32(value)]);
	return cat([Buffer.from(order), w16(42), w32(8), w16(2), entry(256, 3, width), entry(257, 4, height), w32(0)]);
}

export const HTML_PAGE = Buffer.from('<!DOCTYPE html><html><head><title>Not Found</title></head><body>404</body></html>');

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes as unknown as Uint8Array).digest('hex');
