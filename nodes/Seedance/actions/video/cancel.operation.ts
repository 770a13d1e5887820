import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { clientFor } from '../../providers';
import { PROVIDERS } from '../../providers/catalog';
import { ProviderError } from '../../providers/errors';
import { perItem, taskIdField } from '../items';

const properties: INodeProperties[] = [
	taskIdField('A queued task is cancelled; a finished task\'s record is deleted (Ark). Running tasks cannot be cancelled.'),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await perItem(this, items.length, async (i) => {
		if (!client.cancel) {
				throw new ProviderError({
					provider: client.provider,
					kind: 'http',
					message: `${PROVIDERS[client.provider].label} has no cancel endpoint`,
					description: 'Cancel works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways.',
				});
			}
		const id = String(this.getNodeParameter('taskId', i, '')).trim();
		if (!id) throw new NodeOperationError(this.getNode(), 'Task ID: is required', { itemIndex: i });
		const result = await client.cancel(id);
		return [{ json: { id: result.id, cancelled: result.outcome === 'cancelled', deleted: true }, pairedItem: { item: i } }];
	});
}
