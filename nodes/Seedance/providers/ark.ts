// The Ark API: BytePlus ModelArk, Volcengine Ark and the gateways that copy its routes.

import { z } from 'zod';
import type { IDataObject } from 'n8n-workflow';
import { familyOf } from '../request/models';
import type { GenerationRequest } from '../request/rules';
import { ProviderError } from './errors';
import { mapStatus, nullable, parseReply, type Http, type ListQuery, type ProviderClient } from './client';
import { isoTime, task, type NormalizedTask, type TaskStatus } from './task';

const ARK_STATUS: Record<string, TaskStatus> = {
	queued: 'queued',
	running: 'running',
	succeeded: 'succeeded',
	failed: 'failed',
	cancelled: 'cancelled',
	expired: 'expired',
};

const time = z.union([z.number(), z.string()]).nullish();
const text = z.string().nullish();

export const arkTaskSchema = z
	.object({
		id: z.string(),
		model: text,
		status: z.string(),
		error: z.union([z.object({ code: text, message: text }).passthrough(), z.string()]).nullish(),
		failure_reason: z.union([z.object({ code: text, message: text }).passthrough(), z.string()]).nullish(),
		created_at: time,
		updated_at: time,
		content: z.object({ video_url: text, last_frame_url: text }).passthrough().nullish(),
		video_url: text,
		progress: z.union([z.number(), z.string()]).nullish(),
		usage: z.object({ completion_tokens: z.number().nullish(), total_tokens: z.number().nullish() }).passthrough().nullish(),
		seed: z.number().nullish(),
		resolution: text,
		ratio: text,
		duration: z.number().nullish(),
	})
	.passthrough();

type ArkTask = z.infer<typeof arkTaskSchema>;

/** Some gateways wrap results as `{id, items: [{status, content|video_url, error, progress}]}`. */
const gatewayItemsSchema = z
	.object({ id: z.string(), items: z.array(z.object({ status: z.string() }).passthrough()).min(1) })
	.passthrough();

const arkTaskOrItems = z.union([arkTaskSchema, gatewayItemsSchema.transform((b) => ({ ...b.items[0], id: b.id }))]).pipe(arkTaskSchema);

