// Drives the Seedance Trigger's callback mode through n8n-core's real WebhookContext: one POST
// as n8n's webhook server hands it over, with static data that persists between calls.

import { WebhookContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type INodeExecutionData, type INodeParameters, type IWebhookData } from 'n8n-workflow';
import type { ProviderId } from '../../nodes/Seedance/providers/catalog';
import { SeedanceTrigger } from '../../nodes/Seedance/SeedanceTrigger.node';
import { additionalDataFor, nodeTypes } from './engine';
import { assertNoKeyLeak, credentialsFor, type Simulator } from './simulator';

export interface CallbackOutcome {
	/** The HTTP status answered to the caller (before the task was read). */
	answered?: number;
	items: INodeExecutionData[] | null;
	error?: Error;
}

export class CallbackHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	readonly trigger = new SeedanceTrigger();

	constructor(
		private readonly sim: Simulator,
		private readonly provider: ProviderId,
		parameters: IDataObject,
		private readonly apiKey = sim.apiKey,
		/** Another workflow ID (another process's claims) and the static data n8n saved, to imitate a restart. */
		restart?: { workflowId: string; staticData: IDataObject },
	) {
		this.node = {
			id: 'trigger', name: 'Seedance Trigger', type: 'n8n-nodes-seedance.seedanceTrigger', typeVersion: 1, position: [0, 0], webhookId: 'hook',
			parameters: { source: 'callback', ...parameters } as INodeParameters, credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
		};
		this.workflow = new Workflow({ id: restart?.workflowId ?? 'wf', nodes: [this.node], connections: {}, active: true, nodeTypes, staticData: restart ? JSON.parse(JSON.stringify(restart.staticData)) : {} });
	}

	/** One POST of `body` to the trigger's webhook. */
	async post(body: unknown): Promise<CallbackOutcome> {
		const outcome: CallbackOutcome = { items: null };
		const additionalData = additionalDataFor(credentialsFor(this.sim, this.provider, this.apiKey));
		const response = {
			status(code: number) {
				outcome.answered = code;
				return response;
			},
			json: () => response,
			end: () => response,
		};
		Object.assign(additionalData, { httpRequest: { body, headers: { 'content-type': 'application/json' }, params: {}, query: {} }, httpResponse: response });
		const description = this.trigger.description.webhooks![0];
		const webhookData: IWebhookData = { httpMethod: 'POST', node: this.node.name, path: 'hook/callback', webhookDescription: description, workflowId: 'wf', workflowExecuteAdditionalData: additionalData };
		const context = new WebhookContext(this.workflow, this.node, additionalData, 'webhook', webhookData, [], null);
		try {
			const result = await this.trigger.webhook.call(context);
			outcome.items = result.workflowData ? result.workflowData[0] : null;
		} catch (error) {
			outcome.error = error as Error;
		}
		// Every call: the key is in no emitted item, error or stored state, and reached no other host.
		const error = outcome.error as (Error & { description?: string }) | undefined;
		assertNoKeyLeak(this.sim, this.apiKey, [outcome.items?.map((i) => i.json), error, error?.description, this.workflow.staticData]);
		return outcome;
	}

	/** The trigger's stored static data, as JSON. */
	staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}
}
