import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { findEntry, shortId } from '../journal/entries.js';
import type { Entry } from '../journal/types.js';
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
    const linked: Entry[] = [];
    for (const [i, entry] of journal.entries.entries()) {
      if (entry.for !== found.id) continue;
      // A new object, never a change in place: entries read from the file are frozen, and an unchanged one is written as it was read.
      const unlinked = { ...entry, for: null };
      journal.entries[i] = unlinked;
      linked.push(unlinked);
    }
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
