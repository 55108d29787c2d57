import type { ChalkInstance } from 'chalk';
import type { Labeller, ReportData } from '../analysis/report.js';
import { dayOf, weekdayOf } from '../time/calendar.js';
import { formatDay, weekdayName } from '../time/calendar-words.js';
import { clean } from './clean.js';
import { loopSections } from './report-loop.js';

const SHADES = [' ', '░', '▒', '▓', '█'];
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** "16–22 Nov 2026", "28 Nov – 4 Dec 2026". */
export function periodWords(from: string, to: string): string {
  const [first, last] = [dayOf(from), dayOf(to)];
  const end = formatDay(last, 'd MMM yyyy');
  if (from === to) return end;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${formatDay(first, 'd')}–${end}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatDay(first, 'd MMM')} – ${end}`;
  return `${formatDay(first, 'd MMM yyyy')} – ${end}`;
}

/** Means read with one decimal everywhere, the same as in a pattern's sentence. */
const num = (value: number) => value.toFixed(1);

/** Change described as change, never as good or bad (VOICE.md). */
export function changeWords(mean: number, previous: number | null, days: number): string {
  const span = days === 7 ? 'the week before' : `the ${days} days before`;
  if (previous === null) return '';
  if (Math.abs(mean - previous) < 0.05) return `, about the same as ${span}`;
  return `, ${mean < previous ? 'lower' : 'higher'} than ${span} (${num(previous)})`;
}

/** Counts as shades, with the number beside them, so the heatmap reads without colour. */
export function heatmapLines(heatmap: number[][]): string[] {
  const max = Math.max(1, ...heatmap.flat());
  const head = `       ${['morning', 'afternoon', 'evening', 'night'].map((p) => p.padEnd(10)).join('')}`.trimEnd();
  return [
    head,
    ...heatmap.map((row, i) => {
      const cells = row.map((count) => {
        const shade = count === 0 ? '·' : SHADES[Math.max(1, Math.ceil((count / max) * 4))]!.repeat(2);
        return `${shade} ${count || ''}`.padEnd(10);
      });
      return `  ${weekdayName(i)}  ${cells.join('')}`.trimEnd();
    }),
  ];
}

/** Daily mean intensity on a 0-10 scale; a dot for a day with nothing logged. */
export function sparkline(daily: ReportData['daily']): string {
  return daily.map((d) => (d.meanIntensity === null ? '·' : SPARKS[Math.min(7, Math.floor((d.meanIntensity / 10) * 8))])).join('');
}

function table(rows: [string, string][], indent = '  '): string[] {
  const width = Math.max(...rows.map(([name]) => [...name].length));
  return rows.map(([name, value]) => `${indent}${name.padEnd(width)}  ${value}`);
}

export function renderText(r: ReportData, label: Labeller, style: ChalkInstance): string {
  const out: string[] = [];
  const heading = (text: string) => out.push('', style.bold(text));
  const words = (kind: Parameters<Labeller>[0], name: string) => clean(label(kind, name));

  out.push(style.bold(`Your report: ${periodWords(r.period.from, r.period.to)}`));
  const total = r.counts.trigger + r.counts.pause + r.counts.reflection;
  if (total === 0) {
    out.push(
      '',
      'Nothing was logged in these days. That is okay: a quiet stretch is not a failure.',
      'When something stirs you up, `attach log` keeps it, and the next report will have something to show.',
    );
  } else {
    const moments = `${r.counts.trigger} moment${r.counts.trigger === 1 ? '' : 's'} logged`;
    const strength =
      r.intensity.mean === null
        ? ''
        : `, mean intensity ${num(r.intensity.mean)}${changeWords(r.intensity.mean, r.intensity.previousMean, r.period.days)}`;
    const others = [
      r.counts.pause && `${r.counts.pause} pause${r.counts.pause === 1 ? '' : 's'}`,
      r.counts.reflection && `${r.counts.reflection} reflection${r.counts.reflection === 1 ? '' : 's'}`,
    ].filter(Boolean);
    out.push(`${moments}${strength}.${others.length ? ` ${capitalise(others.join(' and '))}.` : ''}`);
  }

  if (r.patterns.length) {
    heading(`What keeps coming back (over the last ${r.lookback.weeksObserved} week${r.lookback.weeksObserved === 1 ? '' : 's'})`);
    for (const p of r.patterns) out.push(`  ${clean(p.text)}`);
  }
  if (r.triggers.length) {
    heading('What set things off');
    out.push(
      ...table(
        r.triggers.map((t) => [
          words('triggers', t.name),
          `${t.count}×${t.meanIntensity === null ? '' : `, intensity ${num(t.meanIntensity)}`}`,
        ]),
      ),
    );
  }
  if (r.body.length) {
    heading('Where it lived in the body');
    out.push(...table(r.body.map((b) => [words('body', b.name), `${b.count}×`])));
  }
  if (r.urges.length) {
    heading('What the alarm pushed you to do');
    out.push(...table(r.urges.map((u) => [words('urges', u.name), `${u.count}×`])));
  }
  if (r.protest.length) {
    heading('Protest behaviours, and what came before them');
    out.push(
      ...table(
        r.protest.map((p) => [
          words('protest', p.name),
          `${p.count}×${p.after.length ? `, after: ${p.after.map((a) => `${words('triggers', a.trigger).toLowerCase()} (${a.count})`).join(', ')}` : ''}`,
        ]),
      ),
    );
  }
  if (r.pauses.count) {
    const p = r.pauses;
    heading('Pauses');
    const passed = p.passedRate === null ? '' : `; the urge passed in ${p.passed} of ${p.count}`;
    out.push(`  ${p.count} pause${p.count === 1 ? '' : 's'}, ${p.completed} to the end${passed}.`);
    if (p.meanBefore !== null && p.meanAfter !== null) out.push(`  On average ${num(p.meanBefore)} before and ${num(p.meanAfter)} after.`);
    if (p.helped.length) out.push(`  What helped: ${p.helped.map((h) => words('activities', h.name).toLowerCase()).join(', ')}.`);
  }
  if (r.reflections.count) {
    heading('Reflections');
    const needs = r.reflections.needs.map((n) => `${words('needs', n.name).toLowerCase()} (${n.count})`).join(', ');
    out.push(
      `  ${r.reflections.count} reflection${r.reflections.count === 1 ? '' : 's'}${needs ? `; the needs named most: ${needs}` : ''}.`,
    );
  }
  const loop = loopSections(r, (kind, name) => clean(label(kind, name)));
  for (const [title, lines] of [
    ['Looking back', loop.lookingBack],
    ['Glimmers', loop.glimmers],
    ['Who you turned to', loop.support],
  ] as const) {
    if (lines.length === 0) continue;
    heading(title);
    for (const text of lines) out.push(`  ${text}`);
  }
  if (r.heatmap.flat().some((count) => count > 0)) {
    heading(`When moments came, ${periodWords(r.lookback.from, r.lookback.to)}`);
    out.push(...heatmapLines(r.heatmap));
  }
  if (r.counts.trigger > 0) {
    heading('Intensity day by day');
    const [first, last] = [r.daily[0]?.date ?? r.period.from, r.period.to].map((date) => weekdayName(weekdayOf(dayOf(date))));
    out.push(`  ${sparkline(r.daily)}   (${first} to ${last}; a dot is a day with nothing logged)`);
  }
  if (r.suggestion) {
    heading('One idea');
    out.push(`  ${r.suggestion}`);
  }
  if (loop.waiting) out.push('', style.dim(loop.waiting));
  return `${out.join('\n')}\n`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
