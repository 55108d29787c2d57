import type { ChalkInstance } from 'chalk';
import { inSentence, type LabelKind, type Labeller, type ReportData, type ReportPattern } from '../analysis/report.js';
import { dayOf } from '../time/calendar.js';
import { formatDay } from '../time/calendar-words.js';
import { clean } from './clean.js';
import { countTable, dailyLines, heatmapLines } from './report-charts.js';
import { loopSections } from './report-loop.js';
import { command, together, wrap } from './wrap.js';

export { dailyLines, heatmapLines } from './report-charts.js';

/** "16–22 Nov 2026", "28 Nov – 4 Dec 2026". */
export function periodWords(from: string, to: string): string {
  const [first, last] = [dayOf(from), dayOf(to)];
  const end = formatDay(last, 'd MMM yyyy');
  if (from === to) return end;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${formatDay(first, 'd')}–${end}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatDay(first, 'd MMM')} – ${end}`;
  return `${formatDay(first, 'd MMM yyyy')} – ${end}`;
}

/** The period a report covers: "30 Nov – 6 Dec 2026, so far (to Tue 1 Dec)" while it is still running. */
export function reportPeriodWords(period: ReportData['period']): string {
  const words = periodWords(period.from, period.to);
  return period.soFar ? `${words}, so far (to ${formatDay(dayOf(period.soFar), 'EEE d MMM')})` : words;
}

/** The period's days that have happened: a week under way draws no days to come as days with nothing logged. */
export function daysSoFar(r: ReportData): ReportData['daily'] {
  const soFar = r.period.soFar;
  return soFar ? r.daily.filter((d) => d.date <= soFar) : r.daily;
}

/** "22 Nov" and "22 Nov 2026" held together on a line: a date is never split. */
export function heldDates(text: string): string {
  return text.replace(/\b\d{1,2} [A-Z][a-z]{2}(?: \d{4})?\b/g, (date) => together(date));
}

/** Means read with one decimal everywhere, the same as in a pattern's sentence. */
export const num = (value: number) => value.toFixed(1);

/** "the week before", "the day before", "the 30 days before". */
function before(days: number): string {
  return days === 7 ? 'the week before' : days === 1 ? 'the day before' : `the ${days} days before`;
}

/** Change described as change, never as good or bad (VOICE.md). */
export function changeWords(mean: number, previous: number | null, days: number): string {
  if (previous === null) return '';
  if (Math.abs(mean - previous) < 0.05) return `, about the same as ${before(days)}`;
  return `, ${mean < previous ? 'lower' : 'higher'} than ${before(days)} (${num(previous)})`;
}

/** "5 pauses", a count held to its noun on a line (a no-break space, written as a space). */
const plural = (n: number, one: string, many = `${one}s`) => `${n}\u00a0${n === 1 ? one : many}`;
/** "reassurance (2)": a count never starts a line of its own. */
const counted = (words: string, count: number) => `${words}\u00a0(${count})`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const DAYPARTS = { morning: 'mornings', afternoon: 'afternoons', evening: 'evenings', night: 'nights' } as const;

/** The first line: how many moments and how strong, in words a tired person reads easily. */
/**
 * The opening of a period with no moment, pause or reflection: null when it has one. A look back or a glimmer
 * written in these days is shown further down, so then it is not "nothing was logged".
 */
export function quietLine(r: ReportData): string | null {
  if (r.counts.trigger + r.counts.pause + r.counts.reflection > 0) return null;
  return r.followUps.count + r.glimmers.count > 0
    ? 'No moments, pauses or reflections were logged in these days.'
    : 'Nothing was logged in these days. That is okay: a quiet stretch is not a failure.';
}

export function summaryLine(r: ReportData): string {
  const moments = `${plural(r.counts.trigger, 'moment')} logged`;
  const strength =
    r.intensity.mean === null
      ? ''
      : `, on average ${num(r.intensity.mean)} of 10${changeWords(r.intensity.mean, r.intensity.previousMean, r.period.days)}`;
  const others = [
    r.counts.pause ? plural(r.counts.pause, 'pause') : '',
    r.counts.reflection ? plural(r.counts.reflection, 'reflection') : '',
  ].filter(Boolean);
  return `${moments}${strength}.${others.length ? ` ${capitalise(others.join(' and '))}.` : ''}`;
}

/** "Seen on these Sunday evenings: 22 Nov, 15 Nov and 1 Nov.": the days that made a pattern. */
export function evidenceLine(p: ReportPattern, year: string): string {
  const days = p.seenOn.map((iso) => formatDay(dayOf(iso), iso.startsWith(year) ? 'd MMM' : 'd MMM yyyy'));
  const list = days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days.at(-1)}` : (days[0] ?? '');
  const slot = `${capitalise(p.weekday)} ${DAYPARTS[p.daypart]}`;
  return heldDates(`Seen on these ${slot}: ${list}.`);
}

