import type { Context } from '../context.js';
import { shortId } from '../journal/entries.js';
import { type MergeResult, mergeEntries } from '../journal/merge.js';
import { deletedIds } from '../journal/tombstones.js';
import { readIncoming } from '../parse/import-file.js';
import { parseChoice } from '../parse/values.js';
import { clean } from '../render/clean.js';
import { say } from '../ui/stream.js';

export interface ImportOptions {
  dryRun?: boolean;
  prefer?: string;
}

const SIDES = ['theirs', 'ours'] as const;
/** How many conflicting ids a report names before it says "and N more". */
const NAMED_IDS = 10;
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
    if (added === 0 && conflicts === 0 && result.skipped > 0 && result.stayedDeleted === 0) {
      lines.push(
        `Nothing new: ${result.skipped === 1 ? 'the one entry' : `all ${result.skipped} entries`} in ${file} ` +
          `${result.skipped === 1 ? 'is' : 'are'} already in your journal.`,
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
  if (result.stayedDeleted) {
    const [were, stay] = result.stayedDeleted === 1 ? ['was', 'stays'] : ['were', 'stay'];
    const count = plural(result.stayedDeleted, 'entry', 'entries');
    lines.push(`${count} in the file ${were} deleted here, and ${dryRun ? 'would stay' : stay} deleted.`);
  }
  if (conflicts && prefer === undefined) {
    lines.push(`To take the file's version instead, add --prefer theirs; attach show <id> shows yours.`);
  }
  if (dryRun) lines.push('This was a dry run: nothing was written. Run it again without --dry-run to import.');
  return lines;
}

export async function run(file: string, options: ImportOptions, ctx: Context): Promise<void> {
  const prefer = options.prefer === undefined ? undefined : parseChoice(options.prefer, '--prefer', SIDES);
  const incoming = await readIncoming(file, ctx.passphrase);
  const name = clean(file);
  if (incoming.entries.length === 0) {
    say(ctx.stderr, `${name} has no entries, so there was nothing to import.`);
    return;
  }

  const store = ctx.journal();
  // Deleted here means deleted: a tombstone keeps an entry out whatever the file holds.
  const current = await store.read();
  let result = mergeEntries(current.entries, incoming.entries, prefer, deletedIds(current));
  if (!options.dryRun && result.changed) {
    // Again under the lock, on the journal as it is now: another attach may have written a moment ago.
    result = await store.update((journal) => {
      const merged = mergeEntries(journal.entries, incoming.entries, prefer, deletedIds(journal));
      journal.entries = merged.entries;
      return merged;
    });
  }
  for (const text of summary(result, name, Boolean(options.dryRun), prefer)) say(ctx.stderr, text);
}
