// Runs a workflow whose Seedance node parks its execution (Create and Wait by callback) on
// n8n-core's WorkflowExecute, with a public-looking n8n URL, and resumes it the way n8n's
// waiting-webhooks do: each callback POST goes through a real WebhookContext built on the parked
// execution's data, into the node's webhook().

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { Workflow, type ICredentialDataDecryptedObject, type INodeExecutionData, type IRun, type IWebhookData, type IWorkflowBase } from 'n8n-workflow';
import { Seedance } from '../../nodes/Seedance/Seedance.node';
import { additionalDataFor, nodeTypes } from './engine';

let runs = 0;

export interface ParkedRun {
	executionId: string;
	run: IRun;
	/** The parked node's output while waiting. */
	parkedOutput: INodeExecutionData[];
	/** Hands one callback body to the waiting execution; the node output once it resumes, else null. */
	callback(body: unknown): Promise<{ answered?: number; output: INodeExecutionData[] | null }>;
}

export async function runUntilParked(data: IWorkflowBase, credentials: Record<string, ICredentialDataDecryptedObject>, publicUrl: string, nodeName = 'Seedance'): Promise<ParkedRun> {
	const executionId = `exec-${++runs}`;
	const workflow = new Workflow({ id: data.id ?? 'test', name: data.name, nodes: data.nodes, connections: data.connections, active: false, nodeTypes, staticData: {}, settings: { executionOrder: 'v1' } });
	const additionalData = () => Object.assign(additionalDataFor(credentials, new ExecutionLifecycleHooks('manual', executionId, data)), {
		executionId,
		webhookWaitingBaseUrl: `${publicUrl}/webhook-waiting`,
	});
	const start = data.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const run = await new WorkflowExecute(additionalData(), 'manual').run({ workflow, startNode: start });
	const node = workflow.getNode(nodeName)!;
	const seedance = new Seedance();
	return {
		executionId,
		run,
		parkedOutput: run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		async callback(body) {
			const outcome: { answered?: number; output: INodeExecutionData[] | null } = { output: null };
			const response = {
				status(code: number) {
					outcome.answered = code;
					return response;
				},
				json: () => response,
				end: () => response,
			};
			const extra = Object.assign(additionalData(), { httpRequest: { body, headers: {}, params: {}, query: {} }, httpResponse: response });
			const webhookData: IWebhookData = { httpMethod: 'POST', node: nodeName, path: 'seedance-callback', webhookDescription: seedance.description.webhooks![0], workflowId: workflow.id, workflowExecuteAdditionalData: extra };
			const context = new WebhookContext(workflow, node, extra, 'manual', webhookData, [], run.data);
			const result = await seedance.webhook.call(context);
			outcome.output = result.workflowData ? result.workflowData[0] : null;
			return outcome;
		},
	};
}
