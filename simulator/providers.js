'use strict';
// @ts-check
// Each simulated provider: its routes, request checks, reply shapes and status vocabulary,
// as ../shared/PROVIDERS.md and the provider pages describe them.

const { familyOf, readContent, modeOf, checkAgainstFamily, checkMediaUrl, RuleError, RATIOS } = require('./seedance-rules');

/**
 * @typedef {import('./engine').Engine} Engine
 * @typedef {import('./engine').Task} Task
 * @typedef {{status: number, body?: unknown, headers?: Record<string, string>}} Reply
 * @typedef {{engine: Engine, provider: string, body: any, query: URLSearchParams, params: string[], origin: string, base: string}} Ctx
 * @typedef {{method: string, pattern: RegExp, route: string, handle: (ctx: Ctx) => Reply}} Route
 * @typedef {{name: string, prefix: string, routes: Route[], error: (status: number, code: string, message: string, param?: string) => Reply}} Provider
 */

/** Models the provider serves that no family of the package knows yet. */
const NEWER_MODEL = /seedance-2-6-\d{6}$/;

const unix = (ms) => Math.floor(ms / 1000);
const requestId = () => `${new Date().toISOString().replace(/\D/g, '').slice(0, 17)}${Math.random().toString(16).slice(2, 10)}`;

// ---------------------------------------------------------------------------------------------
// Ark: BytePlus ModelArk, Volcengine Ark, and the Ark-compatible gateway of 004

/** @param {number} status @param {string} code @param {string} message @param {string} [param] @returns {Reply} */
function arkError(status, code, message, param) {
	const type = status === 401 ? 'Unauthorized' : status === 429 ? 'TooManyRequests' : status === 404 ? 'NotFound' : status >= 500 ? 'InternalServiceError' : 'BadRequest';
	return { status, body: { error: { code, message: `${message.replace(/\.?$/, '.')} Request id: ${requestId()}`, param: param ?? '', type } } };
}

/** The Ark task object for a task, as GET returns it. @param {Ctx} ctx @param {Task} task */
function arkTask(ctx, task) {
	const { status } = ctx.engine.state(task);
	const p = task.params;
	/** @type {Record<string, any>} */
	const out = {
		id: task.id,
		model: task.model,
		status,
		error: null,
		created_at: unix(task.createdAt),
		updated_at: unix(Math.min(Date.now(), status === 'queued' ? task.createdAt : Math.max(task.startAt, Math.min(Date.now(), task.endAt)))),
		seed: p.seed === undefined || p.seed === -1 ? 4242 : p.seed,
		resolution: p.resolution ?? '720p',
		ratio: p.ratio ?? '16:9',
		duration: p.duration === undefined || p.duration === -1 ? 5 : p.duration,
		framespersecond: 24,
		service_tier: p.service_tier ?? 'default',
		execution_expires_after: p.execution_expires_after ?? 172800,
	};
	if (p.generate_audio !== undefined) out.generate_audio = p.generate_audio;
	if (p.draft !== undefined) out.draft = p.draft;
	if (status === 'succeeded') {
		out.content = { video_url: ctx.engine.fileUrl(ctx.origin, task, 'mp4') };
		if (p.return_last_frame) out.content.last_frame_url = ctx.engine.fileUrl(ctx.origin, task, 'png');
		out.usage = { completion_tokens: 108900, total_tokens: 108900 };
	}
	if (status === 'failed') out.error = { code: task.failCode, message: task.failMessage };
	if (status === 'expired') out.error = { code: 'TaskExpired', message: 'The task exceeded execution_expires_after and expired.' };
	return out;
}

/**
 * Checks an Ark create body and starts the task.
 * @param {Ctx} ctx @param {{modelPattern: RegExp, requirePrompt?: boolean, idPrefix: string}} flavour
 */
