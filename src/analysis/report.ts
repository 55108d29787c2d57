import type { CatalogueName } from '../journal/fields.js';
import type { Entry, PauseEntry, ReflectionEntry, TriggerEntry } from '../journal/types.js';
import { type Day, dayOf, isoDay, wallClock, weekdayOf } from '../time/calendar.js';
import { DAYPARTS, findPatterns, type Pattern, type SlotEntry, slotOf, WEEKDAYS } from './patterns.js';
import { type LoopFigures, loopFigures } from './report-loop.js';
import { patternText, suggest } from './report-words.js';

export { inSentence } from './report-words.js';

import { type PausePoint, pauseSeries, type WeekPoint, weeklySeries } from './series.js';
import { distinct, type Named, ranked, Tally, tally } from './tally.js';

/*
 * The report as data: entries + period + lookback in, `attach.report/1` out
 * (DESIGN.md section 3). No file and no clock: text, Markdown and JSON are
 * all rendered from this one value, so they can never disagree.
 */

export interface Period {
  from: Day;
  to: Day;
}

/** Which catalogue a name comes from (journal/fields.ts): the report's renderers turn ids into words through it. */
export type LabelKind = CatalogueName;
/** Turns a stored catalogue id into its words; own words come back as they are. */
export type Labeller = (kind: LabelKind, name: string) => string;

export type { Named };

/** A pattern as reported: its p-value stays inside (every number of the report has 2 decimals, which would round it away). */
export interface ReportPattern extends Omit<Pattern, 'pValue' | 'weeksSeen'> {
  /** The evidence: the day of each week that counted (`weeks` of them), newest first: "2026-11-22" for a Sunday evening. */
  seenOn: string[];
  text: string;
}

export interface ReportData {
  schema: 'attach.report/1';
  /** `soFar`: the period runs on past today; it is read up to that day (the days after it haven't happened). */
  period: { from: string; to: string; days: number; soFar?: string };
  lookback: { from: string; to: string; weeks: number; weeksObserved: number };
  counts: { trigger: number; pause: number; reflection: number };
  intensity: { mean: number | null; max: number | null; previousMean: number | null };
  patterns: ReportPattern[];
  triggers: { name: string; count: number; meanIntensity: number | null }[];
  body: Named[];
  urges: Named[];
  protest: { name: string; count: number; after: { trigger: string; count: number }[] }[];
  pauses: {
    count: number;
    completed: number;
    passed: number;
    /** Pauses where the person said whether the urge passed: what `passed` and `passedRate` are out of. */
    answered: number;
    passedRate: number | null;
    /** Pauses rated afterwards: the one set `meanBefore`, `meanAfter` and `meanDrop` are all taken over. */
    rated: number;
    meanBefore: number | null;
    meanAfter: number | null;
    meanDrop: number | null;
    helped: Named[];
    acted: LoopFigures['acted'];
    drafts: LoopFigures['drafts'];
  };
  followUps: LoopFigures['followUps'];
  plans: LoopFigures['plans'];
  glimmers: LoopFigures['glimmers'];
  support: LoopFigures['support'];
  supportAnswered: number;
  reflections: { count: number; needs: Named[] };
  /** Trigger counts over the lookback: 7 weekdays (Monday first) x 4 dayparts. */
  heatmap: number[][];
  /** Each day of the period: how many moments, and how strong on average. */
  daily: { date: string; count: number; meanIntensity: number | null }[];
  /** Moments and their mean intensity, week by week across the lookback, oldest first. */
  weekly: WeekPoint[];
  /** Each pause of the period with its before and after, oldest first. */
  pauseRatings: PausePoint[];
  /** One gentle suggestion drawn from the data, or null. */
  suggestion: string | null;
}

export const round2 = (value: number): number => Math.round(value * 100) / 100;

function mean(values: readonly number[]): number | null {
  return values.length ? round2(values.reduce((sum, v) => sum + v, 0) / values.length) : null;
}

/** A trigger's moments in the period: how many, their intensities' sum, and the last moment that named it. */
interface TriggerGroup extends Named {
  sum: number;
  seenIn: number;
}
/** A protest behaviour: how often, the triggers of its moments counted, and the last moment that named it. */
interface ProtestGroup extends Named {
  after: Map<TriggerGroup, Named>;
  seenIn: number;
}

/*
 * Linear in entries plus days, whatever the period: each entry is looked at
 * a fixed number of times and each day once (a whole-history report on 100k
 * entries once filtered every trigger for every day, and every trigger for
 * every protest behaviour). Every list keeps the journal's order, so ties
 * and sums come out exactly as they always have.
 */
