/**
 * Calendar days as plain numbers (days since 1970-01-01), read from an
 * entry's own wall time: a report counts days as the person lived them,
 * whatever zone the report itself runs in.
 */

export type Day = number;

export function dayOf(isoDate: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`not a date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export function isoDay(day: Day): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The calendar day of a Date in this machine's zone (for "today"). */
export function localDay(date: Date): Day {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: Day): number {
  return (new Date(day * 86_400_000).getUTCDay() + 6) % 7;
}
