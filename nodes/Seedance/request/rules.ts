// The canonical generation request and every documented rule about it, written once as zod
// schemas. The node checks each item with these before any request is sent; the same family table
// (models.ts) drives which fields the editor shows.

import { z } from 'zod';
import { PROVIDERS, type OptionName, type ProviderId } from '../providers/catalog';
import {
	GLOBALAIOPC_15,
	GLOBALAIOPC_NEEDS_VIDEO,
	MODES,
	MODE_LABELS,
	PROVIDER_MODES,
	RATIOS,
	RESOLUTIONS,
	familyOf,
	type Family,
	type Mode,
} from './models';

/** What each field is called in the editor, for error messages. */
export const FIELD_LABELS: Record<string, string> = {
	mode: 'Mode',
	model: 'Model',
	prompt: 'Prompt',
	firstFrameImage: 'First Frame Image',
	lastFrameImage: 'Last Frame Image',
	referenceImages: 'Reference Images',
	referenceVideos: 'Reference Videos',
	referenceAudios: 'Reference Audios',
	draftTaskId: 'Draft Task ID',
	'options.resolution': 'Resolution',
	'options.ratio': 'Aspect Ratio',
	'options.duration': 'Duration (Seconds)',
	'options.frames': 'Frames',
	'options.seed': 'Seed',
	'options.cameraFixed': 'Camera Fixed',
	'options.watermark': 'Watermark',
	'options.generateAudio': 'Generate Audio',
	'options.returnLastFrame': 'Return Last Frame',
	'options.serviceTier': 'Service Tier',
	'options.callbackUrl': 'Callback URL',
	'options.webSearch': 'Web Search',
	'options.executionExpiresAfter': 'Expire After (Seconds)',
	'options.draft': 'Draft (Preview)',
};

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const ASSET = /^asset:\/\/[\w-]+$/;
const IMAGE_DATA_URL = /^data:image\/(jpeg|jpg|png|webp|bmp|tiff|gif|heic|heif);base64,[A-Za-z0-9+/]+=*$/i;

export type MediaKind = 'image' | 'video' | 'audio';

/** Why a media value is not a form the provider accepts, or undefined when it is. */
export function mediaUrlProblem(value: string, kind: MediaKind, provider: ProviderId): string | undefined {
	if (HTTP_URL.test(value) || ASSET.test(value)) return undefined;
	if (value.startsWith('data:')) {
		if (kind !== 'image') return `must be a public URL or asset://ID; ${kind}s cannot be sent as data URLs`;
		if (provider === 'globalAiOpc') return 'must be a public URL or asset://ID; GlobalAiOpc does not take data URLs';
		if (!IMAGE_DATA_URL.test(value)) return 'is not a valid image data URL (expected data:image/png;base64,…)';
		return undefined;
	}
	return kind === 'image'
		? 'must be an http(s) URL, an image data URL (data:image/png;base64,…) or asset://ID'
		: 'must be an http(s) URL or asset://ID';
}

const optionsSchema = z
	.object({
		resolution: z.enum(RESOLUTIONS),
		ratio: z.enum(RATIOS),
		duration: z.number().int('must be a whole number of seconds'),
		frames: z.number().int('must be a whole number'),
		seed: z.number().int('must be a whole number').min(-1, 'must be -1 (random) or more').max(4294967295, 'must be at most 4294967295'),
		cameraFixed: z.boolean(),
		watermark: z.boolean(),
		generateAudio: z.boolean(),
		returnLastFrame: z.boolean(),
		serviceTier: z.enum(['default', 'flex']),
		callbackUrl: z.string().regex(HTTP_URL, 'must be an http(s) URL'),
		webSearch: z.boolean(),
		executionExpiresAfter: z
			.number()
			.int('must be a whole number of seconds')
			.min(3600, 'must be at least 3600 (1 hour)')
			.max(259200, 'must be at most 259200 (72 hours)'),
		draft: z.boolean(),
	})
	.partial()
	.strict();

