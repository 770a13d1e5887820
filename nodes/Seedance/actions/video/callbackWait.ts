// Create and Wait, "Wait By: Provider Callback": every item's task is created with the execution's
// resume URL as callback_url, the execution is parked (no process held, no polling), and each
// callback re-reads the execution's tasks; when all have finished, the node outputs every item as
// the polling mode does. n8n resumes a parked node by time without calling webhook() (it passes the
// input through), so the wait date is a last resort set past the tasks' own expiry: every task is
// created with an expiry, and the provider calls back when it expires.

import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { clientFor, type NormalizedTask, type ProviderClient } from '../../providers';
import { PROVIDERS } from '../../providers/catalog';
import { ProviderError, attempt } from '../../providers/errors';
import type { GenerationRequest } from '../../request/rules';
import { callbackUrlOf, isPublicUrl, loadPlan, savePlan, type CallbackPlan, type PlanItem } from '../../wait/callback';
import { forEachLimited, realClock, submit } from '../../wait/runner';
import { InvalidItemError, checkedRequests, createTask, downloadResults, errorItem, isCancellation, taskJson, toNodeError } from '../items';
import { readAllChecked } from '../parameters';
import { failedTaskError, itemSettings, readMaxInFlight, type ItemSettings } from './createAndWait.operation';

/** Terminal statuses: a callback naming a task only matters once the task could have ended. */
const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'expired']);
const ARK_MIN_EXPIRY_S = 3600;
const ARK_MAX_EXPIRY_S = 259_200;
/** Beyond the tasks' expiry: the provider's last callbacks (and their retries) have come by then. */
const LAST_RESORT_MS = 15 * 60_000;
/** Executions already resumed by this process, so that two callbacks at once resume once. */
const resumed = new Set<string>();

/**
 * Creates every item's task with a callback and parks the execution. Undefined when the node
 * must wait by polling instead (chosen, or callbacks cannot reach n8n: the user is told why).
 */
