import { normalTwoSided, studentTwoSided } from './distributions.js';
import { fitLogLinear } from './trend-fit.js';

/*
 * Trend tests for one person's journal over months (attach progress). Pure
 * numbers in, numbers out. Each test looks at every entry, not at monthly
 * totals, because one person's monthly figures are too noisy for a test of
 * six points (STACK-NOTES.md: a fall from 11 to 4 strong moments a month is
 * missed more often than found that way). Two-sided, normal approximations
 * whose variances are the exact ones under "no change", checked against
 * scipy in tests/unit/trend.test.ts.
 *
 * These were attach progress's first tests. It now uses trend-linear.ts
 * (intensity and shares) and trend-count.ts (counts), which find a real
 * change more often at the same level and stay honest with bursts and hard
 * weeks (bench/PROGRESS-EVAL.md, "What was tried"); kendall, cochranArmitage
 * and poissonTrend stay as checked references for that comparison, and
 * holm is what progress-multiplicity.ts reduces to without dependent measures.
 */

export interface Trend {
  /** Standardised statistic: positive when the measure rises with time. */
  z: number;
  /** Two-sided p-value of z against the standard normal. */
  p: number;
}

const trend = (z: number): Trend => ({ z, p: normalTwoSided(z) });

/** Sizes of the groups of equal values (only groups of 2 or more matter for the tie corrections). */
function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((t) => t > 1);
}

export interface Kendall extends Trend {
  /** Concordant minus discordant pairs. */
  s: number;
  /** Variance of s when x and y are unrelated and every observation stands alone, corrected for ties in both. */
  variance: number;
  /** How much the clusters widen that variance (1 without clusters; see designEffect). */
  designEffect: number;
  tauB: number;
}

/**
 * For each observation, in order of x: how many observations before it (smaller x, ties in x
 * excluded) have a smaller y and how many a larger one. A Fenwick tree over the ranks of y.
 */
function earlierCounts(order: readonly number[], x: readonly number[], rankOf: readonly number[], ranks: number): [number[], number[]] {
  const tree = new Array<number>(ranks + 1).fill(0);
  const below = (r: number) => {
    let sum = 0;
    for (let i = r; i > 0; i -= i & -i) sum += tree[i]!;
    return sum;
  };
  const smaller = new Array<number>(x.length).fill(0);
  const larger = new Array<number>(x.length).fill(0);
  let seen = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && x[order[end]!] === x[order[start]!]) end++;
    // Pairs tied in x count neither way: compare the whole group before adding it.
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      smaller[i] = below(rankOf[i]! - 1);
      larger[i] = seen - below(rankOf[i]!);
    }
    for (let k = start; k < end; k++) for (let r = rankOf[order[k]!]!; r <= ranks; r += r & -r) tree[r]!++;
    seen += end - start;
    start = end;
  }
  return [smaller, larger];
}

/**
 * Kendall's rank correlation of y against x (Mann-Kendall when x is time).
 * Under independence S has the variance of Kendall (1970, eq. 4.4),
 * corrected for ties in both variables (scipy.stats.kendalltau's asymptotic
 * method, without a continuity correction). With `cluster` (one label per
 * observation), observations of one cluster may go together: a burst of
 * moments on one bad evening, each as strong as the last. Then the variance
 * is also estimated from the data, summing each cluster's share of S (the
 * U-statistic's projection: each observation's concordant minus discordant
 * pairs), and the larger of the two is used, so clusters can only make the
 * test more careful. O(n log n) throughout (a Fenwick tree over the ranks
 * of y), so 100k moments are fine. Null with fewer than 3 observations or a
 * constant variable.
 */
export function kendall(x: readonly number[], y: readonly number[], cluster?: readonly number[]): Kendall | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const ys = [...new Set(y)].sort((a, b) => a - b);
  const rank = new Map(ys.map((v, i) => [v, i + 1]));
  const rankOf = y.map((v) => rank.get(v)!);
  const forward = [...x.keys()].sort((a, b) => x[a]! - x[b]!);
  const [before, beforeAbove] = earlierCounts(forward, x, rankOf, ys.length);
  const reversedRanks = rankOf.map((r) => ys.length + 1 - r);
  const [afterAbove, afterBelow] = earlierCounts([...forward].reverse(), x, reversedRanks, ys.length);
  // An observation's pairs: concordant (earlier and lower, later and higher) minus discordant.
  const h = x.map((_, i) => before[i]! - beforeAbove[i]! + afterAbove[i]! - afterBelow[i]!);
  const s = x.reduce((acc, _, i) => acc + before[i]! - beforeAbove[i]!, 0);

  const tx = tieGroups(x);
  const ty = tieGroups(y);
  const sum = (ts: number[], f: (t: number) => number) => ts.reduce((acc, t) => acc + f(t), 0);
  const variance =
    (n * (n - 1) * (2 * n + 5) - sum(tx, (t) => t * (t - 1) * (2 * t + 5)) - sum(ty, (t) => t * (t - 1) * (2 * t + 5))) / 18 +
    (sum(tx, (t) => t * (t - 1) * (t - 2)) * sum(ty, (t) => t * (t - 1) * (t - 2))) / (9 * n * (n - 1) * (n - 2)) +
    (sum(tx, (t) => t * (t - 1)) * sum(ty, (t) => t * (t - 1))) / (2 * n * (n - 1));
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - sum(tx, (t) => (t * (t - 1)) / 2)) * (pairs - sum(ty, (t) => (t * (t - 1)) / 2)));
  if (!(variance > 0) || !(denominator > 0)) return null;
  const mean = (2 * s) / n;
  const deff = cluster ? designEffect(cluster, (i) => h[i]! - mean) : 1;
  return { s, variance, designEffect: deff, tauB: s / denominator, ...trend(s / Math.sqrt(variance * deff)) };
}

