import type { Config, OwnList } from '../journal/config.js';
import { CATALOGUES, ENTRY_TYPES, fieldsOf } from '../journal/fields.js';
import type { Entry } from '../journal/types.js';
import type { Catalogues, Item } from './catalogue.js';

/** For each catalogue a person adds their own words to, the fields (of any type) that hold them. */
function fieldsByCatalogue(): Map<OwnList, Set<string>> {
  const map = new Map<OwnList, Set<string>>();
  for (const type of ENTRY_TYPES) {
    for (const field of fieldsOf(type)) {
      if (!field.catalogue || !CATALOGUES[field.catalogue].own) continue;
      const name = field.catalogue as OwnList;
      const names = map.get(name) ?? new Set<string>();
      names.add(field.name);
      map.set(name, names);
    }
  }
  return map;
}

/**
 * The catalogues as this person knows them: their own items from the
 * settings, then what they once typed as "something else", most used first,
 * after the built-in items. Own words keep their spelling as their id.
 */
export function personalise(catalogues: Catalogues, config: Config, entries: readonly Entry[]): Catalogues {
  const result = { ...catalogues };
  for (const [name, fields] of fieldsByCatalogue()) {
    const known = new Set(catalogues[name].map((item) => item.id.toLowerCase()));
    const counts = new Map<string, { text: string; count: number }>();
    for (const entry of entries) {
      for (const field of fields) {
        // Only entries of a type whose field draws on this catalogue: a pause's `urge` and a moment's `urges` both do.
        if (!fieldsOf(entry.type).some((spec) => spec.name === field && spec.catalogue === name)) continue;
        for (const value of [entry[field]].flat()) {
          if (typeof value !== 'string' || known.has(value.toLowerCase())) continue;
          const seen = counts.get(value.toLowerCase()) ?? { text: value, count: 0 };
          seen.count++;
          counts.set(value.toLowerCase(), seen);
        }
      }
    }
    const own = (config.own?.[name] ?? []).filter((text) => !known.has(text.toLowerCase()));
    const used = [...counts.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)).map((u) => u.text);
    const extra: Item[] = [];
    for (const text of [...own, ...used]) {
      if (!extra.some((item) => item.id.toLowerCase() === text.toLowerCase())) extra.push({ id: text, label: text });
    }
    result[name] = [...catalogues[name], ...extra];
  }
  return result;
}
