import type { Labeller, ReportData } from '../../analysis/report.js';
import { tip } from './figure.js';
import { html, type Markup, n, type Part, plural } from './markup.js';
import { count } from './numbers.js';

/*
 * Lists of things with how often, as a real table with a bar in each row: the
 * words stay text (long own words wrap instead of being cut), the number is
 * beside its bar, and a screen reader reads the rows as they are.
 */

export interface BarRow {
  label: string;
  count: number;
  /** Its place in the JSON, for the number's data-k. */
  key: string;
  /** A cell after the count, such as a mean intensity. */
  extra?: Part;
}

function bar(value: number, of: number, words: string): Markup {
  const width = of > 0 ? Math.max(1.5, (100 * value) / of) : 0;
  return html`<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">\
${tip(`${words}: ${value} of ${of}`)}<rect class="track" width="100" height="10" rx="2"/>\
<rect width="${n(width)}" height="10" rx="2"/></svg>`;
}

/** `of`: the count a full bar stands for (the most frequent row, or the whole the rows are part of). */
export function barTable(caption: Part, rows: readonly BarRow[], of: number): Markup {
  return html`<table class="bars"><caption>${caption}</caption>
<tbody>${rows.map(
    (row) => html`<tr><th scope="row">${row.label}</th><td>${bar(row.count, of, row.label)}</td>\
<td class="n">${count(row.key, row.count)}×</td>\
${row.extra === undefined ? '' : html`<td class="n">${row.extra}</td>`}</tr>\n`,
  )}</tbody></table>`;
}

/** For each protest behaviour, the triggers recorded on the same moments: what tends to come before it. */
export function protestFigure(r: ReportData, label: Labeller): Markup | null {
  if (r.protest.length === 0) return null;
  const groups = r.protest.map((p, i) =>
    barTable(
      html`${label('protest', p.name)}: ${count(`protest.${i}.count`, p.count)} ${p.count === 1 ? 'time' : 'times'}\
${p.after.length ? ', after' : ''}`,
      p.after.map((a, j) => ({ label: label('triggers', a.trigger), count: a.count, key: `protest.${i}.after.${j}.count` })),
      p.count,
    ),
  );
  const [first] = r.protest;
  const firstAfter = first?.after[0];
  const sentence = firstAfter
    ? `${label('protest', first.name)} came up ${plural(first.count, 'time')}, most often after ` +
      `"${label('triggers', firstAfter.trigger).toLowerCase()}" (${firstAfter.count} of ${first.count}).`
    : 'The protest behaviours you named, and what set each one off.';
  return html`<figure class="chart" data-chart="protest">
<figcaption><h3>What came before each protest behaviour</h3><p>${sentence} A full bar means every time.</p></figcaption>
${groups}
</figure>
`;
}
