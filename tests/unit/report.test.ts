import { describe, expect, it } from 'vitest';
import { buildReport, inSentence, type Labeller } from '../../src/analysis/report.js';
import { patternText } from '../../src/analysis/report-words.js';
import type { Entry, PauseEntry, TriggerEntry } from '../../src/journal/types.js';
import { parseLookback, parsePeriod } from '../../src/parse/period.js';
import { block, dailyLines, heatmapLines, shade } from '../../src/render/report-charts.js';
import { renderMarkdown } from '../../src/render/report-md.js';
import { renderText } from '../../src/render/report-text.js';
import { dayOf } from '../../src/time/calendar.js';
import { makeStyle } from '../../src/ui/style.js';
import * as make from '../helpers/entries.js';

const label: Labeller = (_kind, name) =>
  ({ 'delayed-reply': 'A slow or short reply', 'double-text': 'Text again', 'ask-reassurance': 'Ask for reassurance' })[name] ?? name;
let n = 0;
const fixed = (at: string) => ({ id: `e${++n}`, at, recordedAt: at });
const trigger = (at: string, intensity: number, more: Partial<TriggerEntry> = {}): Entry =>
  make.trigger({ ...fixed(at), what: 'x', intensity, ...more });
const pause = (at: string, before: number, after: number | null, passed: boolean | null, more: Partial<PauseEntry> = {}): Entry =>
  make.pause({ ...fixed(at), before, after, passed, ...more });
const reflection = (at: string, needs: string[]): Entry => make.reflection({ ...fixed(at), needs });

// Monday 16 to Sunday 22 November 2026.
const week = { from: dayOf('2026-11-16'), to: dayOf('2026-11-22') };

