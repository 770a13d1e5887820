// The streaming container check on its own: whatever way a file is cut into chunks, a whole
// MP4/PNG passes and a cut, padded or foreign one does not.

import { fileCheckFor } from '../nodes/Seedance/providers/fileCheck';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SAMPLE_MP4, LAST_FRAME_PNG } = require('../simulator/engine') as { SAMPLE_MP4: Buffer; LAST_FRAME_PNG: Buffer };

/** Buffer.concat, typed loosely: @types/node's Buffer and TypeScript's Uint8Array disagree on generics. */
const join = (parts: Buffer[]): Buffer => Buffer.concat(parts as unknown as Uint8Array[]) as unknown as Buffer;

/** The check's verdict on bytes fed in chunks of `size` (1 puts every box header across chunks). */
function verdict(mime: string, bytes: Buffer, size: number): string | undefined {
	const check = fileCheckFor(mime);
	for (let at = 0; at < bytes.length; at += size) {
		const problem = check.push(bytes.subarray(at, at + size));
		if (problem) return problem;
	}
	return check.finish();
}

const box = (type: string, payload: number, largeSize = false) => {
	const head = Buffer.alloc(largeSize ? 16 : 8);
	if (largeSize) {
		head.writeUInt32BE(1, 0);
		head.writeBigUInt64BE(BigInt(16 + payload), 8);
	} else head.writeUInt32BE(8 + payload, 0);
	head.write(type, 4, 'latin1');
	return join([head, Buffer.alloc(payload)]);
};

describe.each([1, 3, 7, 4096])('chunks of %i bytes', (size) => {
	test('the sample MP4 and PNG are whole', () => {
		expect(verdict('video/mp4', SAMPLE_MP4, size)).toBeUndefined();
		expect(verdict('image/png', LAST_FRAME_PNG, size)).toBeUndefined();
	});

	test('64-bit box sizes and a last box that runs to the end are read', () => {
		expect(verdict('video/mp4', join([box('ftyp', 12), box('mdat', 40, true)]), size)).toBeUndefined();
		const open = join([box('ftyp', 12), Buffer.from([0, 0, 0, 0]), Buffer.from('mdat', 'latin1'), Buffer.alloc(30)]);
		expect(verdict('video/mp4', open, size)).toBeUndefined();
	});

	test.each([
		['cut inside a box', (b: Buffer) => b.subarray(0, b.length - 5), /cut short/],
		['cut inside a box header', (b: Buffer) => join([b, Buffer.from([0, 0, 0])]), /ends inside a box header/],
		['with bytes after the last box that are no box', (b: Buffer) => join([b, Buffer.from('\0\0\0\x02xxxx', 'latin1')]), /impossible size 2/],
		['an HTML page', () => Buffer.from('<!DOCTYPE html><html><body>Access denied</body></html>'), /does not start like an MP4\/MOV file/],
		['empty', () => Buffer.alloc(0), /empty/],
	])('an MP4 %s is refused', (_, change, message) => {
		expect(verdict('video/mp4', change(SAMPLE_MP4), size)).toMatch(message);
	});

	test.each([
		['cut short', (b: Buffer) => b.subarray(0, b.length - 1), /IEND/],
		['with another signature', (b: Buffer) => join([Buffer.from('GIF89a\0\0'), b.subarray(8)]), /signature/],
	])('a PNG %s is refused', (_, change, message) => {
		expect(verdict('image/png', change(LAST_FRAME_PNG), size)).toMatch(message);
	});
});
