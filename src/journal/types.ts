/** Entry types of the journal format, version 1 (DESIGN.md section 2). */

export const JOURNAL_VERSION = 1;

interface EntryBase {
  id: string;
  /** When it happened: ISO 8601 local time with its UTC offset. */
  at: string;
  recordedAt: string;
  editedAt?: string;
  tags: string[];
  note: string | null;
  /** Fields written by other versions or tools are kept as they are. */
  [unknown: string]: unknown;
}

export interface TriggerEntry extends EntryBase {
  type: 'trigger';
  what: string;
  who: string | null;
  triggers: string[];
  intensity: number;
  body: string[];
  thought: string | null;
  urges: string[];
  protest: string[];
  instead: string | null;
}

export interface PauseEntry extends EntryBase {
  type: 'pause';
  for: string | null;
  urge: string | null;
  plannedSeconds: number;
  elapsedSeconds: number;
  completed: boolean;
  before: number;
  after: number | null;
  passed: boolean | null;
  activities: string[];
  notes: unknown[];
  next: string | null;
}

export interface ReflectionEntry extends EntryBase {
  type: 'reflection';
  for: string | null;
  protest: string[];
  situation: string | null;
  needs: string[];
  hoped: string | null;
  happened: string | null;
  felt: string | null;
  ask: string | null;
}

export type KnownEntry = TriggerEntry | PauseEntry | ReflectionEntry;
export type EntryType = KnownEntry['type'];
export const ENTRY_TYPES: readonly EntryType[] = ['trigger', 'pause', 'reflection'];

/** An entry of a type this version does not know; kept untouched on every rewrite. */
export interface OtherEntry {
  id: string;
  type: string;
  [unknown: string]: unknown;
}

export type Entry = KnownEntry | OtherEntry;

export interface Journal {
  version: number;
  entries: Entry[];
  [unknown: string]: unknown;
}

export function emptyJournal(): Journal {
  return { version: JOURNAL_VERSION, entries: [] };
}

export function isKnown(entry: Entry): entry is KnownEntry {
  return (ENTRY_TYPES as readonly string[]).includes(entry.type);
}
