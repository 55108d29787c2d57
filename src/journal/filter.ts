import { dayOf } from '../time/calendar.js';
import { newestFirst } from './entries.js';
import type { Entry } from './types.js';

/** The filters `list` and `export` share, as parse/filters.ts reads them from their flags. */
export interface Filters {
  type?: string;
  fromDay?: number;
  toDay?: number;
  who?: string;
  tag?: string;
  search?: string;
  /** The catalogue items whose words hold the search, by the ids entries store: the words shown are found too. */
  searchIds?: ReadonlySet<string>;
  limit?: number;
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
    const found = (text: string) => text.toLowerCase().includes(f.search!) || f.searchIds?.has(text) === true;
    if (!fields.some(([, value]) => texts(value).some(found))) return false;
  }
  return true;
}

/** Filtered, newest first, then cut to the limit. */
export function applyFilters(entries: readonly Entry[], f: Filters): Entry[] {
  // Filter first: sorting 100k entries to keep a handful costs more than the search.
  const found = newestFirst(entries.filter((entry) => matches(entry, f)));
  return f.limit === undefined ? found : found.slice(0, f.limit);
}
