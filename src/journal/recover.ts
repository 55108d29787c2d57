import { newerFormat, newerProblem } from './newer.js';
import { type Entry, JOURNAL_VERSION, type Journal } from './types.js';
import { checkJournal } from './validate.js';

/*
 * What can still be read from a journal's text: whether it opens, and if not
 * why, and every entry that can be taken back from it, merged with those of a
 * backup. Pure (text in, entries out), so it can be tested on any damage.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One entry passes the same checks a whole journal does. */
function isEntry(candidate: unknown): candidate is Entry {
  return isRecord(candidate) && checkJournal({ version: JOURNAL_VERSION, entries: [candidate] }).ok;
}

export type Assessment =
  | { state: 'ok'; journal: Journal }
  | { state: 'newer'; problem: string; version: number }
  | { state: 'broken'; problem: string };

/** Whether a journal's text opens, and if not, why, in words a person can act on. */
export function assessJournal(text: string): Assessment {
  const body = stripBom(text);
  if (body.trim() === '') return { state: 'broken', problem: 'the file is empty' };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { state: 'broken', problem: jsonProblem(body, (error as Error).message) };
  }
  const checked = checkJournal(data);
  if (checked.ok) return { state: 'ok', journal: checked.journal };
  const newer = isRecord(data) ? newerFormat(data.version) : null;
  if (newer) return { state: 'newer', problem: newerProblem(newer), version: newer.version };
  return { state: 'broken', problem: checked.problem };
}

function jsonProblem(body: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (/end of JSON input/i.test(message) || (position !== undefined && Number(position) >= body.trimEnd().length))
    return 'it ends in the middle, as if cut short';
  const lineMatch = /line (\d+)/.exec(message)?.[1];
  // Some messages give no position ("Unexpected token"): the first line that can't be read is where it breaks.
  const lineNumber = lineMatch
    ? Number(lineMatch)
    : position === undefined
      ? recoverEntries(body).firstBadLine
      : body.slice(0, Number(position)).split('\n').length;
  return lineNumber === undefined ? 'it is not valid JSON' : `it stops being valid JSON on line ${lineNumber}`;
}

export interface Recovery {
  /** The entries that could be read and pass the entry checks, in file order, one per id (the first wins). */
  entries: Entry[];
  /** Lines in the text. */
  lines: number;
  /** entries.length. */
  recovered: number;
  /** Pieces that looked like entries but could not be kept (cut off, damaged, or failing the checks). */
  skipped: number;
  /** Entries whose id had already been recovered (kept once). */
  duplicates: number;
  /** The first line (from 1) that could not be read, when read line by line. */
  firstBadLine: number | undefined;
  /** The format version the text says it has, when that can still be read. */
  version: number | undefined;
  /** Other top-level fields that could be read (kept on the rewrite, like every unknown field). */
  fields: Record<string, unknown>;
}

/** What is read back from a file whose envelope is too damaged to open. */
export function nothingRecovered(): Recovery {
  return { entries: [], lines: 0, recovered: 0, skipped: 0, duplicates: 0, firstBadLine: undefined, version: undefined, fields: {} };
}

/**
 * Recovers every entry it can from a journal's text. A document that still
 * parses gives each of its entries that passes the checks. Otherwise the
 * one-entry-per-line format is read line by line (Windows line ends, a
 * trailing comma and any indentation allowed), a damaged line losing only its
 * own entry; a line that holds more than one entry (a lost line break) is
 * searched for whole objects. A file in another layout (indented by an
 * editor, or all on one line) is searched for whole objects throughout.
 */
