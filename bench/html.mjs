#!/usr/bin/env node
/*
 * `attach report --format html` on a 100k-entry journal over its whole
 * history (its first entry's day to its last), against the read-and-parse
 * floor (bench/read-floor.mjs); target (issue 16): at most 2.5x.
 *
 * Two measures:
 * 1. whole processes, interleaved round by round in one environment (the
 *    one bench/commands.mjs uses): the HTML command, `report --json` over the
 *    same days (the analysis alone, for comparison) and the floor;
 * 2. in one process, the page renderer's own share: the same journal parsed,
 *    the report built once, then renderReportHtml() timed alone, against the
 *    read-and-parse of the file in the same process. This one stands apart
 *    from the analysis, which is another piece of work.
 *
 *   node bench/html.mjs [--samples N] [--render-only] [--days N]      (needs `npm run build` for 1)
 *
 * --days N: only the last N days of the history instead of all of it (to try
 * the whole-process side while the analysis is still slow over long periods).
 *
 * Prints a Markdown table; writes nothing but its own files in bench/data/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeJournal } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const COUNT = 100_000;
const args = process.argv.slice(2);
const samples = Number(args[args.indexOf('--samples') + 1]) || 5;
const renderOnly = args.includes('--render-only');
const lastDays = args.includes('--days') ? Number(args[args.indexOf('--days') + 1]) : null;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const log = (text) => process.stderr.write(`${text}\n`);

function timed(argv, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const took = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return took;
}

const journal = path.join(HERE, 'data', `journal-${COUNT}.json`);
if (!existsSync(journal)) {
  log(`generating ${COUNT} entries`);
  writeJournal(journal, { count: COUNT });
}
const { entries } = JSON.parse(readFileSync(journal, 'utf8'));
const days = entries.map((e) => e.at.slice(0, 10)).sort();
const to = days.at(-1);
const from = lastDays ? new Date(Date.parse(to) - (lastDays - 1) * 86_400_000).toISOString().slice(0, 10) : days[0];
log(`journal: ${COUNT} entries, ${(statSync(journal).size / 1e6).toFixed(1)} MB, ${from} to ${to}`);

/** The renderer alone: bundled from src/ into bench/data/ (inside the repository, so it finds prompts/ as the build does). */
async function rendererShare() {
  const { build } = await import('esbuild');
  const out = path.join(HERE, 'data', 'html-bench-bundle.mjs');
  await build({
    stdin: {
      contents: [
        "export { buildReport } from './src/analysis/report.ts';",
        "export { renderReportHtml } from './src/render/report-html.ts';",
        "export { loadCatalogues } from './src/catalogue/catalogue.ts';",
        "export { dayOf } from './src/time/calendar.ts';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    logLevel: 'error',
  });
  const { buildReport, renderReportHtml, loadCatalogues, dayOf } = await import(pathToFileURL(out).href);
  const catalogues = loadCatalogues();
  const label = (kind, name) => catalogues[kind].find((item) => item.id === name)?.label ?? name;

  const parse = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    JSON.parse(readFileSync(journal, 'utf8'));
    parse.push(performance.now() - start);
  }
  log('building the report once (the analysis)');
  let start = performance.now();
  const data = buildReport(entries, { from: dayOf(from), to: dayOf(to) }, 8, label);
  const analysis = performance.now() - start;
  const render = [];
  let size = 0;
  for (let i = 0; i < samples + 2; i++) {
    start = performance.now();
    size = renderReportHtml(data, label).length;
    if (i >= 2) render.push(performance.now() - start);
  }
  rmSync(out, { force: true });
  return { parse: median(parse), analysis, render: median(render), size, days: data.daily.length, pauses: data.pauseRatings.length };
}

function wholeProcesses() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-bench-html-'));
  const env = {
    ...process.env,
    HOME: path.join(dir, 'home'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_STATE_HOME: path.join(dir, 'state'),
    NO_COLOR: '1',
  };
  for (const name of ['ATTACH_FILE', 'ATTACH_PASSPHRASE', 'FORCE_COLOR', 'NODE_ENV']) delete env[name];
  const bin = path.join(ROOT, 'bin', 'attach.js');
  const period = ['--from', from, '--to', to, '--file', journal, '--no-input'];
  const sides = {
    html: [bin, 'report', '--format', 'html', ...period],
    json: [bin, 'report', '--json', ...period],
    floor: [path.join(HERE, 'read-floor.mjs'), journal],
  };
  const times = { html: [], json: [], floor: [] };
  try {
    for (const argv of Object.values(sides)) timed(argv, env); // one untimed warm-up each
    for (let round = 0; round < samples; round++) {
      const order = round % 2 ? ['floor', 'json', 'html'] : ['html', 'json', 'floor'];
      for (const side of order) times[side].push(timed(sides[side], env));
      log(
        `round ${round + 1}/${samples}: html ${ms(times.html.at(-1))} ms, json ${ms(times.json.at(-1))} ms, ` +
          `floor ${ms(times.floor.at(-1))} ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { html: median(times.html), json: median(times.json), floor: median(times.floor) };
}

const share = await rendererShare();
const rows = [
  ['read + JSON.parse, in process', ms(share.parse), '1.00x', ''],
  ['buildReport (the analysis), once', ms(share.analysis), `${(share.analysis / share.parse).toFixed(2)}x`, ''],
  [
    `renderReportHtml alone (${share.days} days, ${share.pauses} pauses, ${(share.size / 1e6).toFixed(1)} MB of HTML)`,
    ms(share.render),
    `${(share.render / share.parse).toFixed(2)}x`,
    '',
  ],
];
if (!renderOnly) {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('no build: run `npm run build` first');
  const whole = wholeProcesses();
  const ratio = whole.html / whole.floor;
  rows.push(
    ['`node bench/read-floor.mjs` (the floor)', ms(whole.floor), '1.00x', ''],
    ['`attach report --json`, same days', ms(whole.json), `${(whole.json / whole.floor).toFixed(2)}x`, ''],
    [
      `\`attach report --format html\`, ${lastDays ? `the last ${lastDays} days` : 'whole history'}`,
      ms(whole.html),
      `**${ratio.toFixed(2)}x**`,
      ratio <= 2.5 ? 'pass (<= 2.5x)' : 'miss (<= 2.5x)',
    ],
  );
}
const load = os.loadavg()[0].toFixed(2);
console.log(`\nNode ${process.version}, ${os.cpus().length} cores, load average ${load}; median of ${samples}; ${from} to ${to}.\n`);
console.log('| measure | median ms | against its floor | target |');
console.log('| --- | ---: | ---: | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
