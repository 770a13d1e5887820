import {
	NodeConnectionTypes,
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { clientFor, type NormalizedTask, type ProviderClient } from './providers';
import { PROVIDERS } from './providers/catalog';
import { attempt } from './providers/errors';
import { downloadToBinary } from './providers/transport';
import { splitTaskIds, taskJson, toNodeError } from './actions/items';
import { pollOnce } from './trigger/poll';
import { onCallback } from './trigger/callback';
import { PER_TASK_CALLBACK_METHODS } from './wait/callback';

type TriggerEvent = 'succeeded' | 'failed' | 'any';

const EVENT_STATUSES: Record<TriggerEvent, ReadonlySet<string>> = {
	succeeded: new Set(['succeeded']),
	failed: new Set(['failed', 'cancelled', 'expired']),
	any: new Set(['succeeded', 'failed', 'cancelled', 'expired']),
};

const DEFAULT_BUDGET_MS = 60_000;

/** Task IDs from the "These Task IDs" field, each once. */
function taskIdsOf(value: unknown): string[] {
	return [...new Set(splitTaskIds(value))];
}

export class SeedanceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Seedance Trigger',
		name: 'seedanceTrigger',
		icon: { light: 'file:seedance.svg', dark: 'file:seedance.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {succeeded: "Video succeeded", failed: "Video failed", any: "Video finished"}[$parameter["event"]] }}',
		description: 'Starts the workflow when Seedance video tasks finish',
		defaults: { name: 'Seedance Trigger' },
		polling: true,
		// "On Provider Callback" only: the webhook exists (and shows its URL) in that mode alone.
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$parameter["source"] === "callback" ? "POST" : ""}}',
				responseMode: 'onReceived',
				path: 'callback',
				ndvHideUrl: '={{$parameter["source"] !== "callback"}}',
				ndvHideMethod: true,
			},
		],
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'seedanceApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'succeeded',
				options: [
					{ name: 'Video Succeeded', value: 'succeeded', description: 'A task finished with a video' },
					{ name: 'Video Failed', value: 'failed', description: 'A task failed, was cancelled or expired' },
					{ name: 'Video Finished', value: 'any', description: 'Any of the above' },
				],
			},
			{
				displayName: 'Which Tasks',
				name: 'source',
				type: 'options',
				default: 'account',
				options: [
					{
						name: 'All Tasks of This Account',
						value: 'account',
						description: 'Lists the account\'s tasks. BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways only.',
					},
					{
						name: 'These Task IDs',
						value: 'ids',
						description: 'Looks up the tasks you list. Works with every provider; GlobalAiOpc, Anyfast and Ark-compatible gateways need it.',
					},
					{
						name: 'On Provider Callback',
						value: 'callback',
						description: 'The provider calls this node\'s URL when a task changes; no polling. BytePlus ModelArk and Volcengine Ark only.',
					},
				],
			},
			{
				displayName: 'Put the Production URL above into the Callback URL option of the Seedance node\'s Create (BytePlus ModelArk or Volcengine Ark). n8n must be reachable from the internet at that URL (set WEBHOOK_URL), and the workflow active. Each callback is checked by reading the task with your key; Poll Times are not used in this mode.',
				name: 'callbackNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { source: ['callback'] } },
			},
			{
				displayName: 'All Tasks of This Account works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways. For GlobalAiOpc, Anyfast and Ark-compatible gateways choose These Task IDs.',
				name: 'sourceNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { source: ['account'] } },
			},
			{
				displayName: 'Task IDs',
				name: 'taskIds',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				required: true,
				placeholder: 'e.g. cgt-20260101000000-abcde',
				description: 'One task ID per line (commas work too). An expression can supply them, e.g. from a data table.',
				displayOptions: { show: { source: ['ids'] } },
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: '',
				placeholder: 'e.g. doubao-seedance-2-0-260128',
				description: 'Only tasks of this model. Leave empty for all.',
				displayOptions: { show: { source: ['account'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Download Video',
						name: 'downloadVideo',
						type: 'boolean',
						default: false,
						description: 'Whether to download each succeeded video into binary data (field "data")',
					},
					{
						displayName: 'Include Raw Provider Task',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to add the provider\'s own task object under "raw"',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const started = Date.now();
		const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_BUDGET_MS;
		const deadline = started + budgetMs * 0.6;
		const event = this.getNodeParameter('event', 'succeeded') as TriggerEvent;
		const source = this.getNodeParameter('source', 'account') as 'account' | 'ids' | 'callback';
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const client = await clientFor(this);
		const wanted = (t: NormalizedTask) => EVENT_STATUSES[event].has(t.status);

		if (source === 'account' && !client.list) {
			throw new NodeOperationError(this.getNode(), `${PROVIDERS[client.provider].label} cannot list tasks`, {
				description: 'Set Which Tasks to These Task IDs and list the IDs to watch.',
			});
		}
		if (source === 'callback') {
			// Nothing to poll: tasks arrive by webhook. Activation still fails for a provider that never calls back.
			if (!PROVIDERS[client.provider].canCallBack) {
				throw new NodeOperationError(this.getNode(), `${PROVIDERS[client.provider].label} does not call back`, {
					description: 'Only BytePlus ModelArk and Volcengine Ark send callbacks. Set Which Tasks to These Task IDs or All Tasks of This Account.',
				});
			}
			return null;
		}
		// Stryker disable next-line ConditionalExpression,StringLiteral: model is read in All Tasks mode alone; n8n fills a shown field's default ('') before the node runs
		const model = source === 'account' ? String(this.getNodeParameter('model', '') || '') || undefined : undefined;

		if (this.getMode() === 'manual') {
			const sample = await attempt(async () => await sampleTask(this, client, source, event, model, wanted));
			if (!sample.ok) throw toNodeError(this.getNode(), sample.error);
			if (!sample.value) {
				throw new NodeOperationError(this.getNode(), `No ${event === 'any' ? 'finished' : event} Seedance task found to show as a sample`, {
					description: source === 'account' ? 'Generate a video first (tasks are listed for 7 days), or change the event.' : 'None of the listed task IDs has reached this event yet.',
				});
			}
			return [[await toItem(this, client, sample.value, options)]];
		}

		const items = await attempt(async () => await pollOnce(this, {
			client,
			// Stryker disable next-line StringLiteral: n8n fills a shown field's default ('') before the node runs, so the fallback is never read
			ids: source === 'ids' ? taskIdsOf(this.getNodeParameter('taskIds', '')) : undefined,
			model,
			wanted,
			deadline,
			toJson: (task) => taskJson(task, options.includeRaw === true),
			toItem: async (task) => await toItem(this, client, task, options),
		}));
		// A failed poll changes nothing: what it read is read again next time.
		if (!items.ok) throw toNodeError(this.getNode(), items.error);
		return items.value ? [items.value] : null;
	}

	// Ark takes the callback URL per task (the Create's Callback URL option): nothing to register with the provider.
	webhookMethods = PER_TASK_CALLBACK_METHODS;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const event = this.getNodeParameter('event', 'succeeded') as TriggerEvent;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		return await onCallback(this, {
			wanted: (t) => EVENT_STATUSES[event].has(t.status),
			toItem: async (task, client) => await toItem(this, client, task, options),
		});
	}
}

async function sampleTask(
	ctx: IPollFunctions,
	client: ProviderClient,
	source: 'account' | 'ids' | 'callback',
	event: TriggerEvent,
	model: string | undefined,
	wanted: (t: NormalizedTask) => boolean,
): Promise<NormalizedTask | undefined> {
	if (source === 'ids') {
		// Stryker disable next-line StringLiteral: n8n fills a shown field's default ('') before the node runs, so the fallback is never read
		for (const id of taskIdsOf(ctx.getNodeParameter('taskIds', '')).reverse()) {
			const task = await client.get(id);
			if (wanted(task)) return task;
		}
		return undefined;
	}
	const page = await client.list!({ status: event === 'succeeded' ? 'succeeded' : undefined, model, pageSize: 50 });
	return page.tasks.find(wanted);
}

async function toItem(ctx: IPollFunctions | IWebhookFunctions, client: ProviderClient, task: NormalizedTask, options: IDataObject): Promise<INodeExecutionData> {
	const json = taskJson(task, options.includeRaw === true);
	let binary: IBinaryKeyData | undefined;
	const source = options.downloadVideo === true && task.status === 'succeeded' ? client.videoSource(task) : undefined;
	if (source) binary = { data: await downloadToBinary(ctx, source, `${task.id}.mp4`, 'video/mp4', client.provider) };
	return { json, ...(binary ? { binary } : {}) };
}
