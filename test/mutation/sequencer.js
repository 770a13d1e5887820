// Jest test sequencer used only under Stryker (jest.stryker.config.js). For each mutant Stryker runs
// jest with a test-name pattern of the tests that cover it, and jest would still load and collect all
// 24 test files (each loads n8n-core) to find them: most of a mutant's time. This keeps only the files
// that hold a test matching the pattern, from the map `test/mutation/map.js` wrote before the run,
// quickest files first, and resets the bail flag of test/mutation/environment.js for this run.
'use strict';
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

class RelatedFilesSequencer extends Sequencer {
	constructor(options) {
		super(options);
		(globalThis.__seedanceMutationRun ??= { failed: false }).failed = false;
		this.pattern = options.globalConfig.testNamePattern;
		const mapFile = process.env.SEEDANCE_TEST_MAP;
		this.map = mapFile && fs.existsSync(mapFile) ? JSON.parse(fs.readFileSync(mapFile, 'utf8')) : undefined;
	}

	sort(tests) {
		const sorted = super.sort(tests);
		if (!this.pattern || !this.map) return sorted;
		// Same test as jest's own: the pattern, case-insensitive, against each test's full name.
		const pattern = new RegExp(this.pattern, 'i');
		const entry = (test) => this.map[test.path.split('/test/').pop()];
		// A file missing from the map (new since it was written) always runs, last.
		const keep = sorted.filter((test) => entry(test) === undefined || entry(test).tests.some((name) => pattern.test(name)));
		const cost = (test) => entry(test)?.ms ?? Infinity;
		return (keep.length ? keep : sorted).sort((a, b) => cost(a) - cost(b));
	}
}

module.exports = RelatedFilesSequencer;
