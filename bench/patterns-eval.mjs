#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
/*
 * Evaluation of recurring-pattern detection (issue 5): synthetic journals
 * with a known answer, run through the real src/analysis/patterns.ts
 * (compiled on the fly with esbuild, so it is always the current source).
 *
 *   node bench/patterns-eval.mjs            print the table, rewrite the
 *                                           "## Recurring patterns (evaluation)"
 *                                           section of bench/RESULTS.md
 *   node bench/patterns-eval.mjs --no-write print only
 *
 * `run({ write, out })` is exported for bench/run.mjs: it returns
 * `{ rows, table, markdown, pass }`; `markdown` is this section of
 * RESULTS.md, between SECTION_START and SECTION_END (`withSection` puts it
 * in a RESULTS.md text, replacing an older one, every other byte kept).
 * Like the rest of the bench, nothing is asserted: a missed target is
 * reported ("MISS", "some targets missed"), the exit code stays 0.
 *
 * The generator, per journal (all seeded, so every run is identical):
 * - a lookback of 8 weeks = 56 calendar days ending at the period's end; the
 *   weekday of that last day is drawn at random, so week boundaries fall on
 *   any weekday, as they do for a report over "the 7 days ending now";
 * - noise: `rate x 8` trigger entries, each at a time drawn uniformly over the
 *   56 x 24 hours (or, in the rows marked so, with a daily rhythm: see RHYTHM
 *   and WEEKEND below);
 * - a planted slot (weekday x daypart, drawn at random, distinct when two):
 *   k of the 8 weeks drawn at random; in each, 1 or 2 entries (even odds) at
 *   uniform times inside that week's occurrence of the slot (a night runs
 *   22:00-04:59 into the next calendar day);
 * - every entry is then placed the way the report does it (report.ts): the
 *   slot from its calendar weekday and hour (slotOf), its week from the day
 *   its slot began (a night's small hours count with the evening before).
 * Intensities, urges and protest behaviours are filled in (planted moments a
 * little stronger) but play no part in detection.
 */
import { build } from 'esbuild';
import { writeResults } from './results-file.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SOURCE = path.join(ROOT, 'src', 'analysis', 'patterns.ts');
const RESULTS = path.join(HERE, 'RESULTS.md');
const HEADING = '## Recurring patterns (evaluation)';
/** This section of RESULTS.md lies between these (the convention of bench/run.mjs's pause section). */
export const SECTION_START = '<!-- patterns-eval: rewritten by `node bench/patterns-eval.mjs` -->';
export const SECTION_END = '<!-- /patterns-eval -->';

const WEEKS = 8;
const DAYS = WEEKS * 7;
const DAYPART_START = [5, 12, 17, 22];
const DAYPART_HOURS = [7, 5, 5, 7];
const SMALL = 20;
const LARGE = 200;

/**
 * The scenarios of issue 5 (with targets) and more, for information only:
 * heavier noise, fewer weeks, and noise with a daily rhythm (`rhythm`: most
 * moments in the evening, few at night, as people live and write; `weekend`:
 * Fridays 1.3x, Saturdays and Sundays 1.6x as busy as other days).
 */
export const SCENARIOS = [
  { id: 1, name: 'noise only, 3 a week', rate: 3, plants: [], target: { kind: 'none', max: 1 } },
  { id: 2, name: 'noise only, 6 a week', rate: 6, plants: [], target: { kind: 'none', max: 1 } },
  { id: 3, name: '1 slot in 6 of 8 weeks, noise 3 a week', rate: 3, plants: [6], target: { kind: 'exact', min: 19 } },
  { id: 4, name: '2 slots in 7 and 6 of 8 weeks, noise 6 a week', rate: 6, plants: [7, 6], target: { kind: 'exact', min: 16 } },
  { id: 'a', name: 'noise only, 12 a week', rate: 12, plants: [], target: null },
  { id: 'b', name: '1 slot in 5 of 8 weeks, noise 3 a week', rate: 3, plants: [5], target: null },
  { id: 'c', name: '1 slot in 4 of 8 weeks, noise 3 a week', rate: 3, plants: [4], target: null },
  { id: 'd', name: '1 slot in 3 of 8 weeks, noise 3 a week', rate: 3, plants: [3], target: null },
  { id: 'e', name: '1 slot in 6 of 8 weeks, noise 12 a week', rate: 12, plants: [6], target: null },
  { id: 'f', name: 'noise with a daily rhythm, 6 a week', rate: 6, plants: [], rhythm: true, target: null },
  { id: 'g', name: 'noise with a daily rhythm, 12 a week', rate: 12, plants: [], rhythm: true, target: null },
  { id: 'h', name: 'daily rhythm and busier weekends, 12 a week', rate: 12, plants: [], rhythm: true, weekend: true, target: null },
  { id: 'i', name: '1 slot in 6 of 8 weeks, daily-rhythm noise 6 a week', rate: 6, plants: [6], rhythm: true, target: null },
];

