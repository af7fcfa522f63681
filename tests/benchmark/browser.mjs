// Browser measurements for `cargo xtask bench`, printed as one JSON line:
// reaction latency (ours warm and cold, driver.js warm), main-thread
// overhead under DOM churn (ours, the physical floor of an empty observer,
// driver.js), memory (memory.mjs), and the time from a browser start to the first callout, in
// Debian's Chromium. BENCH_TRIALS sets the number of reaction trials
// (default 100), BENCH_CHURN_ROUNDS the churn rounds (default 7),
// BENCH_STARTS the browser starts (default 40). BENCH_FLOOR_EXTENSION,
// BENCH_TARGET_FLOOR_EXTENSION and BENCH_MARKER_EXTENSION name the test-only
// extensions `cargo xtask bench` writes into target/bench/ (needed only by
// churn and first-callout).
// BENCH_ONLY lists the parts to run, comma-separated (reaction, churn,
// memory, first-callout); unset, all of them (`cargo xtask bench churn`
// runs BENCH_ONLY=churn).
import { chromium } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPracticeSite } from '../practice-site/server.mjs';
import { EXTENSION_DIR, launchWithExtension, QUIET_CHROMIUM_ARGS } from '../support/extension-browser.mjs';
import { CHURN_HTML, CHURN_JS } from './churn-page.mjs';
import { measureFirstCallout } from './first-callout.mjs';
import { measureMemory } from './memory.mjs';
import { median, summary } from './stats.mjs';

const TRIALS = Number(process.env.BENCH_TRIALS || 100);
const CHURN_ROUNDS = Number(process.env.BENCH_CHURN_ROUNDS || 7);
const STARTS = Number(process.env.BENCH_STARTS || 40);
const CHURN_MS = 10_000;
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const runs = (part) => !ONLY || ONLY.includes(part);
const CSP = "default-src 'self'; script-src 'self'; object-src 'none'";
const MISSING_BUTTON = 'https://platform.openai.com/api-keys?missing=create-button';
const CHURN_PAGE = 'https://platform.openai.com/bench/api-keys';

function testExtension(variable) {
  const dir = process.env[variable];
  if (!dir) throw new Error(`${variable} is not set: run this through \`cargo xtask bench\`, which writes the test-only extensions`);
  return path.resolve(dir);
}

// Serves driver.js and the churn page from platform.openai.com itself, with
// the same strict CSP as the practice site.
async function routeBenchAssets(context) {
  const driverJs = await readFile('node_modules/driver.js/dist/driver.js.iife.js', 'utf8');
  const driverCss = await readFile('node_modules/driver.js/dist/driver.css', 'utf8');
  const files = {
    '/bench/driver.js': ['text/javascript', driverJs],
    '/bench/driver.css': ['text/css', driverCss],
    '/bench/api-keys': ['text/html', CHURN_HTML],
    '/bench/churn.js': ['text/javascript', CHURN_JS],
  };
  await context.route('https://platform.openai.com/bench/**', (route) => {
    const [type, body] = files[new URL(route.request().url()).pathname] || ['text/plain', ''];
    route.fulfill({ status: body ? 200 : 404, contentType: type, body, headers: { 'content-security-policy': CSP } });
  });
}

