import { describe, expect, it } from 'vitest';
import { esc } from '../../src/render/html/markup.js';
import { MEASURES, renderProgressHtml } from '../../src/render/progress-html.js';
import { CRISIS_LINES } from '../../src/render/safety.js';
import { progressSample } from '../helpers/report-journals.js';

const charts = (page: string) => [...page.matchAll(/<figure class="chart" data-chart="([^"]+)"/g)].map((m) => m[1]);

describe('renderProgressHtml', () => {
  it('draws each measure with data month by month, and names the ones with nothing yet', () => {
    const page = renderProgressHtml(progressSample());
    expect(charts(page)).toEqual(
      MEASURES.map(([m]) => `measure-${m}`).filter((id) => !['measure-asksMade', 'measure-asksLanded'].includes(id)),
    );
    expect(page).toContain('Nothing recorded yet for: direct asks made; asks that landed.');
    expect(page).toContain('How things have changed: Jun 2026 – Nov 2026');
    expect(page).toContain('Nov 2026 (so far)');
  });

  it('marks each claimed change on its own chart, whether it names values or months', () => {
    const page = renderProgressHtml(progressSample());
    const chart = (id: string) =>
      page.slice(page.indexOf(`data-chart="${id}"`), page.indexOf('</figure>', page.indexOf(`data-chart="${id}"`)));
    expect(chart('measure-strong')).toContain('<line class="mark"');
    expect(chart('measure-strong')).toContain('<strong>Strong moments came less often: about 10 in June, 4 in November.</strong>');
    expect(chart('measure-pausedAfterStrong')).toContain('<line class="mark"');
    expect(chart('measure-moments')).not.toContain('class="mark"');
    expect(chart('measure-moments')).toContain('No clear change.');
    expect(page.match(/<line class="mark"/g)).toHaveLength(2);
  });

  it('says "no clear change yet" as a fine answer when nothing passed the test', () => {
    const page = renderProgressHtml({ ...progressSample(), changes: [] });
    expect(page).toContain('No clear change yet. That is a fine thing to read');
    expect(page).not.toContain('class="mark"');
  });

  it('carries every month of every measure, exactly, by data-k; the policy and the safety note', () => {
    const data = progressSample();
    const page = renderProgressHtml(data);
    const found = [...page.matchAll(/data-k="months\.(\d+)\.(\w+)"(?: data-d="1")? value="([^"]*)"/g)];
    expect(found).toHaveLength(data.months.length * MEASURES.length);
    for (const [, i, measure, value] of found)
      expect(JSON.stringify((data.months[Number(i)] as Record<string, unknown>)[measure!])).toBe(value);
    expect(page).toContain('Content-Security-Policy');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(esc(CRISIS_LINES.join(' ')));
  });

  it('draws no months calmly', () => {
    const page = renderProgressHtml({ schema: 'attach.progress/1', months: [], changes: [] });
    expect(charts(page)).toEqual([]);
    expect(page).toContain('No clear change yet');
  });
});
