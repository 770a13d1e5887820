import { PROVIDERS, type ProviderId } from './catalog';
import * as ark from './ark';
import { arkClient } from './ark';
import * as anyfast from './anyfast';
import { anyfastClient } from './anyfast';
import type { ProviderClient } from './client';
import * as globalAiOpc from './globalAiOpc';
import { globalAiOpcClient } from './globalAiOpc';
import * as openaiVideos from './openaiVideos';
import { openaiVideosClient } from './openaiVideos';
import { connect, type NodeContext } from './transport';

/** The client for the provider of the node's credential. */
export async function clientFor(ctx: NodeContext): Promise<ProviderClient> {
	const http = await connect(ctx);
	const info = PROVIDERS[http.provider];
	switch (info.flavour) {
		case 'ark':
			return arkClient(http, { topLevelPrompt: http.provider === 'arkGateway', canList: info.canList, canCancel: info.canCancel });
		case 'globalAiOpc':
			return globalAiOpcClient(http);
		case 'anyfast':
			return anyfastClient(http);
		case 'openaiVideos':
			return openaiVideosClient(http);
	}
}

const FLAVOURS = { ark, globalAiOpc, anyfast, openaiVideos };

/** How a provider takes an image from the workflow's binary data, and its request body limit. */
export function binaryImagesOf(provider: ProviderId): { as: 'dataUrl' | 'multipart' | 'none'; maxRequestBytes: number } {
	const flavour = FLAVOURS[PROVIDERS[provider].flavour];
	return { as: flavour.binaryImages, maxRequestBytes: flavour.maxRequestBytes };
}

export type { ProviderClient, ListQuery, ListPage, CancelResult } from './client';
export type { NormalizedTask, TaskStatus } from './task';
export { ProviderError } from './errors';
