// Jest under Stryker: the usual config, plus a sequencer that runs only the files holding the
// tests that cover the mutant (test/mutation/sequencer.js), and an environment and a runner that
// stop at the first failure (test/mutation/environment.js, runner.js). Absolute paths: Stryker wraps the environment and
// does not expand <rootDir>.
const path = require('node:path');
const base = require('./jest.config');

// Unless SEEDANCE_MUTATION_SHARE_N8N=0: n8n's packages loaded once per process, not once per test
// file (test/mutation/shared/modules.js), which halves the suite's CPU time. n8n-workflow then lives
// in another realm than the tests; test/mutation/environment.js hands the tests that realm's Error
// constructors so that n8n's `instanceof Error` checks hold (the dry run passes every test).
const shareN8n = process.env.SEEDANCE_MUTATION_SHARE_N8N !== '0';

module.exports = {
	...base,
	testSequencer: path.join(__dirname, 'test', 'mutation', 'sequencer.js'),
	testEnvironment: path.join(__dirname, 'test', 'mutation', 'environment.js'),
	runner: path.join(__dirname, 'test', 'mutation', 'runner.js'),
	...(shareN8n && {
		moduleNameMapper: {
			'^n8n-workflow$': path.join(__dirname, 'test', 'mutation', 'shared', 'n8n-workflow.js'),
			'^n8n-core$': path.join(__dirname, 'test', 'mutation', 'shared', 'n8n-core.js'),
			'@n8n/di/dist/di\\.js$': path.join(__dirname, 'test', 'mutation', 'shared', 'di.js'),
		},
	}),
};
