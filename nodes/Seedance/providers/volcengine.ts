// Volcengine Ark: the official China Ark API (client: ark.ts).

import { OPTION_NAMES } from '../request/options';
import { MODES } from '../request/models';
import { arkPresets, type ProviderProfile } from './profile';

export const profile: ProviderProfile = {
	label: 'Volcengine Ark',
	defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
	flavour: 'ark',
	canList: true,
	canCancel: true,
	canCallBack: true,
	options: OPTION_NAMES,
	modes: MODES,
	models: arkPresets('doubao-', 'doubao-'),
	binaryImages: 'dataUrl',
	maxRequestBytes: 64 * 1024 * 1024,
	dataUrls: true,
	promptAlways: false,
	hint: 'Official China API. Model IDs look like doubao-seedance-2-5-260628 or an endpoint ID ep-….',
};
