import { daysInMonth, type MonthIndex, monthKey, monthOfWall, monthStart } from './progress-calendar.js';
import type { MonthFigures } from './progress-month.js';
import { adjustedPValues } from './progress-multiplicity.js';
import { countFigures, monthNames, shareFigures, WORDS } from './progress-wording.js';
import type { CountUnit, Trend } from './trend.js';
import { countTrend, UNIT_DAYS } from './trend-count.js';
import { fitLogistic, fitLogLinear } from './trend-fit.js';
import { linearTrend } from './trend-linear.js';

/*
 * Which measures changed over the months, claimed only when a trend test
 * over every entry says so after correcting for the number of measures
 * tested (method and its measured error rates: bench/PROGRESS-EVAL.md).
 *
 *   meanIntensity      least squares of each moment's intensity on its time,
 *                      over evenings (trend-linear.ts: moments of one evening
 *                      that go together count as one evening's evidence)
 *   pausedAfterStrong, urgePassed, acted, fearCameTrue, asksLanded
 *                      the same on each answer (1 yes, 0 no): Cochran-Armitage
 *                      studentised by the residual variance
 *   moments, strong, protest, glimmers
 *                      permutation test of the counts of 14-day stretches
 *                      against their order (trend-count.ts), counted from the
 *                      first entry of their kind
 * Not tested, only shown: pauses, follow-ups and asks made, which say more
 * about how attach was used than about how moments went.
 *
 * A measure is tested only with enough data (below); the correction runs
 * over the measures tested (progress-multiplicity.ts: intensity and pauses
 * after strong moments hold 40% of the level each, the others share the rest
 * by Holm, strong moments follow from intensity and moments), and a change is
 * claimed at a corrected p of ALPHA or less. `from` and `to` are read off the fitted
 * trend (the line for intensity, a logistic curve for shares, the log-linear
 * rate for counts) at the first and last month, so they always show the
 * direction the test found, where the raw figures of two single months
 * could show noise.
 */

export type ShareMeasure = 'pausedAfterStrong' | 'urgePassed' | 'acted' | 'fearCameTrue' | 'asksLanded';
export type CountMeasure = 'moments' | 'strong' | 'protest' | 'glimmers';
export type Measure = 'meanIntensity' | ShareMeasure | CountMeasure;

/** Every observation of every measure, at its wall-clock time (days since 1970, see progress-calendar.ts). */
export interface Series {
  /** The end of the stretch the journal covers (exclusive). */
  end: number;
  intensity: { t: number[]; y: number[] };
  shares: Record<ShareMeasure, { t: number[]; y: boolean[] }>;
  /** Events after `start`, where counting begins. */
  counts: Record<CountMeasure, { start: number; events: number[] }>;
}

export interface Change {
  measure: Measure;
  /** The fitted value in the first and last month: a mean intensity, a share (0-1) or a count for a whole month. */
  from: number;
  to: number;
  fromMonth: string;
  toMonth: string;
  direction: 'up' | 'down';
  text: string;
}

export interface MeasureTest {
  measure: Measure;
  test: 'least-squares' | 'permutation';
  /** Observations the test had: moments with an intensity, answers, or events counted. */
  n: number;
  /** Whether the minimum of data below was met; only then is the measure tested. */
  enough: boolean;
  z: number | null;
  p: number | null;
  /** Corrected over the measures tested (progress-multiplicity.ts). */
  pAdjusted: number | null;
}

/**
 * Familywise level: the chance that a journal with no change at all shows any claimed change. The tests are
 * exact or nearly so, so a journal with nothing changing shows a claim about this often; 0.03 keeps that at or
 * under 1 in 20 in every no-change journal of the evaluation, bursts and 12 months included (bench/PROGRESS-EVAL.md).
 */
export const ALPHA = 0.03;
/** Every test: its data must spread over at least this many days (about two months). */
export const MIN_SPAN_DAYS = 60;
/** Intensity: at least this many moments. */
export const MIN_MOMENTS = 20;
/** Shares: at least this many answers, and at least MIN_EACH of each outcome (the normal approximation needs both). */
export const MIN_ANSWERS = 20;
export const MIN_EACH = 5;
/** Counts: at least this many events. */
export const MIN_EVENTS = 10;

const SHARES: ShareMeasure[] = ['pausedAfterStrong', 'urgePassed', 'acted', 'fearCameTrue', 'asksLanded'];
const COUNTS: CountMeasure[] = ['moments', 'strong', 'protest', 'glimmers'];
const ORDER: Measure[] = [
  'moments',
  'meanIntensity',
  'strong',
  'pausedAfterStrong',
  'urgePassed',
  'acted',
  'protest',
  'fearCameTrue',
  'asksLanded',
  'glimmers',
];

interface Candidate {
  test: MeasureTest;
  result: Trend | null;
  /** The fitted value at a wall-clock time, and the stretch the data cover. */
  at?: (t: number) => number;
  lo: number;
  hi: number;
}

/** Smallest and largest, without spreading a long list into arguments. */
function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * The cluster an observation belongs to for the tests: its evening, that is
 * its wall-clock day with the small hours (before 05:00) counted with the
 * evening before, as a report's nights are. Moments of one hard evening
 * tend to go together; days apart, far less.
 */
const evening = (t: number) => Math.floor(t - 5 / 24);

const sig = (value: number) => Number(value.toPrecision(3));
const round2 = (value: number) => Math.round(value * 100) / 100;

