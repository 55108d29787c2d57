#!/usr/bin/env node
/*
 * The reading commands on a 100k-entry journal against the read-and-parse
 * floor (bench/read-floor.mjs) on the same file, both sides interleaved in
 * the same rounds and the same environment (without NODE_EXTRA_CA_CERTS,
 * which adds ~30 ms to every node start here and hides the ratio):
 * - `attach report --json` over the last week: wall time (target <= 2x) and
 *   peak memory (<= 2.5x);
 * - `attach list --search <text>` and `attach export --format csv`: wall time (<= 2x);
 * - `attach report --json` and `--format md` over the whole history of a
 *   journal of ten years (`--from` its first day): wall time (<= 2x).
 * Peak memory is each process's own maxRSS, written at exit by a preload
 * (bench/peak-rss.cjs) given to both sides alike.
 *
 *   node bench/commands.mjs [--quick]     (alone: rewrites only its section of RESULTS.md)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, writeJournal } from './generate.mjs';
import { writeResults } from './results-file.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SECTION_START = '<!-- commands: rewritten by `npm run bench` and `node bench/commands.mjs` -->';
export const SECTION_END = '<!-- /commands -->';
const COUNT = 100_000;
/** The whole-history rows: the same count over ten years (the default gap spreads 100k entries over decades). */
const SPAN_DAYS = 3652;
const LAST_DAY = '2026-11-20';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function timed(node, args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export async function measureCommands({ bin, node = process.execPath, env: baseEnv = process.env, samples = 7, log = () => {} }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-bench-commands-'));
  try {
    const data = path.join(HERE, 'data', `journal-${COUNT}.json`);
    if (!existsSync(data)) {
      log(`generating ${COUNT} entries`);
      writeJournal(data, { count: COUNT });
    }
    const tenYearData = path.join(HERE, 'data', `journal-${COUNT}-${SPAN_DAYS}days-seed${DEFAULT_SEED}.json`);
    if (!existsSync(tenYearData)) {
      log(`generating ${COUNT} entries over ${SPAN_DAYS} days`);
      writeJournal(tenYearData, { count: COUNT, spanDays: SPAN_DAYS });
    }
    const journal = path.join(dir, 'journal.json');
    copyFileSync(data, journal);
    const tenYears = path.join(dir, 'ten-years.json');
    copyFileSync(tenYearData, tenYears);
    // Its first day, as the entries themselves say (dates as text compare in calendar order).
    let firstDay = LAST_DAY;
    for (const entry of JSON.parse(readFileSync(tenYears, 'utf8')).entries)
      if (entry.at.slice(0, 10) < firstDay) firstDay = entry.at.slice(0, 10);
    const rssFile = path.join(dir, 'rss.txt');
    const env = {
      ...baseEnv,
      HOME: path.join(dir, 'home'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      NO_COLOR: '1',
      NODE_OPTIONS: `${baseEnv.NODE_OPTIONS ?? ''} --require=${path.join(HERE, 'peak-rss.cjs')}`.trim(),
      PEAK_RSS_FILE: rssFile,
    };
    delete env.ATTACH_FILE;
    delete env.NODE_EXTRA_CA_CERTS;
    const floorOf = (file) => [path.join(HERE, 'read-floor.mjs'), file];
    const whole = ['--from', firstDay, '--to', LAST_DAY, '--file', tenYears];
    const cases = [
      {
        name: '`attach report --json`',
        args: [bin, 'report', '--json', '--to', LAST_DAY, '--file', journal],
        target: 2,
        memoryTarget: 2.5,
      },
      { name: '`attach list --search`', args: [bin, 'list', '--search', 'distant', '--file', journal], target: 2 },
      { name: '`attach export --format csv`', args: [bin, 'export', '--format', 'csv', '--file', journal], target: 2 },
      {
        name: '`attach report --json`, whole history, ten years',
        args: [bin, 'report', '--json', ...whole],
        floor: floorOf(tenYears),
        target: 2,
      },
      {
        name: '`attach report --format md`, whole history, ten years',
        args: [bin, 'report', '--format', 'md', ...whole],
        floor: floorOf(tenYears),
        target: 2,
      },
    ];
    const rows = [];
    for (const c of cases) {
      const floor = c.floor ?? floorOf(journal);
      // One untimed warm-up of each side (file cache, the first run's compile).
      timed(node, c.args, env);
      timed(node, floor, env);
      const ours = [];
      const base = [];
      const oursRss = [];
      const baseRss = [];
      const peak = () => Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
      for (let round = 0; round < samples; round++) {
        const order = round % 2 ? ['floor', 'ours'] : ['ours', 'floor'];
        for (const side of order) {
          writeFileSync(rssFile, '');
          if (side === 'ours') {
            ours.push(timed(node, c.args, env));
            oursRss.push(peak());
          } else {
            base.push(timed(node, floor, env));
            baseRss.push(peak());
          }
        }
      }
      const row = {
        name: c.name,
        samples,
        ms: median(ours),
        floorMs: median(base),
        ratio: median(ours) / median(base),
        // The same rounds' samples side by side: steadier than the medians when the machine is busy.
        paired: median(ours.map((value, i) => value / base[i])),
        target: c.target,
        rssMb: median(oursRss) / 1024,
        floorRssMb: median(baseRss) / 1024,
        memoryRatio: median(oursRss) / median(baseRss),
        memoryTarget: c.memoryTarget ?? null,
      };
      log(`${row.name}: ${row.ratio.toFixed(2)}x time (paired ${row.paired.toFixed(2)}x), ${row.memoryRatio.toFixed(2)}x memory`);
      rows.push(row);
    }
    return { rows, markdown: section(rows, samples, firstDay), table: table(rows) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const verdict = (value, target) => (target === null ? '—' : value <= target ? 'pass' : 'miss');

function table(rows) {
  return rows
    .map((r) => {
      const time = `${r.ratio.toFixed(2)}x (${verdict(r.ratio, r.target)}, paired ${r.paired.toFixed(2)}x)`;
      const memory = `memory ${r.memoryRatio.toFixed(2)}x (${verdict(r.memoryRatio, r.memoryTarget)})`;
      return `${r.name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms vs ${r.floorMs.toFixed(0).padStart(6)} ms  ${time}  ${memory}`;
    })
    .join('\n');
}

/** One row of the section's table. */
function markdownRow(r) {
  const memoryTarget = r.memoryTarget === null ? '—' : `<= ${r.memoryTarget}x`;
  const verdicts = [verdict(r.ratio, r.target), r.memoryTarget === null ? null : verdict(r.memoryRatio, r.memoryTarget)];
  const result = verdicts.filter(Boolean).every((v) => v === 'pass') ? 'pass' : 'miss';
  const cells = [
    r.name,
    r.ms.toFixed(0),
    r.floorMs.toFixed(0),
    `**${r.ratio.toFixed(2)}x**`,
    `${r.paired.toFixed(2)}x`,
    `<= ${r.target}x`,
    `${r.rssMb.toFixed(0)} / ${r.floorRssMb.toFixed(0)}`,
    `${r.memoryRatio.toFixed(2)}x`,
    memoryTarget,
    result,
  ];
  return `| ${cells.join(' | ')} |`;
}

function section(rows, samples, firstDay) {
  return `${SECTION_START}
## Reading commands on ${COUNT / 1000}k entries

Date: ${new Date().toISOString()}; load average (1 min) at the end ${os.loadavg()[0].toFixed(2)}.
Floor: \`bench/read-floor.mjs\` (read the file, JSON.parse, sum one field) on the same file as the row.
Both sides alternate in ${samples} rounds after one untimed warm-up each, in the same environment
(without NODE_EXTRA_CA_CERTS, which adds about 30 ms to every node start here, to both sides);
peak memory is each process's own maxRSS, written at exit by a preload both sides get. The target applies to
the time ratio (attach median / floor median); paired = median over rounds of attach / floor in the same round.
The first three rows: bench/generate.mjs's journal of ${COUNT.toLocaleString('en-US')} entries (seed ${DEFAULT_SEED},
one about every 6 hours: decades), the report over the week to ${LAST_DAY}. The whole-history rows: the same
count over ${SPAN_DAYS} days (\`generate.mjs --span-days ${SPAN_DAYS}\`), reported \`--from ${firstDay} --to ${LAST_DAY}\`,
its first day to its last, every day of them in the daily series.

| command | attach median ms | floor median ms | time ratio | paired | target | peak MB (attach / floor) | memory ratio | target | result |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.map(markdownRow).join('\n')}
${SECTION_END}`;
}

/** RESULTS.md with this section replaced (or added at the end), the rest byte for byte as it was. */
export function withSection(text, markdown) {
  const start = text.indexOf(SECTION_START);
  const end = text.indexOf(SECTION_END);
  if (start === -1 || end === -1) return `${text.trimEnd()}\n\n${markdown}\n`;
  return `${text.slice(0, start)}${markdown}${text.slice(end + SECTION_END.length)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const result = await measureCommands({
    bin: path.join(HERE, '..', 'bin', 'attach.js'),
    samples: quick ? 3 : 7,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${result.table}\n`);
  if (!quick) {
    const file = path.join(HERE, 'RESULTS.md');
    writeResults(file, withSection(readFileSync(file, 'utf8'), result.markdown));
  }
}
