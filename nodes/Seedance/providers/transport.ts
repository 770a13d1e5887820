// The one place that talks HTTP. Requests go through n8n's helpers, so proxies, SSL settings and
// credential injection behave as n8n users expect; replies come back as text and are parsed by the
// provider clients, so a malformed body is an error we can name instead of a crash.

import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { PROVIDERS, baseUrlField, isProviderId, type ProviderId } from './catalog';
import { ProviderError, attempt, httpError, shapeError } from './errors';
import { fileCheckFor } from './fileCheck';
import { largeJsonBody } from './jsonBody';
import { redactSecrets } from './redact';

export const CREDENTIAL_TYPE = 'seedanceApi';

export type NodeContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface HttpRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** A multipart/form-data body instead of JSON (OpenAI-videos creates, as the official client sends them). */
	form?: FormData;
	qs?: Record<string, string | number | string[]>;
}

export interface HttpReply {
	statusCode: number;
	headers: Record<string, unknown>;
	text: string;
}

/** A connection to the credential's provider. */
export interface Http {
	provider: ProviderId;
	baseUrl: string;
	send(request: HttpRequest): Promise<HttpReply>;
}

export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

/**
 * The base URL a credential points at: its own, or the provider's default, without trailing
 * slashes; for the APIs whose routes start with /v1, a typed `/v1` (the usual OpenAI form) is dropped.
 */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const provider = credentials.provider;
	if (!isProviderId(provider)) return '';
	const value = credentials[baseUrlField(provider)];
	const own = typeof value === 'string' ? value.trim() : '';
	const trimmed = (own || PROVIDERS[provider].defaultBaseUrl).replace(/\/+$/, '');
	return PROVIDERS[provider].flavour === 'ark' ? trimmed : trimmed.replace(/\/v1$/i, '');
}

/** The host of a URL, for messages. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

function originOf(url: string): string {
	try {
		return new URL(url).origin;
		// Stryker disable next-line BlockStatement: undefined, like '', equals no redirect target's origin (those are valid URLs)
	} catch {
		// Stryker disable next-line StringLiteral: only an invalid base URL has no origin, and its request fails before any redirect
		return '';
	}
}

/** System codes in words: n8n replaces messages that contain a raw code with a generic sentence. */
const CODE_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host lookup failed',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	EPIPE: 'connection closed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** The system error code somewhere in an error's cause chain. */
function errorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	// Stryker disable next-line StringLiteral: any text without "socket hang up" or "timeout" gives no code
	const message = error instanceof Error ? error.message : '';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

function cancelSignal(ctx: NodeContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/**
 * A failure before any reply, rebuilt from its code alone: the original holds the request headers.
 * `fileHost` names the host of a result file, which is not the provider's API.
 */
export function networkError(ctx: NodeContext, provider: ProviderId, error: unknown, fileHost?: string): Error {
	if (cancelSignal(ctx)?.aborted) return new ExecutionCancelledError();
	const code = errorCode(error) ?? 'UNKNOWN';
	const label = fileHost ? `the file host ${fileHost}` : PROVIDERS[provider].label;
	const neverSent = NEVER_SENT.has(code);
	return new ProviderError({
		provider,
		kind: 'network',
		code,
		mayHaveReachedProvider: !neverSent,
		message: neverSent ? `Could not connect to ${label} (${CODE_WORDS[code] ?? 'network failure'})` : `The connection to ${label} failed before a reply (${CODE_WORDS[code] ?? 'network failure'})`,
		description: `${fileHost
			? 'The result file is served by another host than the API; check that n8n can reach it.'
			: neverSent
				? 'Check the base URL in the Seedance API credential and the network or proxy settings of n8n.'
				: 'The network dropped the request or the provider closed the connection.'} (System code: ${code}.)`,
	});
}

/** Milliseconds to wait from a Retry-After / retry-after-ms header. */
export function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const ms = Number(headers['retry-after-ms']);
	if (Number.isFinite(ms) && ms >= 0) return ms;
	const value = headers['retry-after'];
	if (typeof value !== 'string' || !value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

interface FullResponse<T> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Sends a request with the API key, following redirects by hand: within the key's origin with the
 * key; to another origin never with it (n8n's own following would carry the key, and a 307's
 * body, to any host). `elsewhere` says whether such a redirect is refused or followed without the key.
 */
async function sendWithKey<T>(
	ctx: NodeContext,
	options: IHttpRequestOptions,
	keyOrigin: string,
	elsewhere: { refuse: (to: string, statusCode: number) => Error } | 'followWithoutKey',
): Promise<FullResponse<T>> {
	let current: IHttpRequestOptions = { ...options, disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false };
	for (let hop = 0; ; hop++) {
		// A copy each time: authentication writes its header into the options it is given.
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, { ...current, headers: { ...(current.headers ?? {}) } })) as FullResponse<T>;
		const location = response.headers.location;
		if (!REDIRECTS.has(response.statusCode) || typeof location !== 'string' || !location || hop >= MAX_REDIRECTS) return response;
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		const next = new URL(location, current.url).href;
		const keepsBody = response.statusCode === 307 || response.statusCode === 308;
		// Any other method (a GET too) continues as a GET.
		const method = keepsBody || current.method === 'HEAD' ? current.method : 'GET';
		if (originOf(next) === keyOrigin) {
			current = { ...current, url: next, qs: undefined, method, body: keepsBody ? current.body : undefined };
			continue;
		}
		if (elsewhere !== 'followWithoutKey') throw elsewhere.refuse(next, response.statusCode);
		// Built afresh, so nothing of the keyed request (headers, body) goes along; n8n follows any further hops.
		return (await ctx.helpers.httpRequest({
			method: 'GET',
			url: next,
			encoding: current.encoding,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: current.timeout,
			abortSignal: current.abortSignal,
		})) as FullResponse<T>;
	}
}

