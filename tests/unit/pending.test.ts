import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { type KdfParams, newSealer, readEnvelope, seal } from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { acquire, lockPathFor } from '../../src/journal/lock.js';
import { listPending } from '../../src/journal/pending.js';
import { JournalStore, type StoreOptions } from '../../src/journal/store.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * Issue 13, no entry turned away under load: a writer waits for the lock as
 * long as its holder refreshes it; a new entry whose writer finds the lock
 * busy is kept at once in a small file beside the journal, shown by every
 * read, and folded in by the next write; where the lock can't be had, it
 * stays there and the writer still succeeds.
 */

const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
const PASS = 'correct horse battery staple';
const AT = new Date('2026-11-22T21:30:00Z');

let box: Sandbox;
let file: string;
beforeEach(() => {
  box = sandbox();
  file = path.join(box.dir, 'data', 'attach', 'journal.json');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
});
afterEach(() => box.cleanup());

const trigger = (what: string) => newTrigger({ what, intensity: 5 }, AT);
const whats = (journal: Journal) => journal.entries.map((entry) => entry.what);
const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as Journal;

function log(store: JournalStore, entry: Entry) {
  return store.update(
    (journal) => {
      const before = journal.entries.length;
      journal.entries.push(entry);
      return before;
    },
    { adding: [entry] },
  );
}

/** A lock folder nobody refreshes and that never goes stale: its time is set an hour ahead. */
function stuckLock(): void {
  mkdirSync(lockPathFor(file));
  const ahead = new Date(Date.now() + 3_600_000);
  utimesSync(lockPathFor(file), ahead, ahead);
}

