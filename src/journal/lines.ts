import { randomUUID } from 'node:crypto';
import type { Entry, Journal } from './types.js';

/*
 * The journal file holds one entry per line (src/journal/format.ts). A journal
 * read for an update remembers the text it was read from, and an entry that
 * was not changed is written back as the very line it was read from:
 * re-stringifying 20k unchanged entries was most of the cost of adding one.
 *
 * That is only safe while the entry cannot have changed, so every entry of
 * such a journal is deeply frozen: a change in place throws, and a change is
 * a new object (`journal.entries[i] = { ...entry, ...changes }`), which is
 * not among the entries read and is stringified. A line is only ever taken
 * for the very object that was parsed from it.
 */

export const INDENT = '    ';
const ENTRIES_OPEN = '\n  "entries": [\n';
const ENTRIES_CLOSE = '\n  ]';

/** Where the entries of one journal came from. */
interface Source {
  text: string;
  /** The entries as read, in file order (journal.entries itself may change). */
  entries: readonly Entry[];
  /** Entry k was parsed from text.slice(starts[k], ends[k]): its indentation, not its comma. */
  starts: number[];
  ends: number[];
  /** Where each entry is in `entries`, built when first needed. */
  places?: Map<unknown, number>;
}

const sources = new WeakMap<Journal, Source>();

/** The entries' lines of a file in serializeJournal's layout, parsed; the journal is kept apart (see readByLine). */
export interface ReadLines {
  data: unknown;
  /** The entries as parsed, entry k from line k (data.entries may be changed by whoever checks it). */
  parsed: readonly unknown[];
  text: string;
  starts: number[];
  ends: number[];
}

// Stands in for the entries while the rest of the document is parsed; random, so no file can hold it.
let placeholder: string | undefined;

/**
 * A file in serializeJournal's layout, parsed line by line; undefined for any
 * other layout (indented by an editor, all on one line, Windows line ends) or
 * any doubt, and then the whole text is parsed as one. The result is exactly
 * what JSON.parse of the whole gives: each line is parsed as the one value it
 * must hold, and the document around them is parsed by JSON.parse too, with
 * a placeholder where the entries' list was (so duplicate keys, "__proto__"
 * and every other rule of JSON.parse apply to it unchanged). Measured on 100k
 * entries (44 MB, CPU time): one JSON.parse of the whole 364 ms, this 407 ms,
 * the same after split('\n') 460 ms; not stringifying the entries again when
 * they are written saves more than that.
 */
export function readByLine(text: string): ReadLines | undefined {
  const open = text.indexOf(ENTRIES_OPEN);
  if (open === -1) return undefined;
  const close = text.indexOf(ENTRIES_CLOSE, open + ENTRIES_OPEN.length);
  if (close === -1) return undefined;
  const entries: unknown[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = open + ENTRIES_OPEN.length; ; ) {
    const next = text.indexOf('\n', at);
    const last = next === close;
    // Every line but the last ends with the comma between entries.
    const end = last ? close : next - 1;
    if (!text.startsWith(INDENT, at) || next === -1 || next > close || (!last && text.charCodeAt(end) !== 0x2c)) return undefined;
    try {
      // The indentation too: JSON.parse skips it.
      entries.push(JSON.parse(text.slice(at, end)));
    } catch {
      return undefined;
    }
    starts.push(at);
    ends.push(end);
    if (last) break;
    at = next + 1;
  }
  placeholder ??= `attach entries ${randomUUID()}`;
  let data: unknown;
  try {
    data = JSON.parse(`${text.slice(0, open)}\n  "entries": ${JSON.stringify(placeholder)}${text.slice(close + ENTRIES_CLOSE.length)}`);
  } catch {
    return undefined;
  }
  // Anything else (the placeholder inside another field, a later "entries" key) is not this layout.
  if (typeof data !== 'object' || data === null || (data as Journal).entries !== (placeholder as unknown)) return undefined;
  (data as Journal).entries = entries as Entry[];
  return { data, parsed: entries.slice(), text, starts, ends };
}

/** Freezes a value read from the file and everything inside it (inside out: measured faster). */
function freezeDeep(value: object): void {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) freezeDeep(item);
  } else {
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) freezeDeep(child);
    }
  }
  Object.freeze(value);
}

/**
 * Makes a checked journal read for an update safe to write back by its lines:
 * every entry frozen, and, when it was read by line, the text remembered.
 */
export function keepLines(journal: Journal, read: ReadLines | undefined): void {
  for (const entry of journal.entries) freezeDeep(entry);
  if (!read) return;
  // Only the very objects parsed from the lines, in their order: were the checks ever to hand back other objects (copies,
  // a filtered list), nothing is kept and every entry is stringified.
  const entries = journal.entries.slice();
  if (entries.length !== read.parsed.length || entries.some((entry, k) => entry !== read.parsed[k])) return;
  sources.set(journal, { text: read.text, entries, starts: read.starts, ends: read.ends });
}

/** Where `entry` was read in `source`, or -1 (a new or replaced entry). */
function placeOf(source: Source, entry: unknown, expected: number): number {
  // Every entry read is frozen, so one that is not was never read: no need to look it up.
  if (typeof entry !== 'object' || entry === null || !Object.isFrozen(entry)) return -1;
  if (source.entries[expected] === entry) return expected;
  source.places ??= new Map(source.entries.map((read, k) => [read, k]));
  return source.places.get(entry) ?? -1;
}

/**
 * The journal's entries, one a line, joined by ",\n": entries read from its
 * file as the lines they were, a run of them that was consecutive there as
 * one piece of that text (adding one entry to 20k joins two pieces, not
 * 20,001), and every other entry stringified.
 */
export function entryLines(journal: Journal, entries: readonly unknown[]): string {
  const source = sources.get(journal);
  let text = '';
  const add = (piece: string) => {
    // Concatenated, not joined: join copies 8 MB into a new string, which writing then reads and copies again.
    text = text === '' ? piece : `${text},\n${piece}`;
  };
  let expected = 0;
  for (let i = 0; i < entries.length; ) {
    const first = source ? placeOf(source, entries[i], expected) : -1;
    if (first === -1) {
      add(`${INDENT}${JSON.stringify(entries[i])}`);
      i++;
      continue;
    }
    let last = first;
    for (i++; i < entries.length && source!.entries[last + 1] === entries[i]; i++) last++;
    add(source!.text.slice(source!.starts[first], source!.ends[last]));
    expected = last + 1;
  }
  return text;
}
