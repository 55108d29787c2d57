import { describe, expect, it } from 'vitest';
import { buildReport, type Labeller } from '../../src/analysis/report.js';
import { type CatalogueName, loadCatalogues } from '../../src/catalogue/catalogue.js';
import type { Entry } from '../../src/journal/types.js';
import { esc, html } from '../../src/render/html/markup.js';
import { POLICY } from '../../src/render/html/page.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { CRISIS_LINES, SCOPE } from '../../src/render/safety.js';
import { dayOf } from '../../src/time/calendar.js';
import { HOSTILE, hostileJournal, richJournal } from '../helpers/report-journals.js';

const catalogues = loadCatalogues();
const label: Labeller = (kind, name) => catalogues[kind as CatalogueName].find((i) => i.id === name)?.label ?? name;
const week = { from: dayOf('2026-11-16'), to: dayOf('2026-11-22') };
const render = (entries: unknown[], period = week, lookback = 8) => {
  const data = buildReport(entries as Entry[], period, lookback, label);
  return { data, page: renderReportHtml(data, label) };
};

describe('escaping', () => {
  it('turns every markup character of a value into text, in elements and in attributes', () => {
    const value = `<script>alert(1)</script>"><img src=x onerror=alert(1)>'`;
    const out = html`<p title="${value}">${value}</p>`.text;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;">' +
        '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;</p>',
    );
  });

  it('keeps markup made by the tag as markup, and flattens lists and skips empty parts', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${[inner, null, undefined, false, 0, ' ', 'x']}</p>`.text).toBe('<p><b>a&amp;b</b>0 x</p>');
  });

  it('shows control characters and bidi overrides instead of passing them on', () => {
    expect(esc('\u001b[31mred\u202eevil\u2066')).toBe('\\x1b[31mred\\u202eevil\\u2066');
    expect(esc('café 🌙 עברית')).toBe('café 🌙 עברית');
  });
});

describe('renderReportHtml', () => {
  it('is one self-contained page: the policy first in <head>, no script, no external address', () => {
    const { page } = render(richJournal());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    const head = page.slice(page.indexOf('<head>'), page.indexOf('</head>'));
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<title>'));
    expect(head).toContain(`content="${esc(POLICY)}"`);
    expect(POLICY).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // The one URL allowed is the SVG namespace, an identifier the browser never fetches.
    expect(page.match(/https?:\/\/[^"'\s<]+/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('opens with the words of the text report: how strong "on average N of 10", not "mean intensity"', () => {
    const { data, page } = render(richJournal());
    const lede = /<p class="lede">([^<]*)<\/p>/.exec(page)?.[1] ?? '';
    expect(lede).toContain(`on average ${data.intensity.mean!.toFixed(1)} of 10`);
    expect(lede).not.toContain('mean intensity');
  });

  it('carries the safety note of VOICE.md', () => {
    const { page } = render([]);
    expect(page).toContain(SCOPE);
    expect(page).toContain(esc(CRISIS_LINES.join(' ')));
  });

  it('escapes every hostile word a person could write, wherever it lands', () => {
    const { page } = render(hostileJournal());
    expect(page).not.toMatch(/<script|<img|<svg onload|<iframe|<a href|<\/style><|<\/title><iframe/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('\u001b');
    expect(page).not.toContain('\u202e');
    // Each hostile trigger also reached a tooltip, escaped there too.
    for (const words of HOSTILE.slice(0, 2)) expect(page).toContain(`<title>${esc(words)}: `);
  });

  it('puts every number of the JSON it draws on the page, readable back by data-k', () => {
    const { data, page } = render(richJournal());
    const found = new Map([...page.matchAll(/data-k="([^"]+)"(?: data-d="1")? value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const at = (key: string) => key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data);
    expect(found.size).toBeGreaterThan(100);
    for (const [key, value] of found) expect(JSON.stringify(at(key!)), key).toBe(value!.replace(/&quot;/g, '"'));
  });

  it('says a quiet stretch is fine, and draws only what has data', () => {
    const { page } = render([]);
    expect(page).toContain('a quiet stretch is not a failure');
    expect([...page.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1])).toEqual(['calendar']);
  });

  it('draws a long stretch as a strip a year, its numbers a month a row', () => {
    const { data, page } = render(richJournal(), { from: dayOf('2024-01-01'), to: dayOf('2026-11-22') });
    expect(data.daily.length).toBeGreaterThan(1000);
    for (const year of ['2024', '2025', '2026']) expect(page).toContain(`style="font-weight:600">${year}</text>`);
    expect(page).toContain('Each month, 1 Jan 2024 – 22 Nov 2026');
    expect(page).toContain('<th scope="row">Nov 2026</th><td>');
  });

  it('lists each pause in its table, and past 60 groups them by their ratings', () => {
    const pause = (i: number) => ({
      ...richJournal().find((e) => e.type === 'pause'),
      id: `p-${i}`,
      at: `2026-11-${String(16 + (i % 7)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00-08:00`,
      before: 8,
      after: i % 2 ? 3 : 5,
    });
    const few = render(Array.from({ length: 3 }, (_, i) => pause(i))).page;
    expect(few).toContain('<caption>Each pause</caption>');
    const many = render(Array.from({ length: 61 }, (_, i) => pause(i))).page;
    expect(many).toContain('<caption>Pauses by their ratings before and after</caption>');
    expect(many).toContain('<tr><th scope="row">8</th><td>3</td><td>30</td></tr>');
    expect(many).toContain('<tr><th scope="row">8</th><td>5</td><td>31</td></tr>');
  });

  it('has a place for glimmers beside the hard moments, filled once the report gives them', () => {
    const { data } = render(richJournal());
    expect(renderReportHtml(data, label)).not.toContain('data-part="glimmers"');
    const glimmers = { count: 3, kinds: [{ name: 'felt-close', count: 2 }], who: [{ name: '<b>Sam</b>', count: 3 }] };
    const page = renderReportHtml({ ...data, glimmers }, label);
    const beside = page.slice(page.indexOf('<div class="beside">'), page.indexOf('</div>', page.indexOf('<div class="beside">')));
    expect(beside).toContain('data-part="hard"');
    expect(beside).toContain('data-part="glimmers"');
    expect(beside).toContain('data-k="glimmers.count" value="3"');
    expect(beside).toContain('&lt;b&gt;Sam&lt;/b&gt;');
  });
});
