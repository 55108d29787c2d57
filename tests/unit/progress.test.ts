import { describe, expect, it } from 'vitest';
import { buildProgress, type ProgressData } from '../../src/analysis/progress.js';
import { MIN_MOMENTS } from '../../src/analysis/progress-changes.js';
import type { Entry } from '../../src/journal/types.js';
import * as build from '../helpers/entries.js';

let n = 0;
/** A fresh id, and the time both of when it happened and when it was written down. */
const stamp = (at: string) => ({ id: `e${++n}`, at, recordedAt: at });
const trigger = (at: string, intensity: number, more: Record<string, unknown> = {}): Entry =>
  ({ ...build.trigger({ ...stamp(at), what: 'x', intensity }), ...more }) as Entry;
const pause = (at: string, more: Record<string, unknown> = {}): Entry => ({ ...build.pause({ ...stamp(at), after: 4 }), ...more }) as Entry;
const followUp = (at: string, more: Record<string, unknown>): Entry =>
  ({ ...build.followUp({ ...stamp(at), for: null }), ...more }) as Entry;
const glimmer = (at: string): Entry => build.glimmer({ ...stamp(at), what: 'a warm text' });

/** Wall-clock time on a day counted from 1 June 2026, with Los Angeles' offset (DST ends 1 Nov 2026). */
function la(dayFromJune1: number, hour: number, minute = 0): string {
  const d = new Date(Date.UTC(2026, 5, 1 + dayFromJune1, hour, minute));
  const offset = d < new Date(Date.UTC(2026, 10, 1, 2)) ? '-07:00' : '-08:00';
  return `${d.toISOString().slice(0, 16)}:00${offset}`;
}
const month = (p: ProgressData, key: string) => p.months.find((m) => m.month === key)!;
const test = (p: ProgressData, measure: string) => p.tests.find((t) => t.measure === measure)!;
const AFTER = { to: '2026-11', months: 6, now: '2026-12-02T10:00:00-08:00' };

/**
 * A fixed journal with a known answer: a moment every other evening at 20:00 from 1 June to
 * 30 November (92), intensity 8 - floor(4k / 91) plus a fixed wiggle, so it drifts down by 4;
 * of the strong ones (44), 16 were followed by a pause 30 minutes later, most of them late.
 * Each moment has an evening of its own, so both tests are the textbook slope t-test; the reference
 * figures were computed with scipy from the same formula:
 *   stats.linregress(k, y)             -> t -8.29068, p 1.02322e-12 (90 degrees of freedom)
 *   stats.linregress(k_strong, paused) -> t 4.54877, p 4.54062e-05 (42 degrees of freedom)
 */
function driftingJournal(): Entry[] {
  const wiggle = [0, 1, -1, 2, -2, 1, 0, -1];
  const entries: Entry[] = [];
  for (let k = 0; k < 92; k++) {
    const y = Math.min(10, Math.max(0, 8 - Math.floor((4 * k) / 91) + wiggle[k % 8]!));
    entries.push(trigger(la(2 * k, 20), y));
    if (y >= 7 && (k >= 46 ? k % 4 !== 0 : k % 4 === 0)) entries.push(pause(la(2 * k, 20, 30)));
  }
  return entries;
}

describe('attach progress: the trend tests on a journal with a known answer', () => {
  const p = buildProgress(driftingJournal(), AFTER);

  it('tests intensity by least squares over every moment, as scipy.stats.linregress computes it', () => {
    const t = test(p, 'meanIntensity');
    expect(t).toMatchObject({ test: 'least-squares', n: 92, enough: true });
    expect(t.z).toBeCloseTo(-8.29, 2);
    expect(t.p! / 1.0232178248834381e-12).toBeCloseTo(1, 2);
  });

  it('tests "paused after a strong moment" by least squares over every strong moment (1 paused, 0 not), as scipy does', () => {
    const t = test(p, 'pausedAfterStrong');
    expect(t).toMatchObject({ test: 'least-squares', n: 44, enough: true });
    expect(t.z).toBeCloseTo(4.55, 2);
    expect(t.p! / 4.540617517440232e-5).toBeCloseTo(1, 2);
  });

  it('corrects for the measures tested, strong moments following from intensity, and names the changes that pass', () => {
    // Tested: moments, intensity, strong, paused after strong; strong starts with no share, intensity and pauses
    // hold 0.4 of the level each, moments the rest (progress-multiplicity.ts). Intensity's share is its own from
    // the start to its claim (a primary share is never passed on), so its adjusted p is its p over 0.4.
    const tested = p.tests.filter((t) => t.p !== null);
    expect(tested.map((t) => t.measure)).toEqual(['moments', 'meanIntensity', 'strong', 'pausedAfterStrong']);
    const ratio = (m: string, share: number) => test(p, m).p! / share;
    expect(ratio('meanIntensity', 0.4)).toBeLessThan(ratio('moments', 0.2));
    expect(test(p, 'meanIntensity').pAdjusted! / ratio('meanIntensity', 0.4)).toBeCloseTo(1, 2);
    const intensity = p.changes.find((c) => c.measure === 'meanIntensity')!;
    expect(intensity).toMatchObject({ direction: 'down', fromMonth: '2026-06', toMonth: '2026-11' });
    expect(intensity.from).toBeGreaterThan(intensity.to + 3);
    expect(intensity.text).toMatch(/^The intensity of moments came down: on average \d\.\d in June, \d\.\d in November\.$/);
    const paused = p.changes.find((c) => c.measure === 'pausedAfterStrong')!;
    expect(paused.direction).toBe('up');
    expect(paused.text).toMatch(
      /^A pause followed a strong moment more often: (about )?\S+ in \d+ in June, (about )?\d+ in \d+ in November\.$/,
    );
  });

  it('leaves untested what has too little data, and says which', () => {
    expect(test(p, 'urgePassed')).toMatchObject({ n: 0, enough: false, p: null, pAdjusted: null });
    expect(test(p, 'glimmers')).toMatchObject({ n: 0, enough: false });
  });
});