/**
 * `today` is the person's day now: a period that runs on past it (this
 * week, on a Tuesday) is read only as far as today, since days that have
 * not happened can't count as observed (a coming Sunday is not a Sunday
 * without a moment); without it, the whole period is taken as past.
 */
export function buildReport(all: readonly Entry[], period: Period, lookbackWeeks: number, label: Labeller, today?: Day): ReportData {
  const length = period.to - period.from + 1;
  // The last day that has happened, and the lookback: `lookbackWeeks` weeks ending then, never before the first entry.
  // No entry is before the first, so which entries it holds does not wait for the first to be known: those from `nominalFrom` on.
  const end = today === undefined ? period.to : Math.max(Math.min(period.to, today), period.from);
  const nominalFrom = end - 7 * lookbackWeeks + 1;
  const triggers: TriggerEntry[] = [];
  // Each day's moments, summed in the journal's order (the same sums as adding each day's list).
  const dayCount = new Array<number>(length).fill(0);
  const daySum = new Array<number>(length).fill(0);
  const pauses: PauseEntry[] = [];
  const reflections: ReflectionEntry[] = [];
  const previous: TriggerEntry[] = [];
  // The period's entries of every type, for the parts that close the loop (follow-ups, glimmers, support).
  const loop: Entry[] = [];
  // The lookback's moments, with the day of each.
  const look: TriggerEntry[] = [];
  const lookDays: Day[] = [];
  let firstDay: Day | null = null;
  // Entries come mostly in order, many to a day: a day already read is known by its date's 10 characters.
  let lastDate = '';
  let lastDay: Day = 0;
  for (const entry of all) {
    const core = entry.type === 'trigger' || entry.type === 'pause' || entry.type === 'reflection';
    if (!core && entry.type !== 'follow-up' && entry.type !== 'glimmer') continue;
    const at = entry.at as string;
    if (lastDate === '' || !at.startsWith(lastDate)) {
      lastDay = dayOf(at);
      lastDate = at.slice(0, 10);
    }
    const day = lastDay;
    const during = day >= period.from && day <= period.to;
    if (during) loop.push(entry);
    if (!core) continue;
    if (firstDay === null || day < firstDay) firstDay = day;
    if (entry.type === 'pause') {
      if (during) pauses.push(entry as PauseEntry);
    } else if (entry.type === 'reflection') {
      if (during) reflections.push(entry as ReflectionEntry);
    } else {
      const trigger = entry as TriggerEntry;
      if (during) {
        triggers.push(trigger);
        dayCount[day - period.from]!++;
        daySum[day - period.from]! += trigger.intensity;
      }
      if (day >= period.from - length && day <= period.from - 1) previous.push(trigger);
      if (day >= nominalFrom && day <= end) {
        look.push(trigger);
        lookDays.push(day);
      }
    }
  }
  const lookFrom = firstDay === null ? nominalFrom : Math.min(Math.max(nominalFrom, firstDay), end);
  const weeksObserved =
    firstDay === null || firstDay > end ? 0 : Math.min(lookbackWeeks, Math.floor((end - Math.max(firstDay, nominalFrom)) / 7) + 1);

  const heatmap = WEEKDAYS.map(() => DAYPARTS.map(() => 0));
  const slotEntries: SlotEntry[] = look.map((entry, i) => {
    const day = lookDays[i]!;
    const hour = wallClock(entry.at).hour;
    const slot = slotOf({ weekday: weekdayOf(day), hour });
    heatmap[slot.weekday]![slot.daypart]!++;
    // A night's small hours count in the week of the evening it began, so one night is one week.
    const week = Math.min(Math.floor((end - (hour < 5 ? day - 1 : day)) / 7), weeksObserved - 1);
    return { ...slot, week: Math.max(week, 0), intensity: entry.intensity, urges: entry.urges, protest: entry.protest };
  });
  const patterns = weeksObserved > 0 ? findPatterns({ entries: slotEntries, weeksObserved }) : [];

  // Every moment of the period once: what set it off, where it was felt, the urges, the protest behaviours and what
  // came before each, its day. Every group counts in the journal's order, so sums and ties are what they always were.
  const triggerTally = new Tally<TriggerGroup>((name) => ({ name, count: 0, sum: 0, seenIn: -1 }));
  const bodyTally = new Tally<Named>((name) => ({ name, count: 0 }));
  const urgeTally = new Tally<Named>((name) => ({ name, count: 0 }));
  const protestTally = new Tally<ProtestGroup>((name) => ({ name, count: 0, after: new Map(), seenIn: -1 }));
  let sum = 0;
  let max: number | null = null;
  // This moment's triggers and protest behaviours, each group once (reused: no list per moment).
  const moment: TriggerGroup[] = [];
  const behaviours: ProtestGroup[] = [];
  for (let i = 0; i < triggers.length; i++) {
    const entry = triggers[i]!;
    const intensity = entry.intensity;
    sum += intensity;
    if (max === null || intensity > max) max = intensity;
    moment.length = 0;
    for (const name of distinct(entry.triggers)) {
      const group = triggerTally.add(name);
      group.sum += intensity;
      if (group.seenIn !== i) moment.push(group);
      group.seenIn = i;
    }
    for (const name of distinct(entry.body)) bodyTally.add(name);
    for (const name of distinct(entry.urges)) urgeTally.add(name);
    behaviours.length = 0;
    for (const name of distinct(entry.protest)) {
      const group = protestTally.add(name);
      if (group.seenIn !== i) behaviours.push(group);
      group.seenIn = i;
    }
    for (const behaviour of behaviours) {
      for (const trigger of moment) {
        const before = behaviour.after.get(trigger);
        if (before) before.count++;
        else behaviour.after.set(trigger, { name: trigger.name, count: 1 });
      }
    }
  }
  const protest = ranked(protestTally.groups()).map(({ name, count, after }) => ({
    name,
    count,
    after: ranked(after.values()).map((t) => ({ trigger: t.name, count: t.count })),
  }));

  const afters = pauses.filter((p) => p.after !== null);
  const judged = pauses.filter((p) => p.passed !== null);
  const passed = pauses.filter((p) => p.passed === true);

  const figures = loopFigures(loop, all, isoDay(end));
  const daily = Array.from({ length }, (_, i) => {
    const count = dayCount[i]!;
    return { date: isoDay(period.from + i), count, meanIntensity: count ? round2(daySum[i]! / count) : null };
  });

  const data: Omit<ReportData, 'suggestion'> = {
    schema: 'attach.report/1',
    period: { from: isoDay(period.from), to: isoDay(period.to), days: length, ...(end < period.to ? { soFar: isoDay(end) } : {}) },
    lookback: { from: isoDay(lookFrom), to: isoDay(end), weeks: lookbackWeeks, weeksObserved },
    counts: { trigger: triggers.length, pause: pauses.length, reflection: reflections.length },
    intensity: {
      mean: triggers.length ? round2(sum / triggers.length) : null,
      max,
      previousMean: mean(previous.map((e) => e.intensity)),
    },
    patterns: patterns.map(({ pValue: _, weeksSeen, ...p }) => ({
      ...p,
      // The slot's weekday inside each lookback week (the 7 days ending `end - 7w`); a night is its evening's day.
      seenOn: weeksSeen.map((w) => isoDay(end - 7 * w - ((weekdayOf(end) - WEEKDAYS.indexOf(p.weekday) + 7) % 7))),
      text: patternText(p, label),
    })),
    triggers: ranked(triggerTally.groups()).map((g) => ({ name: g.name, count: g.count, meanIntensity: round2(g.sum / g.count) })),
    body: ranked(bodyTally.groups()),
    urges: ranked(urgeTally.groups()),
    protest,
    pauses: {
      count: pauses.length,
      completed: pauses.filter((p) => p.completed).length,
      passed: passed.length,
      answered: judged.length,
      passedRate: judged.length ? round2(passed.length / judged.length) : null,
      // Before, after and the drop over the same pauses, so that "7.5 before, 5.0 after" is a drop of 2.5.
      rated: afters.length,
      meanBefore: mean(afters.map((p) => p.before)),
      meanAfter: mean(afters.map((p) => p.after as number)),
      meanDrop: mean(afters.map((p) => p.before - (p.after as number))),
      helped: tally(passed.map((p) => p.activities)),
      acted: figures.acted,
      drafts: figures.drafts,
    },
    reflections: { count: reflections.length, needs: tally(reflections.map((r) => r.needs)) },
    heatmap,
    daily,
    followUps: {
      count: figures.followUps.count,
      fear: figures.followUps.fear,
      asks: figures.followUps.asks,
      waiting: figures.followUps.waiting,
    },
    plans: figures.plans,
    glimmers: figures.glimmers,
    support: figures.support,
    supportAnswered: figures.supportAnswered,
    weekly: weeklySeries(slotEntries, weeksObserved, end, lookFrom),
    pauseRatings: pauseSeries(pauses),
  };
  return { ...data, suggestion: suggest(data, label) };
}
