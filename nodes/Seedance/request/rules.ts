// The canonical generation request and every rule about it, written once as zod schemas over the
// family table (models.ts) and the provider profiles (providers/*.ts). The node checks each item
// with these before any request is sent. A model the table does not know gets only the universal
// rules (types, URL forms, frames and references exclusive, a last frame needs a first).

import { z } from 'zod';
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import type { ModelRule, ProviderProfile } from '../providers/profile';
import { isHttpUrl, mediaUrlProblem, type MediaKind } from './media';
import { MODES, MODE_LABELS, RATIOS, RESOLUTIONS, VIDEO_MODES, familyOf, type Family, type Mode } from './models';
import type { OptionName } from './options';

export { mediaUrlProblem, type MediaKind } from './media';

/** What each field is called in the editor, for error messages. */
export const FIELD_LABELS: Record<string, string> = {
	mode: 'Mode',
	model: 'Model',
	prompt: 'Prompt',
	firstFrameImage: 'First Frame Image',
	lastFrameImage: 'Last Frame Image',
	sourceVideo: 'Source Video',
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

/** A value as a user would recognise it in an error ("got the number 3", "got an object"). */
function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
	if (typeof value === 'boolean') return `${value}`;
	return `an ${typeof value}`;
}

/** Error messages that name what was expected and what an expression gave instead. */
const expected = (what: string): z.ZodErrorMap => (issue, ctx) => {
	// Stryker disable next-line ConditionalExpression: every issue these schemas raise without a message of their own has one of these codes
	if (issue.code === 'invalid_type' || issue.code === 'invalid_enum_value') return { message: `must be ${what}, got ${describeValue(ctx.data)}` };
	// Stryker disable next-line ObjectLiteral: unreachable today, every other check on these schemas carries its own message
	return { message: ctx.defaultError };
};

const text = (what = 'text') => z.string({ errorMap: expected(what) });
const wholeNumber = (what = 'a whole number') => z.number({ errorMap: expected(what) }).int(`must be ${what}`);
const flag = () => z.boolean({ errorMap: expected('true or false') });
const oneOf = <T extends [string, ...string[]]>(values: T) => z.enum(values, { errorMap: expected(`one of ${values.join(', ')}`) });

const optionsSchema = z
	.object({
		resolution: oneOf([...RESOLUTIONS]),
		ratio: oneOf([...RATIOS]),
		duration: wholeNumber('a whole number of seconds').refine((v) => v === -1 || v >= 1, 'must be -1 (the model chooses) or at least 1 second'),
		frames: wholeNumber().min(1, 'must be at least 1'),
		seed: wholeNumber().min(-1, 'must be -1 (random) or more').max(4294967295, 'must be at most 4294967295'),
		cameraFixed: flag(),
		watermark: flag(),
		generateAudio: flag(),
		returnLastFrame: flag(),
		serviceTier: oneOf(['default', 'flex']),
		callbackUrl: text('an http(s) URL').refine(isHttpUrl, 'must be an http(s) URL'),
		webSearch: flag(),
		executionExpiresAfter: wholeNumber('a whole number of seconds')
			.min(3600, 'must be at least 3600 (1 hour)')
			.max(259200, 'must be at most 259200 (72 hours)'),
		draft: flag(),
	})
	.partial()
	.strict();

const urlList = () => z.array(text('a URL').trim(), { errorMap: expected('a list of URLs') }).default([]);

