import type { Labeller, ReportData } from '../analysis/report.js';
import { barTable, protestFigure } from './html/bars.js';
import { calendarFigure } from './html/calendar.js';
import { glance } from './html/glance.js';
import { heatmapFigure } from './html/heatmap.js';
import { html, type Markup, one, plural } from './html/markup.js';
import { count, mean } from './html/numbers.js';
import { page } from './html/page.js';
import { pausesFigure } from './html/pauses.js';
import { weeklyFigure } from './html/weekly.js';
import { maxOf } from './max.js';
import { loopSections } from './report-loop.js';
import { changeWords, quietLine, reportPeriodWords } from './report-text.js';

/*
 * attach.report/1 as one self-contained page: the same value the text, the
 * Markdown and the JSON are drawn from, so the numbers cannot disagree. The
 * charts are SVG drawn here, so the page needs no script to be seen.
 */

function section(title: string, body: readonly (Markup | null | '')[]): Markup | '' {
  return body.some(Boolean) ? html`<section><h2>${title}</h2>\n${body}</section>\n` : '';
}

function lede(r: ReportData): Markup {
  const quiet = quietLine(r);
  if (quiet && r.followUps.count + r.glimmers.count > 0) return html`<p class="lede">${quiet}</p>`;
  if (quiet)
    return html`<p class="lede">${quiet}</p>
<p>When something stirs you up, <code>attach log</code> keeps it, and the next report will have something to show.</p>`;
  const strength =
    r.intensity.mean === null
      ? ''
      : `, on average ${one(r.intensity.mean)} of 10${changeWords(r.intensity.mean, r.intensity.previousMean, r.period.days)}`;
  return html`<p class="lede">${plural(r.counts.trigger, 'moment')} logged${strength}; ${plural(r.counts.pause, 'pause')}; \
${plural(r.counts.reflection, 'reflection')}.</p>`;
}

export function renderReportHtml(r: ReportData, label: Labeller): string {
  const span = reportPeriodWords(r.period);
  const weeks = r.lookback.weeksObserved;
  const loop = loopSections(r, label);
  const mostTriggers = maxOf(
    r.triggers.map((t) => t.count),
    1,
  );
  const body = html`<header>
<h1>Your report: ${span}</h1>
${lede(r)}
</header>
${glance(r, label)}
${section(`What keeps coming back (over the last ${plural(weeks, 'week')})`, [
  r.patterns.length ? html`<ul class="patterns">${r.patterns.map((p) => html`<li>${p.text}</li>`)}</ul>` : null,
  r.heatmap.flat().some((c) => c > 0) ? heatmapFigure(r) : null,
  weeklyFigure(r),
])}
${section('Day by day', [calendarFigure(r)])}
${section('What set things off', [
  r.triggers.length
    ? barTable(
        'Triggers',
        r.triggers.map((t, i) => ({
          label: label('triggers', t.name),
          count: t.count,
          key: `triggers.${i}.count`,
          extra: html`intensity ${mean(`triggers.${i}.meanIntensity`, t.meanIntensity)}`,
        })),
        mostTriggers,
      )
    : null,
  r.body.length ? namedBars('Where it lived in the body', 'body', r.body, label) : null,
  r.urges.length ? namedBars('What the alarm pushed you to do', 'urges', r.urges, label) : null,
])}
${section('Protest behaviours', [protestFigure(r, label)])}
${section('Pauses', [
  pausesFigure(r),
  r.pauses.helped.length
    ? barTable(
        'What helped when the urge passed',
        r.pauses.helped.map((h, i) => ({ label: label('activities', h.name), count: h.count, key: `pauses.helped.${i}.count` })),
        Math.max(1, r.pauses.passed),
      )
    : null,
])}
${section('Reflections', [
  r.reflections.count
    ? html`<p>${count('reflections.count', r.reflections.count)} ${r.reflections.count === 1 ? 'reflection' : 'reflections'} \
in these days.</p>`
    : null,
  r.reflections.needs.length ? namedBars('The needs underneath', 'needs', r.reflections.needs, label, 'reflections.needs') : null,
])}
${section(
  'Looking back',
  loopSections(r, label).lookingBack.map((text) => html`<p>${text}</p>`),
)}
${section(
  'Who you turned to',
  loopSections(r, label).support.map((text) => html`<p>${text}</p>`),
)}
${r.suggestion ? html`<section><h2>One idea</h2><p class="idea">${r.suggestion}</p></section>` : ''}
${loop.waiting ? html`<p class="muted">${loop.waiting}</p>` : ''}`;
  return page(`attach report: ${span}`, body);
}

function namedBars(
  caption: string,
  kind: 'body' | 'urges' | 'needs',
  list: readonly { name: string; count: number }[],
  label: Labeller,
  key: string = kind,
): Markup {
  const most = maxOf(
    list.map((x) => x.count),
    1,
  );
  return barTable(
    caption,
    list.map((x, i) => ({ label: label(kind, x.name), count: x.count, key: `${key}.${i}.count` })),
    most,
  );
}
