import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { isCalendarDay } from '../time/calendar.js';
import { fieldsOf } from './fields.js';
import type { Journal } from './types.js';

/*
 * What `attach import` takes, beyond the journal's own checks: only what it
 * can keep exactly as it is. Refused, with the entry and the field named:
 * bytes that are not UTF-8 (they would become U+FFFD), an id that is not a
 * UUID (a line break in one splits a row of `attach list`), a link that is
 * neither a UUID nor null, a date that is not on the calendar (2026-02-31
 * would be shown as "Tue 31 Feb"), and a number JSON can't keep as written
 * (1e400 becomes null, a 30-digit integer is rounded). Pure: bytes and text
 * in, one line out.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a problem is: an entry (from 1) and the path of its field, or a field of the file itself. */
interface Place {
  entry?: number;
  id?: string;
  field: string;
}

function where(place: Place): string {
  if (place.entry === undefined) return `its "${place.field}"`;
  const id = place.id !== undefined && UUID.test(place.id) ? ` (${place.id.slice(0, 8)})` : '';
  return `entry ${place.entry}${id}, "${place.field}",`;
}

/** A value as it can be shown on one line: quoted, escaped as JSON, at most 60 characters. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The first byte of `bytes` that does not begin valid UTF-8, or -1 (RFC 3629: no overlong forms, no surrogates). */
export function invalidUtf8At(bytes: Uint8Array): number {
  // Node's own check reads 44 MB in about 5 ms; only a file that is not UTF-8 is read byte by byte, to say where.
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const more = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= more; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}

/**
 * The entry and field holding the text at `offset` (a place inside a JSON
 * string of `text`), found by putting a marker there and parsing again;
 * null when it is not inside a string of an object.
 */
function locate(text: string, offset: number, length: number, quoted: boolean): Place | null {
  const marker = `attach-${randomUUID()}`;
  const piece = quoted ? JSON.stringify(marker) : marker;
  let data: unknown;
  try {
    data = JSON.parse(`${text.slice(0, offset)}${piece}${text.slice(offset + length)}`);
  } catch {
    return null;
  }
  const path = find(data, marker, []);
  if (!path) return null;
  const root = data as { entries?: unknown[] };
  if (path[0] === 'entries' && typeof path[1] === 'number') {
    const entry = root.entries?.[path[1]] as Record<string, unknown> | undefined;
    return { entry: path[1] + 1, id: typeof entry?.id === 'string' ? entry.id : undefined, field: fieldPath(path.slice(2)) };
  }
  return { field: fieldPath(path) };
}

function fieldPath(path: (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('') || 'the entry itself';
}

function find(value: unknown, marker: string, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes(marker) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(marker)) return [...path, key];
    const found = find(child, marker, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

/** Why bytes that are not UTF-8 can't be imported, naming where they are. */
export function utf8Problem(bytes: Uint8Array): string | null {
  const at = invalidUtf8At(bytes);
  if (at === -1) return null;
  // The prefix before the first bad byte is whole UTF-8, so its length in characters is where the bad one sits.
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, at).toString('utf8').length;
  const place = locate(Buffer.from(bytes).toString('utf8'), before, 1, false);
  const what = `is not valid UTF-8 (byte ${at} of the file), so it could not be kept as it is`;
  return place ? `${where(place)} ${what}` : `it ${what}`;
}

/** Whether a JSON number token means exactly the number JSON.parse gives (and JSON.stringify writes). */
function keepable(token: string): boolean {
  const n = Number(token);
  return Number.isFinite(n) && decimal(token) === decimal(String(n));
}

/** A decimal literal as sign, significant digits and exponent, so that 1.50e2 and 150 compare equal. */
function decimal(literal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return literal;
  const fraction = m[3] ?? '';
  let digits = `${m[2]}${fraction}`.replace(/^0+/, '');
  let exponent = Number(m[4] ?? 0) - fraction.length;
  if (digits === '') return '0';
  const zeros = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - zeros);
  exponent += zeros;
  return `${m[1]}${digits}e${exponent}`;
}