// In the page: insert the target control, then resolve with the time from
// insertion until the browser has painted the first frame in which the
// tour's popover is on screen and takes clicks beside the target: after
// each frame (a task posted from its animation callback runs once the
// frame's style, layout, resize observers and paint are done, so work a
// tour does inside the frame is counted too), the same hit test, for ours
// and driver.js alike, at points around the target. Ours is found as its
// host (the callout is in a closed shadow root, and only the callout takes
// the pointer); a host on the page with its callout invisible is not shown.
// `tour` is 'ours', 'driver' or 'none' (the page alone: its own first frame
// with the control, the floor under both).
function insertAndTime(tour) {
  const useDriver = tour === 'driver';
  return new Promise((resolve, reject) => {
    const main = document.querySelector('main') || document.body;
    const button = document.createElement('button');
    let t0 = 0;
    const popoverAt = (x, y) => {
      const el = document.elementFromPoint(x, y);
      return Boolean(el && (useDriver ? el.closest('.driver-popover') : el.localName === 'ika-guide-overlay'));
    };
    const onScreen = () => {
      const r = button.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      for (const d of [16, 48, 96]) {
        const points = [[cx, r.bottom + d], [cx, r.top - d], [r.right + d, cy], [r.left - d, cy], [r.left, r.bottom + d], [r.right + d, r.bottom + d]];
        if (points.some(([x, y]) => popoverAt(x, y))) return true;
      }
      return false;
    };
    const afterFrame = () => requestAnimationFrame(() => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        const ms = performance.now() - t0;
        if (tour === 'none' || onScreen()) resolve(ms);
        else if (ms > 5000) reject(new Error('no popover beside the target 5 s after it appeared'));
        else afterFrame();
      };
      port2.postMessage(null);
    });
    if (useDriver) {
      const driver = window.driver.js.driver({ animate: false });
      // driver.js's way to wait for an element: one MutationObserver.
      const wait = new MutationObserver(() => {
        const el = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Create new secret key'));
        if (!el) return;
        wait.disconnect();
        driver.highlight({ element: el, popover: { title: 'Create a new secret key', description: 'Choose + Create new secret key.' } });
      });
      wait.observe(document.body, { childList: true, subtree: true });
    }
    button.type = 'button';
    button.textContent = '+ Create new secret key';
    main.prepend(button);
    t0 = performance.now();
    afterFrame();
  });
}

// Two unrecorded trials first: the very first load of a page in a fresh
// browser measures the browser's start-up, not the overlay.
const WARM_UP_TRIALS = 2;

// One trial: a fresh load of the keys page without its button, then the
// button inserted and timed (insertAndTime).
async function reactionTrial(page, { tour, cold = false, cdp = null }) {
  await page.goto(MISSING_BUTTON);
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  if (tour === 'driver') {
    await page.addStyleTag({ url: '/bench/driver.css' });
    await page.addScriptTag({ url: '/bench/driver.js' });
  } else if (tour === 'ours') {
    // Let the content script report the page once (target missing).
    await page.waitForTimeout(300);
  }
  if (cold) await cdp.send('ServiceWorker.stopAllWorkers');
  return page.evaluate(insertAndTime, tour);
}

// The tours take turns, trial by trial (ours, driver.js, the page alone),
// so that load from elsewhere on the machine, which comes and goes over a
// run, falls on all three alike: their ratio is what the goal judges.
async function interleavedTrials(lanes) {
  const times = lanes.map(() => []);
  for (let i = 0; i < TRIALS + WARM_UP_TRIALS; i += 1) {
    for (const [k, lane] of lanes.entries()) {
      const ms = await reactionTrial(lane.page, lane);
      if (i >= WARM_UP_TRIALS) times[k].push(ms);
    }
  }
  return times;
}

async function churnCost(page, setup) {
  await page.goto(CHURN_PAGE);
  await page.waitForFunction(() => typeof window.churn === 'function');
  await setup(page);
  await page.waitForTimeout(500);
  // Durations twice: in the main thread's CPU time, which other work on the
  // machine barely moves, and in wall time, which counts the time the
  // thread was preempted too.
  const sessions = [];
  for (const timeDomain of ['threadTicks', 'timeTicks']) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain });
    sessions.push(cdp);
  }
  const metrics = async () => Promise.all(sessions.map(async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))));
  // Every setup starts from a collected heap, so that a collection the
  // page's loading left due does not land in one setup's window and not in
  // another's (two pages without any extension differed by up to 8 ms
  // without this, and by 3 ms with it, against the 9-22 ms the floor adds).
  await sessions[0].send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(100);
  const [cpuBefore, wallBefore] = await metrics();
  const longTasks = await page.evaluate(async (ms) => {
    let count = 0;
    const observer = new PerformanceObserver((list) => { count += list.getEntries().length; });
    observer.observe({ type: 'longtask' });
    await window.churn(ms);
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    return count;
  }, CHURN_MS);
  const [cpuAfter, wallAfter] = await metrics();
  for (const cdp of sessions) await cdp.detach();
  await page.close();
  return {
    scriptMs: (cpuAfter.ScriptDuration - cpuBefore.ScriptDuration) * 1000,
    taskMs: (cpuAfter.TaskDuration - cpuBefore.TaskDuration) * 1000,
    wallScriptMs: (wallAfter.ScriptDuration - wallBefore.ScriptDuration) * 1000,
    longTasks,
  };
}

