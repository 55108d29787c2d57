import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/analysis/report.js';
import { mergeEntries } from '../../src/journal/merge.js';
import { mergeWithBackup } from '../../src/journal/recover.js';
import type { Entry, TriggerEntry } from '../../src/journal/types.js';
import { dayOf, isoDay } from '../../src/time/calendar.js';

/*
 * Journals far larger than one person writes, for the work that once grew
 * faster than the journal: spreading a list into push() or Math.max()
 * overflows the stack past about 125k items, and a report that looked at
 * every moment for every day, or for every protest behaviour, took minutes.
 * The time limits are generous (a quadratic step takes minutes here, the
 * linear one well under a second), so a busy machine does not fail them.
 */

const MANY = 150_000;
const FIRST = dayOf('2016-11-20');
const DAYS = 3652;

function triggerOn(day: number, i: number): TriggerEntry {
  const at = `${isoDay(day)}T${String(i % 24).padStart(2, '0')}:30:00-08:00`;
  return {
    id: `t${i}`,
    type: 'trigger',
    at,
    recordedAt: at,
    what: 'x',
    who: null,
    triggers: [`own trigger ${i % 3000}`, 'delayed-reply'],
    intensity: i % 11,
    body: [],
    thought: null,
    urges: [`own urge ${i % 5000}`],
    // Thousands of protest behaviours in the person's own words, each with its own "after" list.
    protest: i % 2 ? [`own protest ${(i >> 1) % 4000}`, `Own Protest ${(i >> 1) % 4000}`] : [],
    instead: null,
    tags: [],
    note: null,
  };
}

describe('very large journals', () => {
  it(`merges ${MANY.toLocaleString('en-US')} new entries into a journal`, () => {
    const incoming: Entry[] = Array.from({ length: MANY }, (_, i) => ({ id: `n${i}`, type: 'dream' }));
    const merged = mergeEntries([{ id: 'old', type: 'dream' }], incoming);
    expect(merged.added).toHaveLength(MANY);
    expect(merged.entries).toHaveLength(MANY + 1);
    expect(merged.entries.at(-1)).toBe(incoming.at(-1));
  });

  it(`puts back ${MANY.toLocaleString('en-US')} entries from a backup after the one they followed`, () => {
    const backup: Entry[] = [{ id: 'kept', type: 'dream' }, ...Array.from({ length: MANY }, (_, i) => ({ id: `b${i}`, type: 'dream' }))];
    const merged = mergeWithBackup([{ id: 'kept', type: 'dream' }], backup);
    expect(merged.added).toBe(MANY);
    expect(merged.entries.map((e) => e.id)).toEqual(backup.map((e) => e.id));
  });

  it(`reports ten years of ${MANY.toLocaleString('en-US')} moments, with thousands of own words, in one period`, () => {
    const entries = Array.from({ length: MANY }, (_, i) => triggerOn(FIRST + Math.floor((i * DAYS) / MANY), i));
    const started = performance.now();
    const report = buildReport(entries, { from: FIRST, to: FIRST + DAYS - 1 }, 8, (_kind, name) => name);
    expect(performance.now() - started).toBeLessThan(20_000);

    expect(report.counts.trigger).toBe(MANY);
    expect(report.intensity.max).toBe(10);
    expect(report.daily).toHaveLength(DAYS);
    expect(report.daily.reduce((sum, day) => sum + day.count, 0)).toBe(MANY);
    expect(report.protest).toHaveLength(4000);
    // Both spellings in one moment count twice, as they always have; what came before is counted once per moment.
    expect(report.protest.every((p) => p.count === 2 * p.after.find((a) => a.trigger === 'delayed-reply')!.count)).toBe(true);
    expect(report.triggers).toHaveLength(3001);
    expect(report.urges).toHaveLength(5000);
  }, 60_000);
});
