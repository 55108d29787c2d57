import { studentTwoSided } from './distributions.js';
import type { Trend } from './trend.js';

/*
 * The least-squares trend test of attach progress (progress-changes.ts):
 * each moment's intensity against its time, and each answer (1 yes, 0 no)
 * against its time for a share, where it is the Cochran-Armitage statistic
 * studentised by the residual variance instead of the variance under "no
 * change". That is what makes it stronger than a rank test or the classic
 * Cochran-Armitage when a change is real: the spread it divides by is the
 * spread left around the line, not the spread of all the values, which a
 * trend itself widens (bench/PROGRESS-EVAL.md measures the difference).
 *
 * Moments of one evening may go together (a hard evening brings three, each
 * as strong as the last). So the line is fitted to clusters (evenings), as
 * a random-intercept model would: each cluster's mean at its mean time,
 * weighted by size / (1 + (size - 1) rho), rho the intraclass correlation
 * of the residuals of a first, unweighted fit (one-way ANOVA, unbalanced,
 * held to [0, 0.99]). The slope's variance is then read from the clusters'
 * own scatter around the line, with clusters - 2 degrees of freedom, so a
 * rho that is somewhat off moves the weights, not the honesty of the test.
 * With every observation its own cluster this is the textbook t-test of a
 * slope (scipy.stats.linregress); both cases are checked against scipy in
 * tests/unit/trend-linear.test.ts.
 */

export interface LinearTrend extends Trend {
  /** The fitted line y = intercept + slope * x. */
  intercept: number;
  slope: number;
  /** The residuals' correlation within a cluster (0 when none go together, or no cluster has two). */
  rho: number;
  /** Degrees of freedom z is read against: clusters - 2. */
  df: number;
}

interface Cluster {
  size: number;
  x: number;
  y: number;
}

/**
 * Weighted least-squares slope of y on x over cluster means, tested against
 * a flat line: z is the slope over its standard error (a t statistic), p
 * two-sided against Student's t with clusters - 2 degrees of freedom.
 * `cluster` labels each observation; without it each stands alone. Null with
 * fewer than 3 clusters, or when x or y is constant.
 */
export function linearTrend(x: readonly number[], y: readonly number[], cluster?: readonly number[]): LinearTrend | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const sums = new Map<number, Cluster>();
  for (let i = 0; i < n; i++) {
    const key = cluster ? cluster[i]! : i;
    const c = sums.get(key) ?? { size: 0, x: 0, y: 0 };
    c.size++;
    c.x += x[i]!;
    c.y += y[i]!;
    sums.set(key, c);
  }
  const clusters = [...sums.values()].map((c) => ({ size: c.size, x: c.x / c.size, y: c.y / c.size }));
  if (clusters.length < 3) return null;
  const first = fitMeans(clusters.map((c) => ({ ...c, w: c.size })));
  if (!first) return null;
  const rho = clusters.length < n ? intraclass(x, y, cluster!, sums, first) : 0;
  const line = rho > 0 ? fitMeans(clusters.map((c) => ({ ...c, w: c.size / (1 + (c.size - 1) * rho) }))) : first;
  if (!line) return null;
  if (y.every((v) => v === y[0])) return null;
  const df = clusters.length - 2;
  // Points exactly on a line leave no scatter: a floor far below any real spread keeps z finite (and huge).
  const variance = Math.max(line.scatter / df, 1e-18 * (1 + line.mean ** 2));
  const z = line.slope / Math.sqrt(variance / line.sxx);
  return { z, p: studentTwoSided(z, df), intercept: line.intercept, slope: line.slope, rho, df };
}

/** Weighted least squares of cluster means: the line, the weighted spread of x, and the weighted squared residuals. */
function fitMeans(
  points: readonly (Cluster & { w: number })[],
): { intercept: number; slope: number; mean: number; sxx: number; scatter: number } | null {
  let w = 0;
  let wx = 0;
  let wy = 0;
  for (const p of points) {
    w += p.w;
    wx += p.w * p.x;
    wy += p.w * p.y;
  }
  const mx = wx / w;
  const my = wy / w;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += p.w * (p.x - mx) ** 2;
    sxy += p.w * (p.x - mx) * (p.y - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  let scatter = 0;
  for (const p of points) scatter += p.w * (p.y - my - slope * (p.x - mx)) ** 2;
  return { intercept: my - slope * mx, slope, mean: my, sxx, scatter };
}

/**
 * One-way random-effects ANOVA estimate of the intraclass correlation of the
 * residuals around `line`, for unequal cluster sizes: (MSB - MSW) / (MSB +
 * (n0 - 1) MSW), n0 = (N - sum size^2 / N) / (clusters - 1), held to [0, 0.99].
 */
function intraclass(
  x: readonly number[],
  y: readonly number[],
  cluster: readonly number[],
  sums: ReadonlyMap<number, Cluster>,
  line: { intercept: number; slope: number },
): number {
  const n = x.length;
  const k = sums.size;
  const residual = (i: number) => y[i]! - line.intercept - line.slope * x[i]!;
  let total = 0;
  let all = 0;
  for (let i = 0; i < n; i++) {
    total += residual(i) ** 2;
    all += residual(i);
  }
  const inCluster = new Map<number, number>();
  for (let i = 0; i < n; i++) inCluster.set(cluster[i]!, (inCluster.get(cluster[i]!) ?? 0) + residual(i));
  let between = 0;
  let squares = 0;
  for (const [key, c] of sums) {
    between += inCluster.get(key)! ** 2 / c.size;
    squares += c.size * c.size;
  }
  // Sums of squares about the grand mean of the residuals (0 up to rounding for an unweighted fit).
  between -= (all * all) / n;
  const within = total - (all * all) / n - between;
  const msb = between / (k - 1);
  const msw = within / (n - k);
  const n0 = (n - squares / n) / (k - 1);
  const denominator = msb + (n0 - 1) * msw;
  if (!(denominator > 0)) return 0;
  return Math.min(0.99, Math.max(0, (msb - msw) / denominator));
}
