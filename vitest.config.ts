import { defineConfig } from 'vitest/config';

/*
 * Test files that change what the others would see: the table of fields (a field
 * added to it), node:crypto (mocked), TZ, PATH and TMPDIR. Each runs in a worker of
 * its own. Every other file shares its worker's modules with the files before it:
 * loading vitest and the modules again for each of 80 files was about a third of
 * the CPU of the unit tests. A file added to the suite that changes shared state
 * belongs in this list.
 */
const ISOLATED = [
  'tests/unit/fields.test.ts',
  'tests/unit/kdf.test.ts',
  'tests/unit/crypto.test.ts',
  'tests/unit/parse.test.ts',
  'tests/unit/calendar.test.ts',
  'tests/unit/report-html-command.test.ts',
  'tests/e2e/report-html.test.ts',
];

export default defineConfig({
  test: {
    // End-to-end tests start real processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on these 2-core machines, where the e2e tests spend most
    // of their time waiting on the attach processes they start. Two files at once keep both cores busy.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
      { extends: true, test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
    ],
  },
});
