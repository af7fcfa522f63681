// The architecture end to end: on the replica keys page, under the strict
// CSP, the content script reports the page, the wasm core in the service
// worker recognises step 8, and the callout points at the button.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser, watchPageErrors } from '../../support/extension-browser.mjs';
import { overlayProbe } from '../../support/overlay-probe.mjs';

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

test('the spotlight follows its control when the page shifts it, scrolls or resizes', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('https://platform.openai.com/api-keys');
  const button = page.getByRole('button', { name: 'Create new secret key' });
  const probe = await overlayProbe(page);
  const around = async () => {
    const b = await button.boundingBox();
    return (s) => !s.spotlight.hidden && Math.abs(s.spotlight.x + s.spotlight.width / 2 - (b.x + b.width / 2)) < 1
      && Math.abs(s.spotlight.y + s.spotlight.height / 2 - (b.y + b.height / 2)) < 1;
  };
  const before = await probe.until(await around());
  // A banner above the control: plain text, nothing the guide reads, so no
  // new report; the overlay must notice the move by itself.
  await page.evaluate(() => {
    const banner = document.createElement('div');
    banner.style.height = '150px';
    banner.textContent = 'Scheduled maintenance tonight';
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.querySelector('main').prepend(banner);
    document.body.append(spacer);
  });
  const shifted = await probe.until(await around());
  expect(shifted.spotlight.y).toBeGreaterThan(before.spotlight.y + 100);
  await page.evaluate(() => window.scrollBy(0, 120));
  await probe.until(await around());
  await page.setViewportSize({ width: 900, height: 700 });
  await probe.until(await around());
  await probe.detach();
});

test('a page that is not part of the guide gets no overlay', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('https://cloud.innoslate.com/');
  await page.waitForTimeout(500);
  expect(await page.locator('ika-guide-overlay').count()).toBe(0);
});
