import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { Keyring, readEnvelope } from '../journal/crypto.js';
import { incomingProblem, utf8Problem } from '../journal/incoming.js';
import type { Journal } from '../journal/types.js';
import { checkJournal } from '../journal/validate.js';
import { clean } from '../render/clean.js';

/* The file `attach import` (and nothing else) is given: read, opened and checked whole before anything is written. */

const WHAT_IT_TAKES = 'import takes an attach JSON file, such as one written by attach export';

/**
 * Reads and checks the whole file before anything is written, and takes only
 * what it can keep exactly as it is (incoming.ts). Everything wrong with it is
 * the input's fault, not the journal's: exit 2, the journal is not touched.
 */
export async function readIncoming(file: string, passphrase?: () => Promise<string>): Promise<Journal> {
  const name = clean(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.resolve(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`There is no file at ${name}. Check the path; nothing was imported.`);
    if (code === 'EISDIR') throw new UsageError(`${name} is a folder; ${WHAT_IT_TAKES}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`attach is not allowed to read ${name}; nothing was imported.`);
    throw new UsageError(`${name} can't be read (${code ?? (error as Error).message}); nothing was imported.`);
  }
  const refuseIf = (problem: string | null) => {
    if (problem) throw new UsageError(`${name} can't be imported: ${clean(problem)}. Nothing was imported.`);
  };
  let text = bytes.toString('utf8');
  // An encrypted file (a backup of an encrypted journal) opens with the same passphrase.
  const envelope = (() => {
    try {
      return readEnvelope(text, name);
    } catch {
      throw new UsageError(`${name} is encrypted but damaged, so nothing was imported.`);
    }
  })();
  if (envelope) {
    try {
      bytes = (await new Keyring(passphrase).unsealBytes(text, name)) ?? bytes;
      text = bytes.toString('utf8');
    } catch {
      const why = passphrase ? 'that passphrase does not open it' : 'there is no passphrase to open it (ATTACH_PASSPHRASE, or a terminal)';
      throw new UsageError(`${name} is encrypted, and ${why}; nothing was imported.`);
    }
  }
  refuseIf(utf8Problem(bytes));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // The parser's words help with a JSON file that is damaged; of a CSV or Markdown file they would say only that it
    // is not JSON, in jargon ("Unexpected token 'o', "not json" is not valid JSON").
    const meantAsJson = /^\s*[[{]/.test(text);
    const reason = meantAsJson ? ` (${clean((error as Error).message.replace(/\s+/g, ' ')).slice(0, 100)})` : '';
    const kind = /\.csv$/i.test(name) ? 'a CSV file, not JSON' : /\.(md|markdown)$/i.test(name) ? 'Markdown, not JSON' : 'not valid JSON';
    throw new UsageError(`${name} is ${kind}${reason}, so nothing was imported; ${WHAT_IT_TAKES}.`);
  }
  const checked = checkJournal(data);
  if (checked.ok) {
    refuseIf(incomingProblem(checked.journal, text));
    return checked.journal;
  }
  if (checked.newer)
    throw new UsageError(`${name} can't be imported yet: ${checked.problem}. Update attach, then import it again; nothing was imported.`);
  throw new UsageError(`${name} is not an attach journal that can be imported: ${clean(checked.problem)}. Nothing was imported.`);
}
