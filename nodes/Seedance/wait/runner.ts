// Submits many generations and waits for all of them together. Each item runs its own lifecycle
// (submit, look, download) while the gate (gate.ts) bounds the tasks out at once; the schedule comes
// from policy.ts and the looks go through looker.ts. It knows nothing about providers beyond the
// client interface.

import { sleep as n8nSleep } from 'n8n-workflow';
import type { ProviderClient } from '../providers/client';
import { ProviderError, attempt } from '../providers/errors';
import { FINISHED, type NormalizedTask } from '../providers/task';
import { ExecutionCancelledError } from '../providers/transport';
import { withJitter, type TaskGate } from './gate';
import type { TaskLooker } from './looker';
import { nextPollDelayMs, scaledLimits, type Observation } from './policy';

export interface Clock {
	now(): number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await n8nSleep(Math.max(0, ms), signal),
};

export interface WaitSettings {
	/** Typical generation time in seconds, [shortest, longest]. */
	expectedSeconds: readonly [number, number];
	/** Give up waiting this long after submission. */
	timeoutMs: number;
	/** Consecutive failed looks before the item fails. */
	maxErrorsInARow: number;
}

export interface WaitResult {
	task: NormalizedTask;
	timedOut: boolean;
	polls: number;
	waitedMs: number;
}

/** Thrown when a create failed in a way that may still have started a (paid) task. */
export class AmbiguousCreateError extends Error {
	constructor(readonly cause: ProviderError) {
		super(`${cause.message}. The task may have been created anyway`);
		this.name = 'AmbiguousCreateError';
	}

	get description() {
		return `${this.cause.description} The request was not sent again, so that the video is not paid for twice. Look for the task in the provider's console (or with the List operation) before running this item again.`;
	}
}

async function pause(clock: Clock, ms: number, signal?: AbortSignal) {
	if (signal?.aborted) throw new ExecutionCancelledError();
	const slept = await attempt(async () => await clock.sleep(ms, signal));
	// A sleep cut short by the cancel signal rejects with the signal's reason; report it as such.
	if (signal?.aborted) throw new ExecutionCancelledError();
	if (!slept.ok) throw slept.error;
}

/**
 * Submits once. Sends again only when the provider surely did not accept the request (rate limit,
 * connection refused), never after a reset, timeout or server error that may have started a task.
 * With a gate, a slot is held from the create on (the caller releases it when the task is over);
 * a 429 gives the slot back, and the retry waits Retry-After with jitter and then for a slot.
 */
export async function submit(
	client: ProviderClient,
	send: () => Promise<NormalizedTask>,
	settings: Pick<WaitSettings, 'timeoutMs' | 'expectedSeconds'>,
	clock: Clock,
	signal?: AbortSignal,
	gate?: TaskGate,
): Promise<NormalizedTask> {
	const started = clock.now();
	const limits = scaledLimits(settings.expectedSeconds);
	for (let tries = 1; ; tries++) {
		if (signal?.aborted) throw new ExecutionCancelledError();
		if (gate) await acquire(gate, signal, tries > 1);
		const sent = await attempt(send);
		if (sent.ok) {
			gate?.createAccepted();
			return sent.value;
		}
		const error = sent.error;
		if (gate && error instanceof ProviderError && error.statusCode === 429) gate.createRefused();
		else gate?.release(false);
		if (!(error instanceof ProviderError)) throw error;
		if (!error.createSurelyRejected) throw new AmbiguousCreateError(error);
		// A rate limit is waited out; a refused connection is tried three times (it may be a wrong URL).
		if (error.statusCode !== 429 && !(error.kind === 'network' && tries < 3)) throw error;
		const backoff = Math.min(limits.errorMaxMs, limits.errorBaseMs * 2 ** Math.min(tries - 1, 6));
		const wait = withJitter(error.retryAfterMs ?? backoff);
		if (clock.now() - started + wait > settings.timeoutMs) throw error;
		await pause(clock, wait, signal);
	}
}

