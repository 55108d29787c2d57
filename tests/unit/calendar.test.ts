import { UTCDateMini } from '@date-fns/utc/date/mini';
import { getISODay } from 'date-fns/getISODay';
import { getISOWeek } from 'date-fns/getISOWeek';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dayOf,
  isCalendarDay,
  isoDay,
  isoWeekMonday,
  isoWeeksIn,
  localDay,
  localDayStamp,
  localDaysBefore,
  localTimeStamp,
  mondayOf,
  toOffsetIso,
  WEEKDAY_IDS,
  wallClock,
  weekdayOf,
} from '../../src/time/calendar.js';
import { formatDay, monthName, weekdayName } from '../../src/time/calendar-words.js';

// Entries are read in their own offset whatever the machine's zone: run in one
// with summer time and a negative offset, so a slip into the local zone shows.
// Node re-reads TZ when it changes.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const MONDAY = 0;
const THURSDAY = 3;
const SUNDAY = 6;

describe('calendar days', () => {
  it('agree with date-fns on every day of a whole Gregorian cycle (400 years)', () => {
    const from = dayOf('1800-01-01');
    const to = dayOf('2200-01-01');
    expect(to - from).toBe(146_097);
    for (let day = from; day < to; day++) {
      const date = new UTCDateMini(day * 86_400_000);
      if (weekdayOf(day) !== getISODay(date) - 1) expect(weekdayOf(day)).toBe(getISODay(date) - 1);
      if (dayOf(isoDay(day)) !== day) expect(dayOf(isoDay(day))).toBe(day);
    }
  });

  it('knows the weekday of a day', () => {
    expect(weekdayOf(dayOf('1970-01-01'))).toBe(THURSDAY);
    expect(weekdayOf(dayOf('1969-12-29'))).toBe(MONDAY); // before the epoch too
    expect(weekdayOf(dayOf('2026-11-22'))).toBe(SUNDAY);
    expect(weekdayOf(dayOf('2000-02-29'))).toBe(1); // a Tuesday, in a leap year of a century
    expect(weekdayName(weekdayOf(dayOf('2026-11-22')))).toBe('Sun');
    expect(weekdayName(weekdayOf(dayOf('2026-11-23')), 'long')).toBe('Monday');
  });

  it('reads a day as written, whatever follows it', () => {
    expect(isoDay(dayOf('2026-11-22'))).toBe('2026-11-22');
    expect(dayOf('2026-11-22T23:59:00-08:00')).toBe(dayOf('2026-11-22'));
    expect(dayOf('2026-11-23T00:01:00+05:30')).toBe(dayOf('2026-11-23'));
    expect(() => dayOf('22 Nov 2026')).toThrow(/not a date/);
  });

  it('takes "today" in this machine zone, also just before midnight', () => {
    // 07:30 UTC on the 28th is 23:30 on the 27th in Los Angeles.
    const lateEvening = new Date('2026-11-28T07:30:00Z');
    expect(isoDay(localDay(lateEvening))).toBe('2026-11-27');
    expect(localDayStamp(lateEvening)).toBe('2026-11-27');
    expect(localTimeStamp(lateEvening)).toBe('20261127-233000');
    // The day summer time starts (23 hours) and the day it ends (25 hours).
    expect(isoDay(localDay(new Date('2026-03-08T23:59:00-07:00')))).toBe('2026-03-08');
    expect(isoDay(localDay(new Date('2026-11-01T23:59:00-08:00')))).toBe('2026-11-01');
  });

  it('steps back whole days in this machine zone, keeping the wall time across a change of summer time', () => {
    // "saturday 9pm" said on the Sunday after: a week back, from summer time (-07:00) into winter time (-08:00).
    expect(toOffsetIso(localDaysBefore(new Date('2026-03-14T21:00:00-07:00'), 7))).toBe('2026-03-07T21:00:00-08:00');
    expect(toOffsetIso(localDaysBefore(new Date('2026-11-01T21:00:00-08:00'), 1))).toBe('2026-10-31T21:00:00-07:00');
  });

  it('refuses days the calendar does not have', () => {
    expect(isCalendarDay(2024, 2, 29)).toBe(true);
    expect(isCalendarDay(2026, 2, 29)).toBe(false);
    expect(isCalendarDay(2026, 11, 31)).toBe(false);
    expect(isCalendarDay(2026, 13, 1)).toBe(false);
    expect(isCalendarDay(2026, 1, 0)).toBe(false);
  });
});

