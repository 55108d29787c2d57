import { idsNamed } from '../catalogue/catalogue.js';
import { editDistance } from '../catalogue/match.js';
import { UsageError } from '../errors.js';
import { ENTRY_TYPES, type EntryType, TYPE_WORDS } from '../journal/fields.js';
import type { Filters } from '../journal/filter.js';
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

const key = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/** Every way of naming a type: `trigger`, `triggers`, `moment`, `Moments`, `follow-ups`, `followup`. */
const TYPE_NAMES = new Map<string, EntryType>(
  ENTRY_TYPES.flatMap((type) =>
    [type, `${type}s`, TYPE_WORDS[type].one, TYPE_WORDS[type].many].flatMap((name) => [
      [key(name), type] as const,
      [key(name).replace(/-/g, ''), type] as const,
    ]),
  ),
);

/** `--type`: a type by its name or its words, in any case, one or many. */
export function parseType(raw: string): EntryType {
  const found = TYPE_NAMES.get(key(raw)) ?? TYPE_NAMES.get(key(raw).replace(/-/g, ''));
  if (found) return found;
  const names = ENTRY_TYPES.map((type) => (TYPE_WORDS[type].one === type ? type : `${TYPE_WORDS[type].one} (${type})`));
  const near = [...TYPE_NAMES.keys()].find((name) => editDistance(key(raw), name) <= 2);
  const hint = near ? ` Did you mean --type ${TYPE_NAMES.get(near)}?` : '';
  throw new UsageError(`--type takes ${names.slice(0, -1).join(', ')} or ${names.at(-1)} (you gave "${clean(raw)}").${hint}`);
}

/** Checks and reads the filter flags; a bad one is exit 2 naming it. */
export async function parseFilters(flags: FilterFlags, now: Date): Promise<Filters> {
  const filters: Filters = {};
  if (flags.type !== undefined) filters.type = parseType(flags.type);
  if (flags.from !== undefined) filters.fromDay = await parseDayPhrase(flags.from, now, '--from');
  if (flags.to !== undefined) filters.toDay = await parseDayPhrase(flags.to, now, '--to');
  if (filters.fromDay !== undefined && filters.toDay !== undefined && filters.fromDay > filters.toDay) {
    throw new UsageError(`--from (${clean(flags.from!)}) is after --to (${clean(flags.to!)}); swap them.`);
  }
  for (const key of ['who', 'tag', 'search'] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    if (!value.trim()) throw new UsageError(`--${key} is empty: give it some words, or leave it out.`);
    filters[key] = value.trim().toLowerCase();
  }
  // What list shows is words ("Tight chest"), what an entry stores is ids (tight-chest): search finds both.
  if (filters.search !== undefined) {
    const ids = idsNamed(filters.search);
    if (ids.size > 0) filters.searchIds = ids;
  }
  if (flags.limit !== undefined) {
    if (!/^\d+$/.test(flags.limit) || Number(flags.limit) < 1)
      throw new UsageError(`--limit takes a whole number of entries, 1 or more (you gave "${clean(flags.limit)}").`);
    filters.limit = Number(flags.limit);
  }
  return filters;
}
