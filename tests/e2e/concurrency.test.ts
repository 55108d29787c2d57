import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/journal/format.js';
import { attachAsync, sandbox } from '../helpers/cli.js';

/*
 * DESIGN.md section 2: "two attach processes at once never lose an entry".
 * 20 writers start together on one journal, three rounds in a row on the same
 * file: the first round creates the file (no journal, no lock folder yet), the
 * next ones add to an existing file (and race for the first-write-of-the-day
 * backup). After each round the file must parse and validate, and hold every
 * entry ever written exactly once; the day's backup must be a valid journal
 * too, holding only entries that are in the journal.
 */

const WRITERS = 20;
const ROUNDS = 5;

describe('attach log, many processes at once', () => {
  const box = sandbox();
  afterAll(() => box.cleanup());

  it(`${WRITERS} writers x ${ROUNDS} rounds on one journal lose nothing and leave a valid file`, async () => {
    const expected: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const whats = Array.from({ length: WRITERS }, (_, i) => `round ${round} writer ${i + 1}`);
      const results = await Promise.all(whats.map((what) => attachAsync(box, ['log', what, '-i', '5'])));
      results.forEach((result, i) => {
        expect(result.stderr, `writer ${i + 1} of round ${round}`).toContain('Saved to your journal');
        expect(result.code, `writer ${i + 1} of round ${round}: ${result.stderr}`).toBe(0);
      });
      expected.push(...whats);

      const journal = parseJournal(readFileSync(box.journal, 'utf8'), box.journal);
      const stored = journal.entries.map((entry) => entry.what as string);
      expect(journal.entries).toHaveLength(expected.length);
      expect(new Set(journal.entries.map((entry) => entry.id)).size).toBe(expected.length);
      expect([...stored].sort()).toEqual([...expected].sort());
      // One entry per line (DESIGN.md section 2: the file format).
      expect(
        readFileSync(box.journal, 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('    {')),
      ).toHaveLength(expected.length);
    }

    const backups = path.join(path.dirname(box.journal), 'backups');
    const copies = readdirSync(backups).filter((name) => /^journal-\d{4}-\d{2}-\d{2}\.json$/.test(name));
    expect(copies).toHaveLength(1);
    const backup = parseJournal(readFileSync(path.join(backups, copies[0]!), 'utf8'), copies[0]!);
    expect(backup.entries.length).toBeGreaterThan(0);
    const final = parseJournal(readFileSync(box.journal, 'utf8'), box.journal);
    const ids = new Set(final.entries.map((entry) => entry.id));
    expect(backup.entries.every((entry) => ids.has(entry.id))).toBe(true);

    // Nothing left behind by writers that all finished: no temp files, no lock folder.
    const dir = path.dirname(box.journal);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
    expect(readdirSync(backups).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // DESIGN.md section 2: every file attach writes is 0600, its folder 0700.
    expect(statSync(box.journal).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
