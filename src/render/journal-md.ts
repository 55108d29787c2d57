import type { FieldLabeller } from '../catalogue/catalogue.js';
import { shortId } from '../journal/entries.js';
import { type EntryType, type FieldSpec, fieldsOf } from '../journal/fields.js';
import type { Entry } from '../journal/types.js';
import { wallClock } from '../time/calendar.js';
import { monthName, weekdayName } from '../time/calendar-words.js';
import { mdLine } from './md-escape.js';
import { duration } from './time.js';

const TITLES: Record<EntryType, string> = {
  trigger: 'A moment that stirred you up',
  pause: 'A pause',
  reflection: 'A reflection',
  'follow-up': 'What happened next',
  plan: 'An if-then plan',
  glimmer: 'A glimmer: a moment that felt safe',
};

/** Shown elsewhere (the heading, the first line) or not for reading. */
const NOT_LISTED = new Set(['id', 'type', 'at', 'recordedAt', 'editedAt', 'what', 'plannedSeconds', 'elapsedSeconds', 'completed']);

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A person's words, shown as written: control characters made visible, and
 * every line escaped (md-escape.ts) so a `#`, `*` or `<script>` in a note
 * reads as typed instead of turning into a heading, emphasis or HTML.
 * Continuation lines are indented to stay inside their list item.
 */
export function mdText(text: string, indent = '  '): string {
  const lines = text
    .trim()
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .split(/\r\n|\r|\n/)
    .map((row) => mdLine(row.trim()));
  // A hard break keeps the lines a person typed; an empty line stays a paragraph break.
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const row = lines[i]!;
    if (row === '') out += '\n';
    else out += `${lines[i - 1] === '' ? '\n' : '  \n'}${indent}${row}`;
  }
  return out;
}

function dayHeading(iso: string): string {
  const t = wallClock(iso);
  return `${weekdayName(t.weekday, 'long')} ${t.day} ${monthName(t.month, 'long')} ${t.year}`;
}

function timeOf(iso: string): string {
  const t = wallClock(iso);
  return `${pad2(t.hour)}:${pad2(t.minute)}`;
}

function shortDate(iso: string): string {
  const t = wallClock(iso);
  return `${t.day} ${monthName(t.month, 'long')} ${t.year}, ${pad2(t.hour)}:${pad2(t.minute)}`;
}

const isTime = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);

function valueText(field: FieldSpec | undefined, value: unknown, label: FieldLabeller, byId: ReadonlyMap<string, Entry>): string | null {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (field?.kind === 'link' && typeof value === 'string') {
    const target = byId.get(value);
    const about =
      target && typeof target.what === 'string' && isTime(target.at) ? `"${mdText(target.what)}", ${shortDate(target.at)} ` : '';
    return `${about}\`${mdCode(shortId(value))}\``;
  }
  if (field?.kind === 'score' && typeof value === 'number') return `${value} of 10`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return mdText(field ? label(field, value) : value);
  if (Array.isArray(value)) {
    const items = value.map((item) => (typeof item === 'string' ? (field ? label(field, item) : item) : JSON.stringify(item)));
    // Notes and other free text read best one under the other.
    if (field?.kind === 'notes') return items.map((item) => `\n  - ${mdText(item, '    ')}`).join('');
    return mdText(items.join(', '));
  }
  return mdText(JSON.stringify(value));
}

/** Backticks inside a code span would end it, and a line break would end its line. */
const mdCode = (text: string) => text.replace(/`/g, "'").replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

function entryTitle(entry: Entry): string {
  const title =
    (Object.hasOwn(TITLES, entry.type) ? TITLES[entry.type as EntryType] : undefined) ?? `An entry of type "${mdText(entry.type)}"`;
  if (entry.type === 'pause' && typeof entry.elapsedSeconds === 'number') {
    const planned =
      entry.completed !== true && typeof entry.plannedSeconds === 'number' ? ` (${duration(entry.plannedSeconds)} planned)` : '';
    return `${title} of ${duration(entry.elapsedSeconds)}${planned}`;
  }
  return title;
}

function renderEntry(entry: Entry, label: FieldLabeller, byId: ReadonlyMap<string, Entry>): string[] {
  const when = isTime(entry.at) ? `${timeOf(entry.at)} · ` : '';
  const out = [`### ${when}${entryTitle(entry)} · \`${mdCode(shortId(entry.id))}\``, ''];
  // What happened, in a line of its own; a title reads best on one line.
  if (typeof entry.what === 'string' && entry.what.trim()) out.push(`**${mdText(entry.what.replace(/\s+/g, ' '))}**`, '');
  // The table's fields in its order (journal/fields.ts), then any field attach does not know, under its own name.
  const known = fieldsOf(entry.type);
  const names = [
    ...known.map((field) => field.name).filter((name) => Object.hasOwn(entry, name) && !NOT_LISTED.has(name)),
    ...Object.keys(entry).filter((name) => !known.some((field) => field.name === name) && !NOT_LISTED.has(name)),
  ];
  const items: string[] = [];
  for (const name of names) {
    const field = known.find((spec) => spec.name === name);
    const shown = valueText(field, entry[name], label, byId);
    if (shown !== null) items.push(`- ${field ? capital(field.label) : mdText(name)}:${shown.startsWith('\n') ? '' : ' '}${shown}`);
  }
  if (typeof entry.editedAt === 'string' && isTime(entry.editedAt)) items.push(`- Edited ${shortDate(entry.editedAt)}`);
  if (items.length) out.push(...items, '');
  return out;
}

/**
 * The entries as a journal to read: a heading per day, days and times as the
 * person lived them (each entry's own UTC offset), oldest first; catalogue
 * ids in words through `label`. Entries without a readable time come last.
 */
export function renderJournalMarkdown(entries: readonly Entry[], label: FieldLabeller): string {
  const dated = entries.filter((entry): entry is Entry & { at: string } => isTime(entry.at));
  const undated = entries.filter((entry) => !isTime(entry.at));
  // Wall time first (the day as lived); a stable sort keeps the journal's order for equal times.
  const wall = (entry: { at: string }) => entry.at.slice(0, 19);
  dated.sort((a, b) => (wall(a) < wall(b) ? -1 : wall(a) > wall(b) ? 1 : 0));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));

  const out = ['# My attach journal', ''];
  if (entries.length === 0) {
    out.push('No entries here.', '');
  } else {
    const first = dated[0];
    const last = dated.at(-1);
    const span =
      first && last
        ? dayHeading(first.at) === dayHeading(last.at)
          ? `, all on ${dayHeading(first.at)}`
          : `, from ${dayHeading(first.at)} to ${dayHeading(last.at)}`
        : '';
    out.push(`${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${span}. Days and times are as you lived them.`, '');
  }
  let day = '';
  for (const entry of dated) {
    const heading = dayHeading(entry.at);
    if (heading !== day) {
      out.push(`## ${heading}`, '');
      day = heading;
    }
    out.push(...renderEntry(entry, label, byId));
  }
  if (undated.length) {
    out.push('## Without a date', '');
    for (const entry of undated) out.push(...renderEntry(entry, label, byId));
  }
  out.push('---', '', '*attach is a self-reflection tool, not a diagnosis or therapy.*', '');
  return out.join('\n');
}
