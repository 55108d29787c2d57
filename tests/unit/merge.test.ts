import { describe, expect, it } from 'vitest';
import { canonicalJson, mergeEntries, sameContent } from '../../src/journal/merge.js';
import type { Entry, TriggerEntry } from '../../src/journal/types.js';
import { trigger } from '../helpers/entries.js';

const entry = (id: string, over: Partial<TriggerEntry> = {}): Entry =>
  trigger({ id, what: `moment ${id}`, who: 'partner', triggers: ['delayed-reply'], intensity: 6, ...over });

/** The same entry with its keys in reverse order. */
const reversed = (e: Entry): Entry => Object.fromEntries(Object.entries(e).reverse()) as Entry;
const ids = (entries: readonly Entry[]) => entries.map((e) => e.id);

describe('canonicalJson', () => {
  it('is the same whatever the key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('still tells different values apart', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });

  it('is what sameContent compares', () => {
    expect(sameContent(entry('a'), reversed(entry('a')))).toBe(true);
    expect(sameContent(entry('a'), entry('a', { note: 'changed' }))).toBe(false);
    expect(sameContent(entry('a'), entry('a', { extra: 'an unknown field' }))).toBe(false);
  });
});

describe('mergeEntries', () => {
  const ours = [entry('a'), entry('b'), entry('c')];

  it("adds new entries after ours, in the file's order, and keeps ours in place", () => {
    const result = mergeEntries(ours, [entry('z'), entry('b'), entry('y')]);
    expect(ids(result.entries)).toEqual(['a', 'b', 'c', 'z', 'y']);
    expect(ids(result.added)).toEqual(['z', 'y']);
    expect(result).toMatchObject({ skipped: 1, conflicts: [], duplicates: 0, changed: true });
  });

  it('skips entries already here with the same content, whatever their key order', () => {
    const result = mergeEntries(ours, ours.map(reversed));
    expect(result).toMatchObject({ added: [], skipped: 3, conflicts: [], changed: false });
    expect(result.entries).toEqual(ours);
    expect(result.entries[0]).toBe(ours[0]);
  });

  it('changes nothing the second time the same file comes in', () => {
    const file = [entry('b'), entry('new-1'), entry('new-2')];
    const once = mergeEntries(ours, file);
    const twice = mergeEntries(once.entries, file);
    expect(twice).toMatchObject({ added: [], skipped: 3, conflicts: [], changed: false });
    expect(twice.entries).toEqual(once.entries);
  });

  it('keeps ours on a conflict when nothing is preferred, and reports it', () => {
    const theirs = entry('b', { intensity: 9, note: 'from the phone' });
    const result = mergeEntries(ours, [theirs, entry('d')]);
    expect(result.entries).toEqual([...ours, entry('d')]);
    expect(result.conflicts).toEqual([{ id: 'b', ours: ours[1], theirs }]);
    expect(result).toMatchObject({ skipped: 0, tookTheirs: false, changed: true });
  });

  it('keeps ours with prefer ours: nothing changes when there is nothing new', () => {
    const theirs = entry('b', { intensity: 9 });
    const result = mergeEntries(ours, [theirs], 'ours');
    expect(result.entries).toEqual(ours);
    expect(result.conflicts).toHaveLength(1);
    expect(result).toMatchObject({ tookTheirs: false, changed: false });
  });

  it("puts the file's version in ours' place with prefer theirs", () => {
    const theirs = entry('b', { intensity: 9, editedAt: '2026-11-23T08:00:00-08:00' });
    const result = mergeEntries(ours, [theirs], 'theirs');
    expect(ids(result.entries)).toEqual(['a', 'b', 'c']);
    expect(result.entries[1]).toBe(theirs);
    expect(result.conflicts).toEqual([{ id: 'b', ours: ours[1], theirs }]);
    expect(result).toMatchObject({ tookTheirs: true, changed: true });
    // Once taken, the same file again is already here.
    expect(mergeEntries(result.entries, [theirs], 'theirs')).toMatchObject({ skipped: 1, conflicts: [], changed: false });
  });

  it('uses the first of entries the file holds twice, and counts the others', () => {
    const result = mergeEntries(
      ours,
      [entry('d'), entry('d', { note: 'a second copy' }), entry('a'), entry('a', { note: 'different' })],
      'theirs',
    );
    expect(ids(result.entries)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.entries[3]).toEqual(entry('d'));
    expect(result).toMatchObject({ skipped: 1, conflicts: [], duplicates: 2 });
  });

  it('merges into an empty journal as the file is, and leaves its inputs alone', () => {
    const file = [entry('x'), entry('y')];
    const before = JSON.stringify([ours, file]);
    expect(mergeEntries([], file).entries).toEqual(file);
    mergeEntries(ours, [entry('b', { note: 'other' }), ...file], 'theirs');
    expect(JSON.stringify([ours, file])).toBe(before);
  });

  it('compares entries of types it does not know by their content too', () => {
    const dream = { id: 'q', type: 'dream', text: 'falling', at: '2026-11-22T03:00:00Z' };
    expect(mergeEntries([dream], [{ text: 'falling', at: '2026-11-22T03:00:00Z', type: 'dream', id: 'q' }])).toMatchObject({
      skipped: 1,
      changed: false,
    });
    expect(mergeEntries([dream], [{ ...dream, text: 'flying' }]).conflicts).toHaveLength(1);
  });
});
