import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { PROVIDERS, isProviderId } from '../providers/catalog';
import type { ProviderProfile } from '../providers/profile';
import { connect, readJson } from '../providers/transport';
import { MODE_LABELS, familyOf, type Mode, type ModelPreset } from '../request/models';

/** The models a provider lists itself (where it has a route for it); none when the list fails. */
async function listedModels(ctx: ILoadOptionsFunctions, profile: ProviderProfile): Promise<ModelPreset[]> {
	if (!profile.modelListPath) return [];
	try {
		const http = await connect(ctx);
		const body = readJson(http.provider, await http.send({ method: 'GET', path: profile.modelListPath })) as { data?: Array<{ id?: unknown }> };
		// Stryker disable next-line OptionalChaining,ArrayDeclaration: a null body throws into the catch (no models, the same); a made-up entry has no model ID
		const entries = body?.data ?? [];
		const ids = entries.map((m) => m?.id).filter((id): id is string => typeof id === 'string' && /seedance/i.test(id));
		return ids.map((id) => ({ value: id, name: familyOf(id)?.label ?? id, description: `Listed by ${profile.label}` }));
	} catch {
		return [];
	}
}

/** Whether a model can do a mode on a provider, as far as the tables know (unknown models can). */
function canDo(profile: ProviderProfile, model: string, mode: Mode): boolean {
	if (!profile.modes.includes(mode)) return false;
	// Stryker disable next-line OptionalChaining: the left side has just found the family
	if (familyOf(model) && !familyOf(model)?.modes.includes(mode)) return false;
	// Stryker disable next-line ArrayDeclaration: a made-up rule has no withoutModes, so it takes no mode away
	const rules = (profile.modelRules ?? []).filter((rule) => new RegExp(rule.pattern).test(model));
	return !rules.some((rule) => rule.withoutModes?.includes(mode));
}

/** The credential provider's models that can do the chosen mode: its presets and the models it lists. */
export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('seedanceApi');
	const provider = credentials.provider;
	if (!isProviderId(provider)) return { results: [] };
	const profile = PROVIDERS[provider];
	const mode = (this.getCurrentNodeParameter('mode') as Mode | undefined) ?? 'text';
	const needle = (filter ?? '').toLowerCase();
	const presets = [...profile.models];
	for (const listed of await listedModels(this, profile)) {
		if (!presets.some((p) => p.value === listed.value)) presets.push(listed);
	}
	const results = presets
		.filter((preset) => canDo(profile, preset.value, mode))
		.filter((preset) => !needle || preset.name.toLowerCase().includes(needle) || preset.value.includes(needle))
		.map((preset) => ({ name: `${preset.name} (${preset.value})`, value: preset.value, description: preset.description }));
	if (results.length === 0 && !needle) {
		return { results: [{ name: `No ${profile.label} model does ${MODE_LABELS[mode]}; enter a model ID instead`, value: '' }] };
	}
	return { results };
}
