import { defineConfig } from 'vitest/config';

/** Unit tests only: pure domain, no emulators. `npm run test:unit`. */
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], pool: 'forks', maxWorkers: 2 },
});
