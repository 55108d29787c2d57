#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
/*
 * Evaluation of `attach progress` (issue 15, section 3): synthetic journals
 * of several months with a known answer (bench/progress-generate.mjs), run
 * through the real src/analysis/progress.ts (compiled on the fly with
 * esbuild, so it is always the current source, and nothing of the method is
 * written twice).
 *
 *   node bench/progress-eval.mjs            print the results and write
 *                                           bench/PROGRESS-EVAL.md
 *   node bench/progress-eval.mjs --no-write print only
 *
 * `run({ write, out })` is exported for bench/run.mjs: it returns
 * `{ rows, markdown, pass }`, `markdown` being the section between
 * SECTION_START and SECTION_END. Like the rest of the bench, nothing is
 * asserted: a missed target is reported ("MISS"), the exit code stays 0.
 */
import { build } from 'esbuild';
import { generate } from './progress-generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = path.join(HERE, '..', 'src', 'analysis', 'progress.ts');
const OUT = path.join(HERE, 'PROGRESS-EVAL.md');
const HEADING = '## Change over months (evaluation)';
export const SECTION_START = '<!-- progress-eval: rewritten by `node bench/progress-eval.mjs` -->';
export const SECTION_END = '<!-- /progress-eval -->';
const SMALL = 20;
const LARGE = 200;

/**
 * `expect`: the measure and direction planted; `allowed`: measures that follow from it arithmetically
 * and may change with it. Anything else claimed is "unrelated". Rows with a target are issue 15's.
 */
export const SCENARIOS = [
  { id: 1, name: 'no trend', gen: {}, target: { kind: 'none', max: 1 } },
  {
    id: 2,
    name: 'intensity 7 → 4.5, 18 moments a month',
    gen: { intensity: [7, 4.5] },
    expect: ['meanIntensity', 'down'],
    allowed: ['strong'],
    target: { kind: 'found', min: 19 },
  },
  {
    id: 3,
    name: 'paused after a strong moment 1 in 20 → 17 in 20, about 14 strong a month',
    gen: { moments: 20, intensity: 7.5, paused: [0.05, 0.85] },
    expect: ['pausedAfterStrong', 'up'],
    allowed: [],
    target: { kind: 'found', min: 19 },
  },
  { id: 'a', name: 'no trend, hard weeks and bursts', gen: { clusters: true } },
  { id: 'b', name: 'no trend, began 17 June, November under way (14th)', gen: { start: '2026-06-17', now: '2026-11-14T20:00:00' } },
  { id: 'c', name: 'no trend, 12 months', gen: { start: '2025-12-01', months: 12 } },
  { id: 'd', name: 'no trend, a quiet journal: 6 moments, 2 glimmers a month', gen: { moments: 6, glimmers: 2 } },
  {
    id: 'e',
    name: 'intensity 6.5 → 5.5, 18 a month',
    gen: { intensity: [6.5, 5.5] },
    expect: ['meanIntensity', 'down'],
    allowed: ['strong'],
  },
  {
    id: 'f',
    name: 'intensity 7 → 4.5, hard weeks and bursts',
    gen: { intensity: [7, 4.5], clusters: true },
    expect: ['meanIntensity', 'down'],
    allowed: ['strong'],
  },
  {
    id: 'g',
    name: 'moments 24 → 12 a month',
    gen: { moments: [24, 12] },
    expect: ['moments', 'down'],
    allowed: ['strong', 'protest'],
  },
  {
    id: 'h',
    name: 'paused after strong 3 in 10 → 6 in 10, about 10 strong a month',
    gen: { intensity: 6.7, paused: [0.3, 0.6] },
    expect: ['pausedAfterStrong', 'up'],
    allowed: [],
  },
  { id: 'i', name: 'glimmers 3 → 9 a month', gen: { glimmers: [3, 9] }, expect: ['glimmers', 'up'], allowed: [] },
];

