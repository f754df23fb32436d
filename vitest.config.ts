import { defineConfig } from 'vitest/config';

const report = process.env.OPSDESK_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
    // CI asks for a JSON report too, to print the plain pass/fail count as its last line.
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
