// The generation fields of Create and Create and Wait. Which option shows for which model comes
// from the family table (request/models.ts) and the provider profiles, the tables validation reads.

import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { PROVIDERS, PROVIDER_IDS, type OptionName } from '../../providers/catalog';
import { FAMILIES, MAX_DURATION, MODE_LABELS, MODES, RATIOS, RESOLUTIONS, VIDEO_MODES, patternOf, type Mode } from '../../request/models';
import { firstFrameSourceFields, lastFrameSourceFields, whenUrlSource, withBinarySource } from './imageSource';

/** Hides an option for models known not to take it; unknown models (endpoint IDs) show everything. */
function hideUnless(option: OptionName): IDisplayOptions['hide'] {
	const patterns: string[] = [];
	const without = FAMILIES.filter((f) => !f.options.includes(option));
	if (without.length) patterns.push(patternOf(without));
	// A provider's own model names (its short IDs) show only the options its API takes.
	for (const id of PROVIDER_IDS) {
		const profile = PROVIDERS[id];
		if (profile.ownModelIds && !profile.options.includes(option)) patterns.push(profile.ownModelIds);
	}
	return patterns.length ? { '/model': [{ _cnd: { regex: editorRegex(patterns) } }] } : undefined;
}

/**
 * One regex for a display rule: matches a model ID anywhere (or at its start, for anchored parts)
 * but never an expression. n8n shows everything for an expression in `show` rules, but not in
 * `hide` rules, where "={{ 'doubao-seedance-2-0…' }}" would otherwise hide (and drop) options.
 */
export function editorRegex(patterns: string[]): string {
	const parts = patterns.flatMap(topLevelAlternatives);
	const anchored = parts.filter((p) => p.startsWith('^')).map((p) => p.slice(1));
	const anywhere = parts.filter((p) => !p.startsWith('^'));
	// One lazy prefix for all unanchored parts: n8n runs display regexes under a time limit.
	return `^(?!=)(?:${[...anchored, ...(anywhere.length ? [`[\\s\\S]*?(?:${anywhere.join('|')})`] : [])].join('|')})`;
}

/** A pattern's alternatives at the top level (an `|` inside a group or a class stays). */
function topLevelAlternatives(pattern: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let inClass = false;
	let start = 0;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\') i++;
		else if (inClass) inClass = c !== ']';
		else if (c === '[') inClass = true;
		else if (c === '(') depth++;
		else if (c === ')') depth--;
		else if (c === '|' && depth === 0) {
			parts.push(pattern.slice(start, i));
			start = i + 1;
		}
	}
	return [...parts, pattern.slice(start)];
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

const urlList = (name: string, displayName: string, item: string, placeholder: string, description: string, modes: Mode[] = ['reference']): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: `Add ${item}`,
	default: {},
	description,
	displayOptions: { show: { mode: modes } },
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
				reference: 'Seedance 2.0, 2.5 (and 1.0 lite i2v): guide the video with reference images, videos and audios',
				draftRender: 'Seedance 1.5 Pro and 2.5: render the final video of a draft you created with Draft (Preview) on',
				editVideo: 'Seedance 2.0 and 2.5: change a source video (its subject, style, sound) as the prompt says',
				extendVideo: 'Seedance 2.0 and 2.5: continue a source video forwards or backwards',
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
	...firstFrameSourceFields,
	{
		displayName: 'First Frame Image',
		name: 'firstFrameImage',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/start.png',
		description: 'A public image URL, a data URL (data:image/png;base64,…) or asset://ID. JPEG, PNG, WebP, BMP, TIFF or GIF; 300–6000 px; aspect ratio 0.4–2.5.',
		displayOptions: { show: { mode: ['firstFrame', 'firstLastFrame'], ...whenUrlSource('firstFrameImage') } },
	},
	...lastFrameSourceFields,
	{
		displayName: 'Last Frame Image',
		name: 'lastFrameImage',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/end.png',
		description: 'The image the video ends on. Same forms as the first frame.',
		displayOptions: { show: { mode: ['firstLastFrame'], ...whenUrlSource('lastFrameImage') } },
	},
	{
		displayName: 'Source Video',
		name: 'sourceVideo',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		description: 'The MP4/MOV video to edit or extend: a public URL or asset://ID. Describe the change or the continuation in the prompt.',
		displayOptions: { show: { mode: [...VIDEO_MODES] } },
	},
	withBinarySource(urlList('referenceImages', 'Reference Images', 'Image', 'e.g. https://example.com/product.png', 'Up to 9 images on 2.0 (1.0 lite: 1–4; 2.5: 30). Data URLs work for images.', ['reference', ...VIDEO_MODES])),
	urlList('referenceVideos', 'Reference Videos', 'Video', 'e.g. https://example.com/motion.mp4', 'Up to 3 MP4/MOV videos on 2.0 (15 s in total), 10 on 2.5'),
	urlList('referenceAudios', 'Reference Audios', 'Audio', 'e.g. https://example.com/voice.mp3', 'Up to 3 WAV/MP3 files on 2.0 (needs a reference image or video), 10 on 2.5 (may be alone)', ['reference', ...VIDEO_MODES]),
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
			option('cameraFixed', { displayName: 'Camera Fixed', type: 'boolean', default: false, description: 'Whether to keep the camera still' }, { hide: ['reference', ...VIDEO_MODES] }),
			option('draft', {
				displayName: 'Draft (Preview)',
				type: 'boolean',
				default: false,
				description: 'Whether to make a cheap 480p draft first; render the final video later with mode Render a Draft',
			}, { hide: ['draftRender', 'reference', ...VIDEO_MODES] }),
			option('duration', {
				displayName: 'Duration (Seconds)',
				type: 'number',
				default: 5,
				typeOptions: { minValue: -1, maxValue: MAX_DURATION },
				description: 'Length of the video. 1.0 models: 2–12; 1.5 Pro: 4–12; 2.0: 4–15; 2.5: 4–30. -1 lets 1.5 Pro, 2.0 and 2.5 choose (2.5 chooses when it is not set; an edit on 2.5 needs -1).',
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
				description: 'Seedance 2.5 needs Adaptive with frames and for an edit',
				options: [...RATIOS].sort().map((ratio) => ({ name: ratio === 'adaptive' ? 'Adaptive (From the Image)' : ratio, value: ratio })),
			}),
			option('resolution', {
				displayName: 'Resolution',
				type: 'options',
				default: '720p',
				options: [...RESOLUTIONS].sort().map((value) => ({
					name: value === '4k' ? '4K' : value,
					value,
					...(value === '1080p' ? { description: 'Not on fast, flash or mini models' } : value === '4k' ? { description: 'Seedance 2.5 only' } : {}),
				})),
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

