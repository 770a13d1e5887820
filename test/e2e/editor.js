'use strict';
// The editor in headless Chromium: each Seedance node's panel shows the fields of its mode only.
// Screenshots go to test/e2e/screenshots/ (gitignored).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('./n8n');

const SHOTS = path.join(__dirname, 'screenshots');
const FIELDS = ['Prompt', 'First Frame Image Source', 'First Frame Image', 'First Frame Image Binary Field', 'Last Frame Image Source', 'Last Frame Image', 'Reference Images', 'Reference Videos', 'Reference Audios', 'Draft Task ID'];
const EXPECTED = {
	'Text to Video': ['Prompt'],
	'Image to Video': ['Prompt', 'First Frame Image Source', 'First Frame Image'],
	'First and Last Frame': ['Prompt', 'First Frame Image Source', 'First Frame Image', 'Last Frame Image Source', 'Last Frame Image'],
	Reference: ['Prompt', 'Reference Images', 'Reference Videos', 'Reference Audios'],
	'Render a Draft': ['Prompt', 'Draft Task ID'],
	'GlobalAiOpc Reference': ['Prompt', 'Reference Images', 'Reference Videos', 'Reference Audios'],
	'Image to Video from Binary': ['Prompt', 'First Frame Image Source', 'First Frame Image Binary Field'],
};

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
			const node = workflow.nodes.find((n) => n.name === name);
			await page.goto(`${server.url}/workflow/${workflow.id}/${node.id}`);
			const panel = page.locator('[data-test-id="ndv"], .ndv-wrapper, [class*="ndv"]').first();
			await page.getByText('Mode', { exact: true }).first().waitFor({ timeout: 30_000 });
			await page.waitForTimeout(500);
			await page.screenshot({ path: path.join(SHOTS, `${name.replace(/\W+/g, '-').toLowerCase()}.png`) });
			for (const field of FIELDS) {
				const shown = (await page.getByText(field, { exact: true }).count()) > 0;
				assert.equal(shown, visible.includes(field), `${name}: "${field}" should ${visible.includes(field) ? '' : 'not '}be shown`);
			}
			void panel;
		}
	} finally {
		await browser.close();
	}
}

module.exports = { checkEditor };
