import { UsageError } from '../errors.js';
import type { Filters } from '../journal/filter.js';
import { ENTRY_TYPES } from '../journal/types.js';
import { clean } from '../render/clean.js';
import { parseDayPhrase } from './when.js';

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

/** Checks and reads the filter flags; a bad one is exit 2 naming it. */
export async function parseFilters(flags: FilterFlags, now: Date): Promise<Filters> {
  const filters: Filters = {};
  if (flags.type !== undefined) {
    if (!(ENTRY_TYPES as readonly string[]).includes(flags.type))
      throw new UsageError(`--type takes one of ${ENTRY_TYPES.join(', ')} (you gave "${clean(flags.type)}").`);
    filters.type = flags.type;
  }
  if (flags.from !== undefined) filters.fromDay = await parseDayPhrase(flags.from, now, '--from');
  if (flags.to !== undefined) filters.toDay = await parseDayPhrase(flags.to, now, '--to');
  if (filters.fromDay !== undefined && filters.toDay !== undefined && filters.fromDay > filters.toDay) {
    throw new UsageError(`--from (${clean(flags.from ?? '')}) is after --to (${clean(flags.to ?? '')}); swap them.`);
  }
  for (const key of ['who', 'tag', 'search'] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    if (!value.trim()) throw new UsageError(`--${key} is empty: give it some words, or leave it out.`);
    filters[key] = value.trim().toLowerCase();
  }
  if (flags.limit !== undefined) {
    if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1)
      throw new UsageError(`--limit takes a whole number of entries, 1 or more (you gave "${clean(flags.limit)}").`);
    filters.limit = Number(flags.limit);
  }
  return filters;
}