describe('ISO weeks', () => {
  it('has 53 weeks in the years that have 53 Thursdays, 52 in the others', () => {
    for (const year of [2004, 2009, 2015, 2020, 2026, 2032, 2037]) expect(isoWeeksIn(year)).toBe(53);
    for (const year of [2019, 2021, 2024, 2025, 2027, 2100]) expect(isoWeeksIn(year)).toBe(52);
    for (let year = 1990; year <= 2060; year++) {
      let thursdays = 0;
      for (let day = dayOf(`${year}-01-01`); day < dayOf(`${year + 1}-01-01`); day++) if (weekdayOf(day) === THURSDAY) thursdays++;
      expect(isoWeeksIn(year)).toBe(thursdays);
    }
  });

  it('starts each week on its Monday, week 1 in the week of 4 January', () => {
    expect(isoDay(isoWeekMonday(2026, 1))).toBe('2025-12-29'); // week 1 may begin in the year before
    expect(isoDay(isoWeekMonday(2026, 47))).toBe('2026-11-16');
    expect(isoDay(isoWeekMonday(2026, 53))).toBe('2026-12-28'); // and week 53 end in the year after
    expect(isoDay(isoWeekMonday(2020, 53))).toBe('2020-12-28');
    expect(isoDay(isoWeekMonday(2021, 1))).toBe('2021-01-04'); // 1-3 January 2021 are in 2020-W53
    expect(isoDay(isoWeekMonday(2027, 52))).toBe('2027-12-27');
    for (const [year, week] of [
      [2015, 53],
      [2016, 1],
      [2024, 1],
      [2024, 52],
    ] as const) {
      const monday = isoWeekMonday(year, week);
      expect(weekdayOf(monday)).toBe(MONDAY);
      expect(getISOWeek(new UTCDateMini(monday * 86_400_000))).toBe(week);
    }
  });

  it('finds the Monday of any day, across the end of a year', () => {
    expect(isoDay(mondayOf(dayOf('2026-11-22')))).toBe('2026-11-16'); // a Sunday: the Monday before
    expect(isoDay(mondayOf(dayOf('2026-11-23')))).toBe('2026-11-23'); // a Monday: itself
    expect(isoDay(mondayOf(dayOf('2027-01-01')))).toBe('2026-12-28');
    expect(isoDay(mondayOf(dayOf('1970-01-01')))).toBe('1969-12-29');
  });
});

