import { describe, expect, it } from 'vitest';
import { buildReport, type Labeller, type ReportData } from '../../src/analysis/report.js';
import { type CatalogueName, loadCatalogues } from '../../src/catalogue/catalogue.js';
import type { Entry } from '../../src/journal/types.js';
import { renderText } from '../../src/render/report-text.js';
import { dayOf } from '../../src/time/calendar.js';
import { makeStyle } from '../../src/ui/style.js';
import { richJournal, screenJournal } from '../helpers/report-journals.js';

/*
 * The report's text says nothing its own JSON does not: every number in the
 * text is read back from the sentence or row it is in and compared with the
 * field it stands for. Rendered wide, so that no sentence is broken.
 */

const catalogues = loadCatalogues();
const label: Labeller = (kind, name) => catalogues[kind as CatalogueName].find((i) => i.id === name)?.label ?? name;
const one = (value: number | null) => (value === null ? null : value.toFixed(1));

function report(entries: unknown[], from: string, to: string): { r: ReportData; text: string } {
  const r = buildReport(entries as Entry[], { from: dayOf(from), to: dayOf(to) }, 8, label);
  return { r, text: renderText(r, label, makeStyle(0), 1000, { why: true }) };
}

/** Every number in a line, in order. */
const numbers = (line: string) => [...line.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

function agrees(r: ReportData, text: string): void {
  const lines = text.split('\n');
  // The first line after the title: moments, their mean, the period before; pauses and reflections.
  const summary = lines[1]!;
  const [moments, mean, ...rest] = numbers(summary);
  expect(Number(moments)).toBe(r.counts.trigger);
  if (r.intensity.mean !== null) {
    expect(mean).toBe(one(r.intensity.mean));
    expect(summary).toContain(`${one(r.intensity.mean)} of 10`);
    if (r.intensity.previousMean !== null && Math.abs(r.intensity.mean - r.intensity.previousMean) >= 0.05)
      expect(summary).toContain(`(${one(r.intensity.previousMean)})`);
  }
  if (r.counts.pause) expect(rest).toContain(String(r.counts.pause));
  if (r.counts.reflection) expect(rest).toContain(String(r.counts.reflection));

  const rows = (heading: string) => section(text, heading).map((line) => line.trim());
  for (const [i, t] of r.triggers.entries()) {
    const row = rows('What set things off')[i]!;
    expect(row.startsWith(label('triggers', t.name))).toBe(true);
    expect(row).toMatch(new RegExp(`\\s${t.count}×\\s+${one(t.meanIntensity)} of 10$`));
  }
  for (const [heading, list, kind] of [
    ['Where it lived in the body', r.body, 'body'],
    ['What the alarm pushed you to do', r.urges, 'urges'],
  ] as const) {
    for (const [i, item] of list.entries()) {
      expect(rows(heading)[i]).toMatch(new RegExp(`^${literal(label(kind, item.name))}\\s+${item.count}×$`));
    }
  }
  const protest = rows('Protest behaviours');
  let at = 0;
  for (const p of r.protest) {
    expect(protest[at++]).toMatch(new RegExp(`^${literal(label('protest', p.name))}\\s+${p.count}×$`));
    if (p.after.length) expect(numbers(protest[at++]!)).toEqual(p.after.map((a) => String(a.count)));
  }
  if (r.pauses.count) {
    const [counts, ratings, helped] = rows('Pauses');
    const p = r.pauses;
    const said = numbers(counts!);
    expect(said.slice(0, 2)).toEqual([String(p.count), String(p.completed)]);
    if (p.passedRate !== null) {
      expect(said.slice(2)).toEqual(p.answered === p.count ? [String(p.passed), String(p.count)] : [String(p.passed), String(p.answered)]);
      expect(counts).toContain(p.answered === p.count ? '' : 'you answered');
    }
    if (p.meanBefore !== null) {
      const [before, ten, after, rated] = numbers(ratings!);
      expect([before, ten, after]).toEqual([one(p.meanBefore), '10', one(p.meanAfter)]);
      expect(rated).toBe(p.rated === p.count ? undefined : String(p.rated));
      // The same pauses: what the text says before and after is the drop the JSON has.
      expect(Math.abs(p.meanBefore - p.meanAfter! - p.meanDrop!)).toBeLessThan(0.011);
    }
    if (p.helped.length) expect(helped).toMatch(/^What helped: /);
  }
  if (r.reflections.count) {
    const [line] = rows('Reflections');
    const counts = r.reflections.needs.every((n) => n.count === 1) ? [] : r.reflections.needs.map((n) => String(n.count));
    expect(numbers(line!)).toEqual([String(r.reflections.count), ...counts]);
  }
  for (const p of r.patterns) {
    const [sentence, evidence] = rows('What keeps coming back');
    expect(sentence).toBe(p.text);
    expect(numbers(sentence!).slice(0, 2)).toEqual([String(p.weeks), String(p.weeksObserved)]);
    expect(numbers(evidence!).filter((n) => Number(n) <= 31)).toEqual(p.seenOn.map((iso) => String(Number(iso.slice(8, 10)))));
  }
  const heat = rows('When moments came').slice(1, 8);
  r.heatmap.forEach((counts, day) => {
    expect(numbers(heat[day]!)).toEqual(counts.filter((n) => n > 0).map(String));
  });
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the report text against its own JSON', () => {
  it.each([
    ['the week of the patterns', '2026-11-16', '2026-11-22'],
    ['a week ending on a Saturday', '2026-11-15', '2026-11-21'],
    ['two months', '2026-10-01', '2026-11-22'],
    ['a single day', '2026-11-22', '2026-11-22'],
  ])('agrees on every number: %s', (_name, from, to) => {
    for (const entries of [richJournal(), screenJournal()]) {
      const { r, text } = report(entries, from, to);
      agrees(r, text);
    }
  });

  it('says "of the 3 you answered" when a pause was left unanswered, and before and after over the same pauses', () => {
    const { r, text } = report(richJournal(), '2026-11-16', '2026-11-22');
    expect(r.pauses).toMatchObject({ count: 5, answered: 4, rated: 4, passed: 3, meanBefore: 7, meanAfter: 4, meanDrop: 3 });
    expect(text).toContain('The urge passed in 3 of the 4 you answered.');
    expect(text).toContain('On average 7.0 of 10 before and 4.0 after, in the 4 you rated afterwards.');
  });

  it('says "the day before" for a day, and "the needs you named" when each came once', () => {
    const { text } = report(richJournal(), '2026-11-19', '2026-11-19');
    expect(text).not.toContain('the 1 days before');
    expect(text).toMatch(/than the day before|as the day before/);
    expect(text).toContain('the needs you named: reassurance.');
  });
});
