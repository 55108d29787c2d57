/*
 * Months and wall-clock time for attach progress, read from the stored
 * strings themselves (DESIGN.md section 2: an entry's day and time are its
 * own, with its own offset), so a DST change or a trip to another zone never
 * moves an entry into another month. Kept here, small and local, while the
 * shared calendar code moves to date-fns in src/time/.
 */

const DAY_MS = 86_400_000;
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A month as one number: year * 12 + (month - 1). */
export type MonthIndex = number;

/** 'YYYY-MM' to a month index; null for anything else, or a month outside 01-12. */
export function parseMonth(text: string): MonthIndex | null {
  const m = MONTH.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? Number(m[1]) * 12 + month - 1 : null;
}

export function monthKey(index: MonthIndex): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of the month's first day. */
export function monthStart(index: MonthIndex): number {
  return Date.UTC(Math.floor(index / 12), index % 12, 1) / DAY_MS;
}

export function daysInMonth(index: MonthIndex): number {
  return monthStart(index + 1) - monthStart(index);
}

/**
 * The wall-clock time of a stored time, as days since 1970-01-01 read as if
 * the clock on the wall were UTC (21:30 on 22 Nov is 22 Nov + 0.896 whatever
 * the offset). Null when the text is not an entry time.
 */
export function wallDays(iso: string): number | null {
  const m = WALL.exec(iso);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const ms = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  return Number.isFinite(ms) ? ms / DAY_MS : null;
}

/** The month a wall-clock time (wallDays) falls in. */
export function monthOfWall(days: number): MonthIndex {
  const date = new Date(Math.floor(days) * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/**
 * The moment itself, in ms since the epoch, offset applied: for "within 2
 * hours", which is about elapsed time. A time written without an offset (by
 * another tool) is read as if it were UTC, never in this machine's zone.
 */
export function instantOf(iso: string): number | null {
  const wall = wallDays(iso);
  if (wall === null) return null;
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) return wall * DAY_MS;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
