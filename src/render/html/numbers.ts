import { html, type Markup, one } from './markup.js';

/*
 * Every number on the page is a <data> element: `data-k` names its place in
 * the JSON (attach.report/1 or attach.progress/1) and `value` holds it
 * exactly, so anyone (and the browser test) can check the page against
 * `--json` while the text shows it rounded as people read it.
 */

export function count(key: string, value: number | null): Markup {
  return html`<data data-k="${key}" value="${JSON.stringify(value)}">${value === null ? '–' : String(value)}</data>`;
}

export function mean(key: string, value: number | null): Markup {
  return html`<data data-k="${key}" data-d="1" value="${JSON.stringify(value)}">${one(value)}</data>`;
}

/** 0 to 1 of the way between two numbers, for shading; 0 when the range is empty. */
export function fraction(value: number, max: number): number {
  return max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
}

/** Fill opacity of a shaded cell: never so faint that a cell with something in it looks empty. */
export function shadeOf(t: number): number {
  return Math.round((0.14 + 0.86 * t) * 100) / 100;
}

/** Numbers drawn on a shaded cell switch to the light ink where the shade is deep. */
export const onShade = (opacity: number) => (opacity > 0.55 ? 'on' : '');

/** A round top for an axis of counts: 1, 2, 5, 10, 20, 50 … at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** A straight map from [d0, d1] to [r0, r1]: all the scales these charts need. */
export function linear(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}
