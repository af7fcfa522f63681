// Firefox smoke test: the built extension (dist/firefox) installed as a
// temporary add-on in headless firefox-esr, driven over WebDriver BiDi by
// puppeteer-core, shows its guide callout on the practice replica of
// https://platform.openai.com/api-keys (served under the real host name, with
// the replica's strict CSP).
//
//   node tests/firefox/smoke.mjs
//
// Prints `firefox-smoke: 1 passed, 0 failed` (exit 0) or
// `firefox-smoke: 0 passed, 1 failed` (exit 1) as its last line.
//
// The callout lives in a CLOSED shadow root, which no page script can reach.
// The test reads it the way a WebDriver client may: the BiDi remote value of
// the host element carries `shadowRoot.sharedId` (closed roots included), and
// that shared reference can be handed back as an argument of
// `script.callFunction`. See tests/support/overlay-reader.mjs.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startPracticeSite } from '../practice-site/server.mjs';
import { firefoxOverlayRoot, readOverlayFirefox } from '../support/overlay-reader.mjs';
// The prefs every Firefox test launch uses (offline machine, host access
// granted at install, console on stdout); see driver-firefox.mjs.
import { EXTENSION_PREFS, LAUNCH_TIMEOUT_MS, PAGE_LOAD_TIMEOUT_MS, QUIET_PREFS } from '../support/driver-firefox.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
// IKA_FIREFOX_EXTENSION_DIR lets a developer point the test at another build.
const EXTENSION_DIR = resolve(process.env.IKA_FIREFOX_EXTENSION_DIR || join(REPO, 'dist', 'firefox'));
const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
const PAGE_URL = 'https://platform.openai.com/api-keys';
const GECKO_ID = 'innoslate-key-assistant@addons.local';

const EXPECT_TITLE = 'Create a new secret key';
const EXPECT_PROGRESS = 'Step 8 of 11';
const OVERLAY_TIMEOUT_MS = 30_000;
// A hard ceiling for the whole run, so a wedged browser cannot hang CI.
const WATCHDOG_MS = 180_000;

const log = (...args) => console.log('[firefox-smoke]', ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Keep the last N lines of a stream for diagnostics. */
function tailOf(stream, limit = 200) {
  const lines = [];
  let partial = '';
  stream?.on('data', (chunk) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop();
    for (const line of parts) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > limit) lines.shift();
    }
  });
  return () => (partial.trim() ? [...lines, partial] : [...lines]);
}

async function waitFor(what, timeoutMs, probe, intervalMs = 150) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last && last.ok) return last;
    } catch (err) {
      last = { ok: false, error: String(err && err.message || err) };
    }
    if (Date.now() > deadline) {
      const error = new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      error.lastProbe = last;
      throw error;
    }
    await sleep(intervalMs);
  }
}