function arkCreate(ctx, flavour) {
	const body = ctx.body;
	if (!body || typeof body !== 'object') return arkError(400, 'InvalidParameter', 'The request body must be a JSON object.');
	if (typeof body.model !== 'string' || !body.model) return arkError(400, 'MissingParameter', 'The request is missing the required parameter `model`.', 'model');
	const endpoint = /^ep-[\w-]+$/.test(body.model);
	// A model released after the node (2.6 here) is served: only the shape of its request is checked.
	if (!endpoint && (!flavour.modelPattern.test(body.model) || (!familyOf(body.model) && !NEWER_MODEL.test(body.model)))) {
		return arkError(404, 'InvalidEndpointOrModel.NotFound', `The model or endpoint ${body.model} does not exist or you do not have access to it.`, 'model');
	}
	if (flavour.requirePrompt && (typeof body.prompt !== 'string' || body.prompt.trim() === '')) {
		return { status: 400, body: { error: { code: 'invalid_request_error', message: 'prompt is required and must not be empty', type: 'invalid_request_error' } } };
	}
	try {
		const parts = readContent(body.content);
		const mode = modeOf(parts);
		if (mode === 'draftRender') {
			const draft = ctx.engine.find(parts.draftTaskId ?? '');
			if (!draft || !draft.params.draft) throw new RuleError('InvalidParameter', `draft task ${parts.draftTaskId} was not found`, 'content.draft_task');
			if (ctx.engine.state(draft).status !== 'succeeded') throw new RuleError('InvalidParameter', 'the draft task has not succeeded yet', 'content.draft_task');
		}
		if (mode === 'text' && !parts.text && !flavour.requirePrompt) throw new RuleError('MissingParameter', 'text-to-video needs a text prompt', 'content.text');
		checkAgainstFamily(familyOf(body.model), mode, parts, body);
	} catch (error) {
		if (error instanceof RuleError) return arkError(400, error.code, error.message, error.param);
		throw error;
	}
	const id = ctx.engine.newId(flavour.idPrefix);
	const { model, content, ...params } = body;
	ctx.engine.createTask(ctx.provider, id, model, params);
	return { status: 200, body: flavour.idPrefix === 'task_' ? { id, created_at: unix(Date.now()), items: [] } : { id } };
}

/** @param {string} name @param {string} prefix @param {{modelPattern: RegExp, requirePrompt?: boolean, idPrefix: string, callsBack?: boolean}} flavour @returns {Provider} */
function arkProvider(name, prefix, flavour) {
	return {
		name,
		prefix,
		error: arkError,
		// Ark itself POSTs the task to callback_url on each status change; gateways do not document it.
		callsBack: flavour.callsBack === true,
		taskBody: arkTask,
		routes: [
			{ method: 'POST', pattern: /^\/contents\/generations\/tasks$/, route: 'create', handle: (ctx) => arkCreate(ctx, flavour) },
			{
				method: 'GET', pattern: /^\/contents\/generations\/tasks\/([^/]+)$/, route: 'get',
				handle: (ctx) => {
					const task = ctx.engine.find(ctx.params[0]);
					if (!task) return arkError(404, 'ResourceNotFound', `The task ${ctx.params[0]} was not found.`, 'id');
					return { status: 200, body: arkTask(ctx, task) };
				},
			},
			{
				method: 'GET', pattern: /^\/contents\/generations\/tasks$/, route: 'list',
				handle: (ctx) => {
					const pageNum = Number(ctx.query.get('page_num') ?? 1);
					const pageSize = Number(ctx.query.get('page_size') ?? 10);
					if (!Number.isInteger(pageNum) || pageNum < 1 || pageNum > 500) return arkError(400, 'InvalidParameter', 'page_num must be in [1, 500].', 'page_num');
					if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) return arkError(400, 'InvalidParameter', 'page_size must be in [1, 500].', 'page_size');
					const status = ctx.query.get('filter.status');
					const model = ctx.query.get('filter.model');
					const ids = ctx.query.getAll('filter.task_ids');
					const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
					const now = Date.now();
					const matching = [...ctx.engine.tasks.values()]
						.filter((t) => t.provider === ctx.provider && !t.deleted && t.createdAt >= weekAgo)
						.filter((t) => !model || t.model === model)
						.filter((t) => ids.length === 0 || ids.includes(t.id))
						.filter((t) => !status || ctx.engine.state(t, now).status === status)
						.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
					const items = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((t) => arkTask(ctx, t));
					return { status: 200, body: { total: matching.length, items } };
				},
			},
			{
				method: 'DELETE', pattern: /^\/contents\/generations\/tasks\/([^/]+)$/, route: 'cancel',
				handle: (ctx) => {
					const task = ctx.engine.find(ctx.params[0]);
					if (!task) return arkError(404, 'ResourceNotFound', `The task ${ctx.params[0]} was not found.`, 'id');
					const { status } = ctx.engine.state(task);
					if (status === 'queued') {
						task.cancelled = true;
						task.cancelledAt = Date.now();
					} else if (status === 'running' || status === 'cancelled') {
						return arkError(400, 'InvalidAction.TaskStatusConflict', `A task that is ${status} cannot be cancelled or deleted.`, 'id');
					} else task.deleted = true;
					return { status: 200, body: {} };
				},
			},
		],
	};
}

