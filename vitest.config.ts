import { defineConfig } from 'vitest/config';

// Unit and integration tests (Node). Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**', 'dist-bench/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
