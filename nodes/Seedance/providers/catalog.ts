// Every provider the credential can point at, assembled from the profile in each provider's file.

import { profile as anyfast } from './anyfast';
import { profile as arkGateway } from './arkGateway';
import { profile as byteplus } from './byteplus';
import { profile as globalAiOpc } from './globalAiOpc';
import { profile as openaiVideos } from './openaiVideos';
import type { ProviderProfile } from './profile';
import { profile as volcengine } from './volcengine';

export const PROVIDER_IDS = [
	'byteplus',
	'volcengine',
	'arkGateway',
	'globalAiOpc',
	'anyfast',
	'openaiVideos',
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

export { OPTION_NAMES, type OptionName } from '../request/options';

export type ProviderInfo = ProviderProfile;

export const PROVIDERS: Record<ProviderId, ProviderProfile> = { byteplus, volcengine, arkGateway, globalAiOpc, anyfast, openaiVideos };

export function isProviderId(value: unknown): value is ProviderId {
	return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/** The credential field holding a provider's base URL (each provider has its own, prefilled). */
export function baseUrlField(provider: ProviderId): string {
	return `${provider}BaseUrl`;
}
