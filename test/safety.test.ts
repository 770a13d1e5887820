// Hostile and broken servers: the key goes only to the base URL's host, replies that echo it are
// scrubbed, a download counts only when it is a whole file, and errors say what happened.

import type { IDataObject } from 'n8n-workflow';
import { baseUrlField, type ProviderId } from '../nodes/Seedance/providers/catalog';
import { runWorkflow, seedanceWorkflow } from './harness/engine';
import { API_KEY, binaryBytes, fingerprint, servedVideo, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';
import { allText, assertNoKeyLeak } from './harness/simulator';

/** A second key the simulator accepts, to check that the leak check follows the key a test uses. */
const OTHER_KEY = ['sk', 'other', Date.now().toString(36), 'beef'].join('-');

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator({ apiKeys: [API_KEY, OTHER_KEY] });
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const V2 = 'doubao-seedance-2-0-260128';
const base = { mode: 'text', model: V2, prompt: 'A lighthouse at dusk, waves below' };

describe('the leak check itself', () => {
	test('finds the key a test passes in, and any Bearer token that reached the other host', () => {
		expect(() => assertNoKeyLeak(sim, OTHER_KEY, [{ error: `quoted ${OTHER_KEY}` }])).toThrow(/leaked/);
		sim.elsewhere.received.push({ method: 'GET', path: '/x', headers: { authorization: 'Bearer something' }, body: '' });
		expect(() => assertNoKeyLeak(sim, API_KEY, [])).toThrow(/reached another host/);
	});
});

describe('the API key goes only to the base URL\'s host', () => {
	test.each([
		['a task GET', 'get', 302],
		['a task GET', 'get', 307],
		['the create POST', 'create', 302],
		['the create POST', 'create', 307],
	])('%s (route %s) redirected with %d to another host is not followed: the item fails saying so, once', async (_, route, status) => {
		sim.addFault({ provider: 'volcengine', route, kind: 'redirect', status, count: Infinity });
		// Create and Wait looks at Ark tasks through the list by ID first, then by GET.
		if (route === 'get') sim.addFault({ provider: 'volcengine', route: 'list', kind: 'redirect', status, count: Infinity });
		const { items } = await runSeedance(sim, 'volcengine', base, { continueOnFail: true });
		expect(sim.elsewhere.received).toEqual([]);
		expect(items[0].json.error).toMatch(new RegExp(`redirected the request \\(HTTP ${status}\\) to another host, 127\\.0\\.0\\.1:\\d+; it was not followed`));
		expect(items[0].json.errorDescription).toMatch(/Set the base URL/);
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
		if (route === 'get') expect(items[0].json.error).toMatch(/\(task cgt-\w+\)/);
	});

	test('the OpenAI-videos /content download that redirects to a CDN is followed without the key', async () => {
		sim.addFault({ provider: 'openaiVideos', route: 'content', kind: 'redirect' });
		const { items, error } = await runSeedance(sim, 'openaiVideos', base);
		expect(error).toBeUndefined();
		expect(fingerprint(binaryBytes(items[0]))).toEqual(fingerprint(servedVideo(sim)));
		expect(sim.elsewhere.received.map((r) => [r.method, r.path.split('/')[1], r.headers.authorization])).toEqual([['GET', 'files', undefined]]);
	});

	test('a result file URL that redirects to another host is followed (it carries no key)', async () => {
		sim.addFault({ provider: 'files', route: 'download', kind: 'redirect' });
		const { items, error } = await runSeedance(sim, 'byteplus', { ...base, model: 'dreamina-seedance-2-0-260128' });
		expect(error).toBeUndefined();
		expect(fingerprint(binaryBytes(items[0]))).toEqual(fingerprint(servedVideo(sim)));
		expect(sim.elsewhere.received).toHaveLength(1);
	});

	test('a server echoing the request headers: the raw task shows neither the key nor the token', async () => {
		// A gateway without list by ID: Create and Wait looks with GET, whose reply echoes the headers.
		sim.addFault({ provider: 'arkGateway', route: 'get', kind: 'echoHeaders', count: Infinity });
		const { items } = await runSeedance(sim, 'arkGateway', { ...base, downloadVideo: false, outputOptions: { includeRaw: true } }, { apiKey: OTHER_KEY });
		const raw = items[0].json.raw as IDataObject;
		expect((raw.request_headers as IDataObject).authorization).toBe('Bearer [redacted]');
		expect(allText(items)).not.toContain(OTHER_KEY);
	});

	test.each(['volcengine', 'globalAiOpc', 'anyfast', 'openaiVideos'] as ProviderId[])('%s: an error quoting the echoed headers is scrubbed', async (provider) => {
		sim.addFault({ provider, route: 'create', kind: 'echoHeaders', status: 400 });
		const model = provider === 'globalAiOpc' ? 'seedance_2_0_pro' : provider === 'anyfast' ? 'seedance' : V2;
		const { items } = await runSeedance(sim, provider, { ...base, model }, { continueOnFail: true, apiKey: OTHER_KEY });
		expect(items[0].json.error).toMatch(/Bearer \[redacted\]/);
		expect(allText(items)).not.toContain(OTHER_KEY);
	});
});

describe('a download counts only when it is a whole file', () => {
	const broken: Array<[string, Record<string, unknown>, RegExp]> = [
		['an HTML page with 200', { kind: 'htmlBody' }, /the file host sent text\/html, not the file/],
		['an HTML page labelled as octet-stream', { kind: 'htmlBody', contentType: 'application/octet-stream' }, /not a whole video\/mp4: it does not start like an MP4\/MOV file/],
		['an empty body', { kind: 'emptyBody' }, /the file host sent an empty file/],
		['a close-delimited file cut in half', { kind: 'truncated' }, /not a whole video\/mp4: .*cut short/],
		['fewer bytes than Content-Length', { kind: 'lengthMismatch' }, /Downloading the video/],
	];

	test.each(broken)('%s twice: the item fails naming its task, which succeeded and can be fetched with Get', async (_, fault, message) => {
		sim.addFault({ provider: 'files', route: 'download', count: 2, ...fault } as never);
		const { items } = await runSeedance(sim, 'volcengine', base, { continueOnFail: true });
		const id = items[0].json.id as string;
		expect(id).toMatch(/^cgt-/);
		expect(items[0].json.error).toMatch(new RegExp(`^Downloading the video of task ${id} failed: `));
		expect(items[0].json.error).toMatch(message);
		expect(items[0].json.errorDescription).toMatch(new RegExp(`Task ${id} succeeded at Volcengine Ark; only the download failed.*Get operation and task ID ${id}`));
		expect(items[0].binary).toBeUndefined();
		expect(sim.requests({ provider: 'files' })).toHaveLength(2);
	});

	test.each(broken)('%s once: the second try gets the whole video', async (_, fault) => {
		sim.addFault({ provider: 'files', route: 'download', count: 1, ...fault } as never);
		const { items, error } = await runSeedance(sim, 'volcengine', base);
		expect(error).toBeUndefined();
		expect(fingerprint(binaryBytes(items[0]))).toEqual(fingerprint(servedVideo(sim)));
		expect(sim.requests({ provider: 'files' })).toHaveLength(2);
	});

	test.each([
		['cut in half', { kind: 'truncated' }, /does not end with the PNG IEND chunk/],
		['an HTML page labelled as a PNG', { kind: 'htmlBody', contentType: 'image/png' }, /does not start with the PNG signature/],
	])('the last-frame PNG %s fails the item naming its task', async (_, fault, message) => {
		sim.addFault({ provider: 'files', route: 'lastFrame', count: 2, ...fault } as never);
		const { items } = await runSeedance(sim, 'volcengine', { ...base, options: { returnLastFrame: true }, outputOptions: { downloadLastFrame: true } }, { continueOnFail: true });
		expect(items[0].json.error).toMatch(/^Downloading the last frame of task cgt-\w+ failed: the file is not a whole image\/png: /);
		expect(items[0].json.error).toMatch(message);
	});

	test('Get verifies its download the same way', async () => {
		const created = await runSeedance(sim, 'volcengine', { ...base, downloadVideo: false });
		sim.addFault({ provider: 'files', route: 'download', kind: 'truncated', count: 2 });
		const { items } = await runSeedance(sim, 'volcengine', { operation: 'get', taskId: created.items[0].json.id, downloadVideo: true }, { continueOnFail: true });
		expect(items[0].json.error).toMatch(new RegExp(`^Downloading the video of task ${String(created.items[0].json.id)} failed: .*cut short`));
	});
});

describe('errors say what happened', () => {
	test('a provider code containing a network code (ResourceNotFound holds ENOTFOUND) keeps the provider\'s words and [item N]', async () => {
		const { items } = await runSeedance(sim, 'volcengine', { operation: 'get', taskId: 'cgt-20260101000000-nope' }, { continueOnFail: true });
		expect(items[0].json.error).toMatch(/^Volcengine Ark answered 404 ResourceNotFound: The task cgt-20260101000000-nope was not found\..* \[item 0\]$/);
	});

	test('a download that cannot connect names the file host, not the provider', async () => {
		sim.addFault({ provider: 'files', route: 'download', kind: 'reset', count: 2 });
		const { items } = await runSeedance(sim, 'volcengine', base, { continueOnFail: true });
		expect(items[0].json.error).toMatch(/^Downloading the video of task cgt-\w+ failed: The connection to the file host 127\.0\.0\.1:\d+ failed/);
		expect(items[0].json.error).not.toMatch(/connect to Volcengine Ark/);
	});
});

describe('base URLs as users type them', () => {
	async function runWithBaseUrl(provider: ProviderId, baseUrl: string, model: string) {
		const result = await runWorkflow(seedanceWorkflow({ ...base, model: { __rl: true, mode: 'id', value: model }, waitOptions: { expectedSeconds: 0.2 } }), {
			credentials: { seedanceApi: { provider, apiKey: API_KEY, [baseUrlField(provider)]: baseUrl } },
		});
		assertNoKeyLeak(sim, API_KEY, [result.error, result.output('Seedance').map((i) => i.json)]);
		return result;
	}

	test('an OpenAI-videos base URL ending in /v1 (the usual OpenAI form) works like the bare host', async () => {
		const result = await runWithBaseUrl('openaiVideos', `${sim.baseUrl('openaiVideos')}/v1`, V2);
		expect(result.error).toBeUndefined();
		expect(result.output('Seedance')[0].json.status).toBe('succeeded');
		expect(sim.requests({ route: 'create' }).map((r) => r.path)).toEqual(['/v1/videos']);
	});

	test.each(['byteplus', 'volcengine', 'arkGateway', 'globalAiOpc', 'anyfast', 'openaiVideos'] as ProviderId[])('%s: a trailing slash (and /v1/) works', async (provider) => {
		const model = provider === 'globalAiOpc' ? 'seedance_2_0_pro' : provider === 'anyfast' ? 'seedance' : provider === 'byteplus' ? 'dreamina-seedance-2-0-260128' : V2;
		const suffix = provider === 'openaiVideos' ? '/v1/' : '/';
		const result = await runWithBaseUrl(provider, `${sim.baseUrl(provider)}${suffix}`, model);
		expect(result.error).toBeUndefined();
		expect(result.output('Seedance')[0].json.status).toBe('succeeded');
	});
});
