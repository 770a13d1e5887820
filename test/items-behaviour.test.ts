// The operations' shared item helpers called directly: what a request is read as, how failures
// become n8n errors naming the item, and when a refused create says the limits were left to the provider.

import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';
import {
	InvalidItemError,
	createTask,
	downloadResults,
	errorItem,
	isCancellation,
	readRequest,
	splitTaskIds,
	taskJson,
	toNodeError,
} from '../nodes/Seedance/actions/items';
import type { ProviderClient } from '../nodes/Seedance/providers/client';
import { ProviderError } from '../nodes/Seedance/providers/errors';
import type { NormalizedTask } from '../nodes/Seedance/providers/task';
import { ExecutionCancelledError } from '../nodes/Seedance/providers/transport';
import type { GenerationRequest } from '../nodes/Seedance/request/rules';

const node = { name: 'Seedance', type: 'seedance', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** An execution context whose parameters are the given values (as expressions would give them). */
function contextWith(parameters: IDataObject): IExecuteFunctions {
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
	} as unknown as IExecuteFunctions;
}

describe('readRequest', () => {
	it('splits URL entries at new lines and commas before a URL, trims them and drops blanks', () => {
		const request = readRequest(
			contextWith({
				mode: 'reference',
				'referenceImages.items': [
					{ url: 'https://a.example/1.png,https://a.example/2.png\n  asset://3 , data:image/png;base64,AAA' },
					{ url: 'https://a.example/x.png?size=1,2' },
					{ url: 'http://a.example/7.png,http://a.example/8.png' },
					{ url: '  https://a.example/4.png  ' },
					{ url: '   ' },
					{ url: '' },
					{ url: null },
					{},
					{ url: ['https://a.example/5.png', 'https://a.example/6.png'] },
					{ url: { not: 'a url' } },
				],
				'referenceVideos.items': [{ url: 'https://v.example/1.mp4\n\nhttps://v.example/2.mp4' }],
			}),
			0,
		);
		expect(request.referenceImages).toEqual([
			'https://a.example/1.png',
			'https://a.example/2.png',
			'asset://3',
			'data:image/png;base64,AAA',
			'https://a.example/x.png?size=1,2',
			'http://a.example/7.png',
			'http://a.example/8.png',
			'https://a.example/4.png',
			'https://a.example/5.png',
			'https://a.example/6.png',
			{ not: 'a url' },
		]);
		expect(request.referenceVideos).toEqual(['https://v.example/1.mp4', 'https://v.example/2.mp4']);
		expect(request.referenceAudios).toEqual([]);
	});

	it('keeps text that is not a list of URLs whole', () => {
		const request = readRequest(contextWith({ mode: 'reference', 'referenceImages.items': [{ url: 'a cat, a dog' }, { url: 'http://x.example/a.png, http2' }] }), 0);
		expect(request.referenceImages).toEqual(['a cat, a dog', 'http://x.example/a.png, http2']);
	});

	it('reads every field; absent ones become empty, and empty options are left out', () => {
		const request = readRequest(
			contextWith({
				mode: 'firstLastFrame',
				model: 'seedance-x',
				prompt: null,
				firstFrameImage: 'https://f.example/first.png',
				lastFrameImage: 'https://f.example/last.png',
				draftTaskId: undefined,
				options: { duration: 0, watermark: false, seed: '', ratio: undefined, resolution: null, cameraFixed: 'false' },
			}),
			0,
		);
		expect(request).toEqual({
			mode: 'firstLastFrame',
			model: 'seedance-x',
			prompt: '',
			firstFrameImage: 'https://f.example/first.png',
			lastFrameImage: 'https://f.example/last.png',
			sourceVideo: '',
			referenceImages: [],
			referenceVideos: [],
			referenceAudios: [],
			draftTaskId: '',
			options: { duration: 0, watermark: false, cameraFixed: 'false' },
		});
		expect(Object.keys(request.options as IDataObject)).toEqual(['duration', 'watermark', 'cameraFixed']);
	});
});

describe('splitTaskIds', () => {
	it('splits at commas, spaces and new lines; lists are taken as they are', () => {
		expect(splitTaskIds('cgt-1, cgt-2\n\ncgt-3  ,cgt-4')).toEqual(['cgt-1', 'cgt-2', 'cgt-3', 'cgt-4']);
		expect(splitTaskIds([' cgt-1 ', 2, ''])).toEqual(['cgt-1', '2']);
		expect(splitTaskIds(undefined)).toEqual([]);
		expect(splitTaskIds(null)).toEqual([]);
	});
});

