/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// The transport called directly with a stand-in for n8n's request helpers: base URLs, network
// failures in words, Retry-After, redirects followed by hand, replies read, downloads refused.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { ProviderError } from '../nodes/Seedance/providers/errors';
import { ExecutionCancelledError, baseUrlOf, connect, downloadToBinary, hostOf, networkError, readJson, retryAfterMs } from '../nodes/Seedance/providers/transport';

type Reply = { statusCode: number; headers?: Record<string, unknown>; body?: unknown };

/** A node context whose authenticated requests get the given replies in turn (the last one repeats). */
function contextFor(credentials: Record<string, unknown>, replies: Reply[], plain: Reply[] = []) {
	const keyed: IHttpRequestOptions[] = [];
	const unkeyed: IHttpRequestOptions[] = [];
	const ctx = {
		getCredentials: async () => await Promise.resolve(credentials),
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				keyed.push(options);
				if (keyed.length > 20) throw new Error('too many requests');
				return await Promise.resolve(replies[Math.min(keyed.length, replies.length) - 1]);
			},
			httpRequest: async (options: IHttpRequestOptions) => {
				unkeyed.push(options);
				return await Promise.resolve(plain[Math.min(unkeyed.length, plain.length) - 1]);
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, keyed, unkeyed };
}

const BYTEPLUS = { provider: 'byteplus', apiKey: 'sk-transport-test', byteplusBaseUrl: 'https://api.test/api/v3/' };

describe('baseUrlOf and hostOf', () => {
	it("the credential's own URL without trailing slashes, else the provider's default; an unknown provider has none", () => {
		expect(baseUrlOf(BYTEPLUS)).toBe('https://api.test/api/v3');
		expect(baseUrlOf({ provider: 'byteplus', byteplusBaseUrl: 42 })).toBe('https://ark.ap-southeast.bytepluses.com/api/v3');
		expect(baseUrlOf({ provider: 'byteplus', byteplusBaseUrl: '  ' })).toBe('https://ark.ap-southeast.bytepluses.com/api/v3');
		expect(baseUrlOf({ provider: 'openaiVideos', openaiVideosBaseUrl: 'https://gw.test/v1/' })).toBe('https://gw.test');
		expect(baseUrlOf({ provider: 'nobody' })).toBe('');
		expect(baseUrlOf({ provider: 'byteplus', byteplusBaseUrl: 'https://ark.test/api/v3//' })).toBe('https://ark.test/api/v3');
		// Ark's routes do not start with /v1: a /v1 there is the user's and stays.
		expect(baseUrlOf({ provider: 'byteplus', byteplusBaseUrl: 'https://ark.test/v1' })).toBe('https://ark.test/v1');
	});

	it('a host, or the text itself when it is no URL', () => {
		expect(hostOf('https://files.test:8443/a.mp4')).toBe('files.test:8443');
		expect(hostOf('not a url')).toBe('not a url');
	});
});

describe('networkError', () => {
	const { ctx } = contextFor(BYTEPLUS, []);
	const failure = (error: unknown, fileHost?: string) => networkError(ctx, 'byteplus', error, fileHost) as ProviderError;

	it('a code from the cause chain or the message, in words', () => {
		const reset = failure(new Error('socket hang up'));
		expect(reset.code).toBe('ECONNRESET');
		expect(reset.message).toBe('The connection to BytePlus ModelArk failed before a reply (connection reset)');
		expect(reset.description).toBe('The network dropped the request or the provider closed the connection. (System code: ECONNRESET.)');
		expect(reset.mayHaveReachedProvider).toBe(true);
		const slow = failure(new Error('Timeout of 60000ms exceeded'));
		expect(slow.code).toBe('ETIMEDOUT');
		expect(slow.message).toBe('The connection to BytePlus ModelArk failed before a reply (timed out)');
		const refused = failure(new Error('wrapped', { cause: { code: 'ECONNREFUSED' } }));
		expect(refused.message).toBe('Could not connect to BytePlus ModelArk (connection refused)');
		expect(refused.description).toBe('Check the base URL in the Seedance API credential and the network or proxy settings of n8n. (System code: ECONNREFUSED.)');
		expect(refused.mayHaveReachedProvider).toBe(false);
	});

	it('no code at all is an unknown network failure; a file host is named as such', () => {
		const unknown = failure('something odd');
		expect(unknown.code).toBe('UNKNOWN');
		expect(unknown.message).toBe('The connection to BytePlus ModelArk failed before a reply (network failure)');
		const odd = failure(new Error('odd'), 'files.test');
		expect(odd.message).toBe('The connection to the file host files.test failed before a reply (network failure)');
		expect(odd.description).toBe('The result file is served by another host than the API; check that n8n can reach it. (System code: UNKNOWN.)');
		expect(failure({ code: 'CERT_HAS_EXPIRED' }).message).toBe('Could not connect to BytePlus ModelArk (network failure)');
	});
});

