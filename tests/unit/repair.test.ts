import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/doctor.js';
import { listBackups } from '../../src/journal/backups.js';
import { brokenName } from '../../src/journal/broken-copies.js';
import { type KdfParams, Keyring, newSealer, seal } from '../../src/journal/crypto.js';
import { newPause, newReflection, newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { assessJournal, mergeWithBackup, recoverEntries } from '../../src/journal/recover.js';
import { planRepair, previewRepair, repairJournal } from '../../src/journal/repair.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import type { Asker } from '../../src/ui/prompts.js';
import { fakeContext } from '../helpers/fake-context.js';
import { press, scriptedAsker, typeAndEnter } from '../helpers/scripted-asker.js';

const base = Date.parse('2026-11-01T08:00:00Z');

/** A journal with every entry type, awkward text (braces, quotes, newlines, non-ASCII) and an unknown type and field. */
function makeEntries(count: number): Entry[] {
  return Array.from({ length: count }, (_, i): Entry => {
    const now = new Date(base + i * 3_600_000);
    switch (i % 4) {
      case 0:
        return {
          ...newTrigger(
            {
              what: `no reply {${i}}, "still" waiting\nsecond line — ünïcode 🌧`,
              intensity: i % 11,
              who: 'partner',
              body: ['tight-chest'],
            },
            now,
          ),
          mood: { kept: [i] },
        };
      case 1:
        return newPause(
          {
            for: null,
            urge: 'text again',
            plannedSeconds: 1200,
            elapsedSeconds: 1200,
            completed: true,
            before: 8,
            after: 3,
            passed: true,
            activities: ['walk'],
            notes: ['breathed, then }{ wrote'],
            next: null,
          },
          now,
          now,
        );
      case 2:
        return newReflection(
          {
            for: null,
            protest: ['withdrawing'],
            situation: 'dinner',
            needs: ['closeness'],
            hoped: null,
            happened: null,
            felt: 'lonely',
            ask: 'Could we talk tonight?',
          },
          now,
        );
      default:
        return { id: `dream-${i}`, type: 'dream', at: now.toISOString(), text: 'an entry type from a newer attach' };
    }
  });
}

const ENTRIES = makeEntries(40);
const TEXT = serializeJournal({ version: 1, entries: ENTRIES });
/** Offset in TEXT where entry `i`'s line starts. */
const lineStart = (text: string, i: number) => text.indexOf(JSON.stringify(ENTRIES[i]));
const ids = (entries: readonly Entry[]) => entries.map((entry) => entry.id);

describe('recoverEntries', () => {
  it('takes every entry of a file that still parses', () => {
    const r = recoverEntries(TEXT);
    expect(r.entries).toEqual(ENTRIES);
    expect(r).toMatchObject({ recovered: 40, skipped: 0, version: 1, lines: 45 });
  });

  it('recovers every entry before the cut of a file truncated in the middle of a line', () => {
    for (const k of [0, 1, 17, 39]) {
      const start = lineStart(TEXT, k);
      const cut = TEXT.slice(0, start + Math.floor(JSON.stringify(ENTRIES[k]).length / 2));
      const r = recoverEntries(cut);
      expect(r.entries).toEqual(ENTRIES.slice(0, k));
      expect(r.skipped).toBe(1);
      expect(r.version).toBe(1);
    }
  });

  it('recovers every entry of a file cut right after a line (only the closing brackets lost)', () => {
    const end = lineStart(TEXT, 39) + JSON.stringify(ENTRIES[39]).length;
    expect(recoverEntries(TEXT.slice(0, end)).entries).toEqual(ENTRIES);
  });

  it('loses only the entry whose line has a flipped byte', () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const k = 13;
    const lineBytes = Buffer.from(JSON.stringify(ENTRIES[k]), 'utf8');
    const start = bytes.indexOf(lineBytes);
    const others = ids(ENTRIES.filter((_, i) => i !== k));
    for (let offset = 0; offset < lineBytes.length; offset += 3) {
      for (const bit of [0x01, 0x20, 0x80]) {
        const damaged = Buffer.from(bytes);
        damaged[start + offset] = (damaged[start + offset] as number) ^ bit;
        const r = recoverEntries(damaged.toString('utf8'));
        // The other entries always come back unchanged; the damaged one only when its line still makes a valid entry.
        expect(r.entries.filter((entry) => entry.id !== ENTRIES[k]?.id && others.includes(entry.id))).toEqual(
          ENTRIES.filter((_, i) => i !== k),
        );
        expect(r.recovered).toBeGreaterThanOrEqual(39);
        expect(r.recovered + r.skipped).toBe(40);
      }
    }
  });

  it('loses only that entry when a structural byte is changed', () => {
    const k = 6;
    const line = JSON.stringify(ENTRIES[k]);
    const damaged = TEXT.replace(line, line.replace('"recordedAt":', '"recordedAt";'));
    const r = recoverEntries(damaged);
    expect(r.entries).toEqual(ENTRIES.filter((_, i) => i !== k));
    expect(r.skipped).toBe(1);
  });

  it('keeps the entries that pass the checks of a file that parses but fails them', () => {
    const bad = ENTRIES.map((entry, i) => (i === 4 ? { ...entry, intensity: 11 } : entry));
    const r = recoverEntries(serializeJournal({ version: 1, entries: bad, device: 'laptop' }));
    expect(r.entries).toEqual(ENTRIES.filter((_, i) => i !== 4));
    expect(r.skipped).toBe(1);
    expect(r.fields).toEqual({ device: 'laptop' });
  });

  it('recovers nothing from garbage, and does not throw', () => {
    for (const garbage of [
      'hello, this is not a journal',
      '\u0000\u0001\u00ff\ufffd'.repeat(50),
      '{{{{[[[["',
      '}]}]',
      'null',
      '42',
      '"text"',
      '{"version":1}',
      '[1,2,3]',
    ]) {
      const r = recoverEntries(garbage);
      expect(r.entries).toEqual([]);
      expect(r.recovered).toBe(0);
    }
  });

  it('recovers nothing from an empty file', () => {
    expect(recoverEntries('')).toMatchObject({ entries: [], lines: 0, recovered: 0, skipped: 0, version: undefined });
    expect(recoverEntries('\n\n')).toMatchObject({ entries: [], recovered: 0 });
  });

  it('reads a file with Windows line ends, whole or truncated', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    expect(recoverEntries(crlf).entries).toEqual(ENTRIES);
    const cut = crlf.slice(0, lineStart(crlf, 25) + 40);
    const r = recoverEntries(cut);
    expect(r.entries).toEqual(ENTRIES.slice(0, 25));
    expect(r.version).toBe(1);
  });

  it('reads a file with a byte-order mark and a damaged end', () => {
    const r = recoverEntries(`\ufeff${TEXT.slice(0, lineStart(TEXT, 10) + 5)}`);
    expect(r.entries).toEqual(ENTRIES.slice(0, 10));
  });

  it('recovers both entries of a line that lost its line break', () => {
    const k = 20;
    const joined = TEXT.replace(`${JSON.stringify(ENTRIES[k])},\n    `, `${JSON.stringify(ENTRIES[k])}, `);
    const r = recoverEntries(joined.slice(0, -2));
    expect(r.entries).toEqual(ENTRIES);
  });

  it('recovers entries of a file in another layout: indented, or all on one line', () => {
    const journal = { version: 1, entries: ENTRIES };
    const indented = JSON.stringify(journal, null, 2);
    const cut = indented.slice(0, indented.indexOf(`"id": "${ENTRIES[30]?.id}"`) + 30);
    expect(recoverEntries(cut).entries).toEqual(ENTRIES.slice(0, 30));
    const compact = JSON.stringify(journal);
    expect(recoverEntries(compact.slice(0, compact.indexOf(JSON.stringify(ENTRIES[12])) + 20)).entries).toEqual(ENTRIES.slice(0, 12));
  });

  it('keeps one copy of an entry that appears twice', () => {
    const twice = TEXT.replace(JSON.stringify(ENTRIES[3]), `${JSON.stringify(ENTRIES[3])},\n    ${JSON.stringify(ENTRIES[3])}`);
    const r = recoverEntries(twice.slice(0, -5));
    expect(r.entries).toEqual(ENTRIES);
    expect(r.duplicates).toBe(1);
  });

  it('reads the version of a damaged file, so a newer one can be left alone', () => {
    const newer = TEXT.replace('"version": 1', '"version": 2').slice(0, -20);
    expect(recoverEntries(newer).version).toBe(2);
    expect(recoverEntries(JSON.stringify({ version: 3, entries: ENTRIES }).slice(0, 500)).version).toBe(3);
  });
});

