import type { FieldLabeller } from '../catalogue/catalogue.js';
import { shortId } from '../journal/entries.js';
import { type FieldSpec, fieldOf, fieldsOf, TYPE_WORDS } from '../journal/fields.js';
import { type Entry, isKnown, type TriggerEntry } from '../journal/types.js';
import { clean } from './clean.js';
import { duration, formatDayShort, formatWhen } from './time.js';
import { displayWidth, padEnd, truncate } from './width.js';
import { wrap } from './wrap.js';

/*
 * Entries for people: `attach list` a row each, `attach show` one in full.
 * Never a field's name or a catalogue's id: a pause's urge reads "Text
 * again", a follow-up's fear "No, it didn't come true", a type "moment".
 */

const identity: FieldLabeller = (_field, value) => value;

/** A line break inside a person's words, shown in a row that must stay one line. */
export const BREAK = ' ↵ ';

/** A person's words on one line: breaks shown as ↵, tabs as spaces, controls made visible. */
function oneLine(value: unknown): string {
  return typeof value === 'string' ? clean(value.replace(/\r\n|\r|\n/g, BREAK).replace(/\t/g, ' ')) : '';
}

/** The type in words: "moment", "pause", "follow-up"; a type attach doesn't know, as it is. */
export function typeWords(type: string): string {
  return Object.hasOwn(TYPE_WORDS, type) ? TYPE_WORDS[type as keyof typeof TYPE_WORDS].one : clean(type);
}

/** The words that say what an entry was about, for one row of `attach list`. */
function gist(entry: Entry, label: FieldLabeller, compact = false): string {
  if (!isKnown(entry)) return '';
  const words = (name: string, value: unknown) => {
    const field = fieldOf(entry.type, name);
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
    return values.map((v) => oneLine(field ? label(field, v) : v)).join(', ');
  };
  switch (entry.type) {
    case 'trigger':
      return `${String(entry.intensity).padStart(2)}  ${oneLine(entry.what)}`;
    case 'pause': {
      const change = entry.after === null ? `${entry.before}` : `${entry.before}→${entry.after}`;
      return `${change.padStart(2)}  ${words('urge', entry.urge) || 'a pause'}${entry.passed ? ', the urge passed' : ''}`;
    }
    case 'reflection':
      return `    ${oneLine(entry.ask) || words('protest', entry.protest)}`;
    case 'follow-up': {
      const answers = [words('fear', entry.fear), words('asked', entry.asked), words('landed', entry.landed)].filter(Boolean);
      const about = oneLine(entry.happened) || answers.join('; ');
      if (compact) return entry.intensity === null ? about : `${about} (now ${entry.intensity} of 10)`;
      return `${entry.intensity === null ? '  ' : String(entry.intensity).padStart(2)}  ${about}`;
    }
    case 'plan':
      return `    ${entry.active ? '' : '(retired) '}when ${oneLine(entry.when)}: ${oneLine(entry.then)}`;
    case 'glimmer':
      return `    ${oneLine(entry.what) || words('kinds', entry.kinds)}`;
  }
}

/** Below this width a row of `attach list` drops its columns: the id, the day, and the type only where it is not a moment. */
const COMPACT = 64;

/**
 * `5f0c2d9e  Sun 22 Nov 21:14  moment       7  No reply for four hours`: one
 * row, whatever the entry holds; cut with … to `width` columns when given.
 * On a narrow screen: `5f0c2d9e 22 Nov  7  No reply for four…`, and
 * `9a2b31c0 21 Nov reflection: Reaching out…`.
 */
export function entryLine(entry: Entry, now: Date, width?: number, label: FieldLabeller = identity): string {
  const at = typeof entry.at === 'string' ? entry.at : '';
  const id = shortId(clean(entry.id));
  if (width !== undefined && width < COMPACT) {
    const about = gist(entry, label, true);
    const what = entry.type === 'trigger' ? about : `${typeWords(entry.type)}: ${about.trimStart()}`;
    return truncate(`${id} ${formatDayShort(at, now)} ${what}`.trimEnd(), width);
  }
  const full = `${id}  ${formatWhen(at, now)}  ${padEnd(typeWords(entry.type), 10)}  ${gist(entry, label)}`.trimEnd();
  return width ? truncate(full, width) : full;
}

/** Shown elsewhere (the heading line, the last line) or kept by attach. */
const HIDDEN = new Set(['id', 'type', 'at', 'recordedAt', 'editedAt']);

/** One stored value in words (ids through the labeller, scores out of 10, seconds as a duration), a line a note. */
function valueLines(field: FieldSpec | undefined, value: unknown, label: FieldLabeller): string[] {
  if (field?.kind === 'notes' && Array.isArray(value))
    return value.map((note) => `- ${typeof note === 'string' ? clean(note) : clean(JSON.stringify(note))}`);
  if (field && Array.isArray(value))
    return [value.map((item) => (typeof item === 'string' ? clean(label(field, item)) : clean(JSON.stringify(item)))).join(', ')];
  if (field && typeof value === 'string') return clean(label(field, value)).split(/\r\n|\r|\n/);
  if (typeof value === 'boolean') return [value ? 'yes' : 'no'];
  if (field?.kind === 'score' && typeof value === 'number') return [`${value} of 10`];
  if (field?.kind === 'seconds' && typeof value === 'number') return [duration(value)];
  if (typeof value === 'string') return clean(value).split(/\r\n|\r|\n/);
  return [clean(JSON.stringify(value))];
}

