// The option names of the canonical request, as the node's Options collection names them.

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