async function acquire(gate: TaskGate, signal: AbortSignal | undefined, retry: boolean) {
	const got = await attempt(async () => await gate.acquire(signal, retry));
	if (signal?.aborted) throw new ExecutionCancelledError();
	if (!got.ok) throw got.error;
}

/** A pause that ends early when `wake` is called (a look made for another task saw this one end). */
async function pauseUntilWoken(clock: Clock, ms: number, signal: AbortSignal | undefined, onWake: (wake: (() => void) | undefined) => void) {
	if (signal?.aborted) throw new ExecutionCancelledError();
	const woken = new AbortController();
	const stop = () => woken.abort();
	signal?.addEventListener('abort', stop, { once: true });
	onWake(stop);
	const slept = await attempt(async () => await clock.sleep(ms, woken.signal));
	onWake(undefined);
	signal?.removeEventListener('abort', stop);
	if (signal?.aborted) throw new ExecutionCancelledError();
	if (!slept.ok && !woken.signal.aborted) throw slept.error;
}

/** Looks at one task until it finishes, times out or keeps failing to answer. */
export async function waitForTask(
	looker: TaskLooker,
	created: NormalizedTask,
	settings: WaitSettings,
	clock: Clock,
	signal?: AbortSignal,
): Promise<WaitResult> {
	const submittedAt = clock.now();
	const observations: Observation[] = [];
	let last = created;
	let polls = 0;
	let errorsInARow = 0;
	let retryAfterMs: number | undefined;
	let lastSeenAt = submittedAt;
	if (FINISHED.has(created.status)) return { task: created, timedOut: false, polls, waitedMs: 0 };
	looker.watch(created.id);
	try {
		for (;;) {
			const elapsedMs = clock.now() - submittedAt;
			const delay = nextPollDelayMs({ expectedSeconds: settings.expectedSeconds, observations, elapsedMs, errorsInARow, retryAfterMs });
			const left = settings.timeoutMs - elapsedMs;
			if (left <= 0) return { task: last, timedOut: true, polls, waitedMs: elapsedMs };
			const sleptFrom = clock.now();
			// Counted from when the task was last seen, in whole steps: tasks seen by the same list stay in
			// step, so that one list a round serves them all (a task seen ending is woken by any list).
			const sinceSeen = sleptFrom - lastSeenAt;
			const inStep = delay > 0 ? delay - (sinceSeen % delay) : 0;
			const wait = Math.max(0, Math.min(errorsInARow > 0 ? delay : inStep, left));
			await pauseUntilWoken(clock, wait, signal, (wake) => looker.onSeenFinished(created.id, wake));
			polls += 1;
			// A list made for another task during this pause serves as this task's look (a task seen
			// finished by it was woken at once); after a failed look, only a new one will do.
			const freshSince = errorsInARow > 0 ? clock.now() : sleptFrom;
			const looked = await attempt(async () => await looker.look(created.id, freshSince));
			if (looked.ok) {
				last = looked.value.task;
				lastSeenAt = looked.value.atMs;
				errorsInARow = 0;
				retryAfterMs = undefined;
				observations.push({ atMs: looked.value.atMs - submittedAt, status: last.status, progress: last.progress });
				if (FINISHED.has(last.status)) return { task: last, timedOut: false, polls, waitedMs: clock.now() - submittedAt };
			} else {
				const error = looked.error;
				if (!(error instanceof ProviderError) || !error.isTransient) throw error;
				errorsInARow += 1;
				retryAfterMs = error.retryAfterMs;
				if (errorsInARow >= settings.maxErrorsInARow) {
					throw new ProviderError({
						provider: error.provider,
						kind: error.kind,
						statusCode: error.statusCode,
						code: error.code,
						message: `${error.message} (${errorsInARow} looks in a row failed; task ${created.id} may still finish)`,
						description: `${error.description} Use the Get operation with task ID ${created.id} later.`,
					});
				}
			}
		}
	} finally {
		looker.unwatch(created.id);
	}
}

/** Runs `work` for every item with at most `limit` running at once, in item order. */
export async function forEachLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}
