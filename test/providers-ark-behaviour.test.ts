// The Ark clients (BytePlus, Volcengine, the Ark-compatible gateway), Anyfast and GlobalAiOpc
// against the simulator: reply shapes the simulator does not send by itself (given per test),
// paging without a total, Cancel's outcomes, and how a failed task's error is read.

import { sleep } from 'n8n-workflow';
// The harness first: it loads the provider catalog before any one provider's module.
import { clientOn, replyOnce } from './harness/clients';
import { startTestSimulator, type Simulator } from './harness/fixtures';
import { generationRequestSchema } from '../nodes/Seedance/request/rules';
import { arkBody } from '../nodes/Seedance/providers/ark';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

type Engine = { configure: (o: object) => void; createTask: (p: string, id: string, m: string, params: object) => unknown };
const engine = () => (sim as unknown as { engine: Engine }).engine;
const MODEL = 'doubao-seedance-2-0-260128';
const listed = (id: string) => ({ id, model: MODEL, status: 'queued' });

/** A task at the simulator that finishes after `durationMs`. */
function startTask(provider: string, id: string, durationMs: number) {
	engine().configure({ taskDurationMs: durationMs });
	engine().createTask(provider, id, MODEL, {});
	engine().configure({ taskDurationMs: 200 });
}

describe('Ark: the create body', () => {
	test("every option in Ark's names; the prompt top-level too, trimmed, where the gateway wants it", () => {
		const req = generationRequestSchema.parse({
			mode: 'text', model: MODEL, prompt: '  a kite  ',
			options: { resolution: '1080p', ratio: '9:16', duration: 8, frames: 193, seed: 7, cameraFixed: true, watermark: false, generateAudio: true, returnLastFrame: true, serviceTier: 'flex', callbackUrl: 'https://hooks.example.com/x', webSearch: true, executionExpiresAfter: 7200, draft: false },
		});
		expect(arkBody(req, { topLevelPrompt: true })).toEqual({
			model: MODEL, prompt: 'a kite', content: [{ type: 'text', text: 'a kite' }],
			resolution: '1080p', ratio: '9:16', duration: 8, frames: 193, seed: 7, camera_fixed: true, watermark: false, generate_audio: true, return_last_frame: true,
			service_tier: 'flex', callback_url: 'https://hooks.example.com/x', execution_expires_after: 7200, draft: false, tools: [{ type: 'web_search' }],
		});
		expect(arkBody(req)).not.toHaveProperty('prompt');
	});
});

describe('Ark: reply shapes', () => {
	test("a gateway's {id, items: [...]} is read as the task of that ID", async () => {
		const client = await clientOn(sim, 'arkGateway');
		replyOnce(sim, 'arkGateway', 'get', { id: 'task_1', items: [{ status: 'succeeded', video_url: 'https://files.example.com/v.mp4' }] });
		const task = await client.get('task_1');
		expect(task).toMatchObject({ id: 'task_1', status: 'succeeded', videoUrl: 'https://files.example.com/v.mp4', progress: 100, error: null });
	});

	test("a failed task's error: text is the message; a code alone is the message too; nothing says the task failed", async () => {
		const client = await clientOn(sim, 'volcengine');
		replyOnce(sim, 'volcengine', 'get', { id: 'cgt-1', status: 'failed', error: 'upstream timeout' });
		expect((await client.get('cgt-1')).error).toEqual({ code: null, message: 'upstream timeout' });
		replyOnce(sim, 'volcengine', 'get', { id: 'cgt-1', status: 'failed', error: { code: 'InternalServiceError' } });
		expect((await client.get('cgt-1')).error).toEqual({ code: 'InternalServiceError', message: 'InternalServiceError' });
		replyOnce(sim, 'volcengine', 'get', { id: 'cgt-1', status: 'failed', failure_reason: {} });
		expect((await client.get('cgt-1')).error).toEqual({ code: null, message: 'The task failed' });
	});
});

describe('Ark: a task read', () => {
	const get = async (reply: object) => {
		const client = await clientOn(sim, 'byteplus');
		replyOnce(sim, 'byteplus', 'get', { id: 'cgt-1', ...reply });
		return await client.get('cgt-1');
	};

	test('progress while running, as given (0–100), none when it is no number; finished only once it has ended', async () => {
		expect(await get({ status: 'running', progress: 30, updated_at: 1767225600 })).toMatchObject({ progress: 30, completedAt: null, updatedAt: '2026-01-01T00:00:00.000Z' });
		expect(await get({ status: 'running', progress: '140' })).toMatchObject({ progress: 100 });
		expect(await get({ status: 'running', progress: 'soon' })).toMatchObject({ progress: null });
		expect(await get({ status: 'succeeded', updated_at: 1767225600 })).toMatchObject({ progress: 100, completedAt: '2026-01-01T00:00:00.000Z' });
		expect(await get({ status: 'failed', updated_at: 1767225660 })).toMatchObject({ completedAt: '2026-01-01T00:01:00.000Z' });
	});

	test('token usage, each count or none; a succeeded task has no error, whatever the reply still holds', async () => {
		expect((await get({ status: 'succeeded', usage: { completion_tokens: 100, total_tokens: 120 } })).usage).toEqual({ completionTokens: 100, totalTokens: 120 });
		expect((await get({ status: 'succeeded', usage: {} })).usage).toEqual({ completionTokens: null, totalTokens: null });
		expect((await get({ status: 'succeeded', error: { code: 'Stale', message: 'from an earlier try' } })).error).toBeNull();
	});
});

