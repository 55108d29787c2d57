import type { MonthIndex } from './progress-calendar.js';
import type { Measure } from './progress-changes.js';

/*
 * The words of a change (VOICE.md): change as change, never good or bad,
 * and numbers with care: "about 10 in June, 4 in November", "about 1 in 20".
 */

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const WORDS: Record<Measure, string> = {
  moments: 'Moments came {more|less} often',
  meanIntensity: 'The intensity of moments {went up|came down}',
  strong: 'Strong moments (7 or more) came {more|less} often',
  pausedAfterStrong: 'A pause followed a strong moment {more|less} often',
  urgePassed: 'The urge passed during a pause {more|less} often',
  acted: 'Acting on the urge after a pause, at least partly, came {more|less} often',
  protest: 'Moments with a protest behaviour came {more|less} often',
  fearCameTrue: 'The feared story came true {more|less} often',
  asksLanded: 'Your direct asks landed {more|less} often',
  glimmers: 'Glimmers came {more|less} often',
};

/** "June" and "November", with the years when they differ. */
export function monthNames(a: MonthIndex, b: MonthIndex): [string, string] {
  const name = (m: MonthIndex) => MONTH_NAMES[m % 12]!;
  const sameYear = Math.floor(a / 12) === Math.floor(b / 12);
  return sameYear ? [name(a), name(b)] : [`${name(a)} ${Math.floor(a / 12)}`, `${name(b)} ${Math.floor(b / 12)}`];
}

/** "about 10 in June, 4 in November": "about" once, before the first figure that is a number. */
function joinFigures(a: [string, boolean], b: [string, boolean], fromName: string, toName: string, unit = ''): string {
  let about = false;
  const say = ([words, numeric]: [string, boolean]) => {
    if (!numeric || about) return words;
    about = true;
    return `about ${words}`;
  };
  const first = say(a);
  return `${first}${unit} in ${fromName}, ${say(b)}${unit} in ${toName}`;
}

/** Whole numbers, unless both would read the same; under a half is "fewer than 1". */
export function countFigures(a: number, b: number, fromName: string, toName: string, unit: string): string {
  const digits = Math.round(a) === Math.round(b) ? 1 : 0;
  const word = (v: number): [string, boolean] => (v < 0.5 ? ['fewer than 1', false] : [v.toFixed(digits), true]);
  return joinFigures(word(a), word(b), fromName, toName, unit);
}

/** "about 1 in 20 in June, 17 in 20 in November": one denominator for both, the smallest that says each within 2.5 points. */
export function shareFigures(a: number, b: number, fromName: string, toName: string): string {
  const edge = (v: number) => (v < 0.025 ? 'fewer than 1 in 20' : v > 0.975 ? 'more than 19 in 20' : null);
  for (const n of [2, 3, 4, 5, 10, 20]) {
    const ka = Math.round(a * n);
    const kb = Math.round(b * n);
    const fits = (v: number, k: number) => edge(v) !== null || (k >= 1 && k <= n - 1 && Math.abs(k / n - v) <= 0.025);
    if (!fits(a, ka) || !fits(b, kb) || (edge(a) === null && edge(b) === null && ka === kb && n < 20)) continue;
    const word = (v: number, k: number): [string, boolean] => {
      const e = edge(v);
      return e === null ? [`${k} in ${n}`, true] : [e, false];
    };
    return joinFigures(word(a, ka), word(b, kb), fromName, toName);
  }
  return joinFigures([`${Math.round(a * 100)} in 100`, true], [`${Math.round(b * 100)} in 100`, true], fromName, toName);
}
