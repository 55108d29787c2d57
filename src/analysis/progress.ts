import type { Entry } from '../journal/types.js';
import { instantOf, type MonthIndex, monthKey, monthOfWall, monthStart, parseMonth, wallDays } from './progress-calendar.js';
import { type Change, findChanges, type MeasureTest, type Series } from './progress-changes.js';
import { emptyMonth, type MonthFigures } from './progress-month.js';

/*
 * Change over months as data (`attach.progress/1`, DESIGN.md section 3):
 * entries + the months asked for + now in, one value out; text, Markdown
 * and JSON are all rendered from it. No file, no clock: `now` is given as
 * the person's wall-clock time with its offset.
 *
 * An entry belongs to the month of its own wall-clock date (the date written
 * in its `at`, with its own offset), so DST or a trip to another zone never
 * moves it. The months run from `months` before `to` up to `to`, but never
 * before the journal's first entry and never past the month of `now`.
 *
 * What each month counts (entries whose `at` falls in that month):
 *   moments            trigger entries
 *   meanIntensity      mean intensity of those moments (null when none)
 *   strong             moments of intensity 7 or more
 *   pausedAfterStrong  strong moments with a pause starting within 2 hours
 *                      after them (at or after the moment, linked or not;
 *                      the pause may fall in the next month)
 *   pauses             pause entries
 *   urgePassed         pauses whose `passed` is true; urgeAnswered: those
 *                      whose `passed` is true or false (null is no answer)
 *   acted              pauses whose `acted` is yes or partly; actedAnswered:
 *                      yes, partly or no
 *   protest            moments with at least one protest behaviour
 *   followUps          follow-up entries
 *   fearCameTrue       follow-ups whose `fear` is came-true; fearAnswered:
 *                      came-true, partly or did-not
 *   asksMade           follow-ups whose `asked` is yes (only a reflection's
 *                      follow-up asks it; one whose reflection was deleted
 *                      still counts)
 *   asksLanded         of those, `landed` yes; landedAnswered: asks made
 *                      whose `landed` is yes, partly or no
 *   glimmers           glimmer entries
 * Months with no entries count as zero for counts and as no data for rates.
 */

export interface ProgressOptions {
  /** The last month shown, 'YYYY-MM'. */
  to: string;
  /** How many months, ending with `to`. */
  months: number;
  /** Now, as ISO 8601 wall-clock time with offset: its date says which month is still under way. */
  now: string;
}

export interface ProgressData {
  schema: 'attach.progress/1';
  /** The months asked for; `since` is the journal's first day when it began inside them (else null). */
  range: { from: string; to: string; months: number; since: string | null };
  months: MonthFigures[];
  /** Only changes that pass their trend test, corrected for the number of measures tested. */
  changes: Change[];
  /** Every measure looked at: its test, how much data it had, and its p-values. */
  tests: MeasureTest[];
}

const STRONG = 7;
const LITTLE = 3;
const PAUSE_WINDOW_MS = 2 * 3_600_000;
const COUNTED = new Set(['trigger', 'pause', 'reflection', 'follow-up', 'glimmer']);
const ANSWERS = ['yes', 'partly', 'no'];
const FEARS = ['came-true', 'partly', 'did-not'];

export type { Change, MeasureTest } from './progress-changes.js';
export { ALPHA, MIN_ANSWERS, MIN_EACH, MIN_EVENTS, MIN_MOMENTS, MIN_SPAN_DAYS } from './progress-changes.js';
export type { MonthFigures } from './progress-month.js';
export { initialShares, PRIMARY } from './progress-multiplicity.js';

