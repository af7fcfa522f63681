// Time from a browser start with an existing profile to the guide's first
// callout on the keys page, and what that time is made of.
//
// A profile is made once (that first start also installs the extension);
// then Debian's Chromium is started again and again with that profile
// directly on https://platform.openai.com/api-keys, exactly as a person
// would start it: a plain process with the URL, no test driver attached
// while it starts (its DevTools port is open, unused until the end). A page script of this benchmark (first-callout-probe.js,
// placed in the page by this benchmark's own server, which otherwise answers
// as the practice site) notes when our overlay host enters the page and the
// frame that paints it, and posts that back. A test-only extension loaded
// next to ours marks when document_idle content scripts were injected. Only
// after the callout was painted does the benchmark open DevTools, to read
// when the service worker started and how long the wasm core takes to
// compile there, and to close the browser cleanly. A few more starts on a
// blank page time the worker's first storage reads, which the first page
// report waits for.
import { spawn } from 'node:child_process';
import https from 'node:https';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgsFor, OPENAI_PLATFORM_HOST } from '../practice-site/hosts.mjs';
import { createRequestHandler } from '../practice-site/routes.mjs';
import { send } from '../practice-site/respond.mjs';
import { createTlsMaterial } from '../practice-site/tls.mjs';
import { QUIET_CHROMIUM_ARGS } from '../support/extension-browser.mjs';
import { summary } from './stats.mjs';

const KEYS_PAGE = `https://${OPENAI_PLATFORM_HOST}/api-keys`;
const RESULT_PATH = '/bench/first-callout';
const PROBE_PATH = '/bench/first-callout-probe.js';
const START_TIMEOUT_MS = 60_000;
// Extra starts that time the worker's first storage reads (see firstStorageReads).
const STORAGE_STARTS = 3;

// The practice keys page with the probe as the first script of its head.
async function probedKeysPage() {
  const shell = await readFile('tests/practice-site/openai/platform/index.html', 'utf8');
  const app = '<script type="module"';
  if (!shell.includes(app)) throw new Error('the practice platform page has no module script to put the probe before');
  return shell.replace(app, `<script src="${PROBE_PATH}"></script>\n  ${app}`);
}

async function startProbeServer() {
  const tls = await createTlsMaterial([OPENAI_PLATFORM_HOST]);
  const page = await probedKeysPage();
  const probe = await readFile('tests/benchmark/first-callout-probe.js');
  const practice = createRequestHandler('https');
  let deliver = null;
  const server = https.createServer({ key: tls.keyPem, cert: tls.certChainPem, minVersion: 'TLSv1.2' }, (req, res) => {
    const { pathname } = new URL(req.url, KEYS_PAGE);
    if (req.method === 'POST' && pathname === RESULT_PATH) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        send(res, 204, '');
        deliver?.(JSON.parse(body));
      });
      return undefined;
    }
    if (pathname === '/api-keys') return send(res, 200, page, { type: 'text/html; charset=utf-8' });
    if (pathname === PROBE_PATH) return send(res, 200, probe, { type: 'text/javascript; charset=utf-8' });
    return practice(req, res);
  });
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    chromiumArgs: chromiumArgsFor(server.address().port, tls.spkiHash, [OPENAI_PLATFORM_HOST]),
    /** The next posted result, or a rejection after `ms`. */
    nextResult(ms) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no callout within ${ms} ms of the browser start`)), ms);
        deliver = (result) => { clearTimeout(timer); deliver = null; resolve(result); };
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await tls.remove();
    },
  };
}

async function devToolsPort(profile) {
  for (let i = 0; i < 100; i += 1) {
    const text = await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
    if (text.includes('\n')) return Number(text.split('\n')[0]);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Chromium did not open its DevTools port');
}

// Read after the callout was painted, so attaching changes nothing measured:
// when our service worker started, and how long compiling the wasm core
// takes in it (the worker records no resource timing of its own fetches).
async function serviceWorkerFacts(browser) {
  const worker = await ourWorker(browser);
  if (!worker) return null;
  return worker.evaluate(async () => {
    const bytes = await (await fetch('/core/innoslate_key_assistant_bg.wasm')).arrayBuffer();
    const t0 = performance.now();
    await WebAssembly.compile(bytes);
    return { time_origin: performance.timeOrigin, wasm_compile_ms: performance.now() - t0 };
  });
}

async function ourWorker(browser) {
  const context = browser.contexts()[0];
  const isOurs = (w) => w.url().endsWith('/background/background.js');
  return context.serviceWorkers().find(isOurs)
    ?? context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 5000 }).catch(() => null);
}

// Starts Chromium with the profile on `url`, as a plain process.
async function launch(profile, extensionDirs, server, url) {
  await rm(path.join(profile, 'DevToolsActivePort'), { force: true });
  const extensions = extensionDirs.join(',');
  const args = [
    '--headless', `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`,
    '--remote-debugging-port=0', ...server.chromiumArgs, ...QUIET_CHROMIUM_ARGS, url,
  ];
  const launchedAt = performance.timeOrigin + performance.now();
  const browserProcess = spawn('/usr/bin/chromium', args, { stdio: 'ignore' });
  const exited = new Promise((resolve) => browserProcess.once('exit', resolve));
  return { launchedAt, exited, devtools: null, profile, browserProcess };
}

async function attach(started) {
  started.devtools = await chromium.connectOverCDP(`http://127.0.0.1:${await devToolsPort(started.profile)}`);
  return started.devtools;
}

