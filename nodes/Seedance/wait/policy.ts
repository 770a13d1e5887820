// When to look at a task again. A pure function of what has been seen so far, so that it can be
// driven by a virtual clock in the benchmarks; it knows nothing about providers.
//
// - Before the model could plausibly be done (75% of the shortest typical time), sleep.
// - Then look every 8% of the time elapsed, between 2 and 12 seconds: dense enough to see the end
//   within a few seconds, sparse enough to cost far fewer requests than a fixed short interval.
// - Where the provider reports progress, extrapolate the end from the last two readings and look
//   just after it.
// - After a failed look, back off exponentially (2 s … 60 s), and never sooner than Retry-After.

import type { TaskStatus } from '../providers/task';

export interface Observation {
	/** Milliseconds since the task was submitted. */
	atMs: number;
	status: TaskStatus;
	progress: number | null;
}

export interface ScheduleInput {
	/** Typical generation time of the model, in seconds [shortest, longest]. */
	expectedSeconds: readonly [number, number];
	/** Successful looks so far, oldest first. */
	observations: readonly Observation[];
	/** Milliseconds since the task was submitted. */
	elapsedMs: number;
	/** Failed looks since the last successful one. */
	errorsInARow: number;
	/** What the provider asked for with Retry-After, if anything. */
	retryAfterMs?: number;
}

export const SCHEDULE = {
	firstLookFraction: 0.75,
	growth: 0.08,
	minMs: 2_000,
	maxMs: 12_000,
	/** With progress the end is predicted, so the node may sleep longer than maxMs. */
	maxPredictedMs: 60_000,
	minPredictedMs: 1_000,
	errorBaseMs: 2_000,
	errorMaxMs: 60_000,
} as const;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The end time (ms since submission) predicted from the last two progress readings, if they allow it. */
export function predictedEndMs(observations: readonly Observation[]): number | undefined {
	const readings = observations.filter(
		(o) =>
			o.status === 'running' &&
			// Stryker disable next-line ConditionalExpression: null > 0 is false, so a missing progress is dropped either way
			o.progress !== null &&
			o.progress > 0,
	);
	if (readings.length < 2) return undefined;
	const a = readings[readings.length - 2];
	const b = readings[readings.length - 1];
	// Stryker disable next-line ConditionalExpression,LogicalOperator: every reading has a progress (filtered above); this only narrows the type
	if (b.progress === null || a.progress === null) return undefined;
	if (b.progress <= a.progress || b.progress >= 100) return undefined;
	const percentPerMs = (b.progress - a.progress) / (b.atMs - a.atMs);
	return b.atMs + (100 - b.progress) / percentPerMs;
}

/**
 * The floors and caps above are for real models (a minute or more). For a shorter expected time
 * (a user's own estimate, or the simulator's sped-up clock) they shrink in proportion, so the
 * schedule keeps its shape at any time scale.
 */
export function scaledLimits(expectedSeconds: readonly [number, number]) {
	const shortestMs = Math.max(1, expectedSeconds[0] * 1000);
	const scale = Math.min(1, shortestMs / 60_000);
	return {
		minMs: SCHEDULE.minMs * scale,
		maxMs: SCHEDULE.maxMs * scale,
		minPredictedMs: SCHEDULE.minPredictedMs * scale,
		maxPredictedMs: SCHEDULE.maxPredictedMs * scale,
		errorBaseMs: SCHEDULE.errorBaseMs * scale,
		errorMaxMs: SCHEDULE.errorMaxMs,
	};
}

export function nextPollDelayMs(input: ScheduleInput): number {
	const { elapsedMs } = input;
	const limits = scaledLimits(input.expectedSeconds);
	if (input.errorsInARow > 0) {
		const backoff = Math.min(limits.errorMaxMs, limits.errorBaseMs * 2 ** (input.errorsInARow - 1));
		return Math.max(backoff, input.retryAfterMs ?? 0);
	}
	const predicted = predictedEndMs(input.observations);
	if (predicted !== undefined) {
		// Aim just past the predicted end; a look that comes too early predicts again from closer up.
		const margin = Math.max(limits.minPredictedMs / 2, 0.01 * elapsedMs);
		return clamp(predicted + margin - elapsedMs, limits.minPredictedMs, limits.maxPredictedMs);
	}
	const firstLookMs = SCHEDULE.firstLookFraction * input.expectedSeconds[0] * 1000;
	if (elapsedMs < firstLookMs) return firstLookMs - elapsedMs;
	return clamp(SCHEDULE.growth * elapsedMs, limits.minMs, limits.maxMs);
}
