import { PROVIDERS, type ProviderId } from './catalog';
import { arkClient } from './ark';
import { anyfastClient } from './anyfast';
import type { ProviderClient } from './client';
import { globalAiOpcClient } from './globalAiOpc';
import { openaiVideosClient } from './openaiVideos';
import { connect, type NodeContext } from './transport';

/** The client for the provider of the node's credential. */
export async function clientFor(ctx: NodeContext): Promise<ProviderClient> {
	const http = await connect(ctx);
	const info = PROVIDERS[http.provider];
	switch (info.flavour) {
		case 'ark':
			return arkClient(http, { topLevelPrompt: info.topLevelPrompt === true, canList: info.canList, canCancel: info.canCancel });
		case 'globalAiOpc':
			return globalAiOpcClient(http);
		case 'anyfast':
			return anyfastClient(http);
		case 'openaiVideos':
			return openaiVideosClient(http);
	}
}

/** How a provider takes an image from the workflow's binary data, and its request body limit. */
export function binaryImagesOf(provider: ProviderId): { as: 'dataUrl' | 'multipart' | 'none'; maxRequestBytes: number } {
	const { binaryImages, maxRequestBytes } = PROVIDERS[provider];
	return { as: binaryImages, maxRequestBytes };
}

export type { ProviderClient, ListQuery, ListPage, CancelResult } from './client';
export type { NormalizedTask, TaskStatus } from './task';
export { ProviderError } from './errors';
