import type { Config } from '../journal/config.js';
import type { Entry } from '../journal/types.js';
import type { Catalogues, Item } from './catalogue.js';

/** Which entry field feeds which catalogue with a person's own words. */
const FIELDS: [keyof Catalogues, string][] = [
  ['who', 'who'],
  ['triggers', 'triggers'],
  ['body', 'body'],
  ['urges', 'urges'],
  ['protest', 'protest'],
  ['needs', 'needs'],
  ['feelings', 'felt'],
  ['activities', 'activities'],
];

/**
 * The catalogues as this person knows them: their own items from the
 * settings, then what they once typed as "something else", most used first,
 * after the built-in items. Own words keep their spelling as their id.
 */
export function personalise(catalogues: Catalogues, config: Config, entries: readonly Entry[]): Catalogues {
  const result = { ...catalogues };
  for (const [name, field] of FIELDS) {
    const known = new Set(catalogues[name].map((item) => item.id.toLowerCase()));
    const counts = new Map<string, { text: string; count: number }>();
    for (const entry of entries) {
      for (const value of [entry[field]].flat()) {
        if (typeof value !== 'string' || known.has(value.toLowerCase())) continue;
        const seen = counts.get(value.toLowerCase()) ?? { text: value, count: 0 };
        seen.count++;
        counts.set(value.toLowerCase(), seen);
      }
    }
    const own = (config.own?.[name as keyof NonNullable<Config['own']>] ?? []).filter((text) => !known.has(text.toLowerCase()));
    const used = [...counts.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)).map((u) => u.text);
    const extra: Item[] = [];
    for (const text of [...own, ...used]) {
      if (!extra.some((item) => item.id.toLowerCase() === text.toLowerCase())) extra.push({ id: text, label: text });
    }
    (result[name] as Item[]) = [...catalogues[name], ...extra];
  }
  return result;
}
