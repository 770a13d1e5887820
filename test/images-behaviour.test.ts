// Image bytes as the providers' rules see them: format, size and data-URL form, checked exactly.

import { CASES } from './behaviour/images.cases';

test.each(CASES)('$name', async ({ run, expected }) => {
	expect(await run()).toEqual(expected);
});
