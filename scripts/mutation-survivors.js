#!/usr/bin/env node
// Lists surviving mutants, file by file, with the source line: from the finished JSON report, or
// while Stryker runs, from its event recorder (reports/mutation/events).
// Usage: node scripts/mutation-survivors.js [path filter, e.g. nodes/Seedance/request]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'reports', 'mutation');
const filter = process.argv[2] ?? '';

function mutants() {
	// Event recorder folders (events/, and earlier runs' copies events-*/), the newest result per mutant.
	const folders = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.startsWith('events')).sort().reverse() : [];
	const latest = new Map();
	for (const folder of ['events', ...folders.filter((f) => f !== 'events')]) {
		const dir = path.join(out, folder);
		if (!fs.existsSync(dir)) continue;
		for (const f of fs.readdirSync(dir).filter((name) => name.endsWith('-onMutantTested.json'))) {
			const m = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
			const key = `${m.fileName}:${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement}`;
			if (!latest.has(key)) latest.set(key, m);
		}
	}
	if (latest.size) return [...latest.values()];
	const report = JSON.parse(fs.readFileSync(path.join(out, 'mutation.json'), 'utf8'));
	return Object.entries(report.files).flatMap(([fileName, { mutants }]) => mutants.map((m) => ({ ...m, fileName })));
}

const byFile = new Map();
for (const m of mutants()) {
	if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
	const file = path.relative(root, path.resolve(root, m.fileName));
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