describe('Ark: Get Many paging', () => {
	test('without a total, a full page means there may be more; a short page is the last', async () => {
		const client = await clientOn(sim, 'byteplus');
		replyOnce(sim, 'byteplus', 'list', { items: [listed('cgt-1'), listed('cgt-2')] });
		const first = await client.list!({ pageSize: 2 });
		expect(first.tasks.map((t) => t.id)).toEqual(['cgt-1', 'cgt-2']);
		expect(first.nextCursor).toBe('2');
		expect(first.total).toBeUndefined();
		replyOnce(sim, 'byteplus', 'list', { items: [listed('cgt-3')] });
		const last = await client.list!({ pageSize: 2, cursor: '2' });
		expect(last.tasks.map((t) => t.id)).toEqual(['cgt-3']);
		expect(last.nextCursor).toBeUndefined();
		expect(sim.requests({ route: 'list' }).map((r) => [r.query.page_num, r.query.page_size])).toEqual([['1', '2'], ['2', '2']]);
	});

	test('a reply without items is an empty page, for a list and for tasks by ID', async () => {
		const client = await clientOn(sim, 'byteplus');
		replyOnce(sim, 'byteplus', 'list', { total: 0 });
		await expect(client.list!({ pageSize: 10 })).resolves.toEqual({ tasks: [], total: 0, nextCursor: undefined });
		replyOnce(sim, 'byteplus', 'list', {});
		await expect(client.getMany!(['cgt-1'])).resolves.toEqual([]);
	});
});

describe('Ark: Cancel', () => {
	test('a queued task is cancelled', async () => {
		startTask('byteplus', 'cgt-queued', 60_000);
		const client = await clientOn(sim, 'byteplus');
		await expect(client.cancel!('cgt-queued')).resolves.toEqual({ id: 'cgt-queued', outcome: 'cancelled' });
		expect((await client.get('cgt-queued')).status).toBe('cancelled');
	});

	test("a finished task's record is deleted: gone afterwards, or still there but not cancelled", async () => {
		startTask('byteplus', 'cgt-done', 1);
		startTask('byteplus', 'cgt-done-2', 1);
		await sleep(20);
		const client = await clientOn(sim, 'byteplus');
		await expect(client.cancel!('cgt-done')).resolves.toEqual({ id: 'cgt-done', outcome: 'deleted' });
		replyOnce(sim, 'byteplus', 'get', { id: 'cgt-done-2', status: 'succeeded' });
		await expect(client.cancel!('cgt-done-2')).resolves.toEqual({ id: 'cgt-done-2', outcome: 'deleted' });
	});

	test('when the task cannot be read afterwards, the outcome is unknown', async () => {
		startTask('byteplus', 'cgt-odd', 60_000);
		const client = await clientOn(sim, 'byteplus');
		replyOnce(sim, 'byteplus', 'get', { error: { code: 'InternalServiceError', message: 'try later' } }, 500);
		await expect(client.cancel!('cgt-odd')).resolves.toEqual({ id: 'cgt-odd', outcome: 'unknown' });
	});
});

describe('Anyfast: a failed task', () => {
	const failed = (extra: object) => ({ code: 'success', data: { task_id: 'gen-1', status: 'FAILURE', ...extra } });

	test('without a reason or an upstream task: "The task failed", no code, no creation time', async () => {
		const client = await clientOn(sim, 'anyfast');
		replyOnce(sim, 'anyfast', 'get', failed({}));
		const task = await client.get('gen-1');
		expect(task).toMatchObject({ id: 'gen-1', status: 'failed', error: { code: null, message: 'The task failed' }, createdAt: null });
		replyOnce(sim, 'anyfast', 'get', failed({ data: { id: 'gen-1', status: 'running' } }));
		expect((await client.get('gen-1')).error).toEqual({ code: null, message: 'The task failed' });
	});

	test("the upstream Ark task's error and creation time when the wrapper has none", async () => {
		const client = await clientOn(sim, 'anyfast');
		replyOnce(sim, 'anyfast', 'get', failed({ data: { id: 'gen-1', status: 'failed', error: { code: 'InputImageSensitiveContentDetected', message: 'the image was refused' }, created_at: 1767225600 } }));
		const task = await client.get('gen-1');
		expect(task.error).toEqual({ code: 'InputImageSensitiveContentDetected', message: 'the image was refused' });
		expect(task.createdAt).toBe('2026-01-01T00:00:00.000Z');
		replyOnce(sim, 'anyfast', 'get', failed({ fail_reason: 'quota', submit_time: 1767225660, data: { id: 'gen-1', status: 'failed', error: { code: 'X', message: 'upstream' }, created_at: 1767225600 } }));
		expect(await client.get('gen-1')).toMatchObject({ error: { code: 'X', message: 'quota' }, createdAt: '2026-01-01T00:01:00.000Z' });
	});

	test('an upstream task the client cannot read adds nothing, and blocks nothing', async () => {
		const client = await clientOn(sim, 'anyfast');
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: 'gen-1', status: 'SUCCESS', result_url: 'https://files.example.com/v.mp4', data: { id: 'gen-1', status: 'pondering', seed: 7 } } });
		expect(await client.get('gen-1')).toMatchObject({ status: 'succeeded', videoUrl: 'https://files.example.com/v.mp4', seed: null, error: null });
	});
});

