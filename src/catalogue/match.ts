import { UsageError } from '../errors.js';
import { CATALOGUES, type CatalogueName, fieldsOf } from '../journal/fields.js';
import type { Entry } from '../journal/types.js';
import { clean } from '../render/clean.js';
import { command } from '../render/wrap.js';
import type { Catalogues, Item } from './catalogue.js';

/*
 * What a person types for a catalogue field (a flag value, or "something
 * else" in a flow) becomes the catalogue's item when it names one, by id or
 * by its words, in any case: `-u "Text again"` is `double-text`, so the
 * report counts it once. A near miss of an id or words (a small edit
 * distance) is most likely a typo and is refused with a suggestion, so
 * `-t delayed-replly` is never saved and offered forever after. Anything else
 * is the person's own words, kept as typed.
 */

export type Matched = { kind: 'item'; id: string } | { kind: 'near'; item: Item } | { kind: 'own'; text: string };

const normal = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How far a typo may be from what was meant: none for short words (too many real words are one letter apart), then 1, then 2. */
function allowed(length: number): number {
  return length < 4 ? 0 : length < 9 ? 1 : 2;
}

export function matchItem(raw: string, items: readonly Item[]): Matched {
  const text = normal(raw);
  const exact = items.find((item) => normal(item.id) === text || normal(item.label) === text);
  if (exact) return { kind: 'item', id: exact.id };
  let near: { item: Item; distance: number } | undefined;
  // Only attach's own items can be mistyped: a person's own words (their id is their words) may differ by a letter on purpose.
  for (const item of items.filter((candidate) => candidate.id !== candidate.label)) {
    for (const name of [item.id, item.label]) {
      const distance = editDistance(text, normal(name));
      if (distance <= allowed(Math.min(text.length, name.length)) && (!near || distance < near.distance)) near = { item, distance };
    }
  }
  return near ? { kind: 'near', item: near.item } : { kind: 'own', text: raw.trim() };
}

/** The items a field's words are matched against: the catalogue as this person knows it (own items included). */
function itemsOf(catalogues: Catalogues, name: CatalogueName | undefined): readonly Item[] {
  return name && name !== 'breathing' ? catalogues[name] : [];
}

export interface Resolved {
  values: Record<string, unknown>;
  /** Words kept as the person's own, with the flag they came by, to say so once. */
  own: { field: string; flag: string; text: string }[];
}

/**
 * Resolves the catalogue fields among flag values of an entry type: ids and
 * words become ids, near misses are exit 2 naming the flag and the likely
 * item, and the rest is own words. Other fields pass through.
 */
export function resolveFlagWords(type: string, values: Record<string, unknown>, catalogues: Catalogues): Resolved {
  const out: Record<string, unknown> = { ...values };
  const own: Resolved['own'] = [];
  for (const field of fieldsOf(type)) {
    const value = values[field.name];
    if (!field.catalogue || value === undefined || value === null) continue;
    const flag = `--${field.flag?.long ?? field.name}`;
    const resolve = (raw: string): string => {
      const matched = matchItem(raw, itemsOf(catalogues, field.catalogue));
      if (matched.kind === 'item') return matched.id;
      if (matched.kind === 'near') {
        const { id, label } = matched.item;
        const list = CATALOGUES[field.catalogue!].one;
        const typed = clean(raw.trim());
        const hint = `To keep "${typed}" as your own words, add it first: ${command(`attach config add ${list} "${typed}"`)}`;
        throw new UsageError(`${flag}: "${typed}" is not in the list; did you mean ${id} ("${label}")?`, [hint]);
      }
      own.push({ field: field.name, flag, text: matched.text });
      return matched.text;
    };
    if (Array.isArray(value)) {
      const ids = value.map((item) => resolve(String(item)));
      out[field.name] = ids.filter((id, i) => ids.findIndex((other) => other.toLowerCase() === id.toLowerCase()) === i);
    } else {
      out[field.name] = resolve(String(value));
    }
  }
  return { values: out, own };
}

/** Words typed as "something else" in a flow: an item when they name one exactly, else kept as typed. */
export function ownOrItem(raw: string, items: readonly Item[]): string {
  const matched = matchItem(raw, items);
  return matched.kind === 'item' ? matched.id : raw.trim();
}

/** The own words not used in any earlier entry: the ones to mention, once. */
export function firstTimeWords(own: Resolved['own'], entries: readonly Entry[]): Resolved['own'] {
  return own.filter(({ field, text }) => {
    const key = text.toLowerCase();
    return !entries.some((entry) => [entry[field]].flat().some((value) => typeof value === 'string' && value.toLowerCase() === key));
  });
}

/** "Kept "mom calls twice" (--trigger) as your own words; attach will offer them next time." */
export function ownWordsLine(own: Resolved['own']): string | null {
  if (own.length === 0) return null;
  const words = own.map(({ flag, text }) => `"${clean(text)}" (${flag})`).join(', ');
  return `Kept ${words} as your own words; attach will offer ${own.length === 1 ? 'it' : 'them'} next time.`;
}
