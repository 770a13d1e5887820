'use strict';
// @ts-check
// The simulator's shared machinery: a task store driven by the wall clock, faults to inject,
// a log of every request received, and presigned, expiring file URLs for results.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { familyOf } = require('./seedance-rules');

const SAMPLE_MP4 = fs.readFileSync(path.join(__dirname, 'assets', 'sample.mp4'));
const LAST_FRAME_PNG = fs.readFileSync(path.join(__dirname, 'assets', 'last-frame.png'));

/**
 * @typedef {'succeed'|'fail'|'hang'|'expire'|'cancel'} Outcome
 * @typedef {object} Task
 * @property {string} id
 * @property {string} provider
 * @property {string} model
 * @property {Record<string, any>} params     what the request asked for (resolution, ratio, duration…)
 * @property {number} createdAt               ms
 * @property {number} startAt                 ms, when it leaves the queue
 * @property {number} endAt                   ms, when it reaches its outcome
 * @property {Outcome} outcome
 * @property {boolean} [cancelled]
 * @property {number} [cancelledAt]
 * @property {boolean} [deleted]         the provider no longer knows it (deleted, or purged after retention)
 * @property {number} [urlTtlMs]          this task's result URLs' lifetime (overrides the option)
 * @property {string} [failCode]
 * @property {string} [failMessage]
 */

/**
 * @typedef {object} Fault
 * @property {string} [provider]    only this provider (default: all)
 * @property {string} route         create | get | list | cancel | content | models (API), download | lastFrame (files, provider 'files'), * (all)
 * @property {'status'|'reset'|'resetAfterAccept'|'slow'|'malformed'|'html'|'redirect'|'echoHeaders'|'htmlBody'|'emptyBody'|'truncated'|'lengthMismatch'|'taskFails'|'taskHangs'|'taskExpires'|'taskCancelled'|'taskUrlExpired'|'callbackLost'|'callbackLate'|'callbackDuplicate'|'callbackOutOfOrder'|'callbackForged'} kind
 *   redirect: 302 (or `status`) to another host that records what it receives; echoHeaders: the
 *   request headers in the reply (an error of `status` if given); htmlBody, emptyBody, truncated
 *   (close-delimited, half the file), lengthMismatch (Content-Length of the whole, half sent): files only
 * @property {number} [status]      for kinds status and redirect (default 500, 302), echoHeaders (an error)
 * @property {string} [body]        for kind status: this text instead of the provider's error body
 * @property {string} [contentType] for kinds status (with body) and htmlBody
 * @property {number} [retryAfter]  seconds, for kind status (sent as Retry-After)
 * @property {number} [delayMs]     for kind slow, callbackLate, callbackOutOfOrder
 * @property {number} [copies]      for kind callbackDuplicate: extra copies sent (default 2)
 * @property {string} [taskId]      for kind callbackForged: the task the forged body names
 * @property {number} [count]       how many times it fires (default 1; Infinity for always)
 * @property {number} [probability] chance it fires on a matching request (default 1)
 * @property {number} [skip]        matching requests let through before it fires (default 0), e.g. 1 for a list's second page
 */

/** A small deterministic random generator, so that fault tests repeat exactly. */
function seededRandom(seed) {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return ((state >>> 0) % 1_000_000) / 1_000_000;
	};
}

class Engine {
	/**
	 * @param {object} options
	 * @param {string} options.signingSecret
	 * @param {number} [options.speed]           simulated seconds per real second (default 60)
	 * @param {number} [options.taskDurationMs]  fixed real duration of every task (overrides speed)
	 * @param {number} [options.queuedFraction]  part of a task's time spent queued (default 0.15)
	 * @param {number} [options.urlTtlMs]        how long result URLs stay valid (default 24 h)
	 * @param {number} [options.videoBytes]      size of the served video (default: the 10 KB sample)
	 * @param {number} [options.maxActiveTasks]  per provider: creates beyond it get 429 (default none)
	 * @param {number} [options.seed]            seed of the fault dice
	 * @param {number} [options.callbackAckMs]   how long a callback waits for its acknowledgement before a retry (default 5000, as Ark)
	 * @param {{from: string, to: string}} [options.callbackRewrite]  a callback URL starting with `from` is sent to `to` instead (a public n8n URL reaching n8n on loopback)
	 */
	constructor(options) {
		this.options = { speed: 60, queuedFraction: 0.15, urlTtlMs: 24 * 3600 * 1000, ...options };
		/** @type {Map<string, Task>} */
		this.tasks = new Map();
		/** @type {Fault[]} */
		this.faults = [];
		/** @type {Array<Record<string, any>>} */
		this.requests = [];
		this.random = seededRandom(options.seed ?? 42);
		this.counter = 0;
	}

