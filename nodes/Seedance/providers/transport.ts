// The one place that talks HTTP. Requests go through n8n's helpers, so proxies, SSL settings and
// credential injection behave as n8n users expect; replies come back as text and are parsed by the
// provider clients, so a malformed body is an error we can name instead of a crash.

import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { PROVIDERS, baseUrlField, isProviderId, type ProviderId } from './catalog';
import { ProviderError, httpError, shapeError } from './errors';

export const CREDENTIAL_TYPE = 'seedanceApi';

export type NodeContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface HttpRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
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

/** The base URL a credential points at: its own, or the provider's default. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const provider = credentials.provider;
	if (!isProviderId(provider)) return '';
	const value = credentials[baseUrlField(provider)];
	const own = typeof value === 'string' ? value.trim() : '';
	const fallback = PROVIDERS[provider].defaultBaseUrl;
	return (own || fallback).replace(/\/+$/, '');
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
	const message = error instanceof Error ? error.message : '';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

function cancelSignal(ctx: NodeContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/** A failure before any reply, rebuilt from its code alone: the original holds the request headers. */
export function networkError(ctx: NodeContext, provider: ProviderId, error: unknown): Error {
	if (cancelSignal(ctx)?.aborted) return new ExecutionCancelledError();
	const code = errorCode(error) ?? 'UNKNOWN';
	const label = PROVIDERS[provider].label;
	const neverSent = NEVER_SENT.has(code);
	return new ProviderError({
		provider,
		kind: 'network',
		code,
		mayHaveReachedProvider: !neverSent,
		message: neverSent ? `Could not connect to ${label} (${CODE_WORDS[code] ?? 'network failure'})` : `The connection to ${label} failed before a reply (${CODE_WORDS[code] ?? 'network failure'})`,
		description: `${neverSent
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

export async function connect(ctx: NodeContext): Promise<Http> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const provider = credentials.provider;
	if (!isProviderId(provider)) {
		throw new ProviderError({
			provider: 'byteplus',
			kind: 'shape',
			message: `The Seedance API credential names an unknown provider "${String(provider)}"`,
			description: 'Open the credential and choose a provider.',
		});
	}
	const baseUrl = baseUrlOf(credentials);
	return {
		provider,
		baseUrl,
		async send(request) {
			let response: { statusCode: number; headers: Record<string, unknown>; body: unknown };
			try {
				response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
					method: request.method,
					url: `${baseUrl}${request.path}`,
					body: request.body,
					qs: request.qs,
					arrayFormat: 'repeat',
					json: true,
					encoding: 'text',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 60_000,
				});
			} catch (error) {
				throw networkError(ctx, provider, error);
			}
			const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
			return { statusCode: response.statusCode, headers: response.headers ?? {}, text };
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

/**
 * Streams a finished file into n8n's binary data, never holding the whole file in memory.
 * Presigned result URLs are fetched without credentials; a gateway's own content route with them.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions | IPollFunctions | IWebhookFunctions,
	source: { url: string; authenticated: boolean },
	fileName: string,
	mimeType: string,
	provider: ProviderId,
): Promise<IBinaryData> {
	const options = {
		method: 'GET' as const,
		url: source.url,
		encoding: 'stream' as const,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 600_000,
		abortSignal: cancelSignal(ctx),
	};
	let response: { statusCode: number; headers: Record<string, unknown>; body: { destroy?: () => void } };
	try {
		response = source.authenticated
			? await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)
			: await ctx.helpers.httpRequest(options);
	} catch (error) {
		throw networkError(ctx, provider, error);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		response.body?.destroy?.();
		throw new ProviderError({
			provider,
			kind: 'http',
			statusCode: response.statusCode,
			message: `Downloading the result failed with HTTP ${response.statusCode}`,
			description:
				response.statusCode === 403
					? 'Result URLs expire (about 24 hours after the task finished). Generate the video again, or download sooner.'
					: 'The file server did not deliver the file; try the Get operation again later.',
		});
	}
	const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : '';
	return await ctx.helpers.prepareBinaryData(response.body as Buffer, fileName, contentType.startsWith(mimeType.split('/')[0]) ? contentType.split(';')[0] : mimeType);
}
