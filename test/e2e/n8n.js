'use strict';
// Real n8n for the end-to-end suite, the demo and `npm start`: installs it once (install-n8n.sh),
// installs this package into a user folder the way n8n installs community packages (the packed
// tarball into <user folder>/.n8n/nodes), and runs the n8n CLI or server on Node 24.

const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.n8n-e2e');
const NODE24 = path.join(CACHE, 'node24', 'node_modules', 'node', 'bin', 'node');
// The release under test: N8N_VERSION picks another one (install-n8n.sh installs it beside 2.40.7).
const VERSION = process.env.N8N_VERSION || '2.40.7';
const IS_V1 = VERSION.startsWith('1.');
// n8n 1.x's isWorkflowIdValid: the longest workflow ID whose static data it saves.
const V1_MAX_WORKFLOW_ID = 16;
const N8N_DIR = path.join(CACHE, VERSION === '2.40.7' ? 'n8n' : `n8n-${VERSION}`);
const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const OUT = path.join(ROOT, 'out');
// Fixed so that credentials imported in one command can be read by the next.
const ENCRYPTION_KEY = 'seedance-e2e-local-encryption-key';

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${(result.stderr || '').slice(-4000)}\n${(result.stdout || '').slice(-2000)}`);
	}
	return result.stdout;
}

/** Like run(), without blocking this process's event loop (the simulator may live in it). */
function runAsync(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (status) => {
			if (status === 0) resolve(stdout);
			else reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${status}):\n${stderr.slice(-4000)}\n${stdout.slice(-3000)}`));
		});
	});
}

function ensureInstalled() {
	run('bash', [path.join(__dirname, 'install-n8n.sh')], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, N8N_VERSION: VERSION } });
}

