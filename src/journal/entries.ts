import { randomUUID } from 'node:crypto';
import { UsageError } from '../errors.js';
import { toOffsetIso } from '../time/offset.js';
import type { Entry, Journal, PauseEntry, ReflectionEntry, TriggerEntry } from './types.js';

/** What a person says about a moment; everything else of the entry is filled in here. */
export interface TriggerDraft {
  what: string;
  intensity: number;
  who?: string | null;
  triggers?: string[];
  body?: string[];
  thought?: string | null;
  urges?: string[];
  protest?: string[];
  instead?: string | null;
  tags?: string[];
  note?: string | null;
  /** ISO 8601 with offset; now when absent. */
  at?: string;
}

export function newTrigger(draft: TriggerDraft, now: Date): TriggerEntry {
  const recordedAt = toOffsetIso(now);
  return {
    id: randomUUID(),
    type: 'trigger',
    at: draft.at ?? recordedAt,
    recordedAt,
    what: draft.what,
    who: draft.who ?? null,
    triggers: draft.triggers ?? [],
    intensity: draft.intensity,
    body: draft.body ?? [],
    thought: draft.thought ?? null,
    urges: draft.urges ?? [],
    protest: draft.protest ?? [],
    instead: draft.instead ?? null,
    tags: draft.tags ?? [],
    note: draft.note ?? null,
  };
}

export type PauseDraft = Pick<
  PauseEntry,
  'for' | 'urge' | 'plannedSeconds' | 'elapsedSeconds' | 'completed' | 'before' | 'after' | 'passed' | 'activities' | 'notes' | 'next'
>;

/** A pause entry; `at` is when the pause began. */
export function newPause(draft: PauseDraft, startedAt: Date, now: Date): PauseEntry {
  return { id: randomUUID(), type: 'pause', at: toOffsetIso(startedAt), recordedAt: toOffsetIso(now), ...draft, tags: [], note: null };
}

export type ReflectionDraft = Pick<ReflectionEntry, 'for' | 'protest' | 'situation' | 'needs' | 'hoped' | 'happened' | 'felt' | 'ask'>;

export function newReflection(draft: ReflectionDraft, now: Date): ReflectionEntry {
  const at = toOffsetIso(now);
  return { id: randomUUID(), type: 'reflection', at, recordedAt: at, ...draft, tags: [], note: null };
}

/** The newest trigger that happened within `windowMs` before `now`, offered as what a pause or reflection is about. */
export function latestTrigger(journal: Journal, now: Date, windowMs: number): TriggerEntry | null {
  let best: TriggerEntry | null = null;
  let bestAt = -Infinity;
  for (const entry of journal.entries) {
    if (entry.type !== 'trigger') continue;
    const at = Date.parse(entry.at as string);
    if (at > now.getTime() || now.getTime() - at > windowMs || at <= bestAt) continue;
    best = entry as TriggerEntry;
    bestAt = at;
  }
  return best;
}

/** `--for <id>` of pause and reflect: a trigger by id prefix, or `none`. */
export function findTriggerFor(journal: Journal, raw: string | undefined, describe: (entry: Entry) => string): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim().toLowerCase() === 'none') return null;
  let entry: Entry;
  try {
    entry = findEntry(journal, raw, describe);
  } catch (error) {
    // Name the flag, so the person knows which value to fix.
    if (error instanceof UsageError) throw new UsageError(`--for: ${error.message}`, error.details);
    throw error;
  }
  if (entry.type !== 'trigger')
    throw new UsageError(
      `--for: ${shortId(entry.id)} is a ${entry.type}, not a logged moment; --for takes the id of one (see attach list --type trigger).`,
    );
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
  if (!wanted) throw new UsageError('Give the id of an entry (the first few characters are enough); `attach list` shows them.');
  const exact = journal.entries.find((entry) => entry.id.trim().toLowerCase() === wanted);
  if (exact) return exact;
  const matches = journal.entries.filter((entry) => entry.id.trim().toLowerCase().startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`No entry has an id starting with "${prefix}". \`attach list\` shows the ids.`);
  }
  throw new UsageError(
    `"${prefix}" matches ${matches.length} entries; add a few more characters of the one you mean:`,
    newestFirst(matches).map((entry) => `  ${describe(entry)}`),
  );
}
