// The trigger's "On Provider Callback" mode: a provider POSTs a task to the node's webhook URL.
// Callbacks are unsigned, so the body only names a task: the task is read again with the key, and
// emitted once per event (duplicates and retries are dropped, in static data and in this process).

import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { clientFor, type NormalizedTask, type ProviderClient } from '../providers';
import { PROVIDERS } from '../providers/catalog';
import { attempt } from '../providers/errors';
import { TriggerMemory, bucketOf, createdSeconds, readState, writeState } from './state';

/** Where callback mode keeps its state in the node's static data (apart from the polling state). */
const STATE_KEY = 'seedanceCallback';
/** What a body must look like to name a task: anything else costs no request. */
const TASK_ID = /^[\w.:-]{1,128}$/;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'expired']);
/** Tasks being handled or just emitted in this process, so that concurrent duplicates emit once. */
const claimed = new Set<string>();
const MAX_CLAIMED = 10_000;

export interface CallbackSettings {
	wanted: (task: NormalizedTask) => boolean;
	toItem: (task: NormalizedTask, client: ProviderClient) => Promise<INodeExecutionData>;
}

/** One event of a task: a task emits once as succeeded and once as ended badly at most. */
export function eventKey(task: Pick<NormalizedTask, 'id' | 'status'>): string {
	return `${task.id}#${task.status === 'succeeded' ? 'ok' : 'end'}`;
}

/** Answers the provider at once (200), whatever the body: nothing tells a caller what the account holds. */
function acknowledge(ctx: IWebhookFunctions) {
	const res = ctx.getResponseObject();
	res.status(200).json({ received: true });
}

export async function onCallback(ctx: IWebhookFunctions, settings: CallbackSettings): Promise<IWebhookResponseData> {
	acknowledge(ctx);
	const nothing: IWebhookResponseData = { noWebhookResponse: true };
	const body = ctx.getBodyData() as IDataObject;
	const id = body?.id;
	// Queued and running callbacks are not events; a status the body claims is never trusted, only used to skip.
	if (typeof id !== 'string' || !TASK_ID.test(id) || (typeof body.status === 'string' && !FINISHED.has(body.status))) return nothing;

	const staticData = ctx.getWorkflowStaticData('node');
	const memory = new TriggerMemory(readState({ seedance: staticData[STATE_KEY] }));
	// Stryker disable next-line StringLiteral: any constant serves a workflow without an ID (claims live in this process only)
	const workflowId = ctx.getWorkflow().id ?? '';
	const claimKey = `${workflowId}/${ctx.getNode().id}/${id}`;
	if (claimed.has(claimKey) || (memory.has(`${id}#ok`) && memory.has(`${id}#end`))) return nothing;
	claimed.add(claimKey);
	let emitted = false;
	try {
		const client = await clientFor(ctx);
		if (!PROVIDERS[client.provider].canCallBack) return nothing;
		const read = await attempt(async () => await client.get(id));
		// A task this account does not have (forged, another account's, a typo) emits nothing.
		if (!read.ok || read.value.id !== id) return nothing;
		const task = read.value;
		if (!FINISHED.has(task.status) || !settings.wanted(task) || memory.has(eventKey(task))) return nothing;
		const item = await settings.toItem(task, client);
		const at = createdSeconds(task.updatedAt) ?? createdSeconds(task.completedAt) ?? createdSeconds(task.createdAt);
		memory.markSeen(eventKey(task), bucketOf(at, memory.watermark));
		if (at !== undefined) memory.watermark = Math.max(memory.watermark ?? at, at);
		memory.primed = true;
		const holder: IDataObject = {};
		writeState(holder, memory.toState());
		staticData[STATE_KEY] = holder.seedance;
		emitted = true;
		return { noWebhookResponse: true, workflowData: [[item]] };
	} finally {
		// Emitted tasks stay claimed (a retry may arrive before static data is saved); others may come again.
		if (!emitted) claimed.delete(claimKey);
		else if (claimed.size > MAX_CLAIMED) claimed.delete(claimed.values().next().value as string);
	}
}