/** A lock folder whose "holder" refreshes its time every 100 ms, as a live attach does, until stopped. */
function liveLock(): () => void {
  mkdirSync(lockPathFor(file));
  const timer = setInterval(() => {
    const now = new Date();
    utimesSync(lockPathFor(file), now, now);
  }, 100);
  return () => {
    clearInterval(timer);
    rmdirSync(lockPathFor(file));
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('a new entry when the lock truly cannot be had', () => {
  it('is kept beside the journal, shown by every read, and folded in by the next write', async () => {
    writeFileSync(file, serializeJournal({ version: 1, entries: [trigger('before')] }), { mode: 0o600 });
    const bytes = readFileSync(file);
    stuckLock();
    const kept: string[] = [];
    const options: StoreOptions = { lockWaitMs: 200, onKeptBeside: (at) => kept.push(at) };
    const entry = trigger('while it was stuck');
    // The update succeeds, and `change` ran on the journal as it is: one entry before this one.
    expect(await log(new JournalStore(file, options), entry)).toBe(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    const waiting = await listPending(file);
    expect(waiting).toHaveLength(1);
    expect(kept).toEqual(waiting);
    expect(path.basename(waiting[0]!)).toMatch(/^journal\.pending-\d{8}-\d{6}-\d+-[0-9a-f]+\.json$/);
    expect(statSync(waiting[0]!).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(waiting[0]!, 'utf8')) as Journal).entries).toEqual([entry]);
    expect(whats(await new JournalStore(file).read())).toEqual(['before', 'while it was stuck']);

    rmdirSync(lockPathFor(file));
    await log(new JournalStore(file), trigger('after'));
    expect(whats(onDisk())).toEqual(['before', 'while it was stuck', 'after']);
    expect(await listPending(file)).toEqual([]);
  });

  it('keeps the journal mode when it is narrower than 0600, and is sealed when the journal is encrypted', async () => {
    const sealer = await newSealer(PASS, FAST);
    writeFileSync(file, seal(serializeJournal({ version: 1, entries: [trigger('before')] }), sealer));
    chmodSync(file, 0o400);
    stuckLock();
    const store = new JournalStore(file, { lockWaitMs: 200, passphrase: async () => PASS, kdf: FAST });
    await log(store, trigger('zebraquokka'));
    const [waiting] = await listPending(file);
    expect(statSync(waiting!).mode & 0o777).toBe(0o400);
    const text = readFileSync(waiting!, 'utf8');
    expect(text).not.toContain('zebraquokka');
    expect(readEnvelope(text, waiting!)?.salt).toBe(sealer.salt.toString('base64'));
    expect(whats(await new JournalStore(file, { passphrase: async () => PASS }).read())).toEqual(['before', 'zebraquokka']);
  });

  it('is not kept when `change` refuses it (nothing was saved), and an update that adds nothing is exit 3', async () => {
    stuckLock();
    const store = new JournalStore(file, { lockWaitMs: 200 });
    const entry = trigger('refused');
    const refusal = store.update(
      () => {
        throw new UsageError('was deleted meanwhile');
      },
      { adding: [entry] },
    );
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    expect(await listPending(file)).toEqual([]);
    await expect(store.update(() => {})).rejects.toMatchObject({ exitCode: 3 });
  });

  it('of another journal in the same folder is never folded into this one, nor shown by it', async () => {
    const other = path.join(path.dirname(file), 'b.json');
    mkdirSync(lockPathFor(other));
    utimesSync(lockPathFor(other), new Date(Date.now() + 3_600_000), new Date(Date.now() + 3_600_000));
    await log(new JournalStore(other, { lockWaitMs: 200 }), trigger('for b'));
    expect(await listPending(other)).toHaveLength(1);
    await log(new JournalStore(file), trigger('for journal'));
    expect(whats(onDisk())).toEqual(['for journal']);
    expect(whats(await new JournalStore(file).read())).toEqual(['for journal']);
    expect(await listPending(other)).toHaveLength(1);
  });
});

describe('a lock whose holder is alive and working', () => {
  it('is waited for far longer than the limit for a lock nobody refreshes', async () => {
    writeFileSync(file, serializeJournal({ version: 1, entries: [] }));
    const stop = liveLock();
    const store = new JournalStore(file, { lockWaitMs: 200 });
    let done = false;
    const write = store.update((journal) => void journal.entries.push(trigger('edit-like'))).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(done).toBe(false);
    stop();
    await write;
    expect(whats(onDisk())).toEqual(['edit-like']);
  });

  it('lets a new entry wait beside the journal meanwhile, and the first writer to get the lock folds in every one', async () => {
    writeFileSync(file, serializeJournal({ version: 1, entries: [trigger('start')] }));
    const holder = await acquire(file);
    const a = trigger('a');
    const b = trigger('b');
    const writes = [log(new JournalStore(file), a), log(new JournalStore(file), b)];
    // Finished pending files only: a writer's temp file (`.journal.pending-….json.<pid>.<hex>.tmp`) also holds ".pending-".
    await until(() => readdirSync(path.dirname(file)).filter((name) => name.includes('.pending-') && name.endsWith('.json')).length === 2);
    // Both are shown while they wait.
    expect(whats(await new JournalStore(file).read()).sort()).toEqual(['a', 'b', 'start']);
    await holder!.release();
    // Each `change` saw the journal without its own entry: the other's may already be in it.
    for (const before of await Promise.all(writes)) expect([1, 2]).toContain(before);
    const written = onDisk();
    expect(written.entries).toHaveLength(3);
    expect(new Set(written.entries.map((entry) => entry.id))).toEqual(new Set([written.entries[0]!.id, a.id, b.id]));
    expect(await listPending(file)).toEqual([]);
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('leaves the entry beside the journal, and succeeds, when the wait goes on long after it was kept', async () => {
    const stop = liveLock();
    try {
      const store = new JournalStore(file, { keptWaitMs: 300 });
      expect(await log(store, trigger('kept'))).toBe(0);
      expect(await listPending(file)).toHaveLength(1);
    } finally {
      stop();
    }
    await new JournalStore(file).update(() => {});
    expect(whats(onDisk())).toEqual(['kept']);
    expect(await listPending(file)).toEqual([]);
  });
});
