// Looking up watched tasks by ID: in batches where the client lists by ID, else one GET each.
// Each ID gets its own outcome, so one task the provider no longer knows never fails the others.

import type { NormalizedTask, ProviderClient } from '../providers';
import { ProviderError, attempt } from '../providers/errors';
import { forEachLimited } from '../wait/runner';

const BATCH = 500;
const GETS_AT_ONCE = 5;

export type LookupOutcome = { task: NormalizedTask } | { error: Error; notFound: boolean };

/** Errors that concern the whole account, not one task: the poll fails and changes nothing. */
export function failsThePoll(error: unknown): boolean {
	if (!(error instanceof ProviderError)) return false;
	if (error.kind === 'network') return true;
	return error.statusCode === 401 || error.statusCode === 403 || error.statusCode === 429;
}

function notFoundError(client: ProviderClient, id: string): ProviderError {
	return new ProviderError({
		provider: client.provider, kind: 'http', statusCode: 404, message: `Task ${id} is not known to the provider`,
		description: 'It was deleted, purged after the provider\'s retention time, or the ID is mistyped. Remove it from Task IDs.',
	});
}

/** Outcomes for the IDs it reached before the deadline (the rest are looked up next poll). */
export async function lookUp(client: ProviderClient, ids: readonly string[], deadline: number): Promise<Map<string, LookupOutcome>> {
	const outcomes = new Map<string, LookupOutcome>();
	// Stryker disable next-line ConditionalExpression: a shortcut, an empty list makes no request and no outcome either way
	if (ids.length === 0) return outcomes;
	const getMany = client.getMany;
	// Stryker disable next-line ConditionalExpression: without getMany the batch attempt fails as a TypeError, which falls back to one GET each
	if (getMany) {
		const batched = await attempt(async () => {
			for (let i = 0; i < ids.length && (i === 0 || Date.now() <= deadline); i += BATCH) {
				const batch = ids.slice(i, i + BATCH);
				const found = new Map((await getMany(batch)).map((t) => [t.id, t]));
				for (const id of batch) {
					const task = found.get(id);
					outcomes.set(id, task ? { task } : { error: notFoundError(client, id), notFound: true });
				}
			}
		});
		if (batched.ok) return outcomes;
		if (failsThePoll(batched.error)) throw batched.error;
		// The batch route failed: look at each task on its own below.
		outcomes.clear();
	}
	let reached = 0;
	await forEachLimited(ids, GETS_AT_ONCE, async (id) => {
		// Stryker disable next-line EqualityOperator: a deadline met to the millisecond is as good as either side of it
		if (reached > 0 && Date.now() > deadline) return;
		reached += 1;
		const looked = await attempt(async () => await client.get(id));
		if (looked.ok) return void outcomes.set(id, { task: looked.value });
		const error = looked.error;
		if (failsThePoll(error)) throw error;
		const notFound = error instanceof ProviderError && (error.statusCode === 404 || error.statusCode === 410);
		outcomes.set(id, { error: error instanceof Error ? error : new Error(String(error)), notFound });
	});
	return outcomes;
}
