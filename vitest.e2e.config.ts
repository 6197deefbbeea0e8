import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the real app on the real PostgreSQL harness, driven by the Debian Chromium
 * (scripts/ensure-chromium.sh). One file at a time: each starts its own browser.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
