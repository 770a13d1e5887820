// The Wait By choice of Create and Wait (its own file: the operation and the callback wait both read it).

import type { INodeProperties } from 'n8n-workflow';

export const waitByFields: INodeProperties[] = [
	{
		displayName: 'Wait By',
		name: 'waitBy',
		type: 'options',
		noDataExpression: true,
		default: 'polling',
		options: [
			{ name: 'Polling', value: 'polling', description: 'The node looks at the tasks until they finish (every provider)' },
			{
				name: 'Provider Callback',
				value: 'callback',
				description: 'The provider calls n8n back when each video is done; the execution waits without polling. BytePlus ModelArk and Volcengine Ark, with n8n reachable at its public URL.',
			},
		],
	},
	{
		displayName: 'The execution waits (shown as "Waiting") and resumes when the provider calls its URL, built from n8n\'s public URL (WEBHOOK_URL), which must be reachable from the internet. If it is missing or localhost, or the provider does not call back, the node waits by polling and says so. Tasks are created to expire after the timeout (at least 1 hour).',
		name: 'waitByCallbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { waitBy: ['callback'] } },
	},
];
