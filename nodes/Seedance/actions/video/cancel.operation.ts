import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { clientFor } from '../../providers';
import { PROVIDERS } from '../../providers/catalog';
import { ProviderError } from '../../providers/errors';
import { perItem, taskIdField, toNodeError } from '../items';
import { readAllChecked, taskIdValue } from '../parameters';

const properties: INodeProperties[] = [
	taskIdField('A queued task is cancelled; a finished task\'s record is deleted (Ark). Running tasks cannot be cancelled.'),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	// Every item's task ID is checked before the first request.
	const ids = readAllChecked(this, items.length, (i) =>
		taskIdValue(
			'Task ID',
			this.getNodeParameter(
				'taskId',
				i,
				// Stryker disable next-line StringLiteral: Task ID is always shown, so n8n gives its value (default '') and the fallback is never used
				'',
			),
		),
	);
	const invalid = ids.findIndex((id) => 'error' in id);
	// Stryker disable next-line EqualityOperator: an invalid item 0 also stops perItem with the same error before any request
	if (invalid >= 0 && !this.continueOnFail()) throw toNodeError(this.getNode(), (ids[invalid] as { error: Error }).error, invalid);
	return await perItem(this, items.length, async (i) => {
		const checked = ids[i];
		if ('error' in checked) throw checked.error;
		if (!client.cancel) {
			throw new ProviderError({
				provider: client.provider,
				// Stryker disable next-line StringLiteral: with neither status nor code, the kind shows nowhere
				kind: 'http',
				message: `${PROVIDERS[client.provider].label} has no cancel endpoint`,
				description: 'Cancel works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways.',
			});
		}
		const result = await client.cancel(checked.value);
		// Say what the provider did: a queued task cancelled, or a finished task's record deleted.
		const json = { id: result.id, outcome: result.outcome, cancelled: result.outcome === 'cancelled', deleted: result.outcome === 'deleted' };
		return [{ json, pairedItem: { item: i } }];
	});
}
