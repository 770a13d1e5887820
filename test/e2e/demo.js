'use strict';
// `npm run demo -- "a prompt"`: the example "prompt → Create and Wait → save MP4" workflow, run
// headless in a real n8n against the simulator. Prints where the MP4 went.

const fs = require('node:fs');
const path = require('node:path');
const { startSimulator } = require('../../simulator/server');
const e2e = require('./n8n');

async function main() {
	const prompt = process.argv.slice(2).join(' ').trim() || 'A cat dancing in the rain';
	console.log('Preparing n8n (the first run installs it, a few minutes)...');
	e2e.ensureInstalled();
	const folder = e2e.createUserFolder('demo', e2e.packPackage());
	const sim = await startSimulator({ taskDurationMs: 4000 });
	try {
		await e2e.importJson(folder, 'credentials', [e2e.simulatorCredential(sim, 'volcengine')]);
		const workflow = e2e.forSimulator(JSON.parse(fs.readFileSync(path.join(e2e.ROOT, 'examples', 'prompt-to-video.json'), 'utf8')), 4);
		workflow.nodes.find((n) => n.type === 'n8n-nodes-base.set').parameters.assignments.assignments[0].value = prompt;
		await e2e.importJson(folder, 'workflow', workflow);
		console.log(`Generating "${prompt}" with Seedance on the simulator, through n8n...`);
		const run = await e2e.execute(folder, workflow.id);
		const items = run.data.resultData.runData.Seedance[0].data.main[0];
		const task = items[0].json;
		const file = path.join(e2e.OUT, `${task.id}.mp4`);
		const bytes = fs.readFileSync(file);
		if (bytes.subarray(4, 8).toString('latin1') !== 'ftyp') throw new Error(`${file} is not an MP4`);
		console.log(`Done: task ${task.id} ${task.status} after ${task.waitedSeconds} s and ${task.polls} looks.`);
		console.log(`MP4 (${bytes.length} bytes): ${path.relative(process.cwd(), file)}`);
	} finally {
		await sim.close();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
