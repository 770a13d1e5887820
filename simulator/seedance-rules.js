'use strict';
// @ts-check
// What the upstream Seedance service accepts, as the provider pages document it. The simulator's
// providers use these checks to reject bad requests with their own error shapes. This file is the
// "other side" of the package's rules: written independently from nodes/, so that a mistake in the
// node's validation shows up as a provider error in the tests instead of being agreed with.

const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'];
const RESOLUTIONS = ['480p', '720p', '1080p', '4k'];
const TASK_TYPES = ['auto', 'edit', 'extend'];

/** @typedef {'text'|'firstFrame'|'firstLastFrame'|'reference'|'draftRender'} Mode */

/**
 * @typedef {object} Family
 * @property {string} name
 * @property {Mode[]} modes
 * @property {[number, number]} duration
 * @property {boolean} autoDuration   duration -1 lets the model choose
 * @property {string[]} resolutions
 * @property {boolean} audio
 * @property {boolean} draft
 * @property {boolean} frames
 * @property {boolean} cameraFixed
 * @property {boolean} flex
 * @property {boolean} webSearch
 * @property {{images: [number, number], videos: number, audios: number, total?: number, audioAlone?: boolean}} reference
 * @property {[number, number]} typicalSeconds  typical generation time
 * @property {boolean} [taskType]  takes omni_reference_task_type (2.5: edit and extend a source video)
 * @property {Partial<Record<Mode, string[]>>} [frameRatios]  ratios a frame mode requires
 */

/** @type {Record<string, Family>} */
const FAMILIES = {
	'1.0-lite-t2v': {
		name: 'Seedance 1.0 lite (text)', modes: ['text'], duration: [2, 12], autoDuration: false,
		resolutions: RESOLUTIONS, audio: false, draft: false, frames: true, cameraFixed: true, flex: true,
		webSearch: false, reference: { images: [0, 0], videos: 0, audios: 0 }, typicalSeconds: [60, 180],
	},
	'1.0-lite-i2v': {
		name: 'Seedance 1.0 lite (image)', modes: ['firstFrame', 'firstLastFrame', 'reference'], duration: [2, 12],
		autoDuration: false, resolutions: RESOLUTIONS, audio: false, draft: false, frames: true, cameraFixed: true,
		flex: true, webSearch: false, reference: { images: [1, 4], videos: 0, audios: 0 }, typicalSeconds: [60, 180],
	},
	'1.0-pro': {
		name: 'Seedance 1.0 pro', modes: ['text', 'firstFrame', 'firstLastFrame'], duration: [2, 12], autoDuration: false,
		resolutions: RESOLUTIONS, audio: false, draft: false, frames: true, cameraFixed: true, flex: true,
		webSearch: false, reference: { images: [0, 0], videos: 0, audios: 0 }, typicalSeconds: [120, 300],
	},
	'1.0-pro-fast': {
		name: 'Seedance 1.0 pro fast', modes: ['text', 'firstFrame'], duration: [2, 12], autoDuration: false,
		resolutions: RESOLUTIONS, audio: false, draft: false, frames: true, cameraFixed: true, flex: true,
		webSearch: false, reference: { images: [0, 0], videos: 0, audios: 0 }, typicalSeconds: [60, 180],
	},
	'1.5-pro': {
		name: 'Seedance 1.5 pro', modes: ['text', 'firstFrame', 'firstLastFrame', 'draftRender'], duration: [4, 12],
		autoDuration: true, resolutions: RESOLUTIONS, audio: true, draft: true, frames: false, cameraFixed: true,
		flex: true, webSearch: false, reference: { images: [0, 0], videos: 0, audios: 0 }, typicalSeconds: [180, 480],
	},
	'2.0': {
		name: 'Seedance 2.0', modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'], duration: [4, 15],
		autoDuration: true, resolutions: RESOLUTIONS, audio: true, draft: false, frames: false, cameraFixed: false,
		flex: false, webSearch: true, reference: { images: [0, 9], videos: 3, audios: 3, total: 12 }, typicalSeconds: [120, 300],
	},
	'2.0-mini': {
		name: 'Seedance 2.0 mini', modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'], duration: [4, 15],
		autoDuration: true, resolutions: ['480p', '720p'], audio: true, draft: false, frames: false, cameraFixed: false,
		flex: false, webSearch: false, reference: { images: [0, 9], videos: 3, audios: 3, total: 12 }, typicalSeconds: [60, 180],
	},
	'2.5': {
		name: 'Seedance 2.5', modes: ['text', 'firstFrame', 'firstLastFrame', 'reference', 'draftRender'], duration: [4, 30],
		autoDuration: true, resolutions: RESOLUTIONS, audio: true, draft: true, frames: false, cameraFixed: false,
		flex: false, webSearch: false, reference: { images: [0, 30], videos: 10, audios: 10, total: 50, audioAlone: true },
		typicalSeconds: [120, 600], taskType: true, frameRatios: { firstFrame: ['adaptive'], firstLastFrame: ['adaptive'] },
	},
	'2.5-flash': {
		name: 'Seedance 2.5 flash', modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'], duration: [4, 30],
		autoDuration: true, resolutions: ['480p', '720p'], audio: true, draft: false, frames: false, cameraFixed: false,
		flex: false, webSearch: false, reference: { images: [0, 30], videos: 10, audios: 10, total: 50, audioAlone: true },
		typicalSeconds: [60, 240], taskType: true, frameRatios: { firstFrame: ['adaptive'], firstLastFrame: ['adaptive'] },
	},
	'2.0-fast': {
		name: 'Seedance 2.0 fast', modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'], duration: [4, 15],
		autoDuration: true, resolutions: ['480p', '720p'], audio: true, draft: false, frames: false, cameraFixed: false,
		flex: false, webSearch: true, reference: { images: [0, 9], videos: 3, audios: 3, total: 12 }, typicalSeconds: [60, 180],
	},
};

