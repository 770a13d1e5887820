// Jest test sequencer used only under Stryker (jest.stryker.config.js). For each mutant Stryker runs
// jest with a pattern naming the tests that cover it, and jest would still load all test files (each
// loads n8n-core) to find them: most of a mutant's time. This keeps only the files holding a covering
// test, from the map test/mutation/map.js wrote before the run, cheapest first, and within a budget
// of test time per mutant (SEEDANCE_MUTATION_BUDGET_MS, default 30000, 0 = none). Past the budget
// the slower files are not run, so a mutant only they would kill is reported as surviving: the score
// can only be lower than without the budget, never higher.
'use strict';
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

const budgetMs = Number(process.env.SEEDANCE_MUTATION_BUDGET_MS ?? 30000);

class RelatedFilesSequencer extends Sequencer {
	constructor(options) {
		super(options);
		(globalThis.__seedanceMutationRun ??= {}).failed = false;
		this.pattern = options.globalConfig.testNamePattern;
		const mapFile = process.env.SEEDANCE_TEST_MAP;
		this.map = mapFile && fs.existsSync(mapFile) ? JSON.parse(fs.readFileSync(mapFile, 'utf8')) : undefined;
	}

	sort(tests) {
		const sorted = super.sort(tests);
		if (!this.pattern || !this.map) return sorted;
		// Same test as jest's own: the pattern, case-insensitive, against each test's full name.
		const pattern = new RegExp(this.pattern, 'i');
		const costOf = (test) => {
			const durations = this.map[test.path.split('/test/').pop()];
			// A file missing from the map (new since it was written) always runs, last.
			if (!durations) return Infinity;
			const matching = Object.entries(durations).filter(([name]) => pattern.test(name));
			return matching.length ? matching.reduce((ms, [, d]) => ms + d + 5, 0) : undefined;
		};
		const costed = sorted.map((test) => ({ test, cost: costOf(test) })).filter((t) => t.cost !== undefined);
		if (!costed.length) return sorted;
		costed.sort((a, b) => a.cost - b.cost);
		let spent = 0;
		return costed
			.filter(({ cost }, index) => {
				const keep = index === 0 || cost === Infinity || !budgetMs || spent + cost <= budgetMs;
				if (keep) spent += cost === Infinity ? 0 : cost;
				return keep;
			})
			.map(({ test }) => test);
	}
}

module.exports = RelatedFilesSequencer;
