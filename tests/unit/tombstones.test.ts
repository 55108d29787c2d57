import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import { JournalStore } from '../../src/journal/store.js';
import { deletedIds, deleteEntry, pruneTrash, purgeTrashed, restoreEntry, undoable } from '../../src/journal/tombstones.js';
import type { Journal } from '../../src/journal/types.js';
import { toOffsetIso } from '../../src/time/calendar.js';
import { iso, moment } from '../helpers/sync-journals.js';

/** Deeply frozen, as the store's entries read for an update are: a change in place throws. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

const at = (minutes: number) => new Date(Date.parse(iso(minutes)));
/** A time attach writes, in this machine's zone. */
const stamp = (minutes: number) => toOffsetIso(at(minutes));

function journal(): Journal {
  const entries = [
    moment('t1', {}, 0),
    moment('t2', { what: 'the one to delete' }, 1),
    { id: 'p3', type: 'voice-memo', recordedAt: iso(2), for: 't2' },
  ].map(frozen);
  return { version: 1, entries };
}

describe('deleteEntry', () => {
  it('takes the entry out, leaves a tombstone without words and the entry in the trash, and leaves links as they are', () => {
    const j = journal();
    const deleted = deleteEntry(j, 't2', at(10));
    expect(deleted?.what).toBe('the one to delete');
    expect(j.entries.map((e) => e.id)).toEqual(['t1', 'p3']);
    expect(j.entries[1]!.for).toBe('t2');
    expect(j.deleted).toEqual([{ id: 't2', deletedAt: stamp(10) }]);
    expect(j.trash).toEqual([{ trashedAt: stamp(10), entry: deleted }]);
    expect(deletedIds(j)).toEqual(new Set(['t2']));
    expect(deleteEntry(j, 't2', at(11))).toBeUndefined();
  });

  it('with purge keeps no version of it, not even one trashed before', () => {
    const j = journal();
    j.trash = [{ trashedAt: iso(5), entry: moment('t2', { what: 'an older version' }, 1) }];
    deleteEntry(j, 't2', at(10), true);
    expect(j.trash).toEqual([]);
    expect(j.deleted).toEqual([{ id: 't2', deletedAt: stamp(10), purged: true }]);
    expect(undoable(j)).toEqual([]);
  });

  it('purgeTrashed removes the words of an entry already deleted, and keeps its tombstone', () => {
    const j = journal();
    deleteEntry(j, 't2', at(10));
    expect(purgeTrashed(j, 't2')).toBe(true);
    expect(j.trash).toEqual([]);
    expect(j.deleted).toEqual([{ id: 't2', deletedAt: stamp(10), purged: true }]);
  });
});

describe('undoable and restoreEntry', () => {
  it('lists the most recent deletion first and brings back its latest version where it was recorded', () => {
    const j = journal();
    deleteEntry(j, 't2', at(10));
    deleteEntry(j, 't1', at(12));
    // A newer version of t2, kept by a merge from another device.
    const newer = moment('t2', { what: 'edited elsewhere', editedAt: iso(11) }, 1);
    j.trash = [...j.trash!, { trashedAt: iso(13), entry: newer }];
    expect(undoable(j).map((item) => item.id)).toEqual(['t1', 't2']);
    expect(restoreEntry(j, 't2', at(20))).toEqual(newer);
    expect(j.entries.map((e) => e.id)).toEqual(['t2', 'p3']);
    expect(j.deleted!.find((t) => t.id === 't2')).toEqual({ id: 't2', deletedAt: stamp(10), restoredAt: stamp(20) });
    expect(deletedIds(j)).toEqual(new Set(['t1']));
    expect(undoable(j).map((item) => item.id)).toEqual(['t1']);
    expect(restoreEntry(j, 't2', at(21))).toBeUndefined();
  });

  it('a delete in the same second as the undo before it still counts as the later one', () => {
    const j = journal();
    deleteEntry(j, 't2', at(10));
    restoreEntry(j, 't2', at(10));
    expect(deletedIds(j).has('t2')).toBe(false);
    deleteEntry(j, 't2', at(10));
    expect(deletedIds(j).has('t2')).toBe(true);
    expect(Date.parse(j.deleted![0]!.deletedAt)).toBe(at(10).getTime() + 1000);
  });

  it('holds within one second written as a whole second: a delete at .5 s after an undo at .0 s is still the later', () => {
    const j = journal();
    const half = (date: Date) => new Date(date.getTime() + 500);
    deleteEntry(j, 't2', at(10));
    restoreEntry(j, 't2', at(10));
    deleteEntry(j, 't2', half(at(10)));
    expect(deletedIds(j).has('t2')).toBe(true);
    expect(Date.parse(j.deleted![0]!.deletedAt)).toBe(at(10).getTime() + 1000);
  });

  it('an undo on a clock set back still brings the entry back', () => {
    const j = journal();
    deleteEntry(j, 't2', at(10));
    restoreEntry(j, 't2', at(3));
    expect(j.deleted![0]!.restoredAt).toBe(stamp(10));
    expect(deletedIds(j).size).toBe(0);
  });
});

describe('pruneTrash', () => {
  it('drops what went into the trash more than 7 days ago and keeps the tombstones', () => {
    const j = journal();
    deleteEntry(j, 't2', at(0));
    deleteEntry(j, 't1', at(24 * 60));
    const trash = j.trash;
    pruneTrash(j, new Date(at(0).getTime() + 7 * 86_400_000));
    expect(j.trash).toBe(trash);
    pruneTrash(j, new Date(at(0).getTime() + 7 * 86_400_000 + 1000));
    expect(j.trash!.map((item) => item.entry.id)).toEqual(['t1']);
    expect(j.deleted!.map((t) => t.id)).toEqual(['t2', 't1']);
  });
});

describe('the store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'attach-trash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops old trash at a later write, with its own clock, whatever the write is', async () => {
    const file = path.join(dir, 'journal.json');
    const j = journal();
    deleteEntry(j, 't2', at(0));
    writeFileSync(file, serializeJournal(j));
    let now = new Date(at(0).getTime() + 6 * 86_400_000);
    const store = new JournalStore(file, { now: () => now });
    await store.update((current) => void current.entries.push(moment('n4', {}, 5)));
    expect((await store.read()).trash).toHaveLength(1);
    now = new Date(at(0).getTime() + 8 * 86_400_000);
    await store.update(() => {});
    const after = parseJournal(readFileSync(file, 'utf8'), file);
    expect(after.trash).toEqual([]);
    expect(after.deleted).toEqual([{ id: 't2', deletedAt: stamp(0) }]);
  });
});
