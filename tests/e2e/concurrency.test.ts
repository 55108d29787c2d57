import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Envelope, Keyring, readEnvelope } from '../../src/journal/crypto.js';
import { parseJournal } from '../../src/journal/format.js';
import type { Journal } from '../../src/journal/types.js';
import { attach, attachAsync, type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * DESIGN.md section 2: "two attach processes at once never lose an entry".
 * Issue 7, "Concurrency": 20 processes logging at once, encrypted and not,
 * 10 rounds each, on one journal. On the plain journal the first round
 * creates the file (no journal, no lock folder yet); the encrypted one is
 * encrypted while still empty, so its first round meets an existing envelope.
 * Every later round adds to an existing file; the writers of the first round
 * also race for the first-write-of-the-day backup.
 *
 * After every round the file opens (with the passphrase, when encrypted), is
 * valid, holds every entry ever written exactly once, one entry per line; the
 * encrypted journal keeps its salt (no writer re-keys it) and never holds a
 * word in plain text. At the end the day's backup opens too and holds only
 * entries of the journal, nothing is left behind, and the modes are those of
 * DESIGN.md. Each encrypted writer derives its key once, before it waits
 * for the lock: the twenty of the first round for real (about half a second
 * of scrypt each, N = 2^17, sharing two cores); later rounds meet the same
 * salt and get the same key from the sandbox's scrypt double
 * (tests/helpers/kdf-memo.mjs), so their time goes to the lock and the write.
 */

const PASS = 'correct horse battery staple';
const WRITERS = 20;
const ROUNDS = 10;

const boxes: Sandbox[] = [];
afterAll(() => {
  for (const box of boxes) box.cleanup();
});

/** Two backups named for two days in a row ("journal-2026-12-01.json", "journal-2026-12-02.json"). */
function consecutiveDays(names: readonly string[]): boolean {
  const [a, b] = names.map((name) => Date.parse(`${name.slice(8, 18)}T00:00:00Z`)).sort((x, y) => x - y);
  return a !== undefined && b !== undefined && b - a === 86_400_000;
}
describe.each([
  { encrypted: false, label: 'a plain journal' },
  { encrypted: true, label: 'an encrypted journal' },
])('attach log, $label, many processes at once', ({ encrypted }) => {
  it(`${WRITERS} writers x ${ROUNDS} rounds lose nothing and leave a valid file`, async () => {
    const box = sandbox();
    boxes.push(box);
    const env: NodeJS.ProcessEnv = encrypted ? { ATTACH_PASSPHRASE: PASS } : {};
    const ring = new Keyring(async () => PASS);
    let salt: string | undefined;
    if (encrypted) {
      // Encrypted before the first entry: the first round's writers all meet an existing envelope of an empty journal.
      const r = attach(box, ['encrypt'], env);
      expect(r.code, r.stderr).toBe(0);
      salt = (JSON.parse(readFileSync(box.journal, 'utf8')) as Envelope).salt;
    }
    /** A journal file as it is now, opened, and its text (inside the envelope, when encrypted). */
    const open = async (file: string): Promise<{ journal: Journal; text: string }> => {
      const text = readFileSync(file, 'utf8');
      if (!encrypted) return { journal: parseJournal(text, file), text };
      const envelope = readEnvelope(text, file);
      expect(envelope, `${file} should be an envelope`).not.toBeNull();
      expect(envelope?.salt).toBe(salt);
      expect(text).not.toContain('round ');
      const plain = await ring.unseal(text, file);
      return { journal: parseJournal(plain, file), text: plain };
    };

    const expected: string[] = [];
    const roundMs: number[] = [];
    const slowest: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const whats = Array.from({ length: WRITERS }, (_, i) => `round ${round} writer ${i + 1}`);
      const started = performance.now();
      const results = await Promise.all(
        whats.map(async (what) => {
          const t = performance.now();
          const result = await attachAsync(box, ['log', what, '-i', '5'], env);
          return { ...result, ms: performance.now() - t };
        }),
      );
      roundMs.push(performance.now() - started);
      slowest.push(Math.max(...results.map((r) => r.ms)));
      results.forEach((result, i) => {
        expect(result.code, `writer ${i + 1} of round ${round}: ${result.stderr}`).toBe(0);
        expect(result.stderr, `writer ${i + 1} of round ${round}`).toContain('Saved to your journal');
      });
      expected.push(...whats);

      const { journal, text } = await open(box.journal);
      expect(journal.entries).toHaveLength(expected.length);
      expect(new Set(journal.entries.map((entry) => entry.id)).size).toBe(expected.length);
      expect(journal.entries.map((entry) => entry.what as string).sort()).toEqual([...expected].sort());
      // One entry per line (DESIGN.md section 2: the file format).
      expect(text.split('\n').filter((line) => line.startsWith('    {'))).toHaveLength(expected.length);
    }

    // The day's backup opens too, and holds only entries that are in the journal.
    const dir = path.dirname(box.journal);
    const backups = path.join(dir, 'backups');
    const copies = readdirSync(backups).filter((name) => /^journal-\d{4}-\d{2}-\d{2}\.json$/.test(name));
    // One a day: a run that crosses midnight makes the next day's too.
    expect(copies.length === 1 || (copies.length === 2 && consecutiveDays(copies))).toBe(true);
    const { journal: backup } = await open(path.join(backups, copies[0]!));
    // The first writer to the plain journal creates it (nothing to back up): a later one backs up what it wrote.
    // The encrypted journal existed, empty, before the first writer, which backed it up as it was.
    if (!encrypted) expect(backup.entries.length).toBeGreaterThan(0);
    const ids = new Set((await open(box.journal)).journal.entries.map((entry) => entry.id));
    expect(backup.entries.every((entry) => ids.has(entry.id))).toBe(true);

    // Nothing left behind by writers that all finished; the modes of DESIGN.md section 2.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
    expect(readdirSync(backups).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(statSync(box.journal).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    // And the CLI reads all of it.
    const list = attach(box, ['list', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(WRITERS * ROUNDS);

    const median = [...roundMs].sort((a, b) => a - b)[Math.floor(roundMs.length / 2)]!;
    const total = roundMs.reduce((a, b) => a + b, 0) / 1000;
    console.log(
      `${encrypted ? 'encrypted' : 'plain'}: ${ROUNDS} rounds of ${WRITERS} writers, ${total.toFixed(1)} s in all; ` +
        `a round took ${Math.round(median)} ms (median), the slowest writer of a round ${Math.round(Math.max(...slowest))} ms`,
    );
  }, 150_000);
});
