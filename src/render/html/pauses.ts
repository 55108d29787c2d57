import type { ReportData } from '../../analysis/report.js';
import { wallClock } from '../../time/calendar.js';
import { monthName, weekdayName } from '../../time/calendar-words.js';
import { maxOf } from '../max.js';
import { figure, numbersTable, svg, tip } from './figure.js';
import { html, type Markup, n, one, plural } from './markup.js';
import { count, linear } from './numbers.js';

const W = 360;
const H = 250;
const X0 = 86;
const X1 = 274;
/** Up to this many pauses the table lists each one; past it, each distinct before-and-after once, with how many. */
const LISTED = 60;
const TICKS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** "Tue 17 Nov 21:40", in the pause's own time. */
function when(at: string): string {
  const t = wallClock(at);
  return `${weekdayName(t.weekday)} ${t.day} ${monthName(t.month)} ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

function flag(key: string, value: boolean | null): Markup {
  return html`<data data-k="${key}" value="${JSON.stringify(value)}">${value === null ? '–' : value ? 'yes' : 'no'}</data>`;
}

/** Each pause as a line from how strong the urge was before to how strong after; the same two ratings share one, thicker, line. */
export function pausesFigure(r: ReportData): Markup | null {
  const list = r.pauseRatings;
  if (list.length === 0) return null;
  const y = linear(0, 10, H - 24, 34);
  const pairs = new Map<string, { before: number; after: number; count: number }>();
  for (const p of list) {
    if (p.after === null) continue;
    const key = `${p.before}:${p.after}`;
    const pair = pairs.get(key) ?? { before: p.before, after: p.after, count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }
  const most = maxOf(
    [...pairs.values()].map((p) => p.count),
    1,
  );
  const lines = [...pairs.values()].map(
    (p) => html`<line class="line" x1="${X0}" x2="${X1}" y1="${n(y(p.before))}" y2="${n(y(p.after))}" \
stroke-width="${n(2 + (6 * (p.count - 1)) / Math.max(1, most - 1))}" stroke-opacity="0.7">\
${tip(`${plural(p.count, 'pause')} from ${p.before} to ${p.after}`)}</line>\
<circle class="dot" cx="${X0}" cy="${n(y(p.before))}" r="4"/><circle class="dot" cx="${X1}" cy="${n(y(p.after))}" r="4"/>`,
  );
  const axes = [X0, X1].map(
    (x, side) => html`<line class="grid" x1="${x}" x2="${x}" y1="${n(y(0))}" y2="${n(y(10))}"/>
<text x="${x}" y="16" text-anchor="middle" style="font-weight:600">${side ? 'after' : 'before'}</text>
${TICKS.map(
  (v) => html`<text x="${side ? x + 12 : x - 12}" y="${n(y(v) + 4)}" text-anchor="${side ? 'start' : 'end'}" \
class="muted" style="font-size:10px">${String(v)}</text>`,
)}`,
  );
  const p = r.pauses;
  const mark =
    p.meanBefore !== null && p.meanAfter !== null
      ? html`<line class="mark" x1="${X0}" x2="${X1}" y1="${n(y(p.meanBefore))}" y2="${n(y(p.meanAfter))}">\
${tip(`on average ${one(p.meanBefore)} before, ${one(p.meanAfter)} after`)}</line>`
      : '';
  const unrated = list.filter((q) => q.after === null).length;
  const sentence =
    `${plural(list.length, 'pause')}` +
    (p.meanAfter === null ? `, none with a rating afterwards.` : `: on average ${one(p.meanBefore)} before and ${one(p.meanAfter)} after`) +
    (p.meanAfter === null ? '' : unrated ? ` (${unrated} without a rating afterwards).` : '.') +
    (p.passedRate === null
      ? ''
      : ` The urge passed in ${p.passed} of ${p.answered === p.count ? p.count : `the ${p.answered} you answered`}.`);
  const table =
    list.length <= LISTED
      ? numbersTable(
          'Each pause',
          ['when', 'before', 'after', 'the urge passed'],
          list.map((q, i) => [
            when(q.at),
            count(`pauseRatings.${i}.before`, q.before),
            count(`pauseRatings.${i}.after`, q.after),
            flag(`pauseRatings.${i}.passed`, q.passed),
          ]),
        )
      : numbersTable(
          'Pauses by their ratings before and after',
          ['before', 'after', 'pauses'],
          [...pairs.values()]
            .sort((a, b) => b.before - a.before || a.after - b.after)
            .map((q) => [String(q.before), String(q.after), String(q.count)]),
        );
  return figure({
    id: 'pauses',
    title: 'Before and after each pause',
    sentence,
    svg: svg('pauses', W, H, [axes, lines, mark]),
    legend: html`Each line is a pause, from how strong the urge was before (left, 0 to 10) to after (right); a thicker line stands for \
several pauses with the same ratings. <span class="key key-mark"></span> the average.`,
    table,
  });
}
