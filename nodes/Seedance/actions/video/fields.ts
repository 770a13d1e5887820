// The generation fields of Create and Create and Wait. Which option shows for which model comes
// from the family table (request/models.ts), the same table validation reads.

import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { PROVIDERS, type OptionName } from '../../providers/catalog';
import { FAMILIES, MODE_LABELS, MODES, RATIOS, patternOf, type Mode } from '../../request/models';

/** Model IDs only GlobalAiOpc uses (seedance_2_0…, seedance_1_5_pro_…) and Anyfast's short names. */
const GLOBALAIOPC_IDS = '^seedance_\\d';
const ANYFAST_SHORT_IDS = '^seedance(-fast)?$';

/** Hides an option for models known not to take it; unknown models (endpoint IDs) show everything. */
function hideUnless(option: OptionName): IDisplayOptions['hide'] {
	const patterns: string[] = [];
	const without = FAMILIES.filter((f) => !f.options.includes(option));
	if (without.length) patterns.push(patternOf(without));
	if (!PROVIDERS.globalAiOpc.options.includes(option)) patterns.push(GLOBALAIOPC_IDS);
	if (!PROVIDERS.anyfast.options.includes(option)) patterns.push(ANYFAST_SHORT_IDS);
	return patterns.length ? { '/model': [{ _cnd: { regex: editorRegex(patterns) } }] } : undefined;
}

/**
 * One regex for a display rule: matches a model ID anywhere (or at its start, for anchored parts)
 * but never an expression. n8n shows everything for an expression in `show` rules, but not in
 * `hide` rules, where "={{ 'doubao-seedance-2-0…' }}" would otherwise hide (and drop) options.
 */
export function editorRegex(patterns: string[]): string {
	const parts = patterns.flatMap((p) => p.split('|')).map((part) => (part.startsWith('^') ? part.slice(1) : `[\\s\\S]*?${part}`));
	return `^(?!=)(?:${parts.join('|')})`;
}

function option(name: OptionName, property: Omit<INodeProperties, 'name'>, modes?: { show?: Mode[]; hide?: Mode[] }): INodeProperties {
	const hide = { ...hideUnless(name), ...(modes?.hide ? { '/mode': modes.hide } : {}) };
	return {
		...property,
		name,
		displayOptions: {
			...(Object.keys(hide).length ? { hide } : {}),
			...(modes?.show ? { show: { '/mode': modes.show } } : {}),
		},
	};
}

const urlList = (name: string, displayName: string, item: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: `Add ${item}`,
	default: {},
	description,
	displayOptions: { show: { mode: ['reference'] } },
	options: [
		{
			displayName: item,
			name: 'items',
			values: [
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder,
					description: 'A public URL, an asset://ID from the provider\'s asset library, or an expression returning one or several of them',
				},
			],
		},
	],
});

