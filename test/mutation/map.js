// Writes which tests each jest file holds and how long each took (file under test/ → { name: ms }),
// read by sequencer.js. Usage: node test/mutation/map.js <jest --json output> <map file>
'use strict';
const fs = require('node:fs');

const [, , jestJson, mapFile] = process.argv;
const results = JSON.parse(fs.readFileSync(jestJson, 'utf8'));
if (!results.success) {
	console.error('The test suite fails; fix it before mutation testing.');
	process.exit(1);
}
const map = {};
for (const file of results.testResults) {
	map[file.name.split('/test/').pop()] = Object.fromEntries(file.assertionResults.map((test) => [test.fullName, test.duration ?? 0]));
}
fs.writeFileSync(mapFile, JSON.stringify(map, null, '\t'));
console.log(`${Object.keys(map).length} test files, ${Object.values(map).reduce((n, f) => n + Object.keys(f).length, 0)} tests mapped into ${mapFile}`);
