// Drives the practice site from the keys page to "Save your key" and presses
// the callout's "Send key to Innoslate", like an admin would. Returns the
// key the practice site generated (read by the test from the page itself,
// for comparison) and the Innoslate tab the extension opened.
import { expect } from '@playwright/test';
import { overlayProbe } from '../support/overlay-probe.mjs';

export async function createKeyAndSend(context, page) {
  const { key, probe } = await openSaveYourKey(page);
  const opened = context.waitForEvent('page');
  await probe.press('Send key to Innoslate');
  const innoslate = await opened;
  const sent = await probe.until((s) => /on its way/.test(s.callout.text));
  await probe.detach();
  return { key, innoslate, status: sent.callout.text };
}

/** Creates a restricted key on the keys page at `url` and returns it, with
 * the "Save your key" dialog left open. */
export async function createKey(page, url = 'https://platform.openai.com/api-keys') {
  await page.goto(url);
  await page.getByRole('button', { name: 'Create new secret key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new secret key' });
  await dialog.getByPlaceholder('My Test Key').fill('Innoslate');
  await dialog.getByRole('radio', { name: 'Restricted' }).check();
  await dialog.getByRole('group', { name: 'Models', exact: true }).getByRole('radio', { name: 'Read' }).check();
  await dialog.getByRole('group', { name: 'Model capabilities', exact: true }).getByRole('radio', { name: 'Write' }).check();
  await dialog.getByRole('button', { name: 'Create secret key' }).click();
  const keyField = page.getByTestId('secret-key-value');
  await expect(keyField).toHaveValue(/^sk-proj-/);
  return keyField.inputValue();
}

/**
 * Creates a key on the keys page at `url` and waits for the callout's "Send
 * key to Innoslate". Returns the key (read from the page) and the probe.
 */
export async function openSaveYourKey(page, url = 'https://platform.openai.com/api-keys') {
  const key = await createKey(page, url);
  const probe = await overlayProbe(page);
  await probe.until((s) => s.callout && s.callout.text.includes('Step 11 of 11') && s.callout.buttons.some((b) => b.text === 'Send key to Innoslate'));
  return { key, probe };
}

/**
 * The Innoslate tab the extension opened after "Send key to Innoslate".
 * Looked for among the context's pages rather than awaited as a `page`
 * event, which Playwright does not always report for a tab an extension
 * opens.
 */
export async function innoslateTab(context, { timeout = 10_000 } = {}) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const tab = context.pages().find((p) => p.url().startsWith('https://cloud.innoslate.com/'));
    if (tab) return tab;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  throw new Error(`no Innoslate tab among ${context.pages().map((p) => p.url())}`);
}

/**
 * A key sent from OpenAI's "Save your key" dialog in `page`, and Innoslate's
 * Organization Preferences opened (1280 × 800) in the tab the extension
 * opened for it; returns that tab.
 */
export async function preferencesWithKeyInTransit(context, page) {
  const { probe } = await openSaveYourKey(page);
  await probe.press('Send key to Innoslate');
  await probe.until((s) => /on its way/.test(s.callout.text));
  const innoslate = await innoslateTab(context);
  await probe.detach();
  await innoslate.setViewportSize({ width: 1280, height: 800 });
  await innoslate.goto(new URL('/acme/admin/preferences', innoslate.url()).href);
  return innoslate;
}