const refused = (statusCode: number, description = 'Check the model.') =>
	new ProviderError({ provider: 'byteplus', kind: 'http', statusCode, code: 'InvalidParameter', message: 'The model does not exist', description });

describe('toNodeError', () => {
	it('an invalid item names its first issue and the item; further issues go in the description', () => {
		const one = toNodeError(node, new InvalidItemError([{ path: 'prompt', field: 'Prompt', message: 'is required' }]), 2);
		expect(one).toBeInstanceOf(NodeOperationError);
		expect(one.message).toBe('Prompt: is required [item 2]');
		expect(one.description).toBe('No request was sent for this item.');
		expect(one.context.itemIndex).toBe(2);
		const two = toNodeError(node, new InvalidItemError([
			{ path: 'prompt', field: 'Prompt', message: 'is required' },
			{ path: 'options.duration', field: 'Duration', message: 'must be 4-15' },
			{ path: 'options.ratio', field: 'Ratio', message: 'must be 16:9' },
		]), 0);
		expect(two.message).toBe('Prompt: is required [item 0]');
		expect(two.description).toBe('Also: Duration: must be 4-15; Ratio: must be 16:9');
	});

	it("a provider's refusal keeps its words, code, HTTP status and description, with the item", () => {
		const error = toNodeError(node, refused(400, 'ResourceNotFound: pick another model.'), 1) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The model does not exist [item 1]');
		expect(error.description).toBe('ResourceNotFound: pick another model.');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(1);
		expect(error.errorResponse).toEqual({ message: 'The model does not exist', code: 'InvalidParameter' });
		expect(error.messages).toEqual(['The model does not exist']);
	});

	it("a network failure's code stays out of the error response, and a poll's error names no item", () => {
		const network = new ProviderError({ provider: 'byteplus', kind: 'network', code: 'ECONNRESET', message: 'Could not connect', description: 'Try again.' });
		const error = toNodeError(node, network) as NodeApiError;
		expect(error.message).toBe('Could not connect');
		expect(error.errorResponse).toEqual({ message: 'Could not connect' });
		expect(error.httpCode).toBeNull();
	});

	it("an n8n error keeps its words and gets the item's index only when there is one", () => {
		const given = new NodeOperationError(node, 'own words', { itemIndex: 5 });
		expect(toNodeError(node, given, 3)).toBe(given);
		expect(given.context.itemIndex).toBe(3);
		const unplaced = new NodeOperationError(node, 'poll words', { itemIndex: 5 });
		expect(toNodeError(node, unplaced).context.itemIndex).toBe(5);
	});

	it('anything else becomes an operation error with its message and the item', () => {
		const fromError = toNodeError(node, new Error('boom'), 4);
		expect(fromError).toBeInstanceOf(NodeOperationError);
		expect(fromError.message).toBe('boom');
		expect(fromError.context.itemIndex).toBe(4);
		expect(toNodeError(node, 'plain words', 0).message).toBe('plain words');
	});
});

describe('errorItem and taskJson', () => {
	it('an error item carries the message, the description when there is one, and the pairing', () => {
		const withDescription = toNodeError(node, refused(400, 'Pick another.'), 1) as NodeApiError;
		expect(errorItem(withDescription, 1, { id: 'cgt-1' })).toEqual({
			json: { id: 'cgt-1', error: 'The model does not exist [item 1]', errorDescription: 'Pick another.' },
			pairedItem: { item: 1 },
		});
		expect(errorItem(new NodeOperationError(node, 'bare'), 0)).toEqual({ json: { error: 'bare' }, pairedItem: { item: 0 } });
	});

	it("the raw provider task is shown only when asked for and present", () => {
		const task = { id: 'cgt-1', status: 'running', raw: { a: 1 } } as unknown as NormalizedTask;
		expect(taskJson(task, false, { extra: true })).toEqual({ id: 'cgt-1', status: 'running', extra: true });
		expect(taskJson(task, true)).toEqual({ id: 'cgt-1', status: 'running', raw: { a: 1 } });
		expect(taskJson({ id: 'cgt-2', status: 'queued' } as NormalizedTask, true)).toEqual({ id: 'cgt-2', status: 'queued' });
	});

	it('only a cancelled execution counts as a cancellation', () => {
		expect(isCancellation(new ExecutionCancelledError())).toBe(true);
		expect(isCancellation(new Error('cancelled'))).toBe(false);
	});
});

