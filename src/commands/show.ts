import { fieldLabeller } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { findEntry } from '../journal/entries.js';
import { entryDetail, entryLine } from '../render/entries.js';
import { line, writeJson } from '../ui/stream.js';

export interface ShowOptions {
  json?: boolean;
}

export async function run(id: string, options: ShowOptions, ctx: Context): Promise<void> {
  const journal = await ctx.journal().read();
  const now = ctx.now();
  const entry = findEntry(journal, id, (candidate) => entryLine(candidate, now));
  const linked = journal.entries.filter((other) => other.for === entry.id);

  if (options.json) {
    writeJson(ctx.stdout, { ...entry, linked: linked.map((other) => other.id) });
    return;
  }
  const label = fieldLabeller();
  const target = typeof entry.for === 'string' ? journal.entries.find((other) => other.id === entry.for) : undefined;
  for (const text of entryDetail(entry, linked, now, label, target)) line(ctx.stdout, text);
}
