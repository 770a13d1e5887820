// Reading the account's task list incrementally: from the newest task down to the watermark (the
// newest task a previous poll read), so an idle poll reads one small page. A scan stopped by the
// time budget continues from its cursor; a cursor the provider refuses restarts from the newest.

import type { NormalizedTask, ProviderClient } from '../providers';
import { ProviderError, attempt } from '../providers/errors';
import { SLACK_SECONDS, createdSeconds, type PendingScan } from './state';

const PAGE_SIZE = 500;
/** An idle poll's first look: small, since usually nothing below its first tasks is new. */
const PROBE_SIZE = 20;

export interface ScanOutcome {
	/** Tasks above the floor, newest first, possibly twice (pages shift while tasks are created). */
	tasks: NormalizedTask[];
	/** Where to continue next poll, when the time budget ran out first. */
	pending?: PendingScan;
	/** The newest creation time read (s). */
	newest?: number;
}

/** Whether the provider refused a stored cursor (it names a deleted task, or is out of range). */
function refusesCursor(error: unknown): boolean {
	if (!(error instanceof ProviderError) || error.kind !== 'http') return false;
	const status = error.statusCode ?? 0;
	return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}

/**
 * Lists from `start` (a pending scan, or the newest task) down to `floor` (s; 0 reads to the end).
 * Stops at the first already known task below the floor. At least one full page is read per call,
 * so a slow provider still makes progress.
 */
export async function scanList(
	client: ProviderClient,
	query: { model?: string },
	start: PendingScan,
	deadline: number,
	known: (id: string) => boolean,
): Promise<ScanOutcome> {
	const head = start.cursor === undefined;
	const probe = head && start.floor > 0;
	const tasks: NormalizedTask[] = [];
	let newest: number | undefined;
	let cursor = start.cursor;
	let pageSize = probe ? PROBE_SIZE : PAGE_SIZE;
	let fullPages = 0;
	for (;;) {
		const listed = await attempt(async () => await client.list!({ model: query.model, cursor, pageSize }));
		if (!listed.ok) {
			if (cursor === undefined || !refusesCursor(listed.error)) throw listed.error;
			// The task the cursor names is gone: read again from the newest; the floor still bounds it.
			cursor = undefined;
			pageSize = PAGE_SIZE;
			continue;
		}
		const page = listed.value;
		let reachedFloor = false;
		for (const task of page.tasks) {
			const created = createdSeconds(task.createdAt);
			// Below the floor everything was read before: stop at the first known task there (at the
			// floor itself only when reading from the newest: a continued scan re-reads shifted tasks),
			// or anywhere well below it, should the known ones have been deleted.
			const atOrBelow = created === undefined || created < start.floor || (head && created === start.floor);
			if ((atOrBelow && known(task.id)) || (created ?? Infinity) < start.floor - SLACK_SECONDS) {
				reachedFloor = true;
				break;
			}
			if (created !== undefined) newest = Math.max(newest ?? created, created);
			tasks.push(task);
		}
		if (reachedFloor || !page.nextCursor) return { tasks, newest };
		if (pageSize === PROBE_SIZE) {
			// More is new than the probe held: read from the newest again, in full pages.
			pageSize = PAGE_SIZE;
			cursor = undefined;
			continue;
		}
		cursor = page.nextCursor;
		fullPages += 1;
		if (fullPages >= 1 && Date.now() > deadline) return { tasks, newest, pending: { cursor, floor: start.floor } };
	}
}
