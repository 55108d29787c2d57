import { fieldLabeller } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { findEntry, shortId } from '../journal/entries.js';
import { deleteEntry, purgeTrashed, TRASH_DAYS, undoable } from '../journal/tombstones.js';
import type { Entry, Journal } from '../journal/types.js';
import { clean } from '../render/clean.js';
import { entryLine, typeWords } from '../render/entries.js';
import { command } from '../render/wrap.js';
import { line, say, widthOf } from '../ui/stream.js';

/*
 * `attach delete <id>`: the entry goes to the trash for 7 days (`attach
 * undo` brings it back) and leaves a tombstone, so no merge or import brings
 * it back; `--purge` removes its words at once, also from the trash.
 * Entries linked to it stay as they are (src/journal/tombstones.ts).
 */

export interface DeleteOptions {
  yes?: boolean;
  purge?: boolean;
}

// A question is not wrapped by attach (the prompt shows it), so its command is written plainly.
const QUESTION = `Delete this entry? You can bring it back with attach undo for ${TRASH_DAYS} days.`;
const PURGE_QUESTION = "Delete this entry for good? Its words can't be brought back.";
const FOR_GOOD =
  'only its id stays in your journal, so no copy or import brings it back. ' +
  `Backups from the last ${TRASH_DAYS} days may still hold it.`;

/** --yes, or yes on the terminal; false when the person keeps it. */
async function agreed(entry: Entry, question: string, options: DeleteOptions, ctx: Context): Promise<boolean> {
  if (options.yes) return true;
  if (!ctx.interactive) throw new UsageError(`To delete ${shortId(entry.id)} without a terminal to ask on, add --yes.`);
  line(ctx.stderr, entryLine(entry, ctx.now(), widthOf(ctx.stderr), fieldLabeller()));
  if (await (await ctx.asker()).confirm({ message: question, default: false })) return true;
  say(ctx.stderr, 'Kept it; nothing was deleted.');
  return false;
}

/** `--purge` of an entry already in the trash: its words go, its tombstone stays. */
async function purgeFromTrash(journal: Journal, id: string, options: DeleteOptions, ctx: Context): Promise<boolean> {
  const wanted = id.trim().toLowerCase();
  const matches = undoable(journal).filter((item) => item.id.toLowerCase().startsWith(wanted));
  if (matches.length !== 1) return false;
  const { entry } = matches[0]!;
  if (!(await agreed(entry, PURGE_QUESTION, options, ctx))) return true;
  await ctx.journal().update((current) => purgeTrashed(current, entry.id));
  say(ctx.stderr, `Removed the words of ${shortId(clean(entry.id))} for good: ${FOR_GOOD}`);
  return true;
}

export async function run(id: string, options: DeleteOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const now = ctx.now();
  const journal = await store.read();
  let found: Entry;
  try {
    const label = fieldLabeller();
    found = findEntry(journal, id, (candidate) => entryLine(candidate, now, undefined, label));
  } catch (error) {
    // --purge also takes an entry already deleted, to remove its words from the trash.
    if (error instanceof UsageError && options.purge && (await purgeFromTrash(journal, id, options, ctx))) return;
    throw error;
  }
  if (!(await agreed(found, options.purge ? PURGE_QUESTION : QUESTION, options, ctx))) return;
  const linked = await store.update((current) => {
    if (!deleteEntry(current, found.id, ctx.now(), options.purge))
      throw new UsageError(`${shortId(found.id)} was already deleted; nothing changed.`);
    return current.entries.filter((entry) => entry.for === found.id);
  });
  const short = shortId(clean(found.id));
  say(
    ctx.stderr,
    options.purge
      ? `Deleted ${short} for good: ${FOR_GOOD}`
      : `Deleted ${short}. You can bring it back with ${command('attach undo')} for ${TRASH_DAYS} days.`,
  );
  if (linked.length) {
    const kinds = linked.map((entry) => `${typeWords(entry.type)} ${shortId(clean(entry.id))}`).join(', ');
    const stay = `${linked.length === 1 ? 'One entry linked to it stays' : `${linked.length} entries linked to it stay`}`;
    const link = linked.length === 1 ? 'its link comes' : 'their links come';
    say(ctx.stderr, options.purge ? `${stay}, without the link: ${kinds}.` : `${stay}: ${kinds}; ${link} back if you bring it back.`);
  }
}
