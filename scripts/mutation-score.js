#!/usr/bin/env node
// Mutation score per folder from Stryker's JSON report, and the floors issue 15 set: 85% for
// request/, wait/ and trigger/, 75% for everything. Exits non-zero when a floor is missed.
'use strict';
const path = require('node:path');
const { reportFile, fromEvents, fromReport, relativeFile } = require('./mutation-results');

const floors = { 'nodes/Seedance/request': 85, 'nodes/Seedance/wait': 85, 'nodes/Seedance/trigger': 85, all: 75 };

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function folderOf(file) {
	const dir = path.posix.dirname(file);
	return dir.startsWith('nodes/Seedance/actions') ? 'nodes/Seedance/actions' : dir;
}

function tally(mutants) {
	const rows = new Map();
	const add = (key, status) => {
		const row = rows.get(key) ?? { detected: 0, undetected: 0, timedOut: 0, ignored: 0, invalid: 0 };
		if (status === 'Timeout') row.timedOut++;
		if (DETECTED.has(status)) row.detected++;
		else if (UNDETECTED.has(status)) row.undetected++;
		else if (status === 'Ignored') row.ignored++;
		else row.invalid++;
		rows.set(key, row);
	};
	for (const mutant of mutants) {
		add(folderOf(relativeFile(mutant)), mutant.status);
		add('all', mutant.status);
	}
	return rows;
}

const score = (row) => (row.detected + row.undetected === 0 ? 100 : (100 * row.detected) / (row.detected + row.undetected));
// On a loaded machine a slow test can time out without the mutant being at fault: the score if every
// timed-out mutant had survived.
const floorScore = (row) => score({ detected: row.detected - row.timedOut, undetected: row.undetected + row.timedOut });

function main() {
	const partial = process.argv.includes('--events');
	const mutants = partial ? fromEvents() : fromReport();
	if (!mutants) {
		console.error(`No report at ${reportFile}: run "npm run test:mutation" first.`);
		process.exit(2);
	}
	const rows = tally(mutants);
	const keys = [...rows.keys()].filter((k) => k !== 'all').sort();
	const pad = (s, n) => String(s).padEnd(n);
	console.log(`\n${pad('folder', 32)}${pad('score', 9)}${pad('killed', 8)}${pad('survived', 10)}${pad('timed out', 11)}${pad('w/o t.o.', 10)}${pad('ignored', 9)}invalid`);
	let missed = 0;
	for (const key of [...keys, 'all']) {
		const row = rows.get(key);
		const floor = floors[key];
		const ok = floor === undefined || score(row) >= floor;
		if (!ok) missed++;
		const mark = floor === undefined ? '' : ok ? `  ≥ ${floor}% ok` : `  < ${floor}% FLOOR MISSED`;
		console.log(`${pad(key, 32)}${pad(score(row).toFixed(1) + '%', 9)}${pad(row.detected, 8)}${pad(row.undetected, 10)}${pad(row.timedOut, 11)}${pad(floorScore(row).toFixed(1) + '%', 10)}${pad(row.ignored, 9)}${row.invalid}${mark}`);
	}
	console.log('\nscore = (killed + timed out) / (killed + timed out + survived + no coverage); killed includes timed out; "w/o t.o." counts timed-out mutants as survivors; ignored = static or marked equivalent; invalid = did not compile.');
	if (partial) console.log('(--events: only the mutants tested so far)');
	else if (missed && !process.argv.includes('--no-floors')) process.exit(1);
}

main();
