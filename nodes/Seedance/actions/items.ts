// Reading items' parameters, shaping output items and turning failures into n8n errors.

import {
	NodeApiError,
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { clientFor } from '../providers';
import type { ProviderClient } from '../providers/client';
import { ProviderError, attempt } from '../providers/errors';
import type { NormalizedTask } from '../providers/task';
import { ExecutionCancelledError, downloadToBinary } from '../providers/transport';
import { familyOf } from '../request/models';
import { describeIssues, limitsNotes, validateRequest, type GenerationRequest, type RuleIssue } from '../request/rules';
import type { ProviderId } from '../providers/catalog';
import { AmbiguousCreateError } from '../wait/runner';
import { readBinaryImages } from './video/imageSource';
import { carryBinaryImages } from '../request/binaryImage';

/** Values of a URL list: each entry may be an expression giving one URL, several, or an array. */
function urlsOf(ctx: IExecuteFunctions, name: string, i: number): unknown[] {
	const entries = ctx.getNodeParameter(`${name}.items`, i, []) as Array<{ url?: unknown }>;
	return entries.flatMap((entry) => {
		const value = entry.url;
		// One separator at a time: the empty pieces between two are dropped below.
		const list: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\n,](?=\s*(?:https?:|asset:|data:))/) : value === undefined || value === null ? [] : [value];
		// Anything but text stays as it is, so that validation names it instead of sending "[object Object]".
		return list.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
	});
}

/** A parameter as the expression gave it; nothing becomes the empty default. */
function raw(ctx: IExecuteFunctions, name: string, i: number, options?: { extractValue: boolean }): unknown {
	const value = ctx.getNodeParameter(name, i, '', options) as unknown;
	return value === undefined || value === null ? '' : value;
}

/** The generation request an item asks for, as read from the node's parameters (not yet checked). */
export function readRequest(ctx: IExecuteFunctions, i: number): Record<string, unknown> {
	const rawOptions = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const options = Object.fromEntries(Object.entries(rawOptions).filter(([, v]) => v !== '' && v !== undefined && v !== null));
	return {
		mode: ctx.getNodeParameter('mode', i),
		model: raw(ctx, 'model', i, { extractValue: true }),
		prompt: raw(ctx, 'prompt', i),
		firstFrameImage: raw(ctx, 'firstFrameImage', i),
		lastFrameImage: raw(ctx, 'lastFrameImage', i),
		sourceVideo: raw(ctx, 'sourceVideo', i),
		referenceImages: urlsOf(ctx, 'referenceImages', i),
		referenceVideos: urlsOf(ctx, 'referenceVideos', i),
		referenceAudios: urlsOf(ctx, 'referenceAudios', i),
		draftTaskId: raw(ctx, 'draftTaskId', i),
		options,
	};
}

export class InvalidItemError extends Error {
	constructor(readonly issues: RuleIssue[]) {
		super(describeIssues(issues));
		// Stryker disable next-line StringLiteral: never shown: toNodeError turns it into the node's error
		this.name = 'InvalidItemError';
	}
}

/** Reads and checks every item (images from binary data included) before anything is sent. */
export async function readValidRequests(ctx: IExecuteFunctions, provider: ProviderId, count: number): Promise<Array<GenerationRequest | InvalidItemError>> {
	const requests: Array<GenerationRequest | InvalidItemError> = [];
	for (let i = 0; i < count; i++) {
		const raw = readRequest(ctx, i);
		const binaryIssues = await readBinaryImages(ctx, i, provider, raw);
		const checked = binaryIssues.length ? { ok: false as const, issues: binaryIssues } : validateRequest(provider, raw);
		requests.push(checked.ok ? carryBinaryImages(raw, checked.request) : new InvalidItemError(checked.issues));
	}
	return requests;
}

/**
 * The provider client and every item's checked request. Without Continue On Fail, the first
 * invalid item stops the run here, before any request is sent.
 */
export async function checkedRequests(ctx: IExecuteFunctions, count: number) {
	const client = await clientFor(ctx);
	const requests = await readValidRequests(ctx, client.provider, count);
	const continueOnFail = ctx.continueOnFail();
	const invalid = requests.findIndex((r) => r instanceof InvalidItemError);
	if (invalid >= 0 && !continueOnFail) throw toNodeError(ctx.getNode(), requests[invalid], invalid);
	return { client, requests, continueOnFail };
}

/** Runs one item at a time; a failure becomes an error item with Continue On Fail, else stops the run. */
export async function perItem(ctx: IExecuteFunctions, count: number, work: (i: number) => Promise<INodeExecutionData[]>): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < count; i++) {
		const result = await attempt(async () => await work(i));
		if (result.ok) {
			output.push(...result.value);
			continue;
		}
		const error = toNodeError(ctx.getNode(), result.error, i);
		if (!ctx.continueOnFail()) throw error;
		output.push(errorItem(error, i));
	}
	return output;
}

/** The Task ID field of the operations that look a task up. */
export function taskIdField(description: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. cgt-20260101000000-abcde',
		description,
	};
}

/** The JSON users see for a task. */
export function taskJson(task: NormalizedTask, includeRaw: boolean, extra: IDataObject = {}): IDataObject {
	const { raw, ...fields } = task;
	return { ...fields, ...extra, ...(includeRaw && raw !== undefined ? { raw: raw as IDataObject } : {}) } as IDataObject;
}

