'use strict';
// @ts-check
// multipart/form-data in plain Node, as the official OpenAI client and the node send video creates,
// and the record of every image the simulator received (so tests can compare exact bytes).

const crypto = require('node:crypto');

/**
 * @typedef {{ name: string, fileName?: string, contentType?: string, data: Buffer }} Part
 */

/** The boundary of a multipart content type, or undefined for any other body. @param {string} contentType */
function boundaryOf(contentType) {
	if (!/^multipart\/form-data/i.test(contentType)) return undefined;
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? match[1] ?? match[2] : undefined;
}

/**
 * Splits a multipart body into its parts; throws on a malformed body.
 * @param {Buffer} body @param {string} boundary @returns {Part[]}
 */
function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	/** @type {Part[]} */
	const parts = [];
	let at = body.indexOf(delimiter);
	if (at < 0) throw new Error('no multipart boundary in the body');
	for (;;) {
		at += delimiter.length;
		if (body.subarray(at, at + 2).toString() === '--') return parts;
		if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error('malformed multipart delimiter');
		const headerEnd = body.indexOf('\r\n\r\n', at);
		if (headerEnd < 0) throw new Error('multipart part without headers');
		const headers = body.subarray(at + 2, headerEnd).toString('utf8');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next < 0) throw new Error('multipart part without a closing boundary');
		const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
		if (!disposition) throw new Error('multipart part without Content-Disposition');
		const name = /\bname="([^"]*)"/i.exec(disposition[1]);
		const fileName = /\bfilename="([^"]*)"/i.exec(disposition[1]);
		const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers);
		parts.push({
			name: name ? name[1] : '',
			...(fileName ? { fileName: fileName[1] } : {}),
			...(contentType ? { contentType: contentType[1].trim() } : {}),
			data: body.subarray(headerEnd + 4, next),
		});
		at = next + 2;
	}
}

/**
 * A multipart body as the JSON body the routes read: text parts as strings, file parts as data
 * URLs (the routes check them like any image), and the files received.
 * @param {Part[]} parts
 */
function formToBody(parts) {
	/** @type {Record<string, string>} */
	const body = {};
	for (const part of parts) {
		body[part.name] = part.fileName === undefined && !part.contentType
			? part.data.toString('utf8')
			: `data:${part.contentType || 'application/octet-stream'};base64,${part.data.toString('base64')}`;
	}
	return body;
}

/**
 * Every image in a request body (data URLs anywhere in it): where it was, its type, size and hash.
 * @param {unknown} body @returns {Array<{ at: string, mimeType: string, bytes: number, sha256: string }>}
 */
function receivedImages(body) {
	/** @type {Array<{ at: string, mimeType: string, bytes: number, sha256: string }>} */
	const found = [];
	/** @param {unknown} value @param {string} at */
	const walk = (value, at) => {
		if (typeof value === 'string') {
			const match = /^data:([^;,]+);base64,/.exec(value);
			if (!match) return;
			const bytes = Buffer.from(value.slice(match[0].length), 'base64');
			found.push({ at, mimeType: match[1], bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
		} else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
		else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k);
	};
	walk(body, '');
	return found;
}

module.exports = { boundaryOf, parseMultipart, formToBody, receivedImages };
