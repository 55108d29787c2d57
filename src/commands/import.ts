import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { Keyring, readEnvelope } from '../journal/crypto.js';
import { shortId } from '../journal/entries.js';
import { incomingProblem, utf8Problem } from '../journal/incoming.js';
import { type MergeResult, mergeEntries } from '../journal/merge.js';
import type { Journal } from '../journal/types.js';
import { checkJournal } from '../journal/validate.js';
import { parseChoice } from '../parse/values.js';
import { clean } from '../render/clean.js';
import { line } from '../ui/stream.js';

export interface ImportOptions {
  dryRun?: boolean;
  prefer?: string;
}

const SIDES = ['theirs', 'ours'] as const;
/** How many conflicting ids a report names before it says "and N more". */
const NAMED_IDS = 10;
const WHAT_IT_TAKES = 'import takes an attach JSON file, such as one written by `attach export`';

/**
 * Reads and checks the whole file before anything is written, and takes only
 * what it can keep exactly as it is (incoming.ts). Everything wrong with it is
 * the input's fault, not the journal's: exit 2, the journal is not touched.
 */
async function readIncoming(file: string, passphrase?: () => Promise<string>): Promise<Journal> {
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
      throw new UsageError(
        `${name} is encrypted, and ${passphrase ? 'that passphrase does not open it' : 'there is no passphrase to open it (ATTACH_PASSPHRASE, or a terminal)'}; nothing was imported.`,
      );
    }
  }
  refuseIf(utf8Problem(bytes));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = clean((error as Error).message.replace(/\s+/g, ' ')).slice(0, 100);
    throw new UsageError(`${name} is not valid JSON (${reason}), so nothing was imported; ${WHAT_IT_TAKES}.`);
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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function idList(result: MergeResult): string {
  const ids = result.conflicts.slice(0, NAMED_IDS).map((conflict) => shortId(clean(conflict.id)));
  const more = result.conflicts.length - ids.length;
  return `${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** What happened (or would happen), in a sentence or two. */
function summary(result: MergeResult, file: string, dryRun: boolean, prefer: string | undefined): string[] {
  const added = result.added.length;
  const conflicts = result.conflicts.length;
  const lines: string[] = [];
  const parts: string[] = [];
  if (dryRun) {
    parts.push(added ? `Would add ${plural(added, 'entry', 'entries')}` : 'Nothing new to add');
    if (result.skipped) parts.push(`${result.skipped} ${result.skipped === 1 ? 'is' : 'are'} already here`);
    if (conflicts) {
      const how = prefer === 'theirs' ? "the file's version would replace yours" : 'yours would stay';
      parts.push(`${conflicts} ${conflicts === 1 ? 'differs' : 'differ'} (${how}: ${idList(result)})`);
    }
  } else {
    if (added === 0 && conflicts === 0 && result.skipped > 0) {
      lines.push(
        `Nothing new: ${result.skipped === 1 ? 'the one entry' : `all ${result.skipped} entries`} in ${file} ${result.skipped === 1 ? 'is' : 'are'} already in your journal.`,
      );
    } else {
      parts.push(added ? `Added ${plural(added, 'entry', 'entries')}` : 'Nothing new was added');
      if (result.skipped) parts.push(`${result.skipped} ${result.skipped === 1 ? 'was' : 'were'} already here`);
      if (conflicts) {
        const how = prefer === 'theirs' ? "took the file's version" : prefer === 'ours' ? 'kept yours, as asked' : 'kept yours';
        parts.push(`${conflicts} differed (${how}: ${idList(result)})`);
      }
    }
  }
  if (parts.length) lines.push(`${parts.join('; ')}.`);
  if (result.duplicates)
    lines.push(
      `${plural(result.duplicates, 'entry', 'entries')} in the file repeated an id already used there; the first of each was used.`,
    );
  if (conflicts && prefer === undefined) {
    lines.push(`To take the file's version instead, add --prefer theirs; \`attach show <id>\` shows yours.`);
  }
  if (dryRun) lines.push('This was a dry run: nothing was written. Run it again without --dry-run to import.');
  return lines;
}

export async function run(file: string, options: ImportOptions, ctx: Context): Promise<void> {
  const prefer = options.prefer === undefined ? undefined : parseChoice(options.prefer, '--prefer', SIDES);
  const incoming = await readIncoming(file, ctx.passphrase);
  const name = clean(file);
  if (incoming.entries.length === 0) {
    line(ctx.stderr, `${name} has no entries, so there was nothing to import.`);
    return;
  }

  const store = ctx.journal();
  let result = mergeEntries((await store.read()).entries, incoming.entries, prefer);
  if (!options.dryRun && result.changed) {
    // Again under the lock, on the journal as it is now: another attach may have written a moment ago.
    result = await store.update((journal) => {
      const merged = mergeEntries(journal.entries, incoming.entries, prefer);
      journal.entries = merged.entries;
      return merged;
    });
  }
  for (const text of summary(result, name, Boolean(options.dryRun), prefer)) line(ctx.stderr, text);
}
