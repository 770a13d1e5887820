// Jest runner used only under Stryker (jest.stryker.config.js): runs the test files one by one and
// stops after the first file with a failing test (test/mutation/environment.js sets the flag), as
// `--bail` would (Stryker turns jest's bail off). A killed mutant needs one failure; loading the next
// files (each loads n8n-core) and running them would only cost time.
'use strict';
const TestRunner = require('jest-runner').default;

class BailingRunner extends TestRunner {
	async runTests(tests, watcher, options) {
		if (!options.serial) return super.runTests(tests, watcher, options);
		for (const test of tests) {
			if (globalThis.__seedanceMutationRun?.failed) break;
			await super.runTests([test], watcher, options);
		}
	}
}

module.exports = BailingRunner;
