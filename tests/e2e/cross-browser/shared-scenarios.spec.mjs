// The scenarios shared with the Firefox suite (tests/scenarios/, run there
// by tests/firefox/e2e.mjs), here in Chromium through driver-chromium.mjs.
// One browser per group, as in Firefox. The guide runs on both layouts of
// the platform; scenarios named "2026 layout: …" are the 2026 pages'. The self-hosted address scenarios
// run in Firefox only: Chromium's permission prompt cannot be answered in a
// headless run.
import { test } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { startPracticeSite } from '../../practice-site/server.mjs';
import { launchChromiumDriver } from '../../support/driver-chromium.mjs';
import { guideScenarios, guideScenarios2026 } from '../../scenarios/openai-guide.mjs';
import { expectNoKeyLeft, keyScenarios, keyScenarios2026 } from '../../scenarios/key-transfer.mjs';
import { optionsScenarios } from '../../scenarios/options.mjs';
import { replaceScenarios2025, replaceScenarios2026 } from '../../scenarios/key-replace.mjs';

const GROUPS = {
  guide: guideScenarios,
  'guide (2026 layout)': { ...guideScenarios2026, ...keyScenarios2026, ...replaceScenarios2026 },
  key: { ...keyScenarios, ...replaceScenarios2025, 'no key in any console or profile file': (driver) => expectNoKeyLeft(driver) },
  'popup and options': optionsScenarios,
};

let site;
test.beforeAll(async () => { site = await startPracticeSite(); });
test.afterAll(async () => { await site?.close(); });

for (const [group, scenarios] of Object.entries(GROUPS)) {
  test.describe(`shared: ${group}`, () => {
    // The 2026 scenarios wait for the guide to learn those pages: each runs
    // and reports on its own (a serial group skips the rest after a failure).
    test.describe.configure({ mode: group.startsWith('guide (2026') ? 'default' : 'serial' });
    let driver;
    test.beforeAll(async () => { driver = await launchChromiumDriver(site); });
    test.afterAll(async () => {
      await driver?.close().catch(() => {});
      if (driver) await rm(driver.profile, { recursive: true, force: true });
    });
    for (const [name, run] of Object.entries(scenarios)) {
      test(name, async () => { await run(driver); });
    }
  });
}
