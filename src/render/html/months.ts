import { monthName } from '../../time/calendar-words.js';
import { maxOf } from '../max.js';
import { figure, svg, tip } from './figure.js';
import { html, type Markup, n, one } from './markup.js';
import { linear, niceMax } from './numbers.js';

/*
 * One small chart per measure of attach.progress/1, month by month: counts
 * as columns with their number on top, the mean intensity as a line on its
 * 0-10 scale. A change the data support is drawn over it as a dashed line,
 * and said in words beside it; no change claimed, nothing drawn.
 */

export interface MonthValue {
  month: string;
  value: number | null;
  /** The month is still under way. */
  partial?: boolean;
}

export interface Claimed {
  from: number | string | null;
  to: number | string | null;
  direction: 'up' | 'down';
  text: string;
}

const W = 320;
const H = 150;
const LEFT = 8;
const RIGHT = 8;
const TOP = 22;
const BOTTOM = 34;

/** "Jun", with the year under the first month and each January. */
export function monthWords(month: string, withYear = false): string {
  const name = monthName(Number(month.slice(5, 7))) ?? month;
  return withYear ? `${name} ${month.slice(0, 4)}` : name;
}

const isMonth = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}$/.test(value);

/**
 * The dashed line of a claimed change: between the values of the months it
 * names when `from`/`to` are months, from the first month's value to the
 * last's when they are the values themselves.
 */
function claimLine(values: readonly MonthValue[], claim: Claimed, x: (i: number) => number, y: (v: number) => number): Markup | '' {
  let [i0, i1, v0, v1] = [0, values.length - 1, claim.from, claim.to] as [number, number, unknown, unknown];
  if (isMonth(claim.from) && isMonth(claim.to)) {
    i0 = values.findIndex((m) => m.month === claim.from);
    i1 = values.findIndex((m) => m.month === claim.to);
    v0 = values[i0]?.value;
    v1 = values[i1]?.value;
  }
  if (i0 < 0 || i1 < 0 || typeof v0 !== 'number' || typeof v1 !== 'number') return '';
  return html`<line class="mark" x1="${n(x(i0))}" x2="${n(x(i1))}" y1="${n(y(v0))}" y2="${n(y(v1))}">${tip(claim.text)}</line>\
<circle class="mark-dot" cx="${n(x(i1))}" cy="${n(y(v1))}" r="3.5"/>`;
}

export interface MeasureChart {
  id: string;
  title: string;
  values: readonly MonthValue[];
  /** Its place in the JSON: `months.<i>.<measure>`. */
  measure: string;
  /** On the 0-10 scale (a mean), rather than a count. */
  scale10?: boolean;
  claim?: Claimed;
}

export function measureFigure(c: MeasureChart): Markup {
  const band = (W - LEFT - RIGHT) / Math.max(1, c.values.length);
  const x = (i: number) => LEFT + band * (i + 0.5);
  const top = c.scale10
    ? 10
    : niceMax(
        maxOf(
          c.values.map((m) => m.value ?? 0),
          1,
        ),
      );
  const y = linear(0, top, H - BOTTOM, TOP);
  const base = html`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${n(y(0))}" y2="${n(y(0))}"/>`;
  const marks = c.values.map((m, i) => {
    const label = m.value === null ? '–' : c.scale10 ? one(m.value) : String(m.value);
    const words = `${monthWords(m.month, true)}${m.partial ? ' (so far)' : ''}: ${m.value === null ? 'nothing to measure' : label}`;
    const shape =
      m.value === null
        ? ''
        : c.scale10
          ? html`<circle class="dot" cx="${n(x(i))}" cy="${n(y(m.value))}" r="4">${tip(words)}</circle>`
          : html`<rect class="cell" x="${n(x(i) - band * 0.32)}" y="${n(y(m.value))}" width="${n(band * 0.64)}" \
height="${n(y(0) - y(m.value))}" fill-opacity="${m.partial ? 0.35 : 0.75}">${tip(words)}</rect>`;
    const valueY = m.value === null ? y(0) - 6 : y(m.value) - 7;
    return html`${shape}<text x="${n(x(i))}" y="${n(valueY)}" text-anchor="middle" style="font-size:11px">${label}</text>
<text x="${n(x(i))}" y="${H - BOTTOM + 15}" text-anchor="middle" class="muted" style="font-size:11px">${monthWords(m.month)}</text>\
${
  m.partial
    ? html`<text x="${n(x(i))}" y="${H - BOTTOM + 28}" text-anchor="middle" class="muted" \
style="font-size:9px">so far</text>`
    : ''
}`;
  });
  let line = '';
  if (c.scale10) {
    let open = false;
    c.values.forEach((m, i) => {
      if (m.value === null) open = false;
      else {
        line += `${open ? 'L' : 'M'}${n(x(i))},${n(y(m.value))}`;
        open = true;
      }
    });
  }
  const sentence = c.claim ? c.claim.text : 'No clear change.';
  return figure({
    id: c.id,
    title: c.title,
    sentence: c.claim ? html`<strong>${sentence}</strong>` : sentence,
    svg: svg(c.id, W, H, [
      base,
      line ? html`<path class="line" d="${line}"/>` : '',
      marks,
      c.claim ? claimLine(c.values, c.claim, x, y) : '',
    ]),
  });
}
