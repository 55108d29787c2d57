import { toOffsetIso } from '../time/calendar.js';
import { canonicalJson } from './merge.js';
import { changeBeside, type MergeChange } from './merge-change.js';
import { isDeleted } from './tombstones.js';
import { type Entry, JOURNAL_VERSION, type Journal, type Tombstone, type TrashItem } from './types.js';
import { latest, sameValue, timeOf } from './versions.js';

/*
 * One merge of two whole journals, for copies of one journal kept on several
 * devices (issue 17): sync-conflict copies, git branches, a file from
 * another computer. Pure: two journals and the time of the merge in, a new
 * journal out; neither input is changed.
 * - An entry in either is kept unless either holds a tombstone for its id
 *   that still holds (src/journal/tombstones.ts); its versions then go to
 *   the trash, so an edit made elsewhere after the delete is not lost. Once
 *   an id has a tombstone, every version of it is kept in the trash, and when
 *   an undo brought it back (a restoredAt later than every deletedAt) the
 *   latest of all its versions is the entry.
 * - The same id with different content keeps the later version (editedAt,
 *   else recordedAt; a tie is settled by content); the other goes to the trash.
 * - Tombstones join: the later deletedAt and the later restoredAt, purged
 *   once either says so (then the trash keeps none of its words).
 * - The trash is the union of both, each version of an entry once, with the
 *   earliest time it went in. What this merge puts there is stamped `now`,
 *   so a version met only now is kept 7 days from now.
 * - Unknown fields and entry types are kept as they are; an unknown top-level
 *   key held by both with different values keeps the larger in canonical JSON.
 * The lists come out in one order (entries by recording time, then id), so
 * merge(a, b) and merge(b, a) are the same file. With the same `now` it is
 * commutative, associative and idempotent (tests/unit/merge-properties.test.ts).
 */

const OWN_KEYS = new Set(['version', 'entries', 'deleted', 'trash']);

export function mergeJournals(a: Journal, b: Journal, now: Date): Journal {
  return mergeWithChange(a, b, now).journal;
}

/**
 * The merge, and what it changed in `a` (the journal merged into), counted
 * on the way: comparing the two journals afterwards cost as much again.
 */
export function mergeWithChange(a: Journal, b: Journal, now: Date): { journal: Journal; change: MergeChange } {
  const stamp = toOffsetIso(now);
  const tombstones = joinTombstones([...(a.deleted ?? []), ...(b.deleted ?? [])]);
  const trash = new TrashBin();
  for (const item of a.trash ?? []) trash.add(item);
  for (const item of b.trash ?? []) trash.add(item);

  // The first version of each id, and (rarely) the others: one list per id would be 40k lists to collect.
  const first = new Map<string, Entry>();
  const others = new Map<string, Entry[]>();
  // Ids `a` did not have: what the merge adds, when they stay.
  const fromB = new Set<string>();
  for (const [side, list] of [a.entries, b.entries].entries()) {
    for (const entry of list) {
      const known = first.get(entry.id);
      if (known === undefined) {
        first.set(entry.id, entry);
        if (side === 1) fromB.add(entry.id);
      } else if (known !== entry && !sameValue(known, entry)) {
        const more = others.get(entry.id);
        if (!more) others.set(entry.id, [entry]);
        else if (!more.some((version) => sameValue(version, entry))) more.push(entry);
      }
    }
  }
  const versionsOf = (id: string): Entry[] => {
    const known = first.get(id);
    return known === undefined ? [] : [known, ...(others.get(id) ?? [])];
  };
  const entries: Entry[] = [];
  const added: Entry[] = [];
  const changed: Entry[] = [];
  let deleted = 0;
  /** `winner` is the entry now: new to `a`, or another version than a's. */
  const count = (id: string, winner: Entry) => {
    const was = fromB.has(id) ? undefined : first.get(id);
    if (was === undefined) added.push(winner);
    else if (winner !== was && !sameValue(winner, was)) changed.push(winner);
  };
  for (const [id, known] of first) {
    if (tombstones.has(id)) continue;
    const more = others.get(id);
    if (!more) {
      entries.push(known);
      if (fromB.has(id)) added.push(known);
      continue;
    }
    const list = [known, ...more];
    const winner = latest(list);
    entries.push(winner);
    count(id, winner);
    for (const version of list) if (version !== winner) trash.add({ trashedAt: stamp, entry: version });
  }
  for (const [id, tombstone] of tombstones) {
    const hadIt = first.has(id) && !fromB.has(id);
    if (tombstone.purged === true) {
      trash.drop(id);
      if (hadIt) deleted++;
      continue;
    }
    // An id that was ever deleted keeps every version in the trash, so whether a later
    // merge finds it deleted or brought back, it chooses among the same versions.
    for (const version of versionsOf(id)) trash.add({ trashedAt: stamp, entry: version });
    const known = isDeleted(tombstone) ? [] : trash.versionsOf(id);
    if (known.length === 0) {
      if (hadIt) deleted++;
      continue;
    }
    const winner = latest(known);
    entries.push(winner);
    count(id, winner);
  }

  const merged: Journal = { version: Math.max(a.version, b.version, JOURNAL_VERSION), entries: inRecordedOrder(entries) };
  const stones = [...tombstones.values()].sort((x, y) => timeOf(x.deletedAt) - timeOf(y.deletedAt) || compareText(x.id, y.id));
  if (a.deleted || b.deleted || stones.length) merged.deleted = stones;
  const kept = trash.items();
  if (a.trash || b.trash || kept.length) merged.trash = kept;
  for (const key of otherKeys(a, b)) merged[key] = joinValue(a[key], b[key]);
  const rest = changeBeside(a, merged);
  // `a` holding an id twice comes out once: that too is a change to write.
  const any = added.length + changed.length + deleted > 0 || rest.any || first.size - fromB.size !== a.entries.length;
  return { journal: merged, change: { added, changed, deleted, trashed: rest.trashed, any } };
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** By recording time, then id: the order a journal is written in, and the same whichever side came first. */
function inRecordedOrder(entries: Entry[]): Entry[] {
  // An entry of an unknown type may have no recording time: those go first, by id.
  const at = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const time = timeOf(entries[i]!.recordedAt);
    at[i] = Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
  }
  const order = Array.from(entries.keys());
  order.sort((x, y) => at[x]! - at[y]! || compareText(entries[x]!.id, entries[y]!.id));
  return order.map((i) => entries[i]!);
}

