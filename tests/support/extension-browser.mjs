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
 * (`per: 'worker'`, tests in parallel), each test starting from
 * `startAfresh`: for tests that need no first install, no cold browser and
 * no Chromium policy. `afresh: false` leaves that out, for tests that only
 * open pages of their own, close them, and leave nothing behind that the
 * next could read. Returns a live object: read `env.site` and `env.browser`
 * inside tests.
 */
export function useExtensionBrowser(test, { per = 'file', afresh = true } = {}) {
  const env = { site: null, browser: null };
  // In parallel mode each worker runs the file's beforeAll and afterAll.
  if (per === 'worker') {
    test.describe.configure({ mode: 'parallel' });
    if (afresh) test.beforeEach(async () => { await startAfresh(env.browser); });
  }
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

/**
 * Puts a browser that tests share back where a fresh one starts, as far as
 * the extension and the practice site can tell: the tabs of the test before
 * closed (their guide progress goes with them), no cookies (the practice
 * site's layout, sign-in and focus-trap knobs), nothing in the extension's
 * storage (a key waiting, records, settings, a replacement), and its service
 * worker started anew, so that nothing stays in its memory either (the
 * core's key, offers and last fill; the tabs that had the shortcut tip).
 */
export async function startAfresh(browser) {
  const { context } = browser;
  const ours = `chrome-extension://${browser.extensionId}/`;
  const blank = await context.newPage();
  for (const page of context.pages()) if (page !== blank) await page.close();
  await context.clearCookies();
  // The key dropped first, so that nothing writes it back to storage.
  await blank.goto(`${ours}popup/popup.html`);
  await blank.evaluate(async () => {
    await chrome.runtime.sendMessage({ kind: 'clear_vault', v: 1 });
    await Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()]);
  });
  await blank.goto('about:blank');
  // Stopped as the browser stops an idle worker. Playwright keeps the same
  // Worker object, which reaches the worker again once it runs.
  const cdp = await context.newCDPSession(blank);
  const reaches = (status) => new Promise((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.startsWith(ours) && v.runningStatus === status)) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  const stopped = reaches('stopped');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  // Started again, before the test reaches for it, as an event would start
  // it (and without loading one of our pages for it).
  const running = reaches('running');
  await cdp.send('ServiceWorker.startWorker', { scopeURL: ours });
  await running;
  await cdp.detach();
}

/**
 * Moves the tab the extension just opened beside `page` (one of our pages,
 * opened as a tab: tabs.create puts the new tab in its window and makes it
 * the active one) into a window of its own. Headless Chromium draws only a
 * window's active tab: the page left behind gets about one animation frame
 * a second, and every Playwright action on it waits seconds for its
 * stable-box check. An admin's popup is a bubble beside the page instead,
 * both drawn; tests that keep using the popup after it opened a tab call
 * this to be like that.
 * @param {import('@playwright/test').Page} page an extension page of ours
 */
export async function ownWindowForOpenedTab(page) {
  await page.evaluate(async () => {
    const here = await chrome.tabs.getCurrent();
    const window = await chrome.windows.getCurrent({ populate: true });
    const opened = window.tabs.find((tab) => tab.active && tab.id !== here?.id);
    if (opened) await chrome.windows.create({ tabId: opened.id });
  });
}

/** The key waiting in the extension, as the popup sees it (null: none). */
export async function keyWaiting(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'vault_status', v: 1 }));
  await page.close();
  return reply.vault;
}
