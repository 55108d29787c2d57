import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parsePeriod } from '../../src/parse/period.js';
import { parseList, parseScore, parseText } from '../../src/parse/values.js';
import { parseWhen } from '../../src/parse/when.js';
import { dayOf } from '../../src/time/calendar.js';

// A zone with a negative offset catches any slip into UTC. Node re-reads TZ when it changes.
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});

// Saturday 28 November 2026, 10:00 in Los Angeles (-08:00).
const now = new Date('2026-11-28T10:00:00-08:00');

describe('--at', () => {
  const cases: [string, string][] = [
    ['2026-11-22T21:30', '2026-11-22T21:30:00-08:00'],
    ['2026-11-22 21:30:15', '2026-11-22T21:30:15-08:00'],
    ['2026-11-22', '2026-11-22T12:00:00-08:00'],
    ['2026-11-28', '2026-11-28T10:00:00-08:00'], // today's midday is still ahead: now
    ['2026-11-22T21:30+05:30', '2026-11-22T21:30:00+05:30'], // an explicit offset is kept
    ['2026-11-22T05:30Z', '2026-11-22T05:30:00+00:00'],
    ['2026-07-04T09:00', '2026-07-04T09:00:00-07:00'], // summer time has its own offset
    ['yesterday 21:30', '2026-11-27T21:30:00-08:00'],
    ['sunday 9pm', '2026-11-22T21:00:00-08:00'], // the Sunday before, not tomorrow
    ['2h ago', '2026-11-28T08:00:00-08:00'],
    ['30 minutes ago', '2026-11-28T09:30:00-08:00'],
    ['last friday', '2026-11-27T12:00:00-08:00'], // the most recent Friday: yesterday
    ['last sunday evening', '2026-11-22T20:00:00-08:00'],
    ['9pm', '2026-11-27T21:00:00-08:00'], // said in the morning: last night
    ['last night', '2026-11-27T22:00:00-08:00'],
    ['  today 8am ', '2026-11-28T08:00:00-08:00'],
  ];
  it.each(cases)('reads %j as %s', async (raw, expected) => {
    expect(await parseWhen(raw, now)).toBe(expected);
  });

  const refused = [
    '2026-11-29', // a future day alone is the future, not now
    '2027-01-01',
    'tomorrow',
    'next friday',
    'in 2 hours',
    '2026-11-29T09:00',
    'not a date',
    'yesterday banana',
    '2026-02-30',
    '2026-13-01',
    '',
  ];
  it.each(refused)('refuses %j with a usage error naming --at', async (raw) => {
    const error = await parseWhen(raw, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/^--at: /);
  });
});

describe('--at across midnight in the offsets people live in', () => {
  it('takes an explicit offset on a day that is already past in UTC, and refuses one still ahead', async () => {
    // 00:30 on the 29th at +05:30 was 19:00 on the 28th in UTC: past, so taken as written.
    const lateUtc = new Date('2026-11-28T20:00:00Z');
    expect(await parseWhen('2026-11-29T00:30+05:30', lateUtc)).toBe('2026-11-29T00:30:00+05:30');
    // 23:30 on the 28th at -08:00 is 07:30 on the 29th in UTC: ahead of 20:00 UTC, so refused.
    await expect(parseWhen('2026-11-28T23:30-08:00', lateUtc)).rejects.toThrow(/in the future/);
  });

  it("takes today's date alone in the machine's zone, and refuses its tomorrow, at a minute past midnight", async () => {
    const pastMidnight = new Date('2026-11-29T00:01:00-08:00');
    expect(await parseWhen('2026-11-29', pastMidnight)).toBe('2026-11-29T00:01:00-08:00');
    expect(await parseWhen('2026-11-28', pastMidnight)).toBe('2026-11-28T12:00:00-08:00');
    await expect(parseWhen('2026-11-30', pastMidnight)).rejects.toThrow(/in the future/);
  });
});

describe('intensity', () => {
  it.each(['0', '7', '10', ' 3 '])('accepts %j', (raw) => expect(parseScore(raw, '--intensity')).toBe(Number(raw)));
  it.each(['11', '-1', '7.5', 'seven', '', '1e1', '0x7', '010'])('refuses %j', (raw) => {
    expect(() => parseScore(raw, '--intensity')).toThrow(/--intensity takes a whole number from 0 to 10/);
  });
});

describe('lists and text', () => {
  it('joins repeats and commas, trims, and drops case-insensitive repeats', () => {
    expect(parseList(['tight-chest', 'racing-heart, Tight-Chest', ' shallow-breath '], '--body')).toEqual([
      'tight-chest',
      'racing-heart',
      'shallow-breath',
    ]);
    expect(parseList(undefined, '--body')).toBeUndefined();
  });
  it('refuses a list flag with nothing in it', () => {
    expect(() => parseList([' , '], '--body')).toThrow(/--body needs at least one value/);
  });
  it('refuses an empty text flag and keeps words as typed', () => {
    expect(() => parseText('  ', '--who')).toThrow(/--who is empty/);
    expect(parseText(' My Partner ', '--who')).toBe('My Partner');
  });
});

describe('--at with its own offset', () => {
  it('refuses a day the month does not have, as it does without an offset', async () => {
    for (const raw of ['2026-11-31T10:00+05:30', '2026-02-29T08:00-08:00', '2026-04-31T12:00Z']) {
      const error = await parseWhen(raw, now).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toMatch(/^--at: .* isn't a time I can read/);
    }
  });
});

describe('--week', () => {
  it('takes week 53 only in the years that have one', async () => {
    expect(await parsePeriod({ week: '2020-W53' }, now)).toEqual({ from: dayOf('2020-12-28'), to: dayOf('2021-01-03') });
    expect(await parsePeriod({ week: '2015W53' }, now)).toEqual({ from: dayOf('2015-12-28'), to: dayOf('2016-01-03') });
    expect(await parsePeriod({ week: '2026-w01' }, now)).toEqual({ from: dayOf('2025-12-29'), to: dayOf('2026-01-04') });
    await expect(parsePeriod({ week: '2021-W53' }, now)).rejects.toThrow(/weeks 01 to 52 in 2021; you gave "2021-W53"/);
    await expect(parsePeriod({ week: '2026-W54' }, now)).rejects.toThrow(/weeks 01 to 53 in 2026/);
    await expect(parsePeriod({ week: '2026-W00' }, now)).rejects.toThrow(UsageError);
  });

  it('alone, is the week of today in this machine zone, Monday to Sunday', async () => {
    // Sunday 29 November 23:30 in Los Angeles is already Monday 30 November in UTC: still the week of the 23rd.
    const sundayNight = new Date('2026-11-29T23:30:00-08:00');
    expect(await parsePeriod({ week: true }, sundayNight)).toEqual({ from: dayOf('2026-11-23'), to: dayOf('2026-11-29') });
  });
});
