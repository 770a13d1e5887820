// The OpenAI-videos flavour's client against the simulator: the size it asks for, a first frame given
// as a data URL (sent as the multipart file input_reference), Get Many's filters, Cancel (DELETE),
// and the error shapes of a video.

import { sleep } from 'n8n-workflow';
// The harness first: it loads the provider catalog before any one provider's module.
import { clientOn, replyOnce } from './harness/clients';
import { openaiBody, openaiForm } from '../nodes/Seedance/providers/openaiVideos';
import { generationRequestSchema, type GenerationRequest } from '../nodes/Seedance/request/rules';
import { startTestSimulator, type Simulator } from './harness/fixtures';
import { jpeg, sha256 } from './harness/images';

let sim: Simulator;
beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const MODEL = 'doubao-seedance-2-0-260128';
const OTHER_MODEL = 'doubao-seedance-1-0-pro-250528';
const request = (fields: Record<string, unknown>): GenerationRequest => generationRequestSchema.parse({ mode: 'text', model: MODEL, prompt: 'a kite', ...fields });
/** A multipart file part as FormData holds it. */
type FilePart = Blob & { name: string; type: string; arrayBuffer(): Promise<ArrayBuffer> };
const dataUrl = (mimeType: string, bytes: Buffer) => `data:${mimeType};base64,${bytes.toString('base64')}`;

describe('the size sent', () => {
	test('a resolution alone is taken at 16:9, a ratio alone at 720p; neither sends no size', () => {
		expect(openaiBody(request({ options: { resolution: '1080p' } }))).toEqual({ model: MODEL, prompt: 'a kite', size: '1920x1080' });
		expect(openaiBody(request({ options: { ratio: '9:16' } }))).toEqual({ model: MODEL, prompt: 'a kite', size: '720x1280' });
		expect(openaiBody(request({ options: { resolution: '480p', ratio: '1:1', duration: 8 } }))).toEqual({ model: MODEL, prompt: 'a kite', seconds: '8', size: '640x640' });
		expect(openaiBody(request({}))).toEqual({ model: MODEL, prompt: 'a kite' });
	});
});

describe('a first frame given as a data URL', () => {
	const image = jpeg(320, 240, 3000, 7);
	const firstFrame = request({ mode: 'firstFrame', firstFrameImage: dataUrl('image/jpeg', image) });

	test('is the multipart file input_reference: its exact bytes, its type, a name with its extension', async () => {
		const form = await openaiForm(firstFrame);
		const file = form.get('input_reference') as unknown as FilePart;
		expect(file).toBeInstanceOf(Blob);
		expect(file.name).toBe('first-frame.jpeg');
		expect(file.type).toBe('image/jpeg');
		expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(image));
		expect([...form.keys()]).toEqual(['model', 'prompt', 'input_reference']);
	});

	test('a type without a subtype is named .png', async () => {
		const form = await openaiForm({ ...firstFrame, firstFrameImage: dataUrl('image', image) });
		const file = form.get('input_reference') as unknown as FilePart;
		expect(file.name).toBe('first-frame.png');
		expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(image));
	});

	test('a URL stays a text field', async () => {
		const form = await openaiForm({ ...firstFrame, firstFrameImage: 'https://cdn.example.com/a.png' });
		expect(form.get('input_reference')).toBe('https://cdn.example.com/a.png');
	});

	test('the simulator receives exactly those bytes as input_reference, and the task is created', async () => {
		const client = await clientOn(sim, 'openaiVideos');
		const created = await client.create(firstFrame);
		expect(created).toMatchObject({ status: 'queued', model: MODEL });
		const [create] = sim.requests({ provider: 'openaiVideos', route: 'create' }) as unknown as Array<{ images: unknown[]; body: Record<string, unknown> }>;
		expect(create.images).toEqual([{ at: 'input_reference', mimeType: 'image/jpeg', bytes: image.length, sha256: sha256(image) }]);
	});
});

describe('Get Many', () => {
	type Engine = { configure: (o: object) => void; createTask: (p: string, id: string, m: string, params: object) => unknown; addFault: (f: object) => void };
	const engine = () => (sim as unknown as { engine: Engine }).engine;

	/** Three finished videos (one failed, one of another model) and one still queued. */
	async function videos() {
		engine().configure({ taskDurationMs: 1 });
		engine().createTask('openaiVideos', 'video_a', MODEL, {});
		engine().addFault({ route: 'create', kind: 'taskFails' });
		engine().createTask('openaiVideos', 'video_b', MODEL, {});
		engine().createTask('openaiVideos', 'video_c', OTHER_MODEL, {});
		engine().configure({ taskDurationMs: 60_000 });
		engine().createTask('openaiVideos', 'video_d', MODEL, {});
		engine().configure({ taskDurationMs: 200 });
		await sleep(30);
	}
	const ids = (page: { tasks: Array<{ id: string }> }) => page.tasks.map((t) => t.id).sort();

	test('filters by status and by model; no filter lists all', async () => {
		await videos();
		const client = await clientOn(sim, 'openaiVideos');
		expect(ids(await client.list!({ pageSize: 100 }))).toEqual(['video_a', 'video_b', 'video_c', 'video_d']);
		expect(ids(await client.list!({ pageSize: 100, status: 'succeeded' }))).toEqual(['video_a', 'video_c']);
		expect(ids(await client.list!({ pageSize: 100, status: 'failed' }))).toEqual(['video_b']);
		expect(ids(await client.list!({ pageSize: 100, model: OTHER_MODEL }))).toEqual(['video_c']);
		expect(ids(await client.list!({ pageSize: 100, model: MODEL, status: 'queued' }))).toEqual(['video_d']);
	});
});

describe('Cancel', () => {
	test('sends DELETE /v1/videos/{id}: the video is deleted and the outcome says so', async () => {
		const client = await clientOn(sim, 'openaiVideos');
		const created = await client.create(request({}));
		await expect(client.cancel!(created.id)).resolves.toEqual({ id: created.id, outcome: 'deleted' });
		const [cancel] = sim.requests({ provider: 'openaiVideos', route: 'cancel' });
		expect(cancel).toMatchObject({ method: 'DELETE', path: `/v1/videos/${created.id}`, status: 200 });
		await expect(client.get(created.id)).rejects.toMatchObject({ statusCode: 404 });
	});

	test('a video the gateway does not know: its 404, not "deleted"', async () => {
		const client = await clientOn(sim, 'openaiVideos');
		await expect(client.cancel!('video_missing')).rejects.toMatchObject({ statusCode: 404, message: 'OpenAI-Videos-Compatible Gateway answered 404 not_found: video video_missing not found' });
	});
});

describe('a failed video', () => {
	test('an error given as text is the message; an error without a message is "The task failed" with its code', async () => {
		const client = await clientOn(sim, 'openaiVideos');
		replyOnce(sim, 'openaiVideos', 'get', { id: 'video_x', status: 'failed', error: 'upstream refused the prompt' });
		expect((await client.get('video_x')).error).toEqual({ code: null, message: 'upstream refused the prompt' });
		replyOnce(sim, 'openaiVideos', 'get', { id: 'video_x', status: 'failed', error: { code: 'content_policy' } });
		expect((await client.get('video_x')).error).toEqual({ code: 'content_policy', message: 'The task failed' });
		replyOnce(sim, 'openaiVideos', 'get', { id: 'video_x', status: 'failed', error: { code: 'content_policy', message: 'blocked' } });
		expect((await client.get('video_x')).error).toEqual({ code: 'content_policy', message: 'blocked' });
	});
});