	reset() {
		this.tasks.clear();
		this.faults = [];
		this.requests = [];
	}

	/** @param {Partial<Engine['options']>} changes */
	configure(changes) {
		Object.assign(this.options, changes);
	}

	/** @param {Fault} fault */
	addFault(fault) {
		this.faults.push({ count: 1, probability: 1, ...fault });
	}

	/**
	 * The first fault that fires for this request, consumed.
	 * @param {string} provider @param {string} route @param {string[]} kinds
	 */
	takeFault(provider, route, kinds) {
		for (const fault of this.faults) {
			if (fault.provider && fault.provider !== provider) continue;
			if (fault.route !== '*' && fault.route !== route) continue;
			if (!kinds.includes(fault.kind)) continue;
			if ((fault.count ?? 1) <= 0) continue;
			if ((fault.skip ?? 0) > 0) {
				fault.skip -= 1;
				continue;
			}
			if ((fault.probability ?? 1) < 1 && this.random() >= (fault.probability ?? 1)) continue;
			fault.count = (fault.count ?? 1) - 1;
			return fault;
		}
		return undefined;
	}

	/** @param {string} prefix */
	newId(prefix) {
		this.counter += 1;
		return `${prefix}${crypto.randomBytes(6).toString('hex')}${this.counter.toString(36)}`;
	}

	/**
	 * How long a task of this model takes, in real ms.
	 * @param {string} model @param {Record<string, any>} params
	 */
	durationFor(model, params) {
		if (this.options.taskDurationMs !== undefined) return this.options.taskDurationMs;
		const family = familyOf(model);
		const [low, high] = family ? family.typicalSeconds : [120, 300];
		let seconds = low + (high - low) * this.random();
		if (params.draft) seconds = 30 + 90 * this.random();
		return (seconds * 1000) / (this.options.speed ?? 60);
	}

	/** Tasks of a provider that are neither finished nor cancelled now. */
	activeCount(provider) {
		const now = Date.now();
		let n = 0;
		for (const task of this.tasks.values()) {
			if (task.provider !== provider || task.deleted) continue;
			const s = this.state(task, now).status;
			if (s === 'queued' || s === 'running') n += 1;
		}
		return n;
	}

	/** When the next active task of a provider ends, in ms from now (for Retry-After). */
	nextSlotInMs(provider) {
		const now = Date.now();
		let soonest = Infinity;
		for (const task of this.tasks.values()) {
			if (task.provider !== provider || task.deleted || task.outcome === 'hang') continue;
			if (task.endAt > now) soonest = Math.min(soonest, task.endAt - now);
		}
		return Number.isFinite(soonest) ? soonest : 1000;
	}

	/**
	 * @param {string} provider @param {string} id @param {string} model @param {Record<string, any>} params
	 * @returns {Task}
	 */
	createTask(provider, id, model, params) {
		const now = Date.now();
		const duration = this.durationFor(model, params);
		/** @type {Task} */
		const task = {
			id, provider, model, params, createdAt: now,
			startAt: now + duration * (this.options.queuedFraction ?? 0.15),
			endAt: now + duration,
			outcome: 'succeed',
		};
		const fault = this.takeFault(provider, 'create', ['taskFails', 'taskHangs', 'taskExpires', 'taskCancelled', 'taskUrlExpired']);
		// Its result URLs have expired by the time it succeeds (file host answers 403).
		if (fault?.kind === 'taskUrlExpired') task.urlTtlMs = -1000;
		else if (fault) {
			task.outcome = /** @type {Outcome} */ ({ taskFails: 'fail', taskHangs: 'hang', taskExpires: 'expire', taskCancelled: 'cancel' })[fault.kind];
			if (task.outcome === 'fail') {
				task.failCode = 'OutputVideoSensitiveContentDetected';
				task.failMessage = 'The request failed because the output video may contain sensitive information.';
			}
		}
		this.tasks.set(id, task);
		return task;
	}

