// The operations' own decisions, exact values: what is sent, what is output, which errors stop a run.

import { sleep } from 'n8n-workflow';
import { runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

const MODEL = 'dreamina-seedance-2-0-260128';
let sim: Simulator;

beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

describe('a cancelled execution', () => {
	it.each(['create', 'createAndWait'])('stops %s while a refused create waits to be sent again: the cancellation ends the run, no error item', async (operation) => {
		sim.addFault({ route: 'create', kind: 'status', status: 429, retryAfter: 5, count: Infinity });
		let cancel: () => void = () => {};
		const running = runSeedance(sim, 'byteplus', { operation, model: MODEL, prompt: 'a cat' }, { continueOnFail: true, onStart: (c) => (cancel = c) });
		await sleep(400);
		cancel();
		const run = await running;
		expect(run.run.status).toBe('canceled');
		expect(run.error?.message).toBe('The execution was cancelled');
		expect(run.items.filter((i) => 'error' in i.json)).toEqual([]);
		expect(sim.requests({ route: 'create' })).toHaveLength(1);
	});
});

/** IDs of finished tasks, made with Create. */
async function finishedTasks(n: number): Promise<string[]> {
	const created = await runSeedance(sim, 'byteplus', { operation: 'create', model: MODEL, prompt: 'a cat' }, { items: Array.from({ length: n }, () => ({})) });
	await sleep(400);
	return created.items.map((i) => String(i.json.id));
}

describe('the operation', () => {
	it('an operation this version does not know fails naming it', async () => {
		const run = await runSeedance(sim, 'byteplus', { operation: 'bogus', model: MODEL });
		expect(run.error?.message).toBe('The operation "bogus" is not supported');
	});
});

describe('Cancel', () => {
	it('without Continue On Fail, a refused task ID of any item stops the run before any request', async () => {
		const [id] = await finishedTasks(1);
		const run = await runSeedance(sim, 'byteplus', { operation: 'cancel', taskId: '={{ $json.id }}' }, { items: [{ id }, { id: '' }] });
		expect(run.error?.message).toBe('Task ID: is required; map it from the output of Create, got "" [item 1]');
		expect(sim.requests({ route: 'cancel' })).toHaveLength(0);
	});

	it('with Continue On Fail, a refused task ID is an error item in its place; the others are cancelled, each paired with its item', async () => {
		const ids = await finishedTasks(2);
		const run = await runSeedance(sim, 'byteplus', { operation: 'cancel', taskId: '={{ $json.id }}' }, { items: [{ id: ids[0] }, { id: 'two words' }, { id: ids[1] }], continueOnFail: true });
		expect(run.items).toEqual([
			{ json: { id: ids[0], outcome: 'deleted', cancelled: false, deleted: true }, pairedItem: { item: 0 } },
			{ json: { error: 'Task ID: must be one task ID, without spaces inside, got "two words" [item 1]', errorDescription: 'No request was sent for this item.' }, pairedItem: { item: 1 } },
			{ json: { id: ids[1], outcome: 'deleted', cancelled: false, deleted: true }, pairedItem: { item: 2 } },
		]);
		expect(sim.requests({ route: 'cancel' })).toHaveLength(2);
	});
});

describe('output settings', () => {
	it('Get outputs the task without the raw reply and without binary unless asked', async () => {
		const [id] = await finishedTasks(1);
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: id });
		expect(run.items[0].json).toMatchObject({ id, status: 'succeeded' });
		expect(run.items[0].json).not.toHaveProperty('raw');
		expect(run.items[0].binary).toBeUndefined();
	});

	it('an empty Put Video in Field puts the video in "data"', async () => {
		const [id] = await finishedTasks(1);
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: id, downloadVideo: true, binaryPropertyName: '={{ "" }}' });
		expect(Object.keys(run.items[0].binary ?? {})).toEqual(['data']);
	});

	it('a refused Put Video in Field names the field', async () => {
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: 'cgt-1', downloadVideo: true, binaryPropertyName: 'my video' });
		expect(run.error?.message).toBe('Put Video in Field: must be a name without spaces, got "my video" [item 0]');
	});

	it('the last frame goes to "lastFrame" unless another field is named', async () => {
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: 'a cat', options: { returnLastFrame: true }, outputOptions: { downloadLastFrame: true } });
		expect(Object.keys(run.items[0].binary ?? {}).sort()).toEqual(['data', 'lastFrame']);
	});

});

describe('Create and Wait: when it looks', () => {
	// A model's typical time is a minute or more, an unknown model's (an endpoint ID) too: in 0.6 s, only the look at the timeout.
	it.each([MODEL, 'ep-20260101000000-abcde'])('with no Expected Generation Time, %s is not looked at before its typical time', async (model) => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const run = await runSeedance(sim, 'byteplus', { model, prompt: 'a cat', waitOptions: { expectedSeconds: 0, timeoutMinutes: 0.01, onTimeout: 'output' } });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ status: 'running', timedOut: true, polls: 1 });
	});
});

