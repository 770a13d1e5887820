// The mutants of a Stryker run, for scripts/mutation-score.js and scripts/mutation-survivors.js:
// from the JSON report once a run has finished, or while it runs from its event recorder
// (reports/mutation/events, and earlier runs' copies kept as events-*).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'reports', 'mutation');
const reportFile = path.join(out, 'mutation.json');

const keyOf = (m) => `${m.fileName}:${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement}`;

/**
 * Mutants from event recorder folders, the first folder's result winning for a mutant (same file,
 * place, mutator and replacement). Mutants settled before testing (static, marked equivalent, no
 * coverage) come from the plan event.
 */
function fromEvents(folders = ['events']) {
	const found = new Map();
	const add = (m) => {
		if (!found.has(keyOf(m))) found.set(keyOf(m), m);
	};
	for (const folder of folders) {
		const dir = path.join(out, folder);
		if (!fs.existsSync(dir)) continue;
		const names = fs.readdirSync(dir).sort();
		for (const name of names.filter((n) => n.endsWith('-onMutantTested.json'))) add(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
		for (const name of names.filter((n) => n.endsWith('-onMutationTestingPlanReady.json'))) {
			for (const plan of JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')).mutantPlans) if (plan.plan === 'EarlyResult') add(plan.mutant);
		}
	}
	return [...found.values()];
}

/** The current run's folder first, then earlier runs' copies, newest name first. */
function allEventFolders() {
	const copies = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.startsWith('events-')).sort().reverse() : [];
	return ['events', ...copies];
}

/** Mutants of the finished run's JSON report, each with its file name; null when there is no report. */
function fromReport() {
	if (!fs.existsSync(reportFile)) return null;
	const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
	return Object.entries(report.files).flatMap(([fileName, { mutants }]) => mutants.map((m) => ({ ...m, fileName })));
}

/** Path of a mutant's file relative to the repository. */
const relativeFile = (m) => path.relative(root, path.resolve(root, m.fileName)).split(path.sep).join('/');

module.exports = { root, out, reportFile, fromEvents, allEventFolders, fromReport, relativeFile };
