import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { router } from './actions/router';
import * as video from './actions/video';
import { searchModels } from './methods/listSearch';
import { resumeOnCallback } from './actions/video/callbackWait';
import { CALLBACK_WEBHOOK, PER_TASK_CALLBACK_METHODS } from './wait/callback';

export class Seedance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Seedance',
		name: 'seedance',
		icon: { light: 'file:seedance.svg', dark: 'file:seedance.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {create: "Create", createAndWait: "Create and Wait", get: "Get", cancel: "Cancel", getAll: "Get Many"}[$parameter["operation"]] + ($parameter["mode"] && ["create", "createAndWait"].includes($parameter["operation"]) ? ": " + {text: "Text to Video", firstFrame: "Image to Video", firstLastFrame: "First and Last Frame", reference: "Reference", draftRender: "Render a Draft", editVideo: "Edit a Video", extendVideo: "Extend a Video"}[$parameter["mode"]] : "") }}',
		description: 'Generate videos with ByteDance Seedance: text, image, first and last frame, or reference to video',
		defaults: { name: 'Seedance' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'seedanceApi', required: true }],
		// Create and Wait by callback: the provider calls the waiting execution's resume URL + this path.
		webhooks: [CALLBACK_WEBHOOK],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Video', value: 'video' }],
				default: 'video',
			},
			...video.description,
		],
	};

	methods = { listSearch: { searchModels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	// The callback webhook only resumes a waiting execution: n8n never registers it with the provider.
	webhookMethods = PER_TASK_CALLBACK_METHODS;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOnCallback(this);
	}
}
