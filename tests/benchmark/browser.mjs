// Browser measurements for `cargo xtask bench`, printed as one JSON line:
// reaction latency (ours warm and cold, driver.js warm) and main-thread
// overhead under DOM churn (ours and driver.js), in one run of Debian's
// Chromium. BENCH_TRIALS sets the number of reaction trials (default 100).
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { startPracticeSite } from '../practice-site/server.mjs';
import { launchWithExtension, QUIET_CHROMIUM_ARGS } from '../support/extension-browser.mjs';
import { CHURN_HTML, CHURN_JS } from './churn-page.mjs';

const TRIALS = Number(process.env.BENCH_TRIALS || 100);
const CHURN_MS = 10_000;
const CSP = "default-src 'self'; script-src 'self'; object-src 'none'";
const MISSING_BUTTON = 'https://platform.openai.com/api-keys?missing=create-button';
const CHURN_PAGE = 'https://platform.openai.com/bench/api-keys';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const summary = (values) => ({ p50: +percentile(values, 50).toFixed(2), p95: +percentile(values, 95).toFixed(2), trials: values.length });

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
// insertion to the animation frame in which `painted()` first holds (the
// frame that paints the callout).
function insertAndTime(useDriver) {
  return new Promise((resolve) => {
    const main = document.querySelector('main') || document.body;
    let t0 = 0;
    const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    if (useDriver) {
      const tour = window.driver.js.driver({ animate: false });
      // driver.js's way to wait for an element: one MutationObserver.
      const wait = new MutationObserver(() => {
        const el = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Create new secret key'));
        if (!el) return;
        wait.disconnect();
        tour.highlight({ element: el, popover: { title: 'Create a new secret key', description: 'Choose + Create new secret key.' } });
        done();
      });
      wait.observe(document.body, { childList: true, subtree: true });
    } else {
      const seen = new MutationObserver(() => {
        if (!document.querySelector('ika-guide-overlay')) return;
        seen.disconnect();
        done();
      });
      seen.observe(document.documentElement, { childList: true });
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '+ Create new secret key';
    main.prepend(button);
    t0 = performance.now();
  });
}

// Two unrecorded trials first: the very first load of a page in a fresh
// browser measures the browser's start-up, not the overlay.
const WARM_UP_TRIALS = 2;

async function reactionTrials(page, { cold = false, useDriver = false, cdp = null }) {
  const times = [];
  for (let i = 0; i < TRIALS + WARM_UP_TRIALS; i += 1) {
    await page.goto(MISSING_BUTTON);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    if (useDriver) {
      await page.addStyleTag({ url: '/bench/driver.css' });
      await page.addScriptTag({ url: '/bench/driver.js' });
    } else {
      // Let the content script report the page once (target missing).
      await page.waitForTimeout(300);
    }
    if (cold) await cdp.send('ServiceWorker.stopAllWorkers');
    const ms = await page.evaluate(insertAndTime, useDriver);
    if (i >= WARM_UP_TRIALS) times.push(ms);
  }
  return times;
}

async function churnCost(page, setup) {
  await page.goto(CHURN_PAGE);
  await page.waitForFunction(() => typeof window.churn === 'function');
  await setup(page);
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  const longTasks = await page.evaluate(async (ms) => {
    let count = 0;
    const observer = new PerformanceObserver((list) => { count += list.getEntries().length; });
    observer.observe({ type: 'longtask' });
    await window.churn(ms);
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    return count;
  }, CHURN_MS);
  const after = await metric();
  await cdp.detach();
  return {
    scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
    taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
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

async function main() {
  const site = await startPracticeSite();
  const ours = await launchWithExtension(site);
  const plain = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...site.chromiumArgs, ...QUIET_CHROMIUM_ARGS] });
  try {
    await routeBenchAssets(ours.context);
    const plainContext = await plain.newContext();
    await routeBenchAssets(plainContext);

    const oursPage = await ours.context.newPage();
    await oursPage.setViewportSize({ width: 1280, height: 800 });
    const cdp = await ours.context.newCDPSession(oursPage);
    await cdp.send('ServiceWorker.enable');
    const warm = await reactionTrials(oursPage, {});
    const cold = await reactionTrials(oursPage, { cold: true, cdp });

    const driverPage = await plainContext.newPage();
    await driverPage.setViewportSize({ width: 1280, height: 800 });
    const driverWarm = await reactionTrials(driverPage, { useDriver: true });

    const baseline = await churnCost(await plainContext.newPage(), noSetup);
    const withDriver = await churnCost(await plainContext.newPage(), driverSetup);
    const withOurs = await churnCost(await ours.context.newPage(), oursSetup);
    const pct = (extra) => +((extra / CHURN_MS) * 100).toFixed(3);

    const result = {
      reaction_ms: { ours: { warm: summary(warm), cold: summary(cold) }, driverjs: { warm: summary(driverWarm) } },
      churn: {
        window_ms: CHURN_MS,
        baseline_script_ms: +baseline.scriptMs.toFixed(1),
        baseline_task_ms: +baseline.taskMs.toFixed(1),
        baseline_long_tasks: baseline.longTasks,
        ours: { overhead_pct: pct(withOurs.scriptMs - baseline.scriptMs), long_tasks_added: withOurs.longTasks - baseline.longTasks, script_ms: +withOurs.scriptMs.toFixed(1), task_ms: +withOurs.taskMs.toFixed(1) },
        driverjs: { overhead_pct: pct(withDriver.scriptMs - baseline.scriptMs), long_tasks_added: withDriver.longTasks - baseline.longTasks, script_ms: +withDriver.scriptMs.toFixed(1), task_ms: +withDriver.taskMs.toFixed(1) },
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    await ours.close();
    await plain.close();
    await site.close();
  }
}

await main();
