// The model list search: the credential provider's presets that can do the chosen mode, merged with
// the models the provider lists itself where it can (Anyfast's /v1/models), through n8n-core's
// real LoadOptionsContext.

import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode, type INodeParameters } from 'n8n-workflow';
import type { ProviderId } from '../nodes/Seedance/providers/catalog';
import { Seedance } from '../nodes/Seedance/Seedance.node';
import { additionalDataFor, nodeTypes } from './harness/engine';
import { startTestSimulator, type Simulator } from './harness/fixtures';
import { credentialsFor } from './harness/simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

async function search(provider: ProviderId, mode: string, filter?: string) {
	const node: INode = {
		id: 'n', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [0, 0],
		parameters: { resource: 'video', operation: 'createAndWait', mode, model: { __rl: true, mode: 'list', value: '' } } as INodeParameters,
		credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	// The editor sends the node's current parameters along with a list search.
	const additionalData = { ...additionalDataFor(credentialsFor(sim, provider)), currentNodeParameters: node.parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.model');
	const { results } = await new Seedance().methods.listSearch.searchModels.call(context, filter);
	return results.map((r) => String(r.value));
}

describe('model list', () => {
	test('Anyfast: its presets merged with the Seedance models it lists (newer ones included, others left out)', async () => {
		const models = await search('anyfast', 'text');
		expect(models.slice(0, 3)).toEqual(['seedance', 'seedance-fast', 'seedance-mini']);
		expect(models).toContain('doubao-seedance-2-6-261201');
		expect(models).not.toContain('gpt-image-1');
		expect(models.filter((m) => m === 'doubao-seedance-2-5-260628')).toHaveLength(1);
		expect(sim.requests({ provider: 'anyfast', route: 'models' })).toHaveLength(1);
	});

	test('Ark: the presets of every family that can do the mode, and no list request', async () => {
		const edit = await search('byteplus', 'editVideo');
		expect(edit).toEqual(['dreamina-seedance-2-5-260628', 'dreamina-seedance-2-5-flash-261115', 'dreamina-seedance-2-0-260128', 'dreamina-seedance-2-0-fast-260128', 'dreamina-seedance-2-0-mini-260615']);
		const draft = await search('byteplus', 'draftRender');
		expect(draft).toEqual(['dreamina-seedance-2-5-260628', 'seedance-1-5-pro-251215']);
		expect(sim.requests()).toHaveLength(0);
	});

	test('GlobalAiOpc: its own rules (1.5 has no reference mode) narrow the list', async () => {
		const reference = await search('globalAiOpc', 'reference');
		expect(reference).toEqual(['seedance_2_0_pro', 'seedance_2_0_fast_pro', 'seedance_2_0', 'seedance_2_0_fast']);
	});

	test('a mode the provider cannot do says so', async () => {
		const none = await search('openaiVideos', 'extendVideo');
		expect(none).toEqual(['']);
	});
});
