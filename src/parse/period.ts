import type { Period } from '../analysis/report.js';
import { UsageError } from '../errors.js';
import { clean } from '../render/clean.js';
import { isoDay, isoWeekMonday, isoWeekName, isoWeeksIn, localDay, mondayOf } from '../time/calendar.js';
import { parseDayPhrase } from './when.js';

export interface PeriodFlags {
  week?: string | boolean;
  from?: string;
  to?: string;
}

const ISO_WEEK = /^(\d{4})-?W(\d{2})$/i;

/**
 * The report's period as calendar days, inclusive (DESIGN.md section 1):
 * by default the 7 days ending today; --week the current or a given ISO
 * week; --from/--to dates; --to alone the 7 days ending then; --from alone,
 * from then to today.
 */
export async function parsePeriod(flags: PeriodFlags, now: Date): Promise<Period> {
  const today = localDay(now);
  if (flags.week !== undefined) {
    if (flags.from !== undefined || flags.to !== undefined)
      throw new UsageError('--week is a whole period by itself; leave out --from and --to, or --week.');
    if (flags.week === true) {
      const monday = mondayOf(today);
      return { from: monday, to: monday + 6 };
    }
    const m = ISO_WEEK.exec(String(flags.week).trim());
    const year = Number(m?.[1]);
    const week = Number(m?.[2]);
    if (!m || week < 1 || week > isoWeeksIn(year)) {
      const weeks = m ? `weeks 01 to ${isoWeeksIn(year)} in ${year}` : 'weeks 01 to 52, or 53 in some years';
      throw new UsageError(`--week takes an ISO week like 2026-W47 (${weeks}; you gave "${clean(String(flags.week))}").`);
    }
    const monday = isoWeekMonday(year, week);
    // A week to come would be read "so far" up to a day that hasn't happened.
    if (monday > today) {
      const given = clean(String(flags.week));
      throw new UsageError(`--week ${given} has not begun yet (it starts ${isoDay(monday)}); this week is ${isoWeekName(today)}.`);
    }
    return { from: monday, to: monday + 6 };
  }
  const from = flags.from === undefined ? undefined : await parseDayPhrase(flags.from, now, '--from');
  const to = flags.to === undefined ? undefined : await parseDayPhrase(flags.to, now, '--to');
  if (from !== undefined && to !== undefined) {
    if (from > to) throw new UsageError(`--from (${clean(flags.from ?? '')}) is after --to (${clean(flags.to ?? '')}); swap them.`);
    if (from > today) throw new UsageError(`--from (${clean(flags.from ?? '')}) is in the future; a report is of days that have happened.`);
    return { from, to };
  }
  if (to !== undefined) {
    if (to - 6 > today)
      throw new UsageError(`--to (${clean(flags.to ?? '')}) is more than a week away; a report is of days that have happened.`);
    return { from: to - 6, to };
  }
  if (from !== undefined) {
    if (from > today) throw new UsageError(`--from (${clean(flags.from ?? '')}) is in the future; give --to as well, or an earlier day.`);
    return { from, to: today };
  }
  return { from: today - 6, to: today };
}

export function parseLookback(raw: string | undefined): number {
  if (raw === undefined) return 8;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 260) {
    throw new UsageError(`--lookback takes a number of weeks from 1 to 260 (you gave "${clean(raw)}"), for example --lookback 8.`);
  }
  return Number(raw);
}
