// Memory for `cargo xtask bench`: the JS heap our content scripts add to
// the keys page, the service worker's heap after a walk through the whole
// guide, and the heap driver.js adds to the same page, all in one run.
//
// A page's content scripts share its V8 heap, so what ours add is the keys
// page's heap with the extension less the same page's heap without it
// (each after a full garbage collection, median of a few loads); driver.js
// is measured the same way, loaded and highlighting the keys button. The
// worker has no page to attach to through Playwright, so its heap is read
// over the browser's DevTools port (opened for this launch only).
import { chromium } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { EXTENSION_DIR, QUIET_CHROMIUM_ARGS } from '../support/extension-browser.mjs';
import { OPENAI_FLOW, START_URL } from '../scenarios/openai-flow.mjs';
import { median } from './stats.mjs';

const KEYS_PAGE = 'https://platform.openai.com/api-keys';
const LOADS = 5;
const kb = (bytes) => +(bytes / 1024).toFixed(1);

/** The page's V8 heap in use after a full collection, in bytes. */
async function pageHeap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Median heap of the keys page over `LOADS` loads in `context`, after `setup`. */
async function keysPageHeap(context, setup) {
  const sizes = [];
  for (let i = 0; i < LOADS; i += 1) {
    const page = await context.newPage();
    await page.goto(KEYS_PAGE);
    await page.getByRole('button', { name: /Create new secret key/ }).waitFor();
    await setup(page);
    await page.waitForTimeout(300);
    sizes.push(await pageHeap(page));
    await page.close();
  }
  return median(sizes);
}

/** One DevTools command to a target over its own WebSocket. */
function cdpOnce(url, calls) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const results = [];
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ id: 0, ...calls[0] })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.id === undefined) return;
      if (message.error) { socket.close(); reject(new Error(message.error.message)); return; }
      results.push(message.result);
      if (results.length === calls.length) { socket.close(); resolve(results); return; }
      socket.send(JSON.stringify({ id: results.length, ...calls[results.length] }));
    });
  });
}

/** Our service worker's heap after a full collection, in bytes. */
async function workerHeap(profile) {
  const port = Number((await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8')).split('\n')[0]);
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const worker = targets.find((t) => t.type === 'service_worker' && t.url.endsWith('/background/background.js'));
  if (!worker) return null;
  const [, usage] = await cdpOnce(worker.webSocketDebuggerUrl, [{ method: 'HeapProfiler.collectGarbage' }, { method: 'Runtime.getHeapUsage' }]);
  return usage.usedSize;
}

/** Walks the 2025 flow from sign-in to "Save your key", each step's control shown first. */
async function fullWalk(context) {
  const page = await context.newPage();
  await page.goto(START_URL);
  for (const step of OPENAI_FLOW) {
    await step.target(page).waitFor();
    await page.waitForFunction(() => Boolean(document.querySelector('ika-guide-overlay')), null, { timeout: 10_000 });
    if (step.act) await step.act(page);
  }
  await page.waitForTimeout(500);
  await page.close();
}

// driver.js loaded from the page's origin (routed by browser.mjs) and
// highlighting the keys button, as the reaction benchmark uses it.
async function driverSetup(page) {
  await page.addStyleTag({ url: '/bench/driver.css' });
  await page.addScriptTag({ url: '/bench/driver.js' });
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Create new secret key'));
    window.driver.js.driver({ animate: false }).highlight({ element: button, popover: { title: 'Create a new secret key', description: 'Choose + Create new secret key.' } });
  });
}

/**
 * @param {{ site: { chromiumArgs: string[] }, plainContext: import('@playwright/test').BrowserContext }} options
 *   `plainContext`: a browser without extensions, with the benchmark's assets routed
 */
export async function measureMemory({ site, plainContext }) {
  const profile = await mkdtemp(path.join(tmpdir(), 'ika-memory-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
      '--remote-debugging-port=0', ...site.chromiumArgs, ...QUIET_CHROMIUM_ARGS,
    ],
  });
  try {
    const awaitOverlay = (page) => page.waitForFunction(() => Boolean(document.querySelector('ika-guide-overlay')), null, { timeout: 5000 });
    const plain = await keysPageHeap(plainContext, async () => {});
    const ours = await keysPageHeap(context, awaitOverlay);
    const driver = await keysPageHeap(plainContext, driverSetup);
    await fullWalk(context);
    const worker = await workerHeap(profile);
    return {
      keys_page_plain_kb: kb(plain),
      content_scripts_kb: kb(ours - plain),
      driverjs_kb: kb(driver - plain),
      worker_after_walk_kb: worker === null ? null : kb(worker),
      what: 'V8 heap in use after a full collection (Runtime.getHeapUsage); page figures are the keys page with less the keys page without, median of 5 loads',
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
