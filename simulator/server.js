'use strict';
// @ts-check
// The Seedance provider simulator: one HTTP server on loopback that speaks every provider's API.
// Start it from code with startSimulator(), or from the shell with `npm run simulator`.

const http = require('node:http');
const crypto = require('node:crypto');
const { Engine, LAST_FRAME_PNG } = require('./engine');
const { Callbacks } = require('./callbacks');
const { providers } = require('./providers');
const { SAMPLE_FRAME_PNG } = require('./sample-image');
const { boundaryOf, parseMultipart, formToBody, receivedImages } = require('./multipart');
const { startElsewhere } = require('./elsewhere');

const DEFAULT_KEY = 'sim-key';

/** Base URLs a credential uses for each provider, relative to the simulator's origin. */
const PROVIDER_PATHS = Object.fromEntries(Object.entries(providers).map(([name, p]) => [name, p.prefix]));

/**
 * @typedef {object} SimulatorOptions
 * @property {number} [port]            0 (default) picks a free port
 * @property {string} [host]            default 127.0.0.1
 * @property {string[]} [apiKeys]       keys that authenticate (default ['sim-key'])
 * @property {number} [speed]           simulated seconds per real second (default 60)
 * @property {number} [taskDurationMs]  fixed real duration of every task
 * @property {number} [urlTtlMs]        lifetime of result URLs
 * @property {number} [videoBytes]      size of the served MP4
 * @property {number} [maxActiveTasks]  per provider; creates beyond get 429 with Retry-After
 * @property {number} [seed]
 */

/**
 * @param {SimulatorOptions} [options]
 */
