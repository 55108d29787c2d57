import type { Item } from '../catalogue/catalogue.js';
import type { Config } from '../journal/config.js';
import { clean } from './clean.js';
import { maxOf } from './max.js';

/** One setting's line of `attach config`: its name, its value (or that it is not set), what it does. */
export function settingLines(config: Config, settings: Record<string, { describe: string }>, notSet: (text: string) => string): string[] {
  const width = maxOf(
    Object.keys(settings).map((key) => key.length),
    0,
  );
  return Object.entries(settings).map(([key, setting]) => {
    const value = config[key];
    return `${key.padEnd(width)}  ${value === undefined ? notSet('(not set)') : clean(String(value))}  ${setting.describe}`;
  });
}

/** `attach config list trigger`: each item's id and words, the person's own marked as theirs. */
export function itemLines(items: readonly Item[], own: ReadonlySet<string>): string[] {
  const width = maxOf(
    items.map((item) => [...clean(item.id)].length),
    0,
  );
  return items.map((item) => {
    const mine = own.has(item.id.toLowerCase());
    return mine
      ? `${clean(item.id)}${' '.repeat(width - [...clean(item.id)].length)}  (your own words)`
      : `${item.id.padEnd(width)}  ${clean(item.label)}`;
  });
}
