import { fieldLabeller } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { findEntry } from '../journal/entries.js';
import { entryDetail, entryLine } from '../render/entries.js';
import { line, widthOf, writeJson } from '../ui/stream.js';

export interface ShowOptions {
  json?: boolean;
}

export async function run(id: string, options: ShowOptions, ctx: Context): Promise<void> {
  const journal = await ctx.journal().read();
  const now = ctx.now();
  const label = fieldLabeller();
  const entry = findEntry(journal, id, (candidate) => entryLine(candidate, now, undefined, label));
  const linked = journal.entries.filter((other) => other.for === entry.id);

  if (options.json) {
    writeJson(ctx.stdout, { ...entry, linked: linked.map((other) => other.id) });
    return;
  }
  const target = typeof entry.for === 'string' ? journal.entries.find((other) => other.id === entry.for) : undefined;
  // A link to a deleted entry reads as none while it is deleted; an undo brings it back (journal/tombstones.ts).
  const shown = typeof entry.for === 'string' && !target ? { ...entry, for: null } : entry;
  for (const text of entryDetail(shown, linked, now, label, target, widthOf(ctx.stdout))) line(ctx.stdout, text);
}
