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
import { line } from '../ui/stream.js';
import { makeStyle } from '../ui/style.js';
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
  const data = buildReport(journal.entries, period, weeks, label);

  if (format === 'html') {
    // Loaded only here: the other formats never pay for the page's code.
    const [{ renderReportHtml }, { deliverPage }] = await Promise.all([import('../render/report-html.js'), import('../ui/open-page.js')]);
    await deliverPage(ctx, renderReportHtml(data, label), 'report', options);
    return;
  }

  // A report written to a file or a pipe carries no colour codes.
  const style = options.out === undefined ? makeStyle(ctx.style.level > 0 && ctx.stdout.isTTY ? 1 : 0) : makeStyle(0);
  const text =
    format === 'json'
      ? `${JSON.stringify(data, null, 2)}\n`
      : format === 'md'
        ? renderMarkdown(data, label)
        : renderText(data, label, style);

  if (options.out === undefined) {
    ctx.stdout.write(text);
    return;
  }
  const file = path.resolve(options.out);
  await writeAtomic(file, text).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`-o, --out: can't write ${file} (${error.code ?? error.message}); choose another place.`);
  });
  line(ctx.stderr, `Report written to ${file} (readable only by you).`);
}
