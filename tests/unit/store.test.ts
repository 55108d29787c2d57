import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalError } from '../../src/errors.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { lockPathFor } from '../../src/journal/lock.js';
import { JournalStore } from '../../src/journal/store.js';
import { type Sandbox, sandbox } from '../helpers/cli.js';

const mode = (file: string) => statSync(file).mode & 0o777;

let box: Sandbox;
let file: string;
beforeEach(() => {
  box = sandbox();
  file = path.join(box.dir, 'data', 'attach', 'journal.json');
});
afterEach(() => box.cleanup());

async function add(store: JournalStore, what: string) {
  const entry = newTrigger({ what, intensity: 5 }, new Date());
  await store.update((journal) => {
    journal.entries.push(entry);
  });
  return entry;
}

describe('journal store', () => {
  it('round-trips entries, one entry per line, in a folder 0700 and a file 0600', async () => {
    const store = new JournalStore(file);
    const a = await add(store, 'first');
    const b = await add(store, 'second');
    expect((await store.read()).entries).toEqual([a, b]);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.filter((text) => text.startsWith('    {"id"'))).toHaveLength(2);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, entries: [a, b] });
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it('reads a missing journal as empty without creating anything', async () => {
    expect(await new JournalStore(file).read()).toEqual({ version: 1, entries: [] });
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('keeps unknown fields, unknown entry types and unknown top-level keys on every rewrite', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const foreign = {
      version: 1,
      device: { name: 'phone' },
      entries: [
        { id: 'x1', type: 'dream', at: 'whenever', mood: ['odd'] },
        { ...newTrigger({ what: 'old', intensity: 3 }, new Date()), mood: 'wistful', nested: { a: [1, 2] } },
      ],
    };
    writeFileSync(file, serializeJournal(foreign));
    await add(new JournalStore(file), 'new');
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.device).toEqual({ name: 'phone' });
    expect(after.entries[0]).toEqual(foreign.entries[0]);
    expect(after.entries[1]).toEqual(foreign.entries[1]);
    expect(after.entries).toHaveLength(3);
  });

  const refused: [string, string, RegExp][] = [
    ['not JSON', '{"version":1,"entries":[{"id":', /not valid JSON/],
    ['an empty file', '', /not valid JSON/],
    ['a wrong shape', '{"version":1,"entries":{}}', /"entries"/],
    ['a bad entry', '{"version":1,"entries":[{"id":"a","type":"trigger","intensity":"high"}]}', /entry 1/],
    ['a newer version', '{"version":2,"entries":[]}', /newer/],
    ['no version', '{"entries":[]}', /"version"/],
    ['an array', '[]', /not a JSON object/],
  ];
  it.each(refused)('refuses %s with exit 3 and leaves the file byte-identical', async (_name, text, message) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { mode: 0o600 });
    const store = new JournalStore(file);
    await expect(store.read()).rejects.toThrow(message);
    const error = await store.update(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).exitCode).toBe(3);
    expect((error as JournalError).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('never widens the mode of an existing file, and does not change it', async () => {
    const store = new JournalStore(file);
    await add(store, 'one');
    chmodSync(file, 0o600);
    await add(store, 'two');
    expect(mode(file)).toBe(0o600);
    chmodSync(file, 0o400 | 0o200);
    await add(store, 'three');
    expect(mode(file)).toBe(0o600);
    chmodSync(file, 0o640);
    await add(store, 'four');
    expect(mode(file)).toBe(0o640);
  });

  it('writes through a symlinked journal to its target and keeps the link', async () => {
    const real = path.join(box.dir, 'synced', 'journal.json');
    await add(new JournalStore(real), 'on the target');
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(real, file);
    await add(new JournalStore(file), 'through the link');
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe(real);
    const entries = JSON.parse(readFileSync(real, 'utf8')).entries;
    expect(entries.map((e: { what: string }) => e.what)).toEqual(['on the target', 'through the link']);
  });

  it('copies the old file to backups/ before the first write of each day and keeps the newest 7', async () => {
    let now = new Date('2026-11-01T09:00:00');
    const store = new JournalStore(file, { now: () => now });
    await add(store, 'day 1'); // nothing to back up yet: the file did not exist
    const backups = path.join(path.dirname(file), 'backups');
    expect(existsSync(backups)).toBe(false);
    await add(store, 'day 1 again');
    const first = path.join(backups, 'journal-2026-11-01.json');
    const snapshot = readFileSync(first, 'utf8');
    expect(JSON.parse(snapshot).entries).toHaveLength(1);
    await add(store, 'day 1, third');
    expect(readFileSync(first, 'utf8')).toBe(snapshot); // once a day only
    expect(mode(first)).toBe(0o600);
    expect(mode(backups)).toBe(0o700);
    for (let d = 2; d <= 10; d++) {
      now = new Date(`2026-11-${String(d).padStart(2, '0')}T09:00:00`);
      await add(store, `day ${d}`);
    }
    const kept = readdirSync(backups).sort();
    expect(kept).toHaveLength(7);
    expect(kept[0]).toBe('journal-2026-11-04.json');
    expect(kept.at(-1)).toBe('journal-2026-11-10.json');
    expect(JSON.parse(readFileSync(path.join(backups, 'journal-2026-11-10.json'), 'utf8')).entries).toHaveLength(11);
  });

  it('gives up with exit 3 naming the lock when another process holds it too long', async () => {
    const store = new JournalStore(file, { lockWaitMs: 300 });
    await add(store, 'before');
    const before = readFileSync(file, 'utf8');
    mkdirSync(lockPathFor(file)); // a live lock: fresh mtime, not stale
    const error = await add(store, 'blocked').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).exitCode).toBe(3);
    expect((error as JournalError).message).toContain(lockPathFor(file));
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('removes temp files left by writers that died, and keeps those of live ones', async () => {
    const store = new JournalStore(file);
    await add(store, 'first');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const dir = path.dirname(file);
    const orphan = path.join(dir, `.journal.json.${dead}.abc123.tmp`);
    const live = path.join(dir, `.journal.json.${process.ppid}.def456.tmp`);
    writeFileSync(orphan, 'half a journal');
    writeFileSync(live, 'still being written');
    await add(store, 'second');
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('re-reads under the lock, so two stores in one process both keep their entries', async () => {
    const one = new JournalStore(file);
    const two = new JournalStore(file);
    await Promise.all([add(one, 'a'), add(two, 'b'), add(one, 'c'), add(two, 'd')]);
    const whats = (await one.read()).entries.map((e) => (e as { what: string }).what).sort();
    expect(whats).toEqual(['a', 'b', 'c', 'd']);
  });

  it('turns a path it cannot write into a calm exit 3 that names the path', async () => {
    // Permission bits do not stop root (CI runs as root), so use a folder that is really a file.
    const blocker = path.join(box.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const store = new JournalStore(path.join(blocker, 'journal.json'));
    const error = await add(store, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).message).toMatch(/not-a-folder.*Nothing was written/);
    await expect(store.read()).rejects.toBeInstanceOf(JournalError);
  });
});
