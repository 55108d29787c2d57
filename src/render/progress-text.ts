import type { ChalkInstance } from 'chalk';
import type { MonthFigures, ProgressData } from '../analysis/progress.js';
import { clean } from './clean.js';
import { maxOf } from './max.js';
import { COLUMNS, type Column, headline, monthLabel, notes, rangeWords } from './progress-parts.js';
import { wrap } from './wrap.js';

const GAP = 2;

/**
 * The month-by-month table, the most telling columns first; a month under
 * way is marked *. Where they don't all fit `width`, the columns that don't
 * go on in a second table (and a third) under the first, each with the
 * months again: nothing is left out on a narrow screen.
 */
export function monthTable(months: readonly MonthFigures[], width: number): { lines: string[]; shown: Column[] } {
  const labels = months.map((m) => `${monthLabel(m.month)}${m.underway ? '*' : ''}`);
  const labelWidth = maxOf(
    labels.map((l) => l.length),
    0,
  );
  const blocks: { column: Column; width: number; cells: string[] }[][] = [[]];
  let used = labelWidth;
  for (const column of COLUMNS) {
    const cells = months.map(column.value);
    const w = maxOf(
      cells.map((c) => c.length),
      column.head.length,
    );
    if (used + GAP + w > width && blocks.at(-1)!.length > 0) {
      blocks.push([]);
      used = labelWidth;
    }
    blocks.at(-1)!.push({ column, width: w, cells });
    used += GAP + w;
  }
  const lines: string[] = [];
  for (const shown of blocks) {
    const row = (label: string, values: string[]) =>
      (label.padEnd(labelWidth) + values.map((v, i) => ' '.repeat(GAP) + v.padStart(shown[i]!.width)).join('')).trimEnd();
    if (lines.length) lines.push('');
    lines.push(
      row(
        '',
        shown.map((s) => s.column.head),
      ),
      ...months.map((_, i) =>
        row(
          labels[i]!,
          shown.map((s) => s.cells[i]!),
        ),
      ),
    );
  }
  return { lines, shown: blocks.flat().map((s) => s.column) };
}

/**
 * attach progress as text for a terminal `width` columns wide: what changed
 * (or that nothing clearly did), the months as a table, and notes on what
 * the figures can and cannot say. No line is wider than `width`.
 */
export function renderProgressText(p: ProgressData, width: number, style?: ChalkInstance): string {
  const w = Math.max(20, width);
  const bold = (text: string) => (style ? style.bold(text) : text);
  const first = p.months[0]?.month ?? p.range.from;
  const last = p.months.at(-1)?.month ?? p.range.to;
  const out: string[] = [...wrap(`Change over months: ${rangeWords(first, last)}`, w).map(bold), ''];
  for (const text of headline(p)) out.push(...wrap(clean(text), w));
  if (p.months.length) {
    const table = monthTable(p.months, w);
    out.push('', ...table.lines, '');
    const legend = table.shown.map((c) => `${c.head}: ${c.means}`).join('; ');
    out.push(...wrap(`${legend}.`, w));
    for (const note of notes(p)) out.push(...wrap(note.underway ? `* ${note.text}` : note.text, w));
  }
  return `${out.join('\n')}\n`;
}
