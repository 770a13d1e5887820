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
