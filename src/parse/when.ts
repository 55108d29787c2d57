import { UsageError } from '../errors.js';
import { clean } from '../render/clean.js';
import { together } from '../render/wrap.js';
import { isCalendarDay, localDay, localDaysBefore, toOffsetIso } from '../time/calendar.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
/** A moment a few seconds ahead is a clock difference, not the future. */
const FUTURE_SLACK_MS = 60_000;

// Each phrase held together, as a person would type it.
const phrases = ['"yesterday 21:30"', '"sunday 9pm"', '"2h ago"'].map(together).join(', ');
const help = `Use a date and time like 2026-11-22T21:30, or words like ${phrases} or ${together('"last friday"')}.`;

/**
 * Reads `--at`: ISO 8601 or an everyday phrase, in the local time zone,
 * returned as ISO 8601 with its UTC offset. It may not be in the future.
 * A date alone means midday (or now, if that is still ahead today).
 */
export async function parseWhen(raw: string, now: Date): Promise<string> {
  const text = raw.trim();
  const iso = ISO.exec(text);
  const result = iso ? fromIso(iso, text) : await fromPhrase(text, now);
  if (!result) throw new UsageError(`--at: "${clean(raw)}" isn't a time I can read. ${help}`);
  let { date } = result;
  // Today's date alone means earlier today: midday, or now if that is still ahead. Any later day is the future.
  if (result.dateOnly && date.getTime() > now.getTime() && sameLocalDay(date, now)) date = now;
  if (date.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    throw new UsageError(`--at: "${clean(raw)}" is in the future; a log is for something that has happened. ${help}`);
  }
  return toOffsetIso(date, result.offset);
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

interface Parsed {
  date: Date;
  offset?: number;
  dateOnly?: boolean;
}

function fromIso(m: RegExpExecArray, text: string): Parsed | null {
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 12), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const zone = m[7];
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Refused rather than rolled over: Date would read 31 November as 1 December.
  if (!isCalendarDay(year, month, day)) return null;
  if (zone) {
    const date = new Date(text.replace(' ', 'T'));
    if (Number.isNaN(date.getTime())) return null;
    const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
    return { date, offset, dateOnly: m[4] === undefined };
  }
  return { date: new Date(year, month - 1, day, hour, minute, second), dateOnly: m[4] === undefined };
}

function offsetMinutes(zone: string): number {
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Everyday phrases, read by chrono-node (loaded only when a phrase is given). */
async function fromPhrase(text: string, now: Date): Promise<Parsed | null> {
  const chrono = await import('chrono-node');
  // chrono reads "last night" as midnight; people mean the evening before.
  const phrase = text.replace(/\blast night\b/i, 'yesterday 22:00');
  const [found] = chrono.en.casual.parse(phrase, now, { forwardDate: false });
  // The whole text must be a time: "yesterday banana" is a typo, not yesterday.
  if (!found || phrase.replace(found.text, '').replace(/[\s,.]/g, '') !== '') return null;
  let date = found.start.date();
  const meantAhead = /\b(next|tomorrow|in)\b/i.test(phrase);
  if (date.getTime() > now.getTime() + FUTURE_SLACK_MS && !found.start.isCertain('day') && !meantAhead) {
    // "sunday 9pm" said on a Saturday means last Sunday; "9pm" said at noon means last night.
    const back = found.start.isCertain('weekday') ? 7 : 1;
    date = localDaysBefore(date, back);
  }
  return { date };
}

/**
 * A calendar day for a report's --from/--to: 2026-11-22, or a phrase like
 * "last monday" or "2 weeks ago". Unlike --at it may be ahead (--to sunday).
 */
export async function parseDayPhrase(raw: string, now: Date, flag: string): Promise<number> {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let date: Date | null = null;
  if (iso) date = fromIso(iso as RegExpExecArray, text)?.date ?? null;
  else if (!ISO.test(text)) date = (await fromPhrase(text, now))?.date ?? null;
  if (!date)
    throw new UsageError(
      `${flag}: "${clean(raw)}" isn't a day I can read. Use a date like 2026-11-22, or words like "last monday" or "2 weeks ago".`,
    );
  return localDay(date);
}