const noSetup = async () => {};
async function driverSetup(page) {
  await page.addStyleTag({ url: '/bench/driver.css' });
  await page.addScriptTag({ url: '/bench/driver.js' });
  await page.evaluate(() => window.driver.js.driver({ animate: false }).highlight({ element: '#create', popover: { title: 'Create a new secret key', description: 'Choose + Create new secret key.' } }));
}
async function oursSetup(page) {
  await page.waitForFunction(() => Boolean(document.querySelector('ika-guide-overlay')), null, { timeout: 5000 });
}
async function floorSetup(page) {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-bench-floor') === 'observing', null, { timeout: 5000 });
}

// Chromium with only one test-only floor extension, named by `variable` (see
// xtask/src/benchmark/test_extensions.rs): an observer with our observer's
// options, empty or reading each record's target, in an isolated-world
// content script.
async function launchWithFloor(site, variable) {
  const FLOOR_EXTENSION = testExtension(variable);
  const profile = await mkdtemp(path.join(tmpdir(), 'ika-floor-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${FLOOR_EXTENSION}`, `--load-extension=${FLOOR_EXTENSION}`, ...site.chromiumArgs, ...QUIET_CHROMIUM_ARGS],
  });
  return { context, close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); } };
}

// Rounds interleave the five setups, each round in another order, so load
// from elsewhere on the machine falls on all of them alike. What a setup
// adds is its script time less the same round's baseline; the medians over
// rounds are reported, and the ratio to the floor is ours over the floor's,
// as the percentages printed beside it say. Each round's own ratio is kept
// too, as the spread: it divides by one round's floor, which measurement
// noise of a few ms moves by a third, so a median of such ratios leans
// high and moves from run to run far more than the ratio of the medians.
const CHURN_SETUPS = ['baseline', 'floor', 'targetFloor', 'ours', 'driverjs'];
async function churnRounds({ plainContext, floorContext, targetFloorContext, oursContext }) {
  const run = {
    baseline: async () => churnCost(await plainContext.newPage(), noSetup),
    floor: async () => churnCost(await floorContext.newPage(), floorSetup),
    targetFloor: async () => churnCost(await targetFloorContext.newPage(), floorSetup),
    ours: async () => churnCost(await oursContext.newPage(), oursSetup),
    driverjs: async () => churnCost(await plainContext.newPage(), driverSetup),
  };
  const rounds = [];
  for (let i = 0; i < CHURN_ROUNDS; i += 1) {
    const round = {};
    for (let k = 0; k < CHURN_SETUPS.length; k += 1) {
      const setup = CHURN_SETUPS[(i + k) % CHURN_SETUPS.length];
      round[setup] = await run[setup]();
    }
    rounds.push(round);
  }
  const pct = (extra) => +((extra / CHURN_MS) * 100).toFixed(3);
  // Each round's script time `who` adds over that round's baseline, in ms.
  const extraMs = (who) => rounds.map((r) => r[who].scriptMs - r.baseline.scriptMs);
  const added = (who) => {
    const overhead = extraMs(who).map(pct);
    const wall = rounds.map((r) => pct(r[who].wallScriptMs - r.baseline.wallScriptMs));
    return {
      overhead_pct: median(overhead),
      overhead_pct_rounds: overhead,
      wall_overhead_pct: median(wall),
      wall_overhead_pct_rounds: wall,
      long_tasks_added: median(rounds.map((r) => r[who].longTasks - r.baseline.longTasks)),
      script_ms: +median(rounds.map((r) => r[who].scriptMs)).toFixed(1),
      task_ms: +median(rounds.map((r) => r[who].taskMs)).toFixed(1),
    };
  };
  const ours = added('ours');
  const floor = added('floor');
  const [oursMs, floorMs, targetFloorMs] = ['ours', 'floor', 'targetFloor'].map((who) => median(extraMs(who)));
  // A floor lost in its noise (no time added) gives no ratio.
  const over = (mine, least) => (least > 0 ? +(mine / least).toFixed(2) : null);
  const floorRounds = extraMs('floor');
  const ratios = extraMs('ours').map((mine, i) => over(mine, floorRounds[i]));
  return {
    window_ms: CHURN_MS,
    rounds: CHURN_ROUNDS,
    baseline_script_ms: +median(rounds.map((r) => r.baseline.scriptMs)).toFixed(1),
    baseline_task_ms: +median(rounds.map((r) => r.baseline.taskMs)).toFixed(1),
    baseline_long_tasks: median(rounds.map((r) => r.baseline.longTasks)),
    ours,
    floor: { ...floor, what: 'an empty subtree MutationObserver with our options, in a test-only extension\'s isolated-world content script' },
    ratio_to_floor: over(oursMs, floorMs),
    ratio_to_floor_rounds: ratios,
    added_ms: { ours: +oursMs.toFixed(2), floor: +floorMs.toFixed(2), target_floor: +targetFloorMs.toFixed(2) },
    // Not a goal: the same observer reading each record's target and nothing
    // else, the one read any observer that must know where a change
    // happened pays (ours reads it too).
    target_floor: { ...added('targetFloor'), what: 'the floor\'s observer, reading each record\'s target and nothing else' },
    ratio_to_target_floor: over(oursMs, targetFloorMs),
    // Each round's script CPU time per setup, for other estimators later.
    script_ms_rounds: rounds.map((r) => Object.fromEntries(CHURN_SETUPS.map((k) => [k, +r[k].scriptMs.toFixed(2)]))),
    driverjs: { ...added('driverjs'), what: 'driver.js after highlight(): it has stopped watching the page, so this is not a like-for-like comparison' },
  };
}