/**
 * The family of a model id as any provider spells it, or undefined for an endpoint id (`ep-…`)
 * or an id we do not know (then only the shape of the request is checked).
 * @param {string} model
 */
function familyOf(model) {
	const m = String(model).toLowerCase().replace(/_/g, '-');
	if (/2-5-flash/.test(m)) return FAMILIES['2.5-flash'];
	if (/2-5/.test(m)) return FAMILIES['2.5'];
	if (/2-0-mini|^seedance-mini$/.test(m)) return FAMILIES['2.0-mini'];
	if (/2-0-fast|^seedance-fast$/.test(m)) return FAMILIES['2.0-fast'];
	if (/2-0|^seedance$/.test(m)) return FAMILIES['2.0'];
	if (/1-5-pro/.test(m)) return FAMILIES['1.5-pro'];
	if (/1-0-pro-fast/.test(m)) return FAMILIES['1.0-pro-fast'];
	if (/1-0-pro/.test(m)) return FAMILIES['1.0-pro'];
	if (/1-0-lite-t2v/.test(m)) return FAMILIES['1.0-lite-t2v'];
	if (/1-0-lite-i2v/.test(m)) return FAMILIES['1.0-lite-i2v'];
	return undefined;
}

class RuleError extends Error {
	/** @param {string} code @param {string} message @param {string} [param] */
	constructor(code, message, param) {
		super(message);
		this.code = code;
		this.param = param;
	}
}

/** @param {unknown} url @param {string} what */
function checkMediaUrl(url, what, allowData = true) {
	if (typeof url !== 'string' || url.length === 0) throw new RuleError('MissingParameter', `${what} url is required`, what);
	if (/^https?:\/\/[^\s]+$/i.test(url) || /^asset:\/\/[\w-]+$/.test(url)) return;
	// The payload is checked without a pattern spanning it (tens of MB can exhaust the regex stack).
	const head = allowData ? /^data:[a-z]+\/[\w.+-]+;base64,/.exec(url) : null;
	if (head && url.length > head[0].length && !/[^A-Za-z0-9+/=]/.test(url.slice(head[0].length))) return;
	throw new RuleError('InvalidParameter', `${what} must be an http(s) URL${allowData ? ', a base64 data URL' : ''} or asset://ID`, what);
}

