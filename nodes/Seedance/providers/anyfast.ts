// Anyfast: Ark's create body at its own route; query replies wrap the upstream Ark task.

import { z } from 'zod';
import { arkBody, arkTaskSchema, fromArkTask, progressPercent } from './ark';
import { mapStatus, parseReply, type Http, type ProviderClient } from './client';
import { isoTime, task, type NormalizedTask, type TaskStatus } from './task';

/** Anyfast forwards Ark's body: images from binary data go as data URLs, within Ark's 64 MB. */
export const binaryImages = 'dataUrl' as const;
export const maxRequestBytes = 64 * 1024 * 1024;

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
			const reply = await http.send({ method: 'GET', path: `/v1/video/generations/${encodeURIComponent(id)}` });
			const { data } = parseReply(provider, reply, querySchema, 'The task');
			const status = mapStatus(provider, STATUS, data.status.toUpperCase(), reply.text);
			// The upstream Ark task only adds details (seed, resolution…); the wrapper's status decides.
			const upstream = arkTaskSchema.safeParse(data.data);
			let base: NormalizedTask | undefined;
			try {
				base = upstream.success ? fromArkTask(provider, upstream.data, reply.text) : undefined;
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
