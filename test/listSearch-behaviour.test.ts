// The model list search in the cases the editor meets less often, through n8n-core's real
// LoadOptionsContext: the provider's own list failing, no mode chosen yet, a credential with no
// known provider, and a filter typed as the model's name.

import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type ICredentialDataDecryptedObject, type INode, type INodeParameters } from 'n8n-workflow';
import { Seedance } from '../nodes/Seedance/Seedance.node';
import { additionalDataFor, nodeTypes } from './harness/engine';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { credentialsFor } from './harness/simulator';
import { replyOnce } from './harness/clients';
import { PROVIDERS } from '../nodes/Seedance/providers/catalog';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

async function search(credentials: Record<string, ICredentialDataDecryptedObject>, parameters: INodeParameters, filter?: string) {
	const current: INodeParameters = { resource: 'video', operation: 'createAndWait', model: { __rl: true, mode: 'list', value: '' }, ...parameters };
	const node: INode = {
		id: 'n', name: 'Seedance', type: 'n8n-nodes-seedance.seedance', typeVersion: 1, position: [0, 0],
		parameters: current, credentials: { seedanceApi: { id: '1', name: 'Seedance (simulator)' } },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	// The editor sends the node's current parameters as set (the workflow fills in defaults on its own copy).
	const additionalData = { ...additionalDataFor(credentials), currentNodeParameters: current };
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.model');
	return await new Seedance().methods.listSearch.searchModels.call(context, filter);
}
const values = (found: { results: Array<{ value: unknown }> }) => found.results.map((r) => String(r.value));

const ANYFAST_TEXT = ['seedance', 'seedance-fast', 'seedance-mini', 'doubao-seedance-2-5-260628', 'doubao-seedance-2-5-flash-261115', 'doubao-seedance-1-5-pro-251215', 'doubao-seedance-1-0-pro-250528', 'doubao-seedance-1-0-pro-fast-251015', 'doubao-seedance-1-0-lite-t2v-250428'];

test("when the provider's own model list fails, its presets are still offered", async () => {
	sim.addFault({ provider: 'anyfast', route: 'models', kind: 'status', status: 500 });
	expect(values(await search(credentialsFor(sim, 'anyfast', API_KEY), { mode: 'text' }))).toEqual(ANYFAST_TEXT);
	expect(sim.requests({ provider: 'anyfast', route: 'models' })).toHaveLength(1);
});

test('with no mode chosen yet, the models that do text to video', async () => {
	expect(values(await search(credentialsFor(sim, 'byteplus', API_KEY), {}))).toEqual([
		'dreamina-seedance-2-5-260628', 'dreamina-seedance-2-5-flash-261115', 'dreamina-seedance-2-0-260128', 'dreamina-seedance-2-0-fast-260128', 'dreamina-seedance-2-0-mini-260615',
		'seedance-1-5-pro-251215', 'seedance-1-0-pro-250528', 'seedance-1-0-pro-fast-251015', 'seedance-1-0-lite-t2v-250428',
	]);
	// Ark lists no models: nothing is asked.
	expect(sim.requests()).toHaveLength(0);
});

test('a provider without a model list route is not asked for one', async () => {
	// Its base URL at the other host, which records every request it gets, whatever the path.
	const credentials = { seedanceApi: { provider: 'volcengine', apiKey: API_KEY, volcengineBaseUrl: `${sim.elsewhere.url}/api/v3` } };
	expect(values(await search(credentials, { mode: 'editVideo' }))).toHaveLength(5);
	expect(sim.elsewhere.received).toEqual([]);
});

test('listed models: Seedance ones only, named by their family where known, presets not repeated, odd entries skipped', async () => {
	replyOnce(sim, 'anyfast', 'models', { data: [null, { id: 5 }, { id: 'doubao-seedance-2-0-260128' }, { id: 'my-seedance-x' }, { id: 'gpt-image-1' }, { id: 'seedance' }] });
	const found = await search(credentialsFor(sim, 'anyfast', API_KEY), { mode: 'text' });
	expect(values(found)).toEqual([...ANYFAST_TEXT, 'doubao-seedance-2-0-260128', 'my-seedance-x']);
	expect(found.results.slice(-2)).toEqual([
		{ name: 'Seedance 2.0 (doubao-seedance-2-0-260128)', value: 'doubao-seedance-2-0-260128', description: 'Listed by Anyfast' },
		{ name: 'my-seedance-x (my-seedance-x)', value: 'my-seedance-x', description: 'Listed by Anyfast' },
	]);
});

test("a provider's own rules take modes from some of its models", async () => {
	expect(values(await search(credentialsFor(sim, 'globalAiOpc', API_KEY), { mode: 'reference' }))).toEqual(['seedance_2_0_pro', 'seedance_2_0_fast_pro', 'seedance_2_0', 'seedance_2_0_fast']);
	expect(values(await search(credentialsFor(sim, 'globalAiOpc', API_KEY), { mode: 'firstLastFrame' }))).toEqual(['seedance_2_0_pro', 'seedance_2_0_fast_pro', 'seedance_2_0', 'seedance_2_0_fast', 'seedance_1_5_pro_720p', 'seedance_1_5_pro_1080p', 'seedance_1_5_pro_480p']);
});

test('a rule of the provider that takes a mode from a model hides that model for the mode only', async () => {
	const profile = PROVIDERS.globalAiOpc as { modelRules?: readonly unknown[] };
	const rules = profile.modelRules;
	profile.modelRules = [...(rules ?? []), { pattern: '^seedance_2_0_fast_pro$', withoutModes: ['firstLastFrame'] }];
	try {
		expect(values(await search(credentialsFor(sim, 'globalAiOpc', API_KEY), { mode: 'firstLastFrame' }))).toEqual(['seedance_2_0_pro', 'seedance_2_0', 'seedance_2_0_fast', 'seedance_1_5_pro_720p', 'seedance_1_5_pro_1080p', 'seedance_1_5_pro_480p']);
		expect(values(await search(credentialsFor(sim, 'globalAiOpc', API_KEY), { mode: 'firstFrame' }))).toContain('seedance_2_0_fast_pro');
	} finally {
		profile.modelRules = rules;
	}
});

test('a mode no model of the provider does: says so and asks for a model ID', async () => {
	await expect(search(credentialsFor(sim, 'openaiVideos', API_KEY), { mode: 'extendVideo' })).resolves.toEqual({
		results: [{ name: 'No OpenAI-Videos-Compatible Gateway model does Extend a Video; enter a model ID instead', value: '' }],
	});
	// A filter that matches nothing is just no results.
	await expect(search(credentialsFor(sim, 'openaiVideos', API_KEY), { mode: 'text' }, 'nothing like this')).resolves.toEqual({ results: [] });
});

test('a credential with no known provider lists nothing', async () => {
	await expect(search({ seedanceApi: { provider: 'nobody', apiKey: API_KEY } }, { mode: 'text' })).resolves.toEqual({ results: [] });
});

test('a filter matches the name as shown, whatever its case', async () => {
	const found = await search(credentialsFor(sim, 'byteplus', API_KEY), { mode: 'text' }, 'TEXT');
	expect(found.results).toEqual([{ name: 'Seedance 1.0 Lite (Text) (seedance-1-0-lite-t2v-250428)', value: 'seedance-1-0-lite-t2v-250428', description: undefined }]);
});
