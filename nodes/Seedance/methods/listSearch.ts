import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { PROVIDERS, isProviderId } from '../providers/catalog';
import { MODEL_PRESETS, MODE_LABELS, PROVIDER_MODES, familyOf, type Mode } from '../request/models';

/** The credential provider's models that can do the chosen mode. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('seedanceApi');
	const provider = credentials.provider;
	if (!isProviderId(provider)) return { results: [] };
	const mode = (this.getCurrentNodeParameter('mode') as Mode | undefined) ?? 'text';
	const needle = (filter ?? '').toLowerCase();
	const results = MODEL_PRESETS[provider]
		.filter((preset) => PROVIDER_MODES[provider].includes(mode) && (familyOf(preset.value)?.modes.includes(mode) ?? true))
		.filter((preset) => !(provider === 'globalAiOpc' && /^seedance_1_5/.test(preset.value) && mode === 'reference'))
		.filter((preset) => !needle || preset.name.toLowerCase().includes(needle) || preset.value.includes(needle))
		.map((preset) => ({ name: `${preset.name} (${preset.value})`, value: preset.value, description: preset.description }));
	if (results.length === 0 && !needle) {
		return { results: [{ name: `No ${PROVIDERS[provider].label} model does ${MODE_LABELS[mode]}; enter a model ID instead`, value: '' }] };
	}
	return { results };
}
