import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against serve mode (built UI in dist/).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
