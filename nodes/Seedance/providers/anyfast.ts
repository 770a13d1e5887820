// Anyfast: Ark's create body at its own route; query replies wrap the upstream Ark task.

import { z } from 'zod';
import { arkBody, arkTaskSchema, fromArkTask, progressPercent } from './ark';
import { mapStatus, parseReply, type Http, type ProviderClient } from './client';
import { MODES } from '../request/models';
import { arkPresets, type ProviderProfile } from './profile';
import { isoTime, task, type NormalizedTask, type TaskStatus } from './task';

export const profile: ProviderProfile = {
	label: 'Anyfast',
	defaultBaseUrl: 'https://www.anyfast.com.cn',
	flavour: 'anyfast',
	canList: false,
	canCancel: false,
	canCallBack: false,
	modelListPath: '/v1/models',
	options: ['resolution', 'ratio', 'duration', 'seed', 'cameraFixed', 'watermark', 'generateAudio', 'returnLastFrame', 'webSearch', 'draft'],
	// Ark's body at its own route: every Ark mode, edit and extend included (its seedance-2-0-mini page).
	modes: MODES,
	models: [
		{ value: 'seedance', name: 'Seedance 2.0' },
		{ value: 'seedance-fast', name: 'Seedance 2.0 Fast' },
		{ value: 'seedance-mini', name: 'Seedance 2.0 Mini' },
		...arkPresets('doubao-', 'doubao-').filter((m) => !m.value.includes('2-0')),
	],
	ownModelIds: '^seedance(-fast|-mini)?$',
	// Images from binary data go as data URLs in Ark's body, within Ark's 64 MB.
	binaryImages: 'dataUrl',
	maxRequestBytes: 64 * 1024 * 1024,
	dataUrls: true,
	promptAlways: false,
	hint: 'Models seedance (2.0), seedance-fast, seedance-mini, or versioned doubao-seedance-… IDs. Also at https://www.anyfast.ai.',
};

const STATUS: Record<string, TaskStatus> = {
	NOT_START: 'queued',
	QUEUED: 'queued',
	SUBMITTED: 'queued',
	IN_PROGRESS: 'running',
	SUCCESS: 'succeeded',
	FAILURE: 'failed',
};

// Create replies vary (cgt-…, gen-…, doubao_task_…): only the id matters.
const createSchema = z.object({ id: z.string().min(1) }).passthrough();

const querySchema = z
	.object({
		code: z.string().nullish(),
		data: z
			.object({
				task_id: z.string(),
				status: z.string(),
				result_url: z.string().nullish(),
				fail_reason: z.string().nullish(),
				submit_time: z.number().nullish(),
				finish_time: z.number().nullish(),
				progress: z.union([z.string(), z.number()]).nullish(),
				data: z.unknown().nullish(),
			})
			.passthrough(),
	})
	.passthrough();

export function anyfastClient(http: Http): ProviderClient {
	const { provider } = http;
	return {
		provider,
		async create(req) {
			const reply = await http.send({ method: 'POST', path: '/v1/video/generations', body: arkBody(req) });
			const created = parseReply(provider, reply, createSchema, 'The create reply');
			return task(provider, { id: created.id, status: 'queued', model: req.model, createdAt: isoTime(created.created_at) });
		},
		async get(id) {
			const reply = await http.send({
				// Stryker disable next-line StringLiteral: n8n's helper (axios) sends a request without a method as GET
				method: 'GET',
				path: `/v1/video/generations/${encodeURIComponent(id)}`,
			});
			const { data } = parseReply(provider, reply, querySchema, 'The task');
			const status = mapStatus(provider, STATUS, data.status.toUpperCase(), reply.text);
			// The upstream Ark task only adds details (seed, resolution…); the wrapper's status decides.
			const upstream = arkTaskSchema.safeParse(data.data);
			let base: NormalizedTask | undefined;
			try {
				base = upstream.success ? fromArkTask(provider, upstream.data, reply.text) : undefined;
				// Stryker disable next-line BlockStatement: base is still undefined when fromArkTask throws
			} catch {
				base = undefined;
			}
			// On SUCCESS fail_reason repeats the result URL (legacy), so it is
			// only read as an error on FAILURE.
			return {
				...task(provider, {
					...(base ?? {}),
					id: data.task_id || id,
					status,
					progress: status === 'succeeded' ? 100 : progressPercent(data.progress),
					videoUrl: data.result_url ?? base?.videoUrl ?? null,
					error: status === 'failed' ? { code: base?.error?.code ?? null, message: data.fail_reason || base?.error?.message || 'The task failed' } : null,
					createdAt: isoTime(data.submit_time) ?? base?.createdAt ?? null,
					completedAt: status === 'succeeded' || status === 'failed' ? isoTime(data.finish_time) : null,
				}),
				raw: JSON.parse(reply.text),
			};
		},
		videoSource: (t) => (t.videoUrl ? { url: t.videoUrl, authenticated: false } : undefined),
	};
}
