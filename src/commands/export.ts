import path from 'node:path';
import { fieldLabeller } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { resolveTarget, writeAtomic } from '../journal/atomic-file.js';
import { matches } from '../journal/filter.js';
import { serializeJournal } from '../journal/format.js';
import { JOURNAL_VERSION, type Journal } from '../journal/types.js';
import { type FilterFlags, parseFilters } from '../parse/filters.js';
import { parseChoice } from '../parse/values.js';
import { BIDI, noBidi } from '../render/clean.js';
import { csvChunks } from '../render/csv.js';
import { renderJournalMarkdown } from '../render/journal-md.js';
import { line, say } from '../ui/stream.js';
import { whoCanRead } from '../ui/who-can-read.js';

export interface ExportOptions extends Omit<FilterFlags, 'limit'> {
  format?: string;
  out?: string;
}

const FORMATS = ['json', 'csv', 'md'] as const;

/**
 * Data shown on a terminal must not drive it: an escape sequence inside a
 * note (or a file imported from elsewhere) is made visible. JSON keeps the
 * same value with a \u escape, so what is copied from the screen still imports.
 */
function forTerminal(text: string, format: (typeof FORMATS)[number]): string {
  const hex = (c: string) =>
    c
      .charCodeAt(0)
      .toString(16)
      .padStart(format === 'json' ? 4 : 2, '0');
  // JSON.stringify already escapes C0 controls; C1 (0x80-0x9f), DEL and the bidirectional controls pass through it.
  if (format === 'json') return text.replace(/[\u007f-\u009f]/g, (c) => `\\u${hex(c)}`).replace(BIDI, (c) => `\\u${hex(c)}`);
  return noBidi(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g, (c) => `\\x${hex(c)}`));
}

/**
 * The JSON export: the journal format itself. A whole export keeps the
 * tombstones (ids, no words), so merging it into a copy elsewhere keeps the
 * deletes; never the trash, whose words were deleted.
 */
function jsonExport(journal: Journal, entries: Journal['entries'], filtered: boolean): Journal {
  return { version: JOURNAL_VERSION, entries, ...(!filtered && journal.deleted?.length ? { deleted: journal.deleted } : {}) };
}

export async function run(options: ExportOptions, ctx: Context): Promise<void> {
  const format = options.format === undefined ? 'json' : parseChoice(options.format, '--format', FORMATS);
  const filters = await parseFilters(options, ctx.now());
  const out = options.out === undefined ? undefined : path.resolve(options.out);
  // Writing an export over the journal would replace it with a part of itself.
  const real = (file: string) => resolveTarget(file).catch(() => file);
  if (out !== undefined && (await real(out)) === (await real(path.resolve(ctx.file)))) {
    throw new UsageError(`-o, --out: ${out} is your journal itself; choose another file for the export.`);
  }

  const journal = await ctx.journal().read();
  // In the journal's own order (oldest first as written), so a JSON export imports as it was.
  const filtered = Object.keys(filters).length > 0;
  const entries = filtered ? journal.entries.filter((entry) => matches(entry, filters)) : journal.entries;

  const onTerminal = out === undefined ? Boolean(ctx.stdout.isTTY) : Boolean(ctx.stderr.isTTY);
  if (onTerminal)
    say(ctx.stderr, ctx.style.dim('An export is not encrypted: anyone who gets a copy can read it. Keep it somewhere private.'));
  if (entries.length === 0) {
    line(
      ctx.stderr,
      journal.entries.length === 0
        ? 'Your journal is empty so far, so the export has no entries.'
        : filtered
          ? 'No entries match that, so the export has none.'
          : 'The export has no entries.',
    );
  }

  // CSV, the format of large exports, goes out in pieces; the others are written whole.
  const pieces: Iterable<string> =
    format === 'csv'
      ? csvChunks(entries)
      : [format === 'json' ? serializeJournal(jsonExport(journal, entries, filtered)) : renderJournalMarkdown(entries, fieldLabeller())];
  if (out === undefined) {
    const tty = Boolean(ctx.stdout.isTTY);
    for (const piece of pieces) ctx.stdout.write(tty ? forTerminal(piece, format) : piece);
    return;
  }
  await writeAtomic(out, [...pieces].join('')).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`-o, --out: can't write ${out} (${error.code ?? error.message}); choose another place.`);
  });
  const count = `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`;
  say(ctx.stderr, `${count} written to ${out} (${await whoCanRead(out)}).`);
}
