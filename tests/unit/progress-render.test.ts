import { describe, expect, it } from 'vitest';
import { buildProgress, type MeasureTest, type MonthFigures, type ProgressData } from '../../src/analysis/progress.js';
import type { Entry } from '../../src/journal/types.js';
import { escapeMarkdown, renderProgressMarkdown } from '../../src/render/progress-md.js';
import { renderProgressText } from '../../src/render/progress-text.js';
import { makeStyle } from '../../src/ui/style.js';
import { trigger } from '../helpers/entries.js';

const figures = (month: string, more: Partial<MonthFigures>): MonthFigures => ({
  month,
  days: 30,
  daysInMonth: 30,
  underway: false,
  littleData: false,
  moments: 0,
  meanIntensity: null,
  strong: 0,
  pausedAfterStrong: 0,
  pauses: 0,
  urgePassed: 0,
  urgeAnswered: 0,
  acted: 0,
  actedAnswered: 0,
  protest: 0,
  followUps: 0,
  fearCameTrue: 0,
  fearAnswered: 0,
  asksMade: 0,
  asksLanded: 0,
  landedAnswered: 0,
  glimmers: 0,
  ...more,
});

const untested = (measure: MeasureTest['measure'], n = 0): MeasureTest => ({
  measure,
  test: 'least-squares',
  n,
  enough: false,
  z: null,
  p: null,
  pAdjusted: null,
});

/** Three months of a journal begun on 12 September: October thin, November under way, and one change. */
const data: ProgressData = {
  schema: 'attach.progress/1',
  range: { from: '2026-09', to: '2026-11', months: 3, since: '2026-09-12' },
  months: [
    figures('2026-09', { days: 19, moments: 14, meanIntensity: 7.14, strong: 9, pausedAfterStrong: 1, glimmers: 2 }),
    figures('2026-10', { days: 31, daysInMonth: 31, moments: 2, meanIntensity: 6, strong: 1, pausedAfterStrong: 1, littleData: true }),
    figures('2026-11', { days: 14, underway: true, moments: 9, meanIntensity: 4.61, strong: 3, pausedAfterStrong: 2, glimmers: 5 }),
  ],
  changes: [
    {
      measure: 'strong',
      from: 10.2,
      to: 4.1,
      fromMonth: '2026-09',
      toMonth: '2026-11',
      direction: 'down',
      text: 'Strong moments (7 or more) came less often: about 10 a month in September, 4 a month in November.',
    },
  ],
  tests: [
    { measure: 'strong', test: 'permutation', n: 13, enough: true, z: -3.1, p: 0.002, pAdjusted: 0.01 },
    untested('acted', 6),
    untested('asksLanded'),
  ],
};

