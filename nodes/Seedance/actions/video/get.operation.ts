import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { clientFor } from '../../providers';
import { attempt } from '../../providers/errors';
import { forEachLimited } from '../../wait/runner';
import { downloadResults, errorItem, isCancellation, readDownloadSettings, splitTaskIds, taskIdField, taskJson, toNodeError } from '../items';
import { downloadFields, outputOptions } from './fields';

const properties: INodeProperties[] = [
	taskIdField('The task to look up, usually mapped from the ID field of a previous Create. Several IDs separated by commas or new lines give one item each.'),
	...downloadFields(false),
	outputOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	const continueOnFail = this.continueOnFail();
	const lookups = items.flatMap((_, i) => {
		const ids = splitTaskIds(this.getNodeParameter('taskId', i, ''));
		return ids.length ? ids.map((id) => ({ i, id })) : [{ i, id: '' }];
	});
	const outcomes = await forEachLimited(lookups, 8, async ({ i, id }) => {
		const looked = await attempt(async () => {
			if (!id) throw new NodeOperationError(this.getNode(), 'Task ID: is required; map it from the output of Create', { itemIndex: i });
			const task = await client.get(id);
			const outputs = this.getNodeParameter('outputOptions', i, {}) as IDataObject;
			const binary = await downloadResults(this, client, task, readDownloadSettings(this, i));
			return { i, json: taskJson(task, outputs.includeRaw === true), binary };
		});
		if (looked.ok) return looked.value;
		if (isCancellation(looked.error)) throw looked.error;
		return { i, error: looked.error, id };
	});
	return outcomes.map((outcome) => {
		if (!('error' in outcome)) return { json: outcome.json, ...(outcome.binary ? { binary: outcome.binary } : {}), pairedItem: { item: outcome.i } };
		const error = toNodeError(this.getNode(), outcome.error, outcome.i);
		if (!continueOnFail) throw error;
		return errorItem(error, outcome.i, { id: outcome.id });
	});
}