/** Task IDs given in one field: an array, or IDs separated by commas, spaces or new lines. */
export function splitTaskIds(value: unknown): string[] {
	// One separator at a time: the empty pieces between two are dropped below.
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]/);
	return list.map((id) => id.trim()).filter(Boolean);
}

/**
 * The n8n error for a failure: what happened in the message, how to fix it in the description,
 * and `[item N]` when it belongs to an item (a trigger's poll has none).
 */
export function toNodeError(node: INode, error: unknown, i?: number): NodeApiError | NodeOperationError {
	const itemIndex = i;
	const at = i === undefined ? '' : ` [item ${i}]`;
	if (error instanceof InvalidItemError) {
		const first = error.issues[0];
		return new NodeOperationError(node, `${first.field}: ${first.message}${at}`, {
			itemIndex,
			description: error.issues.length > 1 ? `Also: ${describeIssues(error.issues.slice(1))}` : 'No request was sent for this item.',
		});
	}
	if (error instanceof AmbiguousCreateError) {
		return new NodeApiError(node, { message: error.message } as JsonObject, {
			itemIndex,
			message: `${error.message}${at}`,
			description: error.description,
		});
	}
	if (error instanceof ProviderError) {
		// Network codes stay out of the error response: n8n would swap the message for a generic one.
		const apiError = new NodeApiError(node, { message: error.message, ...(error.kind === 'http' && error.code ? { code: error.code } : {}) } as JsonObject, {
			itemIndex,
			// Stryker disable next-line StringLiteral: the message is set again below, after n8n's own rewording
			message: `${error.message}${at}`,
			description: error.description,
			httpCode: error.statusCode ? String(error.statusCode) : undefined,
		});
		// n8n swaps any message containing a system code (Ark's "ResourceNotFound" holds "ENOTFOUND")
		// for "The connection cannot be established": the provider's words are put back.
		apiError.message = `${error.message}${at}`;
		apiError.description = error.description;
		return apiError;
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
}

/** The error of an item whose task exists, naming that task if it does not yet. */
export function namingTask(error: unknown, taskId: string | undefined): unknown {
	if (!taskId || !(error instanceof ProviderError) || error.message.includes(taskId)) return error;
	return new ProviderError({ ...error, provider: error.provider, kind: error.kind, message: `${error.message} (task ${taskId})`, description: error.description, mayHaveReachedProvider: error.mayHaveReachedProvider });
}

/** Refusals that are about the request itself (not the key, the account or the rate). */
const REQUEST_REFUSED = new Set([400, 404, 422]);

/**
 * Sends one create. When the provider refuses a model the node does not know, the error says that
 * its limits were left to the provider, since the node checked only the universal rules.
 */
export async function createTask(client: ProviderClient, request: GenerationRequest): Promise<NormalizedTask> {
	const sent = await attempt(async () => await client.create(request));
	if (sent.ok) return sent.value;
	const error = sent.error;
	const { notes } = limitsNotes(request);
	// An unknown model always has notes (limitsNotes), so only the model is asked.
	if (familyOf(request.model) || !(error instanceof ProviderError) || !REQUEST_REFUSED.has(error.statusCode ?? 0)) throw error;
	throw new ProviderError({ ...error, provider: error.provider, kind: error.kind, message: error.message, description: `${error.description} ${notes ?? ''}`.trim(), mayHaveReachedProvider: error.mayHaveReachedProvider });
}

/** An error item for continueOnFail. */
export function errorItem(error: NodeApiError | NodeOperationError, i: number, extra: IDataObject = {}): INodeExecutionData {
	return { json: { ...extra, error: error.message, ...(error.description ? { errorDescription: error.description } : {}) }, pairedItem: { item: i } };
}

export function isCancellation(error: unknown): boolean {
	return error instanceof ExecutionCancelledError;
}

export interface DownloadSettings {
	video: boolean;
	videoProperty: string;
	lastFrame: boolean;
	lastFrameProperty: string;
}

/** Streams a succeeded task's files into binary data, each verified whole (tried twice, see downloadToBinary). */
export async function downloadResults(ctx: IExecuteFunctions | IWebhookFunctions, client: ProviderClient, task: NormalizedTask, settings: DownloadSettings): Promise<IBinaryKeyData | undefined> {
	if (task.status !== 'succeeded' || (!settings.video && !settings.lastFrame)) return undefined;
	const binary: IBinaryKeyData = {};
	if (settings.video) {
		const source = client.videoSource(task);
		if (!source) throw new ProviderError({ provider: client.provider, kind: 'shape', message: `Task ${task.id} succeeded but has no video URL`, description: 'Try the Get operation again in a moment.' });
		binary[settings.videoProperty] = await downloadToBinary(ctx, source, `${task.id}.mp4`, 'video/mp4', client.provider, task.id);
	}
	if (settings.lastFrame && task.lastFrameUrl) {
		binary[settings.lastFrameProperty] = await downloadToBinary(ctx, { url: task.lastFrameUrl, authenticated: false }, `${task.id}-last-frame.png`, 'image/png', client.provider, task.id);
	}
	return binary;
}
