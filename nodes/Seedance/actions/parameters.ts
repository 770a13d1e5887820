// The operations' own parameters read safely: an expression may give NaN, "abc", -1 or an object,
// and each is refused with the field, the rule and [item N] before any request is sent.

import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { DownloadSettings } from './items';

/** A parameter value that breaks its rule; `readChecked` turns it into the item's error. */
export class ParameterError extends Error {
	constructor(
		readonly field: string,
		readonly rule: string,
		readonly value: unknown,
	) {
		super(`${field}: ${rule}, got ${shown(value)}`);
		this.name = 'ParameterError';
	}
}

/** How a refused value is quoted in the message: short, and never "[object Object]". */
function shown(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
	if (Array.isArray(value)) return 'a list';
	return 'an object';
}

export interface NumberRule {
	min: number;
	max: number;
	integer?: boolean;
	/** The minimum itself is not allowed (a timeout of 0). */
	aboveMin?: boolean;
}

const ruleText = (rule: NumberRule) =>
	`must be ${rule.integer ? 'a whole number' : 'a number'} ${rule.aboveMin ? `above ${rule.min}` : `from ${rule.min}`} to ${rule.max}`;

/** A number, or a string that is one (a sheet cell); `fallback` when the value is absent. */
export function numberValue(field: string, value: unknown, fallback: number, rule: NumberRule): number {
	if (value === undefined || value === null || value === '') return fallback;
	// Number() ignores surrounding spaces itself; blank text must not become 0.
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
	const fits = Number.isFinite(n) && (rule.aboveMin ? n > rule.min : n >= rule.min) && n <= rule.max && (!rule.integer || Number.isInteger(n));
	if (!fits) throw new ParameterError(field, ruleText(rule), value);
	return n;
}

/** A true/false switch, also as the strings "true"/"false". */
export function booleanValue(field: string, value: unknown, fallback: boolean): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new ParameterError(field, 'must be true or false', value);
}

/** One of the listed choices. */
export function choiceValue<T extends string>(field: string, value: unknown, fallback: T, choices: readonly T[]): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
	throw new ParameterError(field, `must be one of ${choices.join(', ')}`, value);
}

/** A name such as a binary field: text without spaces. */
export function nameValue(field: string, value: unknown, fallback: string): string {
	if (value === undefined || value === null || value === '') return fallback;
	// Number.isFinite is false for anything but a finite number.
	const text = typeof value === 'string' ? value.trim() : Number.isFinite(value) ? String(value) : undefined;
	if (text === undefined || !text || /\s/.test(text)) throw new ParameterError(field, 'must be a name without spaces', value);
	return text;
}

/** Optional text, such as a model filter. */
export function textValue(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	// Blank text is no filter.
	if (typeof value === 'string') return value.trim() || undefined;
	if (Number.isFinite(value)) return String(value);
	throw new ParameterError(field, 'must be text', value);
}

/** One task ID: text without spaces inside. */
export function taskIdValue(field: string, value: unknown): string {
	// Number.isFinite is false for anything but a finite number.
	const id = typeof value === 'string' ? value.trim() : Number.isFinite(value) ? String(value) : undefined;
	if (id === undefined) throw new ParameterError(field, 'must be a task ID (text)', value);
	if (!id) throw new ParameterError(field, 'is required; map it from the output of Create', value);
	if (/\s/.test(id)) throw new ParameterError(field, 'must be one task ID, without spaces inside', value);
	return id;
}

/** Task IDs in one field: a list, or IDs separated by commas, spaces or new lines. */
export function taskIdsValue(field: string, value: unknown): string[] {
	// Stryker disable next-line Regex: the empty pieces between separators are dropped by filter(Boolean)
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [value];
	if (parts.length === 0) throw new ParameterError(field, 'is required; map it from the output of Create', value);
	return parts.map((part) => taskIdValue(field, part));
}

/** A collection parameter (Wait Options, Output Options…) as an object. */
export function collectionValue(field: string, value: unknown): IDataObject {
	if (value === undefined || value === null) return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	throw new ParameterError(field, 'must be a set of options', value);
}

/** A reader's value or what it threw, so that the caller decides what to raise. */
function tryRead<T>(read: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
	try {
		return { ok: true, value: read() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** The node error for item i's refused parameter (or any other failure reading it). */
function itemError(ctx: IExecuteFunctions, i: number, error: unknown): NodeOperationError {
	// Stryker disable next-line ConditionalExpression: NodeOperationError's constructor returns a NodeOperationError it is given unchanged
	if (error instanceof NodeOperationError) return error;
	if (error instanceof ParameterError) {
		return new NodeOperationError(ctx.getNode(), `${error.message} [item ${i}]`, { itemIndex: i, description: 'No request was sent for this item.' });
	}
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), { itemIndex: i });
}

/** Runs a reader for item i; a refused value becomes the node error with [item i]. */
export function readChecked<T>(ctx: IExecuteFunctions, i: number, read: () => T): T {
	const result = tryRead(read);
	if (!result.ok) throw itemError(ctx, i, result.error);
	return result.value;
}

/** Reads every item's parameters before anything is sent: a value, or the item's error. */
export function readAllChecked<T>(ctx: IExecuteFunctions, count: number, read: (i: number) => T): Array<{ value: T } | { error: NodeOperationError }> {
	return Array.from({ length: count }, (_, i) => {
		const result = tryRead(() => read(i));
		return result.ok ? { value: result.value } : { error: itemError(ctx, i, result.error) };
	});
}

export interface OutputSettings {
	download: DownloadSettings;
	includeRaw: boolean;
}

/** Download Video, Put Video in Field and the Output Options of Create and Wait and Get. */
export function readOutputSettings(ctx: IExecuteFunctions, i: number, downloadByDefault: boolean): OutputSettings {
	const output = collectionValue(
		// Stryker disable next-line StringLiteral: n8n hands a collection over as an object (anything else becomes its default), so this label never shows
		'Output Options',
		ctx.getNodeParameter('outputOptions', i, {}),
	);
	const video = booleanValue('Download Video', ctx.getNodeParameter('downloadVideo', i, downloadByDefault), downloadByDefault);
	return {
		download: {
			video,
			videoProperty: video ? nameValue('Put Video in Field', ctx.getNodeParameter('binaryPropertyName', i, null), 'data') : 'data',
			lastFrame: booleanValue('Output Options → Download Last Frame', output.downloadLastFrame, false),
			lastFrameProperty: nameValue('Output Options → Put Last Frame in Field', output.lastFrameBinaryPropertyName, 'lastFrame'),
		},
		includeRaw: booleanValue('Output Options → Include Raw Provider Task', output.includeRaw, false),
	};
}
