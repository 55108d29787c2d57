import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupName, listBackups } from '../../src/journal/backups.js';
import { readSettings } from '../../src/journal/config.js';
import { type KdfParams, newSealer } from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { checkHealth } from '../../src/journal/health.js';
import { previewRepair } from '../../src/journal/repair.js';
import { reseal } from '../../src/journal/reseal.js';
import { JournalStore } from '../../src/journal/store.js';
import type { Journal } from '../../src/journal/types.js';
import { type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * Issue 13, backups belong to one journal: with a.json and b.json in one
 * folder, each takes its own backup on its first write of the day, doctor
 * reports only its own, a repair fills in only from its own, and an
 * encrypt seals only its own. journal.json keeps 0.1's names, so the
 * backups 0.1 wrote are still found.
 */

const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
const PASS = 'correct horse battery staple';

let box: Sandbox;
let dir: string;
let backups: string;
let now: Date;
beforeEach(() => {
  box = sandbox();
  dir = path.join(box.dir, 'data', 'attach');
  backups = path.join(dir, 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  now = new Date('2026-11-22T09:00:00');
});
afterEach(() => box.cleanup());

const journalIn = (name: string) => path.join(dir, name);
const store = (name: string) => new JournalStore(journalIn(name), { now: () => now, passphrase: async () => PASS, kdf: FAST });
const add = (name: string, what: string) =>
  store(name).update((journal) => void journal.entries.push(newTrigger({ what, intensity: 5 }, now)));
const whats = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as Journal).entries.map((entry) => entry.what);

describe('backups named after their journal', () => {
  it('a.json and b.json each take their own backup on their first write of the day', async () => {
    await add('a.json', 'a one');
    await add('b.json', 'b one');
    now = new Date('2026-11-23T09:00:00');
    await add('a.json', 'a two');
    await add('b.json', 'b two');
    expect(readdirSync(backups).sort()).toEqual(['a-2026-11-23.json', 'b-2026-11-23.json']);
    expect(whats(path.join(backups, 'a-2026-11-23.json'))).toEqual(['a one']);
    expect(whats(path.join(backups, 'b-2026-11-23.json'))).toEqual(['b one']);
    expect((await listBackups(journalIn('a.json'))).map((backup) => path.basename(backup.file))).toEqual(['a-2026-11-23.json']);
    expect((await listBackups(journalIn('b.json'))).map((backup) => path.basename(backup.file))).toEqual(['b-2026-11-23.json']);
  });

  it("journal.json keeps 0.1's names and finds the backups 0.1 wrote; names that only look alike are another journal's", async () => {
    mkdirSync(backups, { mode: 0o700 });
    const old = serializeJournal({ version: 1, entries: [newTrigger({ what: 'from 0.1', intensity: 3 }, now)] });
    for (const name of ['journal-2026-11-20.json', 'journal-2026-2026-11-21.json', 'journal.json-2026-11-21.json', 'other-2026-11-21.json'])
      writeFileSync(path.join(backups, name), old, { mode: 0o600 });
    expect(backupName(journalIn('journal.json'), '2026-11-22')).toBe(path.join(backups, 'journal-2026-11-22.json'));
    expect((await listBackups(journalIn('journal.json'))).map((backup) => backup.date)).toEqual(['2026-11-20']);
    expect((await listBackups(journalIn('journal-2026.json'))).map((backup) => backup.date)).toEqual(['2026-11-21']);
    expect((await listBackups(journalIn('notes'))).map((backup) => path.basename(backup.file))).toEqual([]);
    // The first write makes the journal (nothing to back up); the next takes today's backup beside 0.1's.
    await add('journal.json', 'today');
    await add('journal.json', 'again');
    await add('journal.json', 'and again');
    expect((await listBackups(journalIn('journal.json'))).map((backup) => backup.date)).toEqual(['2026-11-22', '2026-11-20']);
    expect(whats(path.join(backups, 'journal-2026-11-22.json'))).toEqual(['today']);
  });

  it("keeps the newest 7 of each journal's, never removing another's", async () => {
    await add('b.json', 'b');
    now = new Date('2026-11-23T09:00:00');
    await add('b.json', 'b again');
    for (let day = 1; day <= 10; day++) {
      now = new Date(`2026-12-${String(day).padStart(2, '0')}T09:00:00`);
      await add('a.json', `a ${day}`);
    }
    expect(await listBackups(journalIn('a.json'))).toHaveLength(7);
    expect((await listBackups(journalIn('b.json'))).map((backup) => backup.date)).toEqual(['2026-11-23']);
  });

  it("doctor reports only the journal's own backups", async () => {
    await add('a.json', 'a');
    now = new Date('2026-11-23T09:00:00');
    await add('a.json', 'a again');
    await add('b.json', 'b, never backed up');
    const health = (name: string) => checkHealth({ file: journalIn(name), env: box.env, now, settings: () => readSettings(box.env) });
    expect((await health('b.json')).backups).toMatchObject({ count: 0, newest: null });
    expect((await health('a.json')).backups).toMatchObject({ count: 1, newest: { date: '2026-11-23', valid: true } });
  });

  it("a repair of a damaged journal never fills in from another journal's backup", async () => {
    await add('a.json', 'a');
    now = new Date('2026-11-23T09:00:00');
    await add('a.json', 'a again');
    writeFileSync(journalIn('c.json'), '{\n  "version": 1,\n  "entries": [\n    {"id": "cut');
    const plan = await previewRepair(journalIn('c.json'));
    expect(plan).toMatchObject({ state: 'broken', backup: null, fromBackup: 0 });
  });

  it("encrypt seals only the journal's own backups", async () => {
    await add('a.json', 'a');
    await add('b.json', 'b');
    now = new Date('2026-11-23T09:00:00');
    await add('a.json', 'a again');
    await add('b.json', 'b again');
    await reseal(store('a.json'), await newSealer(PASS, FAST));
    expect(readFileSync(path.join(backups, 'a-2026-11-23.json'), 'utf8')).toContain('attach.encrypted');
    expect(whats(path.join(backups, 'b-2026-11-23.json'))).toEqual(['b']);
  });
});
