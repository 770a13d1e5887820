// Jest under Stryker: the usual config, plus a sequencer that runs only the files holding the
// tests that cover the mutant (test/mutation/sequencer.js) and an environment that stops at the
// first failure (test/mutation/environment.js).
const base = require('./jest.config');

module.exports = { ...base, testSequencer: '<rootDir>/test/mutation/sequencer.js', testEnvironment: '<rootDir>/test/mutation/environment.js' };
