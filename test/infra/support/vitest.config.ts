import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Infra tests only: synthesize the CDK app, no emulators.
 * `npx vitest run --config test/infra/support/vitest.config.ts`
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    include: ['test/infra/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
