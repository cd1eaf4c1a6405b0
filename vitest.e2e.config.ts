import { defineConfig } from 'vitest/config';

// Browser tests: a Chromium found or fetched by test/browser/ (once, in the global setup), driven by
// playwright-core against serve mode (built UI in dist/).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/browser/e2e-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
