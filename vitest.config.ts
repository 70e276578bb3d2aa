import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: child processes isolate it best.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
