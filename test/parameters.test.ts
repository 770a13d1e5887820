// The operations' own parameters (wait, download and output options, Max … at Once, task IDs, Get
// Many's limit and filters): a nonsense value from an expression is refused with the field, the rule
// and [item N], and nothing is sent.

import type { IDataObject } from 'n8n-workflow';
import { runSeedance, startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const generate = { mode: 'text', model: 'doubao-seedance-2-0-260128', prompt: 'A paper boat on a rainy street' };
const BAD = { NaN: '={{ NaN }}', '"abc"': '={{ "abc" }}', '-1': '={{ -1 }}', '{}': '={{ {} }}' };

// The last entry lists values the field legitimately takes: a name or a task ID may be "abc" or "-1".
type Case = [operation: string, field: RegExp, params: (bad: string) => IDataObject, accepted?: string[]];

const CASES: Case[] = [
	['createAndWait', /Timeout \(Minutes\)/, (bad) => ({ ...generate, waitOptions: { timeoutMinutes: bad } })],
	['createAndWait', /Expected Generation Time/, (bad) => ({ ...generate, waitOptions: { expectedSeconds: bad } })],
	['createAndWait', /Max Tasks at Once/, (bad) => ({ ...generate, waitOptions: { maxInFlight: bad } })],
	['createAndWait', /On Timeout/, (bad) => ({ ...generate, waitOptions: { onTimeout: bad } })],
	['createAndWait', /Download Video/, (bad) => ({ ...generate, downloadVideo: bad })],
	['createAndWait', /Put Video in Field/, (bad) => ({ ...generate, downloadVideo: true, binaryPropertyName: bad }), ['"abc"', '-1']],
	['createAndWait', /Download Last Frame/, (bad) => ({ ...generate, outputOptions: { downloadLastFrame: bad } })],
	['createAndWait', /Include Raw Provider Task/, (bad) => ({ ...generate, outputOptions: { includeRaw: bad } })],
	['createAndWait', /Put Last Frame in Field/, (bad) => ({ ...generate, outputOptions: { lastFrameBinaryPropertyName: bad } }), ['"abc"', '-1']],
	['create', /Max Submissions at Once/, (bad) => ({ ...generate, maxInFlight: bad })],
	['get', /Task ID/, (bad) => ({ taskId: bad }), ['"abc"', '-1']],
	['get', /Include Raw Provider Task/, (bad) => ({ taskId: 'cgt-1', outputOptions: { includeRaw: bad } })],
	['get', /Put Video in Field/, (bad) => ({ taskId: 'cgt-1', downloadVideo: true, binaryPropertyName: bad }), ['"abc"', '-1']],
	['cancel', /Task ID/, (bad) => ({ taskId: bad }), ['"abc"', '-1']],
	['getAll', /Limit/, (bad) => ({ returnAll: false, limit: bad })],
	['getAll', /Return All/, (bad) => ({ returnAll: bad })],
	['getAll', /Filters → Status/, (bad) => ({ filters: { status: bad } })],
];

describe.each(CASES)('%s: %s', (operation, field, params, accepted = []) => {
	test.each(Object.entries(BAD).filter(([name]) => !accepted.includes(name)))('%s is refused before any request', async (_, bad) => {
		const items = [{}, {}];
		const { error } = await runSeedance(sim, 'volcengine', { operation, ...params(bad) }, { items });
		expect(error?.message).toMatch(field);
		expect(error?.message).toMatch(/must be|required|without spaces/);
		expect(error?.message).toMatch(/\[item 0\]$/);
		expect(sim.requests().filter((r) => r.route !== 'download')).toHaveLength(0);
	});
});

test('a task ID with a space inside is refused, not sent as two IDs or a broken path', async () => {
	const cancel = await runSeedance(sim, 'volcengine', { operation: 'cancel', taskId: '={{ "cgt-1 cgt-2" }}' });
	expect(cancel.error?.message).toBe('Task ID: must be one task ID, without spaces inside, got "cgt-1 cgt-2" [item 0]');
	expect(sim.requests()).toHaveLength(0);
});

test('a bad value in the third item stops the run before the first item is sent, or fails only that item with Continue On Fail', async () => {
	const items = [{ t: 5 }, { t: 5 }, { t: 'soon' }];
	const params = { ...generate, downloadVideo: false, waitOptions: { expectedSeconds: 0.2, timeoutMinutes: '={{ $json.t }}' } };
	const stopped = await runSeedance(sim, 'volcengine', params, { items });
	expect(stopped.error?.message).toBe('Wait Options → Timeout (Minutes): must be a number above 0 to 4320, got "soon" [item 2]');
	expect(sim.requests()).toHaveLength(0);
	const going = await runSeedance(sim, 'volcengine', params, { items, continueOnFail: true });
	expect(going.items.map((i) => i.json.status ?? i.json.error)).toEqual(['succeeded', 'succeeded', expect.stringMatching(/\[item 2\]$/)]);
	expect(sim.requests({ route: 'create' })).toHaveLength(2);
});