export const generationRequestSchema = z.object({
	mode: z.enum(MODES),
	model: z.string().trim().min(1, 'is required: pick a model from the list or enter a model ID'),
	prompt: z.string().default(''),
	firstFrameImage: z.string().trim().default(''),
	lastFrameImage: z.string().trim().default(''),
	referenceImages: z.array(z.string().trim()).default([]),
	referenceVideos: z.array(z.string().trim()).default([]),
	referenceAudios: z.array(z.string().trim()).default([]),
	draftTaskId: z.string().trim().default(''),
	options: optionsSchema.default({}),
});

export type GenerationRequest = z.infer<typeof generationRequestSchema>;
export type GenerationOptions = GenerationRequest['options'];

export interface RuleIssue {
	/** The parameter path, e.g. `options.duration` or `referenceImages`. */
	path: string;
	/** The field's name in the editor. */
	field: string;
	message: string;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/** The options a model accepts on a provider: the family's, narrowed by what the provider's API takes. */
export function allowedOptions(provider: ProviderId, model: string, mode?: Mode): Set<OptionName> {
	const family = familyOf(model);
	const providerOptions = PROVIDERS[provider].options;
	let allowed = providerOptions.filter((o) => !family || family.options.includes(o));
	if (provider === 'globalAiOpc' && GLOBALAIOPC_15.test(model)) allowed = allowed.filter((o) => o !== 'generateAudio');
	if (mode === 'reference') allowed = allowed.filter((o) => o !== 'cameraFixed');
	if (mode !== undefined && mode !== 'text') allowed = allowed.filter((o) => o !== 'webSearch');
	if (mode === 'draftRender') allowed = allowed.filter((o) => o !== 'draft');
	return new Set(allowed);
}

/** The duration range a model accepts on a provider. */
export function durationRange(provider: ProviderId, model: string, family: Family | undefined) {
	if (provider === 'globalAiOpc') return GLOBALAIOPC_15.test(model) ? { min: 4, max: 12, auto: true } : { min: 4, max: 15, auto: false };
	const range = family?.duration ?? { min: 2, max: 15, auto: true };
	return provider === 'openaiVideos' ? { ...range, auto: false } : range;
}

function describeModel(model: string, family: Family | undefined) {
	return family ? family.label : `model ${model}`;
}

/** The schema of a request for one provider: shape, then every cross-field rule. */
export function requestSchemaFor(provider: ProviderId) {
	const info = PROVIDERS[provider];
	return generationRequestSchema.superRefine((req, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: path.split('.'), message });
		const family = familyOf(req.model);
		const what = describeModel(req.model, family);
		const modeLabel = MODE_LABELS[req.mode];

		// Mode and model
		if (!PROVIDER_MODES[provider].includes(req.mode)) {
			issue('mode', `${modeLabel} is not available on ${info.label}; it supports ${PROVIDER_MODES[provider].map((m) => MODE_LABELS[m]).join(', ')}`);
			return;
		}
		if (family && !family.modes.includes(req.mode)) {
			issue('mode', `${family.label} does not support ${modeLabel}; it supports ${family.modes.map((m) => MODE_LABELS[m]).join(', ')}`);
			return;
		}
		if (provider === 'globalAiOpc' && !/^seedance_2_0(_fast)?(_pro)?$/.test(req.model) && !GLOBALAIOPC_15.test(req.model)) {
			issue('model', `${req.model} is not a GlobalAiOpc model; use seedance_2_0_pro, seedance_2_0_fast_pro, seedance_2_0, seedance_2_0_fast or seedance_1_5_pro_480p/720p/1080p`);
			return;
		}
		if (provider === 'globalAiOpc' && GLOBALAIOPC_15.test(req.model) && req.mode === 'reference') {
			issue('mode', 'Seedance 1.5 on GlobalAiOpc does not support Reference mode');
		}
		if (provider === 'globalAiOpc' && GLOBALAIOPC_NEEDS_VIDEO.test(req.model) && (req.mode !== 'reference' || req.referenceVideos.length === 0)) {
			issue(req.mode === 'reference' ? 'referenceVideos' : 'mode', `${req.model} only generates with reference videos: use Reference mode with at least one reference video, or pick ${req.model}_pro`);
		}

		// Prompt
		const prompt = req.prompt.trim();
		const needsPrompt = req.mode === 'text' || (provider === 'globalAiOpc' && !GLOBALAIOPC_15.test(req.model)) || provider === 'arkGateway' || provider === 'openaiVideos';
		if (needsPrompt && !prompt) issue('prompt', req.mode === 'text' ? 'is required for Text to Video' : `is required by ${info.label}`);
		const words = prompt ? prompt.split(/\s+/).length : 0;
		if (words > 1000) issue('prompt', `is ${words} words long; Seedance takes at most 1000 words`);
		const cjk = prompt.match(CJK)?.length ?? 0;
		if (cjk > 500) issue('prompt', `has ${cjk} Chinese/Japanese/Korean characters; Seedance takes at most 500`);

		// Media per mode: frames, references and drafts are mutually exclusive
		const refs = req.referenceImages.length + req.referenceVideos.length + req.referenceAudios.length;
		const frameMode = req.mode === 'firstFrame' || req.mode === 'firstLastFrame';
		if (frameMode) {
			if (!req.firstFrameImage) issue('firstFrameImage', `is required for ${modeLabel}`);
			if (req.mode === 'firstLastFrame' && !req.lastFrameImage) issue('lastFrameImage', 'is required for First and Last Frame');
			if (req.mode === 'firstFrame' && req.lastFrameImage) issue('lastFrameImage', 'needs mode First and Last Frame (a last frame needs a first frame)');
			if (refs > 0) issue(req.referenceImages.length ? 'referenceImages' : req.referenceVideos.length ? 'referenceVideos' : 'referenceAudios', 'cannot be combined with first/last frame images; frames and references are mutually exclusive');
		} else {
			if (req.lastFrameImage && !req.firstFrameImage) issue('lastFrameImage', 'needs a First Frame Image (a last frame needs a first frame)');
			else if (req.firstFrameImage || req.lastFrameImage) {
				issue(req.firstFrameImage ? 'firstFrameImage' : 'lastFrameImage', req.mode === 'reference' ? 'cannot be combined with references; frames and references are mutually exclusive' : `is not used by ${modeLabel}`);
			}
		}
		if (req.mode === 'reference') {
			const limits = family?.reference ?? { minImages: 0, maxImages: 9, maxVideos: 3, maxAudios: 3 };
			if (refs === 0) issue('referenceImages', 'Reference mode needs at least one reference image or video');
			if (req.referenceImages.length > limits.maxImages || (refs > 0 && req.referenceImages.length < limits.minImages)) {
				issue('referenceImages', `${what} takes ${limits.minImages === limits.maxImages ? limits.maxImages : `${Math.max(1, limits.minImages)}-${limits.maxImages}`} reference images, got ${req.referenceImages.length}`);
			}
			if (req.referenceVideos.length > limits.maxVideos) issue('referenceVideos', limits.maxVideos ? `${what} takes at most ${limits.maxVideos} reference videos (15 s in total), got ${req.referenceVideos.length}` : `${what} does not take reference videos`);
			if (req.referenceAudios.length > limits.maxAudios) issue('referenceAudios', limits.maxAudios ? `${what} takes at most ${limits.maxAudios} reference audios, got ${req.referenceAudios.length}` : `${what} does not take reference audios`);
			if (req.referenceAudios.length > 0 && req.referenceImages.length + req.referenceVideos.length === 0) issue('referenceAudios', 'cannot be used alone: add at least one reference image or video');
		} else if (refs > 0 && !frameMode) {
			issue(req.referenceImages.length ? 'referenceImages' : req.referenceVideos.length ? 'referenceVideos' : 'referenceAudios', `is only used in Reference mode, not ${modeLabel}`);
		}
		if (req.mode === 'draftRender') {
			if (!req.draftTaskId) issue('draftTaskId', 'is required: the ID of a succeeded draft task (created with Draft (Preview) on)');
		} else if (req.draftTaskId) issue('draftTaskId', 'is only used in Render a Draft mode');

		const media: Array<[string, string, 'image' | 'video' | 'audio']> = [
			['firstFrameImage', req.firstFrameImage, 'image'],
			['lastFrameImage', req.lastFrameImage, 'image'],
			...req.referenceImages.map((u): [string, string, 'image'] => ['referenceImages', u, 'image']),
			...req.referenceVideos.map((u): [string, string, 'video'] => ['referenceVideos', u, 'video']),
			...req.referenceAudios.map((u): [string, string, 'audio'] => ['referenceAudios', u, 'audio']),
		];
		for (const [path, value, kind] of media) {
			if (!value) continue;
			const problem = mediaUrlProblem(value, kind, provider);
			if (problem) issue(path, `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}" ${problem}`);
		}

		// Options: only those the model takes on this provider, within their ranges
		const allowed = allowedOptions(provider, req.model, req.mode);
		const o = req.options;
		for (const name of Object.keys(o) as OptionName[]) {
			if (o[name] === undefined || allowed.has(name)) continue;
			const reason =
				name === 'webSearch' && req.mode !== 'text' ? 'is only available for Text to Video' :
				name === 'cameraFixed' && req.mode === 'reference' ? 'is not available with reference images' :
				!PROVIDERS[provider].options.includes(name) ? `is not available on ${info.label}` :
				`is not available for ${what}`;
			issue(`options.${name}`, reason);
		}
		if (allowed.has('resolution') && o.resolution && family && !family.resolutions.includes(o.resolution)) {
			issue('options.resolution', `${o.resolution} is not available for ${family.label}; choose ${family.resolutions.join(' or ')}`);
		}
		if (allowed.has('duration') && o.duration !== undefined) {
			const range = durationRange(provider, req.model, family);
			const ok = (o.duration >= range.min && o.duration <= range.max) || (range.auto && o.duration === -1);
			if (!ok) issue('options.duration', `must be ${range.min}-${range.max}${range.auto ? ' or -1 (the model chooses)' : ''} seconds for ${what}${provider === 'globalAiOpc' || provider === 'openaiVideos' ? ` on ${info.label}` : ''}, got ${o.duration}`);
		}
		if (o.frames !== undefined && allowed.has('frames')) {
			if (o.frames < 29 || o.frames > 289 || (o.frames - 25) % 4 !== 0) issue('options.frames', `must be 25 + 4n between 29 and 289 (29, 33, … 289), got ${o.frames}`);
			if (o.duration !== undefined) issue('options.frames', 'cannot be combined with Duration; set one of them');
		}
		if (o.serviceTier === 'flex' && allowed.has('serviceTier') && o.draft) issue('options.serviceTier', 'flex cannot be combined with Draft (Preview)');
		if (o.ratio === 'adaptive' && provider === 'openaiVideos') issue('options.ratio', `adaptive is not available on ${info.label}; choose a fixed ratio`);
		if (o.draft && allowed.has('draft')) {
			if (o.resolution && o.resolution !== '480p') issue('options.resolution', 'drafts are 480p only; remove Resolution or set 480p');
			if (o.returnLastFrame) issue('options.returnLastFrame', 'is not available for drafts');
		}
	});
}

export type ValidationResult =
	| { ok: true; request: GenerationRequest }
	| { ok: false; issues: RuleIssue[] };

/** Checks a request read from the node's parameters; never throws. */
export function validateRequest(provider: ProviderId, input: unknown): ValidationResult {
	const parsed = requestSchemaFor(provider).safeParse(input);
	if (parsed.success) return { ok: true, request: parsed.data };
	return {
		ok: false,
		issues: parsed.error.issues.map((i) => {
			const path = i.path.filter((p) => typeof p === 'string').join('.');
			const field = FIELD_LABELS[path] ?? (path.startsWith('options.') ? path.slice(8) : path || 'Request');
			const message = i.code === 'unrecognized_keys' ? `unknown option(s) ${i.keys.join(', ')}` : i.message;
			return { path, field, message };
		}),
	};
}

/** One line per issue, for an error message. */
export function describeIssues(issues: RuleIssue[]): string {
	return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}

