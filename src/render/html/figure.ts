import { html, type Markup, n, type Part } from './markup.js';

/*
 * A chart is a <figure>: a heading and a sentence that say what it shows, the
 * drawing (named by both, for screen readers), and a table of the same
 * numbers, printed and read aloud but out of sight on screen.
 */

export interface FigureParts {
  /** Unique on the page; also the figure's data-chart (the browser test looks charts up by it). */
  id: string;
  title: string;
  sentence: Part;
  svg: Markup;
  legend?: Part;
  table?: Markup;
  /** A drawing wider than a phone scrolls sideways instead of shrinking its text away. */
  scroll?: boolean;
}

export function figure(p: FigureParts): Markup {
  const drawing = p.scroll ? html`<div class="scroll">${p.svg}</div>` : p.svg;
  return html`<figure class="chart" data-chart="${p.id}">
<figcaption><h3 id="${p.id}-t">${p.title}</h3><p id="${p.id}-d">${p.sentence}</p></figcaption>
${drawing}
${p.legend === undefined ? '' : html`<p class="legend">${p.legend}</p>`}
${p.table ?? ''}
</figure>
`;
}

/** The <svg> of figure `id`: drawn at `width` x `height`, never wider than that, smaller on a narrow screen. */
export function svg(id: string, width: number, height: number, body: Part): Markup {
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" \
style="max-width:${n(width)}px" role="img" aria-labelledby="${id}-t ${id}-d">${body}</svg>`;
}

/** A table of a chart's numbers; the first cell of each row is its heading. */
export function numbersTable(caption: string, head: readonly string[], rows: readonly (readonly Part[])[]): Markup {
  return html`<div class="numbers"><table><caption>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>\n`)}</tbody>
</table></div>`;
}

/** <title> of a shape: what a pointer hovering over it shows. */
export function tip(text: string): Markup {
  return html`<title>${text}</title>`;
}
