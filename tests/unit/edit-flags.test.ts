import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPause, newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { fakeContext } from '../helpers/fake-context.js';
import { cli } from '../helpers/program.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attach-edit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2026-11-28T12:00:00Z');
const pause = newPause(
  { for: null, urge: 'double-text', plannedSeconds: 1200, elapsedSeconds: 1200, completed: true, before: 8, after: 5, passed: true },
  now,
  now,
);
const moment = newTrigger({ what: 'no reply', intensity: 7, urges: ['double-text'] }, now);

function setUp() {
  writeFileSync(path.join(dir, 'journal.json'), serializeJournal({ version: 1, entries: [moment, pause] }));
  return fakeContext({ dir });
}
const saved = () => JSON.parse(readFileSync(path.join(dir, 'journal.json'), 'utf8')).entries as Record<string, unknown>[];

describe('attach edit takes the flags of the command that made the entry', () => {
  it("changes a pause's urge with --urge-text, as 0.1's help promised, and with --urge", async () => {
    const { ctx } = setUp();
    await cli(['edit', pause.id.slice(0, 8), '--urge-text', 'call him'], ctx);
    expect(saved()[1]).toMatchObject({ urge: 'call him' });
    await cli(['edit', pause.id.slice(0, 8), '--urge', 'call her'], ctx);
    expect(saved()[1]).toMatchObject({ urge: 'call her' });
  });

  it("replaces a moment's urges with --urge, repeated or with commas", async () => {
    const { ctx } = setUp();
    await cli(['edit', moment.id.slice(0, 8), '-u', 'call-repeatedly,check-phone', '-u', 'talk-now'], ctx);
    expect(saved()[0]).toMatchObject({ urges: ['call-repeatedly', 'check-phone', 'talk-now'] });
  });

  it('refuses a flag of another type, one value too many, and a bad value, changing nothing', async () => {
    const { ctx } = setUp();
    const before = readFileSync(path.join(dir, 'journal.json'), 'utf8');
    await expect(cli(['edit', pause.id.slice(0, 8), '--intensity', '4'], ctx)).rejects.toThrow(
      /--intensity doesn't apply to a pause; its options are --for, --urge, --before/,
    );
    await expect(cli(['edit', pause.id.slice(0, 8), '--urge', 'a', '--urge', 'b'], ctx)).rejects.toThrow(/--urge takes one value/);
    await expect(cli(['edit', moment.id.slice(0, 8), '-i', '11'], ctx)).rejects.toThrow(/--intensity takes a whole number from 0 to 10/);
    await expect(cli(['edit', pause.id.slice(0, 8), '--passed', 'maybe'], ctx)).rejects.toThrow(/--passed takes yes or no/);
    expect(readFileSync(path.join(dir, 'journal.json'), 'utf8')).toBe(before);
  });

  it('relinks a pause with --for, and unlinks it with --for none', async () => {
    const { ctx } = setUp();
    await cli(['edit', pause.id.slice(0, 8), '--for', moment.id.slice(0, 6)], ctx);
    expect(saved()[1]).toMatchObject({ for: moment.id });
    await cli(['edit', pause.id.slice(0, 8), '--for', 'none'], ctx);
    expect(saved()[1]).toMatchObject({ for: null });
  });
});