describe('the report period', () => {
  it('counts whole days inclusively, each entry on its own wall date', () => {
    const r = buildReport(
      [
        trigger('2026-11-15T23:59:59-08:00', 9), // the day before: out
        trigger('2026-11-16T00:00:00-08:00', 2), // first moment of the first day: in
        trigger('2026-11-22T23:59:59+05:30', 4), // last moment of the last day, another offset: in
        trigger('2026-11-23T00:00:00+05:30', 9), // out
      ],
      week,
      8,
      label,
    );
    expect(r.period).toEqual({ from: '2026-11-16', to: '2026-11-22', days: 7 });
    expect(r.counts.trigger).toBe(2);
    expect(r.intensity).toEqual({ mean: 3, max: 4, previousMean: 9 });
  });

  it('gives the same report for the same wall times written at +05:30 and at -08:00', () => {
    const at = (offset: string) =>
      ['2026-11-16T01:30:00', '2026-11-18T12:00:00', '2026-11-22T21:10:00', '2026-11-20T22:30:00'].map((wall, i) =>
        trigger(`${wall}${offset}`, i + 3, { triggers: ['delayed-reply'] }),
      );
    const india = buildReport(at('+05:30'), week, 8, label);
    const california = buildReport(at('-08:00'), week, 8, label);
    expect(india).toEqual(california);
    // Monday 01:30 is Sunday night; Friday 22:30 is Friday night.
    expect(india.heatmap[6]![3]).toBe(1);
    expect(india.heatmap[4]![3]).toBe(1);
    expect(india.heatmap[2]![1]).toBe(1);
    expect(india.heatmap[6]![2]).toBe(1);
  });

  it('keeps a DST change from moving an entry to another day or daypart', () => {
    const r = buildReport(
      [trigger('2026-11-01T01:30:00-07:00', 5), trigger('2026-11-01T01:30:00-08:00', 5)],
      { from: dayOf('2026-10-26'), to: dayOf('2026-11-01') },
      8,
      label,
    );
    expect(r.counts.trigger).toBe(2);
    expect(r.heatmap[5]![3]).toBe(2); // Sunday 01:30 is Saturday night, both times
  });

  it('reads --week, --from/--to and defaults as calendar days', async () => {
    const now = new Date(2026, 10, 28, 15, 0); // Saturday 28 November, local time
    const day = (d: string) => dayOf(d);
    expect(await parsePeriod({}, now)).toEqual({ from: day('2026-11-22'), to: day('2026-11-28') });
    expect(await parsePeriod({ week: true }, now)).toEqual({ from: day('2026-11-23'), to: day('2026-11-29') });
    expect(await parsePeriod({ week: '2026-W47' }, now)).toEqual({ from: day('2026-11-16'), to: day('2026-11-22') });
    expect(await parsePeriod({ week: '2025-W01' }, now)).toEqual({ from: day('2024-12-30'), to: day('2025-01-05') });
    expect(await parsePeriod({ to: '2026-12-04' }, now)).toEqual({ from: day('2026-11-28'), to: day('2026-12-04') });
    expect(await parsePeriod({ week: '2021-W01' }, now)).toEqual({ from: day('2021-01-04'), to: day('2021-01-10') });
    expect(await parsePeriod({ to: '2026-11-10' }, now)).toEqual({ from: day('2026-11-04'), to: day('2026-11-10') });
    expect(await parsePeriod({ from: '2026-11-01' }, now)).toEqual({ from: day('2026-11-01'), to: day('2026-11-28') });
    expect(await parsePeriod({ from: '2026-11-01', to: '2026-11-01' }, now)).toEqual({ from: day('2026-11-01'), to: day('2026-11-01') });
  });

  it.each([
    [{ week: '2026-W54' }, /--week takes an ISO week like 2026-W47 \(weeks 01 to 53/],
    [{ week: '2027-W53' }, /weeks 01 to 52/],
    [{ week: 'last' }, /--week takes an ISO week like 2026-W47 \(weeks 01 to 52, or 53 in some years; you gave "last"\)/],
    [{ week: '2026-W49' }, /^--week 2026-W49 has not begun yet \(it starts 2026-11-30\); this week is 2026-W48\.$/],
    [{ week: '2027-W01' }, /has not begun yet/],
    [{ from: '2026-11-29', to: '2026-12-05' }, /^--from \(2026-11-29\) is in the future; a report is of days that have happened\.$/],
    [{ to: '2026-12-05' }, /^--to \(2026-12-05\) is more than a week away/],
    [{ from: '2026-13-01' }, /--from: "2026-13-01" isn't a day/],
    [{ from: '2026-11-20', to: '2026-11-10' }, /--from \(2026-11-20\) is after --to/],
    [{ week: true, from: '2026-11-01' }, /leave out --from/],
  ])('refuses %j', async (flags, message) => {
    await expect(parsePeriod(flags, new Date(2026, 10, 28))).rejects.toThrow(message);
  });

  it('takes a lookback from 1 to 260 weeks', () => {
    expect(parseLookback(undefined)).toBe(8);
    expect(parseLookback('12')).toBe(12);
    for (const bad of ['0', '-1', 'two', '261', '1.5']) expect(() => parseLookback(bad)).toThrow(/--lookback/);
  });
});

describe('what the report counts', () => {
  const entries = [
    trigger('2026-11-16T09:00:00-08:00', 8, {
      triggers: ['delayed-reply', 'conflict'],
      body: ['tight-chest'],
      urges: ['double-text'],
      protest: ['excessive-contact'],
    }),
    trigger('2026-11-17T21:00:00-08:00', 6, {
      triggers: ['Delayed-Reply'],
      body: ['tight-chest', 'racing-heart'],
      urges: ['double-text', 'ask-reassurance'],
      protest: ['excessive-contact', 'withdrawing'],
    }),
    trigger('2026-11-19T13:00:00-08:00', 4, { triggers: ['plans-changed'], protest: ['withdrawing'] }),
    pause('2026-11-16T09:10:00-08:00', 8, 4, true, { activities: ['breathe', 'walk'] }),
    pause('2026-11-17T21:10:00-08:00', 6, null, null, { completed: false }),
    pause('2026-11-18T10:00:00-08:00', 7, 7, false, { activities: ['walk'] }),
    reflection('2026-11-18T20:00:00-08:00', ['reassurance', 'closeness']),
    reflection('2026-11-20T20:00:00-08:00', ['reassurance']),
  ];
  const r = buildReport(entries, week, 8, label);

  it('counts, means and lists, most frequent first, own words grouped case-insensitively', () => {
    expect(r.counts).toEqual({ trigger: 3, pause: 3, reflection: 2 });
    expect(r.intensity).toEqual({ mean: 6, max: 8, previousMean: null });
    expect(r.triggers).toEqual([
      { name: 'delayed-reply', count: 2, meanIntensity: 7 },
      { name: 'conflict', count: 1, meanIntensity: 8 },
      { name: 'plans-changed', count: 1, meanIntensity: 4 },
    ]);
    expect(r.body).toEqual([
      { name: 'tight-chest', count: 2 },
      { name: 'racing-heart', count: 1 },
    ]);
    expect(r.urges[0]).toEqual({ name: 'double-text', count: 2 });
  });

  it('says which triggers came with each protest behaviour', () => {
    expect(r.protest).toEqual([
      {
        name: 'excessive-contact',
        count: 2,
        after: [
          { trigger: 'delayed-reply', count: 2 },
          { trigger: 'conflict', count: 1 },
        ],
      },
      {
        name: 'withdrawing',
        count: 2,
        after: [
          { trigger: 'delayed-reply', count: 1 },
          { trigger: 'plans-changed', count: 1 },
        ],
      },
    ]);
  });

  it('sums pauses: passed out of those answered, before, after and the drop over the same pauses rated afterwards', () => {
    expect(r.pauses).toEqual({
      count: 3,
      completed: 2,
      passed: 1,
      answered: 2,
      passedRate: 0.5,
      rated: 2,
      meanBefore: 7.5,
      meanAfter: 5.5,
      meanDrop: 2,
      helped: [
        { name: 'breathe', count: 1 },
        { name: 'walk', count: 1 },
      ],
      acted: { yes: 0, partly: 0, no: 0 },
      drafts: { written: 0, sent: 0, changed: 0, letGo: 0, kept: 0 },
    });
    expect(r.reflections).toEqual({
      count: 2,
      needs: [
        { name: 'reassurance', count: 2 },
        { name: 'closeness', count: 1 },
      ],
    });
  });

  it('draws the heatmap from the lookback and the days as blocks with their letters and a scale', () => {
    expect(r.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(3);
    expect(r.heatmap[0]![0]).toBe(1);
    expect(r.daily.map((d) => d.count)).toEqual([1, 1, 0, 1, 0, 0, 0]);
    expect(dailyLines(r.daily, 80)).toEqual(['  ▇ ▅ · ▄ · · ·', '  M T W T F S S', '  ▁ 0, ▅ 5, █ 10, on average; · nothing logged']);
    expect(heatmapLines(r.heatmap, 80)[1]).toBe('  Mon  ░░ 1     ·          ·        ·');
  });

  it('shades the same count the same in every report, and draws equal means as equal blocks', () => {
    expect([0, 1, 2, 3, 4, 6, 7, 40].map(shade).join('')).toBe('·░▒▒▓▓██');
    expect(heatmapLines([[1, 2, 7, 0], ...Array.from({ length: 6 }, () => [0, 0, 0, 0])], 80).at(-1)).toBe(
      '  · none  ░ 1  ▒ 2–3  ▓ 4–6  █ 7 or more',
    );
    expect([0, 5, 5.0000001, 4.96, 10, null].map(block).join('')).toBe('▁▅▅▅█·');
    // A month is drawn a row a week, Monday first, each row named by its Monday.
    const month = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      count: 1,
      meanIntensity: i % 11,
    }));
    const lines = dailyLines(month, 40);
    expect(lines[0]).toBe('          M T W T F S S');
    expect(lines[1]).toBe('  26 Oct              ▁');
    expect(lines[2]).toBe('  2 Nov   ▂ ▂ ▃ ▄ ▅ ▅ ▆');
  });

  it('renders text without colour codes, and Markdown tables', () => {
    const text = renderText(r, label, makeStyle(0));
    expect(text).not.toMatch(/\u001b/);
    expect(text).toContain('Your report: 16–22 Nov 2026');
    expect(text).toContain('3 moments logged, on average 6.0 of 10. 3 pauses and 2 reflections.');
    expect(text).toContain('A slow or short reply  2×  7.0 of 10');
    expect(text).toContain('The urge passed in 1 of the 2 you answered.');
    const md = renderMarkdown(r, label);
    expect(md).toContain('| trigger | times | how strong, on average (of 10) |');
    expect(md).toContain('| Monday | 1 | 0 | 0 | 0 |');
  });

  it('is kind about an empty period', () => {
    const empty = buildReport([], week, 8, label);
    expect(empty.counts).toEqual({ trigger: 0, pause: 0, reflection: 0 });
    expect(empty.intensity).toEqual({ mean: null, max: null, previousMean: null });
    expect(empty.patterns).toEqual([]);
    expect(empty.pauses.passedRate).toBeNull();
    expect(renderText(empty, label, makeStyle(0)).replace(/\s+/g, ' ')).toContain('a quiet stretch is not a failure');
  });

  it('does not say nothing was logged when a look back was, which it goes on to show', () => {
    const lookedBack = buildReport([make.followUp({ at: '2026-11-18T12:00:00-08:00', fear: 'did-not' })], week, 8, label);
    for (const text of [renderText(lookedBack, label, makeStyle(0)), renderMarkdown(lookedBack, label)]) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('No moments, pauses or reflections were logged in these days.');
      expect(flat).not.toContain('Nothing was logged');
      expect(flat).toContain('You looked back on 1 moment');
    }
  });
});

