// Vitest projects: `unit` (pure modules, colocated *.test.ts) and `integration` (test/, real LanceDB and object stores).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    allowOnly: !process.env.CI,
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          pool: 'threads',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // LanceDB must never be stopped mid-call inside a thread: forks only (design §10).
          pool: 'forks',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
