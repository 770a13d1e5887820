import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { ProviderError, attempt } from '../../providers/errors';
import type { NormalizedTask } from '../../providers/task';
import { UNKNOWN_TYPICAL_SECONDS, familyOf } from '../../request/models';
import { limitsNotes } from '../../request/rules';
import type { GenerationRequest } from '../../request/rules';
import { TaskGate } from '../../wait/gate';
import { TaskLooker } from '../../wait/looker';
import { forEachLimited, realClock, submit, waitForTask, type WaitSettings } from '../../wait/runner';
import { InvalidItemError, checkedRequests, createTask, downloadResults, errorItem, isCancellation, namingTask, taskJson, toNodeError } from '../items';
import { choiceValue, collectionValue, numberValue, readAllChecked, readChecked, readOutputSettings, type OutputSettings } from '../parameters';
import { downloadFields, generationFields, outputOptions } from './fields';
import { parkForCallbacks } from './callbackWait';
import { waitByFields } from './waitByFields';

const waitOptions: INodeProperties = {
	displayName: 'Wait Options',
	name: 'waitOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Expected Generation Time (Seconds)',
			name: 'expectedSeconds',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description: 'How long a video usually takes for you. 0 uses the model\'s typical time. The node looks rarely before it and every few seconds after.',
		},
		{
			displayName: 'Max Tasks at Once',
			name: 'maxInFlight',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: 500 },
			description: 'How many items may be generating at the same time. Lower it if the provider limits concurrent tasks; 1 makes one video after another.',
		},
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			default: 'error',
			options: [
				{ name: 'Fail the Item', value: 'error', description: 'The item fails with the task ID, so you can fetch it later with Get' },
				{ name: 'Output the Task as It Is', value: 'output', description: 'The item carries the last known task with timedOut: true' },
			],
		},
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeoutMinutes',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 0.05, maxValue: 4320 },
			description: 'How long to wait for each video after it was submitted',
		},
	],
};

const properties: INodeProperties[] = [...generationFields, ...downloadFields(true), ...waitByFields, waitOptions, outputOptions];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['createAndWait'] } }, properties);

const ON_TIMEOUT = ['error', 'output'] as const;

export type ItemSettings = WaitSettings & { onTimeout: (typeof ON_TIMEOUT)[number] } & OutputSettings;

/** An item's wait and output settings, checked: the model's typical time unless the user gave their own. */
export function itemSettings(ctx: IExecuteFunctions, request: GenerationRequest, i: number): ItemSettings {
	const options = collectionValue(
		// Stryker disable next-line StringLiteral: n8n hands a collection over as an object (anything else becomes its default), so this label never shows
		'Wait Options',
		ctx.getNodeParameter('waitOptions', i, {}),
	);
	const own = numberValue('Wait Options → Expected Generation Time (Seconds)', options.expectedSeconds, 0, { min: 0, max: 86_400 });
	const timeoutMinutes = numberValue('Wait Options → Timeout (Minutes)', options.timeoutMinutes, 30, { min: 0, aboveMin: true, max: 4320 });
	const typical = familyOf(request.model)?.typicalSeconds ?? UNKNOWN_TYPICAL_SECONDS;
	return {
		expectedSeconds: own > 0 ? [own * 0.5, own * 1.5] : typical,
		timeoutMs: timeoutMinutes * 60_000,
		maxErrorsInARow: 8,
		onTimeout: choiceValue(
			'Wait Options → On Timeout',
			options.onTimeout,
			// Stryker disable next-line StringLiteral: any value but 'output' fails the item, as 'error' does
			'error',
			ON_TIMEOUT,
		),
		...readOutputSettings(ctx, i, true),
	};
}

/** Max Tasks at Once, a setting of the whole run (read from the first item). */
export function readMaxInFlight(ctx: IExecuteFunctions): number {
	return readChecked(ctx, 0, () => {
		const options = collectionValue(
			// Stryker disable next-line StringLiteral: n8n hands a collection over as an object (anything else becomes its default), so this label never shows
			'Wait Options',
			ctx.getNodeParameter('waitOptions', 0, {}),
		);
		return numberValue('Wait Options → Max Tasks at Once', options.maxInFlight, 50, { min: 1, max: 500, integer: true });
	});
}

/**
 * The task as the user asked for it where the reply is silent: some replies omit ratio, resolution
 * or duration, and a gateway may name the upstream model instead of the one chosen (raw keeps it).
 */
export function asRequested(task: NormalizedTask, request: GenerationRequest): NormalizedTask {
	const o = request.options;
	return {
		...task,
		model: request.model.trim() || task.model,
		ratio: task.ratio ?? (typeof o.ratio === 'string' ? o.ratio : null),
		resolution: task.resolution ?? (typeof o.resolution === 'string' ? o.resolution : null),
		duration: task.duration ?? (typeof o.duration === 'number' && o.duration > 0 ? o.duration : null),
	};
}

