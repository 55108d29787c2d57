import type { Entry, PauseEntry, ReflectionEntry, TriggerEntry } from '../journal/types.js';
import { type Day, dayOf, isoDay, weekdayOf } from '../time/days.js';
import { wallClock } from '../time/offset.js';
import { DAYPARTS, findPatterns, type Pattern, type SlotEntry, slotOf, WEEKDAYS } from './patterns.js';

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
export interface ReportPattern extends Omit<Pattern, 'pValue'> {
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
    passedRate: number | null;
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
  /** One gentle suggestion drawn from the data, or null. */
  suggestion: string | null;
}

export const round2 = (value: number): number => Math.round(value * 100) / 100;

function mean(values: readonly number[]): number | null {
  return values.length ? round2(values.reduce((sum, v) => sum + v, 0) / values.length) : null;
}

/** The list with each spelling once, as a Set of it has them; most lists have no repeat and come back as they are, unbuilt. */
function distinct(list: readonly string[]): readonly string[] {
  if (list.length < 2) return list;
  if (list.length > 16) return [...new Set(list)];
  for (let i = 1; i < list.length; i++) if (list.indexOf(list[i]!) < i) return [...new Set(list)];
  return list;
}

/** One more of `key` in `counts`, under the first spelling seen. */
function count(counts: Map<string, Named>, key: string, name: string): void {
  const named = counts.get(key);
  if (named) named.count++;
  else counts.set(key, { name, count: 1 });
}

