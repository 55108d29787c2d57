import { randomUUID } from 'node:crypto';
import { UsageError } from '../errors.js';
import { toOffsetIso } from '../time/calendar.js';
import type { FieldValues } from './field-types.js';
import { type EntryType, fieldsOf, TYPE_WORDS } from './fields.js';
import type { Entry, EntryOf, Journal, PauseEntry, ReflectionEntry, TriggerEntry } from './types.js';

/** An entry's values before attach fills in the rest: what the person said, and what the command measured. */
export type Draft<T extends EntryType> = Partial<FieldValues<T>>;
export type TriggerDraft = Draft<'trigger'> & Pick<FieldValues<'trigger'>, 'what' | 'intensity'>;
export type PauseDraft = Draft<'pause'> & Pick<FieldValues<'pause'>, 'plannedSeconds' | 'elapsedSeconds' | 'completed' | 'before'>;
export type ReflectionDraft = Draft<'reflection'>;

const FIRST = ['at', 'recordedAt'];
const LAST = ['tags', 'note'];

/**
 * A new entry of `type` from a draft: every field of the table present, in
 * its order (id, type, when, then the type's own fields, tags and note last),
 * lists empty and the rest null where the draft says nothing; `at` is now
 * unless the draft says when. A required field missing is a bug.
 */
export function newEntry<T extends EntryType>(type: T, draft: Draft<T>, now: Date): EntryOf<T> {
  const recordedAt = toOffsetIso(now);
  const given = draft as Record<string, unknown>;
  const entry: Record<string, unknown> = { id: randomUUID(), type, at: given.at ?? recordedAt, recordedAt };
  const fields = fieldsOf(type);
  const ordered = [
    ...fields.filter((field) => !FIRST.includes(field.name) && !LAST.includes(field.name)),
    ...fields.filter((field) => LAST.includes(field.name)),
  ];
  for (const field of ordered) {
    const value = given[field.name];
    if (value !== undefined) entry[field.name] = value;
    else if (field.required) throw new Error(`a new ${type} needs "${field.name}"`);
    else entry[field.name] = field.kind === 'list' || field.kind === 'notes' ? [] : null;
  }
  return entry as EntryOf<T>;
}

export const newTrigger = (draft: TriggerDraft, now: Date): TriggerEntry => newEntry('trigger', draft, now);

/** A pause entry; `at` is when the pause began. */
export const newPause = (draft: PauseDraft, startedAt: Date, now: Date): PauseEntry =>
  newEntry('pause', { ...draft, at: draft.at ?? toOffsetIso(startedAt) }, now);

export const newReflection = (draft: ReflectionDraft, now: Date): ReflectionEntry => newEntry('reflection', draft, now);

/** The newest trigger that happened within `windowMs` before `now`, offered as what a pause or reflection is about. */
export function latestTrigger(
  journal: Journal,
  now: Date,
  windowMs: number,
  fits: (trigger: TriggerEntry) => boolean = () => true,
): TriggerEntry | null {
  let best: TriggerEntry | null = null;
  let bestAt = -Infinity;
  for (const entry of journal.entries) {
    if (entry.type !== 'trigger' || !fits(entry as TriggerEntry)) continue;
    const at = Date.parse(entry.at as string);
    if (at > now.getTime() || now.getTime() - at > windowMs || at <= bestAt) continue;
    best = entry as TriggerEntry;
    bestAt = at;
  }
  return best;
}

/**
 * `--for <id>`: an entry of one of `types` by id prefix, or `none` (null).
 * Undefined when not given. Any other entry, or none found, is exit 2
 * naming the flag.
 */
export function findLinkTarget(
  journal: Journal,
  raw: string | undefined,
  types: readonly string[],
  describe: (entry: Entry) => string,
): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim().toLowerCase() === 'none') return null;
  let entry: Entry;
  try {
    entry = findEntry(journal, raw, describe);
  } catch (error) {
    // Name the flag, so the person knows which value to fix ("--for: no entry has ...", the sentence going on after the colon).
    if (error instanceof UsageError) {
      const message = error.message.replace(/^[A-Z](?=[a-z])/, (first) => first.toLowerCase());
      throw new UsageError(`--for: ${message}`, error.details);
    }
    throw error;
  }
  if (!types.includes(entry.type)) {
    const wanted = types.map((type) => (type === 'trigger' ? 'a logged moment' : `a ${type}`)).join(' or ');
    const is = Object.hasOwn(TYPE_WORDS, entry.type) ? TYPE_WORDS[entry.type as EntryType].one : entry.type;
    throw new UsageError(`--for: ${shortId(entry.id)} is a ${is}, not ${wanted}; --for takes the id of one (see attach list).`);
  }
  return entry.id;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Newest first by when it happened, then by when it was written, then the later in the file. */
export function newestFirst(entries: readonly Entry[]): Entry[] {
  const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) || 0 : 0);
  return entries
    .map((entry, index) => ({ entry, index, at: time(entry.at), recorded: time(entry.recordedAt) }))
    .sort((a, b) => b.at - a.at || b.recorded - a.recorded || b.index - a.index)
    .map(({ entry }) => entry);
}

/**
 * Finds an entry by its id or a unique prefix of it (case-insensitive). No
 * match or several are exit 2; several list the candidates so the person can
 * pick more characters.
 */
export function findEntry(journal: Journal, prefix: string, describe: (entry: Entry) => string): Entry {
  const wanted = prefix.trim().toLowerCase();
  if (!wanted) throw new UsageError('Give the id of an entry (the first few characters are enough); attach list shows them.');
  const exact = journal.entries.find((entry) => entry.id.trim().toLowerCase() === wanted);
  if (exact) return exact;
  const matches = journal.entries.filter((entry) => entry.id.trim().toLowerCase().startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`No entry has an id starting with "${prefix}". attach list shows the ids.`);
  }
  throw new UsageError(
    `"${prefix}" matches ${matches.length} entries; add a few more characters of the one you mean:`,
    newestFirst(matches).map((entry) => `  ${describe(entry)}`),
  );
}
