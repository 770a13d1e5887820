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
