'use strict';
// Bench part "binaryImage": the extra memory an image from binary data costs while its create is
// sent (read, checked, encoded, posted), per item in flight, in a fresh process per figure.

const { execFile } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const checks = require('./checks');

/** @param {{ table: Function, round: Function, results: Record<string, unknown> }} out */
async function benchBinaryImage({ table, round, results }) {
	const { startSimulator } = require(path.join(ROOT, 'simulator/server.js'));
	const sim = await startSimulator({ taskDurationMs: 60_000 });
	const rows = [];
	for (const provider of ['byteplus', 'openaiVideos']) {
		for (const [imageMb, items] of [[25, 1], [25, 3]]) {
			// RSS is noisy (garbage not yet collected): the median of three fresh processes.
			const runs = [];
			for (let k = 0; k < 3; k++) {
				const stdout = await new Promise((resolve, reject) => {
					execFile(process.execPath, ['--expose-gc', path.join(__dirname, 'binary-image-child.js'), sim.url, provider, String(imageMb), String(items)], { cwd: ROOT, maxBuffer: 1 << 20 }, (error, out) => (error ? reject(error) : resolve(out)));
				});
				const run = JSON.parse(String(stdout).trim().split('\n').pop());
				run.ok = run.ok && sim.requests({ route: 'create' }).filter((q) => q.status === 200).length - 1 === items;
				sim.reset();
				runs.push(run);
			}
			const r = runs.sort((a, b) => a.peakGrowthMb - b.peakGrowthMb)[1];
			r.ok = runs.every((x) => x.ok);
			// Every item created once, no error, in all three runs.
			checks.equal(`binaryImage, ${provider}, ${items} item(s) of ${imageMb} MB: ok`, r.ok, true);
			checks.none(`binaryImage, ${provider}, ${items} item(s) of ${imageMb} MB: errors`, runs.filter((x) => x.error).length);
			rows.push({
				provider, 'image MB': imageMb, 'items in flight': items, sent: provider === 'openaiVideos' ? 'multipart file, read when sent' : 'data URL',
				'peak RSS growth MB': round(r.peakGrowthMb), '× image size per item': round(r.peakGrowthMb / imageMb / items, 2), seconds: round(r.seconds, 2), ok: r.ok,
			});
		}
	}
	await sim.close();
	// What one more item in flight adds: the fixed cost of a run cancels out.
	for (const provider of ['byteplus', 'openaiVideos']) {
		const [one, three] = rows.filter((row) => row.provider === provider);
		rows.push({ provider, 'image MB': 25, 'items in flight': '+1 (3 minus 1, halved)', sent: one.sent, 'peak RSS growth MB': round((three['peak RSS growth MB'] - one['peak RSS growth MB']) / 2), '× image size per item': round((three['peak RSS growth MB'] - one['peak RSS growth MB']) / 2 / 25, 2), seconds: '', ok: one.ok && three.ok });
	}
	table('6. Binary image input memory (Create, first frame from binary data in filesystem mode)', rows);
	results.binaryImage = rows;
}

module.exports = { benchBinaryImage };
