import { DAYPARTS, WEEKDAYS } from '../../analysis/patterns.js';
import type { ReportData } from '../../analysis/report.js';
import { maxOf } from '../max.js';
import { periodWords } from '../report-text.js';
import { figure, numbersTable, svg, tip } from './figure.js';
import { html, type Markup, n, plural } from './markup.js';
import { count, fraction, onShade, shadeOf } from './numbers.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CELL_W = 76;
const CELL_H = 38;
const LEFT = 40;
const TOP = 22;

/** Weekday x time of day over the lookback: a shade and a number in each slot, the recurring patterns outlined. */
export function heatmapFigure(r: ReportData): Markup {
  const max = maxOf(r.heatmap.flat(), 0);
  const total = r.heatmap.flat().reduce((sum, c) => sum + c, 0);
  const outlined = new Map(r.patterns.map((p) => [`${WEEKDAYS.indexOf(p.weekday)}:${DAYPARTS.indexOf(p.daypart)}`, p.text]));
  const cells: Markup[] = [];
  r.heatmap.forEach((row, day) => {
    row.forEach((c, part) => {
      const x = LEFT + part * CELL_W;
      const y = TOP + day * CELL_H;
      const opacity = shadeOf(fraction(c, max));
      const pattern = outlined.get(`${day}:${part}`);
      const isPattern = pattern !== undefined;
      const words = `${DAY_NAMES[day]} ${DAYPARTS[part]}: ${plural(c, 'moment')}${isPattern ? `, a recurring pattern. ${pattern}` : ''}`;
      cells.push(html`<g>${tip(words)}<rect class="${c ? 'cell' : 'empty'}" x="${n(x + 1)}" y="${n(y + 1)}" \
width="${CELL_W - 2}" height="${CELL_H - 2}" rx="4"${c ? html` fill-opacity="${n(opacity)}"` : ''}/>
${isPattern ? html`<rect class="pattern" x="${n(x + 2.5)}" y="${n(y + 2.5)}" width="${CELL_W - 5}" height="${CELL_H - 5}" rx="3"/>` : ''}
<text x="${n(x + CELL_W / 2)}" y="${n(y + CELL_H / 2 + 5)}" text-anchor="middle" class="${c ? onShade(opacity) : 'muted'}" \
style="font-size:${c ? 14 : 12}px">${String(c)}</text></g>`);
    });
  });
  const heads = DAYPARTS.map(
    (part, i) => html`<text x="${n(LEFT + i * CELL_W + CELL_W / 2)}" y="14" text-anchor="middle" class="muted">${part}</text>`,
  );
  const days = SHORT.map((d, i) => html`<text x="0" y="${n(TOP + i * CELL_H + CELL_H / 2 + 4)}" class="muted">${d}</text>`);
  const width = LEFT + 4 * CELL_W;
  const height = TOP + 7 * CELL_H;

  const span = periodWords(r.lookback.from, r.lookback.to);
  const busiest = max > 0 ? busiestSlot(r.heatmap, max) : '';
  const sentence =
    total === 0
      ? `No moments were logged in the lookback (${span}).`
      : `${plural(total, 'moment')} over ${plural(r.lookback.weeksObserved, 'week')} (${span}); the most on ${busiest}.` +
        (r.patterns.length ? ' Outlined: the times that keep coming back, week after week.' : '');
  return figure({
    id: 'heatmap',
    title: 'When moments came',
    sentence,
    svg: svg('heatmap', width, height, [heads, days, cells]),
    legend: r.patterns.length
      ? html`Darker means more moments in that slot. <span class="key key-pattern"></span> a recurring pattern.`
      : 'Darker means more moments in that slot.',
    table: numbersTable(
      `Moments by weekday and time of day, ${span}`,
      ['', ...DAYPARTS],
      r.heatmap.map((row, day) => [DAY_NAMES[day]!, ...row.map((c, part) => count(`heatmap.${day}.${part}`, c))]),
    ),
  });
}

function busiestSlot(heatmap: number[][], max: number): string {
  const slots: string[] = [];
  heatmap.forEach((row, day) => {
    row.forEach((c, part) => {
      if (c === max) slots.push(`${DAY_NAMES[day]} ${DAYPARTS[part]}s`);
    });
  });
  return slots.length > 2 ? `${slots.slice(0, 2).join(', ')} and others` : slots.join(' and ');
}
