/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// README's provider × model × mode tables are generated from the capability table; this fails when
// they drift. `npm run docs:table` (UPDATE_README=1) rewrites them.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withTables } from './docs/capabilityTables';

const README = path.join(__dirname, '../README.md');

test('README tables are generated from the capability table (run npm run docs:table)', () => {
	const readme = readFileSync(README, 'utf8');
	const generated = withTables(readme);
	if (process.env.UPDATE_README === '1' && generated !== readme) writeFileSync(README, generated);
	else expect(readme).toBe(generated);
});
