// Under Stryker only: n8n-workflow, n8n-core and n8n-core's @n8n/di loaded once per Stryker test
// runner process, outside jest's per-file module registry, and handed to every test file through
// moduleNameMapper (jest.stryker.config.js). Loading them costs about 3 s of CPU per test file, which
// was most of the cost of a mutant. Our own code (the mutated code) is still loaded fresh per file.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function load() {
	// What test/harness/binaryModes.ts would set before n8n-core first loads.
	const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'seedance-binary-'));
	process.env.N8N_USER_FOLDER ??= storage;
	process.env.N8N_ENCRYPTION_KEY ??= 'seedance-test';
	process.env.N8N_BINARY_DATA_STORAGE_PATH ??= path.join(storage, 'binary');
	const coreEntry = require.resolve('n8n-core');
	return {
		'n8n-workflow': require('n8n-workflow'),
		'n8n-core': require('n8n-core'),
		di: require(require.resolve('@n8n/di', { paths: [path.dirname(coreEntry)] })),
	};
}

module.exports = globalThis.__seedanceSharedModules ??= load();
