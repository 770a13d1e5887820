// What users see when the provider or the network misbehaves: a retry where it is safe, a clear
// error where it is not, never a second paid request, and never the API key.

import { allText } from './harness/simulator';
import { API_KEY, runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const V2 = 'doubao-seedance-2-0-260128';
const base = { mode: 'text', model: V2, prompt: 'A glass of water on a windowsill, morning light' };
const leaks: unknown[] = [];

afterEach(() => {
	// Every output item, error message and description of every test is searched for the key.
	expect(allText(leaks)).not.toContain(API_KEY);
	leaks.length = 0;
});

async function run(provider: Parameters<typeof runSeedance>[1], params: Parameters<typeof runSeedance>[2], options: Parameters<typeof runSeedance>[3] = {}) {
	const result = await runSeedance(sim, provider, params, options);
	leaks.push(result.items.map((i) => i.json), result.error, result.error?.description, result.run.data.resultData.runData);
	return result;
}

test('the leak check itself finds a key hidden in an error description', () => {
	const error = Object.assign(new Error('boom'), { description: `Bearer ${API_KEY}` });
	expect(allText([{ json: {} }, error])).toContain(API_KEY);
});

describe('reads are retried, creates only when surely refused', () => {
	test('with 30% of queries failing (5xx, reset, 429 with Retry-After) every task still succeeds', async () => {
		sim.configure({ taskDurationMs: 600 });
		// Ark looks at tasks in flight with one list request (route list), other providers with GETs.
		for (const route of ['get', 'list']) {
			sim.addFault({ route, kind: 'status', status: 503, probability: 0.1, count: Infinity });
			sim.addFault({ route, kind: 'reset', probability: 0.11, count: Infinity });
			sim.addFault({ route, kind: 'status', status: 429, retryAfter: 1, probability: 0.125, count: Infinity });
		}
		const items = Array.from({ length: 10 }, (_, i) => ({ prompt: `scene ${i}` }));
		const { items: out, error } = await run('volcengine', { ...base, prompt: '={{ $json.prompt }}', downloadVideo: false, waitOptions: { expectedSeconds: 0.6 } }, { items });
		expect(error).toBeUndefined();
		expect(out.map((i) => i.json.status)).toEqual(Array(10).fill('succeeded'));
		const gets = [...sim.requests({ route: 'get' }), ...sim.requests({ route: 'list' })];
		const failed = gets.filter((r) => r.fault);
		expect(failed.length / gets.length).toBeGreaterThan(0.15);
		expect(new Set(failed.map((r) => r.fault === 'status' ? `status` : r.fault))).toEqual(new Set(['status', 'reset']));
		// Each task was created exactly once.
		expect(sim.requests({ route: 'create' })).toHaveLength(10);
		sim.configure({ taskDurationMs: 200 });
	});

	test('a 429 on create is waited out and sent again: it was refused, so nothing is paid twice', async () => {
		sim.addFault({ route: 'create', kind: 'status', status: 429, retryAfter: 0, count: 2 });
		const { items, error } = await run('byteplus', { ...base, model: 'dreamina-seedance-2-0-260128' });
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('succeeded');
		expect(sim.requests({ route: 'create' }).map((r) => r.status)).toEqual([429, 429, 200]);
		expect(sim.engine.tasks.size).toBe(1);
	});

	test('a reset after the provider accepted the create: one task at the provider, an error item saying it may exist', async () => {
		sim.addFault({ route: 'create', kind: 'resetAfterAccept' });
		const { items } = await run('volcengine', base, { continueOnFail: true });
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
		expect(sim.engine.tasks.size).toBe(1);
		expect(items[0].json.error).toMatch(/^The connection to Volcengine Ark failed before a reply \(connection reset\)\. The task may have been created anyway \[item 0\]$/);
		expect(items[0].json.errorDescription).toMatch(/not sent again.*paid for twice/);
	});

	test.each([
		['a 500', { kind: 'status', status: 500 }, /answered 500 InternalServiceError/],
		['an HTML 502 page', { kind: 'html' }, /answered 502: an HTML error page/],
		['malformed JSON', { kind: 'malformed' }, /cannot read: the body is not valid JSON/],
	])('%s on create is not retried and says the task may exist', async (_, fault, message) => {
		sim.addFault({ route: 'create', ...fault });
		const { items } = await run('anyfast', { ...base, model: 'seedance' }, { continueOnFail: true });
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
		expect(items[0].json.error).toMatch(message);
		expect(items[0].json.error).toMatch(/may have been created anyway/);
	});

	test('a slow reply is waited for', async () => {
		sim.addFault({ route: 'create', kind: 'slow', delayMs: 1500 });
		const { items } = await run('globalAiOpc', { ...base, model: 'seedance_2_0_pro' });
		expect(items[0].json.status).toBe('succeeded');
	});

	test('queries that keep failing end the item with the task ID to fetch later', async () => {
		sim.addFault({ route: 'get', kind: 'status', status: 500, count: Infinity });
		sim.addFault({ route: 'list', kind: 'status', status: 500, count: Infinity });
		const { items } = await run('volcengine', base, { continueOnFail: true });
		expect(items[0].json.error).toMatch(/8 looks in a row failed; task cgt-\w+ may still finish/);
		expect(items[0].json.errorDescription).toMatch(/Get operation/);
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
	});
});

describe('provider errors say what happened and how to fix it', () => {
	test('a wrong key: 401, check the credential', async () => {
		const { error } = await run('volcengine', base, { apiKey: 'sk-wrong-key' });
		expect(error?.message).toMatch(/^Volcengine Ark answered 401 AuthenticationError: The API key in the request is missing or invalid\..*\[item 0\]$/);
		expect(error?.description).toMatch(/Check the API key in the Seedance API credential/);
		expect(allText(error)).not.toContain('sk-wrong-key');
	});

	test('an unknown model: 404, activate it in the console', async () => {
		const { error } = await run('volcengine', { ...base, model: 'doubao-seedance-9-9-999999' });
		expect(error?.message).toMatch(/answered 404 InvalidEndpointOrModel.NotFound/);
		expect(error?.description).toMatch(/activated in the Volcengine Ark console/);
	});

	test('a failed generation is an error naming the task and the reason', async () => {
		sim.addFault({ route: 'create', kind: 'taskFails' });
		const { error } = await run('volcengine', base);
		expect(error?.message).toMatch(/^The video task cgt-\w+ failed: The request failed because the output video may contain sensitive information\. \[item 0\]$/);
		expect(error?.description).toMatch(/content filter/);
	});

	test('a task that never finishes times out: an error with its ID, or the task itself if asked', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs' });
		const failed = await run('volcengine', { ...base, waitOptions: { expectedSeconds: 0.2, timeoutMinutes: 0.01 } });
		expect(failed.error?.message).toMatch(/^Video task cgt-\w+ was still running after 0.01 minutes \[item 0\]$/);
		expect(failed.error?.description).toMatch(/Get operation and task ID cgt-/);
		sim.addFault({ route: 'create', kind: 'taskHangs' });
		const output = await run('volcengine', { ...base, waitOptions: { expectedSeconds: 0.2, timeoutMinutes: 0.01, onTimeout: 'output' } });
		expect(output.items[0].json).toMatchObject({ status: 'running', timedOut: true });
		expect(output.items[0].binary).toBeUndefined();
	});

	test('an expired result URL: the download fails with advice to download sooner', async () => {
		sim.configure({ urlTtlMs: -60_000 });
		const { error } = await run('volcengine', base);
		expect(error?.message).toMatch(/^Downloading the video of task cgt-\w+ failed: the file host answered HTTP 403 \[item 0\]$/);
		expect(error?.description).toMatch(/expire/);
		sim.configure({ urlTtlMs: 24 * 3600 * 1000 });
	});

	test('a base URL that answers nothing: could not connect', async () => {
		const { error } = await runSeedance(sim, 'volcengine', base, {});
		expect(error).toBeUndefined();
		const closed = await (async () => {
			const other = await startTestSimulator();
			const url = other.baseUrl('volcengine');
			await other.close();
			return url;
		})();
		const { runWorkflow, seedanceWorkflow } = await import('./harness/engine');
		const result = await runWorkflow(seedanceWorkflow({ ...base, model: { __rl: true, mode: 'id', value: V2 } }), {
			credentials: { seedanceApi: { provider: 'volcengine', apiKey: API_KEY, volcengineBaseUrl: closed } },
		});
		expect(result.error?.message).toMatch(/^Could not connect to Volcengine Ark \(connection refused\) \[item 0\]$/);
		expect(result.error?.description).toMatch(/base URL/);
		leaks.push(result.error, result.error?.description);
	});
});
