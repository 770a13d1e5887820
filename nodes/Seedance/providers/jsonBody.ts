// A JSON body with images inside (data URLs of megabytes) written straight into one byte buffer:
// JSON.stringify and then axios's own conversion would each make another full copy of it.

import type { IDataObject } from 'n8n-workflow';

/** Strings at least this long are written into the body without an intermediate copy. */
const LARGE = 64 * 1024;

/** The body as JSON bytes when it holds large strings; undefined when plain serialization is as good. */
export function largeJsonBody(body: IDataObject | undefined): Buffer | undefined {
	if (!body) return undefined;
	const large: string[] = [];
	// Placeholders are JSON strings; the large values replace them byte for byte below.
	const skeleton = JSON.stringify(body, (_key, value: unknown) => {
		// Only strings that need no JSON escaping (data URLs, base64) are written as they are.
		if (typeof value !== 'string' || value.length < LARGE || !/^[\w+/=:;.,-]*$/.test(value)) return value;
		large.push(value);
		return `\u0000${large.length - 1}\u0000`;
	});
	if (!large.length) return undefined;
	const pieces = skeleton.split(/"\\u0000(\d+)\\u0000"/);
	let size = 0;
	pieces.forEach((piece, i) => (size += i % 2 ? large[Number(piece)].length + 2 : Buffer.byteLength(piece)));
	const bytes = Buffer.allocUnsafe(size);
	let at = 0;
	pieces.forEach((piece, i) => {
		if (i % 2 === 0) at += bytes.write(piece, at, 'utf8');
		else {
			at += bytes.write('"', at, 'latin1');
			at += bytes.write(large[Number(piece)], at, 'latin1');
			at += bytes.write('"', at, 'latin1');
		}
	});
	return bytes;
}
