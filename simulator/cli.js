#!/usr/bin/env node
'use strict';
// `npm run simulator [-- --port 4010 --key sim-key --speed 60 --task-seconds 5]`

const { startSimulator } = require('./server');

function arg(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : process.env[`SEEDANCE_SIM_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}

(async () => {
	const taskSeconds = arg('task-seconds');
	const sim = await startSimulator({
		port: Number(arg('port', 4010)),
		apiKeys: [arg('key', 'sim-key')],
		speed: Number(arg('speed', 60)),
		taskDurationMs: taskSeconds === undefined ? undefined : Number(taskSeconds) * 1000,
	});
	console.log(`Seedance simulator listening on ${sim.url} (API key: ${sim.apiKey})`);
	console.log('Base URLs for the Seedance API credential:');
	for (const provider of ['byteplus', 'volcengine', 'arkGateway', 'globalAiOpc', 'anyfast', 'openaiVideos']) {
		console.log(`  ${provider.padEnd(13)} ${sim.baseUrl(provider)}`);
	}
	const stop = () => sim.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
