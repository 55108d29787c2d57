import path from 'node:path';
import { buildProgress } from '../analysis/progress.js';
import { monthKey, parseMonth } from '../analysis/progress-calendar.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { writeAtomic } from '../journal/atomic-file.js';
import { parseChoice } from '../parse/values.js';
import { renderProgressMarkdown } from '../render/progress-md.js';
import { renderProgressText } from '../render/progress-text.js';
import { toOffsetIso } from '../time/calendar.js';
import { DEFAULT_WIDTH, jsonFor, say, widthOf } from '../ui/stream.js';
import { makeStyle } from '../ui/style.js';
import { whoCanRead } from '../ui/who-can-read.js';

export interface ProgressOptions {
  months?: string;
  to?: string;
  format?: string;
  json?: boolean;
  out?: string;
  /** Open the HTML page with the system's opener (xdg-open, open). */
  open?: boolean;
}

const FORMATS = ['text', 'json', 'md', 'html'] as const;
const MAX_MONTHS = 120;

function parseMonths(raw: string | undefined): number {
  if (raw === undefined) return 6;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_MONTHS) {
    throw new UsageError(`--months takes a whole number of months from 1 to ${MAX_MONTHS} (you gave "${raw}"), for example --months 6.`);
  }
  return Number(value);
}

function parseTo(raw: string | undefined, thisMonth: number): number {
  if (raw === undefined) return thisMonth;
  const month = parseMonth(raw);
  if (month === null) throw new UsageError(`--to takes a month as YYYY-MM, for example --to ${monthKey(thisMonth)} (you gave "${raw}").`);
  if (month > thisMonth) throw new UsageError(`--to (${raw.trim()}) is after this month; give ${monthKey(thisMonth)} or an earlier month.`);
  return month;
}

export async function run(options: ProgressOptions, ctx: Context): Promise<void> {
  let format = options.format === undefined ? 'text' : parseChoice(options.format, '--format', FORMATS);
  if (options.json) {
    if (options.format !== undefined && format !== 'json')
      throw new UsageError(`--json and --format ${format} ask for two formats; pick one.`);
    format = 'json';
  }
  // Now as wall-clock time with this machine's offset: whose month is under way is the person's, not UTC's.
  const now = toOffsetIso(ctx.now());
  const months = parseMonths(options.months);
  const to = parseTo(options.to, parseMonth(now.slice(0, 7))!);
  if (options.open && format !== 'html') throw new UsageError('--open opens the page: use it with --format html.');
  const journal = await ctx.journal().read();
  const data = buildProgress(journal.entries, { to: monthKey(to), months, now });
  if (format === 'html') {
    // Loaded only here: the other formats never pay for the page's code.
    const [{ renderProgressHtml }, { deliverPage }] = await Promise.all([
      import('../render/progress-html.js'),
      import('../ui/open-page.js'),
    ]);
    await deliverPage(ctx, renderProgressHtml(data), 'progress', options);
    return;
  }

  const toScreen = options.out === undefined;
  // On the screen: its width and colours (or a pipe's, with FORCE_COLOR); a file: 80 columns, no colour codes.
  const width = toScreen ? widthOf(ctx.stdout) : DEFAULT_WIDTH;
  const text =
    format === 'json'
      ? `${toScreen ? jsonFor(ctx.stdout, data) : JSON.stringify(data, null, 2)}\n`
      : format === 'md'
        ? renderProgressMarkdown(data)
        : renderProgressText(data, width, toScreen ? ctx.outStyle : makeStyle(0));

  if (toScreen) {
    ctx.stdout.write(text);
    return;
  }
  const file = path.resolve(options.out!);
  await writeAtomic(file, text).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`-o, --out: can't write ${file} (${error.code ?? error.message}); choose another place.`);
  });
  say(ctx.stderr, `Progress written to ${file} (${await whoCanRead(file)}).`);
}
