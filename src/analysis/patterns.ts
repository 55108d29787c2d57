import { binomialUpperTail } from './binomial.js';
import { countByName } from './tally.js';

/*
 * Recurring patterns: the weekday x daypart slots (DESIGN.md section 3) where
 * trigger moments come back week after week more often than the person's own
 * baseline explains. Pure: slot entries in, patterns out; no file, no clock.
 *
 * Method (measured by bench/patterns-eval.mjs, figures in bench/RESULTS.md):
 *
 * 1. Recurrence. A slot is only a candidate when it had an entry in at least
 *    3 distinct lookback weeks AND in at least 40% of the observed weeks
 *    (4 of 8; 3 of 3 to 7). A burst of five entries in one bad night is one
 *    week, not a pattern; a journal observed for fewer than 3 weeks has none.
 *
 * 2. More than the rest of the week, by hours. The slot's count is set
 *    against the person's OTHER trigger entries, with the slot's length in
 *    hours (morning and night 7 h, afternoon and evening 5 h, so a long slot
 *    is not favoured): if the slot came at the same rate per hour as the rest
 *    of the week, each of the n entries in the slot and the rest together
 *    fell in the slot with probability h / (h + H), H the rest's hours (168 -
 *    h at first). One-sided exact test: P(X >= observed), X ~ Binomial(n,
 *    h / (h + H)), computed in log space (no overflow for many thousands).
 *    This is the exact conditional form of the issue's suggestion, a Poisson
 *    test with expectation others x h / (168 - h): that plug-in test treats
 *    the others' rate as known when it is estimated from the same few
 *    entries (and a high slot count lowers it), so it reports more chance
 *    "patterns" than its correction promises (table below).
 *
 * 3. Corrected for looking 28 times: p x 28 (Bonferroni) <= 0.05. With 28
 *    slots tested in every report, an uncorrected test would find a
 *    "pattern" in most journals by chance alone.
 *
 * 4. Step down. Once a slot is found, its entries and hours leave the
 *    baseline for the remaining slots and they are tested again, until no
 *    more is found, so one strong Saturday night does not raise the usual
 *    rate that a second real pattern is measured against. A slot's `pValue`
 *    is the corrected p of step 2 at the step it was found in.
 *
 * 5. Not just the time of day. People do not write uniformly round the
 *    clock: most moments come in the evening, few at night. Against a
 *    uniform week every evening is "above the baseline", and with enough
 *    entries steps 1-4 alone report Tuesday, Wednesday, ... evenings as
 *    patterns when the person simply has hard evenings. So a slot must also
 *    stand above the same daypart on the other weekdays (those not already
 *    found): X ~ Binomial(slot + same daypart elsewhere, 1 / (1 + weekdays)),
 *    p x 28 <= 0.2. Looser than step 3 because it is a check, not the test:
 *    it costs little where the noise is uniform and removes most of the
 *    rhythm's false patterns.
 *
 * Measured with the generator of bench/patterns-eval.mjs, 2,000 journals per
 * row (8 weeks; "rhythm": noise weighted by hour, evenings 3x, 02:00-05:59
 * 0.1x; "+ weekends": Fri 1.3x, Sat and Sun 1.6x). "Plug-in Poisson" is the
 * issue's method as written: steps 1 and 3 with the Poisson test of step 2.
 *
 *                                          plug-in   steps   steps 1-5
 *                                          Poisson   1-4     (this)
 *   journals with a pattern (chance):
 *     uniform noise,  3 a week               3.0%    1.0%    0.8%
 *     uniform noise,  6 a week               1.8%    1.8%    1.5%
 *     uniform noise, 12 a week               6.8%    2.0%    1.9%
 *     uniform noise, 24 a week               3.9%    2.1%    1.8%
 *     rhythm,  6 a week                     17.4%   17.4%    2.5%
 *     rhythm, 12 a week                     69.8%   44.0%    2.7%
 *     rhythm + weekends, 12 a week          78.3%   58.5%    9.8%
 *   exactly the planted slots found:
 *     1 in 6 of 8 weeks, 3 a week           99.6%   99.0%   99.1%
 *     2 in 7 and 6 of 8 weeks, 6 a week     93.5%   94.1%   92.1%
 *     1 in 6 of 8 weeks, 12 a week          80.0%   79.8%   75.6%
 *     1 in 6 of 8 weeks, rhythm, 6 a week   82.0%   77.1%   87.3%
 *
 * With busier weekends on top of the rhythm, Saturday and Sunday evenings
 * really are the heaviest slots, and are sometimes reported as such.
 *
 * Strongest first: smallest corrected p, then more weeks, then more entries,
 * then Monday-morning-first order so the result is deterministic.
 */