/** Most frequent first, then by name; a stable sort, so equal names keep the order they were first seen in. */
function ranked(counts: Map<string, Named>): Named[] {
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * Counts names, grouping a person's own words case-insensitively under the
 * first spelling seen; most frequent first, then by name.
 */
function tally(lists: readonly (readonly string[])[]): Named[] {
  const counts = new Map<string, Named>();
  for (const list of lists) for (const name of distinct(list)) count(counts, name.toLowerCase(), name);
  return ranked(counts);
}

const plural: Record<string, string> = { morning: 'mornings', afternoon: 'afternoons', evening: 'evenings', night: 'nights' };
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** "Sunday evenings: 6 of the last 8 weeks, intensity 7.4 against your usual 4.9; most often you wanted to text again." */
export function patternText(p: Omit<Pattern, 'pValue'>, label: Labeller): string {
  let text = `${capital(p.weekday)} ${plural[p.daypart]}: ${p.weeks} of the last ${p.weeksObserved} weeks`;
  if (p.meanIntensity !== null) {
    text += `, intensity ${oneDecimal(p.meanIntensity)}`;
    if (p.baselineIntensity !== null) text += ` against your usual ${oneDecimal(p.baselineIntensity)}`;
  }
  if (p.topUrges.length) text += `; most often you wanted to ${joinOr(p.topUrges.map((u) => label('urges', u).toLowerCase()))}`;
  return `${text}.`;
}

function suggest(data: Omit<ReportData, 'suggestion'>, label: Labeller): string | null {
  const [pattern] = data.patterns;
  if (pattern) {
    return `${capital(pattern.weekday)} ${plural[pattern.daypart]} tend to be hard. Planning something kind for then, a walk or a call with a friend, could give the alarm less room.`;
  }
  const [protest] = data.protest;
  if (protest && data.reflections.count === 0) {
    return `A reflection on "${label('protest', protest.name).toLowerCase()}" could show the need underneath it: attach reflect`;
  }
  if (data.pauses.count > 0 && data.pauses.passed > 0) {
    return `Pausing has helped: the urge passed ${data.pauses.passed} of ${data.pauses.count} times. It is there whenever you need it: attach pause`;
  }
  if (data.counts.trigger > 0 && data.pauses.count === 0) {
    return 'When the urge is loud next time, a 20-minute pause can help it settle: attach pause';
  }
  return null;
}

/** Entries of one kind with the day of each, side by side (the day is read from an entry's text once). */
interface Dated<E extends Entry> {
  entries: E[];
  days: Day[];
}
const dated = <E extends Entry>(): Dated<E> => ({ entries: [], days: [] });
function add<E extends Entry>(to: Dated<E>, entry: E, day: Day): void {
  to.entries.push(entry);
  to.days.push(day);
}

/*
 * Linear in entries plus days, whatever the period: each entry is looked at
 * a fixed number of times and each day once (a whole-history report on 100k
 * entries once filtered every trigger for every day, and every trigger for
 * every protest behaviour). Every list keeps the journal's order, so ties
 * and sums come out exactly as they always have.
 */
export function buildReport(all: readonly Entry[], period: Period, lookbackWeeks: number, label: Labeller): ReportData {
  const known: Dated<Entry> = dated();
  let firstDay: Day | null = null;
  // Entries come mostly in order, many to a day: a day already read is known by its date's 10 characters.
  let lastDate = '';
  let lastDay: Day = 0;
  for (const entry of all) {
    if (entry.type !== 'trigger' && entry.type !== 'pause' && entry.type !== 'reflection') continue;
    const at = entry.at as string;
    if (lastDate === '' || !at.startsWith(lastDate)) {
      lastDay = dayOf(at);
      lastDate = at.slice(0, 10);
    }
    const day = lastDay;
    add(known, entry, day);
    if (firstDay === null || day < firstDay) firstDay = day;
  }

  const length = period.to - period.from + 1;
  // The lookback: `lookbackWeeks` weeks ending at the period's end, never before the first entry.
  const nominalFrom = period.to - 7 * lookbackWeeks + 1;
  const lookFrom = firstDay === null ? nominalFrom : Math.min(Math.max(nominalFrom, firstDay), period.to);
  const weeksObserved =
    firstDay === null || firstDay > period.to
      ? 0
      : Math.min(lookbackWeeks, Math.floor((period.to - Math.max(firstDay, nominalFrom)) / 7) + 1);

  const inPeriod: Dated<TriggerEntry> = dated();
  const pauses: PauseEntry[] = [];
  const reflections: ReflectionEntry[] = [];
  const previous: TriggerEntry[] = [];
  const look: Dated<TriggerEntry> = dated();
  for (let i = 0; i < known.entries.length; i++) {
    const entry = known.entries[i]!;
    const day = known.days[i]!;
    const during = day >= period.from && day <= period.to;
    if (entry.type === 'pause') {
      if (during) pauses.push(entry as PauseEntry);
    } else if (entry.type === 'reflection') {
      if (during) reflections.push(entry as ReflectionEntry);
    } else {
      const trigger = entry as TriggerEntry;
      if (during) add(inPeriod, trigger, day);
      if (day >= period.from - length && day <= period.from - 1) previous.push(trigger);
      if (day >= lookFrom && day <= period.to) add(look, trigger, day);
    }
  }
  const triggers = inPeriod.entries;

  const heatmap = WEEKDAYS.map(() => DAYPARTS.map(() => 0));
  const slotEntries: SlotEntry[] = look.entries.map((entry, i) => {
    const day = look.days[i]!;
    const hour = wallClock(entry.at).hour;
    const slot = slotOf({ weekday: weekdayOf(day), hour });
    heatmap[slot.weekday]![slot.daypart]!++;
    // A night's small hours count in the week of the evening it began, so one night is one week.
    const week = Math.min(Math.floor((period.to - (hour < 5 ? day - 1 : day)) / 7), weeksObserved - 1);
    return { ...slot, week: Math.max(week, 0), intensity: entry.intensity, urges: entry.urges, protest: entry.protest };
  });
  const patterns = weeksObserved > 0 ? findPatterns({ entries: slotEntries, weeksObserved }) : [];

  // Each trigger's intensities, under its first spelling in the period: the spelling used everywhere in the report.
  const byTrigger = new Map<string, { name: string; intensities: number[] }>();
  // What came before each protest behaviour: the triggers of the moments that name it, counted in the same pass.
  const before = new Map<string, Map<string, Named>>();
  for (const entry of triggers) {
    const names = distinct(entry.triggers);
    for (const name of names) {
      const group = byTrigger.get(name.toLowerCase());
      if (group) group.intensities.push(entry.intensity);
      else byTrigger.set(name.toLowerCase(), { name, intensities: [entry.intensity] });
    }
    if (entry.protest.length === 0) continue;
    const keys = distinct(names.map((name) => name.toLowerCase()));
    for (const behaviour of distinct(entry.protest.map((p) => p.toLowerCase()))) {
      const after = before.get(behaviour) ?? new Map<string, Named>();
      if (after.size === 0) before.set(behaviour, after);
      for (const key of keys) count(after, key, byTrigger.get(key)!.name);
    }
  }
  const protest = tally(triggers.map((e) => e.protest)).map(({ name, count }) => {
    const after = ranked(before.get(name.toLowerCase()) ?? new Map());
    return { name, count, after: after.map((t) => ({ trigger: t.name, count: t.count })) };
  });

  const afters = pauses.filter((p) => p.after !== null);
  const judged = pauses.filter((p) => p.passed !== null);
  const passed = pauses.filter((p) => p.passed === true);

  // Each day's moments, summed in the journal's order (the same sums as adding each day's list).
  const dayCount = new Array<number>(length).fill(0);
  const daySum = new Array<number>(length).fill(0);
  for (let i = 0; i < triggers.length; i++) {
    const at = inPeriod.days[i]! - period.from;
    dayCount[at]!++;
    daySum[at]! += triggers[i]!.intensity;
  }
  const daily = Array.from({ length }, (_, i) => {
    const count = dayCount[i]!;
    return { date: isoDay(period.from + i), count, meanIntensity: count ? round2(daySum[i]! / count) : null };
  });

  let max: number | null = null;
  for (const entry of triggers) if (max === null || entry.intensity > max) max = entry.intensity;

  const data: Omit<ReportData, 'suggestion'> = {
    schema: 'attach.report/1',
    period: { from: isoDay(period.from), to: isoDay(period.to), days: length },
    lookback: { from: isoDay(lookFrom), to: isoDay(period.to), weeks: lookbackWeeks, weeksObserved },
    counts: { trigger: triggers.length, pause: pauses.length, reflection: reflections.length },
    intensity: {
      mean: mean(triggers.map((e) => e.intensity)),
      max,
      previousMean: mean(previous.map((e) => e.intensity)),
    },
    patterns: patterns.map(({ pValue: _, ...p }) => ({ ...p, text: patternText(p, label) })),
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
      passedRate: judged.length ? round2(passed.length / judged.length) : null,
      meanBefore: mean(pauses.map((p) => p.before)),
      meanAfter: mean(afters.map((p) => p.after as number)),
      meanDrop: mean(afters.map((p) => p.before - (p.after as number))),
      helped: tally(passed.map((p) => p.activities)),
    },
    reflections: { count: reflections.length, needs: tally(reflections.map((r) => r.needs)) },
    heatmap,
    daily,
  };
  return { ...data, suggestion: suggest(data, label) };
}