interface Placed {
  entry: Record<string, unknown>;
  type: string;
  wall: number;
  month: MonthIndex;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const field = (e: Record<string, unknown>, name: string) => e[name];
const isoDate = (wall: number) => new Date(Math.floor(wall) * 86_400_000).toISOString().slice(0, 10);

function intensityOf(e: Record<string, unknown>): number | null {
  const v = e.intensity;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10 ? v : null;
}

export function buildProgress(all: readonly Entry[], options: ProgressOptions): ProgressData {
  const toIndex = parseMonth(options.to);
  const nowWall = wallDays(options.now);
  if (toIndex === null || nowWall === null || !(options.months >= 1)) throw new Error('buildProgress: bad options');
  const today = Math.floor(nowWall);
  const fromIndex = toIndex - options.months + 1;
  const last = Math.min(toIndex, monthOfWall(today));

  const placed: Placed[] = [];
  for (const entry of all as readonly Record<string, unknown>[]) {
    const type = String(entry.type);
    const wall = typeof entry.at === 'string' && COUNTED.has(type) ? wallDays(entry.at) : null;
    if (wall !== null) placed.push({ entry, type, wall, month: monthOfWall(wall) });
  }
  placed.sort((a, b) => a.wall - b.wall);
  const rangeStart = monthStart(fromIndex);
  const journalStart = placed[0]?.wall;
  const since = journalStart !== undefined && journalStart >= rangeStart ? journalStart : null;
  const first = Math.max(fromIndex, journalStart === undefined ? Infinity : monthOfWall(journalStart));
  const inRange = placed.filter((p) => p.month >= first && p.month <= last);

  // The covered stretch: from the first day of the journal (or of the range) to the end of today, or
  // of the last month if that comes first. An entry from a zone already in tomorrow stretches it by
  // that day; nothing later can have happened yet, so no entry stretches it further.
  const startDay = since === null ? rangeStart : Math.floor(since);
  const latest = Math.floor(inRange.at(-1)?.wall ?? today);
  const end = Math.min(monthStart(last + 1), Math.min(Math.max(today, latest), today + 1) + 1);

  const pauseTimes = placed
    .filter((p) => p.type === 'pause')
    .map((p) => instantOf(p.entry.at as string))
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  const pausedWithin = (e: Record<string, unknown>) => {
    const t = instantOf(e.at as string);
    if (t === null) return false;
    const i = lowerBound(pauseTimes, t);
    return i < pauseTimes.length && pauseTimes[i]! <= t + PAUSE_WINDOW_MS;
  };

  const months: MonthFigures[] = [];
  for (let index = first; index <= last; index++) {
    const lo = Math.max(monthStart(index), startDay);
    const hi = Math.min(monthStart(index + 1), end);
    months.push(emptyMonth(index, Math.max(0, hi - lo), index === monthOfWall(today)));
  }
  const series: Series = emptySeries(rangeStart, end);
  const intensitySums = new Map<MonthIndex, { sum: number; n: number }>();

  for (const p of inRange) {
    const m = months[p.month - first]!;
    const e = p.entry;
    if (p.type === 'trigger') {
      m.moments++;
      series.counts.moments.events.push(p.wall);
      const intensity = intensityOf(e);
      if (intensity !== null) {
        const sums = intensitySums.get(p.month) ?? { sum: 0, n: 0 };
        intensitySums.set(p.month, { sum: sums.sum + intensity, n: sums.n + 1 });
        series.intensity.t.push(p.wall);
        series.intensity.y.push(intensity);
        if (intensity >= STRONG) {
          m.strong++;
          series.counts.strong.events.push(p.wall);
          const paused = pausedWithin(e);
          if (paused) m.pausedAfterStrong++;
          addShare(series.shares.pausedAfterStrong, p.wall, paused);
        }
      }
      const protest = field(e, 'protest');
      if (Array.isArray(protest) && protest.length > 0) {
        m.protest++;
        series.counts.protest.events.push(p.wall);
      }
    } else if (p.type === 'pause') {
      m.pauses++;
      const passed = field(e, 'passed');
      if (typeof passed === 'boolean') {
        m.urgeAnswered++;
        if (passed) m.urgePassed++;
        addShare(series.shares.urgePassed, p.wall, passed);
      }
      const acted = field(e, 'acted');
      if (typeof acted === 'string' && ANSWERS.includes(acted)) {
        m.actedAnswered++;
        if (acted !== 'no') m.acted++;
        addShare(series.shares.acted, p.wall, acted !== 'no');
      }
    } else if (p.type === 'follow-up') {
      m.followUps++;
      const fear = field(e, 'fear');
      if (typeof fear === 'string' && FEARS.includes(fear)) {
        m.fearAnswered++;
        if (fear === 'came-true') m.fearCameTrue++;
        addShare(series.shares.fearCameTrue, p.wall, fear === 'came-true');
      }
      if (field(e, 'asked') === 'yes') {
        m.asksMade++;
        const landed = field(e, 'landed');
        if (typeof landed === 'string' && ANSWERS.includes(landed)) {
          m.landedAnswered++;
          if (landed === 'yes') m.asksLanded++;
          addShare(series.shares.asksLanded, p.wall, landed === 'yes');
        }
      }
    } else if (p.type === 'glimmer') {
      m.glimmers++;
      series.counts.glimmers.events.push(p.wall);
    }
  }
  months.forEach((m, i) => {
    const sums = intensitySums.get(first + i);
    m.meanIntensity = sums ? round2(sums.sum / sums.n) : null;
    m.littleData = m.moments < LITTLE;
  });

  // A count measure is read from the first entry of its kind: glimmers from the first glimmer, not from
  // a time when the journal had none to offer. When that entry opens the stretch it is left out of the
  // test, as in a test of a process observed from an event on.
  const firstTrigger = placed.find((p) => p.type === 'trigger')?.wall;
  const firstGlimmer = placed.find((p) => p.type === 'glimmer')?.wall;
  for (const [name, opener] of [
    ['moments', firstTrigger],
    ['strong', firstTrigger],
    ['protest', firstTrigger],
    ['glimmers', firstGlimmer],
  ] as const) {
    if (opener !== undefined && opener >= rangeStart) {
      series.counts[name].start = opener;
      series.counts[name].events = series.counts[name].events.filter((t, i) => i > 0 || t !== opener);
    }
  }

  return {
    schema: 'attach.progress/1',
    range: { from: monthKey(fromIndex), to: monthKey(toIndex), months: options.months, since: since === null ? null : isoDate(since) },
    months,
    ...findChanges(series, months),
  };
}

function addShare(share: { t: number[]; y: boolean[] }, t: number, yes: boolean): void {
  share.t.push(t);
  share.y.push(yes);
}

function emptySeries(start: number, end: number): Series {
  const share = () => ({ t: [] as number[], y: [] as boolean[] });
  const count = () => ({ start, events: [] as number[] });
  return {
    end,
    intensity: { t: [], y: [] },
    shares: { pausedAfterStrong: share(), urgePassed: share(), acted: share(), fearCameTrue: share(), asksLanded: share() },
    counts: { moments: count(), strong: count(), protest: count(), glimmers: count() },
  };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
