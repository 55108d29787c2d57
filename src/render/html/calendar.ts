import type { ReportData } from '../../analysis/report.js';
import { dayOf, type Weekday, weekdayOf } from '../../time/calendar.js';
import { monthName, weekdayName } from '../../time/calendar-words.js';
import { daysSoFar, periodWords } from '../report-text.js';
import { figure, numbersTable, svg, tip } from './figure.js';
import { esc, html, Markup, n, one, plural } from './markup.js';
import { count, mean, onShade, shadeOf } from './numbers.js';

type Daily = ReportData['daily'][number];

/** Up to 12 weeks, each day is a square big enough for its date and its count; longer periods are a strip a year. */
const ROOMY_DAYS = 84;

/** "Tue 17 Nov 2026: 2 moments, mean intensity 6.5" (the weekday given when the caller knows it: days run in a row). */
function dayWords(d: Daily, weekday = weekdayOf(dayOf(d.date))): string {
  const what = d.count ? `${plural(d.count, 'moment')}, mean intensity ${one(d.meanIntensity)}` : 'nothing logged';
  return `${weekdayName(weekday)} ${Number(d.date.slice(8, 10))} ${monthName(Number(d.date.slice(5, 7)))} ${d.date.slice(0, 4)}: ${what}`;
}

const shade = (d: Daily) => (d.meanIntensity === null ? 0 : shadeOf(d.meanIntensity / 10));

/** The period's days, shaded by mean intensity on the 0-10 scale (the same shade means the same in every report). */
export function calendarFigure(r: ReportData): Markup {
  const days = daysSoFar(r);
  const span = periodWords(r.period.from, r.period.to);
  const withAny = days.filter((d) => d.count > 0).length;
  const sentence =
    withAny === 0
      ? `Nothing was logged on any of these ${plural(days.length, 'day')}.`
      : `Moments on ${withAny} of ${plural(days.length, 'day')}. The deeper the shade, the stronger the day on average.`;
  const roomy = days.length <= ROOMY_DAYS;
  return figure({
    id: 'calendar',
    title: 'How strong each day was',
    sentence,
    svg: roomy ? weeksGrid(days) : yearStrips(days),
    scroll: !roomy,
    legend: html`Shade: mean intensity of the day, from 0 (lightest) to 10 (deepest).${roomy ? ' The number: how many moments.' : ''}`,
    table: roomy
      ? numbersTable(
          `Each day, ${span}`,
          ['day', 'moments', 'mean intensity'],
          days.map((d, i) => [
            dayWords(d).split(':')[0]!,
            count(`daily.${i}.count`, d.count),
            mean(`daily.${i}.meanIntensity`, d.meanIntensity),
          ]),
        )
      : monthTable(days, span),
  });
}

const SIDE = 52;
const TOP = 20;

function weeksGrid(days: readonly Daily[]): Markup {
  const first = dayOf(days[0]!.date);
  const lead = weekdayOf(first);
  const rows = Math.ceil((lead + days.length) / 7);
  const heads = [0, 1, 2, 3, 4, 5, 6]
    .map((i) => weekdayName(i as Weekday))
    .map((d, i) => html`<text x="${n(i * SIDE + SIDE / 2)}" y="13" text-anchor="middle" class="muted">${d}</text>`);
  const cells = days.map((d, i) => {
    const slot = lead + i;
    const x = (slot % 7) * SIDE;
    const y = TOP + Math.floor(slot / 7) * SIDE;
    const opacity = shade(d);
    const [, month, dayOfMonth] = d.date.split('-').map(Number) as [number, number, number];
    const label = dayOfMonth === 1 || i === 0 ? `${dayOfMonth} ${monthName(month)}` : String(dayOfMonth);
    return html`<g data-day="${d.date}">${tip(dayWords(d))}<rect class="${d.count ? 'cell' : 'empty'}" x="${n(x + 1)}" y="${n(y + 1)}" \
width="${SIDE - 2}" height="${SIDE - 2}" rx="5"${d.count ? html` fill-opacity="${n(opacity)}"` : ''}/>
<text x="${n(x + 5)}" y="${n(y + 14)}" class="${d.count ? onShade(opacity) : 'muted'}" style="font-size:10px">${label}</text>
${
  d.count
    ? html`<text x="${n(x + SIDE / 2)}" y="${n(y + 38)}" text-anchor="middle" class="${onShade(opacity)}" \
style="font-size:16px;font-weight:600">${String(d.count)}</text>`
    : ''
}</g>`;
  });
  return svg('calendar', 7 * SIDE, TOP + rows * SIDE, [heads, cells]);
}

