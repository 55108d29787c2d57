import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import { describeChange } from '../../src/journal/merge-change.js';
import { mergeJournals, mergeWithChange } from '../../src/journal/merge-journals.js';
import { isDeleted } from '../../src/journal/tombstones.js';
import type { Entry, Journal, Tombstone } from '../../src/journal/types.js';
import { checkJournal } from '../../src/journal/validate.js';
import { latest, sameValue } from '../../src/journal/versions.js';
import { empty, journalArb, NOW } from '../helpers/sync-journals.js';

/*
 * merge(a, b) over random journals whose entries, tombstones and trash share
 * a few ids (tests/helpers/sync-journals.ts): the laws that let copies on
 * several devices end up the same whatever order they are merged in, and
 * what it promises about words.
 */

const merge = (a: Journal, b: Journal) => mergeJournals(a, b, NOW);
const RUNS = { numRuns: 400 };

/** The tombstones of both, joined as the merge joins them. */
function joined(a: Journal, b: Journal): Map<string, Tombstone> {
  return new Map(
    (merge({ ...empty(), deleted: a.deleted ?? [] }, { ...empty(), deleted: b.deleted ?? [] }).deleted ?? []).map((t) => [t.id, t]),
  );
}

const holds = (journal: Journal, entry: Entry) =>
  journal.entries.some((kept) => sameValue(kept, entry)) || (journal.trash ?? []).some((item) => sameValue(item.entry, entry));

describe('merge(a, b): the laws', () => {
  it('is commutative: the same journal, and the same file, whichever side comes first', () => {
    fc.assert(
      fc.property(journalArb, journalArb, (a, b) => {
        expect(merge(a, b)).toEqual(merge(b, a));
      }),
      RUNS,
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(journalArb, journalArb, journalArb, (a, b, c) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
      }),
      RUNS,
    );
  });

  it('is idempotent: merging a result with itself, or a journal with itself, changes nothing more', () => {
    fc.assert(
      fc.property(journalArb, journalArb, (a, b) => {
        const m = merge(a, b);
        expect(merge(m, m)).toEqual(m);
        expect(merge(m, a)).toEqual(m);
        expect(merge(a, a)).toEqual(merge(a, empty()));
      }),
      RUNS,
    );
  });

  it('gives a journal that passes the checks, and merge(a, b) and merge(b, a) are the same bytes', () => {
    fc.assert(
      fc.property(journalArb, journalArb, (a, b) => {
        const m = merge(a, b);
        expect(checkJournal(JSON.parse(serializeJournal(m))).ok).toBe(true);
        expect(serializeJournal(m)).toBe(serializeJournal(merge(b, a)));
      }),
      RUNS,
    );
  });
});

describe('merge(a, b): what it says it changed', () => {
  it('counts on the way what comparing the journals before and after finds', () => {
    const ids = (entries: readonly Entry[]) => entries.map((entry) => entry.id).sort();
    fc.assert(
      fc.property(journalArb, journalArb, (a, b) => {
        const { journal, change } = mergeWithChange(a, b, NOW);
        const found = describeChange(a, journal);
        expect({ ...change, added: ids(change.added), changed: ids(change.changed) }).toEqual({
          ...found,
          added: ids(found.added),
          changed: ids(found.changed),
        });
        expect(mergeWithChange(journal, b, NOW).change.any).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('merge(a, b): what it keeps', () => {
  it('keeps every entry neither side deleted, in its latest version, and every other version in the trash', () => {
    fc.assert(
      fc.property(journalArb, journalArb, (a, b) => {
        const m = merge(a, b);
        const tombstones = joined(a, b);
        for (const entry of [...a.entries, ...b.entries]) {
          const tombstone = tombstones.get(entry.id);
          if (tombstone?.purged) continue;
          // Not a word lost: the version is the entry, or kept in the trash.
          expect(holds(m, entry)).toBe(true);
          if (tombstone) continue;
          const versions = [...a.entries, ...b.entries].filter((other) => other.id === entry.id);
          expect(m.entries.find((kept) => kept.id === entry.id)).toEqual(latest(versions));
        }
      }),
      RUNS,
    );
  });

  it('brings back nothing deleted, keeps every tombstone, and keeps no word of a purged entry', () => {
    fc.assert(
      fc.property(journalArb, journalArb, (a, b) => {
        const m = merge(a, b);
        const tombstones = joined(a, b);
        expect(new Set((m.deleted ?? []).map((t) => t.id))).toEqual(new Set(tombstones.keys()));
        for (const [id, tombstone] of tombstones) {
          const live = m.entries.some((entry) => entry.id === id);
          if (isDeleted(tombstone)) expect(live).toBe(false);
          if (tombstone.purged) expect((m.trash ?? []).some((item) => item.entry.id === id)).toBe(false);
        }
        for (const item of [...(a.trash ?? []), ...(b.trash ?? [])]) {
          if (!tombstones.get(item.entry.id)?.purged) expect(holds(m, item.entry)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keeps unknown top-level keys, unknown fields and unknown types as they are', () => {
    fc.assert(
      fc.property(journalArb, (a) => {
        const m = merge(a, empty());
        expect(m.sharedWith).toEqual(a.sharedWith);
        const tombstones = joined(a, empty());
        for (const entry of a.entries) if (!tombstones.get(entry.id)?.purged) expect(holds(m, entry)).toBe(true);
      }),
      RUNS,
    );
  });
});
