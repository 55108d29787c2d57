import type { ReportData } from '../analysis/report.js';
import { dayOf, weekdayOf } from '../time/calendar.js';
import { formatDay } from '../time/calendar-words.js';
import { displayWidth, padEnd, padStart } from './width.js';
import { together, wrap } from './wrap.js';

/*
 * The report's tables and charts as text for a given width: counts beside
 * their names, the week as shades, the days as blocks. Each reads without
 * colour, and each keeps to the width: a name too long for its column goes on
 * to the next line under itself, its count staying on its first line.
 */

const INDENT = '  ';

export interface CountRow {
  /** The name, its count ("2×"), and perhaps more ("7.5 of 10"). */
  cells: readonly string[];
  /** A sentence under the row ("after: ..."), indented under the name. */
  under?: string;
}

/** Rows of name, count and more: names in one column, counts right-aligned after them, all on each name's first line. */
export function countTable(rows: readonly (readonly string[] | CountRow)[], width: number): string[] {
  const list = rows.map((row): CountRow => ('cells' in row ? (row as CountRow) : { cells: row as readonly string[] }));
  const columns = Math.max(...list.map((row) => row.cells.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(0, ...list.map((row) => displayWidth(row.cells[i] ?? ''))));
  const rest = widths.slice(1).reduce((sum, w) => sum + 2 + w, 0);
  const nameWidth = Math.max(10, Math.min(widths[0]!, width - INDENT.length - rest));
  const out: string[] = [];
  for (const row of list) {
    const [name = '', ...values] = row.cells;
    const names = wrap(name, nameWidth);
    const value = values.map((cell, i) => (i === 0 ? padStart(cell, widths[1]!) : padEnd(cell, widths[i + 1]!))).join('  ');
    names.forEach((text, i) => {
      out.push(`${INDENT}${i === 0 ? `${padEnd(text, nameWidth)}  ${value}` : text}`.trimEnd());
    });
    if (row.under) out.push(...wrap(`${INDENT}  ${row.under}`, width, `${INDENT}  `));
  }
  return out;
}

/** The same count is the same shade in every report: none, 1, 2-3, 4-6, 7 or more. */
export function shade(count: number): string {
  return count === 0 ? '·' : count === 1 ? '░' : count <= 3 ? '▒' : count <= 6 ? '▓' : '█';
}

export const SHADE_LEGEND = ['· none', '░ 1', '▒ 2–3', '▓ 4–6', '█ 7 or more'];

const PARTS = ['morning', 'afternoon', 'evening', 'night'] as const;
const SHORT_PARTS = ['morn', 'aft', 'eve', 'night'] as const;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The lookback's moments by weekday and time of day, each cell a shade and
 * its count, and a legend. Where the dayparts' names don't fit, they are
 * shortened and the legend says what they stand for.
 */
export function heatmapLines(heatmap: readonly (readonly number[])[], width: number): string[] {
  const cell = (count: number) => (count === 0 ? '·' : `${shade(count).repeat(2)} ${count}`);
  const cellWidth = Math.max(...heatmap.flat().map((count) => displayWidth(cell(count))));
  const layout = (heads: readonly string[]) => heads.map((head) => Math.max(head.length, cellWidth));
  // Two spaces between columns where they fit, one where that is what fits, short names where nothing else does.
  const total = (ws: number[], gap: number) => INDENT.length + 3 + ws.reduce((sum, w) => sum + w + gap, 0);
  let heads: readonly string[] = PARTS;
  let widths = layout(heads);
  const gap = total(widths, 2) <= width ? 2 : 1;
  if (total(widths, gap) > width) {
    heads = SHORT_PARTS;
    widths = layout(heads);
  }
  const space = ' '.repeat(gap);
  const row = (label: string, cells: readonly string[]) =>
    `${INDENT}${padEnd(label, 3)}${space}${cells.map((text, i) => padEnd(text, widths[i]!)).join(space)}`.trimEnd();
  const lines = [row('', heads), ...heatmap.map((counts, i) => row(DAYS[i]!, counts.map(cell)))];
  const legend = [...SHADE_LEGEND];
  if (heads === SHORT_PARTS) legend.push('morn morning, aft afternoon, eve evening');
  lines.push(...wrap(`${INDENT}${legend.map(together).join('  ')}`, width, INDENT));
  return lines;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const LETTERS = ['M', 'T', 'W', 'T', 'F', 'S', 'S'];

/** A day's mean intensity as a block: read from the value as shown (one decimal), so equal values draw equal blocks. */
export function block(mean: number | null): string {
  if (mean === null) return '·';
  const shown = Math.round(mean * 10) / 10;
  return BLOCKS[Math.min(7, Math.max(0, Math.round((shown * 7) / 10)))]!;
}

/**
 * Each day of the period as a block (how strong on average, 0 to 10) with
 * its weekday's letter under it, and the scale. Up to two weeks in one row;
 * longer periods a row a week, Monday first, each named by its Monday.
 */
export function dailyLines(daily: ReportData['daily'], width: number): string[] {
  const scale = [`${BLOCKS[0]} 0,`, `${block(5)} 5,`, `${BLOCKS[7]} 10, on average;`, '· nothing logged'].map(together).join(' ');
  const out: string[] = [];
  if (daily.length <= 14 && INDENT.length + daily.length * 2 <= width) {
    out.push(`${INDENT}${daily.map((d) => block(d.meanIntensity)).join(' ')}`);
    out.push(`${INDENT}${daily.map((d) => LETTERS[weekdayOf(dayOf(d.date))]).join(' ')}`);
  } else {
    const label = 'dd MMM';
    const labelWidth = label.length + 1;
    out.push(`${INDENT}${' '.repeat(labelWidth)} ${LETTERS.join(' ')}`);
    let row: string[] = [];
    let monday = '';
    const flush = () => {
      if (row.length) out.push(`${INDENT}${padEnd(monday, labelWidth)} ${row.join(' ')}`.trimEnd());
      row = [];
    };
    for (const d of daily) {
      const day = dayOf(d.date);
      const weekday = weekdayOf(day);
      if (weekday === 0 || row.length === 0) {
        flush();
        monday = formatDay(day - weekday, 'd MMM');
        row = Array.from({ length: weekday }, () => ' ');
      }
      row.push(block(d.meanIntensity));
    }
    flush();
  }
  out.push(...wrap(`${INDENT}${scale}`, width, INDENT));
  return out;
}
