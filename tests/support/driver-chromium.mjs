// The scenario driver for Chromium: Debian's Chromium through Playwright,
// the built dist/chrome loaded unpacked (see extension-browser.mjs). Same
// shape as driver-firefox.mjs, so one scenario runs in both browsers.
import { launchWithExtension } from './extension-browser.mjs';
import { readOverlayChromium } from './overlay-reader.mjs';
import { makeUi } from './ui.mjs';

async function wrapPage(page) {
  let cdp = null;
  const session = async () => { cdp ??= await page.context().newCDPSession(page); return cdp; };
  return makeUi({
    raw: page,
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    url: () => page.url(),
    close: () => page.close(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    readOverlay: async () => readOverlayChromium(await session()),
    bringToFront: () => page.bringToFront(),
  });
}

export async function launchChromiumDriver(site, options = {}) {
  const browser = await launchWithExtension(site, options);
  const consoleLines = [];
  const record = (target) => target.on('console', (msg) => consoleLines.push(msg.text()));
  record(browser.worker);
  browser.context.on('page', record);
  const origin = `chrome-extension://${browser.extensionId}`;
  const driver = {
    browserName: 'chromium',
    profile: browser.profile,
    consoleLines,
    extensionOrigin: origin,
    async newPage() {
      return wrapPage(await browser.context.newPage());
    },
    async openExtensionPage(file) {
      const page = await driver.newPage();
      await page.goto(`${origin}/${file}`);
      return page;
    },
    async waitForNewPage(urlPrefix, trigger) {
      const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(urlPrefix) || p.url() === 'about:blank', timeout: 15_000 });
      await trigger();
      const page = await opened;
      await page.waitForURL((u) => u.href.startsWith(urlPrefix));
      return wrapPage(page);
    },
    async stopBackground() {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await page.close();
    },
    /**
     * Presses the extension's keyboard shortcut on the front tab. Keys sent
     * through the DevTools protocol never reach the browser's shortcut
     * handling, so this fires the browser's own commands.onCommand event,
     * which runs the background's real handler.
     */
    async pressShortcut() {
      const worker = browser.context.serviceWorkers()[0] ?? await browser.context.waitForEvent('serviceworker');
      await worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        chrome.commands.onCommand.dispatch('focus-guide', tab);
      });
    },
    /**
     * Moves the background's clock `ms` ahead, so a lifetime runs out without
     * waiting for it. Lasts until the service worker stops.
     */
    async advanceBackgroundClock(ms) {
      const worker = browser.context.serviceWorkers()[0] ?? await browser.context.waitForEvent('serviceworker');
      await worker.evaluate((by) => {
        const now = Date.now.bind(Date);
        Date.now = () => now() + by;
      }, ms);
    },
    async revokeOrigins(origins) {
      const page = await driver.openExtensionPage('popup/popup.html');
      await page.evaluate((o) => chrome.permissions.remove({ origins: o }), origins);
      await page.close();
    },
    close: (opts) => browser.close(opts),
  };
  return driver;
}
