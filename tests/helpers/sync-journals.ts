import fc from 'fast-check';
import type { Entry, Journal, Tombstone, TrashItem } from '../../src/journal/types.js';
import { trigger } from './entries.js';

/*
 * Journals for the merge tests: entries, tombstones and trash drawn from a
 * small pool of ids and times, so that the same id meets itself in another
 * version, at the same second, deleted, brought back or purged, as copies on
 * several devices do. Every time is before NOW (a merge is made after what
 * it merges happened).
 */

const T0 = Date.parse('2026-11-20T10:00:00Z');

/** An ISO time `minutes` after T0, written in UTC or (odd minutes) in US Pacific time: the same instant, two ways. */
export function iso(minutes: number, pacific = minutes % 2 === 1): string {
  const ms = T0 + minutes * 60_000;
  const offset = pacific ? -8 * 60 : 0;
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  return `${wall}${pacific ? '-08:00' : '+00:00'}`;
}

export const NOW = new Date(T0 + 60 * 60_000);

/** A logged moment with the given id, recorded at `recorded` minutes; anything else overrides. */
export function moment(id: string, over: Record<string, unknown> = {}, recorded = 0): Entry {
  const at = iso(recorded);
  return { ...trigger({ id, at, recordedAt: at, what: `moment ${id}`, intensity: 5 }), ...over } as Entry;
}

export const IDS = ['a1', 'b2', 'c3', 'd4', 'e5'] as const;
const recordedOf = (id: string) => IDS.indexOf(id as (typeof IDS)[number]);

/** One version of an entry of the pool: its words, maybe an edit time (often the same as another's), maybe fields of a later version. */
export const versionArb: fc.Arbitrary<Entry> = fc
  .record({
    id: fc.constantFrom(...IDS),
    what: fc.constantFrom('first words', 'changed words', 'other words'),
    edited: fc.option(fc.integer({ min: 6, max: 12 }), { nil: undefined }),
    later: fc.option(fc.constantFrom({ mood: 'calm' }, ['x']), { nil: undefined }),
    odd: fc.boolean(),
  })
  .map(({ id, what, edited, later, odd }) => {
    if (odd && id === 'e5') return { id, type: 'voice-memo', seconds: what.length, ...(later ? { later } : {}) } as Entry;
    return moment(
      id,
      { what, ...(edited === undefined ? {} : { editedAt: iso(edited) }), ...(later === undefined ? {} : { later }) },
      recordedOf(id),
    );
  });

export const tombstoneArb: fc.Arbitrary<Tombstone> = fc
  .record({
    id: fc.constantFrom(...IDS),
    deletedAt: fc.integer({ min: 10, max: 20 }),
    restoredAt: fc.option(fc.integer({ min: 10, max: 20 }), { nil: undefined }),
    purged: fc.boolean(),
    device: fc.option(fc.constantFrom('laptop', 'phone'), { nil: undefined }),
  })
  .map(({ id, deletedAt, restoredAt, purged, device }) => ({
    id,
    deletedAt: iso(deletedAt),
    ...(restoredAt === undefined ? {} : { restoredAt: iso(restoredAt) }),
    // Rare: a purge ends every other question about the id.
    ...(purged && deletedAt === 20 ? { purged: true } : {}),
    ...(device === undefined ? {} : { device }),
  }));

export const trashItemArb: fc.Arbitrary<TrashItem> = fc
  .record({ trashedAt: fc.integer({ min: 10, max: 30 }), entry: versionArb })
  .map(({ trashedAt, entry }) => ({ trashedAt: iso(trashedAt), entry }));

export const journalArb: fc.Arbitrary<Journal> = fc
  .record({
    entries: fc.array(versionArb, { maxLength: 7 }),
    deleted: fc.option(fc.array(tombstoneArb, { maxLength: 3 }), { nil: undefined }),
    trash: fc.option(fc.array(trashItemArb, { maxLength: 3 }), { nil: undefined }),
    sharedWith: fc.option(fc.constantFrom('therapist', 'nobody'), { nil: undefined }),
  })
  .map(({ entries, deleted, trash, sharedWith }) => ({
    version: 1,
    entries,
    ...(deleted === undefined ? {} : { deleted }),
    ...(trash === undefined ? {} : { trash }),
    ...(sharedWith === undefined ? {} : { sharedWith }),
  }));

export const empty = (): Journal => ({ version: 1, entries: [] });