/** A redirect of an API request to another host, refused: the request carries the key. */
function foreignRedirect(provider: ProviderId, baseUrl: string, to: string, statusCode: number): ProviderError {
	const label = PROVIDERS[provider].label;
	return new ProviderError({
		provider,
		kind: 'http',
		statusCode,
		message: `${label} redirected the request (HTTP ${statusCode}) to another host, ${hostOf(to)}; it was not followed, so that the API key goes only to ${hostOf(baseUrl)}`,
		description: 'Redirects within the base URL\'s host are followed; to another host they are refused, because the request carries the API key (and a create, what you pay for). Set the base URL in the Seedance API credential to the address the API really answers at.',
	});
}

export async function connect(ctx: NodeContext): Promise<Http> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const provider = credentials.provider;
	if (!isProviderId(provider)) {
		throw new ProviderError({
			// Stryker disable next-line StringLiteral: there is no provider to name; this error's provider shows nowhere
			provider: 'byteplus',
			kind: 'shape',
			message: `The Seedance API credential names an unknown provider "${String(provider)}"`,
			description: 'Open the credential and choose a provider.',
		});
	}
	const baseUrl = baseUrlOf(credentials);
	// Stryker disable next-line StringLiteral: without a key there is nothing to redact (any stand-in text only redacts itself)
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
	const refuse = { refuse: (to: string, statusCode: number) => foreignRedirect(provider, baseUrl, to, statusCode) };
	return {
		provider,
		baseUrl,
		async send(request) {
			const jsonBytes = request.form ? undefined : largeJsonBody(request.body);
			const sent = await attempt(
				async () =>
					await sendWithKey<unknown>(
						ctx,
						{
							method: request.method,
							url: `${baseUrl}${request.path}`,
							...(jsonBytes ? { headers: { 'Content-Type': 'application/json' } } : {}),
							body: request.form ?? jsonBytes ?? request.body,
							qs: request.qs,
							arrayFormat: 'repeat',
							// With a FormData body, n8n's helper lets axios write the multipart body and its boundary.
							json: request.form === undefined,
							encoding: 'text',
							returnFullResponse: true,
							ignoreHttpStatusErrors: true,
							timeout: 60_000,
						},
						originOf(baseUrl),
						refuse,
					),
			);
			if (!sent.ok) throw sent.error instanceof ProviderError ? sent.error : networkError(ctx, provider, sent.error);
			const response = sent.value;
			const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
			return { statusCode: response.statusCode, headers: response.headers ?? {}, text: redactSecrets(text, apiKey) };
		},
	};
}

/**
 * A 2xx reply's JSON, or the error it stands for: the provider's error body, an HTML page or
 * text that is not JSON.
 */
export function readJson(provider: ProviderId, reply: HttpReply): unknown {
	let body: unknown;
	let parsed = false;
	try {
		body = JSON.parse(reply.text);
		parsed = true;
		// Stryker disable next-line BlockStatement: body is still undefined when JSON.parse throws
	} catch {
		body = undefined;
	}
	if (reply.statusCode < 200 || reply.statusCode >= 300) {
		throw httpError(provider, reply.statusCode, body, reply.text, retryAfterMs(reply.headers));
	}
	if (!parsed) {
		throw shapeError(provider, /^\s*</.test(reply.text) ? 'an HTML page instead of JSON' : 'the body is not valid JSON', reply.text);
	}
	return body;
}

type Body = { emit(event: string | symbol, ...args: unknown[]): boolean; destroy?: (error?: Error) => void };

/** Result URLs that are refused this way stay refused: asking again cannot help. */
const FINAL_STATUSES = new Set([401, 403, 404, 410]);