/** Debian's Chromium, for the editor test only. */
function ensureChromium() {
	run('bash', [path.join(__dirname, 'install-chromium.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** `npm pack` of the built package, as it would be published. */
function packPackage() {
	const out = run('npm', ['pack', '--json', '--pack-destination', CACHE], { cwd: ROOT });
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(CACHE, filename);
}

/** A fresh n8n user folder with this package installed in its nodes/ folder. */
function createUserFolder(name, tarball) {
	const folder = path.join(CACHE, 'users', name);
	fs.rmSync(folder, { recursive: true, force: true });
	const nodes = path.join(folder, '.n8n', 'nodes');
	fs.mkdirSync(nodes, { recursive: true });
	fs.writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	// As n8n's installer does: no scripts, and n8n provides the peer dependency (n8n-workflow).
	run('npm', ['install', tarball, '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodes });
	return folder;
}

function n8nEnv(folder, port = 5678) {
	// The examples write into out/ (and out/trigger/); n8n's file node does not create folders.
	fs.mkdirSync(path.join(OUT, 'trigger'), { recursive: true });
	return {
		...process.env,
		N8N_USER_FOLDER: folder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(port + 1000),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: OUT,
		N8N_LOG_LEVEL: 'warn',
		N8N_USER_MANAGEMENT_JWT_SECRET: 'seedance-e2e-jwt',
		N8N_EXPRESS_TRUST_PROXY: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
	};
}

/** Runs an n8n CLI command in a user folder and returns its standard output. */
async function n8n(folder, args, port, logLevel = 'warn') {
	return await runAsync(NODE24, [N8N_BIN, ...args], { env: { ...n8nEnv(folder, port), N8N_LOG_LEVEL: logLevel }, cwd: ROOT });
}

async function importJson(folder, kind, data) {
	const file = path.join(folder, `import-${kind}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	await n8n(folder, [`import:${kind}`, `--input=${file}`]);
}

/** Runs an imported workflow headless (`n8n execute --id`) and returns its run data. */
async function execute(folder, id) {
	// The run data is printed through n8n's logger at level info, as one JSON document.
	const out = await n8n(folder, ['execute', `--id=${id}`, '--rawOutput'], undefined, 'info');
	const start = out.search(/^\{/m);
	if (start < 0) throw new Error(`n8n execute printed no run data:\n${out.slice(-3000)}`);
	// Another log line can follow it (seen once, with the machine loaded): read the document alone.
	return JSON.parse(out.slice(start, jsonEnd(out, start)));
}

/** Where the JSON document starting at `start` ends: its closing brace, strings skipped. */
function jsonEnd(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
	}
	return text.length;
}

/** Activates an imported workflow: `publish:workflow` on 2.x, `update:workflow --active` on 1.x. */
async function activate(folder, id) {
	// n8n 1.x silently never saves static data (a trigger's memory) of a longer ID; 2.x allows 21.
	if (IS_V1 && id.length > V1_MAX_WORKFLOW_ID) {
		throw new Error(`Workflow ID "${id}" has ${id.length} characters: n8n 1.x keeps an active workflow's static data only for IDs of at most ${V1_MAX_WORKFLOW_ID}`);
	}
	await n8n(folder, IS_V1 ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
}

/**
 * POSTs JSON to a production webhook of a published workflow. n8n answers readiness before it has
 * registered the published workflows' webhooks (seconds later on a loaded machine): until then it
 * answers 404 "is not registered", so that answer is retried for up to a minute.
 */
async function postWebhook(url, body) {
	for (const until = Date.now() + 60_000; ; ) {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (res.status !== 404 || Date.now() > until) return res;
		const text = await res.clone().text();
		if (!text.includes('is not registered')) return res;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * Starts `n8n start` (or `command`, e.g. 'worker') and resolves once it answers on `readyPath`.
 * `env` adds to n8nEnv (queue mode, Postgres...); `healthPort` is where readiness is asked.
 */
async function startServer(folder, port, { command = 'start', env = {}, healthPort = port, readyPath = '/healthz/readiness' } = {}) {
	const child = spawn(NODE24, [N8N_BIN, command], { env: { ...n8nEnv(folder, port), ...env }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n exited (${child.exitCode}):\n${log.slice(-4000)}`);
		try {
			const res = await fetch(`http://127.0.0.1:${healthPort}${readyPath}`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`n8n did not become ready:\n${log.slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return {
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		log: () => log,
		/** SIGKILL, as a crash or an OOM kill would end it. */
		kill: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGKILL');
			}),
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
			}),
	};
}

/** Runs one query on the instance's SQLite database (with n8n's own sqlite3) and returns the rows. */
function querySqlite(folder, sql, params) {
	const script = `
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
		db.all(process.argv[2], JSON.parse(process.argv[3]), (err, rows) => {
			if (err) { console.error(err); process.exit(1); }
			process.stdout.write(JSON.stringify(rows));
		});`;
	const out = run(NODE24, ['-e', script, path.join(folder, '.n8n', 'database.sqlite'), sql, JSON.stringify(params)], {
		env: { ...process.env, NODE_PATH: path.join(N8N_DIR, 'node_modules') },
	});
	return JSON.parse(out);
}

/** Reads executions of a workflow from the instance's database. */
function executionsOf(folder, workflowId) {
	return querySqlite(folder, 'SELECT e.id, e.status, e.mode, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id', [workflowId]);
}

/** A workflow's static data as n8n saved it (null when it never did). */
function staticDataOf(folder, workflowId) {
	const [row] = querySqlite(folder, 'SELECT staticData FROM workflow_entity WHERE id = ?', [workflowId]);
	return row?.staticData ? JSON.parse(row.staticData) : null;
}

/** The simulator credential for a provider, in n8n's import format. */
function simulatorCredential(sim, provider, id = 'seedance-sim', name = 'Seedance (simulator)') {
	return { id, name, type: 'seedanceApi', data: { provider, apiKey: sim.apiKey, [`${provider}BaseUrl`]: sim.baseUrl(provider) } };
}

/** An example workflow prepared for the simulator, whose tasks take `taskSeconds`. */
function forSimulator(workflow, taskSeconds) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-seedance.seedance' && node.parameters.operation === 'createAndWait') {
			// The simulator's videos take seconds, not minutes: tell the wait schedule so.
			node.parameters.waitOptions = { ...(node.parameters.waitOptions || {}), expectedSeconds: taskSeconds };
		}
	}
	return copy;
}

module.exports = {
	ROOT, CACHE, OUT, NODE24, N8N_DIR, N8N_BIN, VERSION, IS_V1,
	ensureInstalled, ensureChromium, packPackage, createUserFolder, n8n, n8nEnv, importJson, execute, activate, postWebhook, startServer, executionsOf, staticDataOf, simulatorCredential, forSimulator,
};
