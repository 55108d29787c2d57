/**
 * The calendar, in one place, on date-fns: calendar days, weekdays, ISO
 * weeks, entry times and the stamps in file names. Their names and the days
 * in words are in calendar-words.ts.
 *
 * An entry's `at` is ISO 8601 local time with the UTC offset it was written
 * in (DESIGN.md section 2), so its day, weekday and time of day are the
 * person's own, read from the text and never converted to the zone the
 * program runs in. Calendar days are plain numbers (days since 1970-01-01);
 * where date-fns works on one it gets a UTCDateMini (@date-fns/utc: a Date
 * whose fields are its UTC fields), so no zone and no summer time can move
 * a day.
 *
 * Why not TZDate (@date-fns/tz 1.5) with the entry's offset, measured on
 * Node 20.20: it accepts '+05:30', '+0530' and '-08:00', but Node 20's Intl
 * refuses offset zones, so every TZDate first throws inside Intl and then
 * parses the offset itself: 0.25-0.6 ms a date, 23-59 s for the day, weekday
 * and hour of 100k entries (Node 24: 1.7-3.6 s), against 0.13 s below. It
 * also reads '-00:30' as +00:30 (the sign is lost when the hours are zero;
 * on Node 24 too), and its toString() throws for an offset zone on Node 20.
 * The wall-clock fields of the text, held as UTC, are the fields the offset
 * would give, with none of that.
 *
 * date-fns is imported by path (`date-fns/formatISO`), never by its barrel:
 * that is about 250 files, 100 ms at start-up unbundled (STACK-NOTES.md).
 */

import { UTCDateMini } from '@date-fns/utc/date/mini';
import { millisecondsInDay, millisecondsInMinute } from 'date-fns/constants';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { formatISO } from 'date-fns/formatISO';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { isExists } from 'date-fns/isExists';
import { lightFormat } from 'date-fns/lightFormat';
import { setISOWeek } from 'date-fns/setISOWeek';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { subDays } from 'date-fns/subDays';

/** A calendar day: days since 1970-01-01. */
export type Day = number;

/** 0 = Monday ... 6 = Sunday, everywhere in attach. */
export type Weekday = number;

/** The weekdays as attach writes them in its JSON (a report pattern's `weekday`), Monday first. */
export const WEEKDAY_IDS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A calendar day as a date for date-fns: a UTCDateMini at its midnight. */
export const dateOfDay = (day: Day): Date => new UTCDateMini(day * millisecondsInDay);
const dayOfDate = (date: Date): Day => Math.floor(date.getTime() / millisecondsInDay);

/** A calendar date as a UTCDateMini; years 0-99 stay themselves (Date.UTC would read 26 as 1926). */
function calendarDate(year: number, month: number, day: number): Date {
  const date = new UTCDateMini(0);
  date.setFullYear(year, month - 1, day);
  return date;
}

// ---- read straight from the stored text ---------------------------------------
//
// The one case kept by hand. A report, a filter, `list` and the Markdown
// journal read the day, the weekday and the time of day of every entry, up to
// 100k of them, so these read the digits of the text and never build a Date.
// Measured on Node 20.20 (2 busy shared cores, best of 7), the day, weekday
// and hour of 100k stored times: dayOf + wallClock below 134 ms; date-fns on a
// UTCDateMini of the wall time (differenceInCalendarDays, getISODay, getHours)
// 669 ms, 5x; getISODay alone 120 ms against 1 ms for weekdayOf's arithmetic.
// tests/unit/calendar.test.ts checks them against date-fns over 400 years.

const STORED_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const STORED_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** The calendar day of a stored date or time, as written (its own offset, never this machine's zone). */
export function dayOf(isoDate: string): Day {
  const m = STORED_DAY.exec(isoDate);
  if (!m) throw new Error(`not a date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / millisecondsInDay;
}

/** The weekday of a day; 1970-01-01 was a Thursday (3). */
export function weekdayOf(day: Day): Weekday {
  return (((day + 3) % 7) + 7) % 7;
}

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday ... 6 = Sunday */
  weekday: Weekday;
}

/** The wall-clock fields of a stored time, read from the string itself, never converted to this machine's zone. */
export function wallClock(iso: string): WallClock {
  const m = STORED_TIME.exec(iso);
  if (!m) throw new Error(`not an entry time: ${iso}`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const weekday = weekdayOf(Date.UTC(year, month - 1, day) / millisecondsInDay);
  return { year, month, day, hour, minute, weekday };
}

// ---- days ----------------------------------------------------------------------

/** 2026-11-22 */
export function isoDay(day: Day): string {
  return formatISO(dateOfDay(day), { representation: 'date' });
}

/** The calendar day of a Date in this machine's zone (for "today", and a day the person typed). */
export function localDay(date: Date): Day {
  // The epoch is built at each call: the zone may change while the program runs (tests set TZ).
  return differenceInCalendarDays(date, new Date(1970, 0, 1));
}

/** The same wall time `days` calendar days earlier in this machine's zone: 21:00 stays 21:00 across a change of summer time. */
export function localDaysBefore(date: Date, days: number): Date {
  return subDays(date, days);
}

/** Whether year-month-day (month 1-12) is a day of the calendar: 2026-02-30 is not. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return isExists(year, month - 1, day);
}

// ---- ISO weeks -----------------------------------------------------------------

/** 52 or 53. Week 1 holds the year's first Thursday, so 4 January is always in it. */
export function isoWeeksIn(year: number): number {
  return getISOWeeksInYear(calendarDate(year, 1, 4));
}

/** The Monday of ISO week `week` of `year`. */
export function isoWeekMonday(year: number, week: number): Day {
  return dayOfDate(startOfISOWeek(setISOWeek(calendarDate(year, 1, 4), week)));
}

/** The ISO week holding `day`, as --week takes it: 2026-W49 (the week of 31 Dec 2024 is 2025-W01). */
export function isoWeekName(day: Day): string {
  const date = dateOfDay(day);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: Day): Day {
  return dayOfDate(startOfISOWeek(dateOfDay(day)));
}

// ---- times written by attach ---------------------------------------------------

const pad2 = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');

/** `date` as wall time at `offsetMinutes` east of UTC (default: this machine's zone at that moment), with that offset. */
export function toOffsetIso(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  const wall = lightFormat(new UTCDateMini(date.getTime() + offsetMinutes * millisecondsInMinute), "yyyy-MM-dd'T'HH:mm:ss");
  // Written out here: date-fns formats the offset of a zone (format's `xxx`), and this is a number.
  return `${wall}${offsetMinutes < 0 ? '-' : '+'}${pad2(offsetMinutes / 60)}:${pad2(offsetMinutes % 60)}`;
}

/** 2026-11-28 in this machine's zone: the day a backup is named for. */
export function localDayStamp(date: Date): string {
  return lightFormat(date, 'yyyy-MM-dd');
}

/** 20261128-101500 in this machine's zone: the moment a damaged copy is named for. */
export function localTimeStamp(date: Date): string {
  return lightFormat(date, 'yyyyMMdd-HHmmss');
}
