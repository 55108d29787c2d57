import type { Item } from '../catalogue/catalogue.js';
import type { Config } from '../journal/config.js';
import { clean } from './clean.js';
import { maxOf } from './max.js';
import { displayWidth, padEnd } from './width.js';
import { wrap } from './wrap.js';

/** Below this many columns for what a setting does, it goes under the setting instead of beside it. */
const BESIDE = 30;

/**
 * `attach config`: each setting's name, its value (or that it is not set)
 * and what it does, for a screen `width` columns wide: what it does beside
 * them where there is room, under them where there is not.
 */
export function settingLines(
  config: Config,
  settings: Record<string, { describe: string }>,
  notSet: (text: string) => string,
  width = 80,
): string[] {
  const rows = Object.entries(settings).map(([key, setting]) => {
    const value = config[key];
    return { key, value: value === undefined ? notSet('(not set)') : clean(String(value)), describe: setting.describe };
  });
  const keyWidth = maxOf(
    rows.map((row) => row.key.length),
    0,
  );
  const valueWidth = maxOf(
    rows.map((row) => displayWidth(row.value)),
    0,
  );
  const start = keyWidth + 2 + valueWidth + 2;
  return rows.flatMap(({ key, value, describe }) => {
    const head = `${key.padEnd(keyWidth)}  ${padEnd(value, valueWidth)}`;
    if (width - start >= BESIDE) return wrap(`${head}  ${describe}`, width, ' '.repeat(start));
    return [...wrap(`${key}  ${value}`, width, '  '), ...wrap(`  ${describe}`, width)];
  });
}

/** `attach config list trigger`: each item's id and words, the person's own marked as theirs; long words go on under themselves. */
export function itemLines(items: readonly Item[], own: ReadonlySet<string>, width = 80): string[] {
  const ids = items.map((item) => clean(item.id));
  const idWidth = maxOf(
    ids.map((id) => displayWidth(id)),
    0,
  );
  return items.flatMap((item, i) => {
    const words = own.has(item.id.toLowerCase()) ? '(your own words)' : clean(item.label);
    const room = width - idWidth - 2;
    if (room >= 20) return wrap(`${padEnd(ids[i]!, idWidth)}  ${words}`, width, ' '.repeat(idWidth + 2));
    return [...wrap(ids[i]!, width), ...wrap(`  ${words}`, width)];
  });
}