async function run(state) {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIR}/manifest.json is missing: run \`cargo xtask build\` first`);
  }
  if (!existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} is missing: apt-get install -y firefox-esr`);
  }

  state.site = await startPracticeSite();
  log(`practice site on 127.0.0.1:${state.site.port}`);
  state.profile = await mkdtemp(join(tmpdir(), 'ika-firefox-smoke-'));

  state.browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: state.profile,
    // The practice site's certificate comes from a CA made for this run.
    acceptInsecureCerts: true,
    extraPrefsFirefox: { ...QUIET_PREFS, ...EXTENSION_PREFS, ...state.site.firefoxPrefs },
    // We close the browser ourselves in `finally`.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: LAUNCH_TIMEOUT_MS,
    protocolTimeout: 30_000,
  });
  const proc = state.browser.process();
  state.stdout = tailOf(proc?.stdout);
  state.stderr = tailOf(proc?.stderr);

  // Page console messages and errors, reported by BiDi `log.entryAdded`.
  const connection = state.browser.connection;
  connection.on('log.entryAdded', (entry) => {
    const where = entry.source?.context ? ` [${entry.source.context}]` : '';
    state.consoleLines.push(`${entry.level} ${entry.type}${where}: ${entry.text}`);
  });

  const addonId = await state.browser.installExtension(EXTENSION_DIR);
  log(`installed temporary add-on ${addonId}`);
  if (addonId !== GECKO_ID) throw new Error(`add-on id is ${addonId}, expected ${GECKO_ID}`);

  const [existing] = await state.browser.pages();
  const page = existing ?? await state.browser.newPage();
  state.page = page;
  page.on('pageerror', (err) => state.consoleLines.push(`pageerror: ${err.message}`));

  const response = await page.goto(PAGE_URL, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS });
  if (!response || response.status() !== 200) {
    throw new Error(`${PAGE_URL} answered ${response ? response.status() : 'nothing'}`);
  }
  const context = page.mainFrame()._id;
  if (!context) throw new Error('no BiDi browsing context id for the page');

  // 1. The replica page itself rendered (its single-page app ran under its CSP).
  await waitFor('the page button "Create new secret key"', PAGE_LOAD_TIMEOUT_MS, async () => ({
    ok: await page.evaluate((wanted) => [...document.querySelectorAll('button,[role=button]')]
      .some((button) => {
        // Its accessible name: aria-label, else the text without aria-hidden
        // decorations such as the "+" icon.
        const label = button.getAttribute('aria-label');
        const copy = button.cloneNode(true);
        copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
        return (label || copy.textContent).replace(/\s+/g, ' ').trim() === wanted;
      }), 'Create new secret key'),
  }));
  log('page loaded: "Create new secret key" button found');

  // 2. The extension drew its callout inside a closed shadow root.
  const seen = await waitFor('the guide callout', OVERLAY_TIMEOUT_MS, async () => {
    const host = await firefoxOverlayRoot(connection, context);
    if (!host.exists) return { ok: false, host: 'absent' };
    if (!host.shadowId) return { ok: false, host: 'present', shadowRoot: 'not serialized' };
    const overlay = await readOverlayFirefox(connection, context);
    const inside = { isShadowRoot: overlay?.isShadowRoot, dialog: Boolean(overlay?.callout), ...overlay?.callout };
    const ok = inside.isShadowRoot && inside.dialog
      && inside.title === EXPECT_TITLE
      && inside.progress === EXPECT_PROGRESS
      && inside.text.includes(EXPECT_PROGRESS);
    return { ok, host: 'present', shadowMode: host.shadowMode, ...inside };
  });
  log(`callout: "${seen.progress}" / "${seen.title}" (shadow root mode ${seen.shadowMode})`);
  if (seen.shadowMode && seen.shadowMode !== 'closed') {
    throw new Error(`shadow root mode is ${seen.shadowMode}, expected closed`);
  }
  // The stylesheet reached the closed root (a constructed sheet, or the
  // <style> fallback where the content script's world cannot adopt one).
  if (!seen.styled) throw new Error('the callout is drawn without the overlay\'s stylesheet');
  if (seen.ariaModal !== 'false' || seen.labelledBy !== 'ika-title') {
    throw new Error(`dialog attributes: aria-modal=${seen.ariaModal} aria-labelledby=${seen.labelledBy}`);
  }

  // 3. The page's own script cannot see the shadow root.
  const pageView = await page.evaluate(() => {
    const host = document.querySelector('ika-guide-overlay');
    return { host: Boolean(host), shadowRootIsNull: host ? host.shadowRoot === null : null };
  });
  if (!pageView.host || pageView.shadowRootIsNull !== true) {
    throw new Error(`page script view of the host: ${JSON.stringify(pageView)}`);
  }
  log('page script sees host.shadowRoot === null');
}

async function diagnostics(state) {
  const out = [];
  if (state.page && state.browser?.connected) {
    try {
      const context = state.page.mainFrame()._id;
      const host = await firefoxOverlayRoot(state.browser.connection, context);
      out.push(`page url: ${state.page.url()}`);
      out.push(`overlay host element exists: ${host.exists}; shadowRoot sharedId: ${host.shadowId ?? 'none'}`);
      if (host.shadowId) {
        out.push(`overlay contents: ${JSON.stringify(await readOverlayFirefox(state.browser.connection, context))}`);
      }
      const body = await state.page.evaluate(() => document.body?.innerText?.slice(0, 400) ?? '(no body)');
      out.push(`page text: ${JSON.stringify(body)}`);
    } catch (err) {
      out.push(`(could not inspect the page: ${err.message})`);
    }
  }
  if (state.consoleLines.length) {
    out.push('page console / errors (BiDi log.entryAdded):', ...[...new Set(state.consoleLines)].map((l) => `  ${l}`));
  }
  // Extension (background and content script) errors reach the browser's
  // stdout thanks to the devtools.console.stdout.* prefs.
  const browserLines = [...new Set([...(state.stdout?.() ?? []), ...(state.stderr?.() ?? [])]
    .filter((l) => /error|exception|moz-extension|innoslate|ika-/i.test(l)))]
    .slice(-40);
  if (browserLines.length) out.push('browser log (filtered):', ...browserLines.map((l) => `  ${l}`));
  return out;
}

async function main() {
  const started = Date.now();
  const state = { consoleLines: [] };
  let passed = false;
  const watchdog = setTimeout(() => {
    console.error(`[firefox-smoke] watchdog: no result after ${WATCHDOG_MS} ms`);
    try { state.browser?.process()?.kill('SIGKILL'); } catch { /* already gone */ }
    try { if (state.profile) rmSync(state.profile, { recursive: true, force: true }); } catch { /* best effort */ }
    console.log('firefox-smoke: 0 passed, 1 failed');
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  try {
    await run(state);
    passed = true;
  } catch (err) {
    console.error(`[firefox-smoke] FAIL: ${err.message}`);
    if (err.lastProbe) console.error(`[firefox-smoke] last probe: ${JSON.stringify(err.lastProbe)}`);
    for (const line of await diagnostics(state)) console.error(`[firefox-smoke] ${line}`);
  } finally {
    if (state.browser) {
      await Promise.race([state.browser.close(), sleep(10_000)]).catch(() => {});
      try { state.browser.process()?.kill('SIGKILL'); } catch { /* already gone */ }
    }
    if (state.site) await state.site.close().catch(() => {});
    if (state.profile) await rm(state.profile, { recursive: true, force: true }).catch(() => {});
    clearTimeout(watchdog);
  }
  log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`firefox-smoke: ${passed ? 1 : 0} passed, ${passed ? 0 : 1} failed`);
  process.exit(passed ? 0 : 1);
}

await main();
