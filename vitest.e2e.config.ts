import { defineConfig } from 'vitest/config';

// Browser tests: a Chromium found or fetched by test/browser/ (once, in the global setup), driven by
// playwright-core against serve mode (built UI in dist/).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/browser/e2e-global-setup.ts'],
    // Any console error in a page fails the test that was running (test/e2e/no-console-errors.ts).
    setupFiles: ['test/e2e/no-console-errors.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
