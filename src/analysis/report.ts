import { inSentence as sentenceWords } from '../catalogue/sentence.js';
import type { Entry, PauseEntry, ReflectionEntry, TriggerEntry } from '../journal/types.js';
import { type Day, dayOf, isoDay, wallClock, weekdayOf } from '../time/calendar.js';
import { DAYPARTS, findPatterns, type Pattern, type SlotEntry, slotOf, WEEKDAYS } from './patterns.js';
import { type PausePoint, pauseSeries, type WeekPoint, weeklySeries } from './series.js';

/*
 * The report as data: entries + period + lookback in, `attach.report/1` out
 * (DESIGN.md section 3). No file and no clock: text, Markdown and JSON are
 * all rendered from this one value, so they can never disagree.
 */

export interface Period {
  from: Day;
  to: Day;
}

export type LabelKind = 'triggers' | 'body' | 'urges' | 'protest' | 'needs' | 'activities';
/** Turns a stored catalogue id into its words; own words come back as they are. */
export type Labeller = (kind: LabelKind, name: string) => string;

export interface Named {
  name: string;
  count: number;
}

/** A pattern as reported: its p-value stays inside (every number of the report has 2 decimals, which would round it away). */
export interface ReportPattern extends Omit<Pattern, 'pValue' | 'weeksSeen'> {
  /** The evidence: the day of each week that counted (`weeks` of them), newest first: "2026-11-22" for a Sunday evening. */
  seenOn: string[];
  text: string;
}

export interface ReportData {
  schema: 'attach.report/1';
  period: { from: string; to: string; days: number };
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
  };
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

/**
 * Counts names, grouping a person's own words case-insensitively under the
 * first spelling seen; most frequent first, then by name.
 */
