// What a parked Create and Wait remembers between its creates and the callbacks that resume it,
// and the URL the provider calls. Kept in the execution's node context, which n8n stores with the
// waiting execution (and a queue worker loads), so that every item is resumed, not only the first.

import { z } from 'zod';
import type { IDataObject, IExecuteFunctions, IWebhookDescription, IWebhookFunctions } from 'n8n-workflow';

/** The suffix of the execution's resume URL the provider calls. */
export const CALLBACK_PATH = 'seedance-callback';

/**
 * The webhook methods of a node whose callback URL is given per task (Ark's callback_url): there is
 * nothing to register with the provider, so n8n's lifecycle calls succeed at once.
 */
export const PER_TASK_CALLBACK_METHODS = {
	default: {
		checkExists: async (): Promise<boolean> => true,
		create: async (): Promise<boolean> => true,
		delete: async (): Promise<boolean> => true,
	},
};

/** The webhook a waiting execution resumes through (n8n matches it by path and restartWebhook). */
export const CALLBACK_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	path: CALLBACK_PATH,
	restartWebhook: true,
	responseMode: 'onReceived',
};

const CONTEXT_KEY = 'seedanceCallbackWait';

const planItemSchema = z.object({
	taskId: z.string().optional(),
	/** The item failed before or at create (Continue On Fail): output as this error item. */
	error: z.object({ message: z.string(), description: z.string().optional() }).optional(),
	extra: z.record(z.unknown()).optional(),
	submittedAt: z.number(),
	timeoutAt: z.number(),
	onTimeout: z.string(),
	includeRaw: z.boolean(),
	download: z.object({ video: z.boolean(), videoProperty: z.string(), lastFrame: z.boolean(), lastFrameProperty: z.string() }),
});

export const planSchema = z.object({ v: z.literal(1), items: z.array(planItemSchema) });
export type CallbackPlan = z.infer<typeof planSchema>;
export type PlanItem = z.infer<typeof planItemSchema>;

/** Stores the plan in the node context of the execution (saved with the waiting execution). */
export function savePlan(ctx: IExecuteFunctions, plan: CallbackPlan) {
	ctx.getContext('node')[CONTEXT_KEY] = plan as unknown as IDataObject;
}

/**
 * The plan of the parked execution, from the execution data n8n hands the resuming webhook
 * (its node context); undefined when absent or not what this code wrote.
 */
export function loadPlan(ctx: IWebhookFunctions): CallbackPlan | undefined {
	const runData = Reflect.get(ctx, 'runExecutionData') as { executionData?: { contextData?: Record<string, IDataObject> } } | null | undefined;
	const stored = runData?.executionData?.contextData?.[`node:${ctx.getNode().name}`]?.[CONTEXT_KEY];
	const parsed = planSchema.safeParse(stored);
	return parsed.success ? parsed.data : undefined;
}

/** Whether a provider on the internet can reach this URL (not missing, not loopback or localhost). */
export function isPublicUrl(url: unknown): url is string {
	if (typeof url !== 'string' || !url) return false;
	let host: string;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		return false;
	}
	return !(host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]' || host === '0.0.0.0' || host === '');
}

/**
 * The callback URL of this execution: its resume URL plus the webhook's path. With a resume
 * token (`?signature=…`), n8n reads the path after a slash inside the token.
 */
export function callbackUrlOf(resumeUrl: string): string {
	return `${resumeUrl}/${CALLBACK_PATH}`;
}
