import { describe, expect, it } from 'vitest';
import { normalTwoSided, studentTwoSided } from '../../src/analysis/distributions.js';
import { cochranArmitage, holm, kendall, poissonTrend } from '../../src/analysis/trend.js';
import { fitLogistic } from '../../src/analysis/trend-fit.js';

/*
 * Every reference value below was computed independently with scipy 1.17
 * (Python), the lines quoted beside it, or by hand in the test.
 */

describe('tail probabilities', () => {
  it('match scipy.stats.norm for the standard normal', () => {
    // 2 * stats.norm.sf(z)
    const cases: [number, number][] = [
      [0.5, 0.6170750774519738],
      [1.96, 0.04999579029644087],
      [3.3, 0.0009668482847675549],
      [5.2, 1.992885263386694e-7],
    ];
    for (const [z, p] of cases) {
      expect(normalTwoSided(z)).toBeCloseTo(p, 7);
      expect(normalTwoSided(-z)).toBeCloseTo(p, 7);
      expect(Math.abs(normalTwoSided(z) / p - 1)).toBeLessThan(1e-6);
    }
    expect(normalTwoSided(0)).toBe(1);
  });

  it("match scipy.stats.t for Student's t", () => {
    // 2 * stats.t.sf(t, df)
    const cases: [number, number, number][] = [
      [2.1, 5, 0.08975324988459879],
      [2.8, 24, 0.009929181279709187],
      [1.0, 1, 0.5],
      [4.5, 60, 3.1803641281551855e-5],
    ];
    for (const [t, df, p] of cases) expect(Math.abs(studentTwoSided(t, df) / p - 1)).toBeLessThan(1e-6);
  });
});