describe('assessJournal', () => {
  it('says where and how a file is damaged', () => {
    expect(assessJournal(TEXT)).toMatchObject({ state: 'ok' });
    expect(assessJournal(TEXT.slice(0, 500))).toEqual({ state: 'broken', problem: 'it ends in the middle, as if cut short' });
    expect(assessJournal(TEXT.replace('"recordedAt":', '"recordedAt";'))).toEqual({
      state: 'broken',
      problem: 'it stops being valid JSON on line 4',
    });
    expect(assessJournal('')).toEqual({ state: 'broken', problem: 'the file is empty' });
    expect(assessJournal('{"version":2,"entries":[]}')).toMatchObject({ state: 'newer', version: 2 });
  });
});

describe('mergeWithBackup', () => {
  it('adds what only the backup has, after the entry it followed there; the recovered version wins', () => {
    const [a, b, c, d, e] = ENTRIES as [Entry, Entry, Entry, Entry, Entry];
    const edited = { ...b, note: 'changed after the backup' };
    const merged = mergeWithBackup([a, edited, e], [a, b, c, d]);
    expect(merged.added).toBe(2);
    expect(merged.entries).toEqual([a, edited, c, d, e]);
    expect(mergeWithBackup([b], [a, b]).entries).toEqual([a, b]);
    expect(mergeWithBackup([], [a, b])).toEqual({ entries: [a, b], added: 2 });
  });
});

