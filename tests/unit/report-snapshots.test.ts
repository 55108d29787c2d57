import { describe, expect, it } from 'vitest';
import { buildReport, type Labeller } from '../../src/analysis/report.js';
import { type CatalogueName, loadCatalogues } from '../../src/catalogue/catalogue.js';
import type { Entry } from '../../src/journal/types.js';
import { renderMarkdown } from '../../src/render/report-md.js';
import { renderText } from '../../src/render/report-text.js';
import { dayOf } from '../../src/time/calendar.js';
import { makeStyle } from '../../src/ui/style.js';
import * as make from '../helpers/entries.js';

/*
 * One fixed journal rendered three ways. The snapshots are the review: a
 * change in wording or layout shows up here as a diff to read.
 */

const catalogues = loadCatalogues();
const label: Labeller = (kind, name) => catalogues[kind as CatalogueName].find((i) => i.id === name)?.label ?? name;

function journal(): Entry[] {
  const entries: Entry[] = [];
  const id = () => `fixed-${String(entries.length + 1).padStart(3, '0')}`;
  const trigger = (at: string, intensity: number, triggers: string[], urges: string[], protest: string[] = [], body: string[] = []) =>
    entries.push(make.trigger({ id: id(), at, recordedAt: at, what: 'moment', who: 'partner', triggers, intensity, body, urges, protest }));
  // Eight weeks ending Sunday 22 November 2026: Sunday evenings in 6 of them.
  for (let w = 0; w < 8; w++) {
    const day = (offset: number) => new Date(Date.UTC(2026, 10, 22 - 7 * w + offset)).toISOString().slice(0, 10);
    if (w !== 1 && w !== 4)
      trigger(`${day(0)}T20:15:00-08:00`, 8, ['delayed-reply'], ['double-text', 'ask-reassurance'], ['excessive-contact'], ['tight-chest']);
    trigger(
      `${day(-((w * 2) % 6) - 1)}T${String(8 + ((w * 5) % 14)).padStart(2, '0')}:30:00-08:00`,
      4,
      [w % 2 ? 'plans-changed' : 'work-distant'],
      ['overwork'],
    );
  }
  entries.push(
    make.pause({
      id: id(),
      at: '2026-11-22T20:30:00-08:00',
      recordedAt: '2026-11-22T20:51:00-08:00',
      for: 'fixed-001',
      urge: 'double-text',
      before: 8,
      after: 4,
      passed: true,
      activities: ['breathe', 'walk'],
      next: 'wait',
    }),
  );
  entries.push(
    make.reflection({
      id: id(),
      at: '2026-11-21T10:00:00-08:00',
      recordedAt: '2026-11-21T10:00:00-08:00',
      protest: ['excessive-contact'],
      needs: ['reassurance', 'were-okay'],
      felt: 'insecure',
    }),
  );
  return entries;
}

const week = { from: dayOf('2026-11-16'), to: dayOf('2026-11-22') };

describe('report renderers', () => {
  const data = buildReport(journal(), week, 8, label);
  it('text, without colour', () => {
    expect(renderText(data, label, makeStyle(0))).toMatchSnapshot();
  });
  it('Markdown', () => {
    expect(renderMarkdown(data, label)).toMatchSnapshot();
  });
  it('JSON (attach.report/1)', () => {
    expect(JSON.stringify(data, null, 2)).toMatchSnapshot();
  });
  it('the empty report', () => {
    const empty = buildReport([], week, 8, label);
    expect(renderText(empty, label, makeStyle(0))).toMatchSnapshot();
    expect(renderMarkdown(empty, label)).toMatchSnapshot();
  });
});
