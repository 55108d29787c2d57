import path from 'node:path';

/*
 * The files attach keeps beside a journal are named after it, so two
 * journals in one folder (a.json, b.json) never take each other's backups,
 * kept copies or waiting entries: `journal.json` -> `journal`, `a.json` ->
 * `a`, a name without `.json` as it is.
 */

export function stemOf(target: string): string {
  const base = path.basename(target);
  return base.endsWith('.json') ? base.slice(0, -'.json'.length) : base;
}

/** The stem as it appears inside a regular expression. */
export function stemPattern(target: string): string {
  return stemOf(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
