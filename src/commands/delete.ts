import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { findEntry, shortId } from '../journal/entries.js';
import { entryLine, typeWords } from '../render/entries.js';
import { line, say, widthOf } from '../ui/stream.js';

export interface DeleteOptions {
  yes?: boolean;
}

export async function run(id: string, options: DeleteOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const now = ctx.now();
  const label = (await import('../catalogue/catalogue.js')).fieldLabeller();
  const found = findEntry(await store.read(), id, (candidate) => entryLine(candidate, now, undefined, label));
  if (!options.yes) {
    if (!ctx.interactive) throw new UsageError(`To delete ${shortId(found.id)} without a terminal to ask on, add --yes.`);
    line(ctx.stderr, entryLine(found, now, widthOf(ctx.stderr), label));
    const sure = await (await ctx.asker()).confirm({
      message: 'Delete this entry? It can only come back from a backup or an export.',
      default: false,
    });
    if (!sure) {
      say(ctx.stderr, 'Kept it; nothing was deleted.');
      return;
    }
  }
  const unlinked = await store.update((journal) => {
    const index = journal.entries.findIndex((entry) => entry.id === found.id);
    if (index === -1) throw new UsageError(`${shortId(found.id)} was already deleted; nothing changed.`);
    journal.entries.splice(index, 1);
    // Pauses and reflections about a deleted moment stay, without the link.
    const linked = journal.entries.filter((entry) => entry.for === found.id);
    for (const entry of linked) entry.for = null;
    return linked;
  });
  say(ctx.stderr, `Deleted ${shortId(found.id)}.`);
  if (unlinked.length) {
    const kinds = unlinked.map((entry) => `${typeWords(entry.type)} ${shortId(entry.id)}`).join(', ');
    line(
      ctx.stderr,
      `${unlinked.length === 1 ? 'One entry was' : `${unlinked.length} entries were`} linked to it and ${unlinked.length === 1 ? 'stays' : 'stay'}, without the link: ${kinds}.`,
    );
  }
}