describe('repairJournal', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-repair-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const setup = (text: string, backups: Record<string, string> = {}) => {
    const folder = path.join(dir, `case-${++n}`);
    mkdirSync(path.join(folder, 'backups'), { recursive: true, mode: 0o700 });
    const file = path.join(folder, 'journal.json');
    writeFileSync(file, text, { mode: 0o600 });
    for (const [date, body] of Object.entries(backups)) writeFileSync(path.join(folder, 'backups', `journal-${date}.json`), body);
    return { folder, file };
  };
  const now = new Date(2026, 10, 28, 10, 15, 0);

  it('keeps the damaged file byte for byte, merges the newest backup that opens, and writes a journal that opens', async () => {
    const cutText = TEXT.slice(0, lineStart(TEXT, 20) + 30);
    const { folder, file } = setup(cutText, {
      '2026-11-26': serializeJournal({ version: 1, entries: ENTRIES.slice(0, 10) }),
      '2026-11-27': serializeJournal({ version: 1, entries: ENTRIES.slice(0, 25) }),
      '2026-11-28': '{"version": 1, "entries": [',
    });
    const outcome = await repairJournal(file, now);
    expect(outcome).toMatchObject({
      state: 'repaired',
      recovered: 20,
      fromBackup: 5,
      skipped: 1,
      entries: 25,
      backup: { date: '2026-11-27' },
    });
    const journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    expect(journal.entries).toEqual(ENTRIES.slice(0, 25));
    const copy = path.join(folder, 'journal.broken-20261128-101500.json');
    expect(outcome.state === 'repaired' && outcome.brokenCopy).toBe(copy);
    expect(readFileSync(copy, 'utf8')).toBe(cutText);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    // No daily backup of the damage was taken.
    expect(readdirSync(path.join(folder, 'backups')).sort()).toEqual([
      'journal-2026-11-26.json',
      'journal-2026-11-27.json',
      'journal-2026-11-28.json',
    ]);
  });

  it('never overwrites an earlier damaged copy', async () => {
    const { folder, file } = setup('{"version": 1, "entries": [');
    writeFileSync(brokenName(file, now), 'an earlier copy');
    const outcome = await repairJournal(file, now);
    expect(outcome.state === 'repaired' && path.basename(outcome.brokenCopy)).toBe('journal.broken-20261128-101500-2.json');
    expect(readFileSync(path.join(folder, 'journal.broken-20261128-101500.json'), 'utf8')).toBe('an earlier copy');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, entries: [] });
  });

  it('leaves a newer-format journal, a healthy one and a missing one exactly as they are', async () => {
    const newer = TEXT.replace('"version": 1', '"version": 2');
    for (const text of [newer, newer.slice(0, -30), TEXT]) {
      const { folder, file } = setup(text);
      const outcome = await repairJournal(file, now);
      expect(outcome.state).toBe(text === TEXT ? 'healthy' : 'newer');
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(readdirSync(folder).sort()).toEqual(['backups', 'journal.json']);
    }
    expect(await repairJournal(path.join(dir, 'case-1', 'nothing.json'), now)).toEqual({ state: 'missing' });
  });
});

