// The architecture end to end: on the replica keys page, under the strict
// CSP, the content script reports the page, the wasm core in the service
// worker recognises step 8, and the callout points at the button.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, watchPageErrors } from '../support/extension-browser.mjs';
import { overlayProbe } from '../support/overlay-probe.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'";

const env = useExtensionBrowser(test);

test('keys page: step 8 callout beside "+ Create new secret key", in a closed shadow root', async () => {
  const page = await env.browser.context.newPage();
  const errors = watchPageErrors(page);
  const response = await page.goto('https://platform.openai.com/api-keys');
  expect(response.headers()['content-security-policy']).toBe(STRICT_CSP);
  const button = page.getByRole('button', { name: 'Create new secret key' });
  await expect(button).toBeVisible();

  const probe = await overlayProbe(page);
  const state = await probe.until((s) => s.callout && !s.spotlight.hidden);
  expect(state.shadowRootType).toBe('closed');
  expect(state.callout.role).toBe('dialog');
  expect(state.callout.ariaModal).toBe('false');
  expect(state.callout.labelText).toBe('Create a new secret key');
  expect(state.callout.text).toContain('Step 8 of 11');

  const dialogs = await probe.accessibleDialogs();
  expect(dialogs).toContainEqual(expect.objectContaining({ name: 'Create a new secret key' }));

  // The spotlight surrounds the button and the callout sits next to it.
  const b = await button.boundingBox();
  const s = state.spotlight;
  expect(s.x).toBeLessThanOrEqual(b.x);
  expect(s.y).toBeLessThanOrEqual(b.y);
  expect(s.x + s.width).toBeGreaterThanOrEqual(b.x + b.width);
  expect(s.y + s.height).toBeGreaterThanOrEqual(b.y + b.height);
  const c = state.callout.box;
  const gap = Math.max(c.x - (b.x + b.width), b.x - (c.x + c.width), c.y - (b.y + b.height), b.y - (c.y + c.height));
  expect(gap).toBeLessThan(40);

  // The page can neither reach into the overlay nor is its own button blocked.
  expect(await page.evaluate(() => document.querySelector('ika-guide-overlay').shadowRoot)).toBeNull();
  await button.click();
  await expect(page.getByRole('dialog', { name: 'Create new secret key' })).toBeVisible();
  expect(errors).toEqual([]);
  await probe.detach();
});

test('a page that is not part of the guide gets no overlay', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://cloud.innoslate.com/');
  await page.waitForTimeout(500);
  expect(await page.locator('ika-guide-overlay').count()).toBe(0);
});
