// The Seedance model families and what each accepts. This table is the one place these facts live:
// validation (rules.ts), the model lists (methods/), the fields the editor shows (fields.ts) and the
// wait schedule (expected generation time) all read it.

import type { OptionName, ProviderId } from '../providers/catalog';

export const MODES = ['text', 'firstFrame', 'firstLastFrame', 'reference', 'draftRender'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_LABELS: Record<Mode, string> = {
	text: 'Text to Video',
	firstFrame: 'Image to Video (First Frame)',
	firstLastFrame: 'First and Last Frame',
	reference: 'Reference (Images, Videos, Audios)',
	draftRender: 'Render a Draft',
};

export const RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const;
export const RESOLUTIONS = ['480p', '720p', '1080p'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export type FamilyId =
	| '2.0'
	| '2.0-fast'
	| '1.5-pro'
	| '1.0-pro'
	| '1.0-pro-fast'
	| '1.0-lite-t2v'
	| '1.0-lite-i2v';

export interface Family {
	id: FamilyId;
	label: string;
	/** Matches the family's model IDs as every provider spells them (lower case; - or _). */
	pattern: string;
	modes: readonly Mode[];
	duration: { min: number; max: number; auto: boolean };
	resolutions: readonly Resolution[];
	/** Options the family takes (before the provider narrows them). */
	options: readonly OptionName[];
	reference: { minImages: number; maxImages: number; maxVideos: number; maxAudios: number };
	/** Typical generation time in seconds (provider pages), for the wait schedule. */
	typicalSeconds: readonly [number, number];
}

const COMMON: readonly OptionName[] = ['resolution', 'ratio', 'duration', 'seed', 'watermark', 'returnLastFrame', 'callbackUrl', 'executionExpiresAfter'];

export const FAMILIES: readonly Family[] = [
	{
		id: '2.0-fast',
		label: 'Seedance 2.0 Fast',
		pattern: 'seedance[-_]2[-_]0[-_]fast|^seedance[-_]fast$',
		modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'],
		duration: { min: 4, max: 15, auto: true },
		resolutions: ['480p', '720p'],
		options: [...COMMON, 'generateAudio', 'webSearch'],
		reference: { minImages: 0, maxImages: 9, maxVideos: 3, maxAudios: 3 },
		typicalSeconds: [60, 180],
	},
	{
		id: '2.0',
		label: 'Seedance 2.0',
		pattern: 'seedance[-_]2[-_]0(?![-_]fast)|^seedance$',
		modes: ['text', 'firstFrame', 'firstLastFrame', 'reference'],
		duration: { min: 4, max: 15, auto: true },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'generateAudio', 'webSearch'],
		reference: { minImages: 0, maxImages: 9, maxVideos: 3, maxAudios: 3 },
		typicalSeconds: [120, 300],
	},
	{
		id: '1.5-pro',
		label: 'Seedance 1.5 Pro',
		pattern: 'seedance[-_]1[-_]5[-_]pro',
		modes: ['text', 'firstFrame', 'firstLastFrame', 'draftRender'],
		duration: { min: 4, max: 12, auto: true },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'cameraFixed', 'generateAudio', 'serviceTier', 'draft'],
		reference: { minImages: 0, maxImages: 0, maxVideos: 0, maxAudios: 0 },
		typicalSeconds: [180, 480],
	},
	{
		id: '1.0-pro-fast',
		label: 'Seedance 1.0 Pro Fast',
		pattern: 'seedance[-_]1[-_]0[-_]pro[-_]fast',
		modes: ['text', 'firstFrame'],
		duration: { min: 2, max: 12, auto: false },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'frames', 'cameraFixed', 'serviceTier'],
		reference: { minImages: 0, maxImages: 0, maxVideos: 0, maxAudios: 0 },
		typicalSeconds: [60, 180],
	},
	{
		id: '1.0-pro',
		label: 'Seedance 1.0 Pro',
		pattern: 'seedance[-_]1[-_]0[-_]pro(?![-_]fast)',
		modes: ['text', 'firstFrame', 'firstLastFrame'],
		duration: { min: 2, max: 12, auto: false },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'frames', 'cameraFixed', 'serviceTier'],
		reference: { minImages: 0, maxImages: 0, maxVideos: 0, maxAudios: 0 },
		typicalSeconds: [120, 300],
	},
	{
		id: '1.0-lite-t2v',
		label: 'Seedance 1.0 Lite (Text)',
		pattern: 'seedance[-_]1[-_]0[-_]lite[-_]t2v',
		modes: ['text'],
		duration: { min: 2, max: 12, auto: false },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'frames', 'cameraFixed', 'serviceTier'],
		reference: { minImages: 0, maxImages: 0, maxVideos: 0, maxAudios: 0 },
		typicalSeconds: [60, 180],
	},
	{
		id: '1.0-lite-i2v',
		label: 'Seedance 1.0 Lite (Image)',
		pattern: 'seedance[-_]1[-_]0[-_]lite[-_]i2v',
		modes: ['firstFrame', 'firstLastFrame', 'reference'],
		duration: { min: 2, max: 12, auto: false },
		resolutions: ['480p', '720p', '1080p'],
		options: [...COMMON, 'frames', 'cameraFixed', 'serviceTier'],
		reference: { minImages: 1, maxImages: 4, maxVideos: 0, maxAudios: 0 },
		typicalSeconds: [60, 180],
	},
];

