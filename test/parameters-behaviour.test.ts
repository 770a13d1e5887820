// The operations' parameter readers called directly: each accepted form gives its exact value, and
// each refused one names the field, the rule and the value as the user gave it.

import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';
import {
	ParameterError,
	booleanValue,
	choiceValue,
	collectionValue,
	nameValue,
	numberValue,
	readAllChecked,
	readChecked,
	taskIdValue,
	taskIdsValue,
	textValue,
} from '../nodes/Seedance/actions/parameters';

const node = { name: 'Seedance', type: 'seedance', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const ctx = { getNode: () => node } as unknown as IExecuteFunctions;

/** The message a reader throws for a value. */
function refusal(read: () => unknown): string {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(ParameterError);
		expect((error as ParameterError).name).toBe('ParameterError');
		return (error as Error).message;
	}
	throw new Error('the value was accepted');
}

const TIMEOUT = { min: 0, max: 600, aboveMin: true };
const COUNT = { min: 1, max: 50, integer: true };

describe('how a refused value is quoted', () => {
	it.each<[unknown, string]>([
		['abc', 'Limit: must be a whole number from 1 to 50, got "abc"'],
		[' ', 'Limit: must be a whole number from 1 to 50, got " "'],
		['x'.repeat(40), `Limit: must be a whole number from 1 to 50, got "${'x'.repeat(40)}"`],
		['y'.repeat(41), `Limit: must be a whole number from 1 to 50, got "${'y'.repeat(40)}…"`],
		[0, 'Limit: must be a whole number from 1 to 50, got 0'],
		[Number.NaN, 'Limit: must be a whole number from 1 to 50, got NaN'],
		[true, 'Limit: must be a whole number from 1 to 50, got true'],
		[[3], 'Limit: must be a whole number from 1 to 50, got a list'],
		[{ n: 3 }, 'Limit: must be a whole number from 1 to 50, got an object'],
	])('%p', (value, message) => {
		expect(refusal(() => numberValue('Limit', value, 50, COUNT))).toBe(message);
	});

	it('null and undefined are quoted as such where they are refused', () => {
		expect(refusal(() => taskIdValue('Task ID', null))).toBe('Task ID: must be a task ID (text), got null');
		expect(refusal(() => taskIdValue('Task ID', undefined))).toBe('Task ID: must be a task ID (text), got undefined');
	});
});

describe('numberValue', () => {
	it('absent values give the fallback', () => {
		for (const absent of [undefined, null, '']) expect(numberValue('Limit', absent, 7, COUNT)).toBe(7);
	});

	it('reads numbers and number text (a sheet cell), trimmed', () => {
		expect(numberValue('Limit', 3, 7, COUNT)).toBe(3);
		expect(numberValue('Limit', ' 12 ', 7, COUNT)).toBe(12);
		expect(numberValue('Timeout', '2.5', 7, TIMEOUT)).toBe(2.5);
	});

	it('keeps to the bounds: from min, or above it', () => {
		expect(numberValue('Limit', 1, 7, COUNT)).toBe(1);
		expect(numberValue('Limit', 50, 7, COUNT)).toBe(50);
		expect(refusal(() => numberValue('Limit', 51, 7, COUNT))).toBe('Limit: must be a whole number from 1 to 50, got 51');
		expect(refusal(() => numberValue('Limit', 1.5, 7, COUNT))).toBe('Limit: must be a whole number from 1 to 50, got 1.5');
		expect(refusal(() => numberValue('Timeout', 0, 7, TIMEOUT))).toBe('Timeout: must be a number above 0 to 600, got 0');
		expect(refusal(() => numberValue('Timeout', '0', 7, TIMEOUT))).toBe('Timeout: must be a number above 0 to 600, got "0"');
		expect(numberValue('Timeout', 0.1, 7, TIMEOUT)).toBe(0.1);
		// Blank text is not 0, even where 0 is allowed.
		expect(refusal(() => numberValue('Wait', ' ', 7, { min: 0, max: 9 }))).toBe('Wait: must be a number from 0 to 9, got " "');
		expect(refusal(() => numberValue('Timeout', Infinity, 7, { min: 0, max: Infinity }))).toBe('Timeout: must be a number from 0 to Infinity, got Infinity');
	});
});

describe('booleanValue', () => {
	it('reads switches and their text', () => {
		for (const absent of [undefined, null, '']) expect(booleanValue('Return All', absent, true)).toBe(true);
		expect(booleanValue('Return All', false, true)).toBe(false);
		expect(booleanValue('Return All', 'false', true)).toBe(false);
		expect(booleanValue('Return All', 'true', false)).toBe(true);
		expect(refusal(() => booleanValue('Return All', 'yes', false))).toBe('Return All: must be true or false, got "yes"');
		expect(refusal(() => booleanValue('Return All', 1, false))).toBe('Return All: must be true or false, got 1');
	});
});

describe('choiceValue', () => {
	it('takes a listed choice only', () => {
		for (const absent of [undefined, null, '']) expect(choiceValue('On Timeout', absent, 'error', ['error', 'output'])).toBe('error');
		expect(choiceValue('On Timeout', 'output', 'error', ['error', 'output'])).toBe('output');
		expect(refusal(() => choiceValue('On Timeout', 'later', 'error', ['error', 'output']))).toBe('On Timeout: must be one of error, output, got "later"');
	});
});

