// The credential test as n8n's CredentialsTester runs it (RoutingNode, n8n's request helpers):
// a right key passes, a wrong key never does, whatever the body of the 401 or 403.

import { baseUrlField, type ProviderId } from '../nodes/Seedance/providers/catalog';
import { testCredential } from './harness/credentialTest';
import { API_KEY, startTestSimulator, type Simulator } from './harness/fixtures';
import { PROVIDER_LIST } from './harness/simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const credential = (provider: ProviderId, apiKey: string, baseUrl = sim.baseUrl(provider)) => ({ provider, apiKey, [baseUrlField(provider)]: baseUrl });

describe.each(PROVIDER_LIST)('%s', (provider) => {
	test('the right key passes', async () => {
		expect(await testCredential(credential(provider, API_KEY))).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests({ provider }).map((r) => r.authorized)).toEqual([true]);
	});

	test('a wrong key fails, saying the key was rejected', async () => {
		const result = await testCredential(credential(provider, 'sk-wrong-key'));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API key/);
	});

	test.each([
		[401, ''],
		[401, 'Unauthorized'],
		[403, '{"ok":true}'],
	])('a %d with body %j fails', async (status, body) => {
		sim.addFault({ provider, route: '*', kind: 'status', status, body, count: Infinity });
		const result = await testCredential(credential(provider, API_KEY));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(status === 401 ? /rejected the API key/ : /no access/);
	});

	test('a base URL that redirects to another host fails, and the key is not sent there', async () => {
		sim.addFault({ provider, route: '*', kind: 'redirect', status: 302, count: Infinity });
		const result = await testCredential(credential(provider, API_KEY));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/redirects elsewhere/) });
		expect(sim.elsewhere.received).toEqual([]);
	});
});

test('an OpenAI-videos base URL typed with /v1/ passes like the bare host', async () => {
	expect(await testCredential(credential('openaiVideos', API_KEY, `${sim.baseUrl('openaiVideos')}/v1/`))).toMatchObject({ status: 'OK' });
	expect(sim.requests({ provider: 'openaiVideos' }).map((r) => r.path)).toEqual(['/v1/videos']);
});
