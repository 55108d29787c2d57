import type { PauseEntry } from '../journal/types.js';
import { type Day, isoDay } from '../time/calendar.js';

/*
 * The two series the report page draws that the summary numbers cannot give:
 * intensity week by week across the lookback, and each pause's before and
 * after. Kept apart from report.ts so the report's own sums stay as they are.
 */

export interface WeekPoint {
  /** The week's first and last day; the oldest week starts no earlier than the lookback. */
  from: string;
  to: string;
  count: number;
  meanIntensity: number | null;
}

export interface PausePoint {
  at: string;
  before: number;
  after: number | null;
  passed: boolean | null;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Oldest week first, on the very weeks the patterns count (0 = the 7 days
 * ending at the period's end), so a night's small hours fall in the week of
 * the evening they began, as they do in the patterns.
 */
export function weeklySeries(
  entries: readonly { week: number; intensity: number }[],
  weeksObserved: number,
  to: Day,
  lookFrom: Day,
): WeekPoint[] {
  const sums = Array.from({ length: weeksObserved }, () => ({ count: 0, total: 0 }));
  for (const { week, intensity } of entries) {
    const sum = sums[week];
    if (!sum) continue;
    sum.count++;
    sum.total += intensity;
  }
  return sums
    .map((sum, week) => ({
      from: isoDay(Math.max(to - 7 * week - 6, lookFrom)),
      to: isoDay(to - 7 * week),
      count: sum.count,
      meanIntensity: sum.count ? round2(sum.total / sum.count) : null,
    }))
    .reverse();
}

/** The period's pauses in the order they happened. */
export function pauseSeries(pauses: readonly PauseEntry[]): PausePoint[] {
  return pauses
    .map((p) => ({ time: Date.parse(p.at), point: { at: p.at, before: p.before, after: p.after, passed: p.passed } }))
    .sort((a, b) => a.time - b.time)
    .map(({ point }) => point);
}