// ---------------------------------------------------------------------------------------------
// GlobalAiOpc: flat 2.0 body, Ark-style 1.5 body, one result route

/** @param {number} status @param {string} code @param {string} message @returns {Reply} */
function globalError(status, code, message) {
	return { status, body: { code: status, message, error: code } };
}

const GLOBAL_20_MODELS = ['seedance_2_0', 'seedance_2_0_fast', 'seedance_2_0_pro', 'seedance_2_0_fast_pro'];
const GLOBAL_15_MODELS = ['seedance_1_5_pro_480p', 'seedance_1_5_pro_720p', 'seedance_1_5_pro_1080p'];
const GLOBAL_20_FIELDS = ['model', 'prompt', 'duration', 'first_image', 'last_image', 'aspect_ratio', 'generateAudio', 'referenceImages', 'referenceVideos', 'referenceAudios'];

/** @param {Ctx} ctx */
function globalCreate20(ctx) {
	const b = ctx.body;
	if (!b || typeof b !== 'object') return globalError(400, 'invalid_request', 'request body must be a JSON object');
	const unknown = Object.keys(b).filter((k) => !GLOBAL_20_FIELDS.includes(k));
	if (unknown.length) return globalError(400, 'invalid_parameter', `unknown parameter(s): ${unknown.join(', ')}`);
	if (!GLOBAL_20_MODELS.includes(b.model)) return globalError(400, 'invalid_model', `model must be one of ${GLOBAL_20_MODELS.join(', ')}`);
	if (typeof b.prompt !== 'string' || !b.prompt.trim()) return globalError(400, 'invalid_parameter', 'prompt is required');
	if (b.duration !== undefined && (!Number.isInteger(b.duration) || b.duration < 4 || b.duration > 15)) return globalError(400, 'invalid_parameter', 'duration must be an integer from 4 to 15');
	if (b.aspect_ratio !== undefined && !RATIOS.includes(b.aspect_ratio)) return globalError(400, 'invalid_parameter', `aspect_ratio must be one of ${RATIOS.join(', ')}`);
	if (b.generateAudio !== undefined && typeof b.generateAudio !== 'boolean') return globalError(400, 'invalid_parameter', 'generateAudio must be a boolean');
	if (b.last_image !== undefined && b.first_image === undefined) return globalError(400, 'invalid_parameter', 'last_image must be used together with first_image');
	const lists = { referenceImages: [1, 9], referenceVideos: [0, 3], referenceAudios: [0, 3] };
	let refCount = 0;
	try {
		for (const [field, [min, max]] of Object.entries(lists)) {
			if (b[field] === undefined) continue;
			if (!Array.isArray(b[field]) || b[field].length < min || b[field].length > max) throw new RuleError('invalid_parameter', `${field} must be a list of ${min}-${max} items`);
			b[field].forEach((u) => checkMediaUrl(u, field, false));
			refCount += b[field].length;
		}
		for (const field of ['first_image', 'last_image']) if (b[field] !== undefined) checkMediaUrl(b[field], field, false);
	} catch (error) {
		if (error instanceof RuleError) return globalError(400, 'invalid_parameter', error.message);
		throw error;
	}
	if (refCount > 0 && b.first_image !== undefined) return globalError(400, 'invalid_parameter', 'first_image/last_image and referenceImages/referenceVideos/referenceAudios are mutually exclusive');
	if ((b.referenceAudios?.length ?? 0) > 0 && (b.referenceImages?.length ?? 0) + (b.referenceVideos?.length ?? 0) === 0) return globalError(400, 'invalid_parameter', 'referenceAudios needs at least one reference image or video');
	if ((b.model === 'seedance_2_0' || b.model === 'seedance_2_0_fast') && !(b.referenceVideos?.length > 0)) return globalError(400, 'invalid_parameter', `${b.model} only supports generation with reference videos`);
	const id = `video_${require('node:crypto').randomUUID()}`;
	ctx.engine.createTask(ctx.provider, id, b.model, { duration: b.duration, ratio: b.aspect_ratio, generate_audio: b.generateAudio });
	return { status: 200, body: { id, object: 'video', created: unix(Date.now()), model: b.model, status: 'queued', error: null } };
}

