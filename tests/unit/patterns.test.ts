import { describe, expect, it } from 'vitest';
import { findPatterns, type SlotEntry, slotOf } from '../../src/analysis/patterns.js';

// Weekdays of the calendar day, 0 = Monday.
const MON = 0;
const TUE = 1;
const WED = 2;
const THU = 3;
const FRI = 4;
const SAT = 5;
const SUN = 6;

/** A trigger entry at a wall time (calendar weekday and hour) in lookback week `week`. */
function entry(week: number, weekday: number, hour: number, intensity = 4, urges: string[] = [], protest: string[] = []): SlotEntry {
  return { ...slotOf({ weekday, hour }), week, intensity, urges, protest };
}

/**
 * Everyday noise, three moments a week spread over the week so that no slot
 * comes back more than twice in 8 weeks; intensity 4, an urge now and then.
 */
function noise(weeks: number): SlotEntry[] {
  const out: SlotEntry[] = [];
  const places: [number, number][] = [
    [MON, 9],
    [TUE, 14],
    [WED, 19],
    [THU, 23],
    [FRI, 8],
    [SAT, 13],
    [SUN, 10],
    [TUE, 20],
    [WED, 7],
    [THU, 15],
    [FRI, 22],
    [SAT, 18],
    [MON, 16],
    [THU, 11],
  ];
  for (let week = 0; week < weeks; week++) {
    for (let i = 0; i < 3; i++) {
      const [weekday, hour] = places[(week * 3 + i) % places.length]!;
      out.push(entry(week, weekday, hour, 4, i === 0 ? ['check-social-media'] : []));
    }
  }
  return out;
}

/** Seeded noise spread uniformly in time (hour by hour), like the evaluation's. */
function uniformNoise(seed: number, perWeek: number, weeks: number): SlotEntry[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: perWeek * weeks }, () => {
    const hourOfLookback = Math.floor(random() * weeks * 168);
    const week = Math.floor(hourOfLookback / 168);
    const weekday = Math.floor((hourOfLookback % 168) / 24);
    return entry(week, weekday, hourOfLookback % 24, 1 + Math.floor(random() * 9));
  });
}

/** P(X >= k), X ~ Binomial(n, p), the plain way (fine for small n). */
function binomialTail(k: number, n: number, p: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) {
    let choose = 1;
    for (let i = 1; i <= j; i++) choose = (choose * (n - j + i)) / i;
    sum += choose * p ** j * (1 - p) ** (n - j);
  }
  return sum;
}

describe('slotOf', () => {
  const cases: [string, number, number, { weekday: number; daypart: number }][] = [
    ['Monday 00:00 is Sunday night', MON, 0, { weekday: SUN, daypart: 3 }],
    ['Monday 01:30 is Sunday night', MON, 1, { weekday: SUN, daypart: 3 }],
    ['Monday 04:59 is Sunday night', MON, 4, { weekday: SUN, daypart: 3 }],
    ['Monday 05:00 is Monday morning', MON, 5, { weekday: MON, daypart: 0 }],
    ['Monday 11:59 is Monday morning', MON, 11, { weekday: MON, daypart: 0 }],
    ['Monday 12:00 is Monday afternoon', MON, 12, { weekday: MON, daypart: 1 }],
    ['Monday 16:59 is Monday afternoon', MON, 16, { weekday: MON, daypart: 1 }],
    ['Monday 17:00 is Monday evening', MON, 17, { weekday: MON, daypart: 2 }],
    ['Monday 21:59 is Monday evening', MON, 21, { weekday: MON, daypart: 2 }],
    ['Monday 22:00 is Monday night', MON, 22, { weekday: MON, daypart: 3 }],
    ['Monday 23:59 is Monday night', MON, 23, { weekday: MON, daypart: 3 }],
    ['Sunday 00:00 is Saturday night', SUN, 0, { weekday: SAT, daypart: 3 }],
    ['Sunday 22:00 is Sunday night', SUN, 22, { weekday: SUN, daypart: 3 }],
  ];
  it.each(cases)('%s', (_name, weekday, hour, slot) => {
    expect(slotOf({ weekday, hour })).toEqual(slot);
  });

  it('refuses what is not a weekday or an hour', () => {
    expect(() => slotOf({ weekday: 7, hour: 3 })).toThrow(RangeError);
    expect(() => slotOf({ weekday: 0, hour: 24 })).toThrow(RangeError);
    expect(() => slotOf({ weekday: 0, hour: 1.5 })).toThrow(RangeError);
  });
});

