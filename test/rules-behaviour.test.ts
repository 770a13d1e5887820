// Every validation rule, checked on the exact words a user reads: the field, the rule, what was given.

import { describeIssues, validateRequest } from '../nodes/Seedance/request/rules';
import { CASES } from './behaviour/rules.cases';

test.each(CASES)('$name', ({ run, expected }) => {
	expect(run()).toEqual(expected);
});

test('a valid request comes out trimmed, with every list and option defaulted', () => {
	const result = validateRequest('volcengine', { mode: 'draftRender', model: ' doubao-seedance-1-5-pro-251215 ', draftTaskId: ' cgt-123 ', referenceImages: [] });
	expect(result).toEqual({
		ok: true,
		request: {
			mode: 'draftRender',
			model: 'doubao-seedance-1-5-pro-251215',
			prompt: '',
			firstFrameImage: '',
			lastFrameImage: '',
			sourceVideo: '',
			referenceImages: [],
			referenceVideos: [],
			referenceAudios: [],
			draftTaskId: 'cgt-123',
			options: {},
		},
	});
});

test('media URLs are trimmed', () => {
	const result = validateRequest('volcengine', {
		mode: 'reference',
		model: 'doubao-seedance-2-0-260128',
		prompt: 'a',
		referenceImages: [' https://cdn.example.com/a.png '],
	});
	expect(result.ok && result.request.referenceImages).toEqual(['https://cdn.example.com/a.png']);
});

test('issues read as one line: "Field: message; Field: message"', () => {
	const result = validateRequest('volcengine', { mode: 'firstLastFrame', model: 'doubao-seedance-2-0-260128', prompt: 'a' });
	expect(result.ok).toBe(false);
	if (!result.ok) {
		expect(result.issues.map((i) => i.path)).toEqual(['firstFrameImage', 'lastFrameImage']);
		expect(describeIssues(result.issues)).toBe('First Frame Image: is required for First and Last Frame; Last Frame Image: is required for First and Last Frame');
	}
});