/** @param {Ctx} ctx */
function globalCreate15(ctx) {
	const b = ctx.body;
	if (!b || typeof b !== 'object') return globalError(400, 'invalid_request', 'request body must be a JSON object');
	if (!GLOBAL_15_MODELS.includes(b.model)) return globalError(400, 'invalid_model', `model must be one of ${GLOBAL_15_MODELS.join(', ')}`);
	const unknown = Object.keys(b).filter((k) => !['model', 'content', 'ratio', 'duration'].includes(k));
	if (unknown.length) return globalError(400, 'invalid_parameter', `unknown parameter(s): ${unknown.join(', ')}`);
	try {
		const parts = readContent(b.content);
		const mode = modeOf(parts);
		if (!['text', 'firstFrame', 'firstLastFrame'].includes(mode)) throw new RuleError('invalid_parameter', `Seedance 1.5 does not support ${mode} generation`);
		if (mode === 'text' && !parts.text) throw new RuleError('invalid_parameter', 'a text prompt is required');
		checkAgainstFamily(familyOf('seedance-1-5-pro'), mode, parts, { ratio: b.ratio, duration: b.duration });
	} catch (error) {
		if (error instanceof RuleError) return globalError(400, 'invalid_parameter', error.message);
		throw error;
	}
	const id = `video_${require('node:crypto').randomUUID()}`;
	ctx.engine.createTask(ctx.provider, id, b.model, { duration: b.duration, ratio: b.ratio, resolution: b.model.split('_').pop() });
	return { status: 200, body: { id, object: 'video', created: unix(Date.now()), model: b.model, status: 'queued', error: null } };
}

/** @type {Provider} */
const globalAiOpc = {
	name: 'globalAiOpc',
	prefix: '/globalaiopc/kyyReactApiServer',
	error: globalError,
	routes: [
		{ method: 'POST', pattern: /^\/v1\/kyyvideo2\/videos$/, route: 'create', handle: globalCreate20 },
		{ method: 'POST', pattern: /^\/v1\/seedance\/videos$/, route: 'create', handle: globalCreate15 },
		{
			method: 'GET', pattern: /^\/v1\/result\/([^/]+)$/, route: 'get',
			handle: (ctx) => {
				const task = ctx.engine.find(ctx.params[0]);
				if (!task) return globalError(404, 'not_found', `task ${ctx.params[0]} not found`);
				const { status } = ctx.engine.state(task);
				const vocabulary = { queued: 'queued', running: 'processing', succeeded: 'completed', failed: 'failed', cancelled: 'cancelled', expired: 'failed' };
				/** @type {Record<string, any>} */
				const out = { id: task.id, object: 'video', created: unix(task.createdAt), model: task.model, status: vocabulary[status], video_url: null, error: null };
				if (status === 'succeeded') {
					out.video_url = ctx.engine.fileUrl(ctx.origin, task, 'mp4');
					out.actualDuration = task.params.duration ?? 5;
					if (task.model.startsWith('seedance_2_0')) out.totalTokens = 108900;
				}
				if (status === 'failed') out.error = task.failMessage;
				if (status === 'expired') out.error = 'task expired';
				return { status: 200, body: out };
			},
		},
	],
};

// ---------------------------------------------------------------------------------------------
// Anyfast: Ark body, new-api wrapper around the upstream task

/** @param {number} status @param {string} code @param {string} message @returns {Reply} */
function anyfastError(status, code, message) {
	return { status, body: { error: { message, type: 'new_api_error', code } } };
}

