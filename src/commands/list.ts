import { UsageError } from '../errors.js';
import { newestFirst } from '../journal/entries.js';
import { ENTRY_TYPES } from '../journal/types.js';
import { entryLine } from '../render/entries.js';
import { line, type Context } from '../ui/terminal.js';

export interface ListOptions {
  type?: string;
  limit?: string;
  json?: boolean;
}

export async function run(options: ListOptions, ctx: Context): Promise<void> {
  if (options.type !== undefined && !(ENTRY_TYPES as readonly string[]).includes(options.type)) {
    throw new UsageError(`--type takes one of ${ENTRY_TYPES.join(', ')} (you gave "${options.type}").`);
  }
  let limit: number | undefined;
  if (options.limit !== undefined) {
    if (!/^\d+$/.test(options.limit) || Number(options.limit) < 1) {
      throw new UsageError(`--limit takes a whole number of entries, 1 or more (you gave "${options.limit}").`);
    }
    limit = Number(options.limit);
  } else if (ctx.stdout.isTTY) {
    // A screenful on a terminal; everything when piped to another program.
    limit = 20;
  }

  const journal = await ctx.journal().read();
  const all = newestFirst(journal.entries).filter((entry) => !options.type || entry.type === options.type);
  const shown = limit === undefined ? all : all.slice(0, limit);

  if (options.json) {
    line(ctx.stdout, JSON.stringify(shown, null, 2));
    return;
  }
  if (all.length === 0) {
    line(ctx.stderr, options.type ? `No ${options.type} entries yet.` : 'Your journal is empty so far. When something stirs you up: attach log');
    return;
  }
  const width = ctx.stdout.isTTY ? ctx.stdout.columns : undefined;
  const now = ctx.now();
  for (const entry of shown) line(ctx.stdout, entryLine(entry, now, width));
  if (shown.length < all.length) {
    line(ctx.stderr, ctx.style.dim(`${shown.length} of ${all.length} shown; --limit ${all.length} shows them all.`));
  }
}
