// The simulator's OpenAI-videos flavour checked against a client nobody here wrote: the official
// `openai` package. Its create posts multipart/form-data, like the node's creates.

import OpenAI, { toFile } from 'openai';
import { sleep } from 'n8n-workflow';
import { API_KEY, isMp4, startTestSimulator, type Simulator } from './harness/fixtures';
import { png, sha256 } from './harness/images';

let sim: Simulator;
let client: OpenAI;
beforeAll(async () => {
	sim = await startTestSimulator();
	client = new OpenAI({ apiKey: API_KEY, baseURL: `${sim.baseUrl('openaiVideos')}/v1`, maxRetries: 0 });
});
afterAll(async () => await sim.close());

async function finished(id: string) {
	for (let tries = 0; tries < 100; tries++) {
		const video = await client.videos.retrieve(id);
		if (video.status === 'completed' || video.status === 'failed') return video;
		await sleep(50);
	}
	throw new Error(`video ${id} did not finish`);
}

type Recorded = { route: string; multipart?: boolean; images?: Array<{ at: string; sha256: string }>; body?: Record<string, unknown> };

test('create (multipart), retrieve, download content, list, delete', async () => {
	const created = await client.videos.create({ model: 'doubao-seedance-2-0-260128', prompt: 'a lighthouse at night', seconds: '8', size: '1280x720' });
	expect(created).toMatchObject({ object: 'video', model: 'doubao-seedance-2-0-260128', status: 'queued' });
	const create = sim.requests({ provider: 'openaiVideos', route: 'create' }).at(-1) as unknown as Recorded;
	expect(create.multipart).toBe(true);
	expect(create.body).toEqual({ model: 'doubao-seedance-2-0-260128', prompt: 'a lighthouse at night', seconds: '8', size: '1280x720' });

	const done = await finished(created.id);
	expect(done.status).toBe('completed');
	expect(done.progress).toBe(100);

	const content = await client.videos.downloadContent(created.id);
	expect(isMp4(Buffer.from(await content.arrayBuffer()))).toBe(true);

	const ids: string[] = [];
	for await (const video of client.videos.list({ limit: 1 })) ids.push(video.id);
	expect(ids).toContain(created.id);

	const deleted = await client.videos.delete(created.id);
	expect(deleted).toMatchObject({ id: created.id, deleted: true });
});

test('create with an image file as input_reference: the simulator gets exactly its bytes', async () => {
	const image = png(1280, 720, 50_000, 21);
	const created = await client.videos.create({
		model: 'doubao-seedance-1-0-pro-250528',
		prompt: 'the sea moves',
		input_reference: await toFile(image, 'frame.png', { type: 'image/png' }),
	});
	expect(created.status).toBe('queued');
	const create = sim.requests({ provider: 'openaiVideos', route: 'create' }).at(-1) as unknown as Recorded;
	expect(create.images).toEqual([expect.objectContaining({ at: 'input_reference', sha256: sha256(image) })]);
});

test('a video that does not exist: 404 NotFoundError', async () => {
	await expect(client.videos.retrieve('video_missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
});

test('a wrong key: 401 AuthenticationError', async () => {
	const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${sim.baseUrl('openaiVideos')}/v1`, maxRetries: 0 });
	await expect(wrong.videos.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
	await expect(wrong.videos.create({ model: 'doubao-seedance-2-0-260128', prompt: 'x' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
});
