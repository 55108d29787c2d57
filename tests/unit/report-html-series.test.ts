import { describe, expect, it } from 'vitest';
import { buildReport, type Labeller } from '../../src/analysis/report.js';
import type { Entry } from '../../src/journal/types.js';
import { dayOf } from '../../src/time/calendar.js';

/* The two series the report page draws: weeks across the lookback, and each pause. */

const label: Labeller = (_kind, name) => name;
const base = { tags: [], note: null };
const trigger = (id: string, at: string, intensity: number) =>
  ({
    ...base,
    id,
    type: 'trigger',
    at,
    recordedAt: at,
    what: 'x',
    who: null,
    triggers: [],
    intensity,
    body: [],
    thought: null,
    urges: [],
    protest: [],
    instead: null,
  }) as unknown as Entry;
const pause = (id: string, at: string, before: number, after: number | null, passed: boolean | null) =>
  ({
    ...base,
    id,
    type: 'pause',
    at,
    recordedAt: at,
    for: null,
    urge: null,
    plannedSeconds: 1200,
    elapsedSeconds: 1200,
    completed: true,
    before,
    after,
    passed,
    activities: [],
    notes: [],
    next: null,
  }) as unknown as Entry;
const period = { from: dayOf('2026-11-16'), to: dayOf('2026-11-22') };

describe('report.weekly', () => {
  it('counts each lookback week, oldest first, with its mean intensity', () => {
    const entries = [
      trigger('a', '2026-11-22T20:00:00-08:00', 8),
      trigger('b', '2026-11-16T09:00:00-08:00', 5),
      trigger('c', '2026-11-10T09:00:00-08:00', 3),
    ];
    const r = buildReport(entries, period, 4, label);
    expect(r.weekly).toEqual([
      // The journal starts on 10 November: the oldest week is clipped to it, and no week before it is shown.
      { from: '2026-11-10', to: '2026-11-15', count: 1, meanIntensity: 3 },
      { from: '2026-11-16', to: '2026-11-22', count: 2, meanIntensity: 6.5 },
    ]);
    expect(r.weekly.reduce((sum, w) => sum + w.count, 0)).toBe(r.heatmap.flat().reduce((a, b) => a + b, 0));
  });

  it('puts the small hours in the week of the evening they began, as the patterns do', () => {
    // Monday 16 November 01:30 is Sunday night of the week before.
    const entries = [trigger('a', '2026-11-01T12:00:00-08:00', 2), trigger('b', '2026-11-16T01:30:00-08:00', 9)];
    const r = buildReport(entries, period, 8, label);
    const before = r.weekly.find((w) => w.to === '2026-11-15');
    expect(before).toMatchObject({ count: 1, meanIntensity: 9 });
    expect(r.weekly.at(-1)).toMatchObject({ from: '2026-11-16', count: 0, meanIntensity: null });
  });

  it('is empty for an empty journal', () => {
    expect(buildReport([], period, 8, label).weekly).toEqual([]);
  });
});

describe('report.pauseRatings', () => {
  it('lists the period’s pauses in the order they happened, across offsets', () => {
    const entries = [
      pause('late', '2026-11-20T22:00:00-08:00', 8, 4, true),
      // Earlier in absolute time, though its wall clock reads later.
      pause('early', '2026-11-21T06:30:00+09:00', 6, null, null),
      pause('outside', '2026-11-02T10:00:00-08:00', 9, 9, false),
    ];
    const r = buildReport(entries, period, 8, label);
    expect(r.pauseRatings).toEqual([
      { at: '2026-11-21T06:30:00+09:00', before: 6, after: null, passed: null },
      { at: '2026-11-20T22:00:00-08:00', before: 8, after: 4, passed: true },
    ]);
    expect(r.pauseRatings).toHaveLength(r.pauses.count);
  });
});
