#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
/*
 * Two checks behind bench/PROGRESS-EVAL.md that need more journals than the
 * evaluation itself (bench/progress-eval.mjs), in their own section of it:
 *
 *   1. the method of another revision (default c1086d1, the second round:
 *      the same tests as now, an equal share of the level for every measure;
 *      d71c51f is the first round: Kendall, Cochran-Armitage, quasi-Poisson,
 *      Holm) against this tree's,
 *      on the same journals, at several levels: which trade-off each offers;
 *   2. chance claims measure by measure, in journals with nothing planted and
 *      in the planted rows: how often each measure's own p-value clears the
 *      bar of one measure at the level (the level over 8 measures), against
 *      how often it may. A measure claimed by chance too often would be a
 *      flaw of its test; one at or under the rate is chance.
 *
 *   node bench/progress-compare.mjs [--rev REV] [--journals N] [--no-write]
 *
 * The other revision's src/analysis is taken with `git archive` into a
 * temporary folder and compiled like this tree's. Seeded: same figures on
 * every run. About 3 minutes on one core.
 */
import { build } from 'esbuild';
import { SCENARIOS } from './progress-eval.mjs';
import { generate } from './progress-generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const OUT = path.join(HERE, 'PROGRESS-EVAL.md');
const START = '<!-- progress-compare: rewritten by `node bench/progress-compare.mjs` -->';
const END = '<!-- /progress-compare -->';
const LEVELS = [0.02, 0.03, 0.04, 0.05];
const FRONTIER_ROWS = [1, 'a', 'b', 'c', 'd', 2, 3];
const CHANCE_ROWS = [1, 'a', 'c', 2, 3];
const MEASURES = ['moments', 'meanIntensity', 'strong', 'pausedAfterStrong', 'urgePassed', 'acted', 'protest', 'fearCameTrue', 'glimmers'];

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

async function compile(entry) {
  const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

async function loadRevision(rev) {
  const dir = mkdtempSync(path.join(tmpdir(), 'progress-rev-'));
  try {
    const tar = execFileSync('git', ['-C', ROOT, 'archive', rev, 'src/analysis'], { maxBuffer: 1 << 26 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    return await compile(path.join(dir, 'src', 'analysis', 'progress.ts'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const scenario = (id) => SCENARIOS.find((s) => s.id === id);
const seed = (id, i) => 90_000_000 + 100_000 * String(id).charCodeAt(0) + i;
const pct = (k, n) => `${((100 * k) / n).toFixed(1)}%`;
const run = (mod, s, i) => {
  const j = generate(seed(s.id, i), s.gen);
  return mod.buildProgress(j.entries, { to: j.to, months: j.months, now: j.now });
};

/** Per level: journals with any claim, and for planted rows found and unrelated, read off the adjusted p-values. */
function frontier(mod, s, n) {
  const r = LEVELS.map(() => ({ any: 0, found: 0, unrelated: 0 }));
  for (let i = 0; i < n; i++) {
    const data = run(mod, s, i);
    LEVELS.forEach((level, k) => {
      const at = data.tests.filter((t) => t.pAdjusted !== null && t.pAdjusted <= level);
      if (at.length) r[k].any++;
      if (!s.expect) return;
      if (at.some((t) => t.measure === s.expect[0] && (t.z > 0 ? 'up' : 'down') === s.expect[1])) r[k].found++;
      if (at.some((t) => t.measure !== s.expect[0] && !s.allowed.includes(t.measure))) r[k].unrelated++;
    });
  }
  return r;
}

/** Per measure: journals where it was tested, and where its own p cleared `bar`. */
function chance(mod, s, n, bar) {
  const r = Object.fromEntries(MEASURES.map((m) => [m, { tested: 0, under: 0 }]));
  for (let i = 0; i < n; i++) {
    for (const t of run(mod, s, i).tests) {
      if (t.p === null || !r[t.measure]) continue;
      r[t.measure].tested++;
      if (t.p <= bar) r[t.measure].under++;
    }
  }
  return r;
}

/** What the revisions compared so far held. */
const ROUNDS = {
  d71c51f: 'the first round: Kendall, Cochran-Armitage, quasi-Poisson of weeks, Holm',
  c1086d1: 'the second round: the tests of now, an equal share of the level for every measure (Holm)',
};

export async function compare({ rev = 'c1086d1', journals = 1000, write = true } = {}) {
  const started = Date.now();
  const ours = await compile(path.join(ROOT, 'src', 'analysis', 'progress.ts'));
  const theirs = await loadRevision(rev);
  const cell = (s, x) => (s.expect ? `${pct(x.found, journals)} (${pct(x.unrelated, journals)})` : pct(x.any, journals));
  const lines = [
    START,
    '## Against an earlier round, and chance claims measure by measure',
    '',
    `${journals} journals a row, seeds 90,000,000 + 100,000 x row + i (others than the evaluation's), through this tree's`,
    `src/analysis and that of ${rev}${ROUNDS[rev] ? ` (${ROUNDS[rev]})` : ''},`,
    'each read at several familywise levels: journals with any claim (no-trend rows), found (and unrelated).',
    '',
    `| # | ${LEVELS.map((l) => `${rev} at ${l}`).join(' | ')} | ${LEVELS.map((l) => `now at ${l}`).join(' | ')} |`,
    `|---|${[...LEVELS, ...LEVELS].map(() => '---:').join('|')}|`,
  ];
  for (const id of FRONTIER_ROWS) {
    const s = scenario(id);
    const old = frontier(theirs, s, journals);
    const now = frontier(ours, s, journals);
    lines.push(`| ${id} | ${old.map((x) => cell(s, x)).join(' | ')} | ${now.map((x) => cell(s, x)).join(' | ')} |`);
  }
  const level = ours.ALPHA;
  const bar = level / 8;
  const many = 3 * journals;
  lines.push(
    '',
    `Chance claims measure by measure, this tree, ${many} journals a row: the share of journals in which a measure`,
    `was tested and its own p was ${bar.toPrecision(3)} or less (the level ${level} over 8 measures), over that share's allowance`,
    '(1.00 = exactly as often as a test may; the planted measure of rows 2 and 3, and strong moments in row 2, are',
    `left out). With ${many} journals a ratio is known to about +-0.3 for a measure tested in every journal.`,
    '',
    `| # | ${MEASURES.join(' | ')} |`,
    `|---|${MEASURES.map(() => '---:').join('|')}|`,
  );
  for (const id of CHANCE_ROWS) {
    const s = scenario(id);
    const r = chance(ours, s, many, bar);
    const ratio = (m) =>
      s.expect?.[0] === m || s.allowed?.includes(m) ? '—' : r[m].tested ? (r[m].under / r[m].tested / bar).toFixed(2) : 'n/a';
    lines.push(`| ${id} | ${MEASURES.map(ratio).join(' | ')} |`);
  }
  lines.push('', `(${((Date.now() - started) / 1000).toFixed(0)} s.)`, END);
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (write) {
    const old = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '# attach progress: evaluation\n';
    const from = old.indexOf(START);
    const to = old.indexOf(END);
    writeFileSync(
      OUT,
      from >= 0 && to > from ? `${old.slice(0, from)}${markdown}${old.slice(to + END.length)}` : `${old.trimEnd()}\n\n${markdown}\n`,
    );
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', OUT], { stdio: 'ignore' });
  }
  return markdown;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await compare({ rev: arg('--rev', 'c1086d1'), journals: Number(arg('--journals', '1000')), write: !process.argv.includes('--no-write') });
}
