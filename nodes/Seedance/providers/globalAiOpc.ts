// GlobalAiOpc: a flat, mixed-case body for Seedance 2.0, an Ark-style body for 1.5, one result route.

import { z } from 'zod';
import type { IDataObject } from 'n8n-workflow';
import type { GenerationRequest } from '../request/rules';
import { arkContent } from './ark';
import { mapStatus, nullable, parseReply, type Http, type ProviderClient } from './client';
import type { ProviderProfile } from './profile';
import { isoTime, task, type TaskStatus } from './task';

/** Its 1.5 models: resolution is part of the model name, and the 1.5 route is Ark-style. */
const V15 = '^seedance_1_5_pro_(480p|720p|1080p)$';

export const profile: ProviderProfile = {
	label: 'GlobalAiOpc',
	defaultBaseUrl: 'https://zcbservice.aizfw.cn/kyyReactApiServer',
	flavour: 'globalAiOpc',
	canList: false,
	canCancel: false,
	canCallBack: false,
	options: ['ratio', 'duration', 'generateAudio'],
	modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'],
	models: [
		{ value: 'seedance_2_0_pro', name: 'Seedance 2.0 Pro' },
		{ value: 'seedance_2_0_fast_pro', name: 'Seedance 2.0 Fast Pro' },
		{ value: 'seedance_2_0', name: 'Seedance 2.0 (Needs Reference Videos)', description: 'Only generates with reference videos' },
		{ value: 'seedance_2_0_fast', name: 'Seedance 2.0 Fast (Needs Reference Videos)', description: 'Only generates with reference videos' },
		{ value: 'seedance_1_5_pro_720p', name: 'Seedance 1.5 Pro 720p' },
		{ value: 'seedance_1_5_pro_1080p', name: 'Seedance 1.5 Pro 1080p' },
		{ value: 'seedance_1_5_pro_480p', name: 'Seedance 1.5 Pro 480p' },
	],
	ownModelIds: '^seedance_\\d',
	acceptsModels: { pattern: `^seedance_2_0(_fast)?(_pro)?$|${V15}`, names: 'seedance_2_0_pro, seedance_2_0_fast_pro, seedance_2_0, seedance_2_0_fast or seedance_1_5_pro_480p/720p/1080p' },
	modelRules: [
		// Its 2.0 route takes 4-15 s, no -1, and always a prompt (GlobalAiOpc API page, PROVIDERS.md).
		{ pattern: '^seedance_2_0', duration: { min: 4, max: 15, auto: false }, promptAlways: true },
		{ pattern: '^seedance_2_0(_fast)?$', needsReferenceVideo: true, advice: 'pick the _pro model' },
		{ pattern: V15, withoutModes: ['reference'], withoutOptions: ['generateAudio'], duration: { min: 4, max: 12, auto: true } },
	],
	// Image URLs and asset IDs only: no image bytes from binary data in the request.
	binaryImages: 'none',
	maxRequestBytes: 0,
	dataUrls: false,
	promptAlways: false,
	hint: 'Models seedance_2_0_pro, seedance_2_0_fast_pro, seedance_2_0 and seedance_2_0_fast (the last two need reference videos), and seedance_1_5_pro_480p/720p/1080p.',
};

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
	if (new RegExp(V15).test(req.model)) {
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
