'use strict';
// `npm start`: the simulator and a real n8n with this package, a "Seedance (simulator)" credential
// (or one for a real provider with SEEDANCE_PROVIDER and SEEDANCE_API_KEY) and the example
// workflows imported. Prints the editor URL; Ctrl+C stops both.

const fs = require('node:fs');
const path = require('node:path');
const { startSimulator } = require('../../simulator/server');
const e2e = require('./n8n');

async function main() {
	const port = Number(process.env.N8N_PORT || 5678);
	e2e.ensureInstalled();
	const folder = e2e.createUserFolder('start', e2e.packPackage());
	const sim = await startSimulator({ port: Number(process.env.SEEDANCE_SIM_PORT || 4010), taskDurationMs: 5000 });
	const provider = process.env.SEEDANCE_PROVIDER;
	let credential = e2e.simulatorCredential(sim, provider && !process.env.SEEDANCE_API_KEY ? provider : 'volcengine');
	if (provider && process.env.SEEDANCE_API_KEY) {
		credential = { id: 'seedance-sim', name: `Seedance (${provider})`, type: 'seedanceApi', data: { provider, apiKey: process.env.SEEDANCE_API_KEY } };
		if (process.env.SEEDANCE_BASE_URL) credential.data[`${provider}BaseUrl`] = process.env.SEEDANCE_BASE_URL;
	}
	await e2e.importJson(folder, 'credentials', [credential]);
	const examples = fs.readdirSync(path.join(e2e.ROOT, 'examples')).filter((f) => f.endsWith('.json'));
	for (const file of examples) {
		const workflow = JSON.parse(fs.readFileSync(path.join(e2e.ROOT, 'examples', file), 'utf8'));
		await e2e.importJson(folder, 'workflow', credential.name === 'Seedance (simulator)' ? e2e.forSimulator(workflow, 5) : workflow);
	}
	const server = await e2e.startServer(folder, port);
	console.log(`Simulator: ${sim.url} (key ${sim.apiKey})`);
	console.log(`n8n editor: ${server.url}  (set up the owner account, then open the Seedance workflows)`);
	const stop = async () => {
		await server.stop();
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
