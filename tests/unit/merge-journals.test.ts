import { describe, expect, it } from 'vitest';
import { canonicalJson, mergeEntries } from '../../src/journal/merge.js';
import { describeChange } from '../../src/journal/merge-change.js';
import { mergeJournals } from '../../src/journal/merge-journals.js';
import type { Journal } from '../../src/journal/types.js';
import { sameValue } from '../../src/journal/versions.js';
import { toOffsetIso } from '../../src/time/calendar.js';
import { iso, moment, NOW } from '../helpers/sync-journals.js';

/* Examples of merge(a, b), each a situation two devices meet; the laws are in merge-properties.test.ts. */

const merge = (a: Journal, b: Journal) => mergeJournals(a, b, NOW);
/** What the merge writes for its own time, in this machine's zone. */
const stamp = toOffsetIso(NOW);
const j = (over: Partial<Journal>): Journal => ({ version: 1, entries: [], ...over });
const ids = (journal: Journal) => journal.entries.map((entry) => entry.id);

describe('mergeJournals', () => {
  it('keeps the entries of both, in the order they were recorded', () => {
    const laptop = j({ entries: [moment('a', {}, 1), moment('c', {}, 3)] });
    const phone = j({ entries: [moment('b', {}, 2), moment('a', {}, 1)] });
    expect(ids(merge(laptop, phone))).toEqual(['a', 'b', 'c']);
    expect(merge(laptop, phone)).not.toHaveProperty('deleted');
  });

  it('keeps the later edit, and the other version in the trash, stamped with the time of the merge', () => {
    const older = moment('a', { what: 'first words', editedAt: iso(5) });
    const newer = moment('a', { what: 'later words', editedAt: iso(7, true) });
    const unedited = moment('a', { what: 'never edited' });
    const m = merge(j({ entries: [newer] }), j({ entries: [older, unedited] }));
    expect(m.entries).toEqual([newer]);
    expect(m.trash).toEqual([
      { trashedAt: stamp, entry: older },
      { trashedAt: stamp, entry: unedited },
    ]);
  });

  it('settles two edits in the same second the same way on every device', () => {
    const one = moment('a', { what: 'one', editedAt: iso(5) });
    const two = moment('a', { what: 'two', editedAt: iso(5) });
    expect(merge(j({ entries: [one] }), j({ entries: [two] })).entries).toEqual(
      merge(j({ entries: [two] }), j({ entries: [one] })).entries,
    );
  });

  it('lets a tombstone on either side win, keeping what the other side had in the trash', () => {
    const editedAfter = moment('a', { what: 'edited on the phone after the laptop deleted it', editedAt: iso(20) });
    const laptop = j({ deleted: [{ id: 'a', deletedAt: iso(10) }], trash: [{ trashedAt: iso(10), entry: moment('a') }] });
    const m = merge(j({ entries: [editedAfter, moment('b')] }), laptop);
    expect(ids(m)).toEqual(['b']);
    expect(m.deleted).toEqual([{ id: 'a', deletedAt: iso(10) }]);
    expect(m.trash).toEqual([
      { trashedAt: iso(10), entry: moment('a') },
      { trashedAt: stamp, entry: editedAfter },
    ]);
  });

  it('keeps no word of a purged entry, from either side', () => {
    const m = merge(
      j({ entries: [moment('a')], trash: [{ trashedAt: iso(3), entry: moment('a', { what: 'old' }) }] }),
      j({ deleted: [{ id: 'a', deletedAt: iso(10), purged: true }] }),
    );
    expect(m.entries).toEqual([]);
    expect(m.trash).toEqual([]);
  });

  it('brings an entry back when an undo is later than every delete, in its latest version', () => {
    const restored = moment('a', { what: 'brought back' });
    const edited = moment('a', { what: 'edited on the other device', editedAt: iso(8) });
    const undone = j({ entries: [restored], deleted: [{ id: 'a', deletedAt: iso(10), restoredAt: iso(15) }] });
    const stale = j({ deleted: [{ id: 'a', deletedAt: iso(10) }], trash: [{ trashedAt: iso(12), entry: edited }] });
    expect(merge(undone, stale).entries).toEqual([edited]);
    expect(merge(undone, stale).deleted).toEqual([{ id: 'a', deletedAt: iso(10), restoredAt: iso(15) }]);
    const deletedAgain = j({ deleted: [{ id: 'a', deletedAt: iso(16) }] });
    expect(merge(undone, deletedAgain).entries).toEqual([]);
  });

  it('keeps unknown fields, unknown entry types and unknown top-level keys', () => {
    const memo = { id: 'v', type: 'voice-memo', seconds: 12, nested: { a: [1, 2] } };
    const a = j({ entries: [moment('a', { mood: 'calm' }), memo], sharedWith: 'nobody' });
    const b = j({ entries: [], deleted: [{ id: 'x', deletedAt: iso(3), device: 'phone' }], settingsVersion: 3 });
    const m = merge(a, b);
    expect(m.entries).toEqual([memo, moment('a', { mood: 'calm' })]);
    expect(m).toMatchObject({ sharedWith: 'nobody', settingsVersion: 3, deleted: [{ id: 'x', deletedAt: iso(3), device: 'phone' }] });
    expect(Object.keys(m)).toEqual(['version', 'entries', 'deleted', 'settingsVersion', 'sharedWith']);
  });

  it('keeps each version once in the trash, from the earliest time either side put it there', () => {
    const version = moment('a', { what: 'deleted words' });
    const m = merge(j({ trash: [{ trashedAt: iso(12), entry: version }] }), j({ trash: [{ trashedAt: iso(11, true), entry: version }] }));
    expect(m.trash).toEqual([{ trashedAt: iso(11, true), entry: version }]);
  });

  it('changes neither journal it is given', () => {
    const a = j({ entries: [moment('a', { editedAt: iso(4) })] });
    const b = j({ entries: [moment('a')], deleted: [{ id: 'z', deletedAt: iso(1) }] });
    const before = structuredClone([a, b]);
    merge(a, b);
    expect([a, b]).toEqual(before);
  });
});