export async function parkForCallbacks(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[] | undefined> {
	const waitBy = ctx.getNodeParameter('waitBy', 0,
		// Stryker disable next-line StringLiteral: the fallback only has to differ from 'callback'
		'polling');
	if (waitBy !== 'callback') return undefined;
	const { client, requests, continueOnFail } = await checkedRequests(ctx, items.length);
	const resumeUrl = ctx.getWorkflowDataProxy(0).$execution?.resumeUrl as unknown;
	const why = !PROVIDERS[client.provider].canCallBack
		? `${PROVIDERS[client.provider].label} does not call back`
		: !isPublicUrl(resumeUrl)
			? `n8n's public URL (WEBHOOK_URL) is ${typeof resumeUrl === 'string' && resumeUrl ? `local (${new URL(resumeUrl).host})` : 'not set'}, so the provider cannot reach it`
			: undefined;
	if (why) {
		ctx.addExecutionHints({ message: `Waited by polling: ${why}. Set WEBHOOK_URL to n8n's public address to wait by callback.`, location: 'outputPane' });
		return undefined;
	}
	const callbackUrl = callbackUrlOf(resumeUrl as string);
	const signal = ctx.getExecutionCancelSignal();
	// Every operation parameter is checked before the first create, as when waiting by polling.
	const maxInFlight = readMaxInFlight(ctx);
	const settingsOf = readAllChecked(ctx, items.length, (i) => {
		const request = requests[i];
		return request instanceof InvalidItemError ? undefined : itemSettings(ctx, request, i);
	});
	const invalid = settingsOf.findIndex((s) => 'error' in s);
	if (invalid >= 0 && !continueOnFail) throw (settingsOf[invalid] as { error: Error }).error;

	const planned = await forEachLimited(requests, maxInFlight, async (request, i): Promise<PlanItem & { failure?: unknown }> => {
		const checked = settingsOf[i];
		const settings = 'value' in checked ? (checked.value as ItemSettings | undefined) : undefined;
		const now = Date.now();
		const base = {
			submittedAt: now,
			timeoutAt: now + (settings?.timeoutMs ?? 0),
			onTimeout: settings?.onTimeout ?? 'error',
			includeRaw: settings?.includeRaw ?? false,
			download: settings?.download ?? { video: false, videoProperty: 'data', lastFrame: false, lastFrameProperty: 'lastFrame' },
		};
		if (request instanceof InvalidItemError) return { ...base, failure: request };
		if ('error' in checked) return { ...base, failure: checked.error };
		// Stryker disable next-line OptionalChaining: an item without settings has returned above
		const expirySeconds = Math.min(ARK_MAX_EXPIRY_S, Math.max(ARK_MIN_EXPIRY_S, Math.ceil((settings?.timeoutMs ?? 0) / 1000)));
		const withCallback: GenerationRequest = {
			...request,
			options: { ...request.options, callbackUrl, executionExpiresAfter: request.options.executionExpiresAfter ?? expirySeconds },
		};
		const created = await attempt(async () => await submit(client, async () => await createTask(client, withCallback), settings!, realClock, signal));
		if (!created.ok) {
			if (isCancellation(created.error)) throw created.error;
			return { ...base, failure: created.error };
		}
		const expiresAt = created.value.createdAt ? Date.parse(created.value.createdAt) : now;
		return { ...base, taskId: created.value.id, timeoutAt: Math.max(base.timeoutAt, now), extra: { expiresAtMs: (Number.isNaN(expiresAt) ? now : expiresAt) + (withCallback.options.executionExpiresAfter ?? expirySeconds) * 1000 } };
	});

	const plan: CallbackPlan = { v: 1, items: [] };
	for (const [i, item] of planned.entries()) {
		const { failure, ...rest } = item;
		if (failure === undefined) {
			plan.items.push(rest);
			continue;
		}
		const error = toNodeError(ctx.getNode(), failure, i);
		if (!continueOnFail) {
			const others = planned.filter((p) => p.taskId).map((p) => p.taskId);
			// Stryker disable next-line MethodExpression: every failure here has a description, so there is no leading space to trim
			if (others.length) error.description = `${error.description ?? ''} Tasks created for other items: ${others.join(', ')}.`.trim();
			throw error;
		}
		plan.items.push({ ...rest, error: { message: error.message, ...(error.description ? { description: error.description } : {}) } });
	}
	// Nothing to wait for: every item failed before or at its create.
	if (!plan.items.some((p) => p.taskId)) return plan.items.map((p, i) => errorItemOf(ctx, p, i));
	savePlan(ctx, plan);
	const lastExpiry = Math.max(...plan.items.map((p) => Number(p.extra?.expiresAtMs ?? 0)));
	await ctx.putExecutionToWait(new Date(lastExpiry + LAST_RESORT_MS));
	// Stryker disable next-line OptionalChaining: an item without a task always has its error
	return plan.items.map((p, i) => ({ json: p.taskId ? { id: p.taskId, status: 'queued', waitingFor: 'callback' } : { error: p.error?.message }, pairedItem: { item: i } }));
}

function errorItemOf(ctx: IExecuteFunctions | IWebhookFunctions, p: PlanItem, i: number, extra: IDataObject = {}): INodeExecutionData {
	// Stryker disable next-line OptionalChaining,StringLiteral: only items without a task come here, and each has its error
	return { json: { ...extra, error: p.error?.message ?? '', ...(p.error?.description ? { errorDescription: p.error.description } : {}) }, pairedItem: { item: i } };
}

/**
 * The execution's tasks read again: in one list request where the provider lists by ID; else one
 * GET each, the calling task first, stopping at the first that has not finished (it will call back).
 */
async function readTasks(client: ProviderClient, ids: string[], caller: string, waitsFor: (task: NormalizedTask | undefined, id: string) => boolean): Promise<Map<string, NormalizedTask> | undefined> {
	const found = new Map<string, NormalizedTask>();
	if (client.getMany) {
		const many = await attempt(async () => await client.getMany!(ids));
		if (many.ok) {
			for (const task of many.value) found.set(task.id, task);
			return ids.some((id) => waitsFor(found.get(id), id)) ? undefined : found;
		}
	}
	for (const id of [caller, ...ids.filter((id) => id !== caller)]) {
		const one = await attempt(async () => await client.get(id));
		if (one.ok) found.set(id, one.value);
		if (waitsFor(found.get(id), id)) return undefined;
	}
	return found;
}

/**
 * A callback to a parked execution: answered 200 at once; the execution resumes (with every item)
 * only when all its tasks have finished or timed out, as read with the key, never from the body.
 */
export async function resumeOnCallback(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	ctx.getResponseObject().status(200).json({ received: true });
	const keepWaiting: IWebhookResponseData = { noWebhookResponse: true };
	const plan = loadPlan(ctx);
	if (!plan) return keepWaiting;
	const body = ctx.getBodyData() as IDataObject | undefined;
	const ids = plan.items.flatMap((p) => (p.taskId ? [p.taskId] : []));
	// A body naming none of this execution's tasks, or a status that cannot end one, costs no request.
	const caller = ids.find((id) => id === body?.id);
	if (caller === undefined || (typeof body?.status === 'string' && !FINISHED.has(body.status))) return keepWaiting;
	const executionId = ctx.getExecutionId();
	if (resumed.has(executionId)) return keepWaiting;

	const client = await clientFor(ctx);
	const now = Date.now();
	const timeoutOf = new Map(plan.items.map((p) => [p.taskId, p.timeoutAt]));
	// A task still running before its timeout keeps the execution waiting.
	const waitsFor = (task: NormalizedTask | undefined, id: string) => !FINISHED.has(task?.status ?? '') && now < (timeoutOf.get(id) ?? 0);
	const tasks = await readTasks(client, ids, caller, waitsFor);
	if (!tasks || resumed.has(executionId)) return keepWaiting;
	resumed.add(executionId);
	if (resumed.size > 1000) resumed.delete(resumed.values().next().value as string);

	const output: INodeExecutionData[] = [];
	for (const [i, p] of plan.items.entries()) {
		if (!p.taskId) {
			output.push(errorItemOf(ctx, p, i));
			continue;
		}
		const task = tasks.get(p.taskId);
		const stats = { waitedSeconds: Math.round((now - p.submittedAt) / 100) / 10, polls: 0, timedOut: !task || !FINISHED.has(task.status) };
		const result = await attempt(async (): Promise<INodeExecutionData> => {
			if (!task) throw new ProviderError({ provider: client.provider, kind: 'network', code: 'TIMEOUT', message: `Video task ${p.taskId} could not be read before the timeout`, description: `Fetch it later with the Get operation and task ID ${p.taskId}.` });
			if (stats.timedOut) {
				if (p.onTimeout === 'output') return { json: taskJson(task, p.includeRaw, stats), pairedItem: { item: i } };
				throw new ProviderError({ provider: client.provider, kind: 'network', code: 'TIMEOUT', message: `Video task ${task.id} was still ${task.status} at the timeout`, description: `The task goes on at the provider. Fetch it later with the Get operation and task ID ${task.id}, or raise Timeout (Minutes).` });
			}
			if (task.status !== 'succeeded') throw failedTaskError(task);
			const binary = await downloadResults(ctx, client, task, p.download);
			return { json: taskJson(task, p.includeRaw, stats), ...(binary ? { binary } : {}), pairedItem: { item: i } };
		});
		if (result.ok) output.push(result.value);
		// A resumed node cannot fail the execution: a failed item is an error item, as with Continue On Fail.
		else output.push(errorItem(toNodeError(ctx.getNode(), result.error, i), i, task ? { id: task.id, status: task.status } : { id: p.taskId }));
	}
	return { noWebhookResponse: true, workflowData: [output] };
}
