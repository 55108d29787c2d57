import type { FieldValues } from './field-types.js';
import { ENTRY_TYPES, type EntryType } from './fields.js';

/** Entry types of the journal format, version 1 (DESIGN.md section 2), their fields from fields.ts. */

export const JOURNAL_VERSION = 1;

export { ENTRY_TYPES, type EntryType };

interface EntryBase {
  id: string;
  editedAt?: string;
  /** Fields written by other versions or tools are kept as they are. */
  [unknown: string]: unknown;
}

export type EntryOf<T extends EntryType> = EntryBase & { type: T } & FieldValues<T>;

export type TriggerEntry = EntryOf<'trigger'>;
export type PauseEntry = EntryOf<'pause'>;
export type ReflectionEntry = EntryOf<'reflection'>;

export type KnownEntry = { [T in EntryType]: EntryOf<T> }[EntryType];

/** An entry of a type this version does not know; kept untouched on every rewrite. */
export interface OtherEntry {
  id: string;
  type: string;
  [unknown: string]: unknown;
}

export type Entry = KnownEntry | OtherEntry;

/**
 * A deleted entry's id, kept so that no merge or import brings it back
 * (src/journal/tombstones.ts). `restoredAt`: brought back by `attach undo`
 * after it was deleted (a later delete wins again); `purged`: its words were
 * removed for good, and nothing brings it back.
 */
export interface Tombstone {
  id: string;
  deletedAt: string;
  restoredAt?: string;
  purged?: boolean;
  [unknown: string]: unknown;
}

/** A deleted entry, or a version replaced by a newer edit from another copy, kept 7 days from `trashedAt`. */
export interface TrashItem {
  trashedAt: string;
  entry: Entry;
  [unknown: string]: unknown;
}

export interface Journal {
  version: number;
  entries: Entry[];
  /** Absent until the first delete; a build that does not know it keeps it as it keeps every unknown key. */
  deleted?: Tombstone[];
  trash?: TrashItem[];
  [unknown: string]: unknown;
}

export function emptyJournal(): Journal {
  return { version: JOURNAL_VERSION, entries: [] };
}

export function isKnown(entry: Entry): entry is KnownEntry {
  return (ENTRY_TYPES as readonly string[]).includes(entry.type);
}

export function isType<T extends EntryType>(entry: Entry, type: T): entry is EntryOf<T> {
  return entry.type === type;
}
