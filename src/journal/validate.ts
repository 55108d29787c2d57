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

const common: Record<string, Check> = { at: time, recordedAt: time, tags: textList, note: maybeText };

const fieldsByType: Record<string, Record<string, Check>> = {
  trigger: {
    ...common,
    what: text,
    who: maybeText,
    triggers: textList,
    intensity: score,
    body: textList,
    thought: maybeText,
    urges: textList,
    protest: textList,
    instead: maybeText,
  },
  pause: {
    ...common,
    for: maybeText,
    urge: maybeText,
    plannedSeconds: seconds,
    elapsedSeconds: seconds,
    completed: flag,
    before: score,
    after: maybeScore,
    passed: maybeFlag,
    activities: textList,
    notes: list,
    next: maybeText,
  },
  reflection: {
    ...common,
    for: maybeText,
    protest: textList,
    situation: maybeText,
    needs: textList,
    hoped: maybeText,
    happened: maybeText,
    felt: maybeText,
    ask: maybeText,
  },
};

// As [field, check] pairs: a plain loop over an array is what V8 runs fastest 100k times.
const byType = new Map(Object.entries(fieldsByType).map(([type, checks]) => [type, Object.entries(checks)]));

const knownKeys = new Map(
  [...byType].map(([type, checks]) => [type, new Set(['id', 'type', 'editedAt', ...checks.map(([field]) => field)])]),
);

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
    // Pause notes may hold objects of any shape; every other known field is checked flat.
    if ((!known.has(key) || key === 'notes') && tooDeep(entry[key])) return true;
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
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (!isRecord(entry)) return fail(`entry ${i + 1} is not a JSON object`);
    const where = () => `entry ${i + 1}${typeof entry.id === 'string' ? ` (${entry.id.slice(0, 8)})` : ''}`;
    if (!nonEmpty.ok(entry.id)) return fail(`${where()} has no "id"`);
    if (!nonEmpty.ok(entry.type)) return fail(`${where()} has no "type"`);
    // A Map, not an object: a type named "constructor" must not reach Object.prototype.
    const checks = byType.get(entry.type as string);
    if (!checks) {
      if (tooDeep(entry)) return fail(`${where()} holds data nested too deeply to handle safely`);
      continue;
    }
    for (const [field, check] of checks) {
      if (!check.ok(entry[field])) return fail(`${where()}: "${field}" should be ${check.want}`);
    }
    if (entry.editedAt !== undefined && !time.ok(entry.editedAt)) return fail(`${where()}: "editedAt" should be ${time.want}`);
    if (hasDeepUnknowns(entry, entry.type as string)) return fail(`${where()} holds data nested too deeply to handle safely`);
  }
  return { ok: true, journal: data as Journal };
}