/**
 * Streams a finished file into n8n's binary data, never holding the whole file in memory, and
 * keeps it only if it is whole (status, type, Content-Length, container; see fileCheck.ts).
 * Presigned result URLs are fetched without credentials; a gateway's own content route with them,
 * and its redirect to a file host without them. A failed download is tried once more (result
 * URLs are free to fetch), then fails naming the task, which succeeded and can be fetched with Get.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions | IPollFunctions | IWebhookFunctions,
	source: { url: string; authenticated: boolean },
	fileName: string,
	mimeType: string,
	provider: ProviderId,
	taskId = fileName.replace(/(-last-frame)?\.\w+$/, ''),
): Promise<IBinaryData> {
	let failure: unknown;
	for (let tries = 1; tries <= 2; tries++) {
		const result = await attempt(async () => await downloadOnce(ctx, source, fileName, mimeType, provider));
		if (result.ok) return result.value;
		failure = result.error;
		if (failure instanceof ExecutionCancelledError) throw failure;
		if (failure instanceof ProviderError && failure.statusCode !== undefined && FINAL_STATUSES.has(failure.statusCode)) break;
	}
	const label = PROVIDERS[provider].label;
	const what = mimeType.startsWith('image/') ? 'last frame' : 'video';
	const cause = failure instanceof ProviderError ? failure : undefined;
	throw new ProviderError({
		provider,
		kind: cause?.kind ?? 'network',
		statusCode: cause?.statusCode,
		code: cause?.code,
		message: `Downloading the ${what} of task ${taskId} failed: ${failure instanceof Error ? failure.message : String(failure)}`,
		description: `Task ${taskId} succeeded at ${label}; only the download failed. ${cause?.description ?? ''} Fetch it later with the Get operation and task ID ${taskId}.`.replace(/\s+/g, ' '),
	});
}

async function downloadOnce(ctx: IExecuteFunctions | IPollFunctions | IWebhookFunctions, source: { url: string; authenticated: boolean }, fileName: string, mimeType: string, provider: ProviderId): Promise<IBinaryData> {
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: source.url,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 600_000,
		abortSignal: cancelSignal(ctx),
	};
	const fileHost = source.authenticated ? undefined : hostOf(source.url);
	const sent = await attempt(async () =>
		source.authenticated
			? await sendWithKey<Body>(ctx, options, originOf(source.url), 'followWithoutKey')
			: ((await ctx.helpers.httpRequest(options)) as FullResponse<Body>),
	);
	if (!sent.ok) throw networkError(ctx, provider, sent.error, fileHost);
	const { statusCode, headers, body } = sent.value;
	const refuse = (message: string, description: string, status?: number) => {
		body?.destroy?.();
		return new ProviderError({ provider, kind: status ? 'http' : 'shape', statusCode: status, message, description });
	};
	if (statusCode < 200 || statusCode >= 300) {
		throw refuse(
			`the file host answered HTTP ${statusCode}`,
			statusCode === 403 ? 'Result URLs expire (about 24 hours after the task finished). Generate the video again, or download sooner.' : 'The file server did not deliver the file.',
			statusCode,
		);
	}
	// Stryker disable next-line StringLiteral: any fallback neither "text/" nor the file's own type leaves the expected type in use
	const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'].split(';')[0].trim().toLowerCase() : '';
	if (contentType.startsWith('text/')) throw refuse(`the file host sent ${contentType}, not the file`, 'The URL served a page (an error or sign-in page) instead of the file.');
	const announced = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
	if (announced === 0) throw refuse('the file host sent an empty file', 'The file server answered without the file.');

	// Every chunk the binary data store reads passes through the stream's 'data' event, whichever way
	// it reads (pipe, events, async iteration): the check looks at each on its way, adding no listener
	// (which would start the flow before the store reads).
	const check = fileCheckFor(mimeType);
	let problem: string | undefined;
	const emit = body.emit;
	body.emit = function (this: Body, event: string | symbol, ...args: unknown[]) {
		if (event === 'data' && !problem && args[0] instanceof Uint8Array) {
			problem = check.push(args[0]);
			if (problem) {
				body.destroy?.(new Error(problem));
				return false;
			}
		}
		return emit.call(this, event, ...args);
	};
	const stored = await attempt(async () => await ctx.helpers.prepareBinaryData(body as unknown as Buffer, fileName, contentType.startsWith(mimeType.split('/')[0]) ? contentType : mimeType));
	problem ??= check.finish();
	if (!problem && announced !== undefined && Number.isFinite(announced) && check.bytes !== announced) problem = `${check.bytes} bytes arrived of the ${announced} announced`;
	if (problem) throw new ProviderError({ provider, kind: 'shape', message: `the file is not a whole ${mimeType}: ${problem}`, description: 'The file server delivered a broken or partial file.' });
	if (!stored.ok) throw networkError(ctx, provider, stored.error, fileHost);
	return stored.value;
}