describe('nameValue', () => {
	it('takes a name without spaces, trimmed, or a finite number', () => {
		for (const absent of [undefined, null, '']) expect(nameValue('Put Video in Field', absent, 'data')).toBe('data');
		expect(nameValue('Put Video in Field', ' clip ', 'data')).toBe('clip');
		expect(nameValue('Put Video in Field', 7, 'data')).toBe('7');
		expect(refusal(() => nameValue('Put Video in Field', 'my clip', 'data'))).toBe('Put Video in Field: must be a name without spaces, got "my clip"');
		expect(refusal(() => nameValue('Put Video in Field', '  ', 'data'))).toBe('Put Video in Field: must be a name without spaces, got "  "');
		expect(refusal(() => nameValue('Put Video in Field', Number.NaN, 'data'))).toBe('Put Video in Field: must be a name without spaces, got NaN');
	});
});

describe('textValue', () => {
	it('takes text (trimmed) or a finite number; blank is no filter', () => {
		for (const absent of [undefined, null, '', '   ']) expect(textValue('Filters → Model', absent)).toBeUndefined();
		expect(textValue('Filters → Model', ' seedance ')).toBe('seedance');
		expect(textValue('Filters → Model', 2)).toBe('2');
		expect(refusal(() => textValue('Filters → Model', Number.NaN))).toBe('Filters → Model: must be text, got NaN');
		expect(refusal(() => textValue('Filters → Model', Infinity))).toBe('Filters → Model: must be text, got Infinity');
		expect(refusal(() => textValue('Filters → Model', true))).toBe('Filters → Model: must be text, got true');
	});
});

describe('task IDs', () => {
	it('one ID: trimmed text or a number, never blank or with spaces inside', () => {
		expect(taskIdValue('Task ID', ' cgt-1 ')).toBe('cgt-1');
		expect(taskIdValue('Task ID', 42)).toBe('42');
		expect(refusal(() => taskIdValue('Task ID', Infinity))).toBe('Task ID: must be a task ID (text), got Infinity');
		expect(refusal(() => taskIdValue('Task ID', ' '))).toBe('Task ID: is required; map it from the output of Create, got " "');
		expect(refusal(() => taskIdValue('Task ID', 'cgt-1 cgt-2'))).toBe('Task ID: must be one task ID, without spaces inside, got "cgt-1 cgt-2"');
	});

	it('several IDs: a list, or text split at commas, spaces and new lines', () => {
		expect(taskIdsValue('Task IDs', 'cgt-1, cgt-2\ncgt-3  cgt-4,,cgt-5')).toEqual(['cgt-1', 'cgt-2', 'cgt-3', 'cgt-4', 'cgt-5']);
		expect(taskIdsValue('Task IDs', [' cgt-1', 2])).toEqual(['cgt-1', '2']);
		expect(taskIdsValue('Task IDs', 9)).toEqual(['9']);
		expect(refusal(() => taskIdsValue('Task IDs', ' , '))).toBe('Task IDs: is required; map it from the output of Create, got " , "');
		expect(refusal(() => taskIdsValue('Task IDs', []))).toBe('Task IDs: is required; map it from the output of Create, got a list');
		expect(refusal(() => taskIdsValue('Task IDs', ['cgt-1', {}]))).toBe('Task IDs: must be a task ID (text), got an object');
	});
});

describe('collectionValue', () => {
	it('takes an object; absent is none; anything else is refused', () => {
		expect(collectionValue('Wait Options', undefined)).toEqual({});
		expect(collectionValue('Wait Options', null)).toEqual({});
		expect(collectionValue('Wait Options', { a: 1 })).toEqual({ a: 1 });
		expect(refusal(() => collectionValue('Wait Options', [1]))).toBe('Wait Options: must be a set of options, got a list');
		expect(refusal(() => collectionValue('Wait Options', 'x'))).toBe('Wait Options: must be a set of options, got "x"');
	});
});

describe('readChecked and readAllChecked', () => {
	it('a refused value becomes the node error with [item N] and no request sent', () => {
		try {
			readChecked(ctx, 3, () => numberValue('Limit', 0, 1, COUNT));
			throw new Error('accepted');
		} catch (error) {
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe('Limit: must be a whole number from 1 to 50, got 0 [item 3]');
			expect((error as NodeOperationError).description).toBe('No request was sent for this item.');
			expect((error as NodeOperationError).context.itemIndex).toBe(3);
		}
		expect(readChecked(ctx, 0, () => 5)).toBe(5);
	});

	it('a node error passes as it is; any other failure keeps its message and the item', () => {
		const own = new NodeOperationError(node, 'own words');
		expect(() => readChecked(ctx, 1, () => { throw own; })).toThrow(own);
		try {
			readChecked(ctx, 2, () => { throw new Error('boom'); });
			throw new Error('accepted');
		} catch (error) {
			expect((error as NodeOperationError).message).toBe('boom');
			expect((error as NodeOperationError).context.itemIndex).toBe(2);
		}
	});

	it('every item is read: values and errors side by side', () => {
		const results = readAllChecked(ctx, 3, (i) => numberValue('Limit', [5, 'x', 9][i], 1, COUNT));
		expect(results[0]).toEqual({ value: 5 });
		expect(results[2]).toEqual({ value: 9 });
		expect('error' in results[1] && results[1].error.message).toBe('Limit: must be a whole number from 1 to 50, got "x" [item 1]');
	});
});
