import { describe, expect, it } from 'vitest';
import { countTrend } from '../../src/analysis/trend-count.js';
import { linearTrend } from '../../src/analysis/trend-linear.js';

/*
 * Reference values computed independently with scipy 1.17 / numpy (Python):
 * scipy.stats.linregress for a slope alone; for clusters, the cluster means
 * by numpy, the intraclass correlation from scipy.stats.f_oneway's F on the
 * residuals ((F - 1) / (F + n0 - 1)), the weighted fit by numpy.linalg and
 * the p-value by scipy.stats.t; for counts, every one of the 5,040
 * arrangements enumerated with itertools.permutations.
 */

describe('least-squares trend, every observation alone', () => {
  // The fixed journal of the Kendall test (trend.test.ts): a tie in x, many in y.
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 13, 14, 15];
  const y = [7, 8, 6, 7, 5, 6, 6, 4, 5, 5, 3, 4, 4, 2, 5, 3];

  it('is scipy.stats.linregress: slope, intercept, t = slope / stderr and its p with n - 2 degrees of freedom', () => {
    const r = linearTrend(x, y)!;
    expect(r.slope).toBeCloseTo(-0.30847457627118646, 12);
    expect(r.intercept).toBeCloseTo(7.544915254237289, 12);
    expect(r.z).toBeCloseTo(-5.739787005938776, 10);
    expect(r.p / 5.1151349321199224e-5).toBeCloseTo(1, 5);
    expect(r).toMatchObject({ rho: 0, df: 14 });
  });

  it('is the same with clusters of one', () => {
    const alone = linearTrend(
      x,
      y,
      x.map((_, i) => i),
    )!;
    expect(alone.z).toBeCloseTo(linearTrend(x, y)!.z, 12);
  });

  it('tests a share as 1s and 0s: the slope t of scipy.stats.linregress', () => {
    const t = [3, 5, 8, 13, 21, 34, 40, 47, 55, 60, 71, 80];
    const o = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1];
    const r = linearTrend(t, o)!;
    expect(r.z).toBeCloseTo(1.4954298924440077, 10);
    expect(r.p).toBeCloseTo(0.16567578960917653, 7);
  });

  it('finds a line without any scatter, with a finite z', () => {
    const r = linearTrend([1, 2, 3, 4, 5], [9, 8, 7, 6, 5])!;
    expect(r.z).toBeLessThan(-1e6);
    expect(Number.isFinite(r.z)).toBe(true);
    expect(r.p).toBeLessThan(1e-9);
  });

  it('has no answer for a constant intensity, one time, or too few observations', () => {
    expect(linearTrend([1, 2, 3, 4], [5, 5, 5, 5])).toBeNull();
    expect(linearTrend([2, 2, 2, 2], [1, 5, 3, 4])).toBeNull();
    expect(linearTrend([1, 2], [3, 4])).toBeNull();
  });
});

describe('least-squares trend over clusters (evenings)', () => {
  // 14 evenings three days apart, 23 moments: evenings of 2 or 3 moments nearly alike (bursts).
  const t = [
    0.8, 3.8, 3.85, 3.9, 6.8, 9.8, 9.85, 12.8, 15.8, 15.85, 15.9, 18.8, 21.8, 21.85, 24.8, 27.8, 30.8, 30.85, 30.9, 33.8, 36.8, 36.85, 39.8,
  ];
  const v = [7, 8, 9, 8, 5, 7, 8, 6, 4, 5, 4, 6, 5, 6, 3, 5, 4, 4, 4, 2, 4, 4, 3];
  const evening = t.map((d) => Math.floor(d - 5 / 24));

  it('weights each evening by size / (1 + (size - 1) rho) and reads t with evenings - 2 degrees of freedom, as numpy and scipy do', () => {
    const r = linearTrend(t, v, evening)!;
    expect(r.rho).toBeCloseTo(0.7861322329716168, 10);
    expect(r.slope).toBeCloseTo(-0.1186363824953245, 10);
    expect(r.intercept).toBeCloseTo(7.483254531484474, 9);
    expect(r.z).toBeCloseTo(-4.843320144231506, 8);
    expect(r.p / 0.00040277741359604066).toBeCloseTo(1, 5);
    expect(r.df).toBe(12);
  });

  it('claims less than a test that takes each moment of a burst for new evidence', () => {
    // scipy.stats.linregress over the 23 moments: t -6.42, p 2.3e-6.
    const naive = linearTrend(t, v)!;
    expect(naive.z).toBeCloseTo(-6.416851195117078, 8);
    expect(Math.abs(linearTrend(t, v, evening)!.z)).toBeLessThan(Math.abs(naive.z));
  });

  it('does not widen anything when moments of one evening do not go together', () => {
    // Two moments on each evening, one above and one below the line: rho is held at 0.
    const x = [0.8, 0.9, 1.8, 1.9, 2.8, 2.9, 3.8, 3.9, 4.8, 4.9];
    const y = [8, 6, 7, 5, 7, 5, 6, 4, 5, 3];
    const r = linearTrend(
      x,
      y,
      x.map((d) => Math.floor(d)),
    )!;
    expect(r.rho).toBe(0);
  });
});

describe('permutation trend of counts', () => {
  const counts = [9, 7, 8, 5, 6, 3, 4];

  it('matches the exact p over all 5,040 arrangements, within the error of its 4,999 draws', () => {
    // itertools.permutations: 62 of 5,040 arrangements score at least as far from 0, p = 0.0123016.
    const r = countTrend(counts)!;
    const exact = 0.012301587301587301;
    expect(Math.abs(r.p - exact)).toBeLessThan(3 * Math.sqrt((exact * (1 - exact)) / 4999) + 1 / 5000);
    expect(r.z).toBeCloseTo(-2.187044413199266, 10);
    expect(r.units).toBe(7);
  });

  it('gives the same answer every time (a fixed seed), and p = 1 when nothing moves', () => {
    expect(countTrend(counts)!.p).toBe(countTrend(counts)!.p);
    expect(countTrend([4, 4, 4, 4])).toEqual({ z: 0, p: 1, units: 4 });
    expect(countTrend([5, 1])).toBeNull();
    expect(countTrend([3, 5, 4, 4, 5, 3])!.p).toBe(1);
  });

  it('cannot claim a change from 4 stretches, whatever they hold: 24 arrangements are too few', () => {
    expect(countTrend([20, 10, 5, 0])!.p).toBeGreaterThan(1 / 12 - 0.02);
  });
});