/** Why a number in the file can't be imported as written, naming where it is. */
function numberProblem(text: string): string | null {
  const tokens = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    const token = m[0];
    if (token.startsWith('"') || keepable(token)) continue;
    const n = Number(token);
    const becomes = Number.isFinite(n) ? JSON.stringify(n) : 'null';
    const place = locate(text, m.index, token.length, true);
    const written = token.length > 60 ? `${token.slice(0, 57)}...` : token;
    const what = `holds ${written}, a number JSON can't keep as written (it would become ${becomes})`;
    return place ? `${where(place)} ${what}` : `it ${what}`;
  }
  return null;
}

/**
 * A time a person could have lived: its date on the calendar. Its shape (and
 * a day from 01 to 31) was checked with the journal, so only the 29th to the
 * 31st are looked up.
 */
function realDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const day = (value.charCodeAt(8) - 48) * 10 + value.charCodeAt(9) - 48;
  return day <= 28 || isCalendarDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), day);
}

/** Whether a value holds a number anywhere (its depth was bounded with the journal). */
function holdsNumber(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (value === null || typeof value !== 'object') return false;
  for (const child of Object.values(value)) if (holdsNumber(child)) return true;
  return false;
}

/** What import looks at in an entry of each type, from the fields table as it is now (tests add fields to it). */
interface Known {
  names: Set<string>;
  dates: string[];
  links: string[];
  /** Checked with the journal but able to hold a number of any size: notes hold anything, seconds any whole number. */
  notes: string[];
  seconds: string[];
}

function knownFields(type: string, cache: Map<string, Known | null>): Known | null {
  let known = cache.get(type);
  if (known !== undefined) return known;
  const fields = fieldsOf(type);
  const named = (kind: string) => fields.filter((f) => f.kind === kind).map((f) => f.name);
  known =
    fields.length === 0
      ? null
      : {
          names: new Set(['id', 'type', 'editedAt', ...fields.map((f) => f.name)]),
          dates: [...named('time'), 'editedAt'],
          links: named('link'),
          notes: named('notes'),
          seconds: named('seconds'),
        };
  cache.set(type, known);
  return known;
}

/**
 * Why a journal that passed its checks can't be imported as it is: an id, a
 * link or a date first, then a number. Numbers are read from `text` (its raw
 * numbers) only when the journal holds one a check has not bounded, in a
 * field attach does not know, in notes or in seconds: scanning 44 MB costs
 * about as much as parsing it, and most files hold none.
 */
export function incomingProblem(journal: Journal, text: string): string | null {
  const cache = new Map<string, Known | null>();
  let numbers = false;
  for (let i = 0; i < journal.entries.length; i++) {
    const entry = journal.entries[i]!;
    if (!UUID.test(entry.id)) {
      const like = "attach's ids look like 5f0c2d9e-1b7a-4c1e-9a55-0b1c9f3e2a71";
      return `${where({ entry: i + 1, field: 'id' })} ${shown(entry.id)}, is not a UUID (${like})`;
    }
    const known = knownFields(entry.type, cache);
    if (!known) {
      numbers ||= holdsNumber(entry);
      continue;
    }
    for (const name of known.links) {
      const value = entry[name];
      if (value !== null && value !== undefined && !(typeof value === 'string' && UUID.test(value))) {
        return `${where({ entry: i + 1, id: entry.id, field: name })} ${shown(value)}, is not the id of an entry (a UUID) nor null`;
      }
    }
    for (const name of known.dates) {
      const value = entry[name];
      if (value !== undefined && !realDate(value))
        return `${where({ entry: i + 1, id: entry.id, field: name })} ${shown(value)}, is not a date on the calendar`;
    }
    if (numbers) continue;
    for (const name of known.notes) numbers ||= holdsNumber(entry[name]);
    for (const name of known.seconds) numbers ||= entry[name] !== undefined && !Number.isSafeInteger(entry[name]);
    for (const key in entry) numbers ||= !known.names.has(key) && holdsNumber(entry[key]);
  }
  // The version was checked as a small whole number.
  for (const key in journal)
    numbers ||= key !== 'entries' && key !== 'version' && holdsNumber((journal as unknown as Record<string, unknown>)[key]);
  return numbers ? numberProblem(text) : null;
}
