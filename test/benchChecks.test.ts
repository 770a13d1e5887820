/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node, never in n8n */
// The benches' checks (bench/checks.js): a figure that shows a broken run makes the bench process
// exit non-zero, and only then.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** Runs a small bench-like script that records figures and exits with checks.report(). */
function benchExit(figures: string): { status: number | null; stderr: string } {
	const script = `const checks = require('./bench/checks'); ${figures}; process.exit(checks.report());`;
	const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
	return { status: run.status, stderr: run.stderr };
}

test('figures of a working run: exit 0, nothing printed', () => {
	expect(benchExit(`checks.equal('download, 10 MB: bytes stored', 10485760, 10485760); checks.none('batch: failed items', 0); checks.atMost('rateLimit: replies 429', 7, 20)`)).toEqual({ status: 0, stderr: '' });
});

test.each([
	['a download of another size than served', `checks.equal('download, 10 MB: bytes stored', 64, 10485760)`, /download, 10 MB: bytes stored: 64, expected 10485760/],
	['a download whose bytes differ', `checks.equal('download: SHA-256 stored = served', 'ab', 'cd')`, /SHA-256 stored = served: "ab", expected "cd"/],
	['failed items', `checks.none('batch, 50 items: failed items', 3)`, /failed items: 3, expected 0/],
	['errors counted', `checks.none('download: errors', 1)`, /errors: 1, expected 0/],
	['a 429 storm', `checks.atMost('rateLimit: replies 429', 11583, 20)`, /replies 429: 11583, expected at most 20/],
	['a figure that is not a number', `checks.atMost('rateLimit: replies 429', undefined, 20)`, /replies 429: undefined, expected at most 20/],
])('%s: exit 1, naming the figure', (_, figures, message) => {
	const { status, stderr } = benchExit(`checks.none('batch: failed items', 0); ${figures}`);
	expect(status).toBe(1);
	expect(stderr).toMatch(/BROKEN RUN: 1 figure/);
	expect(stderr).toMatch(message);
});
