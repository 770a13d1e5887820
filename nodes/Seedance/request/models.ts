// The Seedance model families and what each accepts, as data with a source per fact. Validation
// (rules.ts), the editor's display rules (fields.ts), the model list (methods/) and the wait schedule
// read this table and the provider profiles (providers/*.ts), nothing else. Where sources disagree
// a limit is left out (undefined): then the provider decides, as for a model we do not know.

import type { OptionName } from './options';

export const MODES = ['text', 'firstFrame', 'firstLastFrame', 'reference', 'draftRender', 'editVideo', 'extendVideo'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_LABELS: Record<Mode, string> = {
	text: 'Text to Video',
	firstFrame: 'Image to Video (First Frame)',
	firstLastFrame: 'First and Last Frame',
	reference: 'Reference (Images, Videos, Audios)',
	draftRender: 'Render a Draft',
	editVideo: 'Edit a Video',
	extendVideo: 'Extend a Video',
};

/** Modes whose input is a source video (edit or extend it). */
export const VIDEO_MODES: readonly Mode[] = ['editVideo', 'extendVideo'];

export const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const;
export const RESOLUTIONS = ['480p', '720p', '1080p', '4k'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export type FamilyId =
	| '2.5'
	| '2.5-flash'
	| '2.0'
	| '2.0-fast'
	| '2.0-mini'
	| '1.5-pro'
	| '1.0-pro'
	| '1.0-pro-fast'
	| '1.0-lite-t2v'
	| '1.0-lite-i2v';

export interface ReferenceLimits {
	minImages: number;
	maxImages: number;
	maxVideos?: number;
	maxAudios?: number;
	/** Images, videos and audios together. */
	maxTotal?: number;
	/** Whether reference audio may be sent without an image or a video. */
	audioAlone: boolean;
}

export interface Family {
	id: FamilyId;
	label: string;
	/** Matches the family's model IDs as every provider spells them (lower case; - or _). */
	pattern: string;
	modes: readonly Mode[];
	/** `auto`: -1 lets the model choose; `default`: what the model does when no duration is sent. */
	duration: { min: number; max: number; auto: boolean; default: number };
	/** Undefined where sources disagree: the provider decides. */
	resolutions?: readonly Resolution[];
	/** Ratios a mode requires (e.g. `adaptive` for frames on 2.5). */
	ratioByMode?: Partial<Record<Mode, readonly (typeof RATIOS)[number][]>>;
	/** Durations a mode requires (an edit keeps the source's length: -1 only). */
	durationByMode?: Partial<Record<Mode, readonly number[]>>;
	/** Options the family takes (before the provider narrows them). */
	options: readonly OptionName[];
	reference: ReferenceLimits;
	prompt: { maxWords?: number; maxCjk?: number; maxCharacters?: number };
	/** How an edit or extend is told apart from a reference generation in an Ark body. */
	videoTask?: 'referenceContent' | 'taskType';
	/** Typical generation time in seconds (provider pages), for the wait schedule. */
	typicalSeconds: readonly [number, number];
	/** Where each fact comes from. */
	sources: Readonly<Record<string, string>>;
}

const COMMON: readonly OptionName[] = ['resolution', 'ratio', 'duration', 'seed', 'watermark', 'returnLastFrame', 'callbackUrl', 'executionExpiresAfter'];
const V1_OPTIONS: readonly OptionName[] = [...COMMON, 'frames', 'cameraFixed', 'serviceTier'];
const NO_REFERENCES: ReferenceLimits = { minImages: 0, maxImages: 0, maxVideos: 0, maxAudios: 0, maxTotal: 0, audioAlone: false };
const V1_PROMPT = { maxWords: 1000, maxCjk: 500 };

const ARK_API = 'Ark API reference, video generation (docs.byteplus.com/docs/ModelArk/1520757), early 2026';
const ARK_20 = 'Ark Seedance 2.0 guide (docs.byteplus.com/docs/ModelArk/2291680); 12 files in all: help.geelark.com Seedance 2.0 manual';
const COMFY_090 = 'BytePlus ComfyUI ModelArk node v0.9.0 release notes (github.com/byteplus-sa/ComfyUI-BytePlus-ModelArk, 13 Nov 2026)';
const APIYI_25 = 'apiyi Seedance 2.5 notes (docs.apiyi.com/faq/seedance2-reference-vs-edit; /live/2026-10/seedance2-draft-mode)';
const USEAPI_25 = 'useapi.net Seedance 2.5 launch notes (useapi.net/blog/260807, Aug 2026)';
const PIAPI_25 = 'PiAPI Seedance 2.5 edit/extend guide (piapi.ai/blogs/seedance-2-5-video-edit-extend-requests)';
const MINI = 'issue 10 (Anyfast seedance-2-0-mini page); scenario.com Seedance essentials (4-15 s); wavespeed.ai Seedance 2.0 Mini (edit, extend)';

const V20_MODES: readonly Mode[] = ['text', 'firstFrame', 'firstLastFrame', 'reference', 'editVideo', 'extendVideo'];
const V20_REFERENCE: ReferenceLimits = { minImages: 0, maxImages: 9, maxVideos: 3, maxAudios: 3, maxTotal: 12, audioAlone: false };
const V20_SOURCES = {
	modes: `${ARK_20}; edit and extend as reference content: wavespeed.ai Seedance 2.0 Video Edit/Extend`,
	duration: ARK_20,
	reference: ARK_20,
	prompt: ARK_API,
	options: ARK_API,
};
const V25_REFERENCE: ReferenceLimits = { minImages: 0, maxImages: 30, maxVideos: 10, maxAudios: 10, maxTotal: 50, audioAlone: true };
const V25_PROMPT = { maxCharacters: 15000 };

export const FAMILIES: readonly Family[] = [
	{
		id: '2.5-flash',
		label: 'Seedance 2.5 Flash',
		pattern: 'seedance[-_]2[-_]5[-_]flash',
		modes: ['text', 'firstFrame', 'firstLastFrame', 'reference', 'editVideo', 'extendVideo'],
		duration: { min: 4, max: 30, auto: true, default: -1 },
		resolutions: ['480p', '720p'],
		ratioByMode: { firstFrame: ['adaptive'], firstLastFrame: ['adaptive'], editVideo: ['adaptive'] },
		durationByMode: { editVideo: [-1] },
		options: [...COMMON, 'generateAudio'],
		reference: V25_REFERENCE,
		prompt: V25_PROMPT,
		videoTask: 'taskType',
		typicalSeconds: [60, 240],
		sources: {
			modes: `${COMFY_090} (text, first-last frame, reference; no draft); edit/extend: ${APIYI_25}`,
			duration: COMFY_090,
			resolutions: COMFY_090,
			reference: COMFY_090,
			ratioByMode: `issue 10; ${APIYI_25}`,
			durationByMode: PIAPI_25,
			prompt: USEAPI_25,
		},
	},
	{
		id: '2.5',
		label: 'Seedance 2.5',
		pattern: 'seedance[-_]2[-_]5(?![-_]flash)',
		modes: ['text', 'firstFrame', 'firstLastFrame', 'reference', 'draftRender', 'editVideo', 'extendVideo'],
		duration: { min: 4, max: 30, auto: true, default: -1 },
		resolutions: ['480p', '720p', '1080p', '4k'],
		ratioByMode: { firstFrame: ['adaptive'], firstLastFrame: ['adaptive'], editVideo: ['adaptive'] },
		durationByMode: { editVideo: [-1] },
		options: [...COMMON, 'generateAudio', 'draft'],
		reference: V25_REFERENCE,
		prompt: V25_PROMPT,
		videoTask: 'taskType',
		typicalSeconds: [120, 600],
		sources: {
			modes: `${COMFY_090}; draft: ${APIYI_25}; edit/extend via omni_reference_task_type: ${APIYI_25}, ${PIAPI_25}`,
			duration: `${USEAPI_25}; default -1: issue 10, ${APIYI_25}`,
			resolutions: `${COMFY_090} (4K on BytePlus since Nov 2026)`,
			reference: `${USEAPI_25} (30/10/10, 50 in all); audio alone: docs.comfy.org ByteDance2ReferenceNodeV2`,
			ratioByMode: `issue 10; ${APIYI_25}`,
			durationByMode: `${APIYI_25}; ${PIAPI_25}`,
			prompt: USEAPI_25,
		},
	},
	{
		id: '2.0-mini',
		label: 'Seedance 2.0 Mini',
		pattern: 'seedance[-_]2[-_]0[-_]mini|^seedance-mini$',
		modes: V20_MODES,
		duration: { min: 4, max: 15, auto: true, default: 5 },
		// 480p/720p (issue 10, scenario.com) against 480p-4k (wavespeed.ai): left to the provider.
		resolutions: undefined,
		options: [...COMMON, 'generateAudio'],
		// 3 videos (2.0 toolkit) against 9 (wavespeed.ai) and none (piapi): left to the provider.
		reference: { minImages: 0, maxImages: 9, maxAudios: 3, audioAlone: false },
		prompt: V1_PROMPT,
		videoTask: 'referenceContent',
		typicalSeconds: [60, 180],
		sources: { modes: MINI, duration: MINI, reference: `${MINI}; piapi lists no video refs`, prompt: ARK_API },
	},
	{
		id: '2.0-fast',
		label: 'Seedance 2.0 Fast',
		pattern: 'seedance[-_]2[-_]0[-_]fast|^seedance[-_]fast$',
		modes: V20_MODES,
		duration: { min: 4, max: 15, auto: true, default: 5 },
		resolutions: ['480p', '720p'],
		options: [...COMMON, 'generateAudio', 'webSearch'],
		reference: V20_REFERENCE,
		prompt: V1_PROMPT,
		videoTask: 'referenceContent',
		typicalSeconds: [60, 180],
		sources: { ...V20_SOURCES, resolutions: ARK_20 },
	},
	{
		id: '2.0',
		label: 'Seedance 2.0',
		pattern: 'seedance[-_]2[-_]0(?![-_](?:fast|mini))|^seedance$',
		modes: V20_MODES,
		duration: { min: 4, max: 15, auto: true, default: 5 },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'generateAudio', 'webSearch'],
		reference: V20_REFERENCE,
		prompt: V1_PROMPT,
		videoTask: 'referenceContent',
		typicalSeconds: [120, 300],
		sources: { ...V20_SOURCES, resolutions: ARK_20 },
	},
	{
		id: '1.5-pro',
		label: 'Seedance 1.5 Pro',
		pattern: 'seedance[-_]1[-_]5[-_]pro',
		modes: ['text', 'firstFrame', 'firstLastFrame', 'draftRender'],
		duration: { min: 4, max: 12, auto: true, default: 5 },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'cameraFixed', 'generateAudio', 'serviceTier', 'draft'],
		reference: NO_REFERENCES,
		prompt: V1_PROMPT,
		typicalSeconds: [180, 480],
		sources: { all: ARK_API },
	},
	{
		id: '1.0-pro-fast',
		label: 'Seedance 1.0 Pro Fast',
		pattern: 'seedance[-_]1[-_]0[-_]pro[-_]fast',
		modes: ['text', 'firstFrame'],
		duration: { min: 2, max: 12, auto: false, default: 5 },
		resolutions: ['480p', '720p', '1080p'],
		options: V1_OPTIONS,
		reference: NO_REFERENCES,
		prompt: V1_PROMPT,
		typicalSeconds: [60, 180],
		sources: { all: ARK_API },
	},
	{
		id: '1.0-pro',
		label: 'Seedance 1.0 Pro',
		pattern: 'seedance[-_]1[-_]0[-_]pro(?![-_]fast)',
		modes: ['text', 'firstFrame', 'firstLastFrame'],
		duration: { min: 2, max: 12, auto: false, default: 5 },
		resolutions: ['480p', '720p', '1080p'],
		options: V1_OPTIONS,
		reference: NO_REFERENCES,
		prompt: V1_PROMPT,
		typicalSeconds: [120, 300],
		sources: { all: ARK_API },
	},
	{
		id: '1.0-lite-t2v',
		label: 'Seedance 1.0 Lite (Text)',
		pattern: 'seedance[-_]1[-_]0[-_]lite[-_]t2v',
		modes: ['text'],
		duration: { min: 2, max: 12, auto: false, default: 5 },
		resolutions: ['480p', '720p', '1080p'],
		options: V1_OPTIONS,
		reference: NO_REFERENCES,
		prompt: V1_PROMPT,
		typicalSeconds: [60, 180],
		sources: { all: ARK_API },
	},
	{
		id: '1.0-lite-i2v',
		label: 'Seedance 1.0 Lite (Image)',
		pattern: 'seedance[-_]1[-_]0[-_]lite[-_]i2v',
		modes: ['firstFrame', 'firstLastFrame', 'reference'],
		duration: { min: 2, max: 12, auto: false, default: 5 },
		resolutions: ['480p', '720p', '1080p'],
		options: V1_OPTIONS,
		reference: { minImages: 1, maxImages: 4, maxVideos: 0, maxAudios: 0, maxTotal: 4, audioAlone: false },
		prompt: V1_PROMPT,
		typicalSeconds: [60, 180],
		sources: { all: ARK_API },
	},
];

/** Generation time assumed for a model we cannot place (an endpoint ID, a new model). */
export const UNKNOWN_TYPICAL_SECONDS: readonly [number, number] = [60, 600];

/** The longest duration any known family takes, for the editor's number field. */
export const MAX_DURATION = Math.max(...FAMILIES.map((f) => f.duration.max));

export function familyOf(model: string): Family | undefined {
	const id = model.trim().toLowerCase();
	return FAMILIES.find((family) => new RegExp(family.pattern).test(id));
}

/** A family's pattern, for editor display rules (which test the raw parameter value). */
export function patternOf(families: readonly Family[]): string {
	return families.map((f) => `(?:${f.pattern})`).join('|');
}

export interface ModelPreset {
	value: string;
	name: string;
	description?: string;
}
