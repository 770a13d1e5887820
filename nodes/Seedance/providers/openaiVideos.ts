// Gateways with the OpenAI videos API: /v1/videos, progress 0–100, bytes at /content.

import { z } from 'zod';
import type { IDataObject } from 'n8n-workflow';
import { binaryImageOf } from '../request/binaryImage';
import type { GenerationRequest } from '../request/rules';
import { mapStatus, nullable, parseReply, type Http, type ListQuery, type ProviderClient } from './client';
import { progressPercent } from './ark';
import { arkPresets, type ProviderProfile } from './profile';
import { isoTime, task, type NormalizedTask, type TaskStatus } from './task';

export const profile: ProviderProfile = {
	label: 'OpenAI-Videos-Compatible Gateway',
	defaultBaseUrl: 'https://api.aiid.edu.kg',
	flavour: 'openaiVideos',
	canList: true,
	canCancel: true,
	canCallBack: false,
	options: ['resolution', 'ratio', 'duration'],
	// The videos API has a prompt and one input_reference image: nothing else can be expressed.
	modes: ['text', 'firstFrame'],
	models: arkPresets('doubao-', 'doubao-'),
	// An image from binary data goes as the multipart file part input_reference; gateways forward to Ark (64 MB).
	binaryImages: 'multipart',
	maxRequestBytes: 64 * 1024 * 1024,
	dataUrls: true,
	promptAlways: true,
	noAutoDuration: true,
	withoutRatios: ['adaptive'],
	hint: 'A gateway with the OpenAI videos API (/v1/videos). Text to video and first-frame image to video.',
};

const STATUS: Record<string, TaskStatus> = {
	queued: 'queued',
	in_progress: 'running',
	completed: 'succeeded',
	failed: 'failed',
	cancelled: 'cancelled',
	expired: 'expired',
};

/** Seedance's output sizes per resolution and ratio. */
const SIZES: Record<string, Record<string, string>> = {
	'480p': { '16:9': '864x480', '4:3': '736x544', '1:1': '640x640', '3:4': '544x736', '9:16': '480x864', '21:9': '960x416' },
	'720p': { '16:9': '1280x720', '4:3': '1112x834', '1:1': '960x960', '3:4': '834x1112', '9:16': '720x1280', '21:9': '1470x630' },
	'1080p': { '16:9': '1920x1080', '4:3': '1664x1248', '1:1': '1440x1440', '3:4': '1248x1664', '9:16': '1080x1920', '21:9': '2206x946' },
	'4k': { '16:9': '3840x2160', '4:3': '3328x2496', '1:1': '2880x2880', '3:4': '2496x3328', '9:16': '2160x3840', '21:9': '4412x1892' },
};

const videoSchema = z
	.object({
		id: z.string(),
		model: z.string().nullish(),
		status: z.string(),
		progress: z.union([z.number(), z.string()]).nullish(),
		created_at: z.union([z.number(), z.string()]).nullish(),
		completed_at: z.union([z.number(), z.string()]).nullish(),
		expires_at: z.union([z.number(), z.string()]).nullish(),
		seconds: z.union([z.string(), z.number()]).nullish(),
		size: z.string().nullish(),
		error: z.union([z.object({ code: z.string().nullish(), message: z.string().nullish() }).passthrough(), z.string()]).nullish(),
	})
	.passthrough();

const listSchema = z.object({ data: z.array(z.unknown()), has_more: z.boolean().nullish(), last_id: z.string().nullish() }).passthrough();

export function openaiBody(req: GenerationRequest): IDataObject {
	const o = req.options;
	const body: IDataObject = { model: req.model.trim(), prompt: req.prompt.trim() };
	if (o.duration !== undefined) body.seconds = String(o.duration);
	if (o.resolution !== undefined || o.ratio !== undefined) body.size = SIZES[o.resolution ?? '720p'][o.ratio ?? '16:9'];
	if (req.mode === 'firstFrame') body.input_reference = req.firstFrameImage;
	return body;
}

const DATA_URL = /^data:([\w/+.-]+);base64,/;

/** Base64 decoded a few MB at a time: the Blob copies each slice, so no whole decoded copy is held. */
function decodeInSlices(text: string, from: number): Uint8Array[] {
	// Stryker disable next-line ArithmeticOperator: the slice size bounds memory only; any multiple of 4 characters (4 × 1024 / 1024 too) decodes the same bytes
	const slice = 4 * 1024 * 1024;
	const parts: Uint8Array[] = [];
	// Stryker disable next-line EqualityOperator: `<=` only adds an empty last slice, which adds no byte
	for (let at = from; at < text.length; at += slice) {
		const bytes = Buffer.from(text.slice(at, at + slice), 'base64');
		parts.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
	}
	return parts;
}

