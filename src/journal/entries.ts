import { randomUUID } from 'node:crypto';
import { toOffsetIso } from './time.js';
import type { Entry, Journal, PauseEntry, TriggerEntry } from './types.js';
import { UsageError } from '../errors.js';

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

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Newest first by when it happened, then by when it was written. */
export function newestFirst(entries: readonly Entry[]): Entry[] {
  const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) || 0 : 0);
  return [...entries].sort((a, b) => time(b.at) - time(a.at) || time(b.recordedAt) - time(a.recordedAt));
}

/**
 * Finds an entry by its id or a unique prefix of it (case-insensitive). No
 * match or several are exit 2; several list the candidates so the person can
 * pick more characters.
 */
export function findEntry(journal: Journal, prefix: string, describe: (entry: Entry) => string): Entry {
  const wanted = prefix.trim().toLowerCase();
  if (!wanted) throw new UsageError('Give the id of an entry (the first few characters are enough); `attach list` shows them.');
  const exact = journal.entries.find((entry) => entry.id.toLowerCase() === wanted);
  if (exact) return exact;
  const matches = journal.entries.filter((entry) => entry.id.toLowerCase().startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UsageError(`No entry has an id starting with "${prefix}". \`attach list\` shows the ids.`);
  }
  throw new UsageError(
    `"${prefix}" matches ${matches.length} entries; add a few more characters of the one you mean:`,
    newestFirst(matches).map((entry) => `  ${describe(entry)}`),
  );
}
