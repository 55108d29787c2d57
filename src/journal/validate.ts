import { ENTRY_TYPES, type FieldSpec, fieldsOf } from './fields.js';
import { JOURNAL_VERSION, type Journal } from './types.js';

/*
 * Validation of a whole journal on every read. Hand-written rather than a
 * schema library: checking 100k entries with zod 4 took about 410 ms here,
 * as long as JSON.parse itself, while these plain checks take about 70 ms
 * (4 ms at 1k), and `attach log` must stay close to the cost of rewriting
 * the file.
 */

type Check = { ok: (value: unknown) => boolean; want: string };

// Ranges in the pattern itself: Date.parse on every time cost as much as all other checks together.
const OFFSET_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

const text: Check = { ok: (v) => typeof v === 'string', want: 'text' };
const nonEmpty: Check = { ok: (v) => typeof v === 'string' && v.length > 0, want: 'non-empty text' };
const maybeText: Check = { ok: (v) => v === null || typeof v === 'string', want: 'text or null' };
const textList: Check = {
  ok: (v) => Array.isArray(v) && v.every((item) => typeof item === 'string'),
  want: 'a list of text',
};
const list: Check = { ok: Array.isArray, want: 'a list' };
const score: Check = {
  ok: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10,
  want: 'a whole number from 0 to 10',
};
const maybeScore: Check = { ok: (v) => v === null || score.ok(v), want: `${score.want}, or null` };
const seconds: Check = { ok: (v) => Number.isInteger(v) && (v as number) >= 0, want: 'a whole number of seconds' };
const flag: Check = { ok: (v) => typeof v === 'boolean', want: 'true or false' };
const maybeFlag: Check = { ok: (v) => v === null || typeof v === 'boolean', want: 'true, false or null' };
const time: Check = {
  ok: (v) => typeof v === 'string' && OFFSET_TIME.test(v),
  want: 'an ISO 8601 time with its UTC offset',
};

/** The check of each kind of field, required or optional (fields.ts). */
function checkOf(field: FieldSpec): Check {
  const check = kindCheck(field);
  // A field added after 0.1 is absent from entries written before it.
  return field.since === undefined ? check : { ok: (v) => v === undefined || check.ok(v), want: check.want };
}

function kindCheck(field: FieldSpec): Check {
  const optional = !field.required;
  switch (field.kind) {
    case 'text':
    case 'words':
    case 'link':
      return optional ? maybeText : text;
    case 'list':
      return textList;
    case 'score':
      return optional ? maybeScore : score;
    case 'yesno':
      return optional ? maybeFlag : flag;
    case 'choice': {
      const values = field.values ?? [];
      return { ok: (v) => v === null || values.includes(v as string), want: `one of ${values.join(', ')}, or null` };
    }
    case 'seconds':
      return seconds;
    case 'time':
      return time;
    case 'notes':
      return list;
  }
}

/** Made on first use rather than at load, so a field added to the table (as a test does) is checked too. */
let checksByType: Map<string, [string, Check][]> | undefined;
let knownKeys: Map<string, Set<string>>;
let notesFields: Set<string>;
function checks(): Map<string, [string, Check][]> {
  if (!checksByType) {
    // As [field, check] pairs: a plain loop over an array is what V8 runs fastest 100k times.
    checksByType = new Map(ENTRY_TYPES.map((type) => [type, fieldsOf(type).map((field): [string, Check] => [field.name, checkOf(field)])]));
    notesFields = new Set(
      ENTRY_TYPES.flatMap((type) =>
        fieldsOf(type)
          .filter((f) => f.kind === 'notes')
          .map((f) => f.name),
      ),
    );
    knownKeys = new Map(
      [...checksByType].map(([type, list]) => [type, new Set(['id', 'type', 'editedAt', ...list.map(([field]) => field)])]),
    );
  }
  return checksByType;
}

/**
 * Deeper than this, JSON.stringify (every write, every --json) runs out of
 * stack. Only what no check has looked at can be deep: unknown fields and
 * entries of unknown types, so only those are walked, without recursion.
 */
