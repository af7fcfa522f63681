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
