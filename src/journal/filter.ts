import { dayOf } from '../analysis/days.js';
import { UsageError } from '../errors.js';
import { parseDayPhrase } from '../parse/when.js';
import { newestFirst } from './entries.js';
import { ENTRY_TYPES, type Entry } from './types.js';

/** The filters `list` and `export` share (issue: own your data). */
export interface FilterFlags {
  type?: string;
  from?: string;
  to?: string;
  who?: string;
  tag?: string;
  search?: string;
  limit?: string;
}

export interface Filters {
  type?: string;
  fromDay?: number;
  toDay?: number;
  who?: string;
  tag?: string;
  search?: string;
  limit?: number;
}

/** Checks and reads the filter flags; a bad one is exit 2 naming it. */
export async function parseFilters(flags: FilterFlags, now: Date): Promise<Filters> {
  const filters: Filters = {};
  if (flags.type !== undefined) {
    if (!(ENTRY_TYPES as readonly string[]).includes(flags.type))
      throw new UsageError(`--type takes one of ${ENTRY_TYPES.join(', ')} (you gave "${flags.type}").`);
    filters.type = flags.type;
  }
  if (flags.from !== undefined) filters.fromDay = await parseDayPhrase(flags.from, now, '--from');
  if (flags.to !== undefined) filters.toDay = await parseDayPhrase(flags.to, now, '--to');
  if (filters.fromDay !== undefined && filters.toDay !== undefined && filters.fromDay > filters.toDay) {
    throw new UsageError(`--from (${flags.from}) is after --to (${flags.to}); swap them.`);
  }
  for (const key of ['who', 'tag', 'search'] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    if (!value.trim()) throw new UsageError(`--${key} is empty: give it some words, or leave it out.`);
    filters[key] = value.trim().toLowerCase();
  }
  if (flags.limit !== undefined) {
    if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1)
      throw new UsageError(`--limit takes a whole number of entries, 1 or more (you gave "${flags.limit}").`);
    filters.limit = Number(flags.limit);
  }
  return filters;
}

/** Every piece of text in an entry, however deep, for --search. */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) texts(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) texts(item, out);
  return out;
}

const SKIP_IN_SEARCH = new Set(['id', 'type', 'at', 'recordedAt', 'editedAt', 'for']);

export function matches(entry: Entry, f: Filters): boolean {
  if (f.type && entry.type !== f.type) return false;
  if ((f.fromDay !== undefined || f.toDay !== undefined) && typeof entry.at === 'string') {
    const day = dayOf(entry.at);
    if ((f.fromDay !== undefined && day < f.fromDay) || (f.toDay !== undefined && day > f.toDay)) return false;
  }
  if (f.who && !(typeof entry.who === 'string' && entry.who.toLowerCase() === f.who)) return false;
  if (f.tag && !(Array.isArray(entry.tags) && entry.tags.some((tag) => typeof tag === 'string' && tag.toLowerCase() === f.tag)))
    return false;
  if (f.search) {
    const fields = Object.entries(entry).filter(([key]) => !SKIP_IN_SEARCH.has(key));
    if (!fields.some(([, value]) => texts(value).some((text) => text.toLowerCase().includes(f.search!)))) return false;
  }
  return true;
}

/** Filtered, newest first, then cut to the limit. */
export function applyFilters(entries: readonly Entry[], f: Filters): Entry[] {
  // Filter first: sorting 100k entries to keep a handful costs more than the search.
  const found = newestFirst(entries.filter((entry) => matches(entry, f)));
  return f.limit === undefined ? found : found.slice(0, f.limit);
}
