// The wait loop's parts on a virtual clock: schedule, gate, looker, submit and wait, exact values.

import { CASES } from './behaviour/wait.cases';

test.each(CASES)('$name', async ({ run, expected }) => {
	expect(await run()).toEqual(expected);
});