/** The most tasks the simulator had in flight (created, not yet finished) at once. */
function peakInFlight(): number {
	const tasks = [...sim.engine.tasks.values()] as unknown as Array<{ createdAt: number; endAt: number }>;
	const events = tasks.flatMap((t) => [[t.createdAt, 1], [t.endAt, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	return Math.max(0, ...events.map(([, step]) => (now += step)));
}

const prompts = (n: number) => Array.from({ length: n }, (_, i) => ({ prompt: `take ${i}` }));

describe('Create and Wait: outputs and errors', () => {
	it('outputs the task as the provider reports it, with how long it waited and how often it looked', async () => {
		const started = Date.now();
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: 'a cat' });
		const took = (Date.now() - started) / 1000;
		const json = run.items[0].json;
		expect(json).toMatchObject({ model: MODEL, status: 'succeeded', ratio: '16:9', resolution: '720p', duration: 5, timedOut: false });
		expect(json.polls).toBeGreaterThanOrEqual(1);
		expect(json.waitedSeconds).toBeGreaterThanOrEqual(0.1);
		expect(json.waitedSeconds).toBeLessThanOrEqual(took);
	});

	it('an empty Download Video downloads, as its default', async () => {
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: 'a cat', downloadVideo: '={{ "" }}' });
		expect(Object.keys(run.items[0].binary ?? {})).toEqual(['data']);
	});

	it('without Continue On Fail, a refused wait option of item 0 stops the run before any create', async () => {
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: 'a cat', waitOptions: { timeoutMinutes: '={{ $json.t }}' } }, { items: [{ t: 'abc' }, { t: 5 }] });
		expect(run.error?.message).toBe('Wait Options → Timeout (Minutes): must be a number above 0 to 4320, got "abc" [item 0]');
		expect(sim.requests({ route: 'create' })).toHaveLength(0);
	});

	it('at the timeout a running task fails its item, naming the task', async () => {
		sim.addFault({ route: 'create', kind: 'taskHangs', count: 1 });
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: 'a cat', waitOptions: { timeoutMinutes: 0.005 } }, { continueOnFail: true });
		const id = String(sim.requests({ route: 'create' })[0].taskId ?? [...sim.engine.tasks.keys()][0]);
		expect(run.items).toEqual([{ json: { id, status: 'running', error: `Video task ${id} was still running after 0.005 minutes [item 0]`, errorDescription: `The task goes on at the provider. Fetch it later with the Get operation and task ID ${id}, or raise Timeout (Minutes).` }, pairedItem: { item: 0 } }]);
	});

	it.each([
		['taskFails', 'failed: The request failed because the output video may contain sensitive information.', "The provider's content filter rejected the result; change the prompt or images.", 'OutputVideoSensitiveContentDetected'],
		['taskExpires', 'was expired: The task exceeded execution_expires_after and expired.', 'The task did not finish before its expiry time. Submit it again, or raise Expire After.', 'TaskExpired'],
		['taskCancelled', 'was cancelled: The task was cancelled without a reason from the provider', 'Failed tasks are not billed by most providers. Check the inputs and try again.', 'cancelled'],
	])('a task that ends %s fails the only item with what happened and what to do', async (kind, what, description, code) => {
		sim.addFault({ route: 'create', kind, count: 1 });
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: 'a cat' });
		const id = [...sim.engine.tasks.keys()][0];
		expect(run.error?.message).toBe(`The video task ${id} ${what} [item 0]`);
		expect(run.error?.description).toBe(description);
		expect((run.error as unknown as { errorResponse: object }).errorResponse).toEqual({ message: `The video task ${id} ${what}`, code });
	});

	it('with Max Tasks at Once 1, a refused create frees its slot once: one task at a time', async () => {
		sim.addFault({ route: 'create', kind: 'status', status: 400, count: 1 });
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1 } }, { items: prompts(4), continueOnFail: true });
		expect(run.items.map((i) => i.json.status)).toEqual([undefined, 'succeeded', 'succeeded', 'succeeded']);
		expect(peakInFlight()).toBe(1);
	});

	it('with Max Tasks at Once 1, a task whose wait fails frees its slot for the next', async () => {
		sim.addFault({ route: 'get', kind: 'status', status: 404, count: 1 });
		sim.addFault({ route: 'list', kind: 'status', status: 404, count: 1 });
		const run = await runSeedance(sim, 'byteplus', { model: MODEL, prompt: '={{ $json.prompt }}', waitOptions: { maxInFlight: 1 } }, { items: prompts(2), continueOnFail: true });
		expect(run.items.map((i) => i.json.status)).toEqual(['queued', 'succeeded']);
	});
});

