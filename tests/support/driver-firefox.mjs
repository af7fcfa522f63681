// The scenario driver for Firefox: firefox-esr (Debian) driven by
// puppeteer-core over WebDriver BiDi, the built dist/firefox installed as a
// temporary add-on, the practice site under the real host names.
//
// Firefox specifics handled here:
// - extension pages (moz-extension://) can be opened by the driver only with
//   --remote-allow-system-access; the add-on's UUID is preset by pref so its
//   URLs are known in advance;
// - optional host permissions: `extensions.webextOptionalPermissionPrompts`
//   false answers permissions.request() as if the admin pressed Allow (a
//   headless browser shows no doorhanger to press); the request still has to
//   come from a user action, which the trusted click provides;
// - the callout's closed shadow root is read through a BiDi shared reference;
// - the background (an event page) is stopped the way Firefox's idle timer
//   stops it, through the add-on manager's own terminateBackground().
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { readOverlayFirefox } from './overlay-reader.mjs';
import { makeUi, waitFor } from './ui.mjs';

export const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
export const GECKO_ID = 'innoslate-key-assistant@addons.local';
// How long a page load or a new tab may take. Firefox runs niced beside the
// Chromium suites in `cargo xtask test`, and a first navigation on a busy
// machine has taken over 10 s; the waits end on the event, so a generous
// limit costs nothing when the page does load.
export const PAGE_LOAD_TIMEOUT_MS = 45_000;
// The same for starting the browser itself.
export const LAUNCH_TIMEOUT_MS = 60_000;
export const FIREFOX_EXTENSION_DIR = path.resolve(process.env.IKA_FIREFOX_EXTENSION_DIR || 'dist/firefox');

// The machine is offline: stop Firefox from phoning home while we test.
export const QUIET_PREFS = {
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.checkInstallTime': false,
  'app.normandy.enabled': false,
  'browser.backup.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.geoip.url': '',
  'captivedetect.canonicalURL': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.showPane': false,
  'extensions.systemAddon.update.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.coverage.opt-out': true,
  'messaging-system.rsexperimentloader.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
};

export const EXTENSION_PREFS = {
  // Firefox MV3 host permissions are opt-in "origin controls"; this pref
  // decides whether install grants the manifest's origins. firefox-esr 153
  // ships it true; set explicitly so a flipped default fails loudly.
  'extensions.originControls.grantByDefault': true,
  // Extension and page console output on stdout, for diagnosis and for the
  // check that the key never reaches a console.
  'devtools.console.stdout.content': true,
  'devtools.console.stdout.chrome': true,
};

/** Keeps every line a stream prints. */
function collectLines(stream, into) {
  let partial = '';
  stream?.on('data', (chunk) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop();
    into.push(...parts.filter((l) => l.trim()));
  });
}

function wrapPage(browser, page) {
  const context = () => page.mainFrame()._id;
  return makeUi({
    raw: page,
    goto: (url) => page.goto(url, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS }),
    reload: () => page.reload({ waitUntil: 'load' }),
    url: () => page.url(),
    close: () => page.close(),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    readOverlay: () => readOverlayFirefox(browser.connection, context()),
    bringToFront: () => page.bringToFront(),
  });
}

/**
 * Starts firefox-esr with the extension as a temporary add-on.
 * options.prefs: more prefs; options.userDataDir: reuse a profile.
 */