export function findChanges(series: Series, months: readonly MonthFigures[]): { changes: Change[]; tests: MeasureTest[] } {
  const candidates = new Map<Measure, Candidate>();
  const blank = (measure: Measure, test: MeasureTest['test'], n: number, enough: boolean): MeasureTest => ({
    measure,
    test,
    n,
    enough,
    z: null,
    p: null,
    pAdjusted: null,
  });

  const { t, y } = series.intensity;
  const [iLo, iHi] = extent(t);
  const iEnough = t.length >= MIN_MOMENTS && iHi - iLo >= MIN_SPAN_DAYS;
  const line = iEnough ? linearTrend(t, y, t.map(evening)) : null;
  candidates.set('meanIntensity', {
    test: blank('meanIntensity', 'least-squares', t.length, iEnough),
    result: iEnough ? (line ?? { z: 0, p: 1 }) : null,
    ...(line ? { at: (x: number) => Math.min(10, Math.max(0, line.intercept + line.slope * x)) } : {}),
    lo: iLo,
    hi: iHi,
  });

  for (const measure of SHARES) {
    const s = series.shares[measure];
    const yes = s.y.filter(Boolean).length;
    const [lo, hi] = extent(s.t);
    const enough = s.t.length >= MIN_ANSWERS && Math.min(yes, s.t.length - yes) >= MIN_EACH && hi - lo >= MIN_SPAN_DAYS;
    const fit = enough ? fitLogistic(s.t, s.y) : null;
    candidates.set(measure, {
      test: blank(measure, 'least-squares', s.t.length, enough),
      result: enough ? linearTrend(s.t, s.y.map(Number), s.t.map(evening)) : null,
      ...(fit ? { at: (x: number) => 1 / (1 + Math.exp(-(fit.a + fit.b * x))) } : {}),
      lo,
      hi,
    });
  }

  for (const measure of COUNTS) {
    const c = series.counts[measure];
    const enough = c.events.length >= MIN_EVENTS && series.end - c.start >= MIN_SPAN_DAYS;
    const units = enough ? stretches(c.start, series.end, c.events) : [];
    const result = enough ? countTrend(units.map((u) => u.count)) : null;
    const rate = result ? fitLogLinear(units, c.start) : null;
    candidates.set(measure, {
      test: blank(measure, 'permutation', c.events.length, enough),
      result,
      // A whole month's worth at the rate fitted for that time.
      ...(rate ? { at: (x: number) => Math.exp(rate.a + rate.b * (x - c.start)) * daysInMonth(monthOfWall(x)) } : {}),
      lo: c.start,
      hi: series.end - 1e-9,
    });
  }

  const tested = ORDER.map((m) => candidates.get(m)!).filter((c) => c.result !== null);
  const adjusted = adjustedPValues(
    tested.map((c) => c.result!.p),
    tested.map((c) => c.test.measure),
  );
  tested.forEach((c, i) => {
    c.test.z = round2(c.result!.z);
    c.test.p = sig(c.result!.p);
    c.test.pAdjusted = sig(adjusted[i]!);
  });

  const changes: Change[] = [];
  for (const measure of ORDER) {
    const c = candidates.get(measure)!;
    if (c.result === null || c.at === undefined || adjusted[tested.indexOf(c)]! > ALPHA) continue;
    const change = describe(measure, c, months);
    if (change) changes.push(change);
  }
  return { changes, tests: ORDER.map((m) => candidates.get(m)!.test) };
}

/**
 * The stretch from `start` to `end` cut into equal parts of at least UNIT_DAYS (183 days: 13 of 14.1 days),
 * so that every part can change places with every other and no day is left out.
 */
function stretches(start: number, end: number, events: readonly number[]): CountUnit[] {
  const parts = Math.max(1, Math.floor((end - start) / UNIT_DAYS));
  const length = (end - start) / parts;
  const units: CountUnit[] = Array.from({ length: parts }, (_, k) => ({ x: start + (k + 0.5) * length, exposure: length, count: 0 }));
  for (const e of events) units[Math.min(parts - 1, Math.max(0, Math.floor((e - start) / length)))]!.count++;
  return units;
}

function describe(measure: Measure, c: Candidate, months: readonly MonthFigures[]): Change | null {
  const direction = c.result!.z > 0 ? 'up' : 'down';
  const first = monthOfWall(c.lo);
  const last = monthOfWall(c.hi);
  // Read the curve in the middle of the part of each month that the data cover.
  const middle = (m: MonthIndex) => (Math.max(monthStart(m), c.lo) + Math.min(monthStart(m + 1), c.hi)) / 2;
  const from = c.at!(middle(first));
  const to = c.at!(middle(last));
  // The rank test and the line can disagree when a few moments pull the mean: then the change is not clear.
  if ((to > from ? 'up' : 'down') !== direction || round2(from) === round2(to)) return null;

  const [fromName, toName] = monthNames(first, last);
  const kind = measure === 'meanIntensity' ? 'mean' : (SHARES as Measure[]).includes(measure) ? 'share' : 'count';
  let figures: string;
  if (kind === 'mean') figures = `on average ${from.toFixed(1)} in ${fromName}, ${to.toFixed(1)} in ${toName}`;
  else if (kind === 'share') figures = shareFigures(from, to, fromName, toName);
  else {
    const whole = (m: MonthIndex) => months.find((f) => f.month === monthKey(m))?.days === daysInMonth(m);
    const partial = Math.floor(c.lo) > monthStart(first) || !whole(first) || !whole(last);
    figures = countFigures(from, to, fromName, toName, partial ? ' a month' : '');
  }
  const head = WORDS[measure].replace(/\{(.*?)\|(.*?)\}/, (_, up: string, down: string) => (direction === 'up' ? up : down));
  return {
    measure,
    from: round2(from),
    to: round2(to),
    fromMonth: monthKey(first),
    toMonth: monthKey(last),
    direction,
    text: `${head}: ${figures}.`,
  };
}
