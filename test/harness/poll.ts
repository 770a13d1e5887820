// Drives the Seedance Trigger through n8n-core's real PollContext, with workflow static data that
// persists between polls in memory or, to imitate a restart of n8n, as serialized JSON.

import { PollContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type INodeExecutionData, type INodeParameters, type WorkflowExecuteMode } from 'n8n-workflow';
import type { ProviderId } from '../../nodes/Seedance/providers/catalog';
import { SeedanceTrigger } from '../../nodes/Seedance/SeedanceTrigger.node';
import { additionalDataFor, nodeTypes } from './engine';
import { assertNoKeyLeak, credentialsFor, type Simulator } from './simulator';

export interface PollOutcome {
	items: INodeExecutionData[] | null;
	error?: Error & { description?: string };
}

export class TriggerHarness {
	/** Workflow static data as n8n would store it between polls. */
	staticData: IDataObject = {};
	private workflow?: Workflow;
	private readonly node: INode;

	constructor(
		private readonly sim: Simulator,
		private readonly provider: ProviderId,
		parameters: IDataObject,
		private readonly apiKey: string,
	) {
		this.node = {
			id: 'trigger', name: 'Seedance Trigger', type: 'n8n-nodes-seedance.seedanceTrigger', typeVersion: 1, position: [0, 0],
			parameters: parameters as INodeParameters, credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
		};
	}

	private workflowFor(restart: boolean): Workflow {
		if (!this.workflow || restart) {
			// A restart loads the static data that was saved, as n8n does from its database.
			this.workflow = new Workflow({ id: 'wf', nodes: [this.node], connections: {}, active: true, nodeTypes, staticData: JSON.parse(JSON.stringify(this.staticData)) });
		}
		return this.workflow;
	}

	/** One poll. `restart` rebuilds the workflow from the saved static data first. */
	async poll(options: { restart?: boolean; mode?: WorkflowExecuteMode; budgetMs?: number } = {}): Promise<PollOutcome> {
		const workflow = this.workflowFor(options.restart ?? false);
		const mode = options.mode ?? 'trigger';
		const context = new PollContext(
			workflow, this.node, additionalDataFor(credentialsFor(this.sim, this.provider, this.apiKey)), mode, 'activate',
			undefined, undefined, undefined, undefined, undefined, options.budgetMs !== undefined ? () => options.budgetMs as number : undefined,
		);
		let outcome: PollOutcome;
		try {
			const result = await new SeedanceTrigger().poll.call(context);
			outcome = { items: result ? result[0] : null };
		} catch (error) {
			outcome = { items: null, error: error as PollOutcome['error'] };
		}
		// n8n saves static data when it changed (a poll that emitted, or the end of the activation). Taken
		// after a manual poll (Fetch test event) too, so that a test sees any change it must not make.
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		// Every poll: the key is in no emitted item, error or stored state, and reached no other host.
		assertNoKeyLeak(this.sim, this.apiKey, [outcome.items?.map((i) => i.json), outcome.error, outcome.error?.description, this.staticData]);
		return outcome;
	}

	/** Size of the stored static data, in bytes of JSON. */
	staticDataBytes(): number {
		return Buffer.byteLength(JSON.stringify(this.staticData));
	}
}