export async function loadProgress() {
  const out = await build({
    entryPoints: [SOURCE],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

function evaluate(mod, scenario, seeds) {
  const r = { n: seeds.length, any: 0, found: 0, unrelated: 0, wrongWay: 0, byMeasure: {}, ms: 0 };
  for (const seed of seeds) {
    const journal = generate(seed, scenario.gen);
    const started = performance.now();
    const data = mod.buildProgress(journal.entries, { to: journal.to, months: journal.months, now: journal.now });
    r.ms += performance.now() - started;
    const claims = data.changes;
    if (claims.length) r.any++;
    for (const c of claims) r.byMeasure[`${c.measure} ${c.direction}`] = (r.byMeasure[`${c.measure} ${c.direction}`] ?? 0) + 1;
    if (!scenario.expect) continue;
    const [measure, direction] = scenario.expect;
    if (claims.some((c) => c.measure === measure && c.direction === direction)) r.found++;
    if (claims.some((c) => c.measure === measure && c.direction !== direction)) r.wrongWay++;
    if (claims.some((c) => c.measure !== measure && !scenario.allowed.includes(c.measure))) r.unrelated++;
  }
  return r;
}

const seedsFor = (scenario, count, base) => {
  const offset = typeof scenario.id === 'number' ? scenario.id : scenario.id.charCodeAt(0);
  return Array.from({ length: count }, (_, i) => 100_000 * offset + base + i);
};

function verdict(scenario, r) {
  const t = scenario.target;
  if (!t) return null;
  const scale = r.n / SMALL;
  if (t.kind === 'none') return r.any <= t.max * scale;
  return r.found >= t.min * scale && r.unrelated === 0 && r.wrongWay === 0;
}

const pct = (k, n) => `${((100 * k) / n).toFixed(1)}%`;
const cell = (s, r) =>
  s.expect ? `${r.found} found${r.wrongWay ? `, ${r.wrongWay} the wrong way` : ''}, ${r.unrelated} unrelated` : `${r.any} with a claim`;
const claimsOf = (r) =>
  Object.entries(r.byMeasure)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

export async function run({ write = true, out = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const started = Date.now();
  const mod = await loadProgress();
  const rows = SCENARIOS.map((scenario) => {
    const small = evaluate(mod, scenario, seedsFor(scenario, SMALL, 1));
    const large = evaluate(mod, scenario, seedsFor(scenario, LARGE, 1001));
    return { scenario, small, large, passSmall: verdict(scenario, small), passLarge: verdict(scenario, large) };
  });
  const target = (s) =>
    !s.target ? '—' : s.target.kind === 'none' ? `≤ ${s.target.max} of 20 with a claim` : `≥ ${s.target.min} of 20 found`;
  const result = (pass) => (pass === null ? '—' : pass ? 'pass' : '**MISS**');
  const lines = [
    SECTION_START,
    HEADING,
    '',
    `Date: ${new Date().toISOString()} (this section: ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `${(rows.reduce((a, r) => a + r.large.ms, 0) / rows.reduce((a, r) => a + r.large.n, 0)).toFixed(2)} ms per journal).`,
    'Synthetic journals through the real `src/analysis/progress.ts`, compiled on the fly; seeded, so a change',
    'in these figures is a change in the method or the generator, never chance.',
    '',
    '| # | scenario | target | 20 journals | result | 200 journals | rate | result |',
    '|---|---|---|---|---|---|---:|---|',
    ...rows.map(({ scenario: s, small, large, passSmall, passLarge }) => {
      const rate = s.expect ? pct(large.found, large.n) : pct(large.any, large.n);
      return `| ${s.id} | ${s.name} | ${target(s)} | ${cell(s, small)} | ${result(passSmall)} | ${cell(s, large)} | ${rate} | ${result(passLarge)} |`;
    }),
    '',
    'What was claimed, over the 200 journals of each row (measure, direction, journals):',
    '',
    ...rows.map(({ scenario: s, large }) => `- ${s.id}: ${claimsOf(large)}`),
  ];
  lines.push(SECTION_END);
  const markdown = lines.join('\n');
  out(markdown);
  const pass = rows.every((r) => r.passSmall !== false && r.passLarge !== false);
  out('');
  out(pass ? 'all targets met' : 'some targets missed');
  if (write) writeFileSync(OUT, `# attach progress: evaluation\n\n${markdown}\n`);
  return { rows, markdown, pass };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run({ write: !process.argv.includes('--no-write') });
}
