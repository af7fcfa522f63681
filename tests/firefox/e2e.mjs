// End-to-end scenarios in Firefox: the same scenario code the Chromium
// suite runs (tests/scenarios/), driven through driver-firefox.mjs, plus the
// Firefox-only ones (a self-hosted address without a prompt to press, the
// enterprise policy file). The guide runs on both layouts of the platform. One browser per group of scenarios that can share
// it, so the suite stays short on a small machine.
//
//   node tests/firefox/e2e.mjs [name filter]
//
// A scenario that fails gets one more try in a fresh browser, as the
// Chromium e2e tests do (playwright.config.mjs): one that passes only then
// is printed as `  flaky GROUP › NAME: <first error>`, and `cargo xtask
// test` lists it at its end.
//
// Last line: `firefox-e2e: N passed, N failed`.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startPracticeSite } from '../practice-site/server.mjs';
import { launchFirefoxDriver } from '../support/driver-firefox.mjs';
import { guideScenarios, guideScenarios2026 } from '../scenarios/openai-guide.mjs';
import { expectNoKeyLeft, keyScenarios, keyScenarios2026 } from '../scenarios/key-transfer.mjs';
import { optionsScenarios, selfHostedScenarios } from '../scenarios/options.mjs';
import { installPolicy, policyScenarios } from './enterprise-policy.mjs';
import { liveCheckScenarios } from '../scenarios/live-check.mjs';
import { replaceScenarios2025, replaceScenarios2026 } from '../scenarios/key-replace.mjs';

const filter = process.argv[2] ? new RegExp(process.argv[2], 'i') : null;
const SCENARIO_TIMEOUT_MS = 150_000;
// A hard ceiling for the whole run, so a wedged browser cannot hang CI.
const WATCHDOG_MS = 15 * 60_000;

const GROUPS = [
  { name: 'guide', scenarios: guideScenarios },
  { name: 'guide (2026 layout)', scenarios: { ...guideScenarios2026, ...keyScenarios2026, ...replaceScenarios2026 } },
  {
    name: 'key',
    scenarios: {
      ...keyScenarios,
      ...replaceScenarios2025,
      'no key in any console or profile file'(driver) { return expectNoKeyLeft(driver); },
    },
  },
  {
    name: 'popup and options',
    scenarios: {
      ...optionsScenarios,
      ...selfHostedScenarios,
      async 'the Firefox manifest loads without warnings'(driver) {
        assert.deepEqual(await driver.manifestWarnings(), []);
      },
    },
  },
  { name: 'live key check', scenarios: liveCheckScenarios },
  { name: 'enterprise policy', scenarios: policyScenarios, setup: installPolicy },
];

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms); }),
  ]);
}

async function main() {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.log('firefox-e2e: watchdog fired');
    console.log('firefox-e2e: 0 passed, 1 failed');
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const site = await startPracticeSite();
  let passed = 0;
  const failed = [];
  try {
    for (const group of GROUPS) {
      const names = Object.keys(group.scenarios).filter((n) => !filter || filter.test(`${group.name} ${n}`));
      if (names.length === 0) continue;
      const restore = group.setup ? await group.setup() : null;
      let driver;
      const groupStarted = Date.now();
      try {
        driver = await launchFirefoxDriver(site);
        if (restore) await restore();
        for (const name of names) {
          const t0 = Date.now();
          const attempt = () => withTimeout(group.scenarios[name](driver), SCENARIO_TIMEOUT_MS, name);
          let first = null;
          try {
            await attempt().catch(async (error) => {
              first = error;
              // The retry in a fresh browser, as Playwright's is: nothing
              // the failed try left (pages, cookies, storage) is met again.
              await driver.close().catch(() => {});
              await rm(driver.profile, { recursive: true, force: true }).catch(() => {});
              driver = await launchFirefoxDriver(site);
              await attempt();
            });
            passed += 1;
            console.log(`  ok   ${group.name} › ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
            if (first) console.log(`  flaky ${group.name} › ${name}: ${String(first.stack || first).split('\n').slice(0, 6).join('\n        ')}`);
          } catch (error) {
            failed.push(`${group.name} › ${name}`);
            console.log(`  FAIL ${group.name} › ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n       ${error.stack || error}`);
            if (first) console.log(`       (its first try failed too: ${String(first).split('\n')[0]})`);
          }
        }
      } catch (error) {
        failed.push(`${group.name} (browser)`);
        console.log(`  FAIL ${group.name}: ${error.stack || error}`);
      } finally {
        if (restore) await restore().catch(() => {});
        await driver?.close().catch(() => {});
        if (driver) await rm(driver.profile, { recursive: true, force: true }).catch(() => {});
        console.log(`group ${group.name}: ${((Date.now() - groupStarted) / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    await site.close().catch(() => {});
    clearTimeout(watchdog);
  }
  console.log(`\nfirefox-e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed.length) console.log(`failed: ${failed.join('; ')}`);
  console.log(`firefox-e2e: ${passed} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

await main();
