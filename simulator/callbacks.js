'use strict';
// @ts-check
// Ark's callbacks: on each status change of a task created with `callback_url`, POST the task
// (as GET returns it) to that URL; a finished task's callback not acknowledged (2xx) within 5 s is
// sent again, 3 times at most. Faults (route "callback"): late, duplicated, out of order, lost, and
// forged bodies that name another task.

const http = require('node:http');

const ACK_TIMEOUT_MS = 5000;
const RETRIES = 3;
const FINAL = new Set(['succeeded', 'failed', 'cancelled', 'expired']);

/**
 * @typedef {object} CallbackRecord
 * @property {string} taskId       the task the body names
 * @property {string} status
 * @property {string} url
 * @property {number} at           ms, when sent
 * @property {number} attempt      1 for the first send
 * @property {number | string} [answer]  HTTP status, or the network error
 * @property {string} [fault]
 */

/** @param {string} url */
function isLoopback(url) {
	try {
		const { protocol, hostname } = new URL(url);
		return protocol === 'http:' && (hostname === 'localhost' || /^127\./.test(hostname) || hostname === '[::1]');
	} catch {
		return false;
	}
}

class Callbacks {
	/** @param {import('./engine').Engine} engine */
	constructor(engine) {
		this.engine = engine;
		/** @type {CallbackRecord[]} */
		this.sent = [];
		/** @type {Map<string, {url: string, last?: string, body: () => Record<string, any>, timers: Set<NodeJS.Timeout>}>} */
		this.watched = new Map();
	}

	reset() {
		for (const w of this.watched.values()) for (const t of w.timers) clearTimeout(t);
		this.watched.clear();
		this.sent = [];
	}

	/** The URL a callback really goes to: `callbackRewrite` maps a public n8n URL onto loopback. @param {string} url */
	target(url) {
		const rewrite = this.engine.options.callbackRewrite;
		if (rewrite && typeof rewrite.from === 'string' && url.startsWith(rewrite.from)) return rewrite.to + url.slice(rewrite.from.length);
		return url;
	}

	/**
	 * Starts watching a created task: a callback now (queued), when it starts running and when it ends.
	 * @param {import('./engine').Task} task @param {string} url @param {() => Record<string, any>} body
	 */
	track(task, url, body) {
		const entry = { url, body, timers: new Set() };
		this.watched.set(task.id, entry);
		const at = (ms) => {
			const timer = setTimeout(() => {
				entry.timers.delete(timer);
				this.check(task.id);
			}, Math.max(0, ms));
			entry.timers.add(timer);
		};
		at(0);
		at(task.startAt - Date.now() + 5);
		if (task.outcome !== 'hang') at(task.endAt - Date.now() + 5);
	}

	/** Sends a callback if the task's status changed since the last one. @param {string} id */
	check(id) {
		const entry = this.watched.get(id);
		const task = this.engine.tasks.get(id);
		if (!entry || !task || task.deleted) return;
		const body = entry.body();
		if (body.status === entry.last) return;
		entry.last = body.status;
		this.deliver(task.provider, entry, body);
	}

	/** @param {string} provider @param {{url: string, timers: Set<NodeJS.Timeout>}} entry @param {Record<string, any>} body */
	deliver(provider, entry, body) {
		const fault = this.engine.takeFault(provider, 'callback', ['callbackLost', 'callbackLate', 'callbackDuplicate', 'callbackOutOfOrder', 'callbackForged']);
		const later = (ms, fn) => {
			const timer = setTimeout(() => {
				entry.timers.delete(timer);
				fn();
			}, ms);
			entry.timers.add(timer);
		};
		if (fault?.kind === 'callbackLost') {
			// Dropped on the way: no acknowledgement, so a finished task's callback is sent again after the timeout.
			this.sent.push({ taskId: body.id, status: body.status, url: entry.url, at: Date.now(), attempt: 1, fault: 'callbackLost', answer: 'lost' });
			if (FINAL.has(body.status)) later(this.ackMs(), () => this.post(entry.url, body, 2));
			return;
		}
		if (fault?.kind === 'callbackLate') return later(fault.delayMs ?? 3000, () => this.post(entry.url, body, 1, 'callbackLate'));
		// The running callback overtakes the queued one, or a finished task's runs behind it.
		if (fault?.kind === 'callbackOutOfOrder') return later(fault.delayMs ?? 1500, () => this.post(entry.url, body, 1, 'callbackOutOfOrder'));
		this.post(entry.url, body, 1);
		if (fault?.kind === 'callbackDuplicate') for (let k = 0; k < (fault.copies ?? 2); k++) this.post(entry.url, body, 1, 'callbackDuplicate');
		// A third party's POST to the same URL naming another task (one this account does not have, or another of its own).
		if (fault?.kind === 'callbackForged') this.post(entry.url, { ...body, id: fault.taskId ?? `cgt-forged-${Date.now().toString(36)}`, status: 'succeeded' }, 1, 'callbackForged');
	}

	ackMs() {
		return this.engine.options.callbackAckMs ?? ACK_TIMEOUT_MS;
	}

	/** @param {string} url @param {Record<string, any>} body @param {number} attempt @param {string} [fault] */
	post(url, body, attempt, fault) {
		/** @type {CallbackRecord} */
		const record = { taskId: body.id, status: body.status, url, at: Date.now(), attempt, ...(fault ? { fault } : {}) };
		this.sent.push(record);
		const target = this.target(url);
		// The simulator only ever calls this machine: any other host is recorded, never contacted.
		if (!isLoopback(target)) {
			record.answer = 'not sent: not a loopback URL';
			return;
		}
		const text = JSON.stringify(body);
		let settled = false;
		const retry = () => {
			if (settled) return;
			settled = true;
			if (FINAL.has(body.status) && attempt <= RETRIES && fault !== 'callbackForged') this.post(url, body, attempt + 1, fault);
		};
		const req = http.request(target, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }, timeout: this.ackMs() }, (res) => {
			record.answer = res.statusCode;
			res.resume();
			if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) settled = true;
			else retry();
		});
		req.on('timeout', () => {
			record.answer = 'timeout';
			req.destroy();
			retry();
		});
		req.on('error', (error) => {
			record.answer = record.answer ?? String(/** @type {any} */ (error).code ?? error.message);
			retry();
		});
		req.end(text);
	}
}

module.exports = { Callbacks, ACK_TIMEOUT_MS, RETRIES };