/**
 * How much wider a sum of `part` varies when observations of one cluster go
 * together than if each stood alone: the cluster-robust variance (sum over
 * clusters of each cluster's total, squared) over the same without clusters
 * (sum of squares), at least 1. A ratio, so it measures only the
 * togetherness: a real trend shrinks or swells both alike.
 */
function designEffect(cluster: readonly number[], part: (i: number) => number): number {
  const totals = new Map<number, number>();
  let alone = 0;
  cluster.forEach((c, i) => {
    const v = part(i);
    alone += v * v;
    totals.set(c, (totals.get(c) ?? 0) + v);
  });
  let together = 0;
  for (const total of totals.values()) together += total * total;
  return alone > 0 ? Math.max(1, together / alone) : 1;
}

/**
 * Cochran-Armitage test for a trend in a share: each observation's outcome
 * (yes/no) against its own score (here its time). The variance is the exact
 * one given the number of yeses (the permutation variance, N/(N-1) times the
 * textbook one), so z = r * sqrt(N - 1) with r Pearson's correlation of
 * score and outcome. With `cluster`, as in kendall: the variance is also
 * summed by cluster from the data (several strong moments of one evening
 * share one pause) and the larger is used. Null when every outcome is the
 * same or every score is.
 */
export function cochranArmitage(score: readonly number[], outcome: readonly boolean[], cluster?: readonly number[]): Trend | null {
  const n = score.length;
  if (n < 2 || outcome.length !== n) return null;
  const yes = outcome.filter(Boolean).length;
  const mean = score.reduce((a, b) => a + b, 0) / n;
  let u = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = score[i]! - mean;
    if (outcome[i]) u += d;
    ss += d * d;
  }
  const variance = ((yes * (n - yes)) / (n * (n - 1))) * ss;
  if (!(variance > 0)) return null;
  const share = yes / n;
  const deff = cluster ? designEffect(cluster, (i) => (score[i]! - mean) * ((outcome[i] ? 1 : 0) - share)) : 1;
  return trend(u / Math.sqrt(variance * deff));
}

/** Counts over a stretch of time: `exposure` days of it, centred at `x` days. */
export interface CountUnit {
  x: number;
  exposure: number;
  count: number;
}

export interface PoissonTrend extends Trend {
  /** Fitted log rate per day: log(rate) = a + b * x. */
  a: number;
  b: number;
  /** Pearson X^2 / (units - 2) of the fitted model, at least 1: how much more the counts vary than a Poisson count. */
  dispersion: number;
}

/**
 * Log-linear Poisson regression of counts on time, log(mu) = log(exposure)
 * + a + b x, tested by the score test of b = 0 (for a Poisson process this
 * is the Cox-Lewis / Laplace test), quasi-Poisson: the variance is widened
 * by the dispersion of the fitted model when the counts vary more than a
 * Poisson count would, and z is read against Student's t with units - 2
 * degrees of freedom. Counts do vary more: moments come in clusters (a hard
 * week, a bad night), and a test that took them for independent would read
 * a cluster near either end as a trend.
 */
export function poissonTrend(units: readonly CountUnit[]): PoissonTrend | null {
  const total = units.reduce((acc, u) => acc + u.count, 0);
  const exposure = units.reduce((acc, u) => acc + u.exposure, 0);
  if (units.length < 3 || total === 0 || !(exposure > 0)) return null;
  const centre = units.reduce((acc, u) => acc + u.exposure * u.x, 0) / exposure;
  const info = (total / exposure) * units.reduce((acc, u) => acc + u.exposure * (u.x - centre) ** 2, 0);
  const score = units.reduce((acc, u) => acc + u.count * (u.x - centre), 0);
  if (!(info > 0)) return null;
  const fit = fitLogLinear(units, centre);
  let pearson = 0;
  for (const u of units) {
    const mu = u.exposure * Math.exp(fit.a + fit.b * (u.x - centre));
    if (mu > 0) pearson += (u.count - mu) ** 2 / mu;
  }
  const df = units.length - 2;
  const dispersion = Math.max(1, df > 0 ? pearson / df : 1);
  const z = score / Math.sqrt(info * dispersion);
  // The dispersion is estimated from the same few weeks: read z against Student's t, as a quasi-Poisson model does.
  return { z, p: df > 0 ? studentTwoSided(z, df) : normalTwoSided(z), a: fit.a - fit.b * centre, b: fit.b, dispersion };
}

/**
 * Holm's step-down correction for testing several measures at once: the
 * adjusted p-values, in the order given. Controls the chance of claiming
 * any change at all, when none happened, at the level it is read at.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = [...pValues.keys()].sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
