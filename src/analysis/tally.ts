/*
 * Counting names the way the report does: a person's own words grouped
 * case-insensitively under the first spelling seen, each spelling counted
 * once per entry (as a Set of the entry's list has them), most frequent
 * first, then by name. Built for 100k entries: in the usual case a name costs
 * one Map lookup by its exact spelling (no lower-casing, no Set per entry).
 */

export interface Named {
  name: string;
  count: number;
}

/** The list with each spelling once, in order; most lists have no repeat and come back as they are. */
export function distinct(list: readonly string[]): readonly string[] {
  if (list.length < 2) return list;
  if (list.length > 16) return [...new Set(list)];
  for (let i = 1; i < list.length; i++) if (list.indexOf(list[i]!) < i) return [...new Set(list)];
  return list;
}

/** Most frequent first, then by name; the sort is stable, so equal names keep the order they were first seen in. */
export function ranked<G extends Named>(groups: Iterable<G>): G[] {
  return [...groups].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Names counted into groups, one group per lower-cased name, made by `make` from its first spelling. */
export class Tally<G extends Named> {
  private readonly byKey = new Map<string, G>();
  private readonly bySpelling = new Map<string, G>();

  constructor(private readonly make: (name: string) => G) {}

  /** Counts `name` once more; returns its group. */
  add(name: string): G {
    let group = this.bySpelling.get(name);
    if (group === undefined) {
      const key = name.toLowerCase();
      group = this.byKey.get(key);
      if (group === undefined) {
        group = this.make(name);
        this.byKey.set(key, group);
      }
      this.bySpelling.set(name, group);
    }
    group.count++;
    return group;
  }

  /** The groups in the order they were first seen. */
  groups(): IterableIterator<G> {
    return this.byKey.values();
  }
}

/**
 * Counts the names of each list once per list, two spellings of one name
 * (any case) counted once; by lower-cased name, in the order first seen.
 */
export function countByName(lists: Iterable<readonly string[]>): Map<string, Named> {
  const counts = new Map<string, Named>();
  for (const list of lists) {
    const seen = new Set<string>();
    for (const name of list) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const named = counts.get(key);
      if (named) named.count++;
      else counts.set(key, { name, count: 1 });
    }
  }
  return counts;
}

/** Counts the names of each list, once per spelling per list; most frequent first. */
export function tally(lists: readonly (readonly string[])[]): Named[] {
  const counted = new Tally<Named>((name) => ({ name, count: 0 }));
  for (const list of lists) for (const name of distinct(list)) counted.add(name);
  return ranked(counted.groups());
}