describe('Get', () => {
	it('without Continue On Fail, a refused task ID of item 0 stops the run before any request', async () => {
		const [id] = await finishedTasks(1);
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: '={{ $json.id }}' }, { items: [{ id: '' }, { id }] });
		expect(run.error?.message).toBe('Task ID: is required; map it from the output of Create, got "" [item 0]');
		expect(sim.requests({ route: 'get' })).toHaveLength(0);
	});

	it('without Continue On Fail, a refused task ID of a later item stops the run before any request', async () => {
		const [id] = await finishedTasks(1);
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: '={{ $json.id }}' }, { items: [{ id }, { id: '' }] });
		expect(run.error?.message).toBe('Task ID: is required; map it from the output of Create, got "" [item 1]');
		expect(sim.requests({ route: 'get' })).toHaveLength(0);
	});

	it('an empty Download Video does not download, as its default', async () => {
		const [id] = await finishedTasks(1);
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: id, downloadVideo: '={{ "" }}' });
		expect(run.items[0].binary).toBeUndefined();
	});

	it('a task the provider does not know stops the run, or with Continue On Fail is an error item naming it', async () => {
		const stopped = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: 'cgt-unknown' });
		expect(stopped.error?.message).toMatch(/^BytePlus ModelArk answered 404 ResourceNotFound: .* \[item 0\]$/);
		const run = await runSeedance(sim, 'byteplus', { operation: 'get', taskId: 'cgt-unknown' }, { continueOnFail: true });
		expect(run.items[0].json).toMatchObject({ id: 'cgt-unknown', error: expect.stringMatching(/^BytePlus ModelArk answered 404/) });
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Get Many', () => {
	/** Three tasks: two succeeded, one failed. */
	async function threeTasks(): Promise<string[]> {
		sim.addFault({ route: 'create', kind: 'taskFails', count: 1 });
		return await finishedTasks(3);
	}

	it('with no status filter (absent or empty) lists every task; each output paired with its item, without the raw reply', async () => {
		const ids = await threeTasks();
		for (const filters of [{}, { status: '' }]) {
			const run = await runSeedance(sim, 'byteplus', { operation: 'getAll', returnAll: true, filters }, { items: [{}, {}] });
			expect(run.items.filter((o) => (o.pairedItem as { item: number }).item === 0).map((o) => o.json.id).sort()).toEqual([...ids].sort());
			expect(run.items.filter((o) => (o.pairedItem as { item: number }).item === 1).map((o) => o.json.id).sort()).toEqual([...ids].sort());
			expect(run.items.every((o) => !('raw' in o.json))).toBe(true);
		}
	});

	it('an empty Return All returns at most Limit tasks, as its default', async () => {
		await threeTasks();
		const run = await runSeedance(sim, 'byteplus', { operation: 'getAll', returnAll: '={{ "" }}', limit: 2 });
		expect(run.items).toHaveLength(2);
	});

	it.each<[{ returnAll?: boolean; limit?: number; model?: unknown }, string]>([
		[{ limit: 2.5 }, 'Limit: must be a whole number from 1 to 100000, got 2.5 [item 1]'],
		[{ returnAll: true, model: { a: 1 } }, 'Filters → Model: must be text, got an object [item 1]'],
	])('without Continue On Fail, a refused query of a later item (%o) stops the run before any request', async (query, message) => {
		const run = await runSeedance(sim, 'byteplus', { operation: 'getAll', returnAll: '={{ $json.all }}', limit: '={{ $json.limit }}', filters: { model: '={{ $json.model }}' } }, { items: [{ all: true, model: '' }, { all: query.returnAll ?? false, limit: query.limit ?? 50, model: query.model ?? '' }] });
		expect(run.error?.message).toBe(message);
		expect(sim.requests({ route: 'list' })).toHaveLength(0);
	});

	it('with Continue On Fail, a refused query is an error item in its place; the others are listed', async () => {
		await threeTasks();
		const run = await runSeedance(sim, 'byteplus', { operation: 'getAll', limit: '={{ $json.limit }}' }, { items: [{ limit: 0 }, { limit: 1 }], continueOnFail: true });
		expect(run.items[0]).toEqual({ json: { error: 'Limit: must be a whole number from 1 to 100000, got 0 [item 0]', errorDescription: 'No request was sent for this item.' }, pairedItem: { item: 0 } });
		expect(run.items.slice(1).map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(sim.requests({ route: 'list' })).toHaveLength(1);
	});

	it('a provider with no list endpoint says what to use instead', async () => {
		const run = await runSeedance(sim, 'anyfast', { operation: 'getAll', returnAll: true });
		expect(run.error?.message).toBe('Anyfast has no endpoint to list tasks [item 0]');
		expect(run.error?.description).toBe('Get Many works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways. Use Get with task IDs instead.');
	});
});
