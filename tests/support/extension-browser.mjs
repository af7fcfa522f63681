// Launches Debian's Chromium with the built extension loaded and the
// practice site reachable under the real host names.
import { chromium } from '@playwright/test';
import { startPracticeSite } from '../practice-site/server.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXTENSION_DIR = path.resolve('dist/chrome');

// No network here: without these Chromium keeps trying to reach Google.
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launchWithExtension(site, { userDataDir, headless = true, extensionDir = EXTENSION_DIR } = {}) {
  const profile = userDataDir ?? await mkdtemp(path.join(tmpdir(), 'ika-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless,
    reducedMotion: 'reduce',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...site.chromiumArgs,
      ...QUIET_CHROMIUM_ARGS,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    profile,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchPageErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/**
 * Registers the usual lifecycle in a spec file: the practice site for the
 * whole file, and Chromium with the extension either for the whole file
 * (`per: 'file'`, tests in order), fresh for each test (`per: 'test'`,
 * tests in parallel), or once in each worker that runs the file's tests
 * (`per: 'worker'`, tests in parallel; for tests that only open pages of
 * their own and leave nothing behind that the next could read). Returns a
 * live object: read `env.site` and `env.browser` inside tests.
 */
export function useExtensionBrowser(test, { per = 'file' } = {}) {
  const env = { site: null, browser: null };
  // In parallel mode each worker runs the file's beforeAll and afterAll.
  if (per === 'worker') test.describe.configure({ mode: 'parallel' });
  const perRun = per === 'file' || per === 'worker';
  test.beforeAll(async () => {
    env.site = await startPracticeSite();
    if (perRun) env.browser = await launchWithExtension(env.site);
  });
  if (per === 'test') {
    // Nothing carries over from one test to the next, so the file's tests
    // may share the workers.
    test.describe.configure({ mode: 'parallel' });
    test.beforeEach(async () => { env.browser = await launchWithExtension(env.site); });
    test.afterEach(async () => { await env.browser?.close(); });
  }
  test.afterAll(async () => {
    if (perRun) await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/** The key waiting in the extension, as the popup sees it (null: none). */
export async function keyWaiting(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'vault_status', v: 1 }));
  await page.close();
  return reply.vault;
}