describe('cancellation and error codes', () => {
	it('a cancelled execution is what a network failure becomes once the execution is cancelled', () => {
		const controller = new AbortController();
		controller.abort();
		const ctx = { getExecutionCancelSignal: () => controller.signal } as unknown as IExecuteFunctions;
		const error = networkError(ctx, 'byteplus', new Error('aborted'));
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(error.message).toBe('The execution was cancelled');
		expect(error.name).toBe('ExecutionCancelledError');
	});

	it('a code is a whole upper-case word, found up to five causes deep', () => {
		const { ctx } = contextFor(BYTEPLUS, []);
		const codeOf = (error: unknown) => (networkError(ctx, 'byteplus', error) as ProviderError).code;
		expect(codeOf(Object.assign(new Error('socket hang up'), { code: 'ECONNREFUSEDx' }))).toBe('ECONNRESET');
		expect(codeOf(Object.assign(new Error('socket hang up'), { code: 'xECONNREFUSED' }))).toBe('ECONNRESET');
		const nested = (depth: number): unknown => (depth === 0 ? { code: 'EPIPE' } : { cause: nested(depth - 1) });
		expect(codeOf(nested(4))).toBe('EPIPE');
		expect(codeOf(nested(5))).toBe('UNKNOWN');
	});
});

describe('retryAfterMs', () => {
	it('milliseconds first when valid; negative values and non-text are ignored', () => {
		expect(retryAfterMs({ 'retry-after-ms': '0', 'retry-after': '9' })).toBe(0);
		expect(retryAfterMs({ 'retry-after-ms': '-5', 'retry-after': '2' })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': 5 })).toBeUndefined();
		expect(retryAfterMs({})).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': '-3' })).toBe(0);
	});

	it('reads milliseconds, seconds or a date', () => {
		expect(retryAfterMs({ 'retry-after-ms': '250' })).toBe(250);
		expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
		expect(retryAfterMs({ 'retry-after': '' })).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': new Date(Date.now() - 60_000).toUTCString() })).toBe(0);
		const ahead = retryAfterMs({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() }) ?? 0;
		expect(ahead).toBeGreaterThan(55_000);
		expect(ahead).toBeLessThanOrEqual(60_000);
	});
});

describe('connect', () => {
	it('an unknown provider in the credential is refused before any request', async () => {
		const { ctx, keyed } = contextFor({ provider: 'nobody', apiKey: 'k' }, []);
		const error = await connect(ctx).then(() => undefined, (e: unknown) => e as ProviderError);
		expect(error).toBeInstanceOf(ProviderError);
		expect(error?.message).toBe('The Seedance API credential names an unknown provider "nobody"');
		expect(error?.description).toBe('Open the credential and choose a provider.');
		expect(error?.kind).toBe('shape');
		expect(keyed).toHaveLength(0);
	});

	it("a redirect within the key's origin is followed with the key: a 302 as GET without body or query, a 307 as it was", async () => {
		const { ctx, keyed } = contextFor(BYTEPLUS, [
			{ statusCode: 302, headers: { location: '/api/v3/moved' }, body: '' },
			{ statusCode: 307, headers: { location: 'https://api.test/api/v3/again' }, body: '' },
			{ statusCode: 200, headers: {}, body: { ok: true } },
		]);
		const http = await connect(ctx);
		const reply = await http.send({ method: 'POST', path: '/tasks', body: { a: 1 }, qs: { page: 2 } });
		expect(reply).toEqual({ statusCode: 200, headers: {}, text: '{"ok":true}' });
		expect(keyed.map((o) => [o.method, o.url, o.body, o.qs])).toEqual([
			['POST', 'https://api.test/api/v3/tasks', { a: 1 }, { page: 2 }],
			['GET', 'https://api.test/api/v3/moved', undefined, undefined],
			['GET', 'https://api.test/api/v3/again', undefined, undefined],
		]);
	});

	it('at most 5 redirects are followed; the 6th reply is returned as it is', async () => {
		const { ctx, keyed } = contextFor(BYTEPLUS, [{ statusCode: 301, headers: { location: '/api/v3/loop' }, body: 'moved' }]);
		const reply = await (await connect(ctx)).send({ method: 'GET', path: '/tasks' });
		expect(reply.statusCode).toBe(301);
		expect(keyed).toHaveLength(6);
	});

	it('what is sent: JSON as text, lists repeated, no redirect followed by n8n nor key carried across origins', async () => {
		const { ctx, keyed } = contextFor(BYTEPLUS, [{ statusCode: 200, headers: {}, body: 'sk-transport-test is in this reply' }]);
		const reply = await (await connect(ctx)).send({ method: 'GET', path: '/tasks', qs: { ids: ['a', 'b'] } });
		expect(reply.text).not.toContain('sk-transport-test');
		expect(keyed[0]).toMatchObject({ arrayFormat: 'repeat', json: true, encoding: 'text', returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: 60_000, disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false });
		expect(keyed[0].headers).toEqual({});
	});

	it('a form is sent as multipart, not JSON; a body with large strings as JSON bytes', async () => {
		const { ctx, keyed } = contextFor(BYTEPLUS, [{ statusCode: 200, headers: {}, body: '{}' }]);
		const http = await connect(ctx);
		const form = new FormData();
		await http.send({ method: 'POST', path: '/videos', form });
		expect(keyed[0].json).toBe(false);
		expect(keyed[0].body).toBe(form);
		await http.send({ method: 'POST', path: '/tasks', body: { image: 'A'.repeat(70_000) } });
		expect(keyed[1].headers).toEqual({ 'Content-Type': 'application/json' });
		expect(Buffer.isBuffer(keyed[1].body)).toBe(true);
	});

	it('a 307 or 308 keeps the method and body; a 302 keeps HEAD; a body is let go before the next hop', async () => {
		const destroy = jest.fn();
		const { ctx, keyed } = contextFor(BYTEPLUS, [
			{ statusCode: 307, headers: { location: '/api/v3/a' }, body: { destroy } },
			{ statusCode: 308, headers: { location: '/api/v3/b' }, body: '' },
			{ statusCode: 200, headers: {}, body: '{}' },
		]);
		await (await connect(ctx)).send({ method: 'POST', path: '/tasks', body: { a: 1 } });
		expect(keyed.map((o) => [o.method, o.url, o.body])).toEqual([
			['POST', 'https://api.test/api/v3/tasks', { a: 1 }],
			['POST', 'https://api.test/api/v3/a', { a: 1 }],
			['POST', 'https://api.test/api/v3/b', { a: 1 }],
		]);
		expect(destroy).toHaveBeenCalledTimes(1);
		const head = contextFor(BYTEPLUS, [{ statusCode: 302, headers: { location: '/api/v3/h' }, body: '' }, { statusCode: 200, headers: {}, body: '' }]);
		await (await connect(head.ctx)).send({ method: 'HEAD', path: '/tasks' });
		expect(head.keyed.map((o) => o.method)).toEqual(['HEAD', 'HEAD']);
	});

	it('a redirect without a location (as text) is the reply itself, and so is a 201 with a Location', async () => {
		for (const [statusCode, location] of [[302, undefined], [302, ''], [302, ['/api/v3/x']], [201, '/api/v3/tasks/cgt-1']] as const) {
			const { ctx, keyed } = contextFor(BYTEPLUS, [{ statusCode, headers: { location }, body: 'moved' }]);
			expect((await (await connect(ctx)).send({ method: 'GET', path: '/tasks' })).statusCode).toBe(statusCode);
			expect(keyed).toHaveLength(1);
		}
	});

	it('a redirect of an API request to another host is refused, naming both hosts', async () => {
		const { ctx, keyed, unkeyed } = contextFor(BYTEPLUS, [{ statusCode: 302, headers: { location: 'https://evil.test/steal' }, body: '' }]);
		const error = await (await connect(ctx)).send({ method: 'GET', path: '/tasks' }).then(() => undefined, (e: unknown) => e as ProviderError);
		expect(error?.message).toBe('BytePlus ModelArk redirected the request (HTTP 302) to another host, evil.test; it was not followed, so that the API key goes only to api.test');
		expect(error?.description).toMatch(/^Redirects within the base URL's host are followed; to another host they are refused/);
		expect(error?.statusCode).toBe(302);
		expect(keyed).toHaveLength(1);
		expect(unkeyed).toHaveLength(0);
	});

	it('a reply without a body reads as empty JSON text', async () => {
		const { ctx } = contextFor(BYTEPLUS, [{ statusCode: 204, headers: {} }]);
		expect((await (await connect(ctx)).send({ method: 'GET', path: '/tasks' })).text).toBe('""');
	});
});

describe('readJson', () => {
	it('an HTML page or other text on a 2xx reply is a shape error saying which', () => {
		expect(() => readJson('byteplus', { statusCode: 200, headers: {}, text: '  <html>login</html>' })).toThrow('BytePlus ModelArk sent a reply the node cannot read: an HTML page instead of JSON');
		expect(() => readJson('byteplus', { statusCode: 200, headers: {}, text: 'oops' })).toThrow('BytePlus ModelArk sent a reply the node cannot read: the body is not valid JSON');
		expect(readJson('byteplus', { statusCode: 200, headers: {}, text: '{"id":"cgt-1"}' })).toEqual({ id: 'cgt-1' });
	});
});

describe('downloadToBinary', () => {
	const source = { url: 'https://files.test/cgt-1.mp4', authenticated: false };
	const download = async (plain: Reply[]) => {
		const { ctx, unkeyed } = contextFor(BYTEPLUS, [], plain);
		const error = await downloadToBinary(ctx, source, 'cgt-1.mp4', 'video/mp4', 'byteplus').then(() => undefined, (e: unknown) => e as ProviderError);
		return { error, unkeyed };
	};

	it('a file host error other than an expired URL is tried twice, then names the task and says to fetch it later', async () => {
		const { error, unkeyed } = await download([{ statusCode: 500, headers: {} }]);
		expect(unkeyed).toHaveLength(2);
		expect(error?.message).toBe('Downloading the video of task cgt-1 failed: the file host answered HTTP 500');
		expect(error?.description).toBe('Task cgt-1 succeeded at BytePlus ModelArk; only the download failed. The file server did not deliver the file. Fetch it later with the Get operation and task ID cgt-1.');
		expect(error?.kind).toBe('http');
		expect(error?.statusCode).toBe(500);
	});

	it('an unexpected failure still names the task, as a network failure', async () => {
		const { error } = await download([{ statusCode: 200 }]);
		expect(error?.message).toMatch(/^Downloading the video of task cgt-1 failed: /);
		expect(error?.description).toBe('Task cgt-1 succeeded at BytePlus ModelArk; only the download failed. Fetch it later with the Get operation and task ID cgt-1.');
		expect(error?.kind).toBe('network');
	});

	it('a whole-looking file with fewer bytes than announced is refused, saying how many arrived', async () => {
		const video = readFileSync(join(__dirname, '..', 'simulator', 'assets', 'sample.mp4'));
		const { ctx } = contextFor(BYTEPLUS, [], [{ statusCode: 200, headers: { 'content-type': 'video/mp4', 'content-length': String(video.length + 10) } }]);
		(ctx.helpers as unknown as Record<string, unknown>).httpRequest = async () =>
			await Promise.resolve({ statusCode: 200, headers: { 'content-type': 'video/mp4', 'content-length': String(video.length + 10) }, body: Readable.from([video]) });
		(ctx.helpers as unknown as Record<string, unknown>).prepareBinaryData = async (body: Readable) => {
			for await (const chunk of body) void chunk;
			return { data: '', mimeType: 'video/mp4' };
		};
		const error = await downloadToBinary(ctx, source, 'cgt-1.mp4', 'video/mp4', 'byteplus').then(() => undefined, (e: unknown) => e as ProviderError);
		expect(error?.message).toBe(`Downloading the video of task cgt-1 failed: the file is not a whole video/mp4: ${video.length} bytes arrived of the ${video.length + 10} announced`);
	});
});