/** The pauses in sentences whose every number is in the JSON: what passed is out of those answered, before and after over those rated. */
export function pauseLines(p: ReportData['pauses'], words: (kind: LabelKind, name: string) => string): string[] {
  const out: string[] = [];
  const passed =
    p.passedRate === null
      ? ''
      : p.answered === p.count
        ? ` The urge passed in ${p.passed} of ${p.count}.`
        : p.answered === 1
          ? ` In the one you answered, the urge ${p.passed ? 'passed' : 'did not pass'}.`
          : ` The urge passed in ${p.passed} of the ${p.answered} you answered.`;
  out.push(`${plural(p.count, 'pause')}, ${p.completed} to the end.${passed}`);
  if (p.meanBefore !== null && p.meanAfter !== null) {
    const which = p.rated === p.count ? '' : `, in the ${p.rated} you rated afterwards`;
    out.push(`On average ${num(p.meanBefore)} of 10 before and ${num(p.meanAfter)} after${which}.`);
  }
  if (p.helped.length) out.push(`What helped: ${p.helped.map((h) => words('activities', h.name)).join(', ')}.`);
  return out;
}

/** "the needs named most: reassurance (2), closeness (1)", or, when each came once, "the needs you named: ...". */
export function needsWords(needs: ReportData['reflections']['needs'], words: (kind: LabelKind, name: string) => string): string {
  if (needs.length === 0) return '';
  if (needs.every((n) => n.count === 1)) return `the needs you named: ${needs.map((n) => words('needs', n.name)).join(', ')}`;
  return `the needs named most: ${needs.map((n) => counted(words('needs', n.name), n.count)).join(', ')}`;
}

export interface TextOptions {
  /** Under each pattern, the days that made it (`attach report --why`). */
  why?: boolean;
}

/**
 * The report as text for a stream `width` columns wide: no line is wider,
 * no word is broken, and the tables keep each count on its name's line.
 */
export function renderText(r: ReportData, label: Labeller, style: ChalkInstance, width = 80, options: TextOptions = {}): string {
  const w = Math.max(20, width);
  const out: string[] = [];
  const para = (text: string, indent = '') => out.push(...wrap(`${indent}${text}`, w, indent));
  const heading = (text: string) => out.push('', ...wrap(text, w).map((l) => style.bold(l)));
  // A person's own words are shown, never run: escape sequences are made visible.
  const words = (kind: LabelKind, name: string) => clean(label(kind, name));
  const lower = (kind: LabelKind, name: string) => clean(inSentence(label, kind, name));

  out.push(...wrap(heldDates(`Your report: ${reportPeriodWords(r.period)}`), w).map((l) => style.bold(l)));
  const quiet = quietLine(r);
  if (quiet) {
    out.push('');
    para(quiet);
    if (r.followUps.count + r.glimmers.count === 0)
      para(`When something stirs you up, ${command('attach log')} keeps it, and the next report will have something to show.`);
  } else para(summaryLine(r));

  if (r.patterns.length) {
    heading(`What keeps coming back (over the last ${plural(r.lookback.weeksObserved, 'week')})`);
    for (const p of r.patterns) {
      para(clean(p.text), '  ');
      if (options.why) para(evidenceLine(p, r.period.to.slice(0, 4)), '    ');
    }
    if (!options.why) out.push(...wrap(`  ${style.dim(`${command('attach report --why')} shows the days behind each.`)}`, w, '  '));
  }
  if (r.triggers.length) {
    heading('What set things off (how often, how strong on average)');
    const rows = r.triggers.map((t) => [
      words('triggers', t.name),
      `${t.count}×`,
      t.meanIntensity === null ? '' : `${num(t.meanIntensity)} of 10`,
    ]);
    out.push(...countTable(rows, w));
  }
  if (r.body.length) {
    heading('Where it lived in the body');
    out.push(
      ...countTable(
        r.body.map((b) => [words('body', b.name), `${b.count}×`]),
        w,
      ),
    );
  }
  if (r.urges.length) {
    heading('What the alarm pushed you to do');
    out.push(
      ...countTable(
        r.urges.map((u) => [words('urges', u.name), `${u.count}×`]),
        w,
      ),
    );
  }
  if (r.protest.length) {
    heading('Protest behaviours, and what came before them');
    const rows = r.protest.map((p) => ({
      cells: [words('protest', p.name), `${p.count}×`],
      ...(p.after.length ? { under: `after: ${p.after.map((a) => counted(lower('triggers', a.trigger), a.count)).join(', ')}` } : {}),
    }));
    out.push(...countTable(rows, w));
  }
  if (r.pauses.count) {
    heading('Pauses');
    for (const text of pauseLines(r.pauses, lower)) para(text, '  ');
  }
  if (r.reflections.count) {
    heading('Reflections');
    const needs = needsWords(r.reflections.needs, lower);
    para(`${plural(r.reflections.count, 'reflection')}${needs ? `; ${needs}` : ''}.`, '  ');
  }
  const loop = loopSections(r, (kind, name) => clean(label(kind, name)));
  for (const [title, lines] of [
    ['Looking back', loop.lookingBack],
    ['Glimmers', loop.glimmers],
    ['Who you turned to', loop.support],
  ] as const) {
    if (lines.length === 0) continue;
    heading(title);
    for (const text of lines) para(text, '  ');
  }
  if (r.heatmap.flat().some((count) => count > 0)) {
    heading(heldDates(`When moments came, ${periodWords(r.lookback.from, r.lookback.to)}`));
    out.push(...heatmapLines(r.heatmap, w));
  }
  if (r.counts.trigger > 0) {
    heading('How strong, day by day');
    out.push(...dailyLines(daysSoFar(r), w));
  }
  if (r.suggestion) {
    heading('One idea');
    para(clean(r.suggestion), '  ');
  }
  if (loop.waiting) out.push('', ...wrap(loop.waiting, w).map((l) => style.dim(l)));
  return `${out.join('\n')}\n`;
}
