// What a user reads when a provider answers with an error or with a reply the node cannot read:
// through a client against the simulator (replies of the test's choosing), and the error-body
// reader on every body shape the providers use.

// The harness first: it loads the provider catalog before any one provider's module.
import { clientOn, replyOnce, thrown } from './harness/clients';
import { httpError, readErrorBody } from '../nodes/Seedance/providers/errors';
import { isoTime } from '../nodes/Seedance/providers/task';
import { startTestSimulator, type Simulator } from './harness/fixtures';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

/** What Get of a task throws when the provider answers with this body and status. */
async function getFails(body: unknown, status: number, provider: 'byteplus' | 'openaiVideos' = 'byteplus') {
	const client = await clientOn(sim, provider);
	replyOnce(sim, provider, 'get', body, status);
	return await thrown(async () => await client.get('cgt-1'));
}

describe('403: what to do about it', () => {
	test('an overdue account is told to top up', async () => {
		const error = await getFails({ error: { code: 'AccountOverdueError', message: 'The account is overdue.' } }, 403);
		expect(error.message).toBe('BytePlus ModelArk answered 403 AccountOverdueError: The account is overdue.');
		expect(error.description).toBe('The BytePlus ModelArk account is overdue; top it up in the provider console.');
	});

	test('any other 403, with or without a code, is about access to the model', async () => {
		const access = "The key has no access to this model or resource. Activate the model in the BytePlus ModelArk console, or check the key's permissions.";
		const denied = await getFails({ error: { code: 'AccessDenied', message: 'no access' } }, 403);
		expect(denied.message).toBe('BytePlus ModelArk answered 403 AccessDenied: no access');
		expect(denied.description).toBe(access);
		const bare = await getFails('Forbidden', 403);
		expect(bare.message).toBe('BytePlus ModelArk answered 403: Forbidden');
		expect(bare.description).toBe(access);
	});

	test("the content filter's codes say to change the input", async () => {
		const error = await getFails({ error: { code: 'InputTextSensitiveContentDetected', message: 'sensitive' } }, 400);
		expect(error.description).toBe("The provider's content filter rejected the input; change the prompt or media.");
	});
});

describe('an error body that is not JSON', () => {
	test('plain text is quoted (its first 200 characters); none says "no details"; HTML is named as such', async () => {
		expect((await getFails('Bad gateway from the proxy', 502)).message).toBe('BytePlus ModelArk answered 502: Bad gateway from the proxy');
		const long = `${'a'.repeat(200)}${'b'.repeat(100)}`;
		expect((await getFails(long, 500)).message).toBe(`BytePlus ModelArk answered 500: ${'a'.repeat(200)}`);
		expect((await getFails('', 503)).message).toBe('BytePlus ModelArk answered 503: no details');
		expect((await getFails('  <html><body>oops</body></html>', 500)).message).toBe('BytePlus ModelArk answered 500: an HTML error page');
	});
});

describe('the error body read into a code and a message', () => {
	test('nested: the code, else its type; the message', () => {
		expect(readErrorBody({ error: { code: 'InvalidParameter', type: 'BadRequest', message: 'bad' } })).toEqual({ code: 'InvalidParameter', message: 'bad' });
		expect(readErrorBody({ error: { type: 'invalid_request_error', message: 'bad' } })).toEqual({ code: 'invalid_request_error', message: 'bad' });
		expect(readErrorBody({ error: { code: '', type: 'server_error' } })).toEqual({ code: 'server_error', message: undefined });
		expect(readErrorBody({ error: { type: 42, message: 7 } })).toEqual({ code: undefined, message: undefined });
	});

	test('flat: code, message or msg; an error given as text is both', () => {
		expect(readErrorBody({ code: 'unauthorized', message: 'who are you' })).toEqual({ code: 'unauthorized', message: 'who are you' });
		expect(readErrorBody({ code: 'E42', msg: 'in msg' })).toEqual({ code: 'E42', message: 'in msg' });
		expect(readErrorBody({ error: 'quota_exceeded' })).toEqual({ code: 'quota_exceeded', message: 'quota_exceeded' });
		expect(readErrorBody({ error: 7, code: 5, message: 6, msg: 8 })).toEqual({ code: undefined, message: undefined });
		expect(readErrorBody('text')).toEqual({});
	});

	test('a msg shows in the error message', () => {
		const error = httpError('globalAiOpc', 400, { code: 'E42', msg: 'the prompt is too long' }, '{}');
		expect(error.message).toBe('GlobalAiOpc answered 400 E42: the prompt is too long');
	});
});

describe('a reply the node cannot read', () => {
	test('a missing field is named, with what came back', async () => {
		const error = await getFails({ id: 'video_1' }, 200, 'openaiVideos');
		expect(error.message).toBe('OpenAI-Videos-Compatible Gateway sent a reply the node cannot read: The task did not have the expected shape (status: Required)');
		expect(error.description).toBe('Received: {"id":"video_1"}. Check that the base URL in the credential points at the OpenAI-Videos-Compatible Gateway API.');
		expect(error.kind).toBe('shape');
	});

	test('a body of the wrong kind is named "body"', async () => {
		const error = await getFails([1, 2], 200, 'openaiVideos');
		expect(error.message).toBe('OpenAI-Videos-Compatible Gateway sent a reply the node cannot read: The task did not have the expected shape (body: Expected object, received array)');
	});

	test('a field deep inside is named by its path', async () => {
		const client = await clientOn(sim, 'byteplus');
		replyOnce(sim, 'byteplus', 'list', { total: 1, items: [{ id: 'cgt-1', status: 'succeeded', content: { video_url: 5 } }] });
		const error = await thrown(async () => await client.list!({ pageSize: 10 }));
		expect(error.message).toBe('BytePlus ModelArk sent a reply the node cannot read: A listed task did not have the expected shape (content.video_url: Expected string, received number)');
	});

	test('a status word the node does not know is quoted', async () => {
		const error = await getFails({ id: 'video_1', status: 'pondering' }, 200, 'openaiVideos');
		expect(error.message).toBe('OpenAI-Videos-Compatible Gateway sent a reply the node cannot read: unknown task status "pondering"');
	});
});

describe('times', () => {
	test('a date in words is read as a date; text that is no date is none', () => {
		expect(isoTime('2026-03-04T05:06:07+02:00')).toBe('2026-03-04T03:06:07.000Z');
		expect(isoTime('Wed, 04 Mar 2026 05:06:07 GMT')).toBe('2026-03-04T05:06:07.000Z');
		expect(isoTime('yesterday')).toBeNull();
	});
});
