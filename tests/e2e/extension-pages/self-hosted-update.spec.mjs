// A self-hosted Innoslate address keeps working after the extension is
// installed again, as on every update: the browser then drops every
// registered content script (while the saved address and the admin's grant
// stay), and the background registers the address's own again.
//
// Chromium reinstalls an extension loaded from a folder at each start with
// the same profile, and drops its registered scripts then too: that is the
// update this test makes. Headless Chromium cannot press the permission
// prompt, so the test's copy of the extension holds the grant for the
// self-hosted address from its manifest; the options page's save path is
// otherwise the admin's.
import { test, expect } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, launchWithExtension } from '../../support/extension-browser.mjs';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { inContentScript } from '../../support/content-world.mjs';

const SELF_HOSTED = 'https://innoslate.example.test';
const PATTERN = `${SELF_HOSTED}/*`;

let site;
let extensionDir;
// This version's scripts for Innoslate (its content scripts, and the
// watcher in the page's own world), registered for the self-hosted address.
let expectedScripts;
test.beforeAll(async () => {
  site = await startPracticeSite();
  extensionDir = await mkdtemp(path.join(tmpdir(), 'ika-granted-'));
  await cp(EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = path.join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, PATTERN];
  expectedScripts = manifest.content_scripts.filter((entry) => entry.matches.includes('https://cloud.innoslate.com/*'))
    .map(({ js, world }) => ({ matches: [PATTERN], js, world: world ?? 'ISOLATED' })).sort(byFile);
  expect(expectedScripts.map((s) => s.world).sort()).toEqual(['ISOLATED', 'MAIN']);
  await writeFile(manifestPath, JSON.stringify(manifest));
});
test.afterAll(async () => {
  await site?.close();
  if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
});

const byFile = (a, b) => a.js[0].localeCompare(b.js[0]);

/** Our registered content scripts, as the options page's context sees them. */
async function registered(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  const scripts = await page.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  await page.close();
  return scripts.map(({ matches, js, world }) => ({ matches, js, world })).sort(byFile);
}

/** Whether the page-world watcher on `page` says "look again" when a control is added. */
function watcherHints(page) {
  return page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('ika-page-changed', () => resolve(true), { once: true });
    document.body.append(Object.assign(document.createElement('button'), { textContent: 'Probe' }));
    setTimeout(() => resolve(false), 1000);
  }));
}

test('after the extension is installed again, the saved self-hosted address still gets the guide and the key', async () => {
  let browser = await launchWithExtension(site, { extensionDir });
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
    await expect(options.locator('#destination')).toHaveValue('https://cloud.innoslate.com');
    await options.getByLabel('Innoslate address').fill(SELF_HOSTED);
    await options.getByRole('button', { name: 'Save address' }).click();
    await expect(options.locator('#destination-status')).toHaveText(`Saved. Keys will only be filled on ${SELF_HOSTED}.`);
    expect(await registered(browser)).toEqual(expectedScripts);
  } finally {
    await browser.close({ keepProfile: true });
  }

  browser = await launchWithExtension(site, { extensionDir, userDataDir: browser.profile });
  try {
    // Registered again by the background, without the admin doing anything.
    await expect.poll(() => registered(browser), { timeout: 15_000 }).toEqual(expectedScripts);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
    // The settings believe the saved address again (an address they do not
    // believe shows as the hosted one, with a warning that says so).
    await expect(options.locator('#destination')).toHaveValue(SELF_HOSTED);
    await expect(options.locator('#destination-status')).not.toContainText('was not set up');
    // The content script runs on the admin's Innoslate again.
    const innoslate = await browser.context.newPage();
    await innoslate.goto(`${SELF_HOSTED}/acme/admin/preferences`);
    await expect.poll(() => inContentScript(innoslate, 'typeof chrome.runtime.sendMessage').catch(() => 'not running')).toBe('function');
    // And so does the watcher in the page's own world, which tells it of changes.
    await expect.poll(() => watcherHints(innoslate)).toBe(true);
  } finally {
    await browser.close();
  }
});
