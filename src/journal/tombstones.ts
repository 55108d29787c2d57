import { toOffsetIso } from '../time/calendar.js';
import type { Entry, Journal, Tombstone, TrashItem } from './types.js';
import { latest, sameValue, timeOf } from './versions.js';

/*
 * Deletes that stay deleted, and undo (issue 17). A delete leaves a
 * tombstone, { id, deletedAt } in the journal's `deleted` list (no words),
 * so no merge or import brings the entry back, and keeps the entry itself in
 * `trash` for 7 days, so `attach undo` can. Undo stamps the tombstone
 * `restoredAt` rather than removing it: a copy on another device that still
 * holds the old tombstone then can't delete the entry again, and a delete
 * made after the undo still wins (the later of the two counts).
 *
 * Entries that point to a deleted one (`for`) are left as they are, and
 * read as pointing nowhere while it is deleted: when it comes back, so do
 * the links, and no other entry is rewritten (which a merge with another
 * device would see as an edit). Every change here replaces a list or an
 * entry, never changes one in place.
 */

export const TRASH_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whether the tombstone holds now: not brought back since (and never, once purged). */
export function isDeleted(tombstone: Tombstone): boolean {
  if (tombstone.purged === true || tombstone.restoredAt === undefined) return true;
  return timeOf(tombstone.deletedAt) > timeOf(tombstone.restoredAt);
}

/** The ids deleted now. */
export function deletedIds(journal: Journal): Set<string> {
  const ids = new Set<string>();
  for (const tombstone of journal.deleted ?? []) if (isDeleted(tombstone)) ids.add(tombstone.id);
  return ids;
}

/** A time as it is written: stamps keep whole seconds, so comparisons with a written stamp are made in whole seconds. */
const toSecond = (now: Date) => Math.floor(now.getTime() / 1000) * 1000;

/** `now`, or one second after `after` when that is not earlier: so the newer of a delete and an undo is never a tie. */
function stampAfter(now: Date, after: string | undefined): string {
  const floor = timeOf(after);
  return toOffsetIso(Number.isNaN(floor) || toSecond(now) > floor ? now : new Date(floor + 1000));
}

/**
 * Takes the entry with `id` out of the journal, leaving a tombstone and
 * (unless `purge`) the entry in the trash. With `purge`, the trash keeps no
 * version of it either. Returns the entry taken out, or undefined when there
 * is none.
 */
export function deleteEntry(journal: Journal, id: string, now: Date, purge = false): Entry | undefined {
  const index = journal.entries.findIndex((entry) => entry.id === id);
  if (index === -1) return undefined;
  const [entry] = journal.entries.splice(index, 1);
  const old = (journal.deleted ?? []).find((tombstone) => tombstone.id === id);
  const tombstone: Tombstone = { ...old, id, deletedAt: stampAfter(now, old?.restoredAt) };
  if (purge) tombstone.purged = true;
  journal.deleted = [...(journal.deleted ?? []).filter((t) => t.id !== id), tombstone];
  // The same words trashed before (deleted, brought back, deleted again) are kept once, from now.
  const trash = (journal.trash ?? []).filter((item) => item.entry.id !== id || (!purge && !sameValue(item.entry, entry)));
  journal.trash = purge ? trash : [...trash, { trashedAt: toOffsetIso(now), entry: entry! }];
  return entry;
}

/** Removes the words of an entry already deleted, leaving only its tombstone. Returns whether it had any in the trash. */
export function purgeTrashed(journal: Journal, id: string): boolean {
  const trash = journal.trash ?? [];
  const kept = trash.filter((item) => item.entry.id !== id);
  journal.trash = kept;
  journal.deleted = (journal.deleted ?? []).map((t) => (t.id === id ? { ...t, purged: true } : t));
  return kept.length < trash.length;
}

/** A deletion that `attach undo` can bring back. */
export interface Undoable {
  id: string;
  deletedAt: string;
  /** The version that would come back: the latest kept in the trash. */
  entry: Entry;
}

/** What can be brought back, the most recent deletion first. */
export function undoable(journal: Journal): Undoable[] {
  const versions = new Map<string, Entry[]>();
  for (const item of journal.trash ?? []) {
    const list = versions.get(item.entry.id);
    if (list) list.push(item.entry);
    else versions.set(item.entry.id, [item.entry]);
  }
  const found: Undoable[] = [];
  for (const tombstone of journal.deleted ?? []) {
    const list = versions.get(tombstone.id);
    if (!list || tombstone.purged === true || !isDeleted(tombstone)) continue;
    found.push({ id: tombstone.id, deletedAt: tombstone.deletedAt, entry: latest(list) });
  }
  return found.sort((a, b) => timeOf(b.deletedAt) - timeOf(a.deletedAt) || (a.id < b.id ? -1 : 1));
}

/**
 * Brings back the deletion of `id`: its latest version in the trash goes
 * back among the entries (where its recording time puts it) and the
 * tombstone is stamped `restoredAt`. Returns the entry, or undefined when
 * `id` is not something `undoable` lists.
 */
export function restoreEntry(journal: Journal, id: string, now: Date): Entry | undefined {
  const found = undoable(journal).find((item) => item.id === id);
  if (!found) return undefined;
  journal.deleted = (journal.deleted ?? []).map((t) => (t.id === id ? { ...t, restoredAt: restoredStamp(now, t.deletedAt) } : t));
  // The trash keeps its copy, as a merge would (src/journal/merge-journals.ts): it goes at the usual time.
  insertByTime(journal.entries, found.entry);
  return found.entry;
}

/** `now`, or the deletion's own time when the clock reads earlier: a tie counts as brought back. */
function restoredStamp(now: Date, deletedAt: string): string {
  const deleted = timeOf(deletedAt);
  return Number.isNaN(deleted) || toSecond(now) >= deleted ? toOffsetIso(now) : deletedAt;
}

/**
 * Puts `entry` after the last entry recorded before it, so the file stays
 * in the order it was written (an entry recorded in the same second, such as
 * a pause started from its moment, was most likely written after it).
 */
function insertByTime(entries: Entry[], entry: Entry): void {
  const at = timeOf(entry.recordedAt);
  let index = entries.length;
  while (index > 0 && !(timeOf(entries[index - 1]!.recordedAt) < at)) index--;
  entries.splice(index, 0, entry);
}

/** Drops from the trash what went in more than 7 days before `now`; the tombstones stay. Called at every write. */
export function pruneTrash(journal: Journal, now: Date): void {
  const trash = journal.trash;
  if (!Array.isArray(trash) || trash.length === 0) return;
  const cutoff = now.getTime() - TRASH_DAYS * DAY_MS;
  const kept = trash.filter((item: TrashItem) => !(timeOf(item.trashedAt) < cutoff));
  if (kept.length < trash.length) journal.trash = kept;
}
