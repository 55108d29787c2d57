import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests start real processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on these 2-core machines, where the e2e tests spend most
    // of their time waiting on the attach processes they start. Two files at once keep both cores busy.
    maxWorkers: 2,
  },
});
