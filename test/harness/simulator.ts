import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { baseUrlField, type ProviderId } from '../../nodes/Seedance/providers/catalog';

// The simulator is plain JavaScript (it stands in for the providers, not for our code).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSimulator } = require('../../simulator/server') as { startSimulator: (options?: Record<string, unknown>) => Promise<Simulator> };

export interface SimRequest {
	provider: string;
	route: string;
	method: string;
	path: string;
	query: Record<string, unknown>;
	body: Record<string, unknown> | undefined;
	authorized: boolean;
	status?: number;
	fault?: string;
	taskId?: string;
	at: number;
}

export interface Fault {
	provider?: string;
	route: string;
	kind: string;
	status?: number;
	retryAfter?: number;
	delayMs?: number;
	/** callbackDuplicate: extra copies; callbackForged: the task the forged body names. */
	copies?: number;
	taskId?: string;
	count?: number;
	probability?: number;
	/** Matching requests let through before it fires. */
	skip?: number;
	body?: string;
	contentType?: string;
}

/** What the other host (the target of redirect faults) received. */
export interface ForeignRequest {
	method: string;
	path: string;
	headers: Record<string, unknown>;
	body: string;
}

export interface Simulator {
	url: string;
	apiKey: string;
	engine: { tasks: Map<string, { id: string; provider: string; model: string; params: Record<string, unknown> }>; state: (t: unknown) => { status: string }; videoChunks: () => Iterable<Buffer> };
	baseUrl(provider: ProviderId): string;
	elsewhere: { url: string; received: ForeignRequest[] };
	requests(filter?: { provider?: string; route?: string }): SimRequest[];
	addFault(fault: Fault): void;
	reset(): void;
	configure(changes: Record<string, unknown>): void;
	close(): Promise<void>;
}

export { startSimulator };

export const PROVIDER_LIST: ProviderId[] = ['byteplus', 'volcengine', 'arkGateway', 'globalAiOpc', 'anyfast', 'openaiVideos'];

export function credentialsFor(sim: Simulator, provider: ProviderId, apiKey = sim.apiKey): Record<string, ICredentialDataDecryptedObject> {
	return { seedanceApi: { provider, apiKey, [baseUrlField(provider)]: sim.baseUrl(provider) } };
}

/** Every string in a value, deeply (to search outputs and errors for the key). */
export function allText(value: unknown): string {
	const seen = new Set<unknown>();
	const walk = (v: unknown): string => {
		if (v === null || v === undefined) return '';
		if (typeof v !== 'object') return String(v);
		if (seen.has(v)) return '';
		seen.add(v);
		if (v instanceof Error) return [v.message, v.stack, (v as { description?: string }).description, walk({ ...v })].join('\n');
		return Object.values(v as Record<string, unknown>).map(walk).join('\n');
	};
	return walk(value);
}

/**
 * Throws if a key shows up where it must not: in what the user sees (output, errors, run data) or
 * in anything the other host received (redirect targets get neither the key nor any Bearer token).
 */
export function assertNoKeyLeak(sim: Simulator, apiKey: string, seen: unknown): void {
	if (allText(seen).includes(apiKey)) throw new Error('The API key leaked into the output or an error');
	for (const request of sim.elsewhere.received) {
		const text = `${allText(request.headers)}\n${request.body}`;
		if (text.includes(apiKey) || /bearer/i.test(text)) throw new Error(`The API key reached another host: ${request.method} ${request.path}`);
	}
}