/** Relative frequency of noise by hour of the day (0-23) under `rhythm`. */
const RHYTHM = [1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.3, 1, 1, 1, 1, 1, 1.2, 1, 1, 1, 1.2, 1.5, 2.5, 3, 3, 3, 2.5, 2];
/** Relative frequency of noise by weekday (Monday first) under `weekend`. */
const WEEKEND = [1, 1, 1, 1, 1.3, 1.6, 1.6];

// ---- compile the real module ------------------------------------------------

export async function loadPatterns() {
  const out = await build({
    entryPoints: [SOURCE],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

// ---- the generator ----------------------------------------------------------

/** mulberry32: small, fast, and the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const URGES = ['text-again', 'call-repeatedly', 'ask-reassurance', 'check-their-phone', 'go-quiet', 'demand-to-talk'];
const PROTEST = ['excessive-contact', 'withdrawing', 'keeping-score', 'acting-hostile', 'testing'];

/** One synthetic journal's lookback: the SlotEntry list and the planted slots ({ weekday, daypart, weeks }). */
export function generate(seed, { rate, plants, rhythm = false, weekend = false }, slotOf) {
  const random = rng(seed);
  const int = (n) => Math.floor(random() * n);
  const lastWeekday = int(7); // weekday (0 = Monday) of the period's last day
  const weekdayOfDay = (day) => (lastWeekday - (DAYS - 1 - day) + 7 * DAYS) % 7;
  const entries = [];

  const place = (hourInLookback, planted) => {
    const day = Math.floor(hourInLookback / 24);
    const hour = Math.floor(hourInLookback % 24);
    const slot = slotOf({ weekday: weekdayOfDay(day), hour });
    const pick = (list, chance) => list.filter(() => random() < chance);
    entries.push({
      ...slot,
      week: Math.max(0, Math.min(Math.floor((DAYS - 1 - (hour < 5 ? day - 1 : day)) / 7), WEEKS - 1)),
      intensity: planted ? 5 + int(5) : 2 + int(6),
      urges: planted ? [...(random() < 0.7 ? ['text-again'] : []), ...(random() < 0.5 ? ['ask-reassurance'] : [])] : pick(URGES, 0.2),
      protest: planted ? (random() < 0.6 ? ['excessive-contact'] : []) : pick(PROTEST, 0.15),
    });
  };

  if (!rhythm && !weekend) {
    for (let i = 0; i < rate * WEEKS; i++) place(random() * DAYS * 24, false);
  } else {
    // Hour by hour weights over the 56 days, drawn from by their running sum.
    const cumulative = [];
    let sum = 0;
    for (let hour = 0; hour < DAYS * 24; hour++) {
      sum += (rhythm ? RHYTHM[hour % 24] : 1) * (weekend ? WEEKEND[weekdayOfDay(Math.floor(hour / 24))] : 1);
      cumulative.push(sum);
    }
    for (let i = 0; i < rate * WEEKS; i++) {
      const x = random() * sum;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      place(lo + random(), false);
    }
  }

  const planted = [];
  const taken = new Set();
  for (const k of plants) {
    let weekday, daypart;
    do {
      weekday = int(7);
      daypart = int(4);
    } while (taken.has(weekday * 4 + daypart));
    taken.add(weekday * 4 + daypart);
    const weeks = shuffle([...Array(WEEKS).keys()], random).slice(0, k);
    for (const week of weeks) {
      // The day of this week (days lastDay-7w-6 .. lastDay-7w) on which the slot begins.
      const first = DAYS - 1 - 7 * week - 6;
      const day = first + ((weekday - weekdayOfDay(first) + 7) % 7);
      const start = day * 24 + DAYPART_START[daypart];
      // A Sunday night that begins on the last day runs past the period's end: keep to the part inside.
      const length = Math.min(DAYPART_HOURS[daypart], DAYS * 24 - start);
      const n = random() < 0.5 ? 1 : 2;
      for (let i = 0; i < n; i++) place(start + random() * length, true);
    }
    planted.push({ weekday, daypart, weeks: k });
  }
  return { entries: shuffle(entries, random), weeksObserved: WEEKS, planted };
}

function shuffle(list, random) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

// ---- scoring ----------------------------------------------------------------

function evaluate(mod, scenario, seeds) {
  let any = 0; // journals with any pattern reported
  let allFound = 0; // every planted slot found
  let extra = 0; // something not planted reported
  let exact = 0; // exactly the planted slots, nothing else
  let plantedSlots = 0;
  let plantedFound = 0;
  for (const seed of seeds) {
    const journal = generate(seed, scenario, mod.slotOf);
    const found = mod.findPatterns({ entries: journal.entries, weeksObserved: journal.weeksObserved });
    const key = (p) => `${p.weekday}/${p.daypart}`;
    const want = new Set(journal.planted.map((p) => `${mod.WEEKDAYS[p.weekday]}/${mod.DAYPARTS[p.daypart]}`));
    const got = new Set(found.map(key));
    const hits = [...want].filter((k) => got.has(k)).length;
    const others = [...got].filter((k) => !want.has(k)).length;
    plantedSlots += want.size;
    plantedFound += hits;
    if (got.size > 0) any++;
    if (hits === want.size) allFound++;
    if (others > 0) extra++;
    if (hits === want.size && others === 0) exact++;
  }
  return { n: seeds.length, any, allFound, extra, exact, plantedSlots, plantedFound };
}

function verdict(scenario, r) {
  const t = scenario.target;
  if (!t) return null;
  // Targets are "k of 20"; for 200 journals the same rate (k x 10).
  const scale = r.n / SMALL;
  return t.kind === 'none' ? r.any <= t.max * scale : r.exact >= t.min * scale;
}

const seedsFor = (scenario, count, base) => {
  const offset = typeof scenario.id === 'number' ? scenario.id : scenario.id.charCodeAt(0);
  return Array.from({ length: count }, (_, i) => 100_000 * offset + base + i);
};

const pct = (k, n) => `${((100 * k) / n).toFixed(1)}%`;

// ---- the report -------------------------------------------------------------

export async function run({ write = true, out = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const started = Date.now();
  const mod = await loadPatterns();
  const rows = SCENARIOS.map((scenario) => {
    const small = evaluate(mod, scenario, seedsFor(scenario, SMALL, 1));
    const large = evaluate(mod, scenario, seedsFor(scenario, LARGE, 1001));
    return { scenario, small, large, passSmall: verdict(scenario, small), passLarge: verdict(scenario, large) };
  });

  const cell = (scenario, r) => {
    if (scenario.plants.length === 0) return `${r.any} of ${r.n} with a pattern`;
    return `${r.exact} of ${r.n} exact (all found ${r.allFound}, extra ${r.extra})`;
  };
  const target = (s) =>
    !s.target ? '—' : s.target.kind === 'none' ? `≤ ${s.target.max} of 20 with a pattern` : `≥ ${s.target.min} of 20 exact`;
  const result = (pass) => (pass === null ? '—' : pass ? 'pass' : '**MISS**');

  const table = [
    '| # | scenario | target | 20 journals | result | 200 journals | rate | result |',
    '|---|---|---|---|---|---|---:|---|',
    ...rows.map(({ scenario: s, small, large, passSmall, passLarge }) => {
      const rate = s.plants.length === 0 ? pct(large.any, large.n) : pct(large.exact, large.n);
      return `| ${s.id} | ${s.name} | ${target(s)} | ${cell(s, small)} | ${result(passSmall)} | ${cell(s, large)} | ${rate} | ${result(passLarge)} |`;
    }),
  ].join('\n');

  const lines = [];
  lines.push(SECTION_START);
  lines.push(HEADING);
  lines.push('');
  lines.push(`Date: ${new Date().toISOString()} (this section: ${((Date.now() - started) / 1000).toFixed(1)} s).`);
  lines.push('Synthetic journals through the real `src/analysis/patterns.ts`, compiled on the fly; seeded, so a');
  lines.push('change in these figures is a change in the method or the generator, never chance.');
  lines.push('');
  lines.push(table);
  lines.push('');
  lines.push('"exact": every planted slot reported and nothing else; "all found": every planted slot reported;');
  lines.push('"extra": a slot that was not planted was reported. Rows 1–4 are the targets of issue 5 (for 200');
  lines.push('journals, the same rate: ≤ 10, ≥ 190, ≥ 160 of 200); rows a–i are not targets: they show how the');
  lines.push('method behaves with heavier noise, fewer weeks, and noise with a daily rhythm (hourly weights');
  lines.push('from 0.1 at 02:00–05:59 to 3 at 19:00–21:59, most moments in the evening; "busier weekends":');
  lines.push('Fridays 1.3x, Saturdays and Sundays 1.6x).');
  lines.push('');
  lines.push('Method (src/analysis/patterns.ts, the reasons in its header):');
  lines.push('- a slot (weekday x daypart, 28 of them) is a candidate when it had entries in at least 3 distinct');
  lines.push('  weeks and at least 40% of the observed weeks (4 of 8);');
  lines.push("- its count is tested against the person's other entries, by hours: one-sided exact test, slot");
  lines.push("  count ~ Binomial(slot + rest, h / (h + H)), h the slot's hours (7 or 5), H the rest's (168 - h);");
  lines.push('  the exact conditional form of a Poisson test with expectation others x h / (168 - h);');
  lines.push('  p x 28 (Bonferroni) <= 0.05;');
  lines.push('- and it must stand above the same daypart on the other weekdays: slot count ~ Binomial(slot +');
  lines.push('  same daypart elsewhere, 1/7), p x 28 <= 0.2, so a daily rhythm is not read as weekday patterns;');
  lines.push('- step down: a slot found leaves the baseline (its entries and hours), and the rest are tested');
  lines.push('  again until nothing more is found.');
  lines.push('Why the daypart check: without it, noise with a daily rhythm (rows f–h) gives a "pattern" in 17%,');
  lines.push("44% and 59% of journals, and the issue's plug-in Poisson test in 17%, 70% and 78% (2,000 journals");
  lines.push('each; the comparison is in the header of src/analysis/patterns.ts).');
  lines.push('');
  lines.push('Generator (bench/patterns-eval.mjs): 8 weeks ending on a random weekday; noise: `rate x 8` entries');
  lines.push('uniform in time; a planted slot: k random weeks, in each 1 or 2 entries (even odds) at uniform');
  lines.push('times inside the slot; every entry placed as src/analysis/report.ts places it (slot from its');
  lines.push('calendar weekday and hour with slotOf, week from the day its slot began). Seeds: 1–20 for the 20-journal');
  lines.push('runs and 1001–1200 for the 200-journal runs, offset per scenario.');
  lines.push(SECTION_END);
  const markdown = lines.join('\n');

  out(markdown);
  const pass = rows.every((r) => r.passSmall !== false && r.passLarge !== false);
  out('');
  out(pass ? 'all targets met' : 'some targets missed');
  if (write) writeSection(markdown);
  return { rows, table, markdown, pass };
}

/**
 * RESULTS.md with this section replaced (between its markers; or, from an
 * older run without them, from its heading to the next section) or added at
 * the end; every other byte as it was.
 */
export function withSection(text, markdown) {
  const from = text.indexOf(SECTION_START);
  const to = text.indexOf(SECTION_END);
  if (from >= 0 && to > from) return text.slice(0, from) + markdown + text.slice(to + SECTION_END.length);
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === HEADING);
  if (start >= 0) {
    let end = lines.findIndex((line, i) => i > start && (/^## /.test(line) || line.startsWith('<!--')));
    if (end === -1) end = lines.length;
    while (end > start + 1 && lines[end - 1] === '') end--; // the blank lines before the next section stay
    return [...lines.slice(0, start), markdown, ...lines.slice(end)].join('\n');
  }
  return `${text.replace(/\n*$/, '')}\n\n${markdown}\n`;
}

/** Rewrite this section of bench/RESULTS.md, read right before writing (other benches write there too). */
export function writeSection(markdown) {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  writeResults(RESULTS, withSection(text, markdown));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run({ write: !process.argv.includes('--no-write') });
}
