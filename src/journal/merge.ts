import type { Entry } from './types.js';

/*
 * Merging an attach JSON file into the journal, by id (issue: own your data).
 * Pure: entries in, the merged list and what happened out.
 * - an id not in the journal: added, after the journal's entries, in the file's order;
 * - an id already there with the same content: skipped (key order does not
 *   matter), so importing a file twice changes nothing;
 * - an id already there with different content: a conflict; ours stays
 *   unless `prefer` is "theirs", which puts the file's version in its place;
 * - an id the file holds twice: the first is used, the others counted;
 * - an id the journal deleted (a tombstone, src/journal/tombstones.ts): not
 *   brought back, only counted, whatever the file holds.
 */

export type Prefer = 'theirs' | 'ours';

export interface Conflict {
  id: string;
  ours: Entry;
  theirs: Entry;
}

export interface MergeResult {
  /** The journal's entries after the merge (a new array; the entries themselves are not copied). */
  entries: Entry[];
  /** New entries, in the file's order. */
  added: Entry[];
  /** Entries already in the journal with the same content. */
  skipped: number;
  /** Same id, different content, in the file's order. */
  conflicts: Conflict[];
  /** Whether the conflicts were settled with the file's version. */
  tookTheirs: boolean;
  /** Later entries of the file with an id it already used. */
  duplicates: number;
  /** Entries of the file the journal deleted, which stay deleted. */
  stayedDeleted: number;
  /** Whether `entries` differs from the journal's. */
  changed: boolean;
}

/** JSON with every object's keys sorted, so two values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Whether two entries hold the same content, in any key order. */
export function sameContent(a: Entry, b: Entry): boolean {
  // Most often the very same text (a file exported from this journal): no sorting needed.
  return JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
}

export function mergeEntries(
  ours: readonly Entry[],
  theirs: readonly Entry[],
  prefer?: Prefer,
  deleted: ReadonlySet<string> = new Set(),
): MergeResult {
  const entries = [...ours];
  const at = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const id = entries[i]!.id;
    if (!at.has(id)) at.set(id, i);
  }
  const seen = new Set<string>();
  const added: Entry[] = [];
  const conflicts: Conflict[] = [];
  let skipped = 0;
  let duplicates = 0;
  let stayedDeleted = 0;
  const tookTheirs = prefer === 'theirs';

  for (const entry of theirs) {
    if (seen.has(entry.id)) {
      duplicates++;
      continue;
    }
    seen.add(entry.id);
    if (deleted.has(entry.id)) {
      stayedDeleted++;
      continue;
    }
    const index = at.get(entry.id);
    if (index === undefined) {
      added.push(entry);
      continue;
    }
    const existing = entries[index]!;
    if (sameContent(existing, entry)) {
      skipped++;
      continue;
    }
    conflicts.push({ id: entry.id, ours: existing, theirs: entry });
    if (tookTheirs) entries[index] = entry;
  }
  // One by one: spreading a list of thousands into push's arguments overflows the stack.
  for (const entry of added) entries.push(entry);
  return {
    entries,
    added,
    skipped,
    conflicts,
    tookTheirs,
    duplicates,
    stayedDeleted,
    changed: added.length > 0 || (tookTheirs && conflicts.length > 0),
  };
}
