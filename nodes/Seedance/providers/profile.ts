// What a provider profile says about its API. Each provider's own file exports one; catalog.ts
// assembles them. Validation, the editor and the model list read profiles, never provider names.

import type { Mode, ModelPreset } from '../request/models';
import type { OptionName } from '../request/options';

/** A provider's own limits for some of its model IDs (those its pattern matches). */
export interface ModelRule {
	/** Matches the model IDs the rule is about (as the user typed them). */
	pattern: string;
	/** Modes these models cannot do on this provider. */
	withoutModes?: readonly Mode[];
	/** Options these models do not take on this provider. */
	withoutOptions?: readonly OptionName[];
	/** A duration range of the provider's own, replacing the family's. */
	duration?: { min: number; max: number; auto: boolean };
	/** These models only generate with at least one reference video. */
	needsReferenceVideo?: boolean;
	/** The provider wants a prompt for these models in every mode. */
	promptAlways?: boolean;
	/** What to pick instead, for the error message. */
	advice?: string;
}

export interface ProviderProfile {
	label: string;
	defaultBaseUrl: string;
	/** Which client speaks its API. */
	flavour: 'ark' | 'globalAiOpc' | 'anyfast' | 'openaiVideos';
	canList: boolean;
	canCancel: boolean;
	/** Whether it posts task updates to a callback URL. */
	canCallBack: boolean;
	/** Where it lists the models it serves (a path under the base URL), if it does. */
	modelListPath?: string;
	/** Options its create endpoint documents (others are refused before sending). */
	options: readonly OptionName[];
	/** Modes its API can express at all, whatever the model. */
	modes: readonly Mode[];
	/** The models it documents, in its own names, for the model list. Any other ID can be typed. */
	models: readonly ModelPreset[];
	/** Model IDs only this provider uses (its short names), for the editor's display rules. */
	ownModelIds?: string;
	/** When set, only model IDs matching it exist on this provider (its model names are a closed set). */
	acceptsModels?: { pattern: string; names: string };
	modelRules?: readonly ModelRule[];
	/** How an image from the workflow's binary data is sent: a data URL, a multipart file part, or not at all. */
	binaryImages: 'dataUrl' | 'multipart' | 'none';
	/** The largest request body it takes, in bytes (images included). */
	maxRequestBytes: number;
	/** Whether images may be sent as data URLs (else public URLs or asset:// only). */
	dataUrls: boolean;
	/** It wants a prompt in every mode. */
	promptAlways: boolean;
	/** It cannot pass -1 (the model chooses the duration). */
	noAutoDuration?: boolean;
	/** Ratios it cannot express. */
	withoutRatios?: readonly string[];
	/** It wants the prompt as a top-level field too (Ark-compatible gateways). */
	topLevelPrompt?: boolean;
	/** What a user should know when picking it. */
	hint: string;
}

/** Ark's model names for every family, with a prefix per brand. */
export function arkPresets(prefix: string, newPrefix: string): ModelPreset[] {
	return [
		{ value: `${newPrefix}seedance-2-5-260628`, name: 'Seedance 2.5' },
		{ value: `${newPrefix}seedance-2-5-flash-261115`, name: 'Seedance 2.5 Flash' },
		{ value: `${newPrefix}seedance-2-0-260128`, name: 'Seedance 2.0' },
		{ value: `${newPrefix}seedance-2-0-fast-260128`, name: 'Seedance 2.0 Fast' },
		{ value: `${newPrefix}seedance-2-0-mini-260615`, name: 'Seedance 2.0 Mini' },
		{ value: `${prefix}seedance-1-5-pro-251215`, name: 'Seedance 1.5 Pro' },
		{ value: `${prefix}seedance-1-0-pro-250528`, name: 'Seedance 1.0 Pro' },
		{ value: `${prefix}seedance-1-0-pro-fast-251015`, name: 'Seedance 1.0 Pro Fast' },
		{ value: `${prefix}seedance-1-0-lite-t2v-250428`, name: 'Seedance 1.0 Lite (Text)' },
		{ value: `${prefix}seedance-1-0-lite-i2v-250428`, name: 'Seedance 1.0 Lite (Image)' },
	];
}
