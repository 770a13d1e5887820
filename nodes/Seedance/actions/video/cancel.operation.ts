import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { clientFor } from '../../providers';
import { PROVIDERS } from '../../providers/catalog';
import { ProviderError } from '../../providers/errors';
import { errorItem, toNodeError } from '../items';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. cgt-20260101000000-abcde',
		description: 'A queued task is cancelled; a finished task\'s record is deleted (Ark). Running tasks cannot be cancelled.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			if (!client.cancel) {
				throw new ProviderError({
					provider: client.provider,
					kind: 'http',
					message: `${PROVIDERS[client.provider].label} has no cancel endpoint`,
					description: 'Cancel works with BytePlus ModelArk, Volcengine Ark and OpenAI-videos-compatible gateways.',
				});
			}
			const id = String(this.getNodeParameter('taskId', i, '')).trim();
			if (!id) throw new Error('Task ID: is required');
			const result = await client.cancel(id);
			output.push({ json: { id: result.id, cancelled: result.outcome === 'cancelled', deleted: true }, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			output.push(errorItem(nodeError, i));
		}
	}
	return output;
}
