// One poll of the Seedance Trigger: read what can have changed (new tasks above the watermark, or
// the listed IDs), look up the watched unfinished tasks by ID, emit each finished task once.
// A task that cannot be looked up or downloaded is tried again at the next polls, then emitted
// once with an `error` field; it never holds back the others.

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import type { NormalizedTask, ProviderClient } from '../providers';
import { ProviderError } from '../providers/errors';
import { FINISHED } from '../providers/task';
import { lookUp } from './lookup';
import { scanList } from './scan';
import { ID_BUCKET, TriggerMemory, bucketOf, createdSeconds, readState, writeState } from './state';

/** Polls a task is tried (looked up, downloaded) before it is emitted with the error. */
export const MAX_ATTEMPTS = 3;

export interface PollSettings {
	client: ProviderClient;
	/** The listed task IDs, or undefined for all tasks of the account. */
	ids?: string[];
	model?: string;
	wanted: (task: NormalizedTask) => boolean;
	/** The item's JSON of a task, without downloads. */
	toJson: (task: NormalizedTask) => IDataObject;
	/** Builds the item of a finished task (downloads included); throws when that fails. */
	toItem: (task: NormalizedTask) => Promise<INodeExecutionData>;
	deadline: number;
}

interface Failure {
	code: string | null;
	message: string;
	description?: string;
}

function failureOf(error: unknown, code: string): Failure {
	if (error instanceof ProviderError) return { code: error.code ?? code, message: error.message, description: error.description };
	const e = error as { message?: string; description?: string };
	return { code, message: String(e?.message ?? error), ...(e?.description ? { description: e.description } : {}) };
}

/** Runs one poll against the stored state; returns the items to emit (none: null). */
export async function pollOnce(ctx: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[] | null> {
	const { client, ids, wanted, deadline } = settings;
	const staticData = ctx.getWorkflowStaticData('node');
	const memory = new TriggerMemory(readState(staticData));
	// A primed account state whose watermark is lost would read (and emit) everything again: record anew.
	if (!ids && memory.primed && memory.watermark === undefined && memory.seenCount > 0) memory.primed = false;
	const emitting = memory.primed;
	// Tasks seen unfinished before are new whatever else was lost: they are emitted even while recording anew.
	const watchedBefore = ids ? new Set<string>() : new Set(memory.watch.keys());
	const items: Array<{ order: number; item: INodeExecutionData }> = [];
	const observed = new Map<string, NormalizedTask>();
	let complete = true;

	if (ids) {
		for (const id of ids) if (!memory.has(id) && !memory.watch.has(id)) memory.watch.set(id, [0, 0]);
	} else {
		// A pending scan first; the head (new tasks) once it is done.
		const starts = memory.scan ? [memory.scan, undefined] : [undefined];
		for (const pending of starts) {
			// Out of time after a continued scan: the head waits for the next poll (the watermark bounds it).
			// Stryker disable next-line EqualityOperator: a deadline met to the millisecond is as good as either side of it
			if (!pending && Date.now() > deadline && observed.size > 0) break;
			const floor = pending ? pending.floor : emitting ? (memory.watermark ?? 0) : 0;
			const outcome = await scanList(client, { model: settings.model }, pending ?? { floor }, deadline, (id) => memory.has(id) || memory.watch.has(id));
			// Stryker disable next-line ConditionalExpression: a task listed twice in one poll is the same task, either read serves (the next poll sees any change)
			for (const task of outcome.tasks) if (!observed.has(task.id)) observed.set(task.id, task);
			if (outcome.newest !== undefined) memory.watermark = Math.max(memory.watermark ?? 0, outcome.newest);
			memory.scan = outcome.pending;
			if (outcome.pending) {
				complete = false;
				break;
			}
		}
	}

	// Watched tasks the scan did not show are looked up by ID.
	const toLookUp = [...memory.watch.keys()].filter((id) => !observed.has(id));
	const outcomes = await lookUp(client, toLookUp, deadline);
	if (ids && outcomes.size < toLookUp.length) complete = false;

	const handle = async (order: number, task: NormalizedTask, attempts: number) => {
		const created = createdSeconds(task.createdAt);
		const bucket = ids ? ID_BUCKET : bucketOf(created, memory.watermark);
		if (memory.has(task.id)) return;
		if (!FINISHED.has(task.status)) {
			memory.keepWatching(task.id, created ?? 0, 0);
			return;
		}
		if (!(emitting || watchedBefore.has(task.id)) || !wanted(task)) {
			memory.markSeen(task.id, bucket);
			return;
		}
		try {
			items.push({ order, item: await settings.toItem(task) });
			memory.markSeen(task.id, bucket);
		} catch (error) {
			// A download belongs to its task alone (an expired URL, a broken file host).
			if (attempts + 1 < MAX_ATTEMPTS) return memory.keepWatching(task.id, created ?? 0, attempts + 1);
			items.push({ order, item: { json: { ...settings.toJson(task), error: failureOf(error, 'DownloadFailed') as unknown as IDataObject } } });
			memory.markSeen(task.id, bucket);
		}
	};

	let order = 0;
	for (const task of observed.values()) await handle(order++, task, memory.watch.get(task.id)?.[1] ?? 0);
	for (const [id, outcome] of outcomes) {
		const attempts = memory.watch.get(id)?.[1] ?? 0;
		if ('task' in outcome) {
			await handle(order++, outcome.task, attempts);
			continue;
		}
		const created = memory.watch.get(id)?.[0] ?? 0;
		if (attempts + 1 < MAX_ATTEMPTS) {
			memory.keepWatching(id, created, attempts + 1);
		} else if (!ids && outcome.notFound) {
			// A watched task of the account that was deleted never reached an event: forget it.
			memory.watch.delete(id);
		} else {
			if (emitting || watchedBefore.has(id)) items.push({ order: order++, item: { json: { id, status: null, error: failureOf(outcome.error, 'TaskNotFound') as unknown as IDataObject } } });
			memory.markSeen(id, ids ? ID_BUCKET : bucketOf(created || undefined, memory.watermark));
		}
	}

	if (complete) memory.primed = true;
	writeState(staticData, memory.toState(ids ? new Set(ids) : undefined));
	if (items.length === 0) return null;
	// Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: items are handled one after another, so they are pushed in order already
	return items.sort((a, b) => a.order - b.order).map((i) => i.item);
}
