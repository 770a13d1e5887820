// Errors from talking to a provider, classified so that callers know whether a retry is safe.
// They carry only what the provider said and what we know; never request options or headers,
// so the API key cannot travel with them.

import { PROVIDERS, type ProviderId } from './catalog';

export type FailureKind =
	/** The provider answered with an HTTP error status. */
	| 'http'
	/** No usable answer: connection refused, reset, timeout. */
	| 'network'
	/** An answer we cannot read: not JSON, an HTML page, a shape that matches no schema, an unknown status. */
	| 'shape';

export class ProviderError extends Error {
	readonly provider: ProviderId;
	readonly kind: FailureKind;
	readonly statusCode?: number;
	readonly code?: string;
	readonly providerMessage?: string;
	readonly retryAfterMs?: number;
	/** False only when the request surely never reached the provider (e.g. connection refused). */
	readonly mayHaveReachedProvider: boolean;
	readonly description: string;

	constructor(init: {
		provider: ProviderId;
		kind: FailureKind;
		message: string;
		description: string;
		statusCode?: number;
		code?: string;
		providerMessage?: string;
		retryAfterMs?: number;
		mayHaveReachedProvider?: boolean;
	}) {
		super(init.message);
		this.name = 'ProviderError';
		this.provider = init.provider;
		this.kind = init.kind;
		this.statusCode = init.statusCode;
		this.code = init.code;
		this.providerMessage = init.providerMessage;
		this.retryAfterMs = init.retryAfterMs;
		this.mayHaveReachedProvider = init.mayHaveReachedProvider ?? true;
		this.description = init.description;
	}

	/** Whether asking again (a read, never a create) can help. */
	get isTransient(): boolean {
		if (this.kind === 'network' || this.kind === 'shape') return true;
		return this.statusCode === 429 || this.statusCode === 408 || (this.statusCode ?? 0) >= 500;
	}

	/** Whether a create that failed this way surely did not start a task, so sending it again is safe. */
	get createSurelyRejected(): boolean {
		if (this.kind === 'network') return !this.mayHaveReachedProvider;
		if (this.kind === 'http') return this.statusCode !== undefined && this.statusCode < 500 && this.statusCode !== 408;
		return false;
	}
}

/** How to fix an HTTP failure, in the user's terms. */
function adviceFor(status: number, code: string | undefined, provider: ProviderId): string {
	const label = PROVIDERS[provider].label;
	if (status === 401) return `Check the API key in the Seedance API credential: ${label} rejected it.`;
	if (status === 403) {
		return code?.includes('Overdue')
			? `The ${label} account is overdue; top it up in the provider console.`
			: `The key has no access to this model or resource. Activate the model in the ${label} console, or check the key's permissions.`;
	}
	if (status === 404) {
		return code?.includes('Model') || code?.includes('Endpoint')
			? `The model is not available to this key. Check the model ID and that it is activated in the ${label} console.`
			: 'Not found: check the task ID (tasks are kept for a limited time) and the base URL in the credential.';
	}
	if (status === 429) return `${label} is rate limiting this key. Lower "Max Tasks at Once" or try again later.`;
	if (status >= 500) return `${label} had a temporary problem. Try again in a while.`;
	if (code?.startsWith('SensitiveContent') || code?.includes('Sensitive')) return 'The provider\'s content filter rejected the input; change the prompt or media.';
	return 'Check the fields named in the message.';
}

/** Reads an error body of any provider into a code and a message. */
export function readErrorBody(body: unknown): { code?: string; message?: string } {
	if (!body || typeof body !== 'object') return {};
	const b = body as Record<string, unknown>;
	const nested = b.error;
	if (nested && typeof nested === 'object') {
		const e = nested as Record<string, unknown>;
		return {
			code: typeof e.code === 'string' && e.code ? e.code : typeof e.type === 'string' ? e.type : undefined,
			message: typeof e.message === 'string' ? e.message : undefined,
		};
	}
	return {
		code: typeof nested === 'string' ? nested : typeof b.code === 'string' ? b.code : undefined,
		message: typeof b.message === 'string' ? b.message : typeof b.msg === 'string' ? b.msg : typeof nested === 'string' ? nested : undefined,
	};
}

export function httpError(provider: ProviderId, statusCode: number, body: unknown, text: string, retryAfterMs?: number): ProviderError {
	const label = PROVIDERS[provider].label;
	const { code, message } = readErrorBody(body);
	const looksHtml = /^\s*</.test(text);
	const said = message ?? (looksHtml ? 'an HTML error page' : text.slice(0, 200) || 'no details');
	return new ProviderError({
		provider,
		kind: 'http',
		statusCode,
		code,
		providerMessage: message,
		retryAfterMs,
		message: `${label} answered ${statusCode}${code ? ` ${code}` : ''}: ${said}`,
		description: adviceFor(statusCode, code, provider),
	});
}

export function shapeError(provider: ProviderId, what: string, got: string): ProviderError {
	return new ProviderError({
		provider,
		kind: 'shape',
		message: `${PROVIDERS[provider].label} sent a reply the node cannot read: ${what}`,
		description: `Received: ${got.slice(0, 300)}. Check that the base URL in the credential points at the ${PROVIDERS[provider].label} API.`,
	});
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs work and returns its value or its error, so callers decide what to do outside a catch. */
export async function attempt<T>(work: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		return { ok: false, error };
	}
}
