#!/usr/bin/env node
// npm run test:mutation [-- <stryker options, e.g. --mutate nodes/Seedance/wait/gate.ts>]
// 1. maps which tests each jest file holds (redone only when a test file changed), so that Stryker
//    loads only the files that cover a mutant (test/mutation/sequencer.js);
// 2. runs Stryker (stryker.config.json: incremental, results in stryker-incremental.json);
// 3. prints the score per folder and checks the floors (scripts/mutation-score.js), on full runs.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'reports', 'mutation');
const mapFile = path.join(out, 'test-map.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);

function run(command, commandArgs, env = {}) {
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

function testFiles(dir = path.join(root, 'test')) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return ['e2e', 'scale'].includes(entry.name) ? [] : testFiles(full);
		return /\.(ts|js)$/.test(entry.name) ? [full] : [];
	});
}

fs.mkdirSync(out, { recursive: true });
const mapAge = fs.existsSync(mapFile) ? fs.statSync(mapFile).mtimeMs : 0;
if (testFiles().some((file) => fs.statSync(file).mtimeMs > mapAge)) {
	const jestJson = path.join(out, 'jest.json');
	console.log('Mapping tests to files (one jest run)...');
	run(bin('jest'), ['--ci', '--silent', '--json', `--outputFile=${jestJson}`]);
	run(process.execPath, [path.join(root, 'test', 'mutation', 'map.js'), jestJson, mapFile]);
}

const started = Date.now();
run(bin('stryker'), ['run', ...args], { SEEDANCE_TEST_MAP: mapFile });
console.log(`Stryker took ${((Date.now() - started) / 60000).toFixed(1)} min.`);
// Floors apply to a full run; a run narrowed with --mutate only prints its scores.
const narrowed = args.some((arg) => arg.startsWith('--mutate') || arg === '-m');
run(process.execPath, [path.join(root, 'scripts', 'mutation-score.js'), ...(narrowed ? ['--no-floors'] : [])]);