describe('an entry time in its own fixed offset', () => {
  it('keeps the wall clock of +05:30 and -08:00 on both sides of midnight', () => {
    // One instant, 18:45 UTC on 22 November: already the 23rd in India, still the 22nd in California.
    const instant = new Date('2026-11-22T18:45:00Z');
    const india = toOffsetIso(instant, 330);
    const california = toOffsetIso(instant, -480);
    expect(india).toBe('2026-11-23T00:15:00+05:30');
    expect(california).toBe('2026-11-22T10:45:00-08:00');
    expect(wallClock(india)).toEqual({ year: 2026, month: 11, day: 23, hour: 0, minute: 15, weekday: MONDAY });
    expect(wallClock(california)).toMatchObject({ day: 22, hour: 10, weekday: SUNDAY });
    // 07:59 UTC on the 23rd: 23:59 on the 22nd at -08:00, 13:29 on the 23rd at +05:30.
    const late = new Date('2026-11-23T07:59:00Z');
    expect(toOffsetIso(late, -480)).toBe('2026-11-22T23:59:00-08:00');
    expect(toOffsetIso(late, 330)).toBe('2026-11-23T13:29:00+05:30');
    expect(dayOf(toOffsetIso(late, -480))).toBe(dayOf('2026-11-22'));
    expect(toOffsetIso(new Date('2026-11-22T18:45:00.999Z'), 330)).toBe(india); // whole seconds, cut rather than rounded
    expect(Date.parse(india)).toBe(instant.getTime());
    expect(Date.parse(california)).toBe(instant.getTime());
  });

  it('writes an offset under an hour, and zero, with their sign', () => {
    const instant = new Date('2026-01-01T00:00:00Z');
    expect(toOffsetIso(instant, -30)).toBe('2025-12-31T23:30:00-00:30');
    expect(toOffsetIso(instant, 45)).toBe('2026-01-01T00:45:00+00:45');
    expect(toOffsetIso(instant, 0)).toBe('2026-01-01T00:00:00+00:00');
    expect(toOffsetIso(instant, 765)).toBe('2026-01-01T12:45:00+12:45');
  });

  it('reads the hours of a fixed offset as written, not as the local zone would have them, across summer time', () => {
    // 02:30 on 8 March 2026 never happened in Los Angeles (clocks went 02:00 -> 03:00), but at a fixed -08:00 it did.
    expect(wallClock('2026-03-08T02:30:00-08:00')).toMatchObject({ day: 8, hour: 2, minute: 30, weekday: SUNDAY });
    // The same night written before and after the change: an hour apart, both Sunday 8 March, at 01:30 and 03:30.
    const before = '2026-03-08T01:30:00-08:00';
    const after = '2026-03-08T03:30:00-07:00';
    expect(Date.parse(after) - Date.parse(before)).toBe(60 * 60_000);
    expect([wallClock(before).hour, wallClock(after).hour]).toEqual([1, 3]);
    expect(dayOf(before)).toBe(dayOf(after));
    // A summer day kept at a winter offset (a zone without summer time) stays at its own 09:00.
    expect(wallClock('2026-07-04T09:00:00-08:00')).toMatchObject({ month: 7, day: 4, hour: 9 });
    // The hour that happens twice in Europe when summer time ends: both 02:30, on the same Sunday.
    expect(wallClock('2026-10-25T02:30:00+02:00')).toMatchObject({ day: 25, hour: 2, weekday: SUNDAY });
    expect(wallClock('2026-10-25T02:30:00+01:00')).toMatchObject({ day: 25, hour: 2, weekday: SUNDAY });
  });

  it('writes this machine zone, with the offset of that moment, on both sides of a change', () => {
    expect(toOffsetIso(new Date('2026-03-08T09:59:59Z'))).toBe('2026-03-08T01:59:59-08:00');
    expect(toOffsetIso(new Date('2026-03-08T10:00:00Z'))).toBe('2026-03-08T03:00:00-07:00');
    expect(toOffsetIso(new Date('2026-11-01T08:30:00Z'))).toBe('2026-11-01T01:30:00-07:00');
    expect(toOffsetIso(new Date('2026-11-01T09:30:00Z'))).toBe('2026-11-01T01:30:00-08:00');
  });
});

describe('words', () => {
  it('names days and months from date-fns, Monday and January first', () => {
    expect(Array.from({ length: 7 }, (_, i) => weekdayName(i))).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(weekdayName(SUNDAY, 'long')).toBe('Sunday');
    expect(monthName(1)).toBe('Jan');
    expect(monthName(12, 'long')).toBe('December');
    // The ids in attach's JSON are the same names, in lower case.
    expect(WEEKDAY_IDS.map((_, i) => weekdayName(i, 'long').toLowerCase())).toEqual([...WEEKDAY_IDS]);
  });

  it('formats a calendar day by a date-fns pattern, with no zone in the way', () => {
    expect(formatDay(dayOf('2026-11-22'), 'd MMM yyyy')).toBe('22 Nov 2026');
    expect(formatDay(dayOf('2027-01-01'), 'EEEE d MMMM yyyy')).toBe('Friday 1 January 2027');
  });
});
