/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, never in n8n */
// The GitHub Action that publishes to npm cannot run here: its steps are checked as written.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'publish.yml'), 'utf8')) as {
	on: { push: { tags: string[] } };
	permissions: Record<string, string>;
	jobs: { publish: { if: string; permissions: Record<string, string>; steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }> } };
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	version: string;
	repository: { type: string; url: string };
	homepage: string;
	author: { name: string; email: string };
};
const job = workflow.jobs.publish;
const runs = job.steps.map((s) => s.run).filter((r): r is string => Boolean(r));

test('publishes on a version tag: npm ci, npm test, then npm publish with provenance', () => {
	expect(workflow.on.push.tags).toEqual(['v*.*.*']);
	const ci = runs.indexOf('npm ci');
	const test = runs.indexOf('npm test');
	const publish = runs.indexOf('npm publish --provenance --access public');
	expect([ci, test, publish].every((i) => i >= 0)).toBe(true);
	expect(ci).toBeLessThan(test);
	expect(test).toBeLessThan(publish);
	expect(runs.filter((r) => r.startsWith('npm publish'))).toHaveLength(1);
	expect(job.steps.find((s) => s.run?.startsWith('npm publish'))?.env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
	expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['registry-url']).toBe('https://registry.npmjs.org');
});

test('the job may sign provenance (id-token: write) and nothing else may write', () => {
	expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	expect(workflow.permissions).toEqual({ contents: 'read' });
});

test('package.json repository and author agree with the repository the workflow publishes from', () => {
	const repo = /^github\.repository == '([\w.-]+\/[\w.-]+)'$/.exec(job.if)?.[1];
	expect(repo).toBeDefined();
	expect(pkg.repository).toEqual({ type: 'git', url: `https://github.com/${repo}.git` });
	expect(pkg.homepage.startsWith(`https://github.com/${repo}`)).toBe(true);
	expect(pkg.author.name).toMatch(/\S/);
	expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
});

test('the tag must equal the package version before anything is published', () => {
	const check = runs.findIndex((r) => r.includes('GITHUB_REF_NAME#v') && r.includes('require("./package.json").version'));
	expect(check).toBeGreaterThanOrEqual(0);
	expect(check).toBeLessThan(runs.indexOf('npm publish --provenance --access public'));
});
