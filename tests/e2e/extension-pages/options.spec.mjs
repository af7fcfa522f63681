// The options page: the Innoslate address is checked by the core's origin
// rules before anything is saved or any permission is asked for.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';
import { openWithWasmHeld } from '../../support/held-wasm.mjs';

const env = useExtensionBrowser(test);
let options;

test.beforeAll(async () => {
  options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${env.browser.extensionId}/options/options.html`);
});

const stored = () => options.evaluate(() => chrome.storage.local.get(null));

test('defaults to the hosted Innoslate', async () => {
  await expect(options.getByLabel('Innoslate address')).toHaveValue('https://cloud.innoslate.com');
  await expect(options.getByLabel('Minutes (1 to 30)')).toHaveValue('10');
  // Once loaded (a new browser's first policy read takes seconds), a fresh
  // install has nothing to warn about: the OpenAI sites and the hosted
  // Innoslate are all allowed.
  await expect(options.locator('main')).not.toHaveAttribute('aria-busy', 'true', { timeout: 10_000 });
  await expect(options.locator('#destination-status')).toHaveText('');
});

test('plain http, credentials and nonsense are refused with a reason, and nothing is stored', async () => {
  for (const [input, reason] of [
    ['http://innoslate.example.com', /Use https:\/\//],
    ['https://admin:secret@innoslate.example.com', /user name or password/],
    ['https://bad_host', /host name is not valid/],
  ]) {
    await options.getByLabel('Innoslate address').fill(input);
    await options.getByRole('button', { name: 'Save address' }).click();
    await expect(options.locator('#destination-status')).toHaveText(reason);
  }
  expect(await stored()).not.toHaveProperty('innoslate.origin');
});

test('the hosted address is saved normalised, and the key lifetime is clamped', async () => {
  await options.getByLabel('Innoslate address').fill(' Cloud.Innoslate.com/acme/ ');
  await options.getByRole('button', { name: 'Save address' }).click();
  await expect(options.locator('#destination-status')).toHaveText(/Saved\. Keys will only be filled on https:\/\/cloud\.innoslate\.com\./);
  await options.getByLabel('Minutes (1 to 30)').fill('90');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.locator('#ttl-status')).toHaveText('Saved: 30 minutes.');
  expect(await stored()).toMatchObject({ 'innoslate.origin': 'https://cloud.innoslate.com', 'vault.ttl_minutes': 30 });
});

test('a save before the page has loaded is refused with words, and works once it has', async () => {
  const { page, release } = await openWithWasmHeld(env.browser.context, `chrome-extension://${env.browser.extensionId}/options/options.html`);
  await page.getByLabel('Innoslate address').fill('https://cloud.innoslate.com');
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect(page.locator('#destination-status')).toHaveText('This page is still loading. Try again in a moment.');
  await release();
  await expect(page.locator('main')).not.toHaveAttribute('aria-busy', 'true', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect(page.locator('#destination-status')).toHaveText(/^Saved\. Keys will only be filled on https:\/\/cloud\.innoslate\.com\./);
  await page.close();
});
