'use strict';
// Figures a bench prints that show a broken run (a download of the wrong size, failed items, errors,
// a 429 storm): each bench records them here, and bench/run.js exits non-zero after printing
// everything when any was recorded, so that a broken run never passes as a measurement.

const problems = [];

/** Records a problem unless `actual` equals `expected`. */
function equal(what, actual, expected) {
	if (actual !== expected) problems.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/** Records a problem unless the count is 0 (failed items, errors). */
function none(what, count) {
	equal(what, count, 0);
}

/** Records a problem unless `value` is a number no larger than `limit`. */
function atMost(what, value, limit) {
	if (!(typeof value === 'number' && value <= limit)) problems.push(`${what}: ${JSON.stringify(value)}, expected at most ${limit}`);
}

/** Prints what was recorded; the exit code a bench process should end with (1 when anything was). */
function report(log = console.error) {
	if (problems.length === 0) return 0;
	log(`\nBROKEN RUN: ${problems.length} figure(s) show a run that did not work:`);
	for (const problem of problems) log(`- ${problem}`);
	return 1;
}

module.exports = { equal, none, atMost, report, problems };