describe('the lookback', () => {
  it('never starts before the first entry', () => {
    const r = buildReport([trigger('2026-11-05T10:00:00+00:00', 5)], week, 8, label);
    expect(r.lookback).toEqual({ from: '2026-11-05', to: '2026-11-22', weeks: 8, weeksObserved: 3 });
    const full = buildReport([trigger('2026-01-05T10:00:00+00:00', 5)], week, 8, label);
    expect(full.lookback).toEqual({ from: '2026-09-28', to: '2026-11-22', weeks: 8, weeksObserved: 8 });
  });

  it('finds a Sunday-evening pattern and words it plainly', () => {
    const entries: Entry[] = [];
    for (let w = 0; w < 8; w++) {
      const sunday = new Date(Date.UTC(2026, 10, 22 - 7 * w));
      const date = sunday.toISOString().slice(0, 10);
      if (w !== 2 && w !== 5) entries.push(trigger(`${date}T19:30:00-08:00`, 8, { urges: ['double-text'] }));
      // Milder moments at other times, never the same slot two weeks running.
      for (const [d, h] of [
        [(w * 3) % 7, 9],
        [(w * 5 + 1) % 6, 13],
        [(w + 2) % 6, 23],
      ] as const) {
        const other = new Date(Date.UTC(2026, 10, 22 - 7 * w - 7 + d)).toISOString().slice(0, 10);
        entries.push(trigger(`${other}T${String(h).padStart(2, '0')}:00:00-08:00`, 4, { urges: ['ask-reassurance'] }));
      }
    }
    const r = buildReport(entries, week, 8, label);
    expect(r.patterns).toHaveLength(1);
    expect(r.patterns[0]).toMatchObject({
      weekday: 'sunday',
      daypart: 'evening',
      weeks: 6,
      weeksObserved: 8,
      entries: 6,
      meanIntensity: 8,
      baselineIntensity: 4,
      topUrges: ['double-text'],
      // The evidence: the Sundays that counted, newest first (not 8 Nov and 18 Oct, weeks 2 and 5).
      seenOn: ['2026-11-22', '2026-11-15', '2026-11-01', '2026-10-25', '2026-10-11', '2026-10-04'],
    });
    expect(r.patterns[0]!.text).toBe(
      'Sunday evenings: 6 of the last 8 weeks, intensity 8.0 against your usual 4.0; most often you wanted to text again.',
    );
    expect(r.suggestion).toMatch(/^Sunday evenings tend to be hard/);
  });

  it('puts catalogue words in a sentence lower case, and a person’s own words as they typed them', () => {
    const words: Labeller = (_kind, name) =>
      ({ 'social-media': 'Something I saw on social media', 'felt-close': 'I felt close', 'double-text': 'Text again' })[name] ?? name;
    expect(inSentence(words, 'triggers', 'social-media')).toBe('something I saw on social media');
    expect(inSentence(words, 'triggers', 'felt-close')).toBe('I felt close');
    expect(inSentence(words, 'urges', 'Call Sam')).toBe('Call Sam');
    const p = {
      weekday: 'sunday',
      daypart: 'evening',
      weeks: 4,
      weeksObserved: 5,
      entries: 4,
      meanIntensity: 7,
      baselineIntensity: 4,
      topUrges: ['double-text', 'Call Sam'],
      topProtest: [],
    } as const;
    expect(patternText({ ...p, topUrges: [...p.topUrges], topProtest: [] }, words)).toBe(
      'Sunday evenings: 4 of the last 5 weeks, intensity 7.0 against your usual 4.0; most often you wanted to text again or Call Sam.',
    );
    // Figures that read the same are not set against each other.
    expect(patternText({ ...p, meanIntensity: 6.33, baselineIntensity: 6.25, topUrges: [], topProtest: [] }, words)).toBe(
      'Sunday evenings: 4 of the last 5 weeks, intensity 6.3, close to your usual.',
    );
  });
});