	/**
	 * A task's state at a moment: status in the canonical vocabulary and progress 0–100.
	 * @param {Task} task @param {number} [now]
	 * @returns {{status: 'queued'|'running'|'succeeded'|'failed'|'cancelled'|'expired', progress: number, finishedAt?: number}}
	 */
	state(task, now = Date.now()) {
		if (task.cancelled) return { status: 'cancelled', progress: 0, finishedAt: task.cancelledAt };
		if (now < task.startAt) return { status: 'queued', progress: 0 };
		if (now < task.endAt || task.outcome === 'hang') {
			const progress = Math.min(99, Math.floor(((now - task.startAt) / Math.max(1, task.endAt - task.startAt)) * 100));
			return { status: 'running', progress: task.outcome === 'hang' ? Math.min(progress, 99) : progress };
		}
		const status = { succeed: 'succeeded', fail: 'failed', expire: 'expired', cancel: 'cancelled' }[task.outcome];
		return { status: /** @type {any} */ (status), progress: task.outcome === 'succeed' ? 100 : 0, finishedAt: task.endAt };
	}

	/**
	 * Makes the provider forget tasks, as a user's delete or the retention purge does: GET answers
	 * 404, lists leave them out, a list cursor naming one is refused. Purged tasks also age past 7 days.
	 * @param {string[]} ids @param {{purged?: boolean}} [how]
	 */
	forget(ids, how = {}) {
		for (const id of ids) {
			const task = this.tasks.get(id);
			if (!task) continue;
			task.deleted = true;
			if (how.purged) task.createdAt -= 8 * 24 * 3600 * 1000;
		}
	}

	/** @param {string} id */
	find(id) {
		const task = this.tasks.get(id);
		return task && !task.deleted ? task : undefined;
	}

	/**
	 * Presigned result URLs, as object storage hands them out: no auth, an expiry, a signature.
	 * @param {string} origin @param {Task} task @param {'mp4'|'png'} kind
	 */
	fileUrl(origin, task, kind) {
		const expires = Math.floor((task.endAt + (task.urlTtlMs ?? this.options.urlTtlMs ?? 0)) / 1000);
		const name = `${task.id}.${kind}`;
		return `${origin}/files/${name}?X-Expires=${expires}&X-Signature=${this.sign(name, expires)}`;
	}

	/** @param {string} name @param {number} expires */
	sign(name, expires) {
		return crypto.createHmac('sha256', this.options.signingSecret).update(`${name}:${expires}`).digest('hex').slice(0, 32);
	}

	/** The video's bytes as a stream of chunks: the real sample, padded with a `free` box to the asked size. */
	*videoChunks() {
		const total = this.options.videoBytes ?? SAMPLE_MP4.length;
		yield SAMPLE_MP4;
		const padding = total - SAMPLE_MP4.length;
		if (padding < 8) return;
		const header = Buffer.alloc(8);
		header.writeUInt32BE(padding, 0);
		header.write('free', 4, 'latin1');
		yield header;
		const chunk = Buffer.alloc(Math.min(1 << 20, padding - 8));
		let left = padding - 8;
		while (left > 0) {
			const n = Math.min(chunk.length, left);
			yield n === chunk.length ? chunk : chunk.subarray(0, n);
			left -= n;
		}
	}

	videoSize() {
		const total = this.options.videoBytes ?? SAMPLE_MP4.length;
		return total - SAMPLE_MP4.length < 8 ? SAMPLE_MP4.length : total;
	}
}

module.exports = { Engine, SAMPLE_MP4, LAST_FRAME_PNG };
