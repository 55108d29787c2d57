import type { ReportData } from '../../analysis/report.js';
import { barTable } from './bars.js';
import { html, type Markup } from './markup.js';
import { count, mean } from './numbers.js';

/** The glimmers of the period (small moments that felt safe or warm), beside the hard moments when there are any. */
type Glimmers = ReportData['glimmers'];
type Words = (catalogue: 'glimmerKinds' | 'who', id: string) => string;

/** A tile's words for its number: "1 reflection", "3 reflections". */
const noun = (n: number | null, one: string, many: string) => (n === 1 ? one : many);

function tile(title: string, value: Markup, note?: Markup): Markup {
  return html`<li><span class="big">${value}</span>${title}${note ? html`<br><span class="muted">${note}</span>` : ''}</li>`;
}

/** The period at a glance: the hard moments, what was done with them, and the glimmers beside them. */
export function glance(r: ReportData, words: Words): Markup {
  const span = r.period.days === 7 ? 'the week before' : `the ${r.period.days} days before`;
  const before = r.intensity.previousMean === null ? undefined : html`${span}: ${mean('intensity.previousMean', r.intensity.previousMean)}`;
  const hard = html`<section data-part="hard"><h3>The hard moments</h3><ul class="tiles">
${tile(noun(r.counts.trigger, 'moment logged', 'moments logged'), count('counts.trigger', r.counts.trigger))}
${tile('mean intensity', mean('intensity.mean', r.intensity.mean), before)}
${tile('strongest moment', count('intensity.max', r.intensity.max))}
</ul></section>`;
  const passed = r.pauses.passedRate === null ? undefined : html`the urge passed in ${count('pauses.passed', r.pauses.passed)} of them`;
  const done = html`<section data-part="done"><h3>What you did with them</h3><ul class="tiles">
${tile(noun(r.counts.pause, 'pause', 'pauses'), count('counts.pause', r.counts.pause), passed)}
${tile(noun(r.counts.reflection, 'reflection', 'reflections'), count('counts.reflection', r.counts.reflection))}
</ul></section>`;
  // Nothing logged: the page already says so in words, and tiles of zeros would only repeat it.
  const quiet = r.counts.trigger + r.counts.pause + r.counts.reflection === 0;
  // A glimmer is an offer, never a duty: a week without one shows no card saying so.
  const glimmers = r.glimmers.count > 0;
  if (quiet && !glimmers) return html``;
  return html`<div class="beside">${quiet ? '' : [hard, done]}${glimmers ? glimmerCard(r.glimmers, words) : ''}</div>`;
}

function glimmerCard(g: Glimmers, words: Words): Markup {
  const most = [...g.kinds, ...g.who].reduce((top, named) => Math.max(top, named.count), 1);
  return html`<section data-part="glimmers"><h3>Glimmers</h3>
<ul class="tiles">${tile(noun(g.count, 'glimmer noted', 'glimmers noted'), count('glimmers.count', g.count))}</ul>
${
  g.kinds.length
    ? barTable(
        'What they were',
        g.kinds.map((k, i) => ({ label: words('glimmerKinds', k.name), count: k.count, key: `glimmers.kinds.${i}.count` })),
        most,
      )
    : ''
}
${
  g.who.length
    ? barTable(
        'With whom',
        g.who.map((w, i) => ({ label: words('who', w.name), count: w.count, key: `glimmers.who.${i}.count` })),
        most,
      )
    : ''
}
</section>`;
}
