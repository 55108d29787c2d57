import path from 'node:path';
import { buildReport, type Labeller } from '../analysis/report.js';
import { type CatalogueName, loadCatalogues } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { writeAtomic } from '../journal/atomic-file.js';
import { parseLookback, parsePeriod } from '../parse/period.js';
import { parseChoice } from '../parse/values.js';
import { renderMarkdown } from '../render/report-md.js';
import { renderText } from '../render/report-text.js';
import { localDay } from '../time/calendar.js';
import { DEFAULT_WIDTH, jsonFor, say, widthOf } from '../ui/stream.js';
import { makeStyle } from '../ui/style.js';
import { whoCanRead } from '../ui/who-can-read.js';
import { sayCopiesWaiting } from './copies-waiting.js';

export interface ReportOptions {
  week?: string | boolean;
  from?: string;
  to?: string;
  lookback?: string;
  format?: string;
  json?: boolean;
  out?: string;
  /** Open the HTML page with the system's opener (xdg-open, open). */
  open?: boolean;
  /** Under each pattern, the days that made it. */
  why?: boolean;
}

const FORMATS = ['text', 'json', 'md', 'html'] as const;

export async function run(options: ReportOptions, ctx: Context): Promise<void> {
  await report(options, ctx);
  await sayCopiesWaiting(ctx);
}

async function report(options: ReportOptions, ctx: Context): Promise<void> {
  let format = options.format === undefined ? 'text' : parseChoice(options.format, '--format', FORMATS);
  if (options.json) {
    if (options.format !== undefined && format !== 'json')
      throw new UsageError(`--json and --format ${format} ask for two formats; pick one.`);
    format = 'json';
  }
  if (options.open && format !== 'html') throw new UsageError('--open opens the page: use it with --format html.');
  const now = ctx.now();
  const period = await parsePeriod(options, now);
  const weeks = options.lookback === undefined ? ((await ctx.config()).lookbackWeeks ?? 8) : parseLookback(options.lookback);
  const journal = await ctx.journal().read();

  const catalogues = loadCatalogues();
  const label: Labeller = (kind, name) => catalogues[kind as CatalogueName].find((item) => item.id === name)?.label ?? name;
  const data = buildReport(journal.entries, period, weeks, label, localDay(now));

  if (format === 'html') {
    // Loaded only here: the other formats never pay for the page's code.
    const [{ renderReportHtml }, { deliverPage }] = await Promise.all([import('../render/report-html.js'), import('../ui/open-page.js')]);
    await deliverPage(ctx, renderReportHtml(data, label), 'report', options);
    return;
  }

  // On the screen: the terminal's width and colours (or a pipe's, with FORCE_COLOR); a file: 80 columns, no colour codes.
  const toScreen = options.out === undefined;
  const style = toScreen ? ctx.outStyle : makeStyle(0);
  const width = toScreen ? widthOf(ctx.stdout) : DEFAULT_WIDTH;
  const text =
    format === 'json'
      ? `${toScreen ? jsonFor(ctx.stdout, data) : JSON.stringify(data, null, 2)}\n`
      : format === 'md'
        ? renderMarkdown(data, label, { why: Boolean(options.why) })
        : renderText(data, label, style, width, { why: Boolean(options.why) });

  if (toScreen) {
    ctx.stdout.write(text);
    return;
  }
  const file = path.resolve(options.out!);
  await writeAtomic(file, text).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`-o, --out: can't write ${file} (${error.code ?? error.message}); choose another place.`);
  });
  say(ctx.stderr, `Report written to ${file} (${await whoCanRead(file)}).`);
}
