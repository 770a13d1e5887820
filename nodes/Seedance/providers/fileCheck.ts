// Whether downloaded bytes are a whole file of the kind they claim, checked chunk by chunk as they
// stream past (never holding the file): an MP4/MOV is a chain of boxes that starts with `ftyp` and
// ends exactly at the last byte; a PNG starts with its signature and ends with its IEND chunk.

/** A chunk of bytes (a Buffer or any Uint8Array). */
export type Bytes = ArrayLike<number> & { subarray(start?: number, end?: number): ArrayLike<number> };

export interface FileCheck {
	/** Looks at the next chunk; returns what is wrong as soon as it is certain. */
	push(chunk: Bytes): string | undefined;
	/** After the last chunk: what is wrong with the file as a whole, if anything. */
	finish(): string | undefined;
	readonly bytes: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** An IEND chunk: zero length, type IEND, its fixed CRC. */
const PNG_END = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

const ascii = (bytes: number[]) => String.fromCharCode(...bytes);

/** MP4/MOV (ISO base media): box headers only, so any size streams in constant memory. */
function boxChainCheck(): FileCheck {
	let bytes = 0;
	let nextBox = 0;
	let header: number[] = [];
	let boxes = 0;
	let openEnded = false;
	let problem: string | undefined;

	const readHeader = (): string | undefined => {
		const size32 = ((header[0] << 24) >>> 0) + (header[1] << 16) + (header[2] << 8) + header[3];
		const type = ascii(header.slice(4, 8));
		if (boxes === 0 && type !== 'ftyp') return `it does not start like an MP4/MOV file (first box "${type.replace(/[^\x20-\x7e]/g, '?')}", not "ftyp")`;
		if (!/^[\x20-\x7e]{4}$/.test(type)) return `box ${boxes + 1} at byte ${nextBox} has no valid type: the bytes are not a whole MP4/MOV file`;
		let size = size32;
		if (size32 === 1) {
			if (header.length < 16) return undefined;
			size = header.slice(8, 16).reduce((value, byte) => value * 256 + byte, 0);
			if (size < 16) return `box ${boxes + 1} "${type}" has an impossible size ${size}`;
		} else if (size32 === 0) {
			openEnded = true;
		} else if (size32 < 8) {
			return `box ${boxes + 1} "${type}" has an impossible size ${size32}`;
		}
		boxes += 1;
		nextBox += size;
		header = [];
		return undefined;
	};

	return {
		get bytes() {
			return bytes;
		},
		push(chunk) {
			if (problem || openEnded) {
				bytes += chunk.length;
				return problem;
			}
			let at = 0;
			while (at < chunk.length && !openEnded) {
				const position = bytes + at;
				if (position < nextBox) {
					at += Math.min(chunk.length - at, nextBox - position);
					continue;
				}
				header.push(chunk[at]);
				at += 1;
				const wanted = header.length >= 8 && header[0] === 0 && header[1] === 0 && header[2] === 0 && header[3] === 1 ? 16 : 8;
				if (header.length === wanted) {
					problem = readHeader();
					if (problem) break;
				}
			}
			bytes += chunk.length;
			return problem;
		},
		finish() {
			if (problem) return problem;
			if (bytes === 0) return 'the file is empty';
			if (openEnded) return undefined;
			if (boxes === 0) return `it is ${bytes} bytes long, too short for an MP4/MOV file`;
			if (header.length > 0) return `it ends inside a box header after ${bytes} bytes: the file was cut short`;
			if (bytes < nextBox) return `its boxes need ${nextBox} bytes but only ${bytes} arrived: the file was cut short`;
			return undefined;
		},
	};
}

/** PNG: the signature up front and IEND at the very end. */
function pngCheck(): FileCheck {
	let bytes = 0;
	const head: number[] = [];
	let tail: number[] = [];
	return {
		get bytes() {
			return bytes;
		},
		push(chunk) {
			for (let i = 0; i < chunk.length && head.length < PNG_SIGNATURE.length; i++) head.push(chunk[i]);
			tail = [...tail, ...Array.from(chunk.subarray(Math.max(0, chunk.length - PNG_END.length)))].slice(-PNG_END.length);
			bytes += chunk.length;
			if (head.length === PNG_SIGNATURE.length && head.some((b, i) => b !== PNG_SIGNATURE[i])) return 'it does not start with the PNG signature';
			return undefined;
		},
		finish() {
			if (bytes === 0) return 'the file is empty';
			if (head.length < PNG_SIGNATURE.length || head.some((b, i) => b !== PNG_SIGNATURE[i])) return 'it does not start with the PNG signature';
			if (tail.some((b, i) => b !== PNG_END[i])) return 'it does not end with the PNG IEND chunk: the file was cut short';
			return undefined;
		},
	};
}

/** Any other file: at least one byte. */
function nonEmptyCheck(): FileCheck {
	let bytes = 0;
	return {
		get bytes() {
			return bytes;
		},
		push(chunk) {
			bytes += chunk.length;
			return undefined;
		},
		finish: () => (bytes === 0 ? 'the file is empty' : undefined),
	};
}

/** The check for a file of this MIME type. */
export function fileCheckFor(mimeType: string): FileCheck {
	if (mimeType === 'video/mp4' || mimeType === 'video/quicktime') return boxChainCheck();
	if (mimeType === 'image/png') return pngCheck();
	return nonEmptyCheck();
}