/** Below this many columns for the values, each field's words go under its name instead of beside it. */
const BESIDE = 24;

/**
 * The id's row. An id is copied whole, so it is never passed to wrap, which cuts a word too wide for what is left of
 * its line (at 40 columns the id was split under the value column's hang): beside its label where it fits, else on
 * the line under it, two columns in where they leave it room; on a screen narrower than the id, whole all the same
 * (the terminal carries it on, and copying it keeps it one).
 */
function idRow(start: string, label: string, id: string, width: number): string[] {
  const w = displayWidth(id);
  if (displayWidth(start) + w <= width) return [`${start}${id}`];
  return [label, `${' '.repeat(Math.max(0, Math.min(2, width - w)))}${id}`];
}

/**
 * The whole entry, readable, one field a row, in the table's order and words
 * (journal/fields.ts), laid out for `width` columns: the values in one column
 * (by display width), a long one carried on under itself, a person's own line
 * breaks kept. Fields attach does not know follow under their own names;
 * empty fields are left out. `linked` are the entries pointing here;
 * `target` the one this points to.
 */
export function entryDetail(
  entry: Entry,
  linked: readonly Entry[],
  now: Date,
  label: FieldLabeller = identity,
  target?: Entry,
  width = 80,
): string[] {
  const known = fieldsOf(entry.type);
  const names = [...known.map((field) => field.name), ...Object.keys(entry).filter((key) => !known.some((field) => field.name === key))];
  const rows: [string, string[]][] = [['id', [clean(entry.id)]]];
  let link: string[] | undefined;
  for (const name of names) {
    const value = entry[name];
    if (HIDDEN.has(name) || !Object.hasOwn(entry, name) || value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const field = known.find((spec) => spec.name === name);
    const shown = valueLines(field, value, label);
    if (field?.kind === 'link' && target) link = shown;
    // A field's own name is cleaned like its value: a field named "\u001b[2J" is data.
    rows.push([field?.label ?? clean(name), shown]);
  }
  const recorded = typeof entry.recordedAt === 'string' ? formatWhen(entry.recordedAt, now) || clean(entry.recordedAt) : '';
  const edited = typeof entry.editedAt === 'string' ? `, edited ${formatWhen(entry.editedAt, now) || clean(entry.editedAt)}` : '';
  rows.push(['recorded', [`${recorded}${edited}`]]);

  const when = typeof entry.at === 'string' ? formatWhen(entry.at, now) : '';
  const lines = wrap(`${typeWords(entry.type)} · ${when}`, width);
  const nameWidth = rows.reduce((widest, [name]) => Math.max(widest, displayWidth(name)), 0);
  const beside = width - nameWidth - 2 >= BESIDE;
  // The entry this points to as its whole row of `attach list`, carried on under itself rather than cut.
  if (link && target) link[0] = entryLine(target, now, undefined, label);
  for (const [index, [name, shown]] of rows.entries()) {
    if (index === 0) {
      const [start, alone] = beside ? [`${padEnd(name, nameWidth)}  `, name] : [`${name}: `, `${name}:`];
      lines.push(...idRow(start, alone, shown[0] ?? '', width));
    } else if (beside) {
      const hang = ' '.repeat(nameWidth + 2);
      shown.forEach((text, i) => {
        const start = i === 0 ? `${padEnd(name, nameWidth)}  ` : hang;
        lines.push(...wrap(`${start}${text}`.trimEnd(), width, text.startsWith('- ') ? `${hang}  ` : hang));
      });
    } else {
      // Too narrow for two columns: "the urge: Text again", its next lines indented under it.
      const [first = '', ...more] = shown;
      // A list, and the row of the entry linked to, start on the line under the name.
      const list = first.startsWith('- ') || shown === link;
      lines.push(...wrap(list ? `${name}:` : `${name}: ${first}`, width, '  '));
      for (const text of list ? shown : more) lines.push(...wrap(`  ${text}`.trimEnd(), width, text.startsWith('- ') ? '    ' : '  '));
    }
  }
  if (linked.length) {
    lines.push('', 'linked');
    // Each whole, carried on under itself: this is the full view, nothing in it is cut.
    for (const other of linked) lines.push(...wrap(`  ${entryLine(other, now, undefined, label)}`, width, '    '));
  }
  return lines;
}

/** `"No reply for four hours" (Sun 22 Nov 21:14, 8 of 10)`: a logged moment, so it needs no retelling. */
export function triggerSummary(entry: TriggerEntry, now: Date): string {
  return `"${oneLine(entry.what)}" (${formatWhen(entry.at, now).replace(/\s+/g, ' ')}, ${entry.intensity} of 10)`;
}