describe('Anyfast: replies', () => {
	test("the wrapper's task ID, else the one asked for; its progress while running; the upstream task's details", async () => {
		const client = await clientOn(sim, 'anyfast');
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: 'gen-real', status: 'IN_PROGRESS', progress: '45%' } });
		expect(await client.get('gen-asked')).toMatchObject({ id: 'gen-real', status: 'running', progress: 45 });
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: '', status: 'SUCCESS', result_url: 'https://files.example.com/v.mp4', data: { id: 'cgt-up', status: 'succeeded', seed: 42, resolution: '1080p', ratio: '9:16', duration: 8 } } });
		expect(await client.get('gen-asked')).toMatchObject({ id: 'gen-asked', status: 'succeeded', progress: 100, seed: 42, resolution: '1080p', ratio: '9:16', duration: 8 });
		expect(sim.requests({ provider: 'anyfast', route: 'get' }).map((r) => [r.method, r.path])).toEqual([['GET', '/v1/video/generations/gen-asked'], ['GET', '/v1/video/generations/gen-asked']]);
	});

	test('finished once it has ended; the result URL from the wrapper, else from the upstream task', async () => {
		const client = await clientOn(sim, 'anyfast');
		const upstream = { id: 'cgt-up', status: 'succeeded', content: { video_url: 'https://upstream.example.com/v.mp4' } };
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: 'gen-1', status: 'SUCCESS', finish_time: 1767225600, result_url: 'https://files.example.com/v.mp4', data: upstream } });
		expect(await client.get('gen-1')).toMatchObject({ completedAt: '2026-01-01T00:00:00.000Z', videoUrl: 'https://files.example.com/v.mp4' });
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: 'gen-1', status: 'SUCCESS', data: upstream } });
		expect(await client.get('gen-1')).toMatchObject({ videoUrl: 'https://upstream.example.com/v.mp4' });
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: 'gen-1', status: 'FAILURE', finish_time: 1767225660 } });
		expect(await client.get('gen-1')).toMatchObject({ completedAt: '2026-01-01T00:01:00.000Z' });
		replyOnce(sim, 'anyfast', 'get', { data: { task_id: 'gen-1', status: 'IN_PROGRESS', finish_time: 1767225660, progress: 'soon' } });
		expect(await client.get('gen-1')).toMatchObject({ completedAt: null, progress: null });
	});

	test('a create or query reply of another shape is named', async () => {
		const client = await clientOn(sim, 'anyfast');
		replyOnce(sim, 'anyfast', 'create', { task: 'gen-1' });
		await expect(client.create(generationRequestSchema.parse({ mode: 'text', model: 'seedance', prompt: 'a kite' }))).rejects.toThrow('Anyfast sent a reply the node cannot read: The create reply did not have the expected shape (id: Required)');
		replyOnce(sim, 'anyfast', 'get', { task_id: 'gen-1', status: 'SUCCESS' });
		await expect(client.get('gen-1')).rejects.toThrow('Anyfast sent a reply the node cannot read: The task did not have the expected shape (data: Required)');
	});
});

describe('GlobalAiOpc: a failed task', () => {
	test('an error as text, an error with a code only, an error with both', async () => {
		const client = await clientOn(sim, 'globalAiOpc');
		const failed = (error: unknown) => replyOnce(sim, 'globalAiOpc', 'get', { id: 'g-1', status: 'failed', error });
		failed('the prompt was refused');
		expect((await client.get('g-1')).error).toEqual({ code: null, message: 'the prompt was refused' });
		failed({ code: 'E1' });
		expect((await client.get('g-1')).error).toEqual({ code: 'E1', message: 'The task failed' });
		failed({ code: 'E1', message: 'no credits' });
		expect((await client.get('g-1')).error).toEqual({ code: 'E1', message: 'no credits' });
	});
});
