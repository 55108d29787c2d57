import { JournalError } from '../errors.js';
import { command } from '../held-together.js';
import { entryLines, keepLines, readByLine } from './lines.js';
import type { Journal } from './types.js';
import { checkJournal } from './validate.js';

/**
 * The file is one JSON document with one entry per line inside "entries":
 * smaller than indented JSON, readable, and friendly to diff and sync tools
 * (a damaged file can still be recovered line by line). A journal read for
 * an update writes its unchanged entries back as the lines they were read
 * from (src/journal/lines.ts).
 */
export function serializeJournal(journal: Journal): string {
  let fields = '';
  for (const [key, value] of Object.entries(journal)) {
    const body =
      key === 'entries' && Array.isArray(value) && value.length > 0 ? `[\n${entryLines(journal, value)}\n  ]` : JSON.stringify(value);
    // Concatenated, not joined: the entries are most of the file, and join would copy them once more.
    fields = `${fields}${fields === '' ? '' : ',\n'}  ${JSON.stringify(key)}: ${body}`;
  }
  return `{\n${fields}\n}\n`;
}

export interface ParseOptions {
  /**
   * The journal will be written back (read under the lock, by update): it is
   * read line by line, its entries are deeply frozen, and unchanged ones are
   * written back as their lines. A journal only read needs none of it and is
   * spared the cost (freezing 100k entries takes about a third as long as
   * parsing them).
   */
  forUpdate?: boolean;
}

/** Parses and validates a journal's text; anything unsafe is a JournalError (exit 3). */
export function parseJournal(text: string, file: string, options: ParseOptions = {}): Journal {
  const keep = 'The file was left exactly as it is.';
  // A byte-order mark is legal in a UTF-8 file but not in JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const byLine = options.forUpdate ? readByLine(body) : undefined;
  let data: unknown = byLine?.data;
  if (!byLine) {
    try {
      data = JSON.parse(body);
    } catch (error) {
      throw new JournalError(`Your journal at ${file} can't be read: it is not valid JSON (${(error as Error).message}). ${keep}`, [
        restoreHint(),
      ]);
    }
  }
  const checked = checkJournal(data);
  if (checked.ok) {
    if (options.forUpdate) keepLines(checked.journal, byLine);
    return checked.journal;
  }
  if (checked.newer) {
    throw new JournalError(`Your journal at ${file} can't be opened: ${checked.problem}. ${keep}`, [
      'Update attach to the newest version to open it.',
    ]);
  }
  throw new JournalError(`Your journal at ${file} can't be used safely: ${checked.problem}. ${keep}`, [restoreHint()]);
}

/**
 * What to do about a journal that can't be read: the repair, which keeps the damaged file aside, saves every entry
 * it can and adds the newest backup that opens, and asks before it changes anything. A backups folder alone was
 * named before, and a journal not yet a day old has none.
 */
function restoreHint(): string {
  return `${command('attach doctor --repair')} shows what it can save and asks before it changes anything.`;
}