const DOT = 11;
const GAP = 2;
const STRIP_LEFT = 34;

/** One row of weeks per calendar year, weekdays down the side, as a year of days is usually drawn. */
function yearStrips(days: readonly Daily[]): Markup {
  // The days run in a row from the first: each one's number is the first's plus its place.
  const first = dayOf(days[0]!.date);
  const byYear = new Map<string, { day: number; d: Daily }[]>();
  days.forEach((d, i) => {
    const year = d.date.slice(0, 4);
    const list = byYear.get(year);
    if (list) list.push({ day: first + i, d });
    else byYear.set(year, [{ day: first + i, d }]);
  });
  const step = DOT + GAP;
  const stripH = 7 * step + 36;
  const parts: Markup[] = [];
  let top = 0;
  let widest = 0;
  for (const [year, list] of byYear) {
    const jan1 = dayOf(`${year}-01-01`);
    const lead = weekdayOf(jan1);
    parts.push(html`<text x="0" y="${n(top + 12)}" style="font-weight:600">${year}</text>`);
    for (const [row, name] of [0, 2, 4, 6].map((r) => [r, weekdayName(r)] as const))
      parts.push(html`<text x="0" y="${n(top + 30 + row * step + DOT - 2)}" class="muted" style="font-size:9px">${name}</text>`);
    for (const { day, d } of list) {
      const slot = lead + day - jan1;
      const x = STRIP_LEFT + Math.floor(slot / 7) * step;
      const y = top + 30 + (slot % 7) * step;
      // Each month named above the week its first day falls in.
      if (d.date.endsWith('-01') || day === first)
        parts.push(
          html`<text x="${n(x)}" y="${n(top + 26)}" class="muted" style="font-size:10px">${monthName(Number(d.date.slice(5, 7)))}</text>`,
        );
      widest = Math.max(widest, x + step);
      // Written out rather than through the html tag: a long stretch has tens of thousands of these. Only numbers
      // go in, and the words are escaped all the same.
      const fill = d.count ? `cell" fill-opacity="${n(shade(d))}` : 'empty';
      parts.push(
        new Markup(
          `<rect class="${fill}" x="${n(x)}" y="${n(y)}" width="${DOT}" height="${DOT}" rx="2">` +
            `<title>${esc(dayWords(d, slot % 7))}</title></rect>`,
        ),
      );
    }
    top += stripH;
  }
  return svg('calendar', Math.max(widest, 200), top, parts);
}

/** A long period's numbers a month a row: a table of thousands of days would help nobody. */
function monthTable(days: readonly Daily[], span: string): Markup {
  const months = new Map<string, { moments: number; withAny: number; strongest: number | null }>();
  for (const d of days) {
    const key = d.date.slice(0, 7);
    const m = months.get(key) ?? { moments: 0, withAny: 0, strongest: null };
    m.moments += d.count;
    if (d.count) m.withAny++;
    if (d.meanIntensity !== null) m.strongest = Math.max(m.strongest ?? 0, d.meanIntensity);
    months.set(key, m);
  }
  return numbersTable(
    `Each month, ${span}`,
    ['month', 'moments', 'days with moments', 'strongest day (mean intensity)'],
    [...months].map(([key, m]) => [
      `${monthName(Number(key.slice(5)))} ${key.slice(0, 4)}`,
      String(m.moments),
      String(m.withAny),
      one(m.strongest),
    ]),
  );
}
