// Gateways copying the Ark routes (client: ark.ts); they also want the prompt at the top level.

import { OPTION_NAMES } from '../request/options';
import { MODES } from '../request/models';
import { arkPresets, type ProviderProfile } from './profile';

export const profile: ProviderProfile = {
	label: 'Ark-Compatible Gateway',
	defaultBaseUrl: 'https://api.aiid.edu.kg/api/v3',
	flavour: 'ark',
	canList: false,
	canCancel: false,
	canCallBack: true,
	options: OPTION_NAMES,
	modes: MODES,
	models: arkPresets('doubao-', 'doubao-'),
	binaryImages: 'dataUrl',
	maxRequestBytes: 64 * 1024 * 1024,
	dataUrls: true,
	promptAlways: true,
	topLevelPrompt: true,
	hint: 'A gateway copying the Ark routes (/contents/generations/tasks). It also needs the prompt as a top-level field, which the node sends.',
};
