// Every provider the credential can point at: how to reach it and what its API can do.

export const PROVIDER_IDS = [
	'byteplus',
	'volcengine',
	'arkGateway',
	'globalAiOpc',
	'anyfast',
	'openaiVideos',
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

/** The request option names of the canonical request, as the node's Options collection names them. */
export const OPTION_NAMES = [
	'resolution',
	'ratio',
	'duration',
	'frames',
	'seed',
	'cameraFixed',
	'watermark',
	'generateAudio',
	'returnLastFrame',
	'serviceTier',
	'callbackUrl',
	'webSearch',
	'executionExpiresAfter',
	'draft',
] as const;

export type OptionName = (typeof OPTION_NAMES)[number];

export interface ProviderInfo {
	label: string;
	defaultBaseUrl: string;
	/** Which client speaks its API. */
	flavour: 'ark' | 'globalAiOpc' | 'anyfast' | 'openaiVideos';
	canList: boolean;
	canCancel: boolean;
	/** Whether it POSTs the task to the create's callback_url on each status change (Ark itself only). */
	callsBack: boolean;
	/** Options its create endpoint documents (others are rejected before sending). */
	options: readonly OptionName[];
	/** What a user should know when picking it. */
	hint: string;
}

const ARK_OPTIONS = OPTION_NAMES;

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
	byteplus: {
		label: 'BytePlus ModelArk',
		defaultBaseUrl: 'https://ark.ap-southeast.bytepluses.com/api/v3',
		flavour: 'ark',
		canList: true,
		canCancel: true,
		callsBack: true,
		options: ARK_OPTIONS,
		hint: 'Official international API. Model IDs look like dreamina-seedance-2-0-260128 or an endpoint ID ep-….',
	},
	volcengine: {
		label: 'Volcengine Ark',
		defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
		flavour: 'ark',
		canList: true,
		canCancel: true,
		callsBack: true,
		options: ARK_OPTIONS,
		hint: 'Official China API. Model IDs look like doubao-seedance-2-0-260128 or an endpoint ID ep-….',
	},
	arkGateway: {
		label: 'Ark-Compatible Gateway',
		defaultBaseUrl: 'https://api.aiid.edu.kg/api/v3',
		flavour: 'ark',
		canList: false,
		canCancel: false,
		callsBack: false,
		options: ARK_OPTIONS,
		hint: 'A gateway copying the Ark routes (/contents/generations/tasks). It also needs the prompt as a top-level field, which the node sends.',
	},
	globalAiOpc: {
		label: 'GlobalAiOpc',
		defaultBaseUrl: 'https://zcbservice.aizfw.cn/kyyReactApiServer',
		flavour: 'globalAiOpc',
		canList: false,
		canCancel: false,
		callsBack: false,
		options: ['ratio', 'duration', 'generateAudio'],
		hint: 'Models seedance_2_0_pro, seedance_2_0_fast_pro, seedance_2_0 and seedance_2_0_fast (the last two need reference videos), and seedance_1_5_pro_480p/720p/1080p.',
	},
	anyfast: {
		label: 'Anyfast',
		defaultBaseUrl: 'https://www.anyfast.com.cn',
		flavour: 'anyfast',
		canList: false,
		canCancel: false,
		callsBack: false,
		options: [
			'resolution',
			'ratio',
			'duration',
			'seed',
			'cameraFixed',
			'watermark',
			'generateAudio',
			'returnLastFrame',
			'webSearch',
			'draft',
		],
		hint: 'Models seedance (2.0), seedance-fast, or versioned doubao-seedance-… IDs. Also at https://www.anyfast.ai.',
	},
	openaiVideos: {
		label: 'OpenAI-Videos-Compatible Gateway',
		defaultBaseUrl: 'https://api.aiid.edu.kg',
		flavour: 'openaiVideos',
		canList: true,
		canCancel: true,
		callsBack: false,
		options: ['resolution', 'ratio', 'duration'],
		hint: 'A gateway with the OpenAI videos API (/v1/videos). Text to video and first-frame image to video.',
	},
};

export function isProviderId(value: unknown): value is ProviderId {
	return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/** The credential field holding a provider's base URL (each provider has its own, prefilled). */
export function baseUrlField(provider: ProviderId): string {
	return `${provider}BaseUrl`;
}