function tally(lists: readonly (readonly string[])[]): Named[] {
  const counts = new Map<string, Named>();
  for (const list of lists) {
    for (const name of new Set(list)) {
      const key = name.toLowerCase();
      const named = counts.get(key) ?? { name, count: 0 };
      named.count++;
      counts.set(key, named);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

// Each entry's day is read from its text once: a report over 100k entries asks for it several times.
const days = new WeakMap<Entry, Day>();
function dayOfEntry(entry: Entry): Day {
  let day = days.get(entry);
  if (day === undefined) {
    day = dayOf(entry.at as string);
    days.set(entry, day);
  }
  return day;
}

function within(entries: readonly Entry[], from: Day, to: Day): Entry[] {
  return entries.filter((entry) => {
    const day = dayOfEntry(entry);
    return day >= from && day <= to;
  });
}

const plural: Record<string, string> = { morning: 'mornings', afternoon: 'afternoons', evening: 'evenings', night: 'nights' };
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * Words inside a sentence: a catalogue's words start lower case ("something
 * I saw on social media", "I felt close" kept), a person's own words stay
 * exactly as typed ("call Sam").
 */
export function inSentence(label: Labeller, kind: LabelKind, name: string): string {
  return sentenceWords(label(kind, name), name);
}

/** "Sunday evenings: 6 of the last 8 weeks, intensity 7.4 against your usual 4.9; most often you wanted to text again." */
export function patternText(p: Omit<Pattern, 'pValue' | 'weeksSeen'>, label: Labeller): string {
  let text = `${capital(p.weekday)} ${plural[p.daypart]}: ${p.weeks} of the last ${p.weeksObserved} weeks`;
  if (p.meanIntensity !== null) {
    text += `, intensity ${oneDecimal(p.meanIntensity)}`;
    if (p.baselineIntensity !== null) text += ` against your usual ${oneDecimal(p.baselineIntensity)}`;
  }
  if (p.topUrges.length) text += `; most often you wanted to ${joinOr(p.topUrges.map((u) => inSentence(label, 'urges', u)))}`;
  return `${text}.`;
}

function suggest(data: Omit<ReportData, 'suggestion'>, label: Labeller): string | null {
  const [pattern] = data.patterns;
  if (pattern) {
    return `${capital(pattern.weekday)} ${plural[pattern.daypart]} tend to be hard. Planning something kind for then, a walk or a call with a friend, could give the alarm less room.`;
  }
  const [protest] = data.protest;
  if (protest && data.reflections.count === 0) {
    return `A reflection on "${inSentence(label, 'protest', protest.name)}" could show the need underneath it: attach reflect`;
  }
  if (data.pauses.count > 0 && data.pauses.passed > 0) {
    const { passed, answered } = data.pauses;
    return `Pausing has helped: the urge passed in ${passed} of the ${answered} pauses you answered. It is there whenever you need it: attach pause`;
  }
  if (data.counts.trigger > 0 && data.pauses.count === 0) {
    return 'When the urge is loud next time, a 20-minute pause can help it settle: attach pause';
  }
  return null;
}

export function buildReport(all: readonly Entry[], period: Period, lookbackWeeks: number, label: Labeller): ReportData {
  const entries = all.filter((entry) => ['trigger', 'pause', 'reflection'].includes(entry.type));
  const inPeriod = within(entries, period.from, period.to);
  const triggers = inPeriod.filter((e): e is TriggerEntry => e.type === 'trigger');
  const pauses = inPeriod.filter((e): e is PauseEntry => e.type === 'pause');
  const reflections = inPeriod.filter((e): e is ReflectionEntry => e.type === 'reflection');

  const length = period.to - period.from + 1;
  const previous = within(entries, period.from - length, period.from - 1).filter((e): e is TriggerEntry => e.type === 'trigger');

  // The lookback: `lookbackWeeks` weeks ending at the period's end, never before the first entry.
  const firstDay = entries.reduce<Day | null>((min, entry) => Math.min(min ?? Infinity, dayOfEntry(entry)), null);
  const nominalFrom = period.to - 7 * lookbackWeeks + 1;
  const lookFrom = firstDay === null ? nominalFrom : Math.min(Math.max(nominalFrom, firstDay), period.to);
  const weeksObserved =
    firstDay === null || firstDay > period.to
      ? 0
      : Math.min(lookbackWeeks, Math.floor((period.to - Math.max(firstDay, nominalFrom)) / 7) + 1);
  const lookTriggers = within(entries, lookFrom, period.to).filter((e): e is TriggerEntry => e.type === 'trigger');

  const heatmap = WEEKDAYS.map(() => DAYPARTS.map(() => 0));
  const slotEntries: SlotEntry[] = lookTriggers.map((entry) => {
    const day = dayOfEntry(entry);
    const hour = wallClock(entry.at).hour;
    const slot = slotOf({ weekday: weekdayOf(day), hour });
    heatmap[slot.weekday]![slot.daypart]!++;
    // A night's small hours count in the week of the evening it began, so one night is one week.
    const week = Math.min(Math.floor((period.to - (hour < 5 ? day - 1 : day)) / 7), weeksObserved - 1);
    return { ...slot, week: Math.max(week, 0), intensity: entry.intensity, urges: entry.urges, protest: entry.protest };
  });
  const patterns = weeksObserved > 0 ? findPatterns({ entries: slotEntries, weeksObserved }) : [];

  const byTrigger = new Map<string, { name: string; intensities: number[] }>();
  for (const entry of triggers) {
    for (const name of new Set(entry.triggers)) {
      const group = byTrigger.get(name.toLowerCase()) ?? { name, intensities: [] };
      group.intensities.push(entry.intensity);
      byTrigger.set(name.toLowerCase(), group);
    }
  }

  // The same spelling of a trigger everywhere in the report: the first one seen in the period.
  const spelling = new Map<string, string>();
  for (const name of triggers.flatMap((e) => e.triggers)) if (!spelling.has(name.toLowerCase())) spelling.set(name.toLowerCase(), name);
  const protest = tally(triggers.map((e) => e.protest)).map(({ name, count }) => {
    const withIt = triggers.filter((e) => e.protest.some((p) => p.toLowerCase() === name.toLowerCase()));
    const after = tally(withIt.map((e) => e.triggers.map((t) => spelling.get(t.toLowerCase()) ?? t)));
    return { name, count, after: after.map((t) => ({ trigger: t.name, count: t.count })) };
  });

  const afters = pauses.filter((p) => p.after !== null);
  const judged = pauses.filter((p) => p.passed !== null);
  const passed = pauses.filter((p) => p.passed === true);

  const daily = Array.from({ length }, (_, i) => {
    const day = period.from + i;
    const that = triggers.filter((e) => dayOfEntry(e) === day);
    return { date: isoDay(day), count: that.length, meanIntensity: mean(that.map((e) => e.intensity)) };
  });

  const data: Omit<ReportData, 'suggestion'> = {
    schema: 'attach.report/1',
    period: { from: isoDay(period.from), to: isoDay(period.to), days: length },
    lookback: { from: isoDay(lookFrom), to: isoDay(period.to), weeks: lookbackWeeks, weeksObserved },
    counts: { trigger: triggers.length, pause: pauses.length, reflection: reflections.length },
    intensity: {
      mean: mean(triggers.map((e) => e.intensity)),
      max: triggers.length ? Math.max(...triggers.map((e) => e.intensity)) : null,
      previousMean: mean(previous.map((e) => e.intensity)),
    },
    patterns: patterns.map(({ pValue: _, weeksSeen, ...p }) => ({
      ...p,
      // The slot's weekday inside each lookback week (the 7 days ending `to - 7w`); a night is its evening's day.
      seenOn: weeksSeen.map((w) => isoDay(period.to - 7 * w - ((weekdayOf(period.to) - WEEKDAYS.indexOf(p.weekday) + 7) % 7))),
      text: patternText(p, label),
    })),
    triggers: [...byTrigger.values()]
      .map((g) => ({ name: g.name, count: g.intensities.length, meanIntensity: mean(g.intensities) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    body: tally(triggers.map((e) => e.body)),
    urges: tally(triggers.map((e) => e.urges)),
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
    },
    reflections: { count: reflections.length, needs: tally(reflections.map((r) => r.needs)) },
    heatmap,
    daily,
    weekly: weeklySeries(slotEntries, weeksObserved, period.to, lookFrom),
    pauseRatings: pauseSeries(pauses),
  };
  return { ...data, suggestion: suggest(data, label) };
}