describe("Kendall's tau against time", () => {
  // Ties in both: two observations share x = 12, and y takes 7 values over 16 observations.
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 13, 14, 15];
  const y = [7, 8, 6, 7, 5, 6, 6, 4, 5, 5, 3, 4, 4, 2, 5, 3];

  it('gives scipy.stats.kendalltau(x, y, method="asymptotic"): tau-b and p with the tie-corrected variance', () => {
    const k = kendall(x, y)!;
    expect(k.tauB).toBeCloseTo(-0.6944935063619703, 10);
    expect(k.p).toBeCloseTo(0.0003423350675951747, 7);
    expect(k.z).toBeLessThan(0);
  });

  it('counts S as concordant minus discordant pairs, the same as comparing every pair by hand', () => {
    const sign = (v: number) => Math.sign(v);
    let s = 0;
    for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) s += sign(x[j]! - x[i]!) * sign(y[j]! - y[i]!);
    expect(kendall(x, y)!.s).toBe(s);
  });

  it('agrees with the pair-by-pair count on 2,000 random moments with many ties', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const t = Array.from({ length: 2000 }, () => Math.floor(random() * 400));
    const v = Array.from({ length: 2000 }, () => Math.floor(random() * 11));
    let s = 0;
    for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) s += Math.sign(t[j]! - t[i]!) * Math.sign(v[j]! - v[i]!);
    expect(kendall(t, v)!.s).toBe(s);
  });

  it('is the same with clusters of one, and more careful when a cluster repeats its moments', () => {
    const alone = kendall(
      x,
      y,
      x.map((_, i) => i),
    )!;
    expect(alone.designEffect).toBe(1);
    expect(alone.z).toBeCloseTo(kendall(x, y)!.z, 12);
    // Every moment logged twice on the same evening: no new information, so the evidence must not double.
    const twice = kendall([...x, ...x.map((v) => v + 0.01)], [...y, ...y], [...x.keys(), ...x.keys()])!;
    const naive = kendall([...x, ...x.map((v) => v + 0.01)], [...y, ...y])!;
    expect(twice.designEffect).toBeGreaterThan(1.5);
    expect(Math.abs(twice.z)).toBeLessThan(Math.abs(naive.z));
  });

  it('has no answer for a constant intensity or too few moments', () => {
    expect(kendall([1, 2, 3, 4], [5, 5, 5, 5])).toBeNull();
    expect(kendall([1, 2], [3, 4])).toBeNull();
  });

  it('handles 100,000 moments quickly (O(n log n))', () => {
    const n = 100_000;
    const t = Array.from({ length: n }, (_, i) => i);
    const v = t.map((i) => (i * 7919) % 11);
    const started = performance.now();
    expect(
      kendall(
        t,
        v,
        t.map((i) => Math.floor(i / 3)),
      ),
    ).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('Cochran-Armitage trend in a share', () => {
  const t = [3, 5, 8, 13, 21, 34, 40, 47, 55, 60, 71, 80];
  const o = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1].map(Boolean);

  it('is z = r * sqrt(N - 1), r Pearson of time and outcome (scipy.stats.pearsonr)', () => {
    const ca = cochranArmitage(t, o)!;
    expect(ca.z).toBeCloseTo(1.4178724193948082, 10);
    expect(ca.p).toBeCloseTo(0.15622801602034234, 7);
  });

  it('equals the hand computation U / sqrt(K (N - K) / (N (N - 1)) * sum (t - mean)^2)', () => {
    const n = t.length;
    const k = o.filter(Boolean).length;
    const mean = t.reduce((a, b) => a + b, 0) / n;
    const u = t.reduce((acc, v, i) => acc + (o[i] ? v - mean : 0), 0);
    const ss = t.reduce((acc, v) => acc + (v - mean) ** 2, 0);
    expect(cochranArmitage(t, o)!.z).toBeCloseTo(u / Math.sqrt(((k * (n - k)) / (n * (n - 1))) * ss), 12);
  });

  it('has no answer when every outcome is the same', () => {
    expect(
      cochranArmitage(
        t,
        t.map(() => true),
      ),
    ).toBeNull();
  });

  it('fits the logistic curve the change is described with (scipy.optimize on the log-likelihood)', () => {
    const fit = fitLogistic(t, o);
    expect(fit.a).toBeCloseTo(-1.3604100869724587, 5);
    expect(fit.b).toBeCloseTo(0.037664044920453436, 6);
  });
});

describe('quasi-Poisson trend of weekly counts', () => {
  // x: middle of each week (days), exposure: days, count: events; the last week is 4 days long.
  const units = [
    { x: 3.5, exposure: 7, count: 4 },
    { x: 10.5, exposure: 7, count: 6 },
    { x: 17.5, exposure: 7, count: 3 },
    { x: 24.5, exposure: 7, count: 2 },
    { x: 31.5, exposure: 7, count: 2 },
    { x: 38.5, exposure: 7, count: 1 },
    { x: 44, exposure: 4, count: 0 },
  ];

  it('fits log(rate) = a + b x as scipy.optimize does on the Poisson log-likelihood', () => {
    const fit = poissonTrend(units)!;
    expect(fit.a).toBeCloseTo(-0.04858424527322674, 5);
    expect(fit.b).toBeCloseTo(-0.04648148700589562, 6);
  });

  it('tests b = 0 by the score statistic, against t with units - 2 degrees of freedom', () => {
    // Pearson X^2 of the fit is 2.03 on 5 degrees of freedom: no widening (dispersion 1).
    const fit = poissonTrend(units)!;
    expect(fit.dispersion).toBe(1);
    expect(fit.z).toBeCloseTo(-2.404848264169476, 8);
    expect(fit.p).toBeCloseTo(0.06125264931916407, 7);
  });

  it('widens the test when the weeks vary more than a Poisson count would', () => {
    const lumpy = units.map((u, i) => ({ ...u, count: i % 2 ? 0 : u.count * 3 }));
    const fit = poissonTrend(lumpy)!;
    expect(fit.dispersion).toBeGreaterThan(2);
  });

  it('has no answer without events', () => {
    expect(poissonTrend(units.map((u) => ({ ...u, count: 0 })))).toBeNull();
  });
});

describe('Holm correction', () => {
  it('steps down: the smallest p times m, the next times m - 1, never below an earlier one', () => {
    // By hand: sorted 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> 0.06).
    expect(holm([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(holm([0.9, 0.8])).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
  });
});
