// GlobalAiOpc: a flat, mixed-case body for Seedance 2.0, an Ark-style body for 1.5, one result route.

import { z } from 'zod';
import type { IDataObject } from 'n8n-workflow';
import { GLOBALAIOPC_15 } from '../request/models';
import type { GenerationRequest } from '../request/rules';
import { arkContent } from './ark';
import { mapStatus, nullable, parseReply, type Http, type ProviderClient } from './client';
import { isoTime, task, type TaskStatus } from './task';

/** GlobalAiOpc takes image URLs and asset IDs only: no image bytes in the request. */
export const binaryImages = 'none' as const;
export const maxRequestBytes = 0;

const STATUS: Record<string, TaskStatus> = {
	queued: 'queued',
	processing: 'running',
	completed: 'succeeded',
	failed: 'failed',
	cancelled: 'cancelled',
};

const resultSchema = z
	.object({
		id: z.string(),
		model: z.string().nullish(),
		status: z.string(),
		created: z.union([z.number(), z.string()]).nullish(),
		video_url: z.string().nullish(),
		actualDuration: z.number().nullish(),
		totalTokens: z.number().nullish(),
		error: z.union([z.string(), z.object({ message: z.string().nullish(), code: z.string().nullish() }).passthrough()]).nullish(),
	})
	.passthrough();

/** The request body and route for a model: 1.5 models take Ark's content[], 2.0 models the flat body. */
export function globalAiOpcRequest(req: GenerationRequest): { path: string; body: IDataObject } {
	const o = req.options;
	if (GLOBALAIOPC_15.test(req.model)) {
		const body: IDataObject = { model: req.model, content: arkContent(req) };
		if (o.ratio !== undefined) body.ratio = o.ratio;
		if (o.duration !== undefined) body.duration = o.duration;
		return { path: '/v1/seedance/videos', body };
	}
	const body: IDataObject = { model: req.model, prompt: req.prompt.trim() };
	if (o.duration !== undefined) body.duration = o.duration;
	if (o.ratio !== undefined) body.aspect_ratio = o.ratio;
	if (o.generateAudio !== undefined) body.generateAudio = o.generateAudio;
	if (req.mode === 'firstFrame' || req.mode === 'firstLastFrame') body.first_image = req.firstFrameImage;
	if (req.mode === 'firstLastFrame') body.last_image = req.lastFrameImage;
	if (req.mode === 'reference') {
		if (req.referenceImages.length) body.referenceImages = req.referenceImages;
		if (req.referenceVideos.length) body.referenceVideos = req.referenceVideos;
		if (req.referenceAudios.length) body.referenceAudios = req.referenceAudios;
	}
	return { path: '/v1/kyyvideo2/videos', body };
}

export function globalAiOpcClient(http: Http): ProviderClient {
	const { provider } = http;
	return {
		provider,
		async create(req) {
			const { path, body } = globalAiOpcRequest(req);
			const reply = await http.send({ method: 'POST', path, body });
			const created = parseReply(provider, reply, resultSchema, 'The create reply');
			return task(provider, {
				id: created.id,
				status: mapStatus(provider, STATUS, created.status, reply.text),
				model: nullable(created.model),
				createdAt: isoTime(created.created),
			});
		},
		async get(id) {
			const reply = await http.send({ method: 'GET', path: `/v1/result/${encodeURIComponent(id)}` });
			const r = parseReply(provider, reply, resultSchema, 'The task');
			const status = mapStatus(provider, STATUS, r.status, reply.text);
			const error = r.error ? (typeof r.error === 'string' ? { code: null, message: r.error } : { code: nullable(r.error.code), message: r.error.message ?? 'The task failed' }) : null;
			return {
				...task(provider, {
					id: r.id,
					status,
					model: nullable(r.model),
					progress: status === 'succeeded' ? 100 : null,
					videoUrl: nullable(r.video_url),
					duration: nullable(r.actualDuration),
					usage: r.totalTokens != null ? { completionTokens: null, totalTokens: r.totalTokens } : null,
					error: status === 'succeeded' ? null : error,
					createdAt: isoTime(r.created),
				}),
				raw: JSON.parse(reply.text),
			};
		},
		videoSource: (t) => (t.videoUrl ? { url: t.videoUrl, authenticated: false } : undefined),
	};
}
