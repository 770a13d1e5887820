/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// Provider facts live in providers/: a grep for a provider's ID anywhere else in the node finds nothing.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROVIDER_IDS } from '../nodes/Seedance/providers/catalog';

const NODE_DIR = path.join(__dirname, '../nodes/Seedance');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
	});
}

const SCANNED = [
	...['request', 'actions', 'methods'].flatMap((dir) => filesUnder(path.join(NODE_DIR, dir))),
	...readdirSync(NODE_DIR).filter((name) => name.endsWith('.node.ts')).map((name) => path.join(NODE_DIR, name)),
];

describe('no provider ID outside providers/', () => {
	test('the scan covers the rules, the editor fields, the model list and both node files', () => {
		const names = SCANNED.map((f) => path.relative(NODE_DIR, f));
		expect(names).toEqual(expect.arrayContaining(['request/rules.ts', 'request/models.ts', 'actions/video/fields.ts', 'methods/listSearch.ts', 'Seedance.node.ts', 'SeedanceTrigger.node.ts']));
	});

	test.each(SCANNED.map((f) => [path.relative(NODE_DIR, f), f]))('%s names no provider', (_, file) => {
		const source = readFileSync(file, 'utf8');
		const found = PROVIDER_IDS.filter((id) => new RegExp(`['"\`]${id}['"\`]`).test(source) || new RegExp(`\\.${id}\\b(?![.-])`).test(source));
		expect(found).toEqual([]);
	});
});
