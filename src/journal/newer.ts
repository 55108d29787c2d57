import { JOURNAL_VERSION } from './types.js';

/*
 * One verdict on a file written by a newer attach, and its words: a journal
 * (whole or damaged) or an envelope whose version is above what this attach
 * reads is never rewritten, repaired or guessed at.
 */

export interface NewerFormat {
  /** The version the file says it has. */
  version: number;
  /** The newest version this attach reads. */
  reads: number;
}

/** The verdict when `version` is newer than `reads`; null when this attach can read it (or it is no version at all). */
export function newerFormat(version: unknown, reads: number = JOURNAL_VERSION): NewerFormat | null {
  return typeof version === 'number' && Number.isInteger(version) && version > reads ? { version, reads } : null;
}

/** Of a journal that opens: "it was written in format 2, newer than this attach reads (1)". */
export function newerProblem(newer: NewerFormat): string {
  return `it was written in format ${newer.version}, newer than this attach reads (${newer.reads})`;
}

/** Of a damaged journal whose version can still be read: "it was written by a newer attach (format 2)". */
export function newerWriter(newer: NewerFormat): string {
  return `it was written by a newer attach (format ${newer.version})`;
}

/** Of an encryption envelope: "encrypted in a newer format (2)". */
export function newerEnvelope(newer: NewerFormat): string {
  return `encrypted in a newer format (${newer.version})`;
}