describe('attach progress as text', () => {
  it('at 40 columns: the change, the table in two parts that each fit, and notes on what the months can say', () => {
    expect(renderProgressText(data, 40)).toMatchInlineSnapshot(`
      "Change over months: September – November
      2026

      Strong moments (7 or more) came less
      often: about 10 a month in September, 4
      a month in November.

                 moments  mean  strong  paused
      Sep 2026        14   7.1       9     1/9
      Oct 2026         2   6.0       1     1/1
      Nov 2026*        9   4.6       3     2/3

                 glimmers  protest  pauses
      Sep 2026          2        0       0
      Oct 2026          0        0       0
      Nov 2026*         5        0       0

                 passed  acted  came true
      Sep 2026        –      –          –
      Oct 2026        –      –          –
      Nov 2026*       –      –          –

                 landed
      Sep 2026        –
      Oct 2026        –
      Nov 2026*       –

      moments: moments logged; mean: their
      mean intensity; strong: moments of 7 or
      more; paused: strong moments followed by
      a pause within 2 hours; glimmers:
      moments that felt safe, warm or
      connected; protest: moments with a
      protest behaviour; pauses: pauses taken;
      passed: pauses in which the urge passed;
      acted: pauses after which you acted on
      the urge, at least partly; came true:
      follow-ups where the feared story came
      true; landed: direct asks that landed.
      * November is still under way: its
        figures are so far.
      Your journal began on 12 September 2026,
      so September counts from then.
      Too little logged to read on its own:
      Oct 2026 (2 moments).
      Not enough entries yet to look for
      change in acting on the urge.
      "
    `);
  });

  it('never writes a line wider than the width it is given, at 40, 80 and 120 columns', () => {
    const real = buildProgress(journal(), { to: '2026-11', months: 6, now: '2026-11-14T20:00:00-08:00' });
    for (const p of [data, real]) {
      for (const width of [40, 80, 120]) {
        const lines = renderProgressText(p, width).split('\n');
        for (const line of lines) expect([...line].length, `"${line}" at ${width}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('shows more columns where there is room, the most telling first', () => {
    const head = (width: number) =>
      renderProgressText(data, width)
        .split('\n')
        .find((line) => line.trimStart().startsWith('moments'))!
        .trim()
        .split(/\s+/);
    expect(head(40)).toEqual(['moments', 'mean', 'strong', 'paused']);
    expect(head(80)).toEqual(['moments', 'mean', 'strong', 'paused', 'glimmers', 'protest', 'pauses', 'passed']);
    expect(head(120)).toEqual([
      'moments',
      'mean',
      'strong',
      'paused',
      'glimmers',
      'protest',
      'pauses',
      'passed',
      'acted',
      'came',
      'true',
      'landed',
    ]);
  });

  it('says there is no clear change yet when nothing passed, and too little yet when nothing could be tested', () => {
    const none = { ...data, changes: [] };
    expect(renderProgressText(none, 80)).toContain('No clear change yet.');
    const young = { ...data, changes: [], tests: data.tests.map((t) => ({ ...t, enough: false })) };
    const youngText = renderProgressText(young, 80).replace(/\n/g, ' ');
    expect(youngText).toContain('Too little logged yet to look for change over months: it takes about two months of entries.');
    // The start said once, under the table, where the first month counts from it.
    expect(youngText.match(/Your journal began on 12 September 2026/g)).toEqual(['Your journal began on 12 September 2026']);
    expect(youngText).toContain('Your journal began on 12 September 2026, so September counts from then.');
    const empty: ProgressData = { ...data, range: { ...data.range, since: null }, months: [], changes: [], tests: [] };
    expect(renderProgressText(empty, 80)).toBe(
      'Change over months: September – November 2026\n\n' +
        'Nothing logged in these months yet. When something stirs you up, attach log\nkeeps it.\n',
    );
  });

  it('is bold only when given a colour style', () => {
    expect(renderProgressText(data, 80, makeStyle(1))).toContain('\u001b[1mChange over months');
    expect(renderProgressText(data, 80, makeStyle(0))).not.toContain('\u001b');
  });
});

describe('attach progress as Markdown', () => {
  const md = renderProgressMarkdown(data);

  it('holds the changes as a list, every column in the table, and the notes', () => {
    expect(md).toContain('# Change over months: September – November 2026');
    expect(md).toContain('- Strong moments (7 or more) came less often: about 10 a month in September, 4 a month in November.');
    const rows = md.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.split(' | ')).toHaveLength(12);
    expect(rows[3]).toBe('| Nov 2026 (so far) | 9 | 4.6 | 3 | 2/3 | 5 | 0 | 0 | – | – | – | – |');
    expect(md).toContain('November is still under way: its figures are so far.');
    expect(md).toContain('*attach is a self-reflection tool, not a diagnosis or therapy.*');
  });

  it('escapes what Markdown would read as formatting, keeps commands as code, and shows control characters', () => {
    expect(escapeMarkdown('a *b* | c_d [e](f) <g>')).toBe('a \\*b\\* \\| c\\_d \\[e\\](f) \\<g\\>');
    expect(escapeMarkdown('When it stirs, `attach log` keeps it.')).toBe('When it stirs, `attach log` keeps it.');
    // clean() shows the bell as \x07, and Markdown needs that backslash escaped to show it.
    expect(escapeMarkdown('bell\u0007 and\nnewline')).toBe('bell\\\\x07 and newline');
  });
});

function journal(): Entry[] {
  const entries: Entry[] = [];
  for (let d = 0; d < 166; d++) {
    const at = new Date(Date.UTC(2026, 5, 1 + d, 20));
    const offset = at < new Date(Date.UTC(2026, 10, 1, 2)) ? '-07:00' : '-08:00';
    const stamp = `${at.toISOString().slice(0, 16)}:00${offset}`;
    entries.push(
      trigger({
        id: `t${d}`,
        at: stamp,
        recordedAt: stamp,
        what: 'x',
        intensity: Math.max(0, 9 - Math.floor(d / 30) - (d % 3)),
        protest: d % 4 === 0 ? ['withdrawing'] : [],
      }),
    );
  }
  return entries;
}
