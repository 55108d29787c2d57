import type { Entry } from '../journal/types.js';

/*
 * Entries as CSV for a spreadsheet: one row per entry, one fixed column per
 * field of DESIGN.md section 2, in this order (33 columns):
 *
 *   id, type, at, recordedAt, editedAt,
 *   what, who, triggers, intensity, body, thought, urges, protest, instead,   (trigger)
 *   for, urge, plannedSeconds, elapsedSeconds, completed, before, after,
 *   passed, activities, notes, next,                                           (pause)
 *   situation, needs, hoped, happened, felt, ask,                              (reflection)
 *   tags, note
 *
 * A field shared by two types sits where it first appears (`protest` with the
 * trigger fields, `for` with the pause fields); a field an entry does not
 * have is empty. Fields no version-1 type has are left out (the JSON export
 * keeps everything). Cells:
 * - text as stored, ids of catalogue items included (they are the data);
 * - lists joined with " | ";
 * - numbers and true/false plain, null and missing empty;
 * - RFC 4180: CRLF after every row (the last one too), a cell holding a
 *   comma, a double quote, CR or LF is quoted, quotes inside doubled;
 * - a text cell beginning with = + - @ tab CR or LF (OWASP's list for CSV
 *   injection, plus LF) gets a leading ' and is quoted, so a spreadsheet
 *   shows it as text instead of running it as a formula.
 */
export const CSV_COLUMNS = [
  'id',
  'type',
  'at',
  'recordedAt',
  'editedAt',
  'what',
  'who',
  'triggers',
  'intensity',
  'body',
  'thought',
  'urges',
  'protest',
  'instead',
  'for',
  'urge',
  'plannedSeconds',
  'elapsedSeconds',
  'completed',
  'before',
  'after',
  'passed',
  'activities',
  'notes',
  'next',
  'situation',
  'needs',
  'hoped',
  'happened',
  'felt',
  'ask',
  'tags',
  'note',
] as const;

export const CSV_LIST_SEPARATOR = ' | ';

const SEPARATOR = ',';
const ROW_END = '\r\n';
/** Either reason to look closer: something RFC 4180 quotes, or a formula sign first. One test for the common case. */
const SPECIAL = /[",\r\n]|^[=+\-@\t]/;
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** One text cell: neutralised if a spreadsheet would read it as a formula, quoted when RFC 4180 asks. */
export function textCell(text: string): string {
  if (!SPECIAL.test(text)) return text;
  const doubled = text.replace(/"/g, '""');
  return FORMULA_START.test(text) ? `"'${doubled}"` : `"${doubled}"`;
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** Any stored value as one cell. */
export function cell(value: unknown): string {
  if (typeof value === 'string') return textCell(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '' : textCell(value.map(plain).join(CSV_LIST_SEPARATOR));
  return textCell(JSON.stringify(value));
}

const COLUMN_INDEX = new Map<string, number>(CSV_COLUMNS.map((column, i) => [column, i]));
const BLANK_ROW: readonly string[] = CSV_COLUMNS.map(() => '');

/** One entry's row, without its line end. */
export function csvRow(entry: Entry): string {
  const cells = BLANK_ROW.slice();
  // Over the entry's own fields (about half the columns), not every column: 100k rows are written in a blink.
  for (const field in entry) {
    const i = COLUMN_INDEX.get(field);
    if (i !== undefined) cells[i] = cell(entry[field]);
  }
  return cells.join(SEPARATOR);
}

/**
 * The header row and one row per entry, in the order given, each ending in
 * CRLF, as pieces of about `rowsPerChunk` rows: a large export goes out
 * without first being held whole in memory.
 */
export function* csvChunks(entries: readonly Entry[], rowsPerChunk = 2000): Generator<string> {
  let rows: string[] = [CSV_COLUMNS.join(SEPARATOR)];
  for (const entry of entries) {
    rows.push(csvRow(entry));
    if (rows.length >= rowsPerChunk) {
      yield `${rows.join(ROW_END)}${ROW_END}`;
      rows = [];
    }
  }
  if (rows.length) yield `${rows.join(ROW_END)}${ROW_END}`;
}

/** The whole CSV as one text. */
export function renderCsv(entries: readonly Entry[]): string {
  return [...csvChunks(entries)].join('');
}
