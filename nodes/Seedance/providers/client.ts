// What every provider client offers, and the reply-reading helpers they share.

import type { z } from 'zod';
import type { GenerationRequest } from '../request/rules';
import type { ProviderId } from './catalog';
import { shapeError } from './errors';
import type { NormalizedTask, TaskStatus } from './task';
import { readJson, type Http, type HttpReply } from './transport';

export interface ListQuery {
	status?: TaskStatus;
	model?: string;
	/** Where to continue from: a page number or the provider's cursor, as the last page returned it. */
	cursor?: string;
	pageSize: number;
}

export interface ListPage {
	tasks: NormalizedTask[];
	nextCursor?: string;
	total?: number;
}

export interface CancelResult {
	id: string;
	/** What happened: a queued task was cancelled, a finished task's record was deleted, or the provider did not say. */
	outcome: 'cancelled' | 'deleted' | 'unknown';
}

export interface ProviderClient {
	readonly provider: ProviderId;
	/** Submits a generation. Never retried by the client: a paid request is sent once. */
	create(request: GenerationRequest): Promise<NormalizedTask>;
	get(id: string): Promise<NormalizedTask>;
	/**
	 * Several tasks by ID in as few requests as the provider allows (where it can list by ID).
	 * IDs the provider does not know (purged, deleted, a typo) are simply absent from the result.
	 */
	getMany?(ids: readonly string[]): Promise<NormalizedTask[]>;
	/** Tasks of the account, newest first, where the provider can list them. */
	list?(query: ListQuery): Promise<ListPage>;
	cancel?(id: string): Promise<CancelResult>;
	/** Where a succeeded task's video is, and whether fetching it needs the API key. */
	videoSource(task: NormalizedTask): { url: string; authenticated: boolean } | undefined;
}

/** A reply checked against a schema; a mismatch names what came back. */
export function parseReply<T extends z.ZodTypeAny>(provider: ProviderId, reply: HttpReply, schema: T, what: string): z.infer<T> {
	const body = readJson(provider, reply);
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		throw shapeError(provider, `${what} did not have the expected shape (${first.path.join('.') || 'body'}: ${first.message})`, reply.text);
	}
	return parsed.data;
}

/** A provider status word in the normalized vocabulary, or an error that names it. */
export function mapStatus(provider: ProviderId, vocabulary: Record<string, TaskStatus>, status: string, rawText: string): TaskStatus {
	const mapped = vocabulary[status];
	if (!mapped) throw shapeError(provider, `unknown task status "${status}"`, rawText);
	return mapped;
}

export const nullable = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);

export type { Http };
