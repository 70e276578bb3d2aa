import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          environment: 'node',
          // better-sqlite3 is a native addon: child processes isolate it best.
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          // React components in a DOM (happy-dom), driven as the cashier would with Testing Library.
          name: 'renderer',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/unit/renderer/setup.ts'],
        },
      },
    ],
  },
});
