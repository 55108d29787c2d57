import type { ReportData } from '../../analysis/report.js';
import { monthName } from '../../time/calendar-words.js';
import { maxOf } from '../max.js';
import { periodWords } from '../report-text.js';
import { figure, numbersTable, svg, tip } from './figure.js';
import { html, type Markup, n, one, plural } from './markup.js';
import { count, linear, mean } from './numbers.js';

type Week = ReportData['weekly'][number];

const H = 232;
/** Room for a week's date and count: a long lookback scrolls sideways rather than squeezing them. */
const BAND = 52;
const MOST_WIDTH = 1400;
const LEFT = 30;
const RIGHT = 10;
const TOP = 20;
const BOTTOM = 46;

const dayMonth = (iso: string) => `${Number(iso.slice(8, 10))} ${monthName(Number(iso.slice(5, 7)))}`;

/** Mean intensity week by week (the line, on 0-10) over how many moments each week held (the columns). */
export function weeklyFigure(r: ReportData): Markup | null {
  const weeks = r.weekly;
  if (weeks.length === 0) return null;
  const band = Math.min(BAND, (MOST_WIDTH - LEFT - RIGHT) / weeks.length);
  const W = LEFT + RIGHT + band * weeks.length;
  const mid = (i: number) => LEFT + band * (i + 0.5);
  const y = linear(0, 10, H - BOTTOM, TOP);
  const maxCount = maxOf(
    weeks.map((w) => w.count),
    1,
  );
  const colH = linear(0, maxCount, 0, (H - BOTTOM - TOP) * 0.8);
  const labelEvery = Math.ceil(BAND / band);
  const showValues = band === BAND;

  const grid = [0, 5, 10].map(
    (v) => html`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${n(y(v))}" y2="${n(y(v))}"/>\
<text x="${LEFT - 6}" y="${n(y(v) + 4)}" text-anchor="end" class="muted">${String(v)}</text>`,
  );
  const columns = weeks.map((w, i) => {
    const h = colH(w.count);
    return html`<rect class="col" x="${n(mid(i) - band * 0.35)}" y="${n(H - BOTTOM - h)}" width="${n(band * 0.7)}" height="${n(h)}">\
${tip(weekWords(w))}</rect>`;
  });
  let path = '';
  let open = false;
  weeks.forEach((w, i) => {
    if (w.meanIntensity === null) {
      open = false;
      return;
    }
    path += `${open ? 'L' : 'M'}${n(mid(i))},${n(y(w.meanIntensity))}`;
    open = true;
  });
  const dots = weeks.map((w, i) =>
    w.meanIntensity === null
      ? ''
      : html`<circle class="dot" cx="${n(mid(i))}" cy="${n(y(w.meanIntensity))}" r="4">${tip(weekWords(w))}</circle>\
${showValues ? html`<text x="${n(mid(i))}" y="${n(y(w.meanIntensity) - 9)}" text-anchor="middle">${one(w.meanIntensity)}</text>` : ''}`,
  );
  const labels = weeks.map((w, i) =>
    i % labelEvery && i !== weeks.length - 1
      ? ''
      : html`<text x="${n(mid(i))}" y="${H - BOTTOM + 16}" text-anchor="middle" class="muted">${dayMonth(w.from)}</text>\
<text x="${n(mid(i))}" y="${H - BOTTOM + 32}" text-anchor="middle">${String(w.count)}</text>`,
  );

  const withAny = weeks.filter((w) => w.meanIntensity !== null);
  const low = withAny.reduce<Week | null>((a, w) => (a === null || w.meanIntensity! < a.meanIntensity! ? w : a), null);
  const high = withAny.reduce<Week | null>((a, w) => (a === null || w.meanIntensity! > a.meanIntensity! ? w : a), null);
  const sentence = !(low && high)
    ? `No moments were logged in these ${plural(weeks.length, 'week')}.`
    : low.meanIntensity === high.meanIntensity
      ? `Over ${plural(weeks.length, 'week')}, the mean intensity was ${one(low.meanIntensity)} in every week with moments.`
      : `Over ${plural(weeks.length, 'week')}, the weekly mean intensity was between ${one(low.meanIntensity)} ` +
        `(week of ${dayMonth(low.from)}) and ${one(high.meanIntensity)} (week of ${dayMonth(high.from)}).`;
  return figure({
    id: 'weekly',
    title: 'Week by week',
    sentence,
    scroll: W > 600,
    svg: svg('weekly', W, H, [grid, columns, html`<path class="line" d="${path}"/>`, dots, labels]),
    legend: 'The line: mean intensity each week, 0 to 10. The columns and the numbers under the dates: how many moments.',
    table: numbersTable(
      `Each week, ${periodWords(weeks[0]!.from, weeks.at(-1)!.to)}`,
      ['week', 'moments', 'mean intensity'],
      weeks.map((w, i) => [
        periodWords(w.from, w.to),
        count(`weekly.${i}.count`, w.count),
        mean(`weekly.${i}.meanIntensity`, w.meanIntensity),
      ]),
    ),
  });
}

function weekWords(w: Week): string {
  return `${periodWords(w.from, w.to)}: ${plural(w.count, 'moment')}${w.count ? `, mean intensity ${one(w.meanIntensity)}` : ''}`;
}