export function recoverEntries(text: string): Recovery {
  const body = stripBom(text);
  const rows = body.split(/\r?\n/);
  if (rows.length > 1 && rows.at(-1) === '') rows.pop();
  const lines = body === '' ? 0 : rows.length;
  const found = collector();

  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch {
    whole = undefined;
  }
  if (isRecord(whole) && Array.isArray(whole.entries)) {
    for (const candidate of whole.entries) found.offer(candidate);
    const { version, entries: _entries, ...fields } = whole;
    return found.result(lines, Number.isInteger(version) ? (version as number) : undefined, fields);
  }
  if (Array.isArray(whole)) {
    for (const candidate of whole) found.offer(candidate);
    return found.result(lines, undefined, {});
  }

  let version: number | undefined;
  const fields: Record<string, unknown> = {};
  let firstBadLine: number | undefined;
  for (const [index, row] of rows.entries()) {
    const before = found.skipped();
    let piece = row.trim();
    if (piece.endsWith(',')) piece = piece.slice(0, -1).trimEnd();
    // The document's own brackets.
    if (piece === '' || piece === '{' || piece === '}' || piece === ']' || /^"entries"\s*:\s*\[$/.test(piece)) continue;
    if (/^[ \t]{0,2}"/.test(row)) {
      // A top-level field written on its own line: `  "version": 1,`.
      const field = parseField(piece);
      if (field) {
        if (field[0] === 'version') version = Number.isInteger(field[1]) ? (field[1] as number) : version;
        else if (field[0] !== 'entries') fields[field[0]] = field[1];
        continue;
      }
    }
    let entry: unknown;
    try {
      entry = JSON.parse(piece);
    } catch {
      // A lost line break can put two entries on one line: look for whole objects in it.
      const inside = wholeObjects(piece);
      if (inside.length === 0) found.skip();
      for (const candidate of inside) found.offer(candidate);
    }
    if (entry !== undefined) found.offer(entry);
    if (found.skipped() > before) firstBadLine ??= index + 1;
  }
  version ??= versionInHead(body);
  const byLine = { ...found.result(lines, version, fields), firstBadLine };
  if (byLine.recovered > 0) return byLine;

  // Not one entry per line: look for whole objects anywhere in the text.
  const anywhere = collector();
  for (const candidate of wholeObjects(body)) anywhere.offer(candidate);
  return anywhere.count() > 0 ? anywhere.result(lines, version, fields) : byLine;
}

function collector() {
  const entries: Entry[] = [];
  const ids = new Set<string>();
  let skipped = 0;
  let duplicates = 0;
  return {
    offer(candidate: unknown) {
      if (!isEntry(candidate)) {
        skipped++;
        return;
      }
      if (ids.has(candidate.id)) {
        duplicates++;
        return;
      }
      ids.add(candidate.id);
      entries.push(candidate);
    },
    skip() {
      skipped++;
    },
    count: () => entries.length,
    skipped: () => skipped,
    result(lines: number, version: number | undefined, fields: Record<string, unknown>): Recovery {
      return { entries, lines, recovered: entries.length, skipped, duplicates, firstBadLine: undefined, version, fields };
    },
  };
}

function parseField(piece: string): [string, unknown] | undefined {
  try {
    const data: unknown = JSON.parse(`{${piece}}`);
    const pair = isRecord(data) ? Object.entries(data) : [];
    return pair.length === 1 ? pair[0] : undefined;
  } catch {
    return undefined;
  }
}

/** `"version": 2` before the entries begin, for a file whose lines can't be read one by one. */
function versionInHead(body: string): number | undefined {
  const head = body.slice(0, Math.max(body.indexOf('"entries"'), 0) || 10_000);
  const match = /"version"\s*:\s*(\d+)/.exec(head);
  return match ? Number(match[1]) : undefined;
}

/**
 * Every `{...}` in the text that parses as JSON on its own and has a text
 * `id` and `type` (an entry, or what is left of one), found by tracking
 * strings and nesting; objects inside one already found are not returned.
 */
export function wholeObjects(text: string): Record<string, unknown>[] {
  const spans: [number, number][] = [];
  const open: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */) open.push(i);
    else if (c === 0x7d /* } */ && open.length > 0) spans.push([open.pop() as number, i + 1]);
  }
  // Inner objects close before the object around them: sorted from the outside in.
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const objects: Record<string, unknown>[] = [];
  let coveredTo = -1;
  for (const [start, end] of spans) {
    if (start < coveredTo) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      continue; // damaged: the objects inside it may still be whole
    }
    if (isRecord(value) && typeof value.id === 'string' && typeof value.type === 'string') {
      objects.push(value);
      coveredTo = end;
    }
  }
  return objects;
}

/**
 * The recovered entries with those of a backup that the damage lost, by id;
 * the recovered version of an entry wins. Each entry from the backup goes
 * right after the entry it followed there, so the file keeps its order.
 */
export function mergeWithBackup(recovered: readonly Entry[], backup: readonly Entry[]): { entries: Entry[]; added: number } {
  const have = new Set(recovered.map((entry) => entry.id));
  const after = new Map<string | null, Entry[]>();
  let anchor: string | null = null;
  let added = 0;
  for (const entry of backup) {
    if (have.has(entry.id)) {
      anchor = entry.id;
      continue;
    }
    have.add(entry.id);
    added++;
    const group = after.get(anchor);
    if (group) group.push(entry);
    else after.set(anchor, [entry]);
  }
  const entries: Entry[] = [...(after.get(null) ?? [])];
  for (const entry of recovered) {
    entries.push(entry);
    const group = after.get(entry.id);
    // One by one: spreading a list of thousands into push's arguments overflows the stack.
    if (group) for (const lost of group) entries.push(lost);
  }
  return { entries, added };
}
