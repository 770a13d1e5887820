// Runs a credential type's `test` the way n8n's CredentialsTester does (packages/cli,
// credentials-tester.service.ts): the test request goes through n8n-core's RoutingNode with the
// credential applied, then the rules are checked in order.

import { ExecuteContext, RoutingNode } from 'n8n-core';
import { Workflow, type ICredentialDataDecryptedObject, type INode, type INodeType, type IRunExecutionData } from 'n8n-workflow';
import { SeedanceApi } from '../../credentials/SeedanceApi.credentials';
import { additionalDataFor, nodeTypes } from './engine';


export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const type = new SeedanceApi();
	const test = type.test;
	const node: INode = {
		id: 'temp', name: 'Temp-Node', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {},
		credentials: { seedanceApi: { id: '1', name: 'test' } },
	};
	const tempType: INodeType = {
		description: {
			displayName: 'Temp', name: 'n8n-nodes-base.noOp', group: [], version: 1, description: '', defaults: {}, inputs: [], outputs: [],
			credentials: [{ name: 'seedanceApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const tempTypes = { ...nodeTypes, getByName: () => tempType, getByNameAndVersion: () => tempType };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: tempTypes });
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(workflow, node, additionalDataFor({ seedanceApi: data }), 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const routing = new RoutingNode(context, tempType, { id: '1', name: 'test', type: 'seedanceApi', data });
	let response;
	try {
		response = await routing.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) return { status: 'Error', message: rule.properties.message };
			}
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of (test.rules ?? []) as Array<{ type: string; properties: { key?: string; value: unknown; message: string } }>) {
		const body = response?.[0]?.[0]?.json as Record<string, unknown> | undefined;
		if (rule.type === 'responseSuccessBody' && (rule.properties.key ?? '').split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
