// End-to-end tests: real Debian Chromium, the built extension, the practice site.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  // Two cores: one browser at a time keeps timings honest and the suite stable.
  workers: 1,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  retries: 0,
  // The JSON report keeps each test's duration, to see which specs dominate.
  reporter: [['list'], ['json', { outputFile: 'target/e2e-report.json' }]],
  outputDir: 'target/e2e-results',
});
