import { UsageError } from '../errors.js';
import { ENTRY_TYPES, fieldsOf } from '../journal/fields.js';
import { clean } from '../render/clean.js';

/** A 0-10 intensity, whole numbers only: "7.5" or "seven" is a typo to point out, not to round. */
export function parseScore(raw: string, flag: string): number {
  const value = raw.trim();
  if (!/^\d{1,2}$/.test(value) || Number(value) > 10) {
    throw new UsageError(`${flag} takes a whole number from 0 to 10 (you gave "${clean(raw)}"), for example ${flag} 6.`);
  }
  return Number(value);
}

/**
 * List flags repeat and take commas: `-b tight-chest -b racing-heart` and
 * `-b tight-chest,racing-heart` mean the same. Duplicates are dropped,
 * compared case-insensitively as DESIGN.md asks.
 */
export function parseList(values: readonly string[] | undefined, flag: string): string[] | undefined {
  if (values === undefined) return undefined;
  const items = dedupe(values.flatMap((value) => value.split(',')));
  if (items.length === 0) throw new UsageError(`${flag} needs at least one value, for example ${flag} ${example(flag)}.`);
  return items;
}

export function dedupe(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    const key = item.toLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** A text flag given with nothing in it is almost always a slip; say so rather than store a blank. */
export function parseText(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!text) throw new UsageError(`${flag} is empty: give it some words, or leave it out.`);
  return text;
}

/** A value to show in a message about `flag`: the first example its help gives in the table of fields ("e.g. felt-close"). */
function example(flag: string): string {
  for (const type of ENTRY_TYPES) {
    for (const field of fieldsOf(type)) {
      if (field.flag && `--${field.flag.long}` === flag) {
        const given = /e\.g\. ([\w-]+)/.exec(field.flag.help)?.[1];
        if (given) return given;
      }
    }
  }
  const plain: Record<string, string> = { '--tag': 'work', '--protest': 'excessive-contact' };
  return plain[flag] ?? 'something';
}

/** `--minutes`: decimals allowed (0.1 is six seconds), from 0.05 to 180. */
export function parseMinutes(raw: string): number {
  const value = raw.trim();
  const minutes = Number(value);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || minutes < 0.05 || minutes > 180) {
    throw new UsageError(`--minutes takes a number of minutes from 0.05 to 180 (you gave "${clean(raw)}"), for example --minutes 20.`);
  }
  return minutes;
}

/** One of a fixed set of words, named in the message when it is something else. */
export function parseChoice<T extends string>(raw: string, flag: string, allowed: readonly T[]): T {
  const value = raw.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} takes ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')} (you gave "${clean(raw)}").`);
  }
  return value as T;
}