describe('planRepair', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const setup = (text: string, backups: Record<string, string> = {}) => {
    const folder = path.join(dir, `case-${++n}`);
    mkdirSync(path.join(folder, 'backups'), { recursive: true, mode: 0o700 });
    const file = path.join(folder, 'journal.json');
    writeFileSync(file, text, { mode: 0o600 });
    for (const [date, body] of Object.entries(backups)) writeFileSync(path.join(folder, 'backups', `journal-${date}.json`), body);
    return { folder, file };
  };
  const now = new Date(2026, 10, 28, 10, 15, 0);
  /** A cheap KDF: the envelope's format is the same as with the real one. */
  const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
  const PASS = 'correct horse battery staple';

  it('is what the repair then does: the entries it counts are the entries written', async () => {
    const cut = TEXT.slice(0, lineStart(TEXT, 20) + 30);
    const { file } = setup(cut, { '2026-11-27': serializeJournal({ version: 1, entries: ENTRIES.slice(0, 25) }) });
    const plan = await planRepair(file, readFileSync(file), await listBackups(file));
    expect(plan).toMatchObject({ state: 'broken', encrypted: false, fromBackup: 5, recovery: { recovered: 20, skipped: 1 } });
    expect(await previewRepair(file)).toEqual(plan);
    const outcome = await repairJournal(file, now);
    expect(outcome).toMatchObject({
      state: 'repaired',
      recovered: 20,
      skipped: 1,
      fromBackup: 5,
      entries: 25,
      backup: { date: '2026-11-27' },
    });
    expect(plan.state === 'broken' && JSON.parse(readFileSync(file, 'utf8'))).toEqual(plan.state === 'broken' && plan.rebuilt);
  });

  it('says a damaged journal of a newer format is newer, in the words of the question, and the repair agrees', async () => {
    const cut = TEXT.replace('"version": 1', '"version": 2').slice(0, -30);
    const { file } = setup(cut, { '2026-11-27': TEXT });
    const newer = { state: 'newer', problem: 'it was written by a newer attach (format 2)' };
    expect(await planRepair(file, cut, await listBackups(file))).toEqual(newer);
    expect(await repairJournal(file, now)).toEqual(newer);
    expect(readFileSync(file, 'utf8')).toBe(cut);
  });

  it('leaves an envelope of a newer format alone, rather than replacing it with an older backup', async () => {
    const sealed = seal(TEXT, await newSealer(PASS, FAST));
    const newer = sealed.replace('"version": 1', '"version": 2');
    expect(newer).not.toBe(sealed);
    const { folder, file } = setup(newer, { '2026-11-27': serializeJournal({ version: 1, entries: ENTRIES.slice(0, 5) }) });
    const keyring = new Keyring(async () => PASS);
    const said = { state: 'newer', problem: 'it is encrypted in a newer format (2)' };
    expect(await planRepair(file, newer, await listBackups(file), keyring)).toEqual(said);
    expect(await repairJournal(file, now, {}, keyring)).toEqual(said);
    expect(readFileSync(file, 'utf8')).toBe(newer);
    expect(readdirSync(folder).sort()).toEqual(['backups', 'journal.json']);
  });

  it('is made again under the lock: a journal mended while the person was asked is left as it is', async () => {
    const folder = mkdtempSync(path.join(dir, 'mended-'));
    let file = '';
    const asker = {
      confirm: async () => {
        writeFileSync(file, TEXT); // another attach (or the person, by hand) put a journal that opens back meanwhile
        return true;
      },
    } as unknown as Asker;
    const { ctx, stderr } = fakeContext({ dir: folder, interactive: true, asker });
    file = ctx.file;
    writeFileSync(file, TEXT.slice(0, lineStart(TEXT, 8) + 12), { mode: 0o600 });
    await run({ repair: true }, ctx);
    expect(stderr.text).toContain('8 entries can still be read from it');
    expect(stderr.text).toContain('Your journal opens and passes every check (40 entries). There is nothing to repair.');
    expect(readFileSync(file, 'utf8')).toBe(TEXT);
    expect(readdirSync(folder)).toEqual(['journal.json']);
  });
});

describe('attach doctor --repair on a terminal', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-repair-tty-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const damaged = TEXT.slice(0, lineStart(TEXT, 8) + 12);

  it('asks first, yes by default, then repairs and says where each entry came from', async () => {
    const folder = mkdtempSync(path.join(dir, 'yes-'));
    const script = scriptedAsker([{ screen: /Repair your journal now\? \(Y\/n\)/, keys: press('enter') }]);
    const { ctx, stderr, stdout } = fakeContext({ dir: folder, interactive: true, asker: script.asker });
    writeFileSync(ctx.file, damaged, { mode: 0o600 });
    await run({ repair: true }, ctx);
    expect(script.left()).toBe(0);
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('8 entries can still be read from it; there is no backup that opens to add more from.');
    expect(stderr.text).toContain('Recovered 8 entries from the damaged file; there was no backup that opens to add more from.');
    expect(stderr.text).toMatch(/The damaged file is kept at .*journal\.broken-\d{8}-\d{6}\.json; attach never removes it\./);
    expect((JSON.parse(readFileSync(ctx.file, 'utf8')) as Journal).entries).toEqual(ENTRIES.slice(0, 8));
  });

  it('changes nothing when the answer is no', async () => {
    const folder = mkdtempSync(path.join(dir, 'no-'));
    const script = scriptedAsker([{ screen: 'Repair your journal now?', keys: typeAndEnter('n') }]);
    const { ctx, stderr } = fakeContext({ dir: folder, interactive: true, asker: script.asker });
    writeFileSync(ctx.file, damaged, { mode: 0o600 });
    await run({ repair: true }, ctx);
    expect(stderr.text).toContain('Nothing was changed. Whenever you are ready: attach doctor --repair');
    expect(readFileSync(ctx.file, 'utf8')).toBe(damaged);
    expect(readdirSync(folder)).toEqual(['journal.json']);
  });
});