async function startSimulator(options = {}) {
	const apiKeys = new Set(options.apiKeys ?? [DEFAULT_KEY]);
	const engine = new Engine({ ...options, signingSecret: crypto.randomBytes(16).toString('hex') });
	const sockets = new Set();
	const callbacks = new Callbacks(engine);

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { code: 'SimulatorBug', message: String(error && error.stack) } }));
			} else res.destroy();
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	/** @param {http.IncomingMessage} req */
	async function readBody(req) {
		return (await readBytes(req)).toString('utf8');
	}

	/** @param {http.IncomingMessage} req */
	async function readBytes(req) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		return Buffer.concat(chunks);
	}

	/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
	function sendJson(res, status, body, headers = {}) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
		res.end(text);
	}

	/** @param {http.ServerResponse} res @param {import('./engine').Task} task */
	async function sendVideo(res, task) {
		res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': engine.videoSize(), 'content-disposition': `attachment; filename="${task.id}.mp4"` });
		for (const chunk of engine.videoChunks()) {
			if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
			if (res.destroyed) return;
		}
		res.end();
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://simulator');
		const origin = `http://${req.headers.host}`;

		if (url.pathname.startsWith('/__sim/')) return control(req, res, url);
		if (url.pathname.startsWith('/files/')) return serveFile(req, res, url);
		if (url.pathname === '/samples/frame.png') {
			// A public 1280×720 image to download and animate (no auth, like any public URL).
			res.writeHead(200, { 'content-type': 'image/png', 'content-length': SAMPLE_FRAME_PNG.length, 'content-disposition': 'inline; filename="frame.png"' });
			return void res.end(SAMPLE_FRAME_PNG);
		}

		const entry = Object.entries(providers).find(([, p]) => url.pathname === p.prefix || url.pathname.startsWith(`${p.prefix}/`));
		if (!entry) return sendJson(res, 404, { error: { code: 'NotFound', message: `No simulated provider at ${url.pathname}` } });
		const [providerName, provider] = entry;
		const rest = url.pathname.slice(provider.prefix.length) || '/';
		const bytes = req.method === 'GET' || req.method === 'DELETE' ? undefined : await readBytes(req);
		const boundary = boundaryOf(String(req.headers['content-type'] ?? ''));
		const text = bytes && !boundary ? bytes.toString('utf8') : '';
		let route;
		let params = [];
		for (const r of provider.routes) {
			const match = req.method === r.method ? r.pattern.exec(rest) : null;
			if (match) {
				route = r;
				params = match.slice(1).map(decodeURIComponent);
				break;
			}
		}
		const auth = String(req.headers.authorization ?? '');
		const authorized = auth.startsWith('Bearer ') && apiKeys.has(auth.slice(7));
		/** @type {Record<string, any>} */
		const record = {
			provider: providerName, route: route ? route.route : 'unknown', method: req.method, path: rest,
			query: Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k).length > 1 ? url.searchParams.getAll(k) : url.searchParams.get(k)])),
			body: undefined, authorized, at: Date.now(),
		};
		engine.requests.push(record);
		let body;
		if (bytes && boundary) {
			record.multipart = true;
			try {
				body = formToBody(parseMultipart(bytes, boundary));
			} catch (error) {
				const reply = provider.error(400, 'InvalidParameter', `The multipart body is malformed: ${/** @type {Error} */ (error).message}.`);
				return sendJson(res, reply.status, reply.body);
			}
		} else if (text) {
			try {
				body = JSON.parse(text);
			} catch {
				record.body = text;
				const reply = provider.error(400, 'InvalidParameter', 'The request body is not valid JSON.');
				return sendJson(res, reply.status, reply.body);
			}
		}
		record.body = body;
		// Images received (data URLs, or multipart files made into them), to compare exact bytes.
		const images = receivedImages(body);
		if (images.length) record.images = images;
		if (!authorized) {
			const reply = provider.error(401, providerName === 'openaiVideos' ? 'invalid_api_key' : providerName === 'globalAiOpc' ? 'unauthorized' : 'AuthenticationError', 'The API key in the request is missing or invalid.');
			record.status = reply.status;
			return sendJson(res, reply.status, reply.body);
		}
		if (!route) {
			const reply = provider.error(404, 'NotFound', `${req.method} ${rest} is not a route of this API.`);
			record.status = 404;
			return sendJson(res, reply.status, reply.body);
		}

		const fault = engine.takeFault(providerName, route.route, ['status', 'reset', 'resetAfterAccept', 'slow', 'malformed', 'html', 'redirect', 'echoHeaders']);
		if (fault) record.fault = fault.kind;
		if (fault?.kind === 'redirect') {
			// To another host (another port on loopback), as a load balancer or a CDN might.
			const task = route.route === 'content' ? engine.find(params[0]) : undefined;
			const location = task ? engine.fileUrl(elsewhere.url, task, 'mp4') : `${elsewhere.url}${url.pathname}${url.search}`;
			record.status = fault.status ?? 302;
			res.writeHead(record.status, { location, 'content-length': 0 });
			return void res.end();
		}
		const echoed = fault?.kind === 'echoHeaders' ? { ...req.headers } : undefined;
		if (echoed && fault?.status) {
			const reply = provider.error(fault.status, 'InvalidParameter', `Request headers: ${JSON.stringify(echoed)}`);
			record.status = fault.status;
			return sendJson(res, fault.status, reply.body);
		}
		if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
		if (fault?.kind === 'reset') return void req.socket.destroy();
		if (fault?.kind === 'status') {
			const status = fault.status ?? 500;
			const code = status === 429 ? 'RateLimitExceeded.EndpointRPMExceeded' : status >= 500 ? 'InternalServiceError' : 'InvalidParameter';
			const reply = provider.error(status, code, status === 429 ? 'The request rate exceeds the limit of this endpoint.' : 'The service encountered an unexpected internal error.');
			record.status = status;
			if (fault.body !== undefined) {
				// A body of the test's choosing (empty, odd), instead of the provider's error shape.
				res.writeHead(status, { 'content-type': fault.contentType ?? 'text/plain', 'content-length': Buffer.byteLength(fault.body) });
				return void res.end(fault.body);
			}
			return sendJson(res, status, reply.body, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
		}
		if (fault?.kind === 'malformed') {
			record.status = 200;
			res.writeHead(200, { 'content-type': 'application/json' });
			return void res.end('{"id": "cgt-2026, "status": runn');
		}
		if (fault?.kind === 'html') {
			record.status = 502;
			res.writeHead(502, { 'content-type': 'text/html' });
			return void res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
		}

		if (route.route === 'create' && engine.options.maxActiveTasks !== undefined && engine.activeCount(providerName) >= engine.options.maxActiveTasks) {
			const reply = provider.error(429, 'RateLimitExceeded.EndpointRPMExceeded', `At most ${engine.options.maxActiveTasks} tasks may run at once.`);
			const waitMs = engine.nextSlotInMs(providerName);
			record.status = 429;
			return sendJson(res, 429, reply.body, { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))), 'retry-after-ms': String(Math.ceil(waitMs)) });
		}

		const reply = route.handle({ engine, provider: providerName, body, query: url.searchParams, params, origin, base: `${origin}${provider.prefix}` });
		record.status = reply.status;
		if (reply.status === 200 && reply.body && /** @type {any} */ (reply.body).id) record.taskId = /** @type {any} */ (reply.body).id;
		const p = /** @type {any} */ (provider);
		if (p.callsBack && reply.status === 200 && record.taskId && (route.route === 'create' || route.route === 'cancel')) {
			const task = engine.tasks.get(record.taskId);
			const ctx = { engine, provider: providerName, body, query: url.searchParams, params, origin, base: `${origin}${provider.prefix}` };
			if (route.route === 'create' && task && typeof task.params.callback_url === 'string') callbacks.track(task, task.params.callback_url, () => p.taskBody(ctx, task));
		}
		if (p.callsBack && reply.status === 200 && route.route === 'cancel') callbacks.check(params[0]);
		if (fault?.kind === 'resetAfterAccept') return void req.socket.destroy();
		const streamed = /** @type {any} */ (reply.body);
		if (streamed && streamed.stream === 'video') return sendVideo(res, streamed.task);
		if (echoed && reply.body && typeof reply.body === 'object') return sendJson(res, reply.status, { ...reply.body, request_headers: echoed }, reply.headers);
		return sendJson(res, reply.status, reply.body, reply.headers);
	}

	/**
	 * Presigned result files: no auth, but a signature and an expiry, like object storage.
	 * Served here and by the other host (`foreign`), where redirect faults do not fire again.
	 */
	async function serveFile(req, res, url, foreign = false) {
		const name = url.pathname.slice('/files/'.length);
		const expires = Number(url.searchParams.get('X-Expires'));
		const signature = url.searchParams.get('X-Signature');
		engine.requests.push({ provider: 'files', route: 'download', method: req.method, path: url.pathname, authorized: Boolean(req.headers.authorization), host: foreign ? 'elsewhere' : 'simulator', at: Date.now() });
		const denied = (message) => {
			res.writeHead(403, { 'content-type': 'application/xml' });
			res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`);
		};
		if (!signature || signature !== engine.sign(name, expires)) return denied('Signature does not match.');
		if (Date.now() / 1000 > expires) return denied('Request has expired.');
		const [id, ext] = [name.replace(/\.(mp4|png)$/, ''), name.split('.').pop()];
		// Faults on route `download` hit videos, on route `lastFrame` the last-frame PNGs.
		const kinds = ['status', 'reset', 'slow', 'htmlBody', 'emptyBody', 'truncated', 'lengthMismatch', ...(foreign ? [] : ['redirect'])];
		const fault = engine.takeFault('files', ext === 'png' ? 'lastFrame' : 'download', kinds);
		if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 2000));
		if (fault?.kind === 'reset') return void req.socket.destroy();
		if (fault?.kind === 'status') {
			res.writeHead(fault.status ?? 500, { 'content-type': 'application/xml' });
			return void res.end('<Error><Code>InternalError</Code></Error>');
		}
		if (fault?.kind === 'redirect') {
			res.writeHead(fault.status ?? 302, { location: `${elsewhere.url}${url.pathname}${url.search}`, 'content-length': 0 });
			return void res.end();
		}
		if (fault?.kind === 'htmlBody') {
			const page = '<!DOCTYPE html><html><head><title>Access denied</title></head><body><h1>Access denied</h1></body></html>';
			res.writeHead(200, { 'content-type': fault.contentType ?? 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
			return void res.end(page);
		}
		if (fault?.kind === 'emptyBody') {
			res.writeHead(200, { 'content-type': ext === 'png' ? 'image/png' : 'video/mp4', 'content-length': 0 });
			return void res.end();
		}
		const task = engine.tasks.get(id);
		if (!task) return denied('The object does not exist.');
		if (fault?.kind === 'truncated' || fault?.kind === 'lengthMismatch') {
			// Written straight to the socket: half the file, then the connection closes. Without a
			// Content-Length (truncated) the client sees a clean end; with one, fewer bytes than it says.
			const whole = ext === 'png' ? LAST_FRAME_PNG : Buffer.concat([...engine.videoChunks()]);
			const length = fault.kind === 'lengthMismatch' ? `content-length: ${whole.length}\r\n` : '';
			const head = `HTTP/1.1 200 OK\r\ncontent-type: ${ext === 'png' ? 'image/png' : 'video/mp4'}\r\n${length}connection: close\r\n\r\n`;
			req.socket.end(Buffer.concat([Buffer.from(head, 'latin1'), whole.subarray(0, Math.floor(whole.length / 2))]));
			return;
		}
		if (ext === 'png') {
			res.writeHead(200, { 'content-type': 'image/png', 'content-length': LAST_FRAME_PNG.length });
			return void res.end(LAST_FRAME_PNG);
		}
		return sendVideo(res, task);
	}

	/** Control routes for tests and harnesses in other processes. */
	async function control(req, res, url) {
		const what = url.pathname.slice('/__sim/'.length);
		if (req.method === 'GET' && what === 'requests') return sendJson(res, 200, engine.requests);
		if (req.method === 'GET' && what === 'elsewhere') return sendJson(res, 200, { url: elsewhere.url, received: elsewhere.received });
		if (req.method === 'GET' && what === 'callbacks') return sendJson(res, 200, callbacks.sent);
		if (req.method === 'GET' && what === 'tasks') {
			return sendJson(res, 200, [...engine.tasks.values()].map((t) => ({ ...t, state: engine.state(t) })));
		}
		const body = JSON.parse((await readBody(req)) || '{}');
		if (req.method === 'POST' && what === 'reset') {
			engine.reset();
			elsewhere.received.length = 0;
			callbacks.reset();
			if (body.options) engine.configure(body.options);
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === 'POST' && what === 'faults') {
			for (const fault of Array.isArray(body) ? body : [body]) engine.addFault({ ...fault, count: fault.count === null || fault.count === 'always' ? Infinity : fault.count });
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === 'POST' && what === 'forget') {
			engine.forget(body.ids ?? [], { purged: body.purged === true });
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === 'POST' && what === 'configure') {
			engine.configure(body);
			return sendJson(res, 200, { ok: true });
		}
		return sendJson(res, 404, { error: 'unknown control route' });
	}

	const elsewhere = await startElsewhere({ host: options.host, serveFile: (req, res, url) => serveFile(req, res, url, true) });

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

	return {
		url,
		port: address.port,
		engine,
		apiKey: [...apiKeys][0],
		/** The base URL a credential of this provider uses to reach the simulator. @param {keyof typeof providers} provider */
		baseUrl: (provider) => `${url}${PROVIDER_PATHS[provider]}`,
		/** Every request received, optionally only those of one provider and route. */
		requests: (filter = {}) => engine.requests.filter((r) => (!filter.provider || r.provider === filter.provider) && (!filter.route || r.route === filter.route)),
		/** @param {import('./engine').Fault} fault */
		addFault: (fault) => engine.addFault(fault),
		reset: () => {
			engine.reset();
			elsewhere.received.length = 0;
			callbacks.reset();
		},
		/** The other host that redirect faults point at, and every request it received. */
		elsewhere,
		/** Every callback sent (or lost), in order. */
		callbacks: () => callbacks.sent,
		/** @param {Partial<import('./engine').Engine['options']>} changes */
		configure: (changes) => engine.configure(changes),
		close: async () => {
			callbacks.reset();
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
			await elsewhere.close();
		},
	};
}

module.exports = { startSimulator, PROVIDER_PATHS, DEFAULT_KEY };
