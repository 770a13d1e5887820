'use strict';
// @ts-check
// Another host for redirect faults: a second loopback server on its own port (so another origin)
// that records every request it receives, headers and body included, so that tests can prove the
// API key never reaches it. It serves result files like a CDN and echoes anything else.

const http = require('node:http');

/**
 * @param {{ host?: string, serveFile: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void> }} options
 */
async function startElsewhere(options) {
	/** @type {Array<{method: string, path: string, headers: Record<string, unknown>, body: string, at: number}>} */
	const received = [];
	const sockets = new Set();
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const url = new URL(req.url ?? '/', 'http://elsewhere');
		received.push({ method: req.method ?? '', path: url.pathname, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
		if (url.pathname.startsWith('/files/')) {
			await options.serveFile(req, res, url).catch(() => res.destroy());
			return;
		}
		// A hostile host: it answers with everything it was sent.
		const text = JSON.stringify({ error: { code: 'Elsewhere', message: `elsewhere received ${JSON.stringify(req.headers)}` } });
		res.writeHead(401, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
		res.end(text);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, options.host ?? '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
		received,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startElsewhere };
