import path from 'node:path';
import { JournalError } from '../errors.js';
import type { Journal } from './types.js';
import { checkJournal } from './validate.js';

/**
 * The file is one JSON document with one entry per line inside "entries":
 * smaller than indented JSON, readable, and friendly to diff and sync tools
 * (a damaged file can still be recovered line by line).
 */
export function serializeJournal(journal: Journal): string {
  const fields = Object.entries(journal).map(([key, value]) => {
    const body =
      key === 'entries' && Array.isArray(value) && value.length > 0
        ? `[\n${value.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n')}\n  ]`
        : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** Parses and validates a journal's text; anything unsafe is a JournalError (exit 3). */
export function parseJournal(text: string, file: string): Journal {
  const keep = 'The file was left exactly as it is.';
  let data: unknown;
  try {
    // A byte-order mark is legal in a UTF-8 file but not in JSON.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new JournalError(`Your journal at ${file} can't be read: it is not valid JSON (${(error as Error).message}). ${keep}`, [
      restoreHint(file),
    ]);
  }
  const checked = checkJournal(data);
  if (checked.ok) return checked.journal;
  if (checked.newer) {
    throw new JournalError(`Your journal at ${file} can't be opened: ${checked.problem}. ${keep}`, [
      'Update attach to the newest version to open it.',
    ]);
  }
  throw new JournalError(`Your journal at ${file} can't be used safely: ${checked.problem}. ${keep}`, [restoreHint(file)]);
}

function restoreHint(file: string): string {
  return `A copy from each of the last days you wrote is kept in ${path.join(path.dirname(file), 'backups')}; you can copy one back over it.`;
}
