import { fieldLabeller } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { applyFilters } from '../journal/filter.js';
import { type FilterFlags, parseFilters } from '../parse/filters.js';
import { entryLine } from '../render/entries.js';
import { line, say, widthOf, writeJson } from '../ui/stream.js';
import { sayCopiesWaiting } from './copies-waiting.js';

export interface ListOptions extends FilterFlags {
  json?: boolean;
}

export async function run(options: ListOptions, ctx: Context): Promise<void> {
  await show(options, ctx);
  await sayCopiesWaiting(ctx);
}

async function show(options: ListOptions, ctx: Context): Promise<void> {
  const filters = await parseFilters(options, ctx.now());
  // A screenful on a terminal; everything when piped to another program.
  const limit = filters.limit ?? (ctx.stdout.isTTY ? 20 : undefined);
  const journal = await ctx.journal().read();
  const found = applyFilters(journal.entries, { ...filters, limit: undefined });
  const shown = limit === undefined ? found : found.slice(0, limit);

  if (options.json) {
    writeJson(ctx.stdout, shown);
    return;
  }
  if (found.length === 0) {
    const filtered = Object.keys(filters).some((key) => key !== 'limit');
    line(
      ctx.stderr,
      journal.entries.length === 0
        ? 'Your journal is empty so far. When something stirs you up: attach log'
        : filtered
          ? 'No entries match that.'
          : 'No entries yet.',
    );
    return;
  }
  // A row an entry. Piped: whole rows, for grep and friends; on a terminal, each cut to its width.
  const width = ctx.stdout.isTTY ? widthOf(ctx.stdout) : undefined;
  const now = ctx.now();
  const label = fieldLabeller();
  for (const entry of shown) line(ctx.stdout, entryLine(entry, now, width, label));
  if (shown.length < found.length) {
    say(ctx.stderr, ctx.style.dim(`${shown.length} of ${found.length} shown; --limit ${found.length} shows them all.`));
  }
}