/**
 * Reads an Ark `content[]` array into its parts, checking each item's shape.
 * @param {unknown} content
 */
function readContent(content) {
	if (!Array.isArray(content) || content.length === 0) {
		throw new RuleError('MissingParameter', 'The request is missing the required parameter `content`', 'content');
	}
	/** @type {{text?: string, firstFrame?: string, lastFrame?: string, images: string[], videos: string[], audios: string[], draftTaskId?: string}} */
	const parts = { images: [], videos: [], audios: [] };
	const untaggedImages = [];
	for (const item of content) {
		if (!item || typeof item !== 'object') throw new RuleError('InvalidParameter', 'content items must be objects', 'content');
		switch (item.type) {
			case 'text':
				if (typeof item.text !== 'string') throw new RuleError('InvalidParameter', 'content.text must be a string', 'content.text');
				if (parts.text !== undefined) throw new RuleError('InvalidParameter', 'content may hold at most one text item', 'content');
				parts.text = item.text;
				break;
			case 'image_url': {
				const url = item.image_url && item.image_url.url;
				checkMediaUrl(url, 'content.image_url');
				const role = item.role;
				if (role === 'first_frame') {
					if (parts.firstFrame) throw new RuleError('InvalidParameter', 'only one first_frame image is allowed', 'content.role');
					parts.firstFrame = url;
				} else if (role === 'last_frame') {
					if (parts.lastFrame) throw new RuleError('InvalidParameter', 'only one last_frame image is allowed', 'content.role');
					parts.lastFrame = url;
				} else if (role === 'reference_image') parts.images.push(url);
				else if (role === undefined) untaggedImages.push(url);
				else throw new RuleError('InvalidParameter', `unknown image role ${role}`, 'content.role');
				break;
			}
			case 'video_url':
				checkMediaUrl(item.video_url && item.video_url.url, 'content.video_url', false);
				if (item.role !== 'reference_video') throw new RuleError('InvalidParameter', 'video_url needs role reference_video', 'content.role');
				parts.videos.push(item.video_url.url);
				break;
			case 'audio_url':
				checkMediaUrl(item.audio_url && item.audio_url.url, 'content.audio_url', false);
				if (item.role !== 'reference_audio') throw new RuleError('InvalidParameter', 'audio_url needs role reference_audio', 'content.role');
				parts.audios.push(item.audio_url.url);
				break;
			case 'draft_task':
				if (!item.draft_task || typeof item.draft_task.id !== 'string') throw new RuleError('MissingParameter', 'draft_task.id is required', 'content.draft_task');
				parts.draftTaskId = item.draft_task.id;
				break;
			default:
				throw new RuleError('InvalidParameter', `unknown content type ${item.type}`, 'content.type');
		}
	}
	// A single image without a role is a first frame (documented default).
	if (untaggedImages.length === 1 && !parts.firstFrame) parts.firstFrame = untaggedImages[0];
	else if (untaggedImages.length > 0) throw new RuleError('InvalidParameter', 'images need a role when more than one is sent', 'content.role');
	return parts;
}

/**
 * The generation mode a request's media imply, with the exclusivity rules.
 * @param {{firstFrame?: string, lastFrame?: string, images: string[], videos: string[], audios: string[], draftTaskId?: string}} parts
 * @returns {Mode}
 */
function modeOf(parts) {
	const hasFrames = Boolean(parts.firstFrame || parts.lastFrame);
	const hasRefs = parts.images.length + parts.videos.length + parts.audios.length > 0;
	if (parts.draftTaskId) {
		if (hasFrames || hasRefs) throw new RuleError('InvalidParameter', 'draft_task cannot be combined with images, videos or audios', 'content');
		return 'draftRender';
	}
	if (hasFrames && hasRefs) {
		throw new RuleError('InvalidParameter', 'first/last frame images and reference media are mutually exclusive', 'content');
	}
	if (parts.lastFrame && !parts.firstFrame) throw new RuleError('InvalidParameter', 'last_frame requires a first_frame image', 'content');
	if (parts.lastFrame) return 'firstLastFrame';
	if (parts.firstFrame) return 'firstFrame';
	if (hasRefs) return 'reference';
	return 'text';
}

