/**
 * The calendar in words: the names of days and months, and days formatted
 * for people, from date-fns's English (its `format` and en-US locale).
 *
 * Apart from calendar.ts because of what they weigh at start-up: bundled,
 * they are about 40 KB, and importing them cost 2.5 ms more CPU than the rest
 * of the calendar (measured, Node 20.20: 3.8 ms against 1.3 ms over an empty
 * module). `attach log` writes times and backup names but no words, so it
 * loads calendar.ts alone; what renders for people loads this too.
 */

import { format } from 'date-fns/format';
import { enUS } from 'date-fns/locale/en-US';
import { type Day, dateOfDay, type Weekday } from './calendar.js';

type LocaleWeekday = Parameters<typeof enUS.localize.day>[0]; // 0 = Sunday in date-fns
type LocaleMonth = Parameters<typeof enUS.localize.month>[0]; // 0 = January
/** Looked up once: they are read for every line of a long list. */
const names = (width: 'abbreviated' | 'wide') => ({
  weekdays: Array.from({ length: 7 }, (_, weekday) => enUS.localize.day(((weekday + 1) % 7) as LocaleWeekday, { width })),
  months: Array.from({ length: 12 }, (_, month) => enUS.localize.month(month as LocaleMonth, { width })),
});
const SHORT = names('abbreviated');
const LONG = names('wide');

/** "Mon" (short) or "Monday" (long); 0 = Monday. */
export function weekdayName(weekday: Weekday, width: 'short' | 'long' = 'short'): string {
  return (width === 'short' ? SHORT : LONG).weekdays[weekday]!;
}

/** "Nov" (short) or "November" (long); 1 = January. */
export function monthName(month: number, width: 'short' | 'long' = 'short'): string {
  return (width === 'short' ? SHORT : LONG).months[month - 1]!;
}

/** A calendar day in words, by a date-fns pattern: formatDay(day, 'd MMM yyyy') is "22 Nov 2026". */
export function formatDay(day: Day, pattern: string): string {
  return format(dateOfDay(day), pattern);
}