// Closes the browser the way a person does, so the next start finds a
// cleanly closed profile; kills it only if it does not go.
async function close({ devtools, browserProcess, exited }) {
  if (devtools) {
    const session = await devtools.newBrowserCDPSession();
    await session.send('Browser.close').catch(() => {});
  } else {
    browserProcess.kill('SIGTERM');
  }
  const closed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
  if (!closed) {
    browserProcess.kill('SIGKILL');
    await exited;
  }
}

// One measured start: launch on the keys page, wait for the probe's
// result, then read the worker.
async function startOnce(profile, extensionDirs, server) {
  const result = server.nextResult(START_TIMEOUT_MS);
  const started = await launch(profile, extensionDirs, server, KEYS_PAGE);
  try {
    const page = await Promise.race([result, started.exited.then(() => { throw new Error('Chromium exited before the first callout'); })]);
    const worker = await serviceWorkerFacts(await attach(started));
    return { launchedAt: started.launchedAt, page, worker };
  } finally {
    result.catch(() => {});
    await close(started);
  }
}

// A start not counted above, on a blank page: how long the first reads of
// local and of managed storage take in a freshly started worker. The
// loader reads the settings (managed policy included) before it answers
// the first page report, so the first callout waits for both.
async function firstStorageReads(profile, extensionDirs, server) {
  const started = await launch(profile, extensionDirs, server, 'about:blank');
  try {
    const worker = await ourWorker(await attach(started));
    if (!worker) return null;
    return await worker.evaluate(async () => {
      const time = async (read) => {
        const t0 = performance.now();
        await read().catch(() => {});
        return performance.now() - t0;
      };
      const local = await time(() => chrome.storage.local.get('innoslate.origin'));
      const managed = await time(() => chrome.storage.managed.get(['innoslateOrigin', 'keyLifetimeMinutes']));
      return { local, managed };
    });
  } finally {
    await close(started);
  }
}

// Milliseconds of each piece of one start, in order; the pieces add up to
// the time from launch to the painted callout.
function pieces({ launchedAt, page: p }) {
  const injected = p.injected_at ?? p.dom_content_loaded_end;
  return {
    browser_start_to_navigation: p.time_origin - launchedAt,
    navigation_to_dom_content_loaded: p.dom_content_loaded_end,
    dom_content_loaded_to_content_script: injected - p.dom_content_loaded_end,
    content_script_to_overlay_host: p.host_at - injected,
    overlay_host_to_painted_frame: p.painted_at - p.host_at,
  };
}

const round = (x) => +x.toFixed(2);

/** Measures `starts` starts after one profile-making start; see the top of this file. */
export async function measureFirstCallout({ starts, extensionDirs }) {
  const server = await startProbeServer();
  const profile = await mkdtemp(path.join(tmpdir(), 'ika-start-profile-'));
  try {
    const install = await startOnce(profile, extensionDirs, server);
    const runs = [];
    for (let i = 0; i < starts; i += 1) runs.push(await startOnce(profile, extensionDirs, server));
    const storage = [];
    for (let i = 0; i < STORAGE_STARTS; i += 1) storage.push(await firstStorageReads(profile, extensionDirs, server));
    const storageRead = storage.filter(Boolean);

    const fromLaunch = (r) => r.page.time_origin + r.page.painted_at - r.launchedAt;
    const split = runs.map(pieces);
    const breakdown = Object.fromEntries(Object.keys(split[0]).map((k) => [k, summary(split.map((s) => s[k]))]));
    const dominant = Object.entries(breakdown).sort((a, b) => b[1].p50 - a[1].p50)[0][0];
    const withWorker = runs.filter((r) => r.worker);
    const workerStart = withWorker.map((r) => r.worker.time_origin - r.page.time_origin);
    const contentScript = withWorker.map((r) => r.page.injected_at ?? r.page.dom_content_loaded_end);
    return {
      starts: runs.length,
      from_launch: summary(runs.map(fromLaunch)),
      from_navigation: summary(runs.map((r) => r.page.painted_at)),
      // The clocks the goals are held to. The practice app draws the step's
      // control after its loading state, so each starts when the control is
      // in the page if that is later: from our content script's start, and
      // from the end of the page's own DOMContentLoaded. The latter also
      // plainly, and when the control entered the page.
      from_content_script: summary(runs.map((r) => r.page.painted_at - Math.max(r.page.injected_at ?? 0, r.page.target_at ?? 0))),
      after_dom_content_loaded_and_target: summary(runs.map((r) => r.page.painted_at - Math.max(r.page.dom_content_loaded_end, r.page.target_at ?? 0))),
      after_dom_content_loaded: summary(runs.map((r) => r.page.painted_at - r.page.dom_content_loaded_end)),
      target_after_content_script: summary(runs.map((r) => (r.page.target_at ?? 0) - (r.page.injected_at ?? 0))),
      first_start_making_the_profile_ms: round(fromLaunch(install)),
      breakdown,
      dominant,
      content_script_marked: runs.every((r) => r.page.injected_at !== null),
      load_event_end: summary(runs.filter((r) => r.page.load_end !== null).map((r) => r.page.load_end)),
      service_worker: withWorker.length === 0 ? null : {
        started_after_navigation: summary(workerStart),
        started_after_content_script: summary(workerStart.map((t, i) => t - contentScript[i])),
        wasm_compile_ms: summary(withWorker.map((r) => r.worker.wasm_compile_ms)),
        starts_read: withWorker.length,
      },
      first_storage_read_in_worker: storageRead.length === 0 ? null : {
        local: summary(storageRead.map((s) => s.local)),
        managed: summary(storageRead.map((s) => s.managed)),
        starts: storageRead.length,
      },
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
    await server.close();
  }
}
