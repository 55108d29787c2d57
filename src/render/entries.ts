import { shortId } from '../journal/entries.js';
import { type Entry, isKnown, type TriggerEntry } from '../journal/types.js';
import { clean } from './clean.js';
import { formatWhen } from './time.js';

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
  }
}

/** `5f0c2d9e  Sun 22 Nov 21:14  trigger     7  No reply for four hours`, cut to `width` when given. */
export function entryLine(entry: Entry, now: Date, width?: number): string {
  const when = typeof entry.at === 'string' ? formatWhen(entry.at, now) : '';
  const full = `${shortId(clean(entry.id))}  ${when}  ${clean(entry.type).padEnd(10)}  ${gist(entry)}`.trimEnd();
  if (!width || full.length <= width) return full;
  return `${full.slice(0, Math.max(width - 1, 0))}…`;
}

type Labeller = (field: string, value: string) => string;

const FIELD_NAMES: Record<string, string> = {
  what: 'what happened',
  who: 'who',
  triggers: 'set off by',
  intensity: 'intensity',
  body: 'in the body',
  thought: 'the story',
  urges: 'urges',
  protest: 'protest',
  instead: 'instead',
  for: 'for',
  urge: 'urge',
  before: 'before',
  after: 'after',
  passed: 'urge passed',
  situation: 'just before',
  needs: 'needs',
  hoped: 'hoped for',
  happened: 'what happened',
  felt: 'felt after',
  ask: 'the ask',
  tags: 'tags',
  note: 'note',
};

const HIDDEN = new Set(['id', 'type', 'at', 'recordedAt', 'editedAt']);

/**
 * The whole entry, readable, one field a line; empty fields are left out.
 * `linked` are the entries pointing here; `target` the one this points to.
 */
export function entryDetail(entry: Entry, linked: readonly Entry[], now: Date, label: Labeller = (_f, v) => v, target?: Entry): string[] {
  const lines = [
    `${clean(entry.type)} · ${typeof entry.at === 'string' ? formatWhen(entry.at, now) : ''}`,
    `id            ${clean(entry.id)}`,
  ];
  for (const [field, value] of Object.entries(entry)) {
    if (HIDDEN.has(field) || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    // Own keys only (a field named "constructor" is data), and a field's name is cleaned like its value.
    const name = (Object.hasOwn(FIELD_NAMES, field) ? FIELD_NAMES[field]! : clean(field)).padEnd(13);
    let shown: string;
    if (field === 'for' && target) shown = entryLine(target, now);
    else if (Array.isArray(value))
      shown = value.map((item) => (typeof item === 'string' ? clean(label(field, item)) : clean(JSON.stringify(item)))).join(', ');
    else if (typeof value === 'string') shown = clean(label(field, value));
    else if (typeof value === 'boolean') shown = value ? 'yes' : 'no';
    else if (field === 'intensity' || field === 'before' || field === 'after') shown = `${String(value)} of 10`;
    else shown = clean(JSON.stringify(value));
    lines.push(`${name} ${shown}`);
  }
  lines.push(`recorded      ${text(entry.recordedAt)}${typeof entry.editedAt === 'string' ? `, edited ${clean(entry.editedAt)}` : ''}`);
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