describe('attach progress: no change', () => {
  it('claims nothing for a journal whose figures only wobble', () => {
    const entries: Entry[] = [];
    const levels = [5, 7, 4, 8, 6, 3, 7, 5, 6, 4];
    for (let k = 0; k < 120; k++) entries.push(trigger(la(Math.floor(k * 1.5), 19 + (k % 3)), levels[k % levels.length]!));
    const p = buildProgress(entries, AFTER);
    expect(test(p, 'meanIntensity').enough).toBe(true);
    expect(p.changes).toEqual([]);
  });

  it(`needs ${MIN_MOMENTS} moments before it looks at intensity`, () => {
    const entries = Array.from({ length: MIN_MOMENTS - 1 }, (_, k) => trigger(la(k * 9, 20), 9 - Math.floor(k / 3)));
    const p = buildProgress(entries, AFTER);
    expect(test(p, 'meanIntensity')).toMatchObject({ enough: false, p: null });
    expect(p.changes).toEqual([]);
  });

  it('reads glimmers from the first one: a kind of entry begun later is not "more often"', () => {
    // Glimmers only from 1 September, 2 a week, steadily; moments all along.
    const entries: Entry[] = [];
    for (let d = 0; d < 183; d += 2) entries.push(trigger(la(d, 20), 5 + (d % 3)));
    for (let d = 92; d < 183; d += 3.5) entries.push(glimmer(la(Math.floor(d), 12)));
    const p = buildProgress(entries, AFTER);
    expect(month(p, '2026-06').glimmers).toBe(0);
    expect(test(p, 'glimmers').n).toBe(entries.filter((e) => e.type === 'glimmer').length - 1);
    expect(p.changes.find((c) => c.measure === 'glimmers')).toBeUndefined();
  });
});

