// Jest environment used only under Stryker (jest.stryker.config.js): stops a mutant's run at its
// first failing test, as `--bail` would (Stryker turns jest's bail off). A killed mutant needs one
// failure; the remaining covering tests, seconds each for engine tests, would only cost time.
// The flag is reset by test/mutation/sequencer.js, which jest builds once per run, and read by
// test/mutation/runner.js, which then loads no further test file.
'use strict';
const NodeEnvironment = require('jest-environment-node').default;
// Only when jest.stryker.config.js maps n8n's packages to the shared copies (unless ..._SHARE_N8N=0).
const shared = process.env.SEEDANCE_MUTATION_SHARE_N8N !== '0' ? require('./shared/modules') : undefined;

const run = (globalThis.__seedanceMutationRun ??= {});

class BailingEnvironment extends NodeEnvironment {
	constructor(config, context) {
		super(config, context);
		if (shared) {
			this.global.__seedanceShared = shared;
			// The shared n8n-workflow checks `instanceof Error` in its own realm: errors a test or our
			// code constructs must come from that realm too (errors the engine itself throws, such as
			// a TypeError from reading a property of undefined, still come from the test's realm).
			for (const name of ['Error', 'TypeError', 'RangeError', 'SyntaxError']) this.global[name] = globalThis[name];
		}
	}

	async setup() {
		await super.setup();
		// Each file starts with n8n-core's services new, as with its own copy of n8n-core.
		shared?.di.Container.reset();
	}

	async handleTestEvent(event, state) {
		if (event.name === 'test_fn_failure' || event.name === 'hook_failure') run.failed = true;
		if (event.name === 'test_start' && run.failed) event.test.mode = 'skip';
		await super.handleTestEvent?.(event, state);
	}
}

module.exports = BailingEnvironment;
