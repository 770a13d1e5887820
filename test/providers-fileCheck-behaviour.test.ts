// What the download check says about a broken file, in words a user can act on: a box with no
// type or an impossible size (which box, where), a file too short to be one, an empty or cut PNG,
// and any other type, which only has to have bytes.

import { fileCheckFor } from '../nodes/Seedance/providers/fileCheck';

/** Buffer.concat, typed loosely: @types/node's Buffer and TypeScript's Uint8Array disagree on generics. */
const join = (parts: Buffer[]): Buffer => Buffer.concat(parts as unknown as Uint8Array[]) as unknown as Buffer;

/** The check's verdict on bytes fed in one chunk, then on the whole. */
function verdict(mime: string, bytes: Buffer): string | undefined {
	const check = fileCheckFor(mime);
	return check.push(bytes) ?? check.finish();
}

/** An MP4 box header (8 bytes, or 16 with a 64-bit size) and its payload. */
function box(type: Buffer | string, payload: number, largeSize?: number): Buffer {
	const head = Buffer.alloc(largeSize === undefined ? 8 : 16);
	if (largeSize === undefined) head.writeUInt32BE(8 + payload, 0);
	else {
		head.writeUInt32BE(1, 0);
		head.writeBigUInt64BE(BigInt(largeSize), 8);
	}
	(typeof type === 'string' ? Buffer.from(type, 'latin1') : type).copy(head as unknown as Uint8Array, 4);
	return join([head, Buffer.alloc(payload)]);
}

const FTYP = box('ftyp', 8);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('MP4/MOV', () => {
	test('a second box with no valid type: which box, at which byte', () => {
		expect(verdict('video/mp4', join([FTYP, box(Buffer.from([0, 1, 2, 3]), 4)]))).toBe('box 2 at byte 16 has no valid type: the bytes are not a whole MP4/MOV file');
	});

	test('a 64-bit box size below its own header: which box, its type and size', () => {
		expect(verdict('video/quicktime', join([FTYP, box('mdat', 0, 8)]))).toBe('box 2 "mdat" has an impossible size 8');
		expect(verdict('video/mp4', join([FTYP, box('mdat', 0, 16)]))).toBeUndefined();
	});

	test('fewer bytes than one box header', () => {
		expect(verdict('video/mp4', Buffer.from([0, 0, 0, 16, 0x66]))).toBe('it is 5 bytes long, too short for an MP4/MOV file');
	});
});

describe('PNG', () => {
	test('no bytes at all is an empty file', () => {
		expect(fileCheckFor('image/png').finish()).toBe('the file is empty');
	});

	test('fewer bytes than the signature do not start with it', () => {
		expect(verdict('image/png', PNG_SIGNATURE.subarray(0, 5) as unknown as Buffer)).toBe('it does not start with the PNG signature');
	});
});

describe('any other type', () => {
	test('counts every chunk and passes with at least one byte', () => {
		const check = fileCheckFor('image/jpeg');
		expect(check.push(Buffer.from([1, 2, 3]))).toBeUndefined();
		expect(check.push(Buffer.from([4, 5]))).toBeUndefined();
		expect(check.bytes).toBe(5);
		expect(check.finish()).toBeUndefined();
	});

	test('with no byte it is an empty file', () => {
		const check = fileCheckFor('application/octet-stream');
		expect(check.push(Buffer.alloc(0))).toBeUndefined();
		expect(check.bytes).toBe(0);
		expect(check.finish()).toBe('the file is empty');
	});
});