const MAX_DEPTH = 256;
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function hasDeepUnknowns(entry: Record<string, unknown>, type: string): boolean {
  const known = knownKeys.get(type);
  if (!known) return tooDeep(entry);
  for (const key in entry) {
    // Notes may hold objects of any shape; every other known field is checked flat.
    if ((!known.has(key) || notesFields.has(key)) && tooDeep(entry[key])) return true;
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Checked = { ok: true; journal: Journal } | { ok: false; newer: boolean; problem: string };

/**
 * Checks the shape of a parsed journal. Known entry types are checked field by
 * field; an unknown type needs only an id, so entries written by a newer
 * minor tool survive. Returns the same object it was given, never a copy, so
 * unknown fields and their order are kept byte for byte.
 */
export function checkJournal(data: unknown): Checked {
  const fail = (problem: string): Checked => ({ ok: false, newer: false, problem });
  if (!isRecord(data)) return fail('it is not a JSON object');
  const { version, entries } = data;
  if (!Number.isInteger(version) || (version as number) < 1) return fail('"version" is missing or not a whole number');
  if ((version as number) > JOURNAL_VERSION) {
    return {
      ok: false,
      newer: true,
      problem: `it was written in format ${String(version)}, newer than this attach reads (${JOURNAL_VERSION})`,
    };
  }
  if (!Array.isArray(entries)) return fail('"entries" is missing or not a list');
  for (const key of Object.keys(data))
    if (key !== 'entries' && tooDeep(data[key])) return fail(`"${key}" is nested too deeply to handle safely`);
  const byType = checks();
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (!isRecord(entry)) return fail(`entry ${i + 1} is not a JSON object`);
    const where = () => `entry ${i + 1}${typeof entry.id === 'string' ? ` (${entry.id.slice(0, 8)})` : ''}`;
    if (!nonEmpty.ok(entry.id)) return fail(`${where()} has no "id"`);
    if (!nonEmpty.ok(entry.type)) return fail(`${where()} has no "type"`);
    // A Map, not an object: a type named "constructor" must not reach Object.prototype.
    const fields = byType.get(entry.type as string);
    if (!fields) {
      if (tooDeep(entry)) return fail(`${where()} holds data nested too deeply to handle safely`);
      continue;
    }
    for (const [field, check] of fields) {
      if (!check.ok(entry[field])) return fail(`${where()}: "${field}" should be ${check.want}`);
    }
    if (entry.editedAt !== undefined && !time.ok(entry.editedAt)) return fail(`${where()}: "editedAt" should be ${time.want}`);
    if (hasDeepUnknowns(entry, entry.type as string)) return fail(`${where()} holds data nested too deeply to handle safely`);
  }
  const lists = syncListsProblem(data);
  if (lists) return fail(lists);
  return { ok: true, journal: data as Journal };
}

/**
 * The tombstones and the trash (src/journal/tombstones.ts), when there are
 * any: merges and undo read them, so they are checked like entries are.
 * Fields a later version may add to them are kept, as on entries.
 */
function syncListsProblem(data: Record<string, unknown>): string | null {
  const { deleted, trash } = data;
  if (deleted !== undefined) {
    if (!Array.isArray(deleted)) return '"deleted" should be a list';
    for (let i = 0; i < deleted.length; i++) {
      const item: unknown = deleted[i];
      const where = `deleted item ${i + 1}`;
      if (!isRecord(item) || !nonEmpty.ok(item.id)) return `${where} has no "id"`;
      if (!time.ok(item.deletedAt)) return `${where}: "deletedAt" should be ${time.want}`;
      if (item.restoredAt !== undefined && !time.ok(item.restoredAt)) return `${where}: "restoredAt" should be ${time.want}`;
      if (item.purged !== undefined && !flag.ok(item.purged)) return `${where}: "purged" should be ${flag.want}`;
    }
  }
  if (trash === undefined) return null;
  if (!Array.isArray(trash)) return '"trash" should be a list';
  for (let i = 0; i < trash.length; i++) {
    const item: unknown = trash[i];
    if (!isRecord(item) || !time.ok(item.trashedAt)) return `trash item ${i + 1}: "trashedAt" should be ${time.want}`;
    // The entry kept there passes the checks it passed among the entries.
    const checked = checkJournal({ version: JOURNAL_VERSION, entries: [item.entry] });
    if (!checked.ok) return `trash item ${i + 1}: ${checked.problem.replace(/^entry 1/, 'its entry')}`;
  }
  return null;
}
