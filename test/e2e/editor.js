'use strict';
// The editor in headless Chromium: each Seedance node's panel shows the fields of its mode only, and
// for a 2.5, a 2.0 Mini and a 1.0 model the Options list offers exactly what the capability table
// says (read from the built package, the same table validation reads). Fields are looked for inside
// the node panel, not the whole page. Screenshots go to test/e2e/screenshots/ (gitignored).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const SHOTS = path.join(__dirname, 'screenshots');
const FIELDS = ['Prompt', 'First Frame Image Source', 'First Frame Image', 'First Frame Image Binary Field', 'Last Frame Image Source', 'Last Frame Image', 'Source Video', 'Reference Images', 'Reference Videos', 'Reference Audios', 'Draft Task ID'];
const EXPECTED = {
	'Text to Video': ['Prompt'],
	'Image to Video': ['Prompt', 'First Frame Image Source', 'First Frame Image'],
	'First and Last Frame': ['Prompt', 'First Frame Image Source', 'First Frame Image', 'Last Frame Image Source', 'Last Frame Image'],
	Reference: ['Prompt', 'Reference Images', 'Reference Videos', 'Reference Audios'],
	'Render a Draft': ['Prompt', 'Draft Task ID'],
	'GlobalAiOpc Reference': ['Prompt', 'Reference Images', 'Reference Videos', 'Reference Audios'],
	'Edit a Video': ['Prompt', 'Source Video', 'Reference Images', 'Reference Audios'],
	'Image to Video from Binary': ['Prompt', 'First Frame Image Source', 'First Frame Image Binary Field'],
};
/** Nodes whose Options list is checked against the table (credential: the Volcengine simulator). */
const OPTION_NODES = ['Options 2.5', 'Options 2.0 Mini', 'Options 1.0 Pro'];

/** The option names the table allows for a node's model and mode, as the editor labels them. */
function expectedOptions(node) {
	const dist = path.join(e2e.ROOT, 'dist', 'nodes', 'Seedance');
	const { allowedOptions } = require(path.join(dist, 'request', 'rules'));
	const { generationFields } = require(path.join(dist, 'actions', 'video', 'fields'));
	const labels = Object.fromEntries(generationFields.find((f) => f.name === 'options').options.map((o) => [o.name, o.displayName]));
	return [...allowedOptions('volcengine', node.parameters.model.value, node.parameters.mode)].map((name) => labels[name]).sort();
}

async function openNode(page, server, workflow, name) {
	const node = workflow.nodes.find((n) => n.name === name);
	await page.goto(`${server.url}/workflow/${workflow.id}/${node.id}`);
	const panel = page.locator('[data-test-id="ndv"]').first();
	await panel.getByText('Mode', { exact: true }).first().waitFor({ timeout: 30_000 });
	await page.waitForTimeout(500);
	return { node, panel };
}

/** Opens the Options collection's "Add Option" list (a select while the collection is empty). */
async function openAddOption(page, panel) {
	await panel.getByPlaceholder('Add Option').or(panel.getByText('Add Option', { exact: true })).first().click();
	const menu = page.locator('.el-select-dropdown:visible, [role="listbox"]:visible, [role="menu"]:visible').last();
	await menu.waitFor({ timeout: 10_000 });
	return menu;
}

/** The labels the Options collection's "Add Option" list offers. */
async function offeredOptions(page, panel) {
	const menu = await openAddOption(page, panel);
	const items = await menu.locator('.el-select-dropdown__item, [role="option"], [role="menuitem"]').allInnerTexts();
	return [...new Set(items.map((t) => t.trim()).filter(Boolean))].sort();
}

async function checkEditor(server, account, workflow) {
	const { chromium } = require(path.join(e2e.CACHE, 'n8n', 'node_modules', 'playwright-core'));
	fs.mkdirSync(SHOTS, { recursive: true });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
		await page.goto(`${server.url}/signin`);
		await page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(account.email);
		await page.locator('input[name="password"]').fill(account.password);
		await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
		for (const [name, visible] of Object.entries(EXPECTED)) {
			const { panel } = await openNode(page, server, workflow, name);
			await page.screenshot({ path: path.join(SHOTS, `${name.replace(/\W+/g, '-').toLowerCase()}.png`) });
			for (const field of FIELDS) {
				const shown = (await panel.getByText(field, { exact: true }).count()) > 0;
				assert.equal(shown, visible.includes(field), `${name}: "${field}" should ${visible.includes(field) ? '' : 'not '}be shown`);
			}
		}
		const offered = {};
		for (const name of OPTION_NODES) {
			const { node, panel } = await openNode(page, server, workflow, name);
			offered[name] = await offeredOptions(page, panel);
			await page.waitForTimeout(300);
			await page.screenshot({ path: path.join(SHOTS, `${name.replace(/\W+/g, '-').toLowerCase()}.png`) });
			await page.keyboard.press('Escape');
			assert.deepEqual(offered[name], expectedOptions(node), `${name}: the Options list`);
		}
		// The three models differ where the table says they do.
		assert.ok(offered['Options 2.5'].includes('Draft (Preview)') && !offered['Options 2.0 Mini'].includes('Draft (Preview)'));
		assert.ok(offered['Options 1.0 Pro'].includes('Frames') && !offered['Options 2.5'].includes('Frames'));
	} finally {
		await browser.close();
	}
}

module.exports = { checkEditor };