/** @type {Provider} */
const anyfast = {
	name: 'anyfast',
	prefix: '/anyfast',
	error: anyfastError,
	routes: [
		{
			method: 'POST', pattern: /^\/v1\/video\/generations$/, route: 'create',
			handle: (ctx) => {
				const reply = arkCreate(ctx, { modelPattern: /^(seedance|seedance-fast|seedance-mini|doubao-seedance-[\w-]+)$/, idPrefix: 'cgt-' });
				if (reply.status !== 200) {
					const upstream = /** @type {any} */ (reply.body).error;
					return anyfastError(reply.status, upstream.code, upstream.message);
				}
				const id = /** @type {any} */ (reply.body).id;
				return { status: 200, body: { id, task_id: id, object: 'video', model: ctx.body.model, status: '', progress: 0, created_at: unix(Date.now()) } };
			},
		},
		{
			method: 'GET', pattern: /^\/v1\/video\/generations\/([^/]+)$/, route: 'get',
			handle: (ctx) => {
				const task = ctx.engine.find(ctx.params[0]);
				if (!task) return { status: 404, body: { code: 'task_not_exist', message: 'task_not_exist', data: null } };
				const { status, progress } = ctx.engine.state(task);
				const vocabulary = { queued: task.createdAt + 50 > Date.now() ? 'NOT_START' : 'QUEUED', running: 'IN_PROGRESS', succeeded: 'SUCCESS', failed: 'FAILURE', cancelled: 'FAILURE', expired: 'FAILURE' };
				const upstream = arkTask(ctx, task);
				const resultUrl = status === 'succeeded' ? upstream.content.video_url : undefined;
				return {
					status: 200,
					body: {
						code: 'success',
						message: '',
						data: {
							task_id: task.id,
							action: task.params.tools ? 'generate' : 'generate',
							status: vocabulary[status],
							...(resultUrl ? { result_url: resultUrl } : {}),
							// Legacy: on success fail_reason repeats the result URL.
							fail_reason: status === 'succeeded' ? resultUrl : status === 'failed' || status === 'expired' || status === 'cancelled' ? (upstream.error?.message ?? `task ${status}`) : '',
							submit_time: unix(task.createdAt),
							start_time: status === 'queued' ? 0 : unix(task.startAt),
							finish_time: status === 'succeeded' || status === 'failed' ? unix(task.endAt) : 0,
							progress: `${status === 'succeeded' ? 100 : progress}%`,
							request_id: requestId(),
							data: upstream,
						},
					},
				};
			},
		},
		{
			method: 'GET', pattern: /^\/v1\/models$/, route: 'models',
			handle: () => ({ status: 200, body: { object: 'list', data: ['seedance', 'seedance-fast', 'seedance-mini', 'doubao-seedance-1-5-pro-251215', 'doubao-seedance-2-5-260628', 'doubao-seedance-2-6-261201', 'gpt-image-1'].map((id) => ({ id, object: 'model', owned_by: 'volcengine' })) } }),
		},
	],
};

// ---------------------------------------------------------------------------------------------
// OpenAI-videos-compatible gateways

/** @param {number} status @param {string} code @param {string} message @param {string} [param] @returns {Reply} */
function openaiError(status, code, message, param) {
	const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
	return { status, body: { error: { message, type, param: param ?? null, code } } };
}

const OPENAI_SIZES = /^(\d{3,4})x(\d{3,4})$/;

/** @param {Ctx} ctx @param {Task} task */
function openaiVideo(ctx, task) {
	const { status, progress, finishedAt } = ctx.engine.state(task);
	const vocabulary = { queued: 'queued', running: 'in_progress', succeeded: 'completed', failed: 'failed', cancelled: 'failed', expired: 'failed' };
	return {
		id: task.id,
		object: 'video',
		model: task.model,
		status: vocabulary[status],
		progress: status === 'succeeded' ? 100 : progress,
		// This gateway family reports created_at in milliseconds, the rest in seconds.
		created_at: task.createdAt,
		completed_at: status === 'succeeded' && finishedAt ? unix(finishedAt) : null,
		expires_at: status === 'succeeded' ? unix(task.endAt + (ctx.engine.options.urlTtlMs ?? 0)) : null,
		seconds: String(task.params.seconds ?? '5'),
		size: task.params.size ?? '1280x720',
		error: status === 'failed' ? { code: task.failCode, message: task.failMessage } : status === 'cancelled' || status === 'expired' ? { code: status, message: `task ${status}` } : null,
	};
}

