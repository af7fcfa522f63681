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
  reporter: [['list']],
  outputDir: 'target/e2e-results',
});
