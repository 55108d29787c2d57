import { inSentence, type LabelKind, type Labeller, type ReportData } from '../analysis/report.js';
import { weekdayName } from '../time/calendar-words.js';
import { clean } from './clean.js';
import { mdCell } from './md-escape.js';
import { loopSections } from './report-loop.js';
import {
  evidenceLine,
  needsWords,
  pauseLines,
  periodWords,
  quietLine,
  reportPeriodWords,
  summaryLine,
  type TextOptions,
} from './report-text.js';

/** Words in a cell or a line: a person's words inside may break neither the table nor the page (md-escape.ts). */
const cell = mdCell;
const times = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** A sentence holding a person's words or a catalogue's: the same escaping, so that nothing in it is read as Markdown. */
const prose = mdCell;
const num = (value: number | null) => (value === null ? '–' : value.toFixed(1));

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`), ''];
}

/** A report a person could hand to a therapist: headings, tables, the heatmap as a table. */
export function renderMarkdown(r: ReportData, words: Labeller, options: TextOptions = {}): string {
  // A person's own words are shown, never run: escape sequences are made visible.
  const label: Labeller = (kind, name) => clean(words(kind, name));
  const lower = (kind: LabelKind, name: string) => clean(inSentence(words, kind, name));
  const out: string[] = [`# attach report: ${reportPeriodWords(r.period)}`, ''];
  out.push(prose(quietLine(r) ?? summaryLine(r)), '');
  if (r.patterns.length) {
    out.push(`## What keeps coming back (over the last ${times(r.lookback.weeksObserved, 'week')})`, '');
    for (const p of r.patterns) {
      out.push(`- ${prose(clean(p.text))}`);
      if (options.why) out.push(`  - ${prose(evidenceLine(p, r.period.to.slice(0, 4)))}`);
    }
    out.push('');
  }
  if (r.triggers.length) {
    out.push(
      '## What set things off',
      '',
      ...table(
        ['trigger', 'times', 'how strong, on average (of 10)'],
        r.triggers.map((t) => [label('triggers', t.name), String(t.count), num(t.meanIntensity)]),
      ),
    );
  }
  for (const [title, kind, list] of [
    ['Where it lived in the body', 'body', r.body],
    ['What the alarm pushed you to do', 'urges', r.urges],
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
          p.after.map((a) => `${lower('triggers', a.trigger)} (${a.count})`).join(', '),
        ]),
      ),
    );
  }
  if (r.pauses.count) {
    out.push('## Pauses', '', ...pauseLines(r.pauses, lower).map(prose), '');
  }
  if (r.reflections.count) {
    const needs = needsWords(r.reflections.needs, lower);
    out.push('## Reflections', '', prose(`${times(r.reflections.count, 'reflection')}${needs ? `; ${needs}` : ''}.`), '');
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
    if (lines.length) out.push(`## ${title}`, '', ...lines.map((text) => `${prose(text)}  `), '');
  }
  if (r.suggestion) out.push('## One idea', '', prose(r.suggestion), '');
  if (loop.waiting) out.push(`*${prose(loop.waiting)}*`, '');
  out.push('---', '', '*attach is a self-reflection tool, not a diagnosis or therapy.*', '');
  // The no-break spaces that hold words together on a screen are plain spaces in a document.
  return out.join('\n').replaceAll('\u00a0', ' ');
}
