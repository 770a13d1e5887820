#!/usr/bin/env node
// Lists surviving mutants, file by file, with the source line: from the finished JSON report, or
// while Stryker runs, from its event recorder (reports/mutation/events).
// Usage: node scripts/mutation-survivors.js [--this-run] [path filter, e.g. nodes/Seedance/request]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { root, fromEvents, allEventFolders, fromReport, relativeFile } = require('./mutation-results');

const thisRun = process.argv.includes('--this-run');
const filter = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? '';
// The newest result per mutant: the running (or last) run's events, then (unless --this-run) earlier
// runs' copies (events-*), whose line numbers may be older than the code.
const events = fromEvents(thisRun ? ['events'] : allEventFolders());
const mutants = events.length ? events : (fromReport() ?? []);

const byFile = new Map();
for (const m of mutants) {
	if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
	const file = relativeFile(m);
	if (!file.includes(filter)) continue;
	byFile.set(file, [...(byFile.get(file) ?? []), m]);
}
for (const [file, list] of [...byFile].sort()) {
	const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
	console.log(`\n## ${file} (${list.length})`);
	for (const m of list.sort((a, b) => a.location.start.line - b.location.start.line)) {
		const line = m.location.start.line;
		const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
		console.log(`${line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${replacement}\n    ${lines[line - 1].trim().slice(0, 160)}`);
	}
}
