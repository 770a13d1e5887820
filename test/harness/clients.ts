// A provider client as the node makes it (clientFor), on n8n-core's real LoadOptionsContext and its
// request helpers, talking to the simulator; and replies of a test's choosing for one route.

import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';
import { clientFor, type ProviderClient } from '../../nodes/Seedance/providers';
import type { ProviderId } from '../../nodes/Seedance/providers/catalog';
import { additionalDataFor, nodeTypes } from './engine';
import { API_KEY } from './fixtures';
import { credentialsFor, type Simulator } from './simulator';

const NODE: INode = {
	id: 'n', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [0, 0],
	parameters: {}, credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
};

/** An n8n node context whose credential is the given one. */
export function contextWith(credentials: Record<string, ICredentialDataDecryptedObject>): LoadOptionsContext {
	const workflow = new Workflow({ id: 'wf', nodes: [NODE], connections: {}, active: false, nodeTypes });
	return new LoadOptionsContext(workflow, NODE, additionalDataFor(credentials), 'parameters.model');
}

/** The client of a provider on the simulator, with the test key. */
export async function clientOn(sim: Simulator, provider: ProviderId): Promise<ProviderClient> {
	return await clientFor(contextWith(credentialsFor(sim, provider, API_KEY)));
}

/** The next request to a route of a provider gets this JSON (or text) with this status instead of the simulator's answer. */
export function replyOnce(sim: Simulator, provider: ProviderId, route: string, body: unknown, status = 200): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	sim.addFault({ provider, route, kind: 'status', status, body: text, contentType: typeof body === 'string' ? 'text/plain' : 'application/json' });
}

/** What an async call threw (fails the test if it did not throw). */
export async function thrown(work: () => Promise<unknown>): Promise<Error & { description?: string; statusCode?: number; kind?: string; code?: string }> {
	try {
		await work();
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected an error, got none');
}