describe('findPatterns', () => {
  // Sunday evenings in 6 of 8 weeks (weeks 0, 1, 2, 3, 5, 7; two moments in weeks 1 and 5): 8 moments.
  const sundayEvenings: SlotEntry[] = [
    entry(0, SUN, 21, 8, ['text-again', 'ask-reassurance'], ['excessive-contact']),
    entry(1, SUN, 18, 7, ['text-again'], ['excessive-contact']),
    entry(1, SUN, 20, 9, ['ask-reassurance', 'check-their-phone'], []),
    entry(2, SUN, 19, 6, ['Text-Again'], ['withdrawing']),
    entry(3, SUN, 17, 7, ['ask-reassurance', 'go-quiet'], ['excessive-contact']),
    entry(5, SUN, 21, 8, ['text-again', 'go-quiet'], []),
    entry(5, SUN, 17, 8, ['check-their-phone'], ['withdrawing']),
    entry(7, SUN, 20, 6, ['go-quiet'], []),
  ];

  it('finds a clear Sunday-evening pattern, and only that', () => {
    const entries = [...noise(8), ...sundayEvenings];
    const patterns = findPatterns({ entries, weeksObserved: 8 });
    expect(patterns).toHaveLength(1);
    const [p] = patterns;
    expect(p).toMatchObject({
      weekday: 'sunday',
      daypart: 'evening',
      weeks: 6,
      weeksObserved: 8,
      entries: 8,
      meanIntensity: 7.38, // 59 / 8 = 7.375
      baselineIntensity: 4, // the 24 everyday moments
      // text-again 4 (case-insensitively, shown as first written), then ask-reassurance
      // and go-quiet 3 each (a tie, by name); check-their-phone 2 is fourth, left out
      topUrges: ['text-again', 'ask-reassurance', 'go-quiet'],
      topProtest: ['excessive-contact', 'withdrawing'],
    });
    // The exact test: 8 of 32 moments fell in a 5-hour slot of 168, corrected for 28 slots.
    expect(p!.pValue).toBeCloseTo(28 * binomialTail(8, 32, 5 / 168), 12);
    expect(p!.pValue).toBeLessThan(0.001);
  });

  it('does not mind the order of the entries', () => {
    const entries = [...sundayEvenings, ...noise(8)].reverse();
    expect(findPatterns({ entries, weeksObserved: 8 })).toEqual(
      findPatterns({ entries: [...noise(8), ...sundayEvenings], weeksObserved: 8 }),
    );
  });

  it('does not call a one-night burst a pattern', () => {
    // Five moments in one bad Wednesday night, the last three after midnight (Thursday by the calendar).
    const burst = [entry(2, WED, 22, 9), entry(2, WED, 23, 9), entry(2, THU, 0, 10), entry(2, THU, 1, 9), entry(2, THU, 3, 8)];
    expect(new Set(burst.map((e) => `${e.weekday}/${e.daypart}`))).toEqual(new Set([`${WED}/3`]));
    expect(findPatterns({ entries: [...noise(8), ...burst], weeksObserved: 8 })).toEqual([]);
    // Nor eight in one night, nor the same bad night twice, though on counts alone either
    // would stand far above the other moments: one or two weeks are not a recurrence.
    const eight = [...burst, entry(2, THU, 2, 9), entry(2, THU, 4, 8), entry(2, WED, 23, 9)];
    expect(28 * binomialTail(8, 32, 7 / 168)).toBeLessThan(0.01);
    expect(findPatterns({ entries: [...noise(8), ...eight], weeksObserved: 8 })).toEqual([]);
    const twice = [...burst, ...burst.map((e) => ({ ...e, week: 6 }))];
    expect(28 * binomialTail(10, 34, 7 / 168)).toBeLessThan(0.001);
    expect(findPatterns({ entries: [...noise(8), ...twice], weeksObserved: 8 })).toEqual([]);
  });

  it('needs the slot in 40% of the observed weeks: 3 of 8 is not enough, 4 of 8 is', () => {
    const heavy = (weeks: number[]) => weeks.flatMap((week) => [entry(week, WED, 13, 7), entry(week, WED, 15, 7)]);
    expect(28 * binomialTail(6, 30, 5 / 168)).toBeLessThan(0.05); // enough on counts alone
    expect(findPatterns({ entries: [...noise(8), ...heavy([0, 3, 6])], weeksObserved: 8 })).toEqual([]);
    const four = findPatterns({ entries: [...noise(8), ...heavy([0, 3, 5, 6])], weeksObserved: 8 });
    expect(four.map((p) => [p.weekday, p.daypart, p.weeks, p.entries])).toEqual([['wednesday', 'afternoon', 4, 8]]);
  });

  describe('a journal younger than the lookback', () => {
    const young = (weeksObserved: number, weeks: number[]) => [
      ...noise(weeksObserved),
      ...weeks.flatMap((week) => [entry(week, SUN, 19, 8, ['text-again']), entry(week, SUN, 21, 7, ['text-again'])]),
    ];

    it('finds a slot that came every one of its 3 weeks, out of 3', () => {
      const patterns = findPatterns({ entries: young(3, [0, 1, 2]), weeksObserved: 3 });
      expect(patterns).toHaveLength(1);
      expect(patterns[0]).toMatchObject({
        weekday: 'sunday',
        daypart: 'evening',
        weeks: 3,
        weeksObserved: 3,
        entries: 6,
        topUrges: ['text-again'],
      });
    });

    it('wants more than one moment a week to be sure so early', () => {
      // 3 single Sunday evenings among 12 moments: 28 x P = 0.16, could be chance.
      const single = [...noise(3), ...[0, 1, 2].map((week) => entry(week, SUN, 20, 8))];
      expect(findPatterns({ entries: single, weeksObserved: 3 })).toEqual([]);
    });

    it('finds nothing in 2 of 3 weeks, or in a journal of 2 weeks, however full', () => {
      expect(findPatterns({ entries: young(3, [0, 2]), weeksObserved: 3 })).toEqual([]);
      const twoWeeks = [...young(2, [0, 1]), ...young(2, [0, 1])];
      expect(findPatterns({ entries: twoWeeks, weeksObserved: 2 })).toEqual([]);
    });

    it('finds nothing when nothing is observed', () => {
      expect(findPatterns({ entries: [], weeksObserved: 0 })).toEqual([]);
      expect(findPatterns({ entries: [], weeksObserved: 8 })).toEqual([]);
    });
  });

  it('finds nothing in noise', () => {
    expect(findPatterns({ entries: noise(8), weeksObserved: 8 })).toEqual([]);
    for (const seed of [1, 2, 3]) {
      expect(findPatterns({ entries: uniformNoise(seed, 3, 8), weeksObserved: 8 })).toEqual([]);
      expect(findPatterns({ entries: uniformNoise(seed, 6, 8), weeksObserved: 8 })).toEqual([]);
    }
  });

  it('does not favour the longer slots: one moment in every slot every week is no pattern', () => {
    const everySlot = Array.from({ length: 8 }, (_, week) =>
      [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) => [8, 14, 19, 23].map((hour) => entry(week, weekday, hour))),
    ).flat();
    expect(everySlot).toHaveLength(8 * 28);
    expect(findPatterns({ entries: everySlot, weeksObserved: 8 })).toEqual([]);
  });

  it('does not read hard evenings on every day as a pattern of any one weekday', () => {
    // Two moments on 5 of 8 evenings of every weekday (rotating), and the everyday 24.
    const evenings = Array.from({ length: 8 }, (_, week) =>
      [0, 1, 2, 3, 4, 5, 6]
        .filter((weekday) => (week + weekday) % 8 < 5)
        .flatMap((weekday) => [entry(week, weekday, 18, 6), entry(week, weekday, 21, 6)]),
    ).flat();
    expect(evenings).toHaveLength(70);
    const entries = [...noise(8), ...evenings];
    // Each evening stands far above the rest of the week by hours: 10 of the 94 moments in 5 of 168 hours ...
    expect(28 * binomialTail(10, entries.length, 5 / 168)).toBeLessThan(0.05);
    // ... but not above the other evenings, which is what a weekday pattern would mean.
    expect(findPatterns({ entries, weeksObserved: 8 })).toEqual([]);
    // Sunday evenings in 6 of 8 weeks, 12 moments, would not stand out among the other evenings' 10 or more each ...
    const sundays = (weeks: number[], times: number[]) => weeks.flatMap((week) => times.map((hour) => entry(week, SUN, hour, 8)));
    const others = entries.filter((e) => e.weekday !== SUN);
    expect(findPatterns({ entries: [...others, ...sundays([0, 1, 2, 3, 4, 5], [17, 20])], weeksObserved: 8 })).toEqual([]);
    // ... but three every Sunday evening (24) do.
    const sunday = sundays([0, 1, 2, 3, 4, 5, 6, 7], [17, 19, 21]);
    const withSunday = findPatterns({ entries: [...others, ...sunday], weeksObserved: 8 });
    expect(withSunday.map((p) => [p.weekday, p.daypart])).toEqual([['sunday', 'evening']]);
  });

  it('finds two patterns, strongest first, the second not hidden by the first', () => {
    // Saturday nights in 7 of 8 weeks (two moments each, one of them after midnight), and
    // Sunday evenings in 5 weeks (6 moments), over the everyday 24.
    const saturday = [0, 1, 2, 3, 4, 5, 6].flatMap((week) => [entry(week, SAT, 23, 6), entry(week, SUN, 2, 6)]);
    const sunday = [1, 2, 4, 4, 5, 7].map((week) => entry(week, SUN, 18, 7));
    const patterns = findPatterns({ entries: [...noise(8), ...saturday, ...sunday], weeksObserved: 8 });
    expect(patterns.map((p) => [p.weekday, p.daypart, p.weeks, p.entries])).toEqual([
      ['saturday', 'night', 7, 14],
      ['sunday', 'evening', 5, 6],
    ]);
    expect(patterns[0]!.pValue).toBeCloseTo(28 * binomialTail(14, 44, 7 / 168), 12);
    // Against all 44 moments (Saturday nights included), Sunday's 6 would just miss: 28 x P = 0.052.
    expect(28 * binomialTail(6, 44, 5 / 168)).toBeGreaterThan(0.05);
    // Once Saturday night is found, it leaves the baseline: 6 of the other 30 moments, 5 of the other 161 hours.
    expect(patterns[1]!.pValue).toBeCloseTo(28 * binomialTail(6, 30, 5 / 161), 12);
    // Each pattern's baseline intensity is everything outside its own slot.
    expect(patterns[1]!.baselineIntensity).toBe(Math.round(((24 * 4 + 14 * 6) / 38) * 100) / 100);
  });

  it('shows what comes with a pattern only when it came more than once', () => {
    const entries = [0, 1, 2, 3].map((week) => entry(week, MON, 8, 5, [`urge-${week}`, 'B-urge', 'a-urge'], week < 2 ? ['testing'] : []));
    const [p] = findPatterns({ entries, weeksObserved: 4 });
    expect(p).toMatchObject({ weekday: 'monday', daypart: 'morning', entries: 4, meanIntensity: 5, baselineIntensity: null });
    expect(p!.topUrges).toEqual(['a-urge', 'B-urge']); // ties by name, case-insensitively; the one-offs left out
    expect(p!.topProtest).toEqual(['testing']);
    expect(p!.pValue).toBeCloseTo(28 * (7 / 168) ** 4, 15);
  });

  it('stays exact and finite with hundreds of entries', () => {
    // Three moments in every slot but Thursday afternoon, every week: 648 moments.
    const even = Array.from({ length: 8 }, (_, week) =>
      [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
        [8, 14, 19, 23].flatMap((hour) =>
          weekday === THU && hour === 14 ? [] : [entry(week, weekday, hour), entry(week, weekday, hour), entry(week, weekday, hour)],
        ),
      ),
    ).flat();
    const thursday = (count: number) => Array.from({ length: count }, (_, i) => entry(i % 8, THU, 12 + (i % 5), 6));

    // 300 on Thursday afternoons: far beyond any doubt, and no overflow on the way.
    const [strong, ...rest] = findPatterns({ entries: [...even, ...thursday(300)], weeksObserved: 8 });
    expect(rest).toEqual([]);
    expect(strong).toMatchObject({
      weekday: 'thursday',
      daypart: 'afternoon',
      weeks: 8,
      entries: 300,
      meanIntensity: 6,
      baselineIntensity: 4,
    });
    expect(Number.isFinite(strong!.pValue)).toBe(true);
    expect(strong!.pValue).toBeGreaterThanOrEqual(0);
    expect(strong!.pValue).toBeLessThan(1e-100);

    // 40 of 688, about twice the 20.5 expected: the tail is the exact one, to 1e-9.
    const [moderate] = findPatterns({ entries: [...even, ...thursday(40)], weeksObserved: 8 });
    expect(moderate).toMatchObject({ weekday: 'thursday', daypart: 'afternoon', entries: 40 });
    const exact = 28 * binomialTail(40, 688, 5 / 168);
    expect(exact).toBeGreaterThan(1e-8);
    expect(Math.abs(moderate!.pValue / exact - 1)).toBeLessThan(1e-9);

    // 30 of 678 is within what chance does 28 times over.
    expect(findPatterns({ entries: [...even, ...thursday(30)], weeksObserved: 8 })).toEqual([]);
  });

  it('refuses a slot that does not exist', () => {
    expect(() =>
      findPatterns({ entries: [{ weekday: 7, daypart: 0, week: 0, intensity: 1, urges: [], protest: [] }], weeksObserved: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      findPatterns({ entries: [{ weekday: 0, daypart: 4, week: 0, intensity: 1, urges: [], protest: [] }], weeksObserved: 1 }),
    ).toThrow(RangeError);
  });
});