export const generationFields: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'text',
		options: MODES.map((mode) => ({
			name: MODE_LABELS[mode],
			value: mode,
			description: {
				text: 'Generate from a text prompt',
				firstFrame: 'Animate an image: it becomes the first frame',
				firstLastFrame: 'Generate the motion between a first and a last frame',
				reference: 'Seedance 2.0 (and 1.0 lite i2v): guide the video with reference images, videos and audios',
				draftRender: 'Seedance 1.5 Pro: render the final video of a draft you created with Draft (Preview) on',
			}[mode],
		})).sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The models listed are those of the credential\'s provider that can do the chosen mode',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a model...',
				typeOptions: { searchListMethod: 'searchModels', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. doubao-seedance-2-0-260128 or ep-20260101000000-abcde',
			},
		],
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. A corgi surfing a wave at sunset, cinematic, slow motion',
		description: 'What the video shows. At most 1000 words (500 Chinese characters). Required for Text to Video; optional with images on the official APIs. A draft render reuses the draft\'s prompt (only Ark-compatible gateways want it again).',
	},
	{
		displayName: 'First Frame Image',
		name: 'firstFrameImage',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/start.png',
		description: 'A public image URL, a data URL (data:image/png;base64,…) or asset://ID. JPEG, PNG, WebP, BMP, TIFF or GIF; 300–6000 px; aspect ratio 0.4–2.5.',
		displayOptions: { show: { mode: ['firstFrame', 'firstLastFrame'] } },
	},
	{
		displayName: 'Last Frame Image',
		name: 'lastFrameImage',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/end.png',
		description: 'The image the video ends on. Same forms as the first frame.',
		displayOptions: { show: { mode: ['firstLastFrame'] } },
	},
	urlList('referenceImages', 'Reference Images', 'Image', 'e.g. https://example.com/product.png', 'Up to 9 images (1.0 lite: 1–4). Data URLs work for images.'),
	urlList('referenceVideos', 'Reference Videos', 'Video', 'e.g. https://example.com/motion.mp4', 'Up to 3 MP4/MOV videos, 2–15 s each and 15 s in total'),
	urlList('referenceAudios', 'Reference Audios', 'Audio', 'e.g. https://example.com/voice.mp3', 'Up to 3 WAV/MP3 files, 2–15 s each; needs at least one reference image or video'),
	{
		displayName: 'Draft Task ID',
		name: 'draftTaskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. cgt-20260101000000-abcde',
		description: 'The ID of a succeeded draft task. The final video reuses its prompt, images, seed and settings.',
		displayOptions: { show: { mode: ['draftRender'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			option('callbackUrl', {
				displayName: 'Callback URL',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://your-n8n.example.com/webhook/seedance',
				description: 'The provider POSTs the task here on each status change (BytePlus ModelArk, Volcengine Ark). To start a workflow when it finishes, paste the Production URL of a Seedance Trigger set to On Provider Callback: it checks each call with your key. Create and Wait sets it itself with Wait By: Provider Callback.',
			}),
			option('cameraFixed', { displayName: 'Camera Fixed', type: 'boolean', default: false, description: 'Whether to keep the camera still' }, { hide: ['reference'] }),
			option('draft', {
				displayName: 'Draft (Preview)',
				type: 'boolean',
				default: false,
				description: 'Whether to make a cheap 480p draft first; render the final video later with mode Render a Draft',
			}, { hide: ['draftRender', 'reference'] }),
			option('duration', {
				displayName: 'Duration (Seconds)',
				type: 'number',
				default: 5,
				typeOptions: { minValue: -1, maxValue: 15 },
				description: 'Length of the video. 1.0 models: 2–12; 1.5 Pro: 4–12; 2.0: 4–15. -1 lets 1.5 Pro and 2.0 choose.',
			}),
			option('executionExpiresAfter', {
				displayName: 'Expire After (Seconds)',
				type: 'number',
				default: 172800,
				typeOptions: { minValue: 3600, maxValue: 259200 },
				description: 'The task is given up (status expired) if it has not finished by then. 3600–259200.',
			}),
			option('frames', {
				displayName: 'Frames',
				type: 'number',
				default: 121,
				typeOptions: { minValue: 29, maxValue: 289 },
				description: 'Exact frame count instead of a duration: 25 + 4n, from 29 to 289 (24 fps). 1.0 models only.',
			}),
			option('generateAudio', { displayName: 'Generate Audio', type: 'boolean', default: true, description: 'Whether the video gets a synchronized soundtrack' }),
			option('ratio', {
				displayName: 'Aspect Ratio',
				type: 'options',
				default: '16:9',
				options: [...RATIOS].sort().map((ratio) => ({ name: ratio === 'adaptive' ? 'Adaptive (From the Image)' : ratio, value: ratio })),
			}),
			option('resolution', {
				displayName: 'Resolution',
				type: 'options',
				default: '720p',
				options: [
					{ name: '1080p', value: '1080p', description: 'Not on fast models' },
					{ name: '480p', value: '480p' },
					{ name: '720p', value: '720p' },
				],
			}),
			option('returnLastFrame', {
				displayName: 'Return Last Frame',
				type: 'boolean',
				default: false,
				description: 'Whether to also get the last frame as a PNG, e.g. to chain the next clip from it',
			}),
			option('seed', {
				displayName: 'Seed',
				type: 'number',
				default: -1,
				description: 'Same seed and inputs give similar videos. -1 picks a random one.',
			}),
			option('serviceTier', {
				displayName: 'Service Tier',
				type: 'options',
				default: 'default',
				options: [
					{ name: 'Default (Online)', value: 'default' },
					{ name: 'Flex (Offline, About Half Price, Slower)', value: 'flex' },
				],
			}),
			option('watermark', { displayName: 'Watermark', type: 'boolean', default: false, description: 'Whether the video carries the provider\'s watermark' }),
			option('webSearch', {
				displayName: 'Web Search',
				type: 'boolean',
				default: false,
				description: 'Whether the model may search the web to ground the prompt (adds latency)',
			}, { show: ['text'] }),
		],
	},
];

const downloadVideo: INodeProperties = {
	displayName: 'Download Video',
	name: 'downloadVideo',
	type: 'boolean',
	default: false,
	description: 'Whether to download finished videos into binary data, ready for the next node (result URLs expire after about 24 hours)',
};

/** Download on (Create and Wait) or off (Get) by default, with the binary field to fill. */
export const downloadFields = (defaultOn: boolean): INodeProperties[] => [
	defaultOn ? { ...downloadVideo, default: true } : downloadVideo,
	{
		displayName: 'Put Video in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the binary field the MP4 goes in',
		displayOptions: { show: { downloadVideo: [true] } },
	},
];

export const outputOptions: INodeProperties = {
	displayName: 'Output Options',
	name: 'outputOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Download Last Frame',
			name: 'downloadLastFrame',
			type: 'boolean',
			default: false,
			description: 'Whether to download the last frame PNG too (needs Return Last Frame on at creation)',
		},
		{
			displayName: 'Include Raw Provider Task',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to add the provider\'s own reply under "raw"',
		},
		{
			displayName: 'Put Last Frame in Field',
			name: 'lastFrameBinaryPropertyName',
			type: 'string',
			default: 'lastFrame',
		},
	],
};

