import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { clientFor } from '../../providers';
import { PROVIDERS } from '../../providers/catalog';
import { ProviderError } from '../../providers/errors';
import type { TaskStatus } from '../../providers/task';
import { perItem, taskJson } from '../items';
import { booleanValue, choiceValue, collectionValue, numberValue, readAllChecked, textValue } from '../parameters';

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

const STATUSES = ['cancelled', 'failed', 'queued', 'running', 'succeeded'] as const;

/** Return All, Limit and Filters, checked. */
function readQuery(ctx: IExecuteFunctions, i: number) {
	const returnAll = booleanValue(
		'Return All',
		ctx.getNodeParameter(
			'returnAll',
			i,
			// Stryker disable next-line BooleanLiteral: Return All is always shown, so n8n gives its value and the fallback is never used
			false,
		),
		false,
	);
	const filters = collectionValue(
		// Stryker disable next-line StringLiteral: n8n hands a collection over as an object (anything else becomes its default), so this label never shows
		'Filters',
		ctx.getNodeParameter('filters', i, {}),
	);
	return {
		limit: returnAll ? Infinity : numberValue('Limit', ctx.getNodeParameter('limit', i, 50), 50, { min: 1, max: 100_000, integer: true }),
		status: filters.status === undefined || filters.status === '' ? undefined : (choiceValue('Filters → Status', filters.status, 'succeeded', STATUSES) as TaskStatus),
		model: textValue('Filters → Model', filters.model),
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	// Every item's query is checked before the first request.
	const queries = readAllChecked(this, items.length, (i) => readQuery(this, i));
	const invalid = queries.findIndex((q) => 'error' in q);
	// Stryker disable next-line EqualityOperator: an invalid item 0 also stops perItem with the same error before any request
	if (invalid >= 0 && !this.continueOnFail()) throw (queries[invalid] as { error: Error }).error;
	return await perItem(this, items.length, async (i) => {
		const query = queries[i];
		if ('error' in query) throw query.error;
		if (!client.list) {
			throw new ProviderError({
				provider: client.provider,
				// Stryker disable next-line StringLiteral: with neither status nor code, the kind shows nowhere
				kind: 'http',
				message: `${PROVIDERS[client.provider].label} has no endpoint to list tasks`,
				description: 'Get Many works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways. Use Get with task IDs instead.',
			});
		}
		const { limit, status, model } = query.value;
		const output: INodeExecutionData[] = [];
		let cursor: string | undefined;
		do {
			const page = await client.list({ status, model, cursor, pageSize: Math.min(100, Number.isFinite(limit) ? limit - output.length : 100) });
			for (const task of page.tasks.slice(0, limit - output.length)) output.push({ json: taskJson(task, false), pairedItem: { item: i } });
			cursor = page.nextCursor;
		} while (cursor && output.length < limit);
		return output;
	});
}