export const generationRequestSchema = z.object({
	mode: oneOf([...MODES]),
	model: text('a model ID (text)').trim().min(1, 'is required: pick a model from the list or enter a model ID'),
	prompt: text().default(''),
	firstFrameImage: text('a URL').trim().default(''),
	lastFrameImage: text('a URL').trim().default(''),
	sourceVideo: text('a URL').trim().default(''),
	referenceImages: urlList(),
	referenceVideos: urlList(),
	referenceAudios: urlList(),
	draftTaskId: text('a task ID').trim().regex(/^\S*$/, 'must be one task ID without spaces').default(''),
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

/** A provider's own rules that apply to a model ID. */
function modelRules(profile: ProviderProfile, model: string): ModelRule[] {
	return profile.modelRules?.filter((rule) => new RegExp(rule.pattern).test(model.trim())) ?? [];
}

/** The options a model accepts on a provider: the family's, narrowed by what the provider's API takes. */
export function allowedOptions(provider: ProviderId, model: string, mode?: Mode): Set<OptionName> {
	const profile = PROVIDERS[provider];
	const family = familyOf(model);
	const without = new Set<OptionName>(modelRules(profile, model).flatMap((r) => r.withoutOptions ?? []));
	let allowed = profile.options.filter((o) => (!family || family.options.includes(o)) && !without.has(o));
	if (mode === 'reference' || (mode && VIDEO_MODES.includes(mode))) allowed = allowed.filter((o) => o !== 'cameraFixed');
	if (mode !== undefined && mode !== 'text') allowed = allowed.filter((o) => o !== 'webSearch');
	if (mode === 'draftRender') allowed = allowed.filter((o) => o !== 'draft');
	return new Set(allowed);
}

/** The duration range a model accepts on a provider, or undefined when it is the provider's to decide. */
export function durationRange(provider: ProviderId, model: string, family: Family | undefined) {
	const profile = PROVIDERS[provider];
	const range = modelRules(profile, model).find((r) => r.duration)?.duration ?? family?.duration;
	if (!range) return undefined;
	return profile.noAutoDuration ? { ...range, auto: false } : { min: range.min, max: range.max, auto: range.auto };
}

/** Said in the output (`notes`): limits the node could not check, or a length the model will choose. */
export function limitsNotes(request: { model: string; options?: { duration?: number } }): { notes?: string } {
	const family = familyOf(request.model);
	if (!family) return { notes: `The node does not know the limits of model ${request.model.trim()} (durations, resolutions, reference counts): they were left to the provider.` };
	if (family.duration.default === -1 && request.options?.duration === undefined) {
		return { notes: `No duration was set, so ${family.label} chose the length itself (it may pick 10 s or more, and the cost follows the length). Set Duration to fix it.` };
	}
	return {};
}

const listIssue = (req: GenerationRequest) => (req.referenceImages.length ? 'referenceImages' : req.referenceVideos.length ? 'referenceVideos' : 'referenceAudios');

/** The schema of a request for one provider: shape, then every cross-field rule. */
export function requestSchemaFor(provider: ProviderId) {
	const profile = PROVIDERS[provider];
	return generationRequestSchema.superRefine((req, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: path.split('.'), message });
		const family = familyOf(req.model);
		const rules = modelRules(profile, req.model);
		// Stryker disable next-line StringLiteral: no message names a model without a family (their limits need one)
		const what = family ? family.label : `model ${req.model}`;
		const modeLabel = MODE_LABELS[req.mode];
		const videoMode = VIDEO_MODES.includes(req.mode);

		// Mode and model
		if (!profile.modes.includes(req.mode)) {
			issue('mode', `${modeLabel} is not available on ${profile.label}; it supports ${profile.modes.map((m) => MODE_LABELS[m]).join(', ')}`);
			return;
		}
		if (family && !family.modes.includes(req.mode)) {
			issue('mode', `${family.label} does not support ${modeLabel}; it supports ${family.modes.map((m) => MODE_LABELS[m]).join(', ')}`);
			return;
		}
		if (profile.acceptsModels && !new RegExp(profile.acceptsModels.pattern).test(req.model)) {
			issue('model', `${req.model} is not a ${profile.label} model; use ${profile.acceptsModels.names}`);
			return;
		}
		for (const rule of rules) {
			// Stryker disable next-line StringLiteral,ConditionalExpression: unreachable with today's profiles, the family check above already refuses these modes
			if (rule.withoutModes?.includes(req.mode)) issue('mode', `${what} on ${profile.label} does not support ${modeLabel}`);
			if (rule.needsReferenceVideo && (req.mode !== 'reference' || req.referenceVideos.length === 0)) {
				// Stryker disable next-line StringLiteral: unreachable with today's profiles, every rule that needs a reference video gives advice
				const advice = rule.advice ? `, or ${rule.advice}` : '';
				issue(req.mode === 'reference' ? 'referenceVideos' : 'mode', `${req.model} only generates with reference videos: use Reference mode with at least one reference video${advice}`);
			}
		}

		// Prompt
		const prompt = req.prompt.trim();
		const needsPrompt = req.mode === 'text' || profile.promptAlways || rules.some((r) => r.promptAlways);
		if (needsPrompt && !prompt) issue('prompt', req.mode === 'text' ? 'is required for Text to Video' : `is required by ${profile.label}`);
		const limits = family?.prompt ?? {};
		const words = prompt ? prompt.split(/\s+/).length : 0;
		if (limits.maxWords && words > limits.maxWords) issue('prompt', `is ${words} words long; ${what} takes at most ${limits.maxWords} words`);
		const cjk = prompt.match(CJK)?.length ?? 0;
		if (limits.maxCjk && cjk > limits.maxCjk) issue('prompt', `has ${cjk} Chinese/Japanese/Korean characters; ${what} takes at most ${limits.maxCjk}`);
		if (limits.maxCharacters && prompt.length > limits.maxCharacters) issue('prompt', `is ${prompt.length} characters long; ${what} takes at most ${limits.maxCharacters}`);

		// Media per mode: frames, references, source videos and drafts are mutually exclusive
		const refs = req.referenceImages.length + req.referenceVideos.length + req.referenceAudios.length;
		const frameMode = req.mode === 'firstFrame' || req.mode === 'firstLastFrame';
		if (frameMode) {
			if (!req.firstFrameImage) issue('firstFrameImage', `is required for ${modeLabel}`);
			if (req.mode === 'firstLastFrame' && !req.lastFrameImage) issue('lastFrameImage', 'is required for First and Last Frame');
			if (req.mode === 'firstFrame' && req.lastFrameImage) issue('lastFrameImage', 'needs mode First and Last Frame (a last frame needs a first frame)');
			if (refs > 0) issue(listIssue(req), 'cannot be combined with first/last frame images; frames and references are mutually exclusive');
		} else {
			if (req.lastFrameImage && !req.firstFrameImage) issue('lastFrameImage', 'needs a First Frame Image (a last frame needs a first frame)');
			else if (req.firstFrameImage) {
				issue('firstFrameImage', req.mode === 'reference' || videoMode ? 'cannot be combined with references; frames and references are mutually exclusive' : `is not used by ${modeLabel}`);
			}
		}
		if (videoMode) {
			if (!req.sourceVideo) issue('sourceVideo', `is required for ${modeLabel}: the video to ${req.mode === 'editVideo' ? 'edit' : 'extend'}`);
			if (req.referenceVideos.length) issue('referenceVideos', `is only used in Reference mode; ${modeLabel} takes one Source Video`);
		} else if (req.sourceVideo) issue('sourceVideo', `is only used in ${MODE_LABELS.editVideo} and ${MODE_LABELS.extendVideo}`);
		if (req.mode === 'reference' || videoMode) {
			const r = family?.reference;
			const videos = req.referenceVideos.length + (videoMode ? 1 : 0);
			const total = refs + (videoMode ? 1 : 0);
			if (req.mode === 'reference' && refs === 0) issue('referenceImages', 'Reference mode needs at least one reference image, video or audio');
			if (r) {
				const images = req.referenceImages.length;
				if (images > r.maxImages || (total > 0 && images < r.minImages)) {
					// Stryker disable next-line ConditionalExpression: unreachable with today's models, no family that takes references needs as many images as it takes at most
					const range = r.minImages === r.maxImages ? r.maxImages : `${Math.max(1, r.minImages)}-${r.maxImages}`;
					issue('referenceImages', `${what} takes ${range} reference images, got ${images}`);
				}
				if (r.maxVideos !== undefined && videos > r.maxVideos) issue(videoMode ? 'sourceVideo' : 'referenceVideos', r.maxVideos ? `${what} takes at most ${r.maxVideos} reference videos, got ${videos}` : `${what} does not take reference videos`);
				if (r.maxAudios !== undefined && req.referenceAudios.length > r.maxAudios) issue('referenceAudios', r.maxAudios ? `${what} takes at most ${r.maxAudios} reference audios, got ${req.referenceAudios.length}` : `${what} does not take reference audios`);
				// Stryker disable next-line ConditionalExpression: unreachable with today's models, a family whose limit is 0 has no reference or video mode
				if (r.maxTotal && total > r.maxTotal) issue(listIssue(req), `${what} takes at most ${r.maxTotal} reference files in all (images, videos and audios), got ${total}`);
				if (!r.audioAlone && req.referenceAudios.length > 0 && images + videos === 0) issue('referenceAudios', `cannot be used alone with ${what}: add at least one reference image or video`);
			}
		} else if (refs > 0 && !frameMode) {
			issue(listIssue(req), `is only used in Reference mode, not ${modeLabel}`);
		}
		if (req.mode === 'draftRender') {
			if (!req.draftTaskId) issue('draftTaskId', 'is required: the ID of a succeeded draft task (created with Draft (Preview) on)');
		} else if (req.draftTaskId) issue('draftTaskId', 'is only used in Render a Draft mode');

		const media: Array<[string, string, MediaKind]> = [
			['firstFrameImage', req.firstFrameImage, 'image'],
			['lastFrameImage', req.lastFrameImage, 'image'],
			['sourceVideo', req.sourceVideo, 'video'],
			...req.referenceImages.map((u): [string, string, MediaKind] => ['referenceImages', u, 'image']),
			...req.referenceVideos.map((u): [string, string, MediaKind] => ['referenceVideos', u, 'video']),
			...req.referenceAudios.map((u): [string, string, MediaKind] => ['referenceAudios', u, 'audio']),
		];
		for (const [path, value, kind] of media) {
			if (!value) continue;
			const problem = mediaUrlProblem(value, kind, profile);
			if (problem) issue(path, `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}" ${problem}`);
		}

		// Options: only those the model takes on this provider, within their ranges
		const allowed = allowedOptions(provider, req.model, req.mode);
		const o = req.options;
		for (const name of Object.keys(o) as OptionName[]) {
			if (o[name] === undefined || allowed.has(name)) continue;
			const reason =
				name === 'webSearch' && req.mode !== 'text' ? 'is only available for Text to Video' :
				name === 'cameraFixed' && req.mode !== 'text' && !frameMode ? `is not available in ${modeLabel}` :
				!profile.options.includes(name) ? `is not available on ${profile.label}` :
				// Stryker disable next-line OptionalChaining: with today's profiles every rule matched here names withoutOptions
				`is not available for ${what}${rules.some((r) => r.withoutOptions?.includes(name)) ? ` on ${profile.label}` : ''}`;
			issue(`options.${name}`, reason);
		}
		if (allowed.has('resolution') && o.resolution && family?.resolutions && !family.resolutions.includes(o.resolution)) {
			issue('options.resolution', `${o.resolution} is not available for ${family.label}; choose ${family.resolutions.join(' or ')}`);
		}
		const modeRatios = family?.ratioByMode?.[req.mode];
		if (o.ratio && profile.withoutRatios?.includes(o.ratio)) issue('options.ratio', `${o.ratio} is not available on ${profile.label}; choose a fixed ratio`);
		else if (o.ratio && modeRatios && !modeRatios.includes(o.ratio)) issue('options.ratio', `must be ${modeRatios.join(' or ')} for ${what} in ${modeLabel}, got ${o.ratio}`);
		if (allowed.has('duration') && o.duration !== undefined) {
			const range = durationRange(provider, req.model, family);
			const modeDurations = family?.durationByMode?.[req.mode];
			if (modeDurations && !modeDurations.includes(o.duration)) {
				issue('options.duration', `must be ${modeDurations.join(' or ')} for ${what} in ${modeLabel} (the result keeps the source video's length), got ${o.duration}`);
			} else if (range) {
				const ok = (o.duration >= range.min && o.duration <= range.max) || (range.auto && o.duration === -1);
				const own = rules.some((r) => r.duration) || profile.noAutoDuration;
				if (!ok) issue('options.duration', `must be ${range.min}-${range.max}${range.auto ? ' or -1 (the model chooses)' : ''} seconds for ${what}${own ? ` on ${profile.label}` : ''}, got ${o.duration}`);
			}
		}
		if (o.frames !== undefined && allowed.has('frames')) {
			if (family && (o.frames < 29 || o.frames > 289 || (o.frames - 25) % 4 !== 0)) issue('options.frames', `must be 25 + 4n between 29 and 289 (29, 33, … 289), got ${o.frames}`);
			if (o.duration !== undefined) issue('options.frames', 'cannot be combined with Duration; set one of them');
		}
		if (o.serviceTier === 'flex' && allowed.has('serviceTier') && o.draft) issue('options.serviceTier', 'flex cannot be combined with Draft (Preview)');
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
			// Every path the schema can name has a label; the request itself (path '') is "Request".
			const field = FIELD_LABELS[path] ?? (path || 'Request');
			const message = i.code === 'unrecognized_keys' ? `unknown option(s) ${i.keys.join(', ')}` : i.message;
			return { path, field, message };
		}),
	};
}

/** One line per issue, for an error message. */
export function describeIssues(issues: RuleIssue[]): string {
	return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}