async function main() {
  const site = await startPracticeSite();
  const ours = await launchWithExtension(site);
  const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...site.chromiumArgs, ...QUIET_CHROMIUM_ARGS] });
  const floor = runs('churn') ? await launchWithFloor(site, 'BENCH_FLOOR_EXTENSION') : null;
  const targetFloor = runs('churn') ? await launchWithFloor(site, 'BENCH_TARGET_FLOOR_EXTENSION') : null;
  const result = {};
  try {
    await routeBenchAssets(ours.context);
    if (floor) await routeBenchAssets(floor.context);
    if (targetFloor) await routeBenchAssets(targetFloor.context);
    const plainContext = await plain.newContext();
    await routeBenchAssets(plainContext);

    if (runs('reaction')) {
      const oursPage = await ours.context.newPage();
      // Each lane the only page of its context (a tab of its own window): a
      // tab behind another gets a frame a second at most.
      const driverPage = await plainContext.newPage();
      const aloneContext = await plain.newContext();
      await routeBenchAssets(aloneContext);
      const alonePage = await aloneContext.newPage();
      for (const page of [oursPage, driverPage, alonePage]) await page.setViewportSize({ width: 1280, height: 800 });
      const [warm, driverWarm, pageAlone] = await interleavedTrials([
        { page: oursPage, tour: 'ours' }, { page: driverPage, tour: 'driver' }, { page: alonePage, tour: 'none' },
      ]);
      // Cold: the worker stopped before each trial; on its own, since a
      // stopped worker is what it measures.
      const cdp = await ours.context.newCDPSession(oursPage);
      await cdp.send('ServiceWorker.enable');
      const [cold] = await interleavedTrials([{ page: oursPage, tour: 'ours', cold: true, cdp }]);
      for (const page of [oursPage, driverPage, alonePage]) await page.close();
      await aloneContext.close();
      result.reaction_ms = {
        ours: { warm: summary(warm), cold: summary(cold) }, driverjs: { warm: summary(driverWarm) }, page_alone: summary(pageAlone),
      };
    }
    if (floor) {
      result.churn = await churnRounds({
        plainContext, floorContext: floor.context, targetFloorContext: targetFloor.context, oursContext: ours.context,
      });
    }
    if (runs('memory')) result.memory = await measureMemory({ site, plainContext });
  } finally {
    await ours.close();
    await plain.close();
    if (floor) await floor.close();
    if (targetFloor) await targetFloor.close();
    await site.close();
  }
  // Alone on the machine's browser side: no other Chromium is running now.
  if (runs('first-callout')) {
    result.first_callout_after_start_ms = await measureFirstCallout({ starts: STARTS, extensionDirs: [EXTENSION_DIR, testExtension('BENCH_MARKER_EXTENSION')] });
  }
  console.log(JSON.stringify(result));
}

await main();
