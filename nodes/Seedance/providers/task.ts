// The one task model every provider's replies are mapped onto (PROVIDERS.md §5).

import { z } from 'zod';
import type { ProviderId } from './catalog';

export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINISHED: ReadonlySet<TaskStatus> = new Set(['succeeded', 'failed', 'cancelled', 'expired']);

export const normalizedTaskSchema = z.object({
	id: z.string(),
	provider: z.string(),
	status: z.enum(TASK_STATUSES),
	model: z.string().nullable(),
	/** 0–100 where the provider reports it. */
	progress: z.number().nullable(),
	videoUrl: z.string().nullable(),
	lastFrameUrl: z.string().nullable(),
	/** Seconds of video. */
	duration: z.number().nullable(),
	resolution: z.string().nullable(),
	ratio: z.string().nullable(),
	seed: z.number().nullable(),
	usage: z.object({ completionTokens: z.number().nullable(), totalTokens: z.number().nullable() }).nullable(),
	error: z.object({ code: z.string().nullable(), message: z.string() }).nullable(),
	createdAt: z.string().nullable(),
	updatedAt: z.string().nullable(),
	completedAt: z.string().nullable(),
	/** When the result URL stops working. */
	expiresAt: z.string().nullable(),
});

export type NormalizedTask = z.infer<typeof normalizedTaskSchema> & {
	/** The provider's reply as received, for the "include raw" option. */
	raw?: unknown;
};

/** A unix time in seconds or milliseconds (gateways differ) as an ISO string. */
export function isoTime(value: unknown): string | null {
	if (typeof value === 'string' && value && Number.isNaN(Number(value))) {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
	}
	const n = typeof value === 'string' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
	return new Date(n > 1e12 ? n : n * 1000).toISOString();
}

const ENDED_BADLY: ReadonlySet<TaskStatus> = new Set(['failed', 'cancelled', 'expired']);

/** A task with every field empty but the ones given; a task that ended badly always says so. */
export function task(provider: ProviderId, fields: Partial<NormalizedTask> & Pick<NormalizedTask, 'id' | 'status'>): NormalizedTask {
	const { id, status, ...rest } = fields;
	const error = fields.error ?? (ENDED_BADLY.has(status) ? { code: status, message: `The task ${status === 'failed' ? 'failed' : `was ${status}`} without a reason from the provider` } : null);
	return {
		id,
		status,
		provider,
		model: null,
		progress: null,
		videoUrl: null,
		lastFrameUrl: null,
		duration: null,
		resolution: null,
		ratio: null,
		seed: null,
		usage: null,
		createdAt: null,
		updatedAt: null,
		completedAt: null,
		expiresAt: null,
		...rest,
		error,
	};
}
