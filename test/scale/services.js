'use strict';
// Postgres and Redis for the queue-mode scale test, on loopback with our own ports and data folders.
// Debian's packages, installed on first use with apt-get (as root, or through sudo), then reused.
// Each start returns stop(), which ends only the process this harness started.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CACHE } = require('../e2e/n8n');

const LOG = path.join(CACHE, 'install.log');
const isRoot = process.getuid?.() === 0;

function sh(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
	return result.stdout;
}

/** The folder of Postgres' programs (Debian puts them under /usr/lib/postgresql/<major>/bin). */
function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const majors = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(base, majors[0], 'bin') : undefined;
}

/** apt-get install, once per machine, its output in .n8n-e2e/install.log. */
function aptInstall(packages) {
	const started = Date.now();
	console.log(`[scale] installing ${packages.join(', ')} from Debian (once; details in ${LOG})`);
	fs.mkdirSync(CACHE, { recursive: true });
	const out = fs.openSync(LOG, 'a');
	const sudo = isRoot ? [] : ['sudo'];
	for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', ...packages]]) {
		const cmd = [...sudo, ...args];
		const result = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', out, out], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (result.status !== 0) throw new Error(`${cmd.join(' ')} failed: see ${LOG}`);
	}
	fs.closeSync(out);
	console.log(`[scale]   done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function ensureServices() {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (spawnSync('redis-server', ['--version']).status !== 0) missing.push('redis-server');
	if (missing.length) aptInstall(missing);
}

/** Runs a Postgres program as the `postgres` user when we are root (Postgres refuses root). */
function asPostgres(program, args) {
	const bin = path.join(postgresBin(), program);
	return isRoot ? sh('runuser', ['-u', 'postgres', '--', bin, ...args]) : sh(bin, args);
}

/** A throwaway Postgres cluster (trust auth, user `postgres`, database `n8n`) on 127.0.0.1:port. */
async function startPostgres(port) {
	const data = fs.mkdtempSync(path.join(os.tmpdir(), 'seedance-scale-pg-'));
	fs.chmodSync(data, 0o700);
	if (isRoot) sh('chown', ['-R', 'postgres:postgres', data]);
	asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
	asPostgres('pg_ctl', ['-D', data, '-l', path.join(data, 'server.log'), '-w', '-o', `-p ${port} -h 127.0.0.1 -k ${data} -c fsync=off -c max_connections=200`, 'start']);
	asPostgres('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n']);
	return {
		env: {
			DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'postgres', DB_POSTGRESDB_PASSWORD: '',
		},
		/** Rows of a query, as JSON objects. */
		query: (sql) => {
			const out = asPostgres('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'n8n', '-At', '-c', `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`]);
			return JSON.parse(out);
		},
		stop: () => {
			// pg_ctl stops the postmaster this cluster's pid file names: the one started above.
			asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
			fs.rmSync(data, { recursive: true, force: true });
		},
	};
}

/** A Redis without persistence on 127.0.0.1:port. */
async function startRedis(port) {
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	const deadline = Date.now() + 15_000;
	while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG') {
		if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
		if (Date.now() > deadline) throw new Error('redis-server did not answer');
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

module.exports = { ensureServices, startPostgres, startRedis };