describe('describeChange', () => {
  it('counts what a merge added, changed, deleted and kept in the trash, and sees a change in the tombstones alone', () => {
    const journal = j({ entries: [moment('a'), moment('b'), moment('c')] });
    const copy = j({
      entries: [moment('a', { what: 'newer', editedAt: iso(5) }), moment('b'), moment('d')],
      deleted: [{ id: 'c', deletedAt: iso(6) }],
    });
    const change = describeChange(journal, merge(journal, copy));
    expect({ ...change, added: ids(j({ entries: change.added })), changed: ids(j({ entries: change.changed })) }).toEqual({
      added: ['d'],
      changed: ['a'],
      deleted: 1,
      trashed: 2,
      any: true,
    });
    const merged = merge(journal, copy);
    expect(describeChange(merged, merge(merged, copy)).any).toBe(false);
    expect(describeChange(journal, merge(journal, j({ deleted: [{ id: 'gone', deletedAt: iso(1) }] }))).any).toBe(true);
  });
});

describe('import honours tombstones', () => {
  it('brings in no entry the journal deleted, even with --prefer theirs, and counts it', () => {
    const result = mergeEntries([moment('a')], [moment('a', { what: 'theirs' }), moment('b'), moment('c')], 'theirs', new Set(['b']));
    expect(ids(j({ entries: result.entries }))).toEqual(['a', 'c']);
    expect(result.stayedDeleted).toBe(1);
  });
});

describe('sameValue', () => {
  it('is canonicalJson equality without the strings: any key order, undefined as absent, and no inherited name taken for a field', () => {
    const pairs: [unknown, unknown, boolean][] = [
      [{ b: 1, a: { d: [1, { y: 2, x: 1 }] } }, { a: { d: [1, { x: 1, y: 2 }] }, b: 1 }, true],
      [{ a: [1, 2] }, { a: [2, 1] }, false],
      [{ a: '1' }, { a: 1 }, false],
      [{ a: null }, {}, false],
      [{ a: undefined, b: 1 }, { b: 1 }, true],
      [JSON.parse('{"__proto__": {}}'), {}, false],
      [JSON.parse('{"constructor": 1}'), JSON.parse('{"constructor": 1}'), true],
      [{ toString: 'x' }, {}, false],
      [{}, { toString: 'x' }, false],
      [[], {}, false],
      [{ a: [] }, { a: {} }, false],
    ];
    for (const [a, b, same] of pairs) {
      expect([a, b, sameValue(a, b)]).toEqual([a, b, same]);
      expect(sameValue(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
    }
  });
});

describe('the later version', () => {
  it('is an edit made in the very second the entry was recorded, rather than the entry as recorded', () => {
    const recorded = moment('a', {}, 3);
    const edited = moment('a', { note: 'added a moment later', editedAt: iso(3) }, 3);
    expect(merge(j({ entries: [recorded] }), j({ entries: [edited] })).entries).toEqual([edited]);
    expect(merge(j({ entries: [edited] }), j({ entries: [recorded] })).entries).toEqual([edited]);
  });
});
