import type { ProgressData } from '../analysis/progress.js';
import { numbersTable } from './html/figure.js';
import { html, type Markup, plural } from './html/markup.js';
import { measureFigure, monthWords } from './html/months.js';
import { count, mean } from './html/numbers.js';
import { page } from './html/page.js';

/*
 * attach.progress/1 as a page: each measure month by month, the changes the
 * data support marked on their chart and said in words, and "no clear change
 * yet" said as the fine answer it is (VOICE.md).
 */

/** What the page draws of attach.progress/1: the months' figures, whether a month is under way, and the changes claimed. */
type Figures = ProgressData['months'][number];
type ProgressMonth = Pick<Figures, 'month' | Measure> & { underway?: boolean };
export interface ProgressPage {
  schema: ProgressData['schema'];
  months: readonly ProgressMonth[];
  changes: readonly Pick<ProgressData['changes'][number], 'measure' | 'from' | 'to' | 'direction' | 'text'>[];
}

type Measure = Exclude<keyof Figures, 'month' | 'underway' | 'littleData' | 'days' | 'daysInMonth' | `${string}Answered`>;

/** Each measure in words, in the order the page shows them. */
export const MEASURES: readonly [Measure, string][] = [
  ['moments', 'Moments logged'],
  ['meanIntensity', 'Mean intensity of the moments'],
  ['strong', 'Strong moments (7 or more)'],
  ['pausedAfterStrong', 'Strong moments followed by a pause within 2 hours'],
  ['pauses', 'Pauses'],
  ['urgePassed', 'Pauses after which the urge passed'],
  ['acted', 'Pauses after which the urge was acted on'],
  ['protest', 'Moments with a protest behaviour'],
  ['followUps', 'Follow-ups'],
  ['fearCameTrue', 'Follow-ups where the feared story came true'],
  ['asksMade', 'Direct asks made'],
  ['asksLanded', 'Asks that landed'],
  ['glimmers', 'Glimmers'],
];

export function renderProgressHtml(p: ProgressPage): string {
  const first = p.months[0];
  const last = p.months.at(-1);
  const span = first && last ? `${monthWords(first.month, true)} – ${monthWords(last.month, true)}` : 'no months yet';
  const claims = new Map<string, ProgressPage['changes'][number]>(p.changes.map((c) => [c.measure, c]));
  const drawn = MEASURES.filter(([m]) => claims.has(m) || p.months.some((month) => (month[m] ?? 0) !== 0));
  const quiet = MEASURES.filter((m) => !drawn.includes(m));

  const changes: Markup = p.changes.length
    ? html`<ul class="patterns">${p.changes.map((c) => html`<li>${c.text}</li>`)}</ul>
<p class="legend"><span class="key key-mark"></span> marks each of these on its chart.</p>`
    : html`<p class="lede">No clear change yet. That is a fine thing to read: change over months is slow, \
and one person's months are noisy.</p>`;
  const body = html`<header>
<h1>How things have changed: ${span}</h1>
<p>${plural(p.months.length, 'month')}, each measure month by month. A change is named only when the data support it.</p>
</header>
<section><h2>What changed</h2>
${changes}
</section>
<section><h2>Month by month</h2>
<div class="multiples">
${drawn.map(([m, title]) => {
  const claim = claims.get(m);
  return measureFigure({
    id: `measure-${m}`,
    title,
    measure: m,
    scale10: m === 'meanIntensity',
    values: p.months.map((month) => ({ month: month.month, value: month[m] ?? null, ...(month.underway ? { partial: true } : {}) })),
    ...(claim ? { claim } : {}),
  });
})}
</div>
${quiet.length ? html`<p class="muted">Nothing recorded yet for: ${quiet.map(([, title]) => title.toLowerCase()).join('; ')}.</p>` : ''}
${numbersTable(
  `Each measure, ${span}`,
  ['', ...p.months.map((m) => `${monthWords(m.month, true)}${m.underway ? ' (so far)' : ''}`)],
  MEASURES.map(([m, title]) => [
    title,
    ...p.months.map((month, i) => (m === 'meanIntensity' ? mean(`months.${i}.${m}`, month[m]) : count(`months.${i}.${m}`, month[m]))),
  ]),
)}
</section>`;
  return page(`attach progress: ${span}`, body);
}
