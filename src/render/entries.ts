import type { FieldLabeller } from '../catalogue/catalogue.js';
import { shortId } from '../journal/entries.js';
import { type FieldSpec, fieldsOf } from '../journal/fields.js';
import { type Entry, isKnown, type TriggerEntry } from '../journal/types.js';
import { clean } from './clean.js';
import { duration, formatWhen } from './time.js';

const text = (value: unknown): string => (typeof value === 'string' ? clean(value) : '');
const list = (value: unknown): string => (Array.isArray(value) ? value.map(text).join(', ') : '');

/** The words that say what an entry was about, for one line of `attach list`. */
function gist(entry: Entry): string {
  if (!isKnown(entry)) return '';
  switch (entry.type) {
    case 'trigger':
      return `${String(entry.intensity).padStart(2)}  ${text(entry.what)}`;
    case 'pause': {
      const change = entry.after === null ? `${entry.before}` : `${entry.before}→${entry.after}`;
      return `${change.padStart(2)}  ${text(entry.urge) || 'a pause'}${entry.passed ? ', the urge passed' : ''}`;
    }
    case 'reflection':
      return `    ${text(entry.ask) || list(entry.protest)}`;
    case 'follow-up': {
      const strength = entry.intensity === null ? '  ' : String(entry.intensity).padStart(2);
      return `${strength}  ${text(entry.happened) || list([entry.fear, entry.asked, entry.landed].filter(Boolean))}`;
    }
    case 'plan':
      return `    ${entry.active ? '' : '(retired) '}when ${text(entry.when)}: ${text(entry.then)}`;
    case 'glimmer':
      return `    ${text(entry.what)}`;
  }
}

/** `5f0c2d9e  Sun 22 Nov 21:14  trigger     7  No reply for four hours`, cut to `width` when given. */
export function entryLine(entry: Entry, now: Date, width?: number): string {
  const when = typeof entry.at === 'string' ? formatWhen(entry.at, now) : '';
  const full = `${shortId(clean(entry.id))}  ${when}  ${clean(entry.type).padEnd(10)}  ${gist(entry)}`.trimEnd();
  if (!width || full.length <= width) return full;
  return `${full.slice(0, Math.max(width - 1, 0))}…`;
}

/** Shown elsewhere (the heading line, the last line) or kept by attach. */
const HIDDEN = new Set(['id', 'type', 'at', 'recordedAt', 'editedAt']);

const identity: FieldLabeller = (_field, value) => value;

/** One stored value in words: ids through the labeller, scores out of 10, seconds as a duration. */
function valueWords(field: FieldSpec | undefined, value: unknown, label: FieldLabeller): string {
  if (field && Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? clean(label(field, item)) : clean(JSON.stringify(item)))).join(', ');
  if (field && typeof value === 'string') return clean(label(field, value));
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field?.kind === 'score' && typeof value === 'number') return `${value} of 10`;
  if (field?.kind === 'seconds' && typeof value === 'number') return duration(value);
  if (typeof value === 'string') return clean(value);
  return clean(JSON.stringify(value));
}

/**
 * The whole entry, readable, one field a line, in the table's order and
 * words (journal/fields.ts); fields attach does not know follow under their
 * own names; empty fields are left out. `linked` are the entries pointing
 * here; `target` the one this points to.
 */
export function entryDetail(entry: Entry, linked: readonly Entry[], now: Date, label: FieldLabeller = identity, target?: Entry): string[] {
  const known = fieldsOf(entry.type);
  const names = [...known.map((field) => field.name), ...Object.keys(entry).filter((key) => !known.some((field) => field.name === key))];
  const rows: [string, string][] = [['id', clean(entry.id)]];
  for (const name of names) {
    const value = entry[name];
    if (HIDDEN.has(name) || !Object.hasOwn(entry, name) || value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const field = known.find((spec) => spec.name === name);
    const shown = field?.kind === 'link' && target ? entryLine(target, now) : valueWords(field, value, label);
    // A field's own name is cleaned like its value: a field named "\u001b[2J" is data.
    rows.push([field?.label ?? clean(name), shown]);
  }
  rows.push(['recorded', `${text(entry.recordedAt)}${typeof entry.editedAt === 'string' ? `, edited ${clean(entry.editedAt)}` : ''}`]);
  const width = rows.reduce((widest, [name]) => Math.max(widest, [...name].length), 0);
  const lines = [`${clean(entry.type)} · ${typeof entry.at === 'string' ? formatWhen(entry.at, now) : ''}`];
  for (const [name, shown] of rows) lines.push(`${name.padEnd(width)}  ${shown}`);
  if (linked.length) {
    lines.push('', 'linked');
    for (const other of linked) lines.push(`  ${entryLine(other, now)}`);
  }
  return lines;
}

/** `"No reply for four hours" (Sun 22 Nov 21:14, 8 of 10)`: a logged moment, so it needs no retelling. */
export function triggerSummary(entry: TriggerEntry, now: Date): string {
  return `"${clean(entry.what)}" (${formatWhen(entry.at, now).replace(/\s+/g, ' ')}, ${entry.intensity} of 10)`;
}
