import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Generous: deliveries are paced (one post a second per Slack conversation) and CI is busy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy (~300 MB each): keep the worker count modest.
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