describe('attach progress: months', () => {
  it('counts months with no entries as zero, and as no data for rates', () => {
    const entries = [trigger('2026-06-10T20:00:00-07:00', 8), trigger('2026-08-10T20:00:00-07:00', 4)];
    const p = buildProgress(entries, { to: '2026-08', months: 3, now: '2026-08-20T12:00:00-07:00' });
    expect(p.months.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08']);
    expect(month(p, '2026-07')).toMatchObject({ moments: 0, strong: 0, glimmers: 0, meanIntensity: null, littleData: true });
    expect(month(p, '2026-06')).toMatchObject({ moments: 1, meanIntensity: 8, strong: 1, pausedAfterStrong: 0 });
  });

  it('covers only the months a young journal has, from its first day', () => {
    const entries = [trigger('2026-09-10T08:00:00-07:00', 5), trigger('2026-11-03T20:00:00-08:00', 6)];
    const p = buildProgress(entries, { to: '2026-11', months: 6, now: '2026-11-14T20:00:00-08:00' });
    expect(p.range).toEqual({ from: '2026-06', to: '2026-11', months: 6, since: '2026-09-10' });
    expect(p.months.map((m) => [m.month, m.days])).toEqual([
      ['2026-09', 21],
      ['2026-10', 31],
      ['2026-11', 14],
    ]);
    expect(p.tests.every((t) => !t.enough)).toBe(true);
  });

  it('says which month is still under way, and counts it so far', () => {
    const now = '2026-11-14T20:00:00-08:00';
    const sofar = driftingJournal().filter((e) => Date.parse(e.at as string) <= Date.parse(now));
    const p = buildProgress(sofar, { to: '2026-11', months: 6, now });
    expect(p.months.map((m) => m.underway)).toEqual([false, false, false, false, false, true]);
    // Moments on the 1st, 3rd, ... 13th of November, over the 14 days so far.
    expect(month(p, '2026-11')).toMatchObject({ days: 14, daysInMonth: 30, moments: 7 });
    // An entry from a zone already in tomorrow adds that day; nothing stretches it further.
    const tokyo = buildProgress([...sofar, trigger('2026-11-15T13:00:00+09:00', 5)], { to: '2026-11', months: 6, now });
    expect(month(tokyo, '2026-11')).toMatchObject({ days: 15, moments: 8 });
  });

  it('is empty when nothing was logged in the months asked for', () => {
    const p = buildProgress([], { to: '2026-11', months: 6, now: '2026-11-14T20:00:00-08:00' });
    expect(p.months).toEqual([]);
    expect(p.changes).toEqual([]);
    const later = buildProgress([trigger('2026-11-02T20:00:00-08:00', 5)], { to: '2026-08', months: 3, now: '2026-11-14T20:00:00-08:00' });
    expect(later.months).toEqual([]);
  });
});

describe('attach progress: time as the person lived it', () => {
  it("places entries by their own wall-clock date, across a DST change and another zone's offset", () => {
    const entries = [
      trigger('2026-10-31T23:30:00-07:00', 5), // last evening of October, summer time
      trigger('2026-11-01T01:30:00-07:00', 5), // the first 01:30 of the night clocks went back
      trigger('2026-11-01T01:10:00-08:00', 5), // the second 01:00 hour: still 1 November
      trigger('2026-11-30T23:50:00+09:00', 5), // Tokyo: 30 November there (06:50 that day in Los Angeles)
      trigger('2026-12-01T00:30:00+13:00', 5), // Auckland: already December there, 30 November in UTC
    ];
    const p = buildProgress(entries, { to: '2026-12', months: 3, now: '2026-12-05T12:00:00-08:00' });
    expect(p.months.map((m) => [m.month, m.moments])).toEqual([
      ['2026-10', 1],
      ['2026-11', 3],
      ['2026-12', 1],
    ]);
  });

  it('measures "a pause within 2 hours" in real time, not on the wall clock', () => {
    const entries = [
      // Clocks go back at 02:00: 01:10 -08:00 is 1 h 40 min after 01:30 -07:00, though it reads earlier.
      trigger('2026-11-01T01:30:00-07:00', 8),
      pause('2026-11-01T01:10:00-08:00'),
      // Clocks go forward at 02:00: 03:50 -07:00 is 1 h 50 min after 01:00 -08:00, though it reads 2 h 50 later.
      trigger('2026-03-08T01:00:00-08:00', 9),
      pause('2026-03-08T03:50:00-07:00'),
      // 2 h 30 min later: too late to count.
      trigger('2026-03-20T20:00:00-07:00', 9),
      pause('2026-03-20T22:30:00-07:00'),
      // A pause before the moment does not follow it.
      trigger('2026-03-25T20:00:00-07:00', 9),
      pause('2026-03-25T19:50:00-07:00'),
    ];
    const p = buildProgress(entries, { to: '2026-11', months: 9, now: '2026-11-14T12:00:00-08:00' });
    expect(month(p, '2026-11')).toMatchObject({ strong: 1, pausedAfterStrong: 1 });
    expect(month(p, '2026-03')).toMatchObject({ strong: 3, pausedAfterStrong: 1 });
  });
});

describe('attach progress: what each month counts', () => {
  it('counts pauses, answers, follow-ups, asks and glimmers as their comments define', () => {
    const at = '2026-10-12T20:00:00-07:00';
    const entries = [
      trigger(at, 7, { protest: ['excessive-contact'] }),
      trigger(at, 6),
      trigger(at, 2),
      pause(at, { passed: true, acted: 'partly' }),
      pause(at, { passed: false, acted: 'no' }),
      pause(at, { passed: null, acted: 'yes' }),
      pause(at, {}),
      followUp(at, { fear: 'came-true' }),
      followUp(at, { fear: 'partly' }),
      followUp(at, { fear: null }),
      followUp(at, { asked: 'yes', landed: 'yes' }),
      followUp(at, { asked: 'yes', landed: 'partly' }),
      followUp(at, { asked: 'yes', landed: null }),
      followUp(at, { asked: 'not-yet' }),
      glimmer(at),
      { id: 'p1', type: 'plan', at, when: 'no reply for hours', active: true } as Entry,
      { id: 'odd', type: 'trigger', at: 'last tuesday', intensity: 5 } as unknown as Entry,
    ];
    const p = buildProgress(entries, { to: '2026-10', months: 1, now: '2026-10-20T12:00:00-07:00' });
    expect(p.months).toHaveLength(1);
    expect(p.months[0]).toMatchObject({
      moments: 3,
      meanIntensity: 5,
      strong: 1,
      protest: 1,
      pauses: 4,
      urgePassed: 1,
      urgeAnswered: 2,
      acted: 2,
      actedAnswered: 3,
      followUps: 7,
      fearCameTrue: 1,
      fearAnswered: 2,
      asksMade: 3,
      asksLanded: 1,
      landedAnswered: 2,
      glimmers: 1,
      littleData: false,
    });
  });
});
