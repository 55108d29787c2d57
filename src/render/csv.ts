import { ENTRY_TYPES, fieldsOf } from '../journal/fields.js';
import type { Entry } from '../journal/types.js';

/*
 * Entries as CSV for a spreadsheet: one row per entry, one fixed column per
 * field of the table in journal/fields.ts (DESIGN.md section 2):
 *
 *   id, type, at, recordedAt, editedAt,
 *   then each type's own fields, in the table's order, types in their order
 *   (a field two types share sits where it first appears: `protest` with the
 *   trigger's fields, `for` with the pause's),
 *   then tags, note;
 *   then every field added since 0.1 (new fields of those types, and the
 *   fields of the types added later), in the same way.
 *
 * A field an entry does not have is empty. Fields no type of the table has
 * are left out (the JSON export keeps everything). Cells:
 * - text as stored, ids of catalogue items included (they are the data);
 * - lists joined with " | ", each item with `\` written `\\` and `|`
 *   written `\|`, so an item holding " | " can be told apart: split the
 *   cell on " | ", then undo those two in each item;
 * - numbers and true/false plain, null and missing empty;
 * - RFC 4180: CRLF after every row (the last one too), a cell holding a
 *   comma, a double quote, CR or LF is quoted, quotes inside doubled; a
 *   cell holding a semicolon is quoted too (where the decimal comma is
 *   used, spreadsheets split on semicolons, and a quote only counts at the
 *   start of a cell, so what follows a semicolon inside a cell starts a
 *   cell of its own there: a formula sign after one gets a ' too,
 *   `a;=1+1;b` is written `"a;'=1+1;b"`);
 * - a text cell whose first character that is not a control character is
 *   = + - or @, or that begins with tab, CR or LF
 *   (OWASP's list for CSV injection, NUL-then-= included: LibreOffice skips
 *   the NUL and runs the rest), gets a leading ' and is quoted, so a
 *   spreadsheet shows it as text instead of running it as a formula.
 */
const FIRST = ['id', 'type', 'at', 'recordedAt', 'editedAt'];
const LAST = ['tags', 'note'];
/** The types of 0.1, whose 33 columns keep their places; every column added since comes after them (a sheet built on 0.1's works). */
const FIRST_TYPES = ['trigger', 'pause', 'reflection'];

/** The columns, in order: derived from the table each time, so a field added there is a column here. */
export function csvColumns(): string[] {
  const columns = [...FIRST];
  const later: string[] = [];
  for (const type of ENTRY_TYPES) {
    for (const field of fieldsOf(type)) {
      const into = FIRST_TYPES.includes(type) && field.since === undefined ? columns : later;
      if (!columns.includes(field.name) && !later.includes(field.name) && !LAST.includes(field.name)) into.push(field.name);
    }
  }
  return [...columns, ...LAST, ...later];
}

export const CSV_LIST_SEPARATOR = ' | ';

const SEPARATOR = ',';
const ROW_END = '\r\n';
/** Either reason to look closer: something to quote, or a formula sign first. One test for the common case. */
const SPECIAL = /[",;\r\n]|^\p{Cc}*[=+\-@]|^\t/u;
/** A formula sign after any run of control characters (LibreOffice drops a NUL and runs the rest), or OWASP's tab, CR or LF first. */
const FORMULA_START = /^\p{Cc}*[=+\-@]|^[\t\r\n]/u;
/** A semicolon before a formula sign: where a sheet splits on semicolons, what follows one starts a cell of its own. */
const FORMULA_AFTER_SEMICOLON = /;(?=\p{Cc}*[=+\-@])/gu;

/** Something to quote: a cheap test without Unicode classes, for the many cells that have none of it. */
const QUOTED = /[",;\r\n]/;

/** Whether the first character could start a formula, or be a control character before one (= + - @, C0, DEL, C1). */
function formulaFirst(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/** One text cell: neutralised if a spreadsheet would read it as a formula, quoted when RFC 4180 asks. */
export function textCell(text: string): string {
  // Most cells are plain words: two cheap looks settle them before the full test.
  if (!formulaFirst(text) && !QUOTED.test(text)) return text;
  if (!SPECIAL.test(text)) return text;
  const doubled = text.replace(/"/g, '""').replace(FORMULA_AFTER_SEMICOLON, ";'");
  return FORMULA_START.test(text) ? `"'${doubled}"` : `"${doubled}"`;
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** One item of a list cell: its own backslashes and pipes escaped, so no item can hold the joiner. */
export function listItem(text: string): string {
  return text.includes('\\') || text.includes('|') ? text.replace(/[\\|]/g, '\\$&') : text;
}

/** Any stored value as one cell. */
export function cell(value: unknown): string {
  if (typeof value === 'string') return textCell(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '' : textCell(value.map((item) => listItem(plain(item))).join(CSV_LIST_SEPARATOR));
  return textCell(JSON.stringify(value));
}

/** One entry's row, without its line end, given the index of each column. */
export function csvRow(entry: Entry, index: ReadonlyMap<string, number> = columnIndex(csvColumns()), cells: string[] = []): string {
  // One array of cells serves every row of an export (100k rows make no 100k arrays for the collector).
  cells.length = index.size;
  cells.fill('');
  // Over the entry's own fields (about half the columns), not every column: 100k rows are written in a blink.
  for (const field in entry) {
    const i = index.get(field);
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
  const columns = csvColumns();
  const index = columnIndex(columns);
  let rows: string[] = [columns.join(SEPARATOR)];
  const cells: string[] = [];
  for (const entry of entries) {
    rows.push(csvRow(entry, index, cells));
    if (rows.length >= rowsPerChunk) {
      yield `${rows.join(ROW_END)}${ROW_END}`;
      rows = [];
    }
  }
  if (rows.length) yield `${rows.join(ROW_END)}${ROW_END}`;
}

function columnIndex(columns: readonly string[]): Map<string, number> {
  return new Map(columns.map((column, i) => [column, i]));
}

/** The whole CSV as one text. */
export function renderCsv(entries: readonly Entry[]): string {
  return [...csvChunks(entries)].join('');
}