/** Generation time assumed for a model we cannot place (an endpoint ID, a new model). */
export const UNKNOWN_TYPICAL_SECONDS: readonly [number, number] = [60, 480];

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

function arkPresets(prefix: string, twoZeroPrefix: string): ModelPreset[] {
	return [
		{ value: `${twoZeroPrefix}seedance-2-0-260128`, name: 'Seedance 2.0' },
		{ value: `${twoZeroPrefix}seedance-2-0-fast-260128`, name: 'Seedance 2.0 Fast' },
		{ value: `${prefix}seedance-1-5-pro-251215`, name: 'Seedance 1.5 Pro' },
		{ value: `${prefix}seedance-1-0-pro-250528`, name: 'Seedance 1.0 Pro' },
		{ value: `${prefix}seedance-1-0-pro-fast-251015`, name: 'Seedance 1.0 Pro Fast' },
		{ value: `${prefix}seedance-1-0-lite-t2v-250428`, name: 'Seedance 1.0 Lite (Text)' },
		{ value: `${prefix}seedance-1-0-lite-i2v-250428`, name: 'Seedance 1.0 Lite (Image)' },
	];
}

const DOUBAO = arkPresets('doubao-', 'doubao-');

/** The models each provider documents, for the model list. A free-text model ID is always possible. */
export const MODEL_PRESETS: Record<ProviderId, ModelPreset[]> = {
	byteplus: arkPresets('', 'dreamina-'),
	volcengine: DOUBAO,
	arkGateway: DOUBAO,
	openaiVideos: DOUBAO,
	anyfast: [
		{ value: 'seedance', name: 'Seedance 2.0' },
		{ value: 'seedance-fast', name: 'Seedance 2.0 Fast' },
		...DOUBAO.filter((m) => !m.value.includes('2-0')),
	],
	globalAiOpc: [
		{ value: 'seedance_2_0_pro', name: 'Seedance 2.0 Pro' },
		{ value: 'seedance_2_0_fast_pro', name: 'Seedance 2.0 Fast Pro' },
		{ value: 'seedance_2_0', name: 'Seedance 2.0 (Needs Reference Videos)', description: 'Only generates with reference videos' },
		{ value: 'seedance_2_0_fast', name: 'Seedance 2.0 Fast (Needs Reference Videos)', description: 'Only generates with reference videos' },
		{ value: 'seedance_1_5_pro_720p', name: 'Seedance 1.5 Pro 720p' },
		{ value: 'seedance_1_5_pro_1080p', name: 'Seedance 1.5 Pro 1080p' },
		{ value: 'seedance_1_5_pro_480p', name: 'Seedance 1.5 Pro 480p' },
	],
};

/** Modes a provider's API can express at all, whatever the model. */
export const PROVIDER_MODES: Record<ProviderId, readonly Mode[]> = {
	byteplus: MODES,
	volcengine: MODES,
	arkGateway: MODES,
	anyfast: MODES,
	globalAiOpc: ['text', 'firstFrame', 'firstLastFrame', 'reference'],
	openaiVideos: ['text', 'firstFrame'],
};

/** GlobalAiOpc's two 2.0 models that only generate with reference videos. */
export const GLOBALAIOPC_NEEDS_VIDEO = /^seedance_2_0(_fast)?$/;
/** GlobalAiOpc's 1.5 models: resolution is part of the model name, and the 1.5 route is Ark-style. */
export const GLOBALAIOPC_15 = /^seedance_1_5_pro_(480p|720p|1080p)$/;
