#!/usr/bin/env node
// Lists the mutants marked equivalent in the code (`// Stryker disable next-line <mutators>: <reason>`),
// file by file, as the Markdown list README's Mutation testing section holds.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function sources(dir) {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.posix.join(dir, entry.name);
		if (entry.isDirectory()) return sources(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

let total = 0;
const lines = [];
for (const file of [...sources('credentials'), ...sources('nodes')].sort()) {
	const marks = fs
		.readFileSync(path.join(root, file), 'utf8')
		.split('\n')
		.map((line, index) => ({ line: index + 2, match: /\/\/ Stryker disable next-line (\S+): (.*)$/.exec(line) }))
		.filter(({ match }) => match);
	if (!marks.length) continue;
	total += marks.length;
	lines.push(`- \`${file.replace('nodes/Seedance/', '')}\` (${marks.length}):`);
	for (const { line, match } of marks) lines.push(`  - ${line} ${match[1].split(',').join(', ')}: ${match[2]}`);
}
console.log(`${total} lines marked equivalent:\n\n${lines.join('\n')}`);
