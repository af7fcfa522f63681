// The wasm core inside the built extension classifies keys exactly as the
// native tests say (same fixture), and the popup's "Check a key" explains a
// bad paste without keeping the key on screen.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { openWithWasmHeld } from '../../support/held-wasm.mjs';
import { holdTimers } from '../../support/held-timers.mjs';

const env = useExtensionBrowser(test);
let popup;

test.beforeAll(async () => {
  popup = await env.browser.context.newPage();
  await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
});

test('validateKey from dist/chrome answers every shared case as the native validator does', async () => {
  const doc = JSON.parse(await readFile('tests/fixtures/key-cases.json', 'utf8'));
  const expand = (s) => Object.entries(doc.parts).reduce((acc, [name, value]) => acc.replaceAll(`{{${name}}}`, value), s);
  const inputs = doc.cases.map((c) => expand(c.input));
  const reports = await popup.evaluate(async (all) => {
    const core = await import(chrome.runtime.getURL('core/innoslate_key_assistant.js'));
    // The core answers message ids; the extension shows their words.
    const { words } = await import(chrome.runtime.getURL('shared/words.js'));
    await core.default();
    return all.map((input) => {
      const report = core.validateKey(input);
      return { ...report, problems: report.problems.map((p) => ({ ...p, message: words(p.message) })) };
    });
  }, inputs);
  doc.cases.forEach((c, i) => {
    const r = reports[i];
    expect(r.verdict, c.name).toBe(c.verdict);
    if ('kind' in c) expect(r.kind, c.name).toBe(c.kind);
    if ('masked' in c) expect(r.masked, c.name).toBe(c.masked);
    const codes = r.problems.map((p) => p.code);
    for (const code of c.codes) expect(codes, c.name).toContain(code);
    for (const p of r.problems) {
      expect(['error', 'warning'], c.name).toContain(p.severity);
      expect(p.message.length, c.name).toBeGreaterThan(10);
    }
  });
});

test('the popup explains a masked paste and clears the field', async () => {
  await popup.getByLabel(/Paste a key/).fill('sk-...abcd');
  await popup.getByRole('button', { name: 'Check' }).click();
  await expect(popup.locator('#check-result')).toContainText('Innoslate cannot use this.');
  await expect(popup.locator('#check-result li').first()).not.toBeEmpty();
  await expect(popup.getByLabel(/Paste a key/)).toHaveValue('');
  const admin = `sk-admin-${'Kp7Q'.repeat(14)}mnT3BlbkFJ${'Rt2W'.repeat(14)}st`;
  await popup.getByLabel(/Paste a key/).fill(admin);
  await popup.getByRole('button', { name: 'Check' }).click();
  await expect(popup.locator('#check-result')).toContainText('admin key');
  await expect(popup.locator('#check-result')).not.toContainText(admin);
});

const KEY = `sk-proj-${'Kp7Q'.repeat(14)}mnT3BlbkFJ${'Rt2W'.repeat(14)}st`;
const popupUrl = () => `chrome-extension://${env.browser.extensionId}/popup/popup.html`;

test('a key checked while the popup\'s core is still starting is checked once it starts, not dropped', async () => {
  // "Ready" (the background's answer) comes while this window's core waits.
  const { page: slow, release } = await openWithWasmHeld(env.browser.context, popupUrl());
  await expect(slow.locator('#core-status')).toContainText('Ready');
  await slow.getByLabel(/Paste a key/).fill(KEY);
  await slow.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(slow.getByLabel(/Paste a key/)).toHaveValue('');
  await expect(slow.locator('#check-result')).toBeEmpty();
  await release();
  await expect(slow.locator('#check-result')).toContainText('Innoslate can use this key.');
  await expect(slow.locator('#check-send')).toBeVisible();
  await slow.close();
});

test('of two keys checked while the core starts, only the later is checked and offered', async () => {
  const { page, release } = await openWithWasmHeld(env.browser.context, popupUrl());
  // The 2-minute limit of an offered key, held: one per key offered.
  const limit = await holdTimers(page, 2 * 60_000);
  const later = `sk-proj-${'Zq4W'.repeat(14)}mnT3BlbkFJ${'Lm8X'.repeat(14)}yz`;
  for (const key of [KEY, later]) {
    await page.getByLabel(/Paste a key/).fill(key);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
  }
  await release();
  await expect(page.locator('#check-result')).toContainText('Innoslate can use this key.');
  // The earlier key was never offered, so no limit of its own can take the
  // later one's offer away early.
  expect(await limit.held()).toBe(1);
  await limit.release();
  // The offer is the later key's: sent, it is the one that waits.
  const opened = env.browser.context.waitForEvent('page');
  await page.locator('#check-send').click();
  await (await opened).close();
  await expect(page.locator('#check-send-status')).toContainText(`sk-proj-\u2026${later.slice(-4)}`);
  await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'clear_vault', v: 1 }));
  await page.close();
});

test('a popup whose core cannot start says so where the key was checked, and offers nothing to send', async () => {
  const { page: broken, fail } = await openWithWasmHeld(env.browser.context, popupUrl());
  await broken.getByLabel(/Paste a key/).fill(KEY);
  await broken.getByRole('button', { name: 'Check', exact: true }).click();
  await fail();
  await expect(broken.locator('#check-result')).toHaveText(/^The key checker could not start in this window\. Close this window and open it again/);
  await expect(broken.locator('#check-send')).toBeHidden();
  await expect(broken.getByLabel(/Paste a key/)).toHaveValue('');
  await broken.close();
});
