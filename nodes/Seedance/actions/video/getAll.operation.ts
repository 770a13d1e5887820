import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { clientFor } from '../../providers';
import { PROVIDERS } from '../../providers/catalog';
import { ProviderError } from '../../providers/errors';
import type { TaskStatus } from '../../providers/task';
import { perItem, taskJson } from '../items';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Model', name: 'model', type: 'string', default: '', placeholder: 'e.g. doubao-seedance-2-0-260128' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'succeeded',
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Running', value: 'running' },
					{ name: 'Succeeded', value: 'succeeded' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await perItem(this, items.length, async (i) => {
		if (!client.list) {
			throw new ProviderError({
				provider: client.provider,
				kind: 'http',
				message: `${PROVIDERS[client.provider].label} has no endpoint to list tasks`,
				description: 'Get Many works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways. Use Get with task IDs instead.',
			});
		}
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', i, 50));
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const output: INodeExecutionData[] = [];
		let cursor: string | undefined;
		do {
			const page = await client.list({
				status: (filters.status as TaskStatus) || undefined,
				model: (filters.model as string) || undefined,
				cursor,
				pageSize: Math.min(100, Number.isFinite(limit) ? limit - output.length : 100),
			});
			for (const task of page.tasks.slice(0, limit - output.length)) output.push({ json: taskJson(task, false), pairedItem: { item: i } });
			cursor = page.nextCursor;
		} while (cursor && output.length < limit);
		return output;
	});
}
