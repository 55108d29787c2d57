/*
 * The page's one stylesheet, inline (the CSP allows inline styles and nothing
 * else). One hue for every shade, so the charts read the same under the
 * common colour-vision deficiencies; the outline colour is orange against
 * that blue, and every shade also carries its number. Light and dark follow
 * the system; print is always light and fits A4 and Letter alike (A4 is the
 * narrower page, Letter the shorter).
 */
export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #fbfaf8; --fg: #1d2126; --muted: #5a616b; --rule: #d9dce1; --card: #ffffff;
  --heat: #1c5aa6; --empty: #eceef2; --on-heat: #ffffff; --accent: #b45309;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --fg: #e7e8ea; --muted: #a7adb6; --rule: #3a3f47; --card: #1d2024;
    --heat: #8cc0ff; --empty: #262a30; --on-heat: #0c0e11; --accent: #ffad5c;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 3rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .6rem; padding-top: .8rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 0 0 .2rem; }
p { margin: .4rem 0; }
.muted, figcaption p, .legend { color: var(--muted); }
.lede { font-size: 1.05rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr)); gap: .6rem; margin: .6rem 0; padding: 0; }
.tiles li { list-style: none; background: var(--card); border: 1px solid var(--rule); border-radius: .5rem; padding: .6rem .8rem; }
.tiles .big { display: block; font-size: 1.5rem; font-weight: 600; }
.patterns li { margin: .3rem 0; }
figure.chart { margin: 1.2rem 0; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; margin: .5rem 0; }
.scroll { overflow-x: auto; }
.scroll svg { width: auto !important; max-width: none; }
svg text { fill: var(--fg); font-size: 12px; font-family: inherit; }
svg .muted { fill: var(--muted); }
svg .on { fill: var(--on-heat); }
svg .cell { fill: var(--heat); }
svg .empty { fill: var(--empty); }
svg .grid { stroke: var(--rule); stroke-width: 1; }
svg .line { stroke: var(--heat); fill: none; stroke-width: 2.5; stroke-linecap: round; stroke-linejoin: round; }
svg .dot { fill: var(--heat); }
svg .col { fill: var(--heat); fill-opacity: .18; }
svg .pattern { fill: none; stroke: var(--accent); stroke-width: 3; }
svg .mark { stroke: var(--accent); stroke-width: 2.5; fill: none; stroke-dasharray: 6 4; }
svg .mark-dot { fill: var(--accent); }
.key { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; border-radius: .15em; }
.key-pattern { border: 3px solid var(--accent); }
.key-mark { border-top: 3px dashed var(--accent); height: 0; width: 1.4em; vertical-align: .25em; border-radius: 0; }
table.bars { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
table.bars caption { text-align: left; font-weight: 600; padding: .2rem 0; }
table.bars th, table.bars td { padding: .2rem .4rem .2rem 0; vertical-align: middle; text-align: left; }
table.bars th { font-weight: normal; width: 42%; }
table.bars td.n { text-align: right; width: 4.5rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.bars svg { display: block; width: 100%; height: .8rem; }
table.bars rect { fill: var(--heat); }
table.bars rect.track { fill: var(--empty); }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0 1.5rem; }
.multiples figure.chart { margin: .8rem 0; }
.beside { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
.beside > section { background: var(--card); border: 1px solid var(--rule); border-radius: .5rem; padding: .8rem 1rem; }
.idea { background: var(--card); border-left: 4px solid var(--heat); padding: .6rem 1rem; border-radius: .25rem; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); font-size: .9rem; }
/* The tables behind the charts: read by screen readers, printed, out of sight on screen. */
.numbers { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.numbers table { border-collapse: collapse; }
.numbers th, .numbers td { padding: .1rem .6rem .1rem 0; text-align: left; font-weight: normal; }
.numbers thead th { font-weight: 600; }
@media (max-width: 30rem) {
  body { padding: 1rem .75rem 2rem; font-size: 15px; }
  h1 { font-size: 1.35rem; }
  /* A row of a bar table becomes the words on one line, the bar and the number under them. */
  table.bars tr { display: grid; grid-template-columns: 1fr auto auto; align-items: center; column-gap: .5rem; margin-bottom: .3rem; }
  table.bars th { grid-column: 1 / -1; width: auto; padding-bottom: 0; }
  table.bars td.n { width: auto; }
}
@page { margin: 15mm 14mm; }
@media print {
  :root {
    color-scheme: light;
    --bg: #fff; --fg: #000; --muted: #333; --rule: #bbb; --card: #fff;
    --heat: #1c5aa6; --empty: #eee; --on-heat: #fff; --accent: #b45309;
  }
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  h2 { break-after: avoid; }
  figure.chart, table.bars, .beside > section { break-inside: avoid; }
  /* On paper the numbers sit beside their chart rather than under it: half the pages. */
  figure.chart { display: grid; grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); column-gap: 8mm; align-items: start; }
  figure.chart > figcaption { grid-column: 1 / -1; }
  figure.chart > svg, figure.chart > .scroll, figure.chart > .legend { grid-column: 1; }
  figure.chart > .numbers { grid-column: 2; grid-row: 2 / span 2; }
  figure.chart > table.bars { grid-column: 1 / -1; }
  figure.chart svg { max-width: 100%; }
  .scroll { overflow: visible; }
  .scroll svg { width: 100% !important; }
  .numbers {
    position: static; width: auto; height: auto; overflow: visible; clip: auto; clip-path: none; white-space: normal;
    font-size: 9pt; margin: .3rem 0 .8rem;
  }
  .numbers caption { text-align: left; font-weight: 600; }
  .numbers table { overflow-wrap: normal; }
  /* A table of five columns or more needs the page's width: under its chart, not beside it. */
  figure.chart:has(.numbers th:nth-child(5)) > .numbers { grid-column: 1 / -1; grid-row: auto; }
  footer { break-before: avoid; break-inside: avoid; margin-top: 1.5rem; }
}
`;
