// End-to-end tests: real Debian Chromium, the built extension, the practice site.
import { defineConfig } from '@playwright/test';

// The longest files start first, so that no worker is left with one at the end.
const LONG = ['**/recognition-mutations.spec.mjs', '**/live-key-check.spec.mjs'];
// Tests tagged @alone run after the rest, one at a time, with no other
// browser running: a machine-wide Chromium policy (read by every Chromium
// with this build, running ones too), and the settle-clock tests, whose early
// click or key press a busy machine delivers too late to test anything.
const ALONE = /@alone/;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  // Three workers on two cores: with two, a third of the CPU stayed idle
  // while tests waited on pages and the service worker. Four are no faster
  // in `cargo xtask test`: the cores are then busy 97-99% of the time, and
  // two clean-clone runs took 574 and 639 s (the niced native tests, left
  // less CPU, finished last). Each spec file starts
  // its own practice site (a free port) and its browsers use fresh profiles,
  // so files run side by side; within a file tests run in order unless every
  // test has its own browser or starts afresh in its worker's
  // (extension-browser.mjs, `per: 'test'` or `per: 'worker'`). Tests whose
  // timing a busy core upsets are tagged @alone.
  workers: 3,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  // One retry. On a machine whose cores are busy 99% of the time (the whole
  // test command), a rare race in a test or in the product fails one run
  // in several; the retry keeps that from failing the suite, and
  // `cargo xtask test` names every test that passed only on its retry, with
  // its first error, at the end of its output: each is a race to find, as
  // the lost shortcut tip was (docs/testing.md). A broken feature fails both.
  retries: 1,
  // The JSON report keeps each test's duration, to see which specs dominate.
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? 'target/e2e-report.json' }]],
  outputDir: 'target/e2e-results',
  projects: [
    { name: 'long', testMatch: LONG, grepInvert: ALONE },
    { name: 'chromium', testIgnore: LONG, grepInvert: ALONE },
    { name: 'alone', grep: ALONE, workers: 1, dependencies: ['long', 'chromium'] },
  ],
});
