// The built extension loads into real Chromium cleanly and its background
// core answers only the extension itself.
import { test, expect } from '@playwright/test';
import { useExtensionBrowser } from '../../support/extension-browser.mjs';

const env = useExtensionBrowser(test);

test('chrome://extensions shows the extension enabled with no errors or warnings', async () => {
  const page = await env.browser.context.newPage();
  await page.goto('chrome://extensions');
  const info = await page.evaluate(() => new Promise((resolve) => chrome.developerPrivate.getExtensionsInfo(resolve)));
  const ours = info.find((e) => e.id === env.browser.extensionId);
  expect(ours, 'extension is installed').toBeTruthy();
  expect(ours.name).toBe('Innoslate Key Assistant');
  expect(ours.state).toBe('ENABLED');
  expect(ours.installWarnings).toEqual([]);
  expect(ours.manifestErrors).toEqual([]);
  expect(ours.runtimeErrors).toEqual([]);
  // Least privilege: no API permissions beyond what is used, host access only to the guided sites.
  expect(ours.permissions.simplePermissions.map((p) => p.message)).toEqual([]);
});

test('the background core starts and answers the popup', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  await expect(page.locator('#core-status')).toHaveText(/^Ready\. Version \d+\.\d+\.\d+\.$/);
  await expect(page.locator('#guide-where')).toContainText('takes you through 11 steps');
});

test('a message claiming to be a page report from an extension page is refused', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({
    kind: 'page_report', v: 1, report: { url: 'https://platform.openai.com/api-keys', elements: [] },
  }));
  expect(reply).toMatchObject({ ok: false, code: 'wrong_site' });
  const garbage = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'launch_missiles', v: 1 }));
  expect(garbage).toMatchObject({ ok: false, code: 'bad_message' });
  const oldVersion = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'guide_status', v: 0 }));
  expect(oldVersion).toMatchObject({ ok: false, code: 'bad_version' });
});
