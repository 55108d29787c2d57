import type { Labeller, ReportData } from '../analysis/report.js';
import { weekdayName } from '../time/calendar-words.js';
import { clean } from './clean.js';
import { mdCell } from './md-escape.js';
import { loopSections } from './report-loop.js';
import { changeWords, periodWords } from './report-text.js';

/** Words in a cell or a line: a person's words inside may break neither the table nor the page (md-escape.ts). */
const cell = mdCell;
const times = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const num = (value: number | null) => (value === null ? '–' : value.toFixed(1));

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), ''];
}

/** A report a person could hand to a therapist: headings, tables, the heatmap as a table. */
export function renderMarkdown(r: ReportData, words: Labeller): string {
  // A person's own words are shown, never run: escape sequences are made visible.
  const label: Labeller = (kind, name) => clean(words(kind, name));
  const out: string[] = [`# attach report: ${periodWords(r.period.from, r.period.to)}`, ''];
  const total = r.counts.trigger + r.counts.pause + r.counts.reflection;
  if (total === 0) {
    out.push('Nothing was logged in these days. A quiet stretch is not a failure.', '');
  } else {
    const strength =
      r.intensity.mean === null
        ? ''
        : `, mean intensity ${num(r.intensity.mean)}${changeWords(r.intensity.mean, r.intensity.previousMean, r.period.days)}`;
    out.push(
      `${times(r.counts.trigger, 'moment')} logged${strength}; ${times(r.counts.pause, 'pause')}; ${times(r.counts.reflection, 'reflection')}.`,
      '',
    );
  }
  if (r.patterns.length) {
    out.push(
      `## What keeps coming back (last ${r.lookback.weeksObserved} weeks)`,
      '',
      ...r.patterns.map((p) => `- ${cell(clean(p.text))}`),
      '',
    );
  }
  if (r.triggers.length) {
    out.push(
      '## What set things off',
      '',
      ...table(
        ['trigger', 'times', 'mean intensity'],
        r.triggers.map((t) => [label('triggers', t.name), String(t.count), num(t.meanIntensity)]),
      ),
    );
  }
  for (const [title, kind, list] of [
    ['Where it lived in the body', 'body', r.body],
    ['What the alarm pushed to do', 'urges', r.urges],
  ] as const) {
    if (list.length)
      out.push(
        `## ${title}`,
        '',
        ...table(
          [kind === 'body' ? 'body signal' : 'urge', 'times'],
          list.map((n) => [label(kind, n.name), String(n.count)]),
        ),
      );
  }
  if (r.protest.length) {
    out.push(
      '## Protest behaviours',
      '',
      ...table(
        ['behaviour', 'times', 'after'],
        r.protest.map((p) => [
          label('protest', p.name),
          String(p.count),
          p.after.map((a) => `${label('triggers', a.trigger)} (${a.count})`).join(', '),
        ]),
      ),
    );
  }
  if (r.pauses.count) {
    const p = r.pauses;
    out.push(
      '## Pauses',
      '',
      ...table(
        ['pauses', 'to the end', 'urge passed', 'mean before', 'mean after'],
        [[String(p.count), String(p.completed), `${p.passed} of ${p.count}`, num(p.meanBefore), num(p.meanAfter)]],
      ),
    );
    if (p.helped.length) out.push(`What helped: ${cell(p.helped.map((h) => label('activities', h.name).toLowerCase()).join(', '))}.`, '');
  }
  if (r.reflections.count) {
    out.push('## Reflections', '', `${times(r.reflections.count, 'reflection')}.`, '');
    if (r.reflections.needs.length)
      out.push(
        ...table(
          ['need underneath', 'times'],
          r.reflections.needs.map((n) => [label('needs', n.name), String(n.count)]),
        ),
      );
  }
  if (r.heatmap.flat().some((count) => count > 0)) {
    out.push(
      `## When moments came (${periodWords(r.lookback.from, r.lookback.to)})`,
      '',
      ...table(
        ['', 'morning', 'afternoon', 'evening', 'night'],
        r.heatmap.map((row, i) => [weekdayName(i, 'long'), ...row.map(String)]),
      ),
    );
  }
  const loop = loopSections(r, label);
  for (const [title, lines] of [
    ['Looking back', loop.lookingBack],
    ['Glimmers', loop.glimmers],
    ['Who you turned to', loop.support],
  ] as const) {
    if (lines.length) out.push(`## ${title}`, '', ...lines.map((text) => `${cell(text)}  `), '');
  }
  if (r.suggestion) out.push('## One idea', '', cell(clean(r.suggestion)), '');
  if (loop.waiting) out.push(`*${cell(loop.waiting)}*`, '');
  out.push('---', '', '*attach is a self-reflection tool, not a diagnosis or therapy.*', '');
  return out.join('\n');
}
