// The organization's rule for the live key check (managed policy
// `liveKeyCheck`), in Chromium: "off" takes the test away everywhere,
// "required" lets a key be filled only after a passing test.
//
// Chromium reads an extension's policy from /etc/chromium/policies/managed
// ("3rdparty" → "extensions" → the extension's id). The file names only this
// build's id (an unpacked extension's id comes from its folder, so another
// checkout's extension is unaffected), is written before the browser starts
// and removed with the folders it needed when the file's tests end.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { EXTENSION_DIR, launchWithExtension } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';
import { createKeyAndSend } from '../../scenarios/key-capture.mjs';
import { scenarioKey } from '../../practice-site/openai/api.mjs';

const PREFS = 'https://cloud.innoslate.com/acme/admin/preferences';
const POLICY_DIR = '/etc/chromium/policies/managed';

/** Chromium's id of an unpacked extension: its folder's SHA-256, first 32 hex digits as a–p. */
function unpackedId(dir) {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Writes the policy; returns a function that removes it and the folders it created. */
async function installPolicy(policy) {
  const created = ['/etc/chromium/policies', POLICY_DIR].filter((dir) => !existsSync(dir));
  await mkdir(POLICY_DIR, { recursive: true });
  const file = path.join(POLICY_DIR, `innoslate-key-assistant-test-${unpackedId(EXTENSION_DIR)}.json`);
  await writeFile(file, JSON.stringify({ '3rdparty': { extensions: { [unpackedId(EXTENSION_DIR)]: policy } } }));
  return async () => {
    await rm(file, { force: true });
    for (const dir of created.reverse()) await rm(dir, { recursive: true, force: true });
  };
}

let site;
let browser;
/** Removes the policy file; also run when a test times out. */
let removePolicy = async () => {};
test.use({ actionTimeout: 15_000 });
test.beforeAll(async () => { site = await startPracticeSite(); });
test.afterEach(async () => {
  await browser?.close();
  browser = null;
  await removePolicy();
});
test.afterAll(async () => { await site?.close(); });

/** Runs `body` with a browser that starts under `policy`. */
async function underPolicy(policy, body) {
  removePolicy = await installPolicy(policy);
  browser = await launchWithExtension(site);
  expect(browser.extensionId, 'the policy names this build').toBe(unpackedId(EXTENSION_DIR));
  await body(browser);
}

async function openPopup(browser) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await expect(popup.locator('#core-status')).toContainText('Ready');
  return popup;
}

async function grantApiAccess(browser) {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate((id) => chrome.developerPrivate.addHostPermission(id, 'https://api.openai.com/*'), browser.extensionId);
  await page.close();
}

// Alone: the policy file is read by every Chromium with this build.
test('policy "off": no test is offered anywhere, and the background refuses one', { tag: '@alone' }, async () => {
  await underPolicy({ liveKeyCheck: 'off' }, async (browser) => {
    const popup = await openPopup(browser);
    await expect(popup.locator('body')).toHaveClass(/live-off/);
    await popup.getByLabel(/Paste a key/).fill(scenarioKey('works'));
    await popup.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(popup.locator('#check-send')).toBeVisible();
    await expect(popup.locator('#check-live')).toBeHidden();
    await expect(popup.locator('#check-send')).toBeEnabled();
    const opened = browser.context.waitForEvent('page');
    await popup.locator('#check-send').click();
    const innoslate = await opened;
    await expect(popup.locator('#vault-live')).toBeHidden();
    const refused = await popup.evaluate(() => chrome.runtime.sendMessage({ kind: 'live_check', v: 1 }));
    expect(refused).toMatchObject({ kind: 'error', code: 'not_allowed' });
    // The callout offers the fill and says nothing about a test.
    await innoslate.goto(PREFS);
    const probe = await overlayProbe(innoslate);
    const shown = await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
    expect(shown.callout.text).not.toContain('Test with OpenAI');
    await probe.detach();
  });
});

test('policy "required": nothing is sent or filled before a passing test', { tag: '@alone' }, async () => {
  test.setTimeout(90_000);
  await underPolicy({ liveKeyCheck: 'required' }, async (browser) => {
    // A captured key waits: the callout asks for the test and offers no fill.
    const openai = await browser.context.newPage();
    const { innoslate } = await createKeyAndSend(browser.context, openai);
    await innoslate.goto(PREFS);
    const probe = await overlayProbe(innoslate);
    const blocked = await probe.until((s) => s.callout && s.callout.text.includes('Your organization asks for a successful test with OpenAI before the key is filled.'));
    expect(blocked.callout.buttons.map((b) => b.text)).not.toContain('Fill Chat AI');

    // Tested from the popup and found working: the fill is offered.
    await grantApiAccess(browser);
    const popup = await openPopup(browser);
    await expect(popup.locator('#vault-required')).toBeVisible();
    await popup.locator('#vault-live').click();
    await expect(popup.locator('#vault-live-report')).toHaveAttribute('data-verdict', 'works', { timeout: 15_000 });
    await expect(popup.locator('#vault-required')).toBeHidden();
    await probe.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
    await probe.detach();
    await popup.locator('#vault-clear').click();

    // A pasted key: Send stays off until a test passes; a failing test keeps it off.
    await popup.getByLabel(/Paste a key/).fill(scenarioKey('no-request'));
    await popup.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(popup.locator('#check-send')).toBeDisabled();
    await expect(popup.locator('#check-send-status')).toHaveText(/^Your organization asks for a successful test with OpenAI before a key goes to Innoslate\./);
    await popup.locator('#check-live').click();
    await expect(popup.locator('#check-live-report')).toHaveAttribute('data-verdict', 'problem', { timeout: 15_000 });
    await expect(popup.locator('#check-send')).toBeDisabled();

    await popup.getByLabel(/Paste a key/).fill(scenarioKey('works'));
    await popup.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(popup.locator('#check-send')).toBeDisabled();
    await popup.locator('#check-live').click();
    await expect(popup.locator('#check-live-report')).toHaveAttribute('data-verdict', 'works', { timeout: 15_000 });
    await expect(popup.locator('#check-send')).toBeEnabled();
    // The Innoslate tab that is already open is brought forward.
    await popup.locator('#check-send').click();
    // The background tested the key it now holds, so the fill is offered.
    await expect(popup.locator('#vault-live-report')).toHaveAttribute('data-verdict', 'works', { timeout: 15_000 });
    await innoslate.goto(PREFS);
    const probe2 = await overlayProbe(innoslate);
    await probe2.until((s) => s.callout && s.callout.buttons.some((b) => b.text === 'Fill Chat AI'));
    await probe2.detach();
  });
});