/**
 * The create body as multipart/form-data, the one form the official client sends: an image from
 * binary data becomes the file part `input_reference`, read only now; a data URL given as text is
 * sent as a file too; a URL stays a text field.
 */
export async function openaiForm(req: GenerationRequest): Promise<FormData> {
	const form = new FormData();
	const image = binaryImageOf(req, 'firstFrameImage');
	for (const [name, value] of Object.entries(openaiBody(req))) {
		const text = String(value);
		const dataUrl = DATA_URL.exec(text);
		if (name === 'input_reference' && image) form.append(name, await image.blob(), image.fileName);
		else if (name === 'input_reference' && dataUrl) {
			const mimeType = dataUrl[1];
			form.append(name, new Blob(decodeInSlices(text, dataUrl[0].length), { type: mimeType }), `first-frame.${mimeType.split('/')[1] ?? 'png'}`);
		} else form.append(name, text);
	}
	return form;
}

function fromVideo(http: Http, v: z.infer<typeof videoSchema>, rawText: string): NormalizedTask {
	const status = mapStatus(http.provider, STATUS, v.status, rawText);
	// Stryker disable next-line StringLiteral: without a size any text gives no number, so no resolution
	const [width, height] = (v.size ?? '').split('x').map(Number);
	const resolution = width && height ? `${Math.min(width, height)}p` : null;
	return task(http.provider, {
		id: v.id,
		status,
		model: nullable(v.model),
		progress: status === 'succeeded' ? 100 : progressPercent(v.progress),
		videoUrl: status === 'succeeded' ? `${http.baseUrl}/v1/videos/${encodeURIComponent(v.id)}/content` : null,
		duration: v.seconds != null ? Number(v.seconds) : null,
		resolution,
		error: status === 'succeeded' || !v.error ? null : typeof v.error === 'string' ? { code: null, message: v.error } : { code: nullable(v.error.code), message: v.error.message ?? 'The task failed' },
		createdAt: isoTime(v.created_at),
		completedAt: isoTime(v.completed_at),
		expiresAt: isoTime(v.expires_at),
	});
}

export function openaiVideosClient(http: Http): ProviderClient {
	const { provider } = http;
	return {
		provider,
		async create(req) {
			const reply = await http.send({ method: 'POST', path: '/v1/videos', form: await openaiForm(req) });
			return fromVideo(http, parseReply(provider, reply, videoSchema, 'The create reply'), reply.text);
		},
		async get(id) {
			const reply = await http.send({ method: 'GET', path: `/v1/videos/${encodeURIComponent(id)}` });
			return { ...fromVideo(http, parseReply(provider, reply, videoSchema, 'The task'), reply.text), raw: JSON.parse(reply.text) };
		},
		async list(query: ListQuery) {
			const qs: Record<string, string | number> = { limit: Math.min(100, Math.max(1, query.pageSize)) };
			if (query.cursor) qs.after = query.cursor;
			const reply = await http.send({ method: 'GET', path: '/v1/videos', qs });
			const body = parseReply(provider, reply, listSchema, 'The video list');
			let tasks = body.data.map((item) => ({ ...fromVideo(http, parseReply(provider, { ...reply, text: JSON.stringify(item) }, videoSchema, 'A listed video'), reply.text), raw: item }));
			const lastId = body.last_id ?? tasks.at(-1)?.id;
			if (query.status) tasks = tasks.filter((t) => t.status === query.status);
			if (query.model) tasks = tasks.filter((t) => t.model === query.model);
			return { tasks, nextCursor: body.has_more && lastId ? lastId : undefined };
		},
		async cancel(id) {
			const reply = await http.send({ method: 'DELETE', path: `/v1/videos/${encodeURIComponent(id)}` });
			// Stryker disable next-line StringLiteral: z.unknown() accepts any JSON, so this name is never shown (not JSON fails in readJson)
			parseReply(provider, reply, z.unknown(), 'The delete reply');
			return { id, outcome: 'deleted' };
		},
		videoSource: (t) => (t.status === 'succeeded' && t.videoUrl ? { url: t.videoUrl, authenticated: true } : undefined),
	};
}
