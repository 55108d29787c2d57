import { wallClock } from '../time/calendar.js';
import { monthName, weekdayName } from '../time/calendar-words.js';

/**
 * "Sun 22 Nov 21:14", in the entry's own time (its stored offset), with the
 * year when it is not `now`'s year.
 */
export function formatWhen(iso: string, now: Date): string {
  // Another tool's entry may hold any text as its time: show nothing rather than fail.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return '';
  const t = wallClock(iso);
  const year = t.year === now.getFullYear() ? '' : ` ${t.year}`;
  const hm = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  // The day padded with a space, which date-fns's format has no token for: the columns of `list` stay in line.
  return `${weekdayName(t.weekday)} ${String(t.day).padStart(2)} ${monthName(t.month)}${year} ${hm}`;
}

/** "22 Nov", the day alone (with the year when it is not `now`'s): a narrow screen's row of `attach list`. */
export function formatDayShort(iso: string, now: Date): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return '';
  const t = wallClock(iso);
  return `${String(t.day).padStart(2)} ${monthName(t.month)}${t.year === now.getFullYear() ? '' : ` ${t.year}`}`;
}

/** "20 minutes", "1 minute 30 seconds", "6 seconds": how long, in words. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (m === 0) return part(rest, 'second');
  return rest === 0 ? part(m, 'minute') : `${part(m, 'minute')} ${part(rest, 'second')}`;
}