const requestFor = (model: string, options: IDataObject = {}) => ({ mode: 'text', model, prompt: 'p', options }) as unknown as GenerationRequest;
const failingClient = (error: unknown) => ({ provider: 'byteplus', create: async () => await Promise.reject(error) }) as unknown as ProviderClient;

/** The error createTask raised. */
async function createFailure(model: string, error: unknown, options: IDataObject = {}): Promise<ProviderError> {
	return await createTask(failingClient(error), requestFor(model, options)).then(
		() => { throw new Error('created'); },
		(e: unknown) => e as ProviderError,
	);
}

describe('createTask', () => {
	const UNKNOWN_NOTE = 'The node does not know the limits of model my-model (durations, resolutions, reference counts): they were left to the provider.';

	it('returns the created task', async () => {
		const client = { provider: 'byteplus', create: async () => await Promise.resolve({ id: 'cgt-9', status: 'queued' }) } as unknown as ProviderClient;
		expect(await createTask(client, requestFor('my-model'))).toEqual({ id: 'cgt-9', status: 'queued' });
	});

	it('a refused unknown model says its limits were left to the provider', async () => {
		for (const status of [400, 404, 422]) {
			const error = await createFailure(' my-model ', refused(status));
			expect(error).toBeInstanceOf(ProviderError);
			expect(error.message).toBe('The model does not exist');
			expect(error.statusCode).toBe(status);
			expect(error.code).toBe('InvalidParameter');
			expect(error.description).toBe(`Check the model. ${UNKNOWN_NOTE}`);
		}
		expect((await createFailure('my-model', refused(400, ''))).description).toBe(UNKNOWN_NOTE);
	});

	it('other failures pass as they are', async () => {
		const busy = refused(429);
		expect(await createFailure('my-model', busy)).toBe(busy);
		const plain = new Error('socket closed');
		expect(await createFailure('my-model', plain)).toBe(plain);
		const withStatus = Object.assign(new Error('Bad request'), { statusCode: 400 });
		expect(await createFailure('my-model', withStatus)).toBe(withStatus);
		const network = new ProviderError({ provider: 'byteplus', kind: 'network', message: 'Could not connect', description: 'Try again.' });
		expect(await createFailure('my-model', network)).toBe(network);
		// A known model's limits were checked, even one that picks its own duration.
		const known = refused(400);
		expect(await createFailure('seedance-2-5-flash', known)).toBe(known);
		expect(await createFailure('seedance-2-5-flash', known, { duration: 5 })).toBe(known);
	});
});

describe('downloadResults', () => {
	const noSource = { provider: 'byteplus', videoSource: () => undefined } as unknown as ProviderClient;
	const ctx = contextWith({});
	const settings = { video: true, videoProperty: 'data', lastFrame: true, lastFrameProperty: 'lastFrame' };
	const succeeded = { id: 'cgt-1', status: 'succeeded' } as NormalizedTask;

	it('nothing for an unfinished task or when nothing is asked for', async () => {
		expect(await downloadResults(ctx, noSource, { id: 'cgt-1', status: 'running' } as NormalizedTask, settings)).toBeUndefined();
		expect(await downloadResults(ctx, noSource, succeeded, { ...settings, video: false, lastFrame: false })).toBeUndefined();
	});

	it('only the last frame asked for, and none came: no binary, no video looked for', async () => {
		expect(await downloadResults(ctx, noSource, succeeded, { ...settings, video: false })).toEqual({});
	});

	it('a succeeded task without a video URL fails, saying to try Get again', async () => {
		const error = await downloadResults(ctx, noSource, succeeded, settings).then(() => undefined, (e: unknown) => e as ProviderError);
		expect(error).toBeInstanceOf(ProviderError);
		expect(error?.message).toBe('Task cgt-1 succeeded but has no video URL');
		expect(error?.description).toBe('Try the Get operation again in a moment.');
		expect(error?.kind).toBe('shape');
		expect(error?.provider).toBe('byteplus');
	});
});