/** The later of two times by the instant they name; the same instant written two ways keeps the larger text. */
function laterTime(x: string | undefined, y: string | undefined): string | undefined {
  if (x === undefined || y === undefined) return x ?? y;
  const tx = timeOf(x);
  const ty = timeOf(y);
  if (tx !== ty) return tx > ty ? x : y;
  return x > y ? x : y;
}

function joinTombstones(all: readonly Tombstone[]): Map<string, Tombstone> {
  const byId = new Map<string, Tombstone>();
  for (const tombstone of all) {
    const known = byId.get(tombstone.id);
    byId.set(tombstone.id, known ? joinTombstone(known, tombstone) : tombstone);
  }
  return byId;
}

function joinTombstone(x: Tombstone, y: Tombstone): Tombstone {
  if (sameValue(x, y)) return x;
  const joined: Record<string, unknown> = {};
  // Fields another version may add, joined one by one like the journal's own unknown keys.
  for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort(compareText)) {
    if (!['id', 'deletedAt', 'restoredAt', 'purged'].includes(key)) joined[key] = joinValue(x[key], y[key]);
  }
  const restoredAt = laterTime(x.restoredAt, y.restoredAt);
  return {
    ...joined,
    id: x.id,
    deletedAt: laterTime(x.deletedAt, y.deletedAt)!,
    ...(restoredAt === undefined ? {} : { restoredAt }),
    ...(x.purged === true || y.purged === true ? { purged: true } : {}),
  };
}

/** Each version of each entry once, with the earliest time it went into the trash. */
class TrashBin {
  private readonly byId = new Map<string, TrashItem[]>();

  add(item: TrashItem): void {
    const list = this.byId.get(item.entry.id);
    if (!list) {
      this.byId.set(item.entry.id, [item]);
      return;
    }
    const index = list.findIndex((known) => sameValue(known.entry, item.entry));
    if (index === -1) list.push(item);
    else if (isEarlier(item, list[index]!)) list[index] = item;
  }

  versionsOf(id: string): Entry[] {
    return (this.byId.get(id) ?? []).map((item) => item.entry);
  }

  drop(id: string): void {
    this.byId.delete(id);
  }

  items(): TrashItem[] {
    return [...this.byId.values()]
      .flat()
      .sort((x, y) => timeOf(x.trashedAt) - timeOf(y.trashedAt) || compareText(x.entry.id, y.entry.id) || (isEarlier(x, y) ? -1 : 1));
  }
}

/** Of two trash items, the one to keep: the earlier, and at the same time the smaller in canonical JSON. */
function isEarlier(x: TrashItem, y: TrashItem): boolean {
  const tx = timeOf(x.trashedAt);
  const ty = timeOf(y.trashedAt);
  if (tx !== ty) return tx < ty;
  return canonicalJson(x) < canonicalJson(y);
}

/** Top-level keys other than attach's own, in one order whichever journal has them. */
function otherKeys(a: Journal, b: Journal): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => !OWN_KEYS.has(key)));
  return [...keys].sort(compareText);
}

/** A value both sides may hold: equal is kept, one side alone is taken, two different keep the larger canonical JSON. */
function joinValue(x: unknown, y: unknown): unknown {
  if (x === undefined) return y;
  if (y === undefined || sameValue(x, y)) return x;
  return canonicalJson(x) > canonicalJson(y) ? x : y;
}