export function progressPercent(value: unknown): number | null {
	// Stryker disable next-line ConditionalExpression: parseFloat of a number gives the same number, of anything else NaN, which is refused below
	const n = typeof value === 'string' ? Number.parseFloat(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : null;
}

function readError(value: ArkTask['error']): NormalizedTask['error'] {
	if (!value) return null;
	if (typeof value === 'string') return { code: null, message: value };
	return { code: nullable(value.code), message: value.message ?? value.code ?? 'The task failed' };
}

/** An Ark task object onto the normalized task. */
export function fromArkTask(provider: Http['provider'], t: ArkTask, rawText: string): NormalizedTask {
	const status = mapStatus(provider, ARK_STATUS, t.status, rawText);
	return task(provider, {
		id: t.id,
		status,
		model: nullable(t.model),
		progress: status === 'succeeded' ? 100 : progressPercent(t.progress),
		videoUrl: nullable(t.content?.video_url ?? t.video_url),
		lastFrameUrl: nullable(t.content?.last_frame_url),
		duration: nullable(t.duration),
		resolution: nullable(t.resolution),
		ratio: nullable(t.ratio),
		seed: nullable(t.seed),
		usage: t.usage ? { completionTokens: t.usage.completion_tokens ?? null, totalTokens: t.usage.total_tokens ?? null } : null,
		error: status === 'succeeded' ? null : readError(t.error ?? t.failure_reason),
		createdAt: isoTime(t.created_at),
		updatedAt: isoTime(t.updated_at),
		completedAt: status === 'succeeded' || status === 'failed' ? isoTime(t.updated_at) : null,
	});
}

/** The Ark `content[]` of a request. */
export function arkContent(req: GenerationRequest): IDataObject[] {
	const content: IDataObject[] = [];
	const prompt = req.prompt.trim();
	if (prompt && req.mode !== 'draftRender') content.push({ type: 'text', text: prompt });
	const image = (url: string, role: string) => ({ type: 'image_url', image_url: { url }, role });
	if (req.mode === 'firstFrame' || req.mode === 'firstLastFrame') content.push(image(req.firstFrameImage, 'first_frame'));
	if (req.mode === 'firstLastFrame') content.push(image(req.lastFrameImage, 'last_frame'));
	// An edit or an extension is reference content whose video is the source (Ark, Anyfast).
	if (req.mode === 'editVideo' || req.mode === 'extendVideo') content.push({ type: 'video_url', video_url: { url: req.sourceVideo }, role: 'reference_video' });
	if (req.mode === 'reference' || req.mode === 'editVideo' || req.mode === 'extendVideo') {
		for (const url of req.referenceImages) content.push(image(url, 'reference_image'));
		for (const url of req.referenceVideos) content.push({ type: 'video_url', video_url: { url }, role: 'reference_video' });
		for (const url of req.referenceAudios) content.push({ type: 'audio_url', audio_url: { url }, role: 'reference_audio' });
	}
	if (req.mode === 'draftRender') content.push({ type: 'draft_task', draft_task: { id: req.draftTaskId } });
	return content;
}

/** The Ark create body: `model`, `content[]` and the top-level options in Ark's names. */
export function arkBody(req: GenerationRequest, extras: { topLevelPrompt?: boolean } = {}): IDataObject {
	const o = req.options;
	// Stryker disable next-line MethodExpression: the request schema has trimmed the model already
	const body: IDataObject = { model: req.model.trim(), content: arkContent(req) };
	if (extras.topLevelPrompt) body.prompt = req.prompt.trim();
	const set = (key: string, value: unknown) => {
		if (value !== undefined) body[key] = value as IDataObject[string];
	};
	set('resolution', o.resolution);
	set('ratio', o.ratio);
	set('duration', o.duration);
	set('frames', o.frames);
	set('seed', o.seed);
	set('camera_fixed', o.cameraFixed);
	set('watermark', o.watermark);
	set('generate_audio', o.generateAudio);
	set('return_last_frame', o.returnLastFrame);
	set('service_tier', o.serviceTier);
	set('callback_url', o.callbackUrl);
	set('execution_expires_after', o.executionExpiresAfter);
	set('draft', o.draft);
	if (o.webSearch) body.tools = [{ type: 'web_search' }];
	// 2.5 names the task; the 2.0 family tells it from the prompt (apiyi, PiAPI 2.5 guides).
	if ((req.mode === 'editVideo' || req.mode === 'extendVideo') && familyOf(req.model)?.videoTask === 'taskType') {
		body.omni_reference_task_type = req.mode === 'editVideo' ? 'edit' : 'extend';
	}
	return body;
}

/** The most tasks one Ark list request returns. */
const ARK_PAGE_MAX = 500;

/** The value, or undefined when reading it throws (a status word the client does not know). */
function attemptSync<T>(read: () => T): T | undefined {
	try {
		return read();
		// Stryker disable next-line BlockStatement: an empty catch returns undefined too
	} catch {
		return undefined;
	}
}

const createReplySchema = z.object({ id: z.string().min(1) }).passthrough();
const listReplySchema = z.object({ total: z.number().nullish(), items: z.array(z.unknown()).nullish() }).passthrough();

export function arkClient(http: Http, flavour: { topLevelPrompt: boolean; canList: boolean; canCancel: boolean }): ProviderClient {
	const { provider } = http;
	const client: ProviderClient = {
		provider,
		async create(req) {
			const reply = await http.send({ method: 'POST', path: '/contents/generations/tasks', body: arkBody(req, { topLevelPrompt: flavour.topLevelPrompt }) });
			const created = parseReply(provider, reply, createReplySchema, 'The create reply');
			return task(provider, { id: created.id, status: 'queued', model: req.model, createdAt: isoTime(created.created_at) });
		},
		async get(id) {
			const reply = await http.send({ method: 'GET', path: `/contents/generations/tasks/${encodeURIComponent(id)}` });
			const t = parseReply(provider, reply, arkTaskOrItems, 'The task');
			return { ...fromArkTask(provider, t, reply.text), raw: JSON.parse(reply.text) };
		},
		videoSource: (t) => (t.videoUrl ? { url: t.videoUrl, authenticated: false } : undefined),
	};
	if (flavour.canList) {
		client.list = async (query: ListQuery) => {
			const page = Number(query.cursor ?? 1);
			const qs: Record<string, string | number> = { page_num: page, page_size: Math.min(500, Math.max(1, query.pageSize)) };
			if (query.status) qs['filter.status'] = query.status;
			if (query.model) qs['filter.model'] = query.model;
			const reply = await http.send({ method: 'GET', path: '/contents/generations/tasks', qs });
			const body = parseReply(provider, reply, listReplySchema, 'The task list');
			const items = body.items ?? [];
			const tasks = items.map((item) => {
				const text = JSON.stringify(item);
				const listed = parseReply(provider, { ...reply, text }, arkTaskSchema, 'A listed task');
				return { ...fromArkTask(provider, listed, text), raw: item };
			});
			const total = body.total ?? undefined;
			const more = total !== undefined ? page * Number(qs.page_size) < total : items.length === Number(qs.page_size);
			return { tasks, total, nextCursor: more && page < 500 ? String(page + 1) : undefined };
		};
		// Ark lists up to 500 tasks by ID in one request: `filter.task_ids` repeated per ID.
		client.getMany = async (ids: readonly string[]) => {
			const wanted = new Set(ids);
			const found: NormalizedTask[] = [];
			for (let start = 0; start < ids.length; start += ARK_PAGE_MAX) {
				const chunk = ids.slice(start, start + ARK_PAGE_MAX);
				const qs = { 'filter.task_ids': [...chunk], page_num: 1, page_size: ARK_PAGE_MAX };
				const reply = await http.send({ method: 'GET', path: '/contents/generations/tasks', qs });
				const body = parseReply(provider, reply, listReplySchema, 'The task list');
				// Stryker disable next-line ArrayDeclaration: an item that is not a task is skipped, so a made-up item adds nothing
				for (const item of body.items ?? []) {
					// One task the client cannot read is left out, to be looked at alone, and blocks no other.
					const listed = arkTaskSchema.safeParse(item);
					if (!listed.success || !wanted.has(listed.data.id)) continue;
					const read = attemptSync(() => fromArkTask(provider, listed.data, JSON.stringify(item)));
					if (read) found.push({ ...read, raw: item });
				}
			}
			return found;
		};
	}
	if (flavour.canCancel) {
		// Ark's DELETE cancels a queued task and deletes a finished one's record, and replies {} to
		// both: what happened is read afterwards (a cancelled task is still there, a deleted one is not).
		client.cancel = async (id: string) => {
			const reply = await http.send({ method: 'DELETE', path: `/contents/generations/tasks/${encodeURIComponent(id)}` });
			parseReply(provider, reply, z.unknown(), 'The cancel reply');
			try {
				const after = await client.get(id);
				return { id, outcome: after.status === 'cancelled' ? 'cancelled' : 'deleted' };
			} catch (error) {
				if (error instanceof ProviderError && error.statusCode === 404) return { id, outcome: 'deleted' };
				return { id, outcome: 'unknown' };
			}
		};
	}
	return client;
}