import { WEEKDAY_IDS } from '../time/calendar.js';

export const WEEKDAYS = WEEKDAY_IDS;
/** morning 05:00–11:59 (7 h), afternoon 12:00–16:59 (5 h), evening 17:00–21:59 (5 h), night 22:00–04:59 (7 h). */
export const DAYPARTS = ['morning', 'afternoon', 'evening', 'night'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Daypart = (typeof DAYPARTS)[number];

/** Hours of each daypart, in DAYPARTS order; they add up to 24. */
const DAYPART_HOURS = [7, 5, 5, 7] as const;
const WEEK_HOURS = 168;
const SLOTS = WEEKDAYS.length * DAYPARTS.length;

/** Corrected p-value at or under which a slot is reported. */
const SIGNIFICANCE = 0.05;
/** Corrected p-value at or under which the slot stands above the same daypart on the other weekdays (step 5). */
const DAYPART_SIGNIFICANCE = 0.2;
/** A slot must recur in at least this many distinct weeks ... */
const MIN_WEEKS = 3;
/** ... and in at least this share of the observed weeks. */
const MIN_WEEK_SHARE = 0.4;
/** Urges and protest behaviours shown with a pattern: at most this many, each seen in at least 2 of its entries. */
const TOP_ITEMS = 3;
const TOP_MIN_COUNT = 2;

/** One trigger entry inside the lookback, already placed by the caller. */
export interface SlotEntry {
  /** 0 = Monday … 6 = Sunday, of the day the daypart BEGAN (Monday 01:30 is Sunday night → weekday 6, daypart 3). */
  weekday: number;
  /** Index into DAYPARTS. */
  daypart: number;
  /** 0 = the newest lookback week (the 7 days ending at the period's end), 1 = the week before, … */
  week: number;
  /** 0–10 */
  intensity: number;
  urges: string[];
  protest: string[];
}

export interface PatternInput {
  /** Only trigger entries within the observed lookback weeks. */
  entries: SlotEntry[];
  /** Lookback weeks that are not before the journal's first entry (1..weeks). */
  weeksObserved: number;
}

export interface Pattern {
  weekday: Weekday;
  daypart: Daypart;
  /** Distinct weeks with at least one entry in this slot. */
  weeks: number;
  /** Those weeks (0 = the newest lookback week), newest first: the evidence behind `weeks`. */
  weeksSeen: number[];
  weeksObserved: number;
  /** Entries in this slot over the lookback. */
  entries: number;
  /** Of the slot's entries, rounded to 2 decimals. */
  meanIntensity: number | null;
  /** Of all the OTHER entries of the lookback, 2 decimals. */
  baselineIntensity: number | null;
  /** Up to 3 most frequent in the slot's entries (each in at least 2 of them), ties broken by name. */
  topUrges: string[];
  topProtest: string[];
  /** The corrected p-value of the test by hours (binomial tail x 28, at the step the slot was found), for transparency. */
  pValue: number;
}

/**
 * The slot of a wall time: `weekday` 0 = Monday of the calendar day, `hour`
 * 0–23. Hours before 05:00 are the night that began the day before (Monday
 * 01:30 → Sunday night).
 */
export function slotOf(wall: { weekday: number; hour: number }): { weekday: number; daypart: number } {
  const { weekday, hour } = wall;
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) throw new RangeError(`weekday out of range: ${weekday}`);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour out of range: ${hour}`);
  if (hour < 5) return { weekday: (weekday + 6) % 7, daypart: 3 };
  if (hour < 12) return { weekday, daypart: 0 };
  if (hour < 17) return { weekday, daypart: 1 };
  if (hour < 22) return { weekday, daypart: 2 };
  return { weekday, daypart: 3 };
}

/** Recurring slots over the lookback, strongest first. */
export function findPatterns(input: PatternInput): Pattern[] {
  const { entries, weeksObserved } = input;
  if (!(weeksObserved >= 1)) return [];
  const slots: SlotEntry[][] = Array.from({ length: SLOTS }, () => []);
  for (const entry of entries) {
    if (!Number.isInteger(entry.weekday) || entry.weekday < 0 || entry.weekday > 6)
      throw new RangeError(`weekday out of range: ${entry.weekday}`);
    if (!Number.isInteger(entry.daypart) || entry.daypart < 0 || entry.daypart > 3)
      throw new RangeError(`daypart out of range: ${entry.daypart}`);
    slots[entry.weekday * DAYPARTS.length + entry.daypart]!.push(entry);
  }
  const hoursOf = (slot: number) => DAYPART_HOURS[(slot % DAYPARTS.length) as 0 | 1 | 2 | 3];

  // 1. Recurrence: the candidates.
  const minWeeks = Math.max(MIN_WEEKS, Math.ceil(MIN_WEEK_SHARE * weeksObserved - 1e-9));
  const weeksIn = slots.map((inSlot) => new Set(inSlot.map((e) => e.week)).size);
  const candidates = new Set(weeksIn.flatMap((weeks, slot) => (weeks >= minWeeks ? [slot] : [])));

  // 2-5. Tested against the rest of the week by hours (corrected), checked against the
  // same daypart on the other weekdays, stepping down.
  const found = new Map<number, number>(); // slot -> corrected p-value of the test by hours
  let restEntries = entries.length;
  let restHours = WEEK_HOURS;
  for (;;) {
    let best: { slot: number; p: number } | null = null;
    for (const slot of candidates) {
      const count = slots[slot]!.length;
      const p = Math.min(1, SLOTS * binomialUpperTail(count, restEntries, hoursOf(slot) / restHours));
      if (!(p <= SIGNIFICANCE) || (best !== null && p >= best.p)) continue;
      let mates = 0; // the same daypart on the other weekdays not found yet
      let sameDaypart = count;
      for (let other = slot % DAYPARTS.length; other < SLOTS; other += DAYPARTS.length) {
        if (other === slot || found.has(other)) continue;
        mates++;
        sameDaypart += slots[other]!.length;
      }
      const pDaypart = SLOTS * binomialUpperTail(count, sameDaypart, 1 / (mates + 1));
      if (pDaypart <= DAYPART_SIGNIFICANCE) best = { slot, p };
    }
    if (best === null) break;
    found.set(best.slot, best.p);
    candidates.delete(best.slot);
    restEntries -= slots[best.slot]!.length;
    restHours -= hoursOf(best.slot);
  }

  const patterns = [...found].map(([slot, pValue]): Pattern => {
    const inSlot = slots[slot]!;
    const others = slots.flatMap((list, i) => (i === slot ? [] : list));
    return {
      weekday: WEEKDAYS[Math.floor(slot / DAYPARTS.length)]!,
      daypart: DAYPARTS[slot % DAYPARTS.length]!,
      weeks: weeksIn[slot]!,
      weeksSeen: [...new Set(inSlot.map((e) => e.week))].sort((a, b) => a - b),
      weeksObserved,
      entries: inSlot.length,
      meanIntensity: meanOf(inSlot.map((e) => e.intensity)),
      baselineIntensity: meanOf(others.map((e) => e.intensity)),
      topUrges: topNames(inSlot.map((e) => e.urges)),
      topProtest: topNames(inSlot.map((e) => e.protest)),
      pValue,
    };
  });
  const order = (p: Pattern) => WEEKDAYS.indexOf(p.weekday) * DAYPARTS.length + DAYPARTS.indexOf(p.daypart);
  return patterns.sort((a, b) => a.pValue - b.pValue || b.weeks - a.weeks || b.entries - a.entries || order(a) - order(b));
}

function meanOf(values: number[]): number | null {
  if (values.length === 0) return null;
  return round2(values.reduce((sum, v) => sum + v, 0) / values.length);
}

function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/**
 * The most frequent names across the slot's entries: each counted once per
 * entry, compared case-insensitively (shown as first written), most frequent
 * first, ties by name; only those in at least TOP_MIN_COUNT entries, since
 * one mention is not something that "tends to come with" a slot.
 */
function topNames(lists: string[][]): string[] {
  const counts = countByName(lists);
  return [...counts.entries()]
    .filter(([, item]) => item.count >= TOP_MIN_COUNT)
    .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, TOP_ITEMS)
    .map(([, item]) => item.name);
}