export async function launchFirefoxDriver(site, { prefs = {}, userDataDir, extensionDir = FIREFOX_EXTENSION_DIR } = {}) {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} is missing: run \`cargo xtask build\` first`);
  const profile = userDataDir ?? await mkdtemp(path.join(tmpdir(), 'ika-firefox-'));
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    // Playwright's default, so both browsers lay pages out alike.
    defaultViewport: { width: 1280, height: 720 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      ...QUIET_PREFS,
      ...EXTENSION_PREFS,
      ...site.firefoxPrefs,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'extensions.webextOptionalPermissionPrompts': false,
      ...prefs,
    },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: LAUNCH_TIMEOUT_MS,
    protocolTimeout: 30_000,
  });
  const consoleLines = [];
  collectLines(browser.process()?.stdout, consoleLines);
  collectLines(browser.process()?.stderr, consoleLines);
  browser.connection.on('log.entryAdded', (entry) => consoleLines.push(`${entry.level}: ${entry.text}`));
  const addonId = await browser.installExtension(extensionDir);
  if (addonId !== GECKO_ID) throw new Error(`add-on id is ${addonId}, expected ${GECKO_ID}`);
  const origin = `moz-extension://${uuid}`;

  let clockPage = null;
  const driver = {
    browserName: 'firefox',
    profile,
    consoleLines,
    extensionOrigin: origin,
    async newPage() {
      return wrapPage(browser, await browser.newPage());
    },
    async openExtensionPage(file) {
      const page = await driver.newPage();
      const url = `${origin}/${file}`;
      // Firefox loads extension pages but does not report their navigation
      // to the driver as finished; wait for the document instead.
      await page.raw.goto(url, { waitUntil: 'load', timeout: 1_000 }).catch(() => {});
      await waitFor(`${url} to load`, () => page.evaluate((u) => location.href === u && document.readyState === 'complete', url));
      return page;
    },
    /** Runs `trigger`, then returns the tab it opened on `urlPrefix`. */
    async waitForNewPage(urlPrefix, trigger) {
      const opened = browser.waitForTarget((t) => t.type() === 'page' && t.url().startsWith(urlPrefix), { timeout: PAGE_LOAD_TIMEOUT_MS });
      await trigger();
      const page = await (await opened).page();
      return wrapPage(browser, page);
    },
    /** Stops the background the way the idle timer does; the next message starts it again. */
    async stopBackground() {
      await inChromeScope(browser, `async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
        await extension.terminateBackground({ ignoreDevToolsAttached: true });
      }`);
    },
    /**
     * Moves the background's clock `ms` ahead, so a lifetime runs out without
     * waiting for it. Lasts until the background stops.
     */
    async advanceBackgroundClock(ms) {
      // The new clock is a function of this page, and Firefox voids a
      // closed page's functions: the page stays open with the browser.
      clockPage ??= await driver.openExtensionPage('popup/popup.html');
      await clockPage.evaluate(async (by) => {
        const background = await browser.runtime.getBackgroundPage();
        const now = background.Date.now.bind(background.Date);
        background.Date.now = () => now() + by;
      }, ms);
    },
    /** The warnings Firefox recorded while reading the add-on's manifest. */
    async manifestWarnings() {
      const result = await inChromeScope(browser, `() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        return JSON.stringify(ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}).warnings);
      }`);
      return JSON.parse(result.value);
    },
    /**
     * Presses the extension's keyboard shortcut on the front tab. Keys sent
     * over WebDriver BiDi go to the page and never reach the browser
     * window's key handling, so this runs the command of the <key> element
     * Firefox made for the shortcut, which is what pressing the keys does.
     */
    async pressShortcut() {
      await inChromeScope(browser, `() => {
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        const keyset = win.document.getElementById(${JSON.stringify(`ext-keyset-id-${GECKO_ID.replace(/[^a-z0-9_-]/gi, '_')}`)});
        const key = keyset && [...keyset.children].find((k) => k.getAttribute('key') === 'K');
        if (!key) throw new Error('no shortcut key element');
        key.doCommand();
      }`);
    },
    /** Takes back a host permission, as the admin can in about:addons. */
    async revokeOrigins(origins) {
      await inChromeScope(browser, `async () => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
        await ExtensionPermissions.remove(${JSON.stringify(GECKO_ID)}, { permissions: [], origins: ${JSON.stringify(origins)} }, extension);
      }`);
    },
    async close({ keepProfile = false } = {}) {
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]).catch(() => {});
      try { browser.process()?.kill('SIGKILL'); } catch { /* already gone */ }
      if (!keepProfile && !userDataDir) await rm(profile, { recursive: true, force: true });
    },
  };
  return driver;
}

/** Runs a function in Firefox's privileged (chrome) scope over BiDi. */
async function inChromeScope(browser, functionDeclaration) {
  const { result } = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = result.contexts[0]?.context;
  if (!context) throw new Error('no chrome browsing context (is --remote-allow-system-access set?)');
  const { result: out } = await browser.connection.send('script.callFunction', {
    functionDeclaration, target: { context }, arguments: [], awaitPromise: true, resultOwnership: 'none',
  });
  if (out.type === 'exception') throw new Error(`chrome scope: ${out.exceptionDetails?.text}`);
  return out.result;
}

export { waitFor };
