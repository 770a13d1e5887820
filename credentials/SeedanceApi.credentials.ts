import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { PROVIDERS, PROVIDER_IDS, baseUrlField } from '../nodes/Seedance/providers/catalog';

// Where the credential test looks, per provider: a cheap authenticated read that creates nothing.
// GlobalAiOpc has no such route, so the test looks up a task that does not exist: a wrong key gets
// 401, a right one "not found" (which is why that provider's other HTTP errors are let through).
const TEST_PATHS: Record<string, string> = {
	byteplus: '/contents/generations/tasks?page_num=1&page_size=1',
	volcengine: '/contents/generations/tasks?page_num=1&page_size=1',
	arkGateway: '/contents/generations/tasks?page_num=1&page_size=1',
	globalAiOpc: '/v1/result/video_credential-check',
	anyfast: '/v1/models',
	openaiVideos: '/v1/videos?limit=1',
};

/** Providers whose routes start with /v1: a base URL typed with /v1 at the end works as without. */
const V1_ROUTED = PROVIDER_IDS.filter((id) => PROVIDERS[id].flavour !== 'ark');

const BASE = 'String($credentials[$credentials.provider + "BaseUrl"] || "").trim().replace(/\\/+$/, "")';

/**
 * Statuses that fail the test whatever the body says (for GlobalAiOpc, whose right key gets
 * "not found", only these): a refused key, and redirects, which are not followed so that the key
 * goes only to the base URL's host.
 */
const ALWAYS_FAIL = [301, 302, 303, 307, 308, 401, 403, 407, 500, 502, 503, 504];

export class SeedanceApi implements ICredentialType {
	name = 'seedanceApi';

	displayName = 'Seedance API';

	icon: Icon = { light: 'file:seedance.svg', dark: 'file:seedance.dark.svg' };

	documentationUrl = 'https://github.com/seedance-n8n/n8n-nodes-seedance#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			default: 'byteplus',
			options: PROVIDER_IDS.map((id) => ({ name: PROVIDERS[id].label, value: id, description: PROVIDERS[id].hint })),
			description: 'Who runs Seedance for you. The node offers the models, modes and options this provider supports.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		...PROVIDER_IDS.map(
			(id): INodeProperties => ({
				displayName: 'Base URL',
				name: baseUrlField(id),
				type: 'string',
				default: PROVIDERS[id].defaultBaseUrl,
				description: `The ${PROVIDERS[id].label} API address. Change it for another region, a proxy, or the local simulator.`,
				displayOptions: { show: { provider: [id] } },
			}),
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${JSON.stringify(V1_ROUTED)}.includes($credentials.provider) ? ${BASE}.replace(/\\/v1$/i, "") : ${BASE} }}`,
			url: `={{ ${JSON.stringify(TEST_PATHS)}[$credentials.provider] }}`,
			method: 'GET',
			disableFollowRedirect: true,
			// Only GlobalAiOpc answers a good key with an HTTP error ("not found"); see TEST_PATHS.
			ignoreHttpStatusErrors: `={{ $credentials.provider === "globalAiOpc" ? { ignore: true, except: ${JSON.stringify(ALWAYS_FAIL)} } : false }}` as unknown as boolean,
		},
		// n8n's credential tester checks both kinds of rule in one list; the type allows one kind per list.
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'The provider rejected the API key. Check that it was copied whole and belongs to the chosen provider.' } },
			{ type: 'responseCode', properties: { value: 403, message: 'The key is valid but has no access: the account may be overdue or the model not activated.' } },
			{ type: 'responseCode', properties: { value: 404, message: 'Nothing answers at this base URL. Check the Base URL for the chosen provider.' } },
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: { value, message: 'The base URL redirects elsewhere; the key is sent only to the base URL\'s host. Enter the address the API really answers at.' },
			})),
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 401, message: 'GlobalAiOpc rejected the API key. Check that it was copied whole.' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 403, message: 'GlobalAiOpc refused the key: the account may be out of credit.' } },
		] as Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> as IAuthenticateRuleResponseCode[],
	};
}
