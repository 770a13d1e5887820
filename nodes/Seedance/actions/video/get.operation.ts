import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { clientFor } from '../../providers';
import { attempt } from '../../providers/errors';
import { forEachLimited } from '../../wait/runner';
import { downloadResults, errorItem, isCancellation, taskIdField, taskJson, toNodeError } from '../items';
import { readAllChecked, readOutputSettings, taskIdsValue, type OutputSettings } from '../parameters';
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
	// Every item's IDs and options are checked before the first request.
	const checked = readAllChecked(this, items.length, (i) => ({
		ids: taskIdsValue(
			'Task ID',
			this.getNodeParameter(
				'taskId',
				i,
				// Stryker disable next-line StringLiteral: Task ID is always shown, so n8n gives its value (default '') and the fallback is never used
				'',
			),
		),
		...readOutputSettings(this, i, false),
	}));
	const invalid = checked.findIndex((c) => 'error' in c);
	if (invalid >= 0 && !continueOnFail) throw (checked[invalid] as { error: Error }).error;
	type Lookup = { i: number; id: string; settings: OutputSettings } | { i: number; error: unknown };
	const lookups = checked.flatMap((c, i): Lookup[] => ('error' in c ? [{ i, error: c.error }] : c.value.ids.map((id) => ({ i, id, settings: c.value }))));
	const outcomes = await forEachLimited(lookups, 8, async (lookup) => {
		const { i } = lookup;
		if (!('id' in lookup)) return { i, error: lookup.error, id: '' };
		const { id, settings } = lookup;
		const looked = await attempt(async () => {
			const task = await client.get(id);
			const binary = await downloadResults(this, client, task, settings.download);
			return { i, json: taskJson(task, settings.includeRaw), binary };
		});
		if (looked.ok) return looked.value;
		if (isCancellation(looked.error)) throw looked.error;
		return { i, error: looked.error, id };
	});
	return outcomes.map((outcome) => {
		if (!('error' in outcome)) return { json: outcome.json, ...(outcome.binary ? { binary: outcome.binary } : {}), pairedItem: { item: outcome.i } };
		const error = toNodeError(this.getNode(), outcome.error, outcome.i);
		if (!continueOnFail) throw error;
		return errorItem(error, outcome.i, outcome.id ? { id: outcome.id } : {});
	});
}
