import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as createAndWait from './createAndWait.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { cancel, create, createAndWait, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel a queued task or delete a finished one (Ark, OpenAI-videos gateways)', action: 'Cancel a video task' },
			{ name: 'Create', value: 'create', description: 'Submit a video and return its task at once', action: 'Create a video' },
			{ name: 'Create and Wait', value: 'createAndWait', description: 'Submit a video, wait until it is ready and download it', action: 'Create a video and wait for it' },
			{ name: 'Get', value: 'get', description: 'Get a video task by ID, optionally downloading the video', action: 'Get a video task' },
			{ name: 'Get Many', value: 'getAll', description: 'List the account\'s recent video tasks (Ark, OpenAI-videos gateways)', action: 'Get many video tasks' },
		],
		default: 'createAndWait',
	},
	...create.description,
	...createAndWait.description,
	...get.description,
	...cancel.description,
	...getAll.description,
];