/**
 * Checks a generation request (already read into parts and top-level options) against the model.
 * @param {Family | undefined} family
 * @param {Mode} mode
 * @param {ReturnType<typeof readContent>} parts
 * @param {Record<string, any>} body  top-level Ark fields
 */
function checkAgainstFamily(family, mode, parts, body) {
	if (body.ratio !== undefined && !RATIOS.includes(body.ratio)) throw new RuleError('InvalidParameter', `ratio must be one of ${RATIOS.join(', ')}`, 'ratio');
	if (body.resolution !== undefined && !RESOLUTIONS.includes(body.resolution)) throw new RuleError('InvalidParameter', `resolution must be one of ${RESOLUTIONS.join(', ')}`, 'resolution');
	if (body.seed !== undefined && (!Number.isInteger(body.seed) || body.seed < -1 || body.seed > 4294967295)) throw new RuleError('InvalidParameter', 'seed must be an integer in [-1, 4294967295]', 'seed');
	if (body.service_tier !== undefined && !['default', 'flex'].includes(body.service_tier)) throw new RuleError('InvalidParameter', 'service_tier must be default or flex', 'service_tier');
	if (body.execution_expires_after !== undefined && (!Number.isInteger(body.execution_expires_after) || body.execution_expires_after < 3600 || body.execution_expires_after > 259200)) {
		throw new RuleError('InvalidParameter', 'execution_expires_after must be in [3600, 259200]', 'execution_expires_after');
	}
	if (body.duration !== undefined && body.frames !== undefined) throw new RuleError('InvalidParameter', 'duration and frames are mutually exclusive', 'frames');
	if (body.frames !== undefined && (!Number.isInteger(body.frames) || body.frames < 29 || body.frames > 289 || (body.frames - 25) % 4 !== 0)) {
		throw new RuleError('InvalidParameter', 'frames must be 25+4n in [29, 289]', 'frames');
	}
	for (const flag of ['camera_fixed', 'watermark', 'generate_audio', 'return_last_frame', 'draft']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') throw new RuleError('InvalidParameter', `${flag} must be a boolean`, flag);
	}
	if (body.tools !== undefined && (!Array.isArray(body.tools) || body.tools.some((t) => !t || t.type !== 'web_search'))) {
		throw new RuleError('InvalidParameter', 'tools supports only {"type":"web_search"}', 'tools');
	}
	const taskType = body.omni_reference_task_type;
	if (taskType !== undefined && !TASK_TYPES.includes(taskType)) throw new RuleError('InvalidParameter', `omni_reference_task_type must be one of ${TASK_TYPES.join(', ')}`, 'omni_reference_task_type');
	if (taskType === 'edit' || taskType === 'extend') {
		if (mode !== 'reference' || parts.videos.length === 0) throw new RuleError('InvalidParameter', `omni_reference_task_type ${taskType} needs a reference video (the source)`, 'omni_reference_task_type');
		if (taskType === 'edit' && body.ratio !== undefined && body.ratio !== 'adaptive') throw new RuleError('InvalidParameter.TaskTypeConstraint', 'an edit keeps the source video\'s ratio: ratio must be adaptive', 'ratio');
		if (taskType === 'edit' && body.duration !== undefined && body.duration !== -1) throw new RuleError('InvalidParameter.TaskTypeConstraint', 'an edit keeps the source video\'s length: duration must be -1', 'duration');
	}
	if (!family) return;
	if (taskType !== undefined && !family.taskType) throw new RuleError('InvalidParameter', `${family.name} does not support omni_reference_task_type`, 'omni_reference_task_type');
	const frameRatios = family.frameRatios?.[mode];
	if (frameRatios && body.ratio !== undefined && !frameRatios.includes(body.ratio)) throw new RuleError('InvalidParameter', `${family.name} ${mode} needs ratio ${frameRatios.join(' or ')}`, 'ratio');
	if (!family.modes.includes(mode)) throw new RuleError('InvalidParameter', `${family.name} does not support ${mode} generation`, 'content');
	if (body.duration !== undefined) {
		const ok = Number.isInteger(body.duration) && ((body.duration >= family.duration[0] && body.duration <= family.duration[1]) || (family.autoDuration && body.duration === -1));
		if (!ok) throw new RuleError('InvalidParameter', `duration for ${family.name} must be in [${family.duration.join(', ')}]${family.autoDuration ? ' or -1' : ''}`, 'duration');
	}
	if (body.resolution !== undefined && !family.resolutions.includes(body.resolution)) throw new RuleError('InvalidParameter', `${family.name} does not support resolution ${body.resolution}`, 'resolution');
	if (body.frames !== undefined && !family.frames) throw new RuleError('InvalidParameter', `${family.name} does not support frames`, 'frames');
	if (body.camera_fixed !== undefined && !family.cameraFixed) throw new RuleError('InvalidParameter', `${family.name} does not support camera_fixed`, 'camera_fixed');
	if (body.camera_fixed !== undefined && mode === 'reference') throw new RuleError('InvalidParameter', 'camera_fixed is not supported with reference images', 'camera_fixed');
	if (body.service_tier === 'flex' && !family.flex) throw new RuleError('InvalidParameter', `${family.name} does not support the flex service tier`, 'service_tier');
	if (body.generate_audio !== undefined && !family.audio) throw new RuleError('InvalidParameter', `${family.name} does not support generate_audio`, 'generate_audio');
	if (body.draft === true) {
		if (!family.draft) throw new RuleError('InvalidParameter', `${family.name} does not support draft`, 'draft');
		if (body.resolution !== undefined && body.resolution !== '480p') throw new RuleError('InvalidParameter', 'draft videos are 480p only', 'resolution');
		if (body.return_last_frame === true) throw new RuleError('InvalidParameter', 'return_last_frame is not supported with draft', 'return_last_frame');
		if (body.service_tier === 'flex') throw new RuleError('InvalidParameter', 'flex is not supported with draft', 'service_tier');
		if (mode === 'draftRender') throw new RuleError('InvalidParameter', 'a draft cannot render another draft', 'draft');
	}
	if (body.tools !== undefined && (!family.webSearch || mode !== 'text')) throw new RuleError('InvalidParameter', 'web_search is only supported for Seedance 2.0 text-to-video', 'tools');
	if (mode === 'reference') {
		const [minImages, maxImages] = family.reference.images;
		if (parts.images.length < minImages || parts.images.length > maxImages) throw new RuleError('InvalidParameter', `${family.name} takes ${minImages}-${maxImages} reference images`, 'content');
		if (parts.videos.length > family.reference.videos) throw new RuleError('InvalidParameter', `${family.name} takes at most ${family.reference.videos} reference videos`, 'content');
		if (parts.audios.length > family.reference.audios) throw new RuleError('InvalidParameter', `${family.name} takes at most ${family.reference.audios} reference audios`, 'content');
		const total = parts.images.length + parts.videos.length + parts.audios.length;
		if (family.reference.total !== undefined && total > family.reference.total) throw new RuleError('InvalidParameter', `${family.name} takes at most ${family.reference.total} reference files in all`, 'content');
		if (!family.reference.audioAlone && parts.audios.length > 0 && parts.images.length + parts.videos.length === 0) throw new RuleError('InvalidParameter', 'reference audio needs at least one reference image or video', 'content');
		if (body.resolution === '1080p' && family === FAMILIES['1.0-lite-i2v']) throw new RuleError('InvalidParameter', '1080p is not supported with reference images', 'resolution');
	}
}

module.exports = { FAMILIES, RATIOS, RESOLUTIONS, familyOf, readContent, modeOf, checkAgainstFamily, checkMediaUrl, RuleError };
