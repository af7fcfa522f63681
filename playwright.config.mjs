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
  // Four workers on two cores: the tests spend much of their time waiting on
  // pages and the service worker. With two, a third of the CPU stayed idle;
  // with four, the Chromium e2e of a clean-clone run took 478 s against
  // 513-531 s with three, and the cores were busy 97% of the time (the
  // niced compilers of `cargo xtask test` take the rest). Each spec file starts
  // its own practice site (a free port) and its browsers use fresh profiles,
  // so files run side by side; within a file tests run in order unless every
  // test has its own browser or starts afresh in its worker's
  // (extension-browser.mjs, `per: 'test'` or `per: 'worker'`). Tests whose
  // timing a busy core upsets are tagged @alone.
  workers: 4,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  retries: 0,
  // The JSON report keeps each test's duration, to see which specs dominate.
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? 'target/e2e-report.json' }]],
  outputDir: 'target/e2e-results',
  projects: [
    { name: 'long', testMatch: LONG, grepInvert: ALONE },
    { name: 'chromium', testIgnore: LONG, grepInvert: ALONE },
    { name: 'alone', grep: ALONE, workers: 1, dependencies: ['long', 'chromium'] },
  ],
});
