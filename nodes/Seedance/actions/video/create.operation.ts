import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { UNKNOWN_TYPICAL_SECONDS } from '../../request/models';
import { limitsNotes } from '../../request/rules';
import { attempt } from '../../providers/errors';
import { forEachLimited, realClock, submit } from '../../wait/runner';
import { InvalidItemError, checkedRequests, createTask, errorItem, isCancellation, taskJson, toNodeError } from '../items';
import { numberValue, readChecked } from '../parameters';
import { asRequested } from './createAndWait.operation';
import { generationFields } from './fields';

const properties: INodeProperties[] = [
	...generationFields,
	{
		displayName: 'Max Submissions at Once',
		name: 'maxInFlight',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 50 },
		description: 'How many create requests may be open at the same time',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { client, requests, continueOnFail } = await checkedRequests(this, items.length);

	const signal = this.getExecutionCancelSignal();
	const limit = readChecked(this, 0, () => numberValue('Max Submissions at Once', this.getNodeParameter('maxInFlight', 0, 5), 5, { min: 1, max: 50, integer: true }));
	// Only rate limits are waited out here; 10 minutes of them is enough to give up.
	const settings = { timeoutMs: 10 * 60_000, expectedSeconds: UNKNOWN_TYPICAL_SECONDS };
	const outcomes = await forEachLimited(requests, limit, async (request) => {
		if (request instanceof InvalidItemError) return { error: request as unknown };
		const created = await attempt(async () => await submit(client, async () => await createTask(client, request), settings, realClock, signal));
		if (created.ok) return { json: taskJson(asRequested(created.value, request), false, limitsNotes(request)) as IDataObject };
		if (isCancellation(created.error)) throw created.error;
		return { error: created.error };
	});
	return outcomes.map((outcome, i) => {
		if (!('error' in outcome)) return { json: outcome.json, pairedItem: { item: i } };
		const error = toNodeError(this.getNode(), outcome.error, i);
		if (!continueOnFail) throw error;
		return errorItem(error, i);
	});
}
