/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// A small harness that runs workflow JSON through n8n-core's real execution engine
// (WorkflowExecute, ExecuteContext, request helpers), with our node and credential types.

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SeedanceApi } from '../../credentials/SeedanceApi.credentials';
import { Seedance } from '../../nodes/Seedance/Seedance.node';
import { SeedanceTrigger } from '../../nodes/Seedance/SeedanceTrigger.node';

/** Stand-in for n8n's Manual Trigger: starts the run with one empty item. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger', name: 'manualTrigger', group: ['trigger'], version: 1, description: '',
		defaults: { name: 'When clicking "Execute workflow"' }, inputs: [], outputs: ['main'], properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Stand-in for a Set node: outputs the items written in its `items` parameter (JSON array). */
class FixedItems implements INodeType {
	description = {
		displayName: 'Items', name: 'items', group: ['transform'], version: 1, description: '',
		defaults: { name: 'Items' }, inputs: ['main'], outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const list = typeof raw === 'string' ? (JSON.parse(raw) as IDataObject[]) : raw;
		return [list.map((json, i) => ({ json, pairedItem: { item: Math.min(i, this.getInputData().length - 1) } }))];
	}
}

export const NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.set': new FixedItems(),
	'n8n-nodes-seedance.seedance': new Seedance(),
	'n8n-nodes-seedance.seedanceTrigger': new SeedanceTrigger(),
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => NODE_TYPES[type] as INodeType | IVersionedNodeType,
	getByNameAndVersion: (type) => NODE_TYPES[type],
	getKnownTypes: () => ({}),
};

const CREDENTIAL_TYPES: Record<string, ICredentialType> = { seedanceApi: new SeedanceApi() };

/**
 * Resolves credentials from the test and applies a credential type's generic `authenticate`
 * block the way n8n's CredentialsHelper does (expressions resolved against $credentials).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	isCredentialUsableByNode() {
		return true;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used: getDecrypted answers');
	}

	getParentTypes() {
		return [];
	}

	async getDecrypted(_data: IWorkflowExecuteAdditionalData, nodeCredentials: INodeCredentialsDetails, type: string) {
		const found = this.credentials[type];
		if (!found) throw new Error(`No test credentials of type ${type} (${nodeCredentials.name})`);
		return { ...found };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions, workflow?: Workflow, node?: INode) {
		const type = CREDENTIAL_TYPES[typeName];
		const auth = type?.authenticate;
		if (!auth || typeof auth === 'function') return requestOptions;
		const resolve = (value: string) =>
			value.startsWith('=') && workflow && node
				? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''))
				: value;
		const options = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [where, entries] of Object.entries(auth.properties)) {
			options[where] = { ...(options[where] ?? {}) };
			for (const [key, value] of Object.entries(entries as Record<string, string>)) options[where][resolve(key)] = resolve(value);
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

export function additionalDataFor(credentials: Record<string, ICredentialDataDecryptedObject>, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: 'test-execution',
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		variables: {},
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function loadWorkflow(file: string): IWorkflowBase {
	return JSON.parse(readFileSync(path.join(__dirname, '..', 'workflows', file), 'utf8')) as IWorkflowBase;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node (first output, first run). */
	output(nodeName: string): INodeExecutionData[];
	/** The error the run ended with, if any. */
	error?: IRun['data']['resultData']['error'];
}

export interface RunOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: (cancel: () => void) => void;
}

/** Runs a workflow from its Manual Trigger through n8n-core's WorkflowExecute. */
export async function runWorkflow(data: IWorkflowBase, options: RunOptions): Promise<RunResult> {
	const workflow = new Workflow({
		id: data.id ?? 'test',
		name: data.name,
		nodes: data.nodes,
		connections: data.connections,
		active: false,
		nodeTypes,
		staticData: data.staticData,
		settings: { executionOrder: 'v1', ...(data.settings ?? {}) },
	});
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'test-execution', data);
	const execute = new WorkflowExecute(additionalDataFor(options.credentials, hooks), options.mode ?? 'manual');
	const start = data.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const running = execute.run({ workflow, startNode: start });
	options.onStart?.(() => running.cancel());
	const run = await running;
	return {
		run,
		error: run.data.resultData.error,
		output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
	};
}

/** A workflow "Manual Trigger → Items → Seedance" with the given items and Seedance parameters. */
export function seedanceWorkflow(parameters: IDataObject, items: IDataObject[] = [{}], settings: { continueOnFail?: boolean } = {}): IWorkflowBase {
	const base = loadWorkflow('seedance.workflow.json');
	const nodes = base.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.set') return { ...node, parameters: { items: JSON.stringify(items) } };
		if (node.type === 'n8n-nodes-seedance.seedance') {
			return { ...node, parameters: { ...node.parameters, ...(parameters as INodeParameters) }, ...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}) };
		}
		return node;
	});
	return { ...base, nodes };
}
