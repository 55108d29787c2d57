import type { Entry, Journal, Tombstone, TrashItem } from './types.js';
import { sameValue } from './versions.js';

/*
 * What a merge changed in a journal, for the words `attach merge` says and
 * for knowing whether there is anything to write at all (writing an
 * unchanged journal would only make the sync tool send it again).
 */

export interface MergeChange {
  /** Entries the journal did not have (new, or brought back by an undo made elsewhere). */
  added: Entry[];
  /** Entries it had, now in another version (a newer edit). */
  changed: Entry[];
  /** How many entries it had were deleted by the other side. */
  deleted: number;
  /** Versions newly kept in the trash. */
  trashed: number;
  /** Whether anything at all differs, tombstones and other keys included. */
  any: boolean;
}

function byId(entries: readonly Entry[]): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const entry of entries) if (!map.has(entry.id)) map.set(entry.id, entry);
  return map;
}

/** Whether `item` is among `items` (the same entry, the same content). */
function holds(items: Map<string, TrashItem[]>, item: TrashItem): boolean {
  return items.get(item.entry.id)?.some((known) => sameValue(known.entry, item.entry)) ?? false;
}

function groupTrash(items: readonly TrashItem[]): Map<string, TrashItem[]> {
  const map = new Map<string, TrashItem[]>();
  for (const item of items) {
    const list = map.get(item.entry.id);
    if (list) list.push(item);
    else map.set(item.entry.id, [item]);
  }
  return map;
}

function sameTombstones(x: readonly Tombstone[], y: readonly Tombstone[]): boolean {
  if (x.length !== y.length) return false;
  const known = new Map(x.map((tombstone) => [tombstone.id, tombstone]));
  return y.every((tombstone) => sameValue(known.get(tombstone.id), tombstone));
}

/** The same items exactly (times too), in any order. */
function sameTrash(grouped: Map<string, TrashItem[]>, x: readonly TrashItem[], y: readonly TrashItem[]): boolean {
  return x.length === y.length && y.every((item) => grouped.get(item.entry.id)?.some((known) => sameValue(known, item)));
}

function sameOtherKeys(before: Journal, after: Journal): boolean {
  const rest = (journal: Journal) => {
    const { entries: _entries, deleted: _deleted, trash: _trash, ...others } = journal;
    return others;
  };
  return sameValue(rest(before), rest(after));
}

/** What changed outside the entries: versions newly in the trash, and whether the trash, tombstones or other keys differ. */
export function changeBeside(before: Journal, after: Journal): { trashed: number; any: boolean } {
  const oldTrash = groupTrash(before.trash ?? []);
  const trashed = (after.trash ?? []).filter((item) => !holds(oldTrash, item)).length;
  const any =
    trashed > 0 ||
    !sameTrash(oldTrash, before.trash ?? [], after.trash ?? []) ||
    !sameTombstones(before.deleted ?? [], after.deleted ?? []) ||
    !sameOtherKeys(before, after);
  return { trashed, any };
}

/**
 * The same, found by comparing two journals (`after` one entry per id):
 * what mergeWithChange counts on the way, for checking it, and for a change
 * made some other way.
 */
export function describeChange(before: Journal, after: Journal): MergeChange {
  const old = byId(before.entries);
  const added: Entry[] = [];
  const changed: Entry[] = [];
  let kept = 0;
  for (const entry of after.entries) {
    const was = old.get(entry.id);
    if (!was) {
      added.push(entry);
      continue;
    }
    kept++;
    if (was !== entry && !sameValue(was, entry)) changed.push(entry);
  }
  const deleted = old.size - kept;
  const rest = changeBeside(before, after);
  const any = added.length > 0 || changed.length > 0 || deleted > 0 || before.entries.length !== old.size || rest.any;
  return { added, changed, deleted, trashed: rest.trashed, any };
}