/** @type {Provider} */
const openaiVideos = {
	name: 'openaiVideos',
	prefix: '/openai',
	error: openaiError,
	routes: [
		{
			method: 'POST', pattern: /^\/v1\/videos$/, route: 'create',
			handle: (ctx) => {
				const b = ctx.body;
				if (!b || typeof b !== 'object') return openaiError(400, 'invalid_request', 'request body must be JSON');
				if (typeof b.model !== 'string' || !/^(doubao-seedance-|seedance|dreamina-seedance-)/.test(b.model)) return openaiError(400, 'model_not_found', `model ${b.model} is not available`, 'model');
				if (typeof b.prompt !== 'string' || !b.prompt.trim()) return openaiError(400, 'invalid_value', 'prompt is required', 'prompt');
				if (b.seconds !== undefined && !/^\d+$/.test(String(b.seconds))) return openaiError(400, 'invalid_value', 'seconds must be a whole number given as a string', 'seconds');
				if (b.size !== undefined && !OPENAI_SIZES.test(b.size)) return openaiError(400, 'invalid_value', 'size must look like 1280x720', 'size');
				if (b.input_reference !== undefined) {
					try { checkMediaUrl(b.input_reference, 'input_reference'); } catch (error) { return openaiError(400, 'invalid_value', /** @type {Error} */ (error).message, 'input_reference'); }
				}
				const family = familyOf(b.model);
				const seconds = b.seconds === undefined ? 5 : Number(b.seconds);
				if (family && (seconds < family.duration[0] || seconds > family.duration[1])) return openaiError(400, 'invalid_value', `seconds must be in [${family.duration.join(', ')}] for ${b.model}`, 'seconds');
				if (family && b.input_reference === undefined && !family.modes.includes('text')) return openaiError(400, 'invalid_value', `${b.model} needs input_reference`, 'input_reference');
				if (family && b.input_reference !== undefined && !family.modes.includes('firstFrame')) return openaiError(400, 'invalid_value', `${b.model} does not take input_reference`, 'input_reference');
				const id = ctx.engine.newId('video_');
				const task = ctx.engine.createTask(ctx.provider, id, b.model, { seconds, size: b.size });
				return { status: 200, body: openaiVideo(ctx, task) };
			},
		},
		{
			method: 'GET', pattern: /^\/v1\/videos\/([^/]+)$/, route: 'get',
			handle: (ctx) => {
				const task = ctx.engine.find(ctx.params[0]);
				if (!task) return openaiError(404, 'not_found', `video ${ctx.params[0]} not found`, 'video_id');
				return { status: 200, body: openaiVideo(ctx, task) };
			},
		},
		{
			method: 'GET', pattern: /^\/v1\/videos$/, route: 'list',
			handle: (ctx) => {
				const limit = Number(ctx.query.get('limit') ?? 20);
				if (!Number.isInteger(limit) || limit < 1 || limit > 100) return openaiError(400, 'invalid_value', 'limit must be in [1, 100]', 'limit');
				const after = ctx.query.get('after');
				const all = [...ctx.engine.tasks.values()].filter((t) => t.provider === ctx.provider && !t.deleted).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
				const start = after ? all.findIndex((t) => t.id === after) + 1 : 0;
				if (after && start === 0) return openaiError(400, 'invalid_value', `unknown cursor ${after}`, 'after');
				const page = all.slice(start, start + limit).map((t) => openaiVideo(ctx, t));
				return { status: 200, body: { object: 'list', data: page, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: start + limit < all.length } };
			},
		},
		{
			method: 'DELETE', pattern: /^\/v1\/videos\/([^/]+)$/, route: 'cancel',
			handle: (ctx) => {
				const task = ctx.engine.find(ctx.params[0]);
				if (!task) return openaiError(404, 'not_found', `video ${ctx.params[0]} not found`, 'video_id');
				task.deleted = true;
				return { status: 200, body: { id: task.id, object: 'video.deleted', deleted: true } };
			},
		},
		{
			method: 'GET', pattern: /^\/v1\/videos\/([^/]+)\/content$/, route: 'content',
			handle: (ctx) => {
				const task = ctx.engine.find(ctx.params[0]);
				if (!task) return openaiError(404, 'not_found', `video ${ctx.params[0]} not found`, 'video_id');
				if (ctx.engine.state(task).status !== 'succeeded') return openaiError(400, 'video_not_ready', 'the video is not completed yet', 'video_id');
				return { status: 200, body: { stream: 'video', task } };
			},
		},
	],
};

const providers = {
	byteplus: arkProvider('byteplus', '/byteplus/api/v3', { modelPattern: /^(seedance-[\w-]+|dreamina-seedance-[\w-]+)$/, idPrefix: 'cgt-', callsBack: true }),
	volcengine: arkProvider('volcengine', '/volcengine/api/v3', { modelPattern: /^doubao-seedance-[\w-]+$/, idPrefix: 'cgt-', callsBack: true }),
	arkGateway: arkProvider('arkGateway', '/ark-gateway/api/v3', { modelPattern: /^doubao-seedance-[\w-]+$/, requirePrompt: true, idPrefix: 'task_' }),
	globalAiOpc,
	anyfast,
	openaiVideos,
};

module.exports = { providers, arkError };