export function failedTaskError(task: NormalizedTask): ProviderError {
	const reason = task.error?.message ?? `the task ended ${task.status}`;
	return new ProviderError({
		provider: task.provider as ProviderError['provider'],
		kind: 'http',
		code: task.error?.code ?? task.status,
		message: `The video task ${task.id} ${task.status === 'failed' ? 'failed' : `was ${task.status}`}: ${reason}`,
		description:
			task.status === 'expired'
				? 'The task did not finish before its expiry time. Submit it again, or raise Expire After.'
				: task.error?.code?.includes('Sensitive')
					? 'The provider\'s content filter rejected the result; change the prompt or images.'
					: 'Failed tasks are not billed by most providers. Check the inputs and try again.',
	});
}

interface Outcome {
	json?: IDataObject;
	binary?: INodeExecutionData['binary'];
	error?: unknown;
	task?: NormalizedTask;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Wait By: Provider Callback parks the execution; undefined means wait by polling below.
	const parked = await parkForCallbacks(this, items);
	if (parked) return parked;
	const { client, requests, continueOnFail } = await checkedRequests(this, items.length);
	// Every operation parameter is checked before the first create.
	const maxInFlight = readMaxInFlight(this);
	const settingsOf = readAllChecked(this, items.length, (i) => {
		const request = requests[i];
		return request instanceof InvalidItemError ? undefined : itemSettings(this, request, i);
	});
	const invalid = settingsOf.findIndex((s) => 'error' in s);
	if (invalid >= 0 && !continueOnFail) throw (settingsOf[invalid] as { error: Error }).error;

	const signal = this.getExecutionCancelSignal();
	const gate = new TaskGate({ max: maxInFlight });
	const looker = new TaskLooker(client, realClock);
	const outcomes = await forEachLimited(requests, maxInFlight, async (request, i): Promise<Outcome> => {
		if (request instanceof InvalidItemError) return { error: request };
		const checked = settingsOf[i];
		if ('error' in checked) return { error: checked.error };
		const settings = checked.value as ItemSettings;
		let task: NormalizedTask | undefined;
		let holdsSlot = false;
		const result = await attempt(async (): Promise<Outcome> => {
			task = await submit(client, async () => await createTask(client, request), settings, realClock, signal, gate);
			holdsSlot = true;
			const waited = await waitForTask(looker, task, settings, realClock, signal);
			task = asRequested(waited.task, request);
			// The provider's slot is free once the task is over; the download does not need it.
			gate.release(true);
			holdsSlot = false;
			const stats = { waitedSeconds: Math.round(waited.waitedMs / 100) / 10, polls: waited.polls, timedOut: waited.timedOut };
			if (waited.timedOut) {
				if (settings.onTimeout === 'output') return { json: taskJson(task, settings.includeRaw, { ...stats, ...limitsNotes(request) }), task };
				throw new ProviderError({
					provider: client.provider,
					// Stryker disable next-line StringLiteral: shown nowhere: toNodeError shows the code of http errors only
					kind: 'network',
					// Stryker disable next-line StringLiteral: shown nowhere: toNodeError shows the code of http errors only
					code: 'TIMEOUT',
					message: `Video task ${task.id} was still ${task.status} after ${settings.timeoutMs / 60_000} minutes`,
					description: `The task goes on at the provider. Fetch it later with the Get operation and task ID ${task.id}, or raise Timeout (Minutes).`,
				});
			}
			if (task.status !== 'succeeded') throw failedTaskError(task);
			const binary = await downloadResults(this, client, task, settings.download);
			return { json: taskJson(task, settings.includeRaw, { ...stats, ...limitsNotes(request) }), binary, task };
		});
		if (holdsSlot) gate.release(true);
		if (result.ok) return result.value;
		if (isCancellation(result.error)) throw result.error;
		return { error: result.error, task };
	});

	const output: INodeExecutionData[] = [];
	for (const [i, outcome] of outcomes.entries()) {
		if (outcome.error === undefined) {
			output.push({ json: outcome.json ?? {}, ...(outcome.binary ? { binary: outcome.binary } : {}), pairedItem: { item: i } });
			continue;
		}
		const error = toNodeError(this.getNode(), namingTask(outcome.error, outcome.task?.id), i);
		if (!continueOnFail) {
			// Stryker disable next-line OptionalChaining: the filter keeps only outcomes with a task
			const others = outcomes.filter((o, j) => j !== i && o.task).map((o) => `${o.task?.id} (${o.task?.status})`);
			// Stryker disable next-line MethodExpression: every failure here has a description, so there is no leading space to trim
			if (others.length) error.description = `${error.description ?? ''} Other items' tasks: ${others.join(', ')}.`.trim();
			throw error;
		}
		output.push(errorItem(error, i, outcome.task ? { id: outcome.task.id, status: outcome.task.status } : {}));
	}
	return output;
}
