import type { Trend } from './trend.js';

/*
 * The trend test for counts in attach progress (moments, strong moments,
 * moments with a protest behaviour, glimmers): a permutation test of the
 * counts of equal stretches of time against their order. Under "no change"
 * every arrangement of the stretches is as likely as the one lived, however
 * lumpy the stretches are (a hard week, a quiet one), so the p-value is
 * exact whatever the counts' spread; a Poisson or quasi-Poisson test needs
 * that spread modelled and, with hard weeks, claims too much
 * (bench/PROGRESS-EVAL.md). The stretches are at least 14 days long (the
 * caller cuts the months into equal ones), so a hard spell of a week or so
 * mostly falls inside one of them rather than across two.
 *
 * The arrangements are drawn at random from a fixed seed (mulberry32), so a
 * journal always gets the same answer.
 */

export interface CountTrend extends Trend {
  /** The score (sum of count times centred position) over its standard deviation across arrangements. */
  z: number;
  /** The share of arrangements at least as far from none as the one lived, counting it: (1 + k) / (1 + draws). */
  p: number;
  /** Stretches that were rearranged. */
  units: number;
}

/** The shortest stretch the caller cuts the months into. */
export const UNIT_DAYS = 14;
const DRAWS = 4999;
const SEED = 0x5eed;

/** mulberry32: small, fast, the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `counts`: events in consecutive stretches of equal length, oldest first.
 * Null with fewer than 3 stretches; p = 1 when every stretch has the same
 * count (every arrangement is the one lived).
 */
export function countTrend(counts: readonly number[], draws = DRAWS): CountTrend | null {
  const k = counts.length;
  if (k < 3) return null;
  const middle = (k - 1) / 2;
  const position = counts.map((_, i) => i - middle);
  const mean = counts.reduce((a, b) => a + b, 0) / k;
  let spread = 0;
  for (const c of counts) spread += (c - mean) ** 2;
  if (!(spread > 0)) return { z: 0, p: 1, units: k };
  const score = (values: readonly number[]) => values.reduce((acc, v, i) => acc + v * position[i]!, 0);
  const observed = score(counts);
  // The variance of a linear statistic over all arrangements: sum (c - mean)^2 * sum position^2 / (k - 1).
  const positions = position.reduce((acc, d) => acc + d * d, 0);
  const sd = Math.sqrt((spread * positions) / (k - 1));
  const next = random(SEED);
  const shuffled = [...counts];
  const edge = Math.abs(observed) * (1 - 1e-12);
  let beyond = 0;
  for (let draw = 0; draw < draws; draw++) {
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const kept = shuffled[i]!;
      shuffled[i] = shuffled[j]!;
      shuffled[j] = kept;
    }
    if (Math.abs(score(shuffled)) >= edge) beyond++;
  }
  return { z: observed / sd, p: (1 + beyond) / (1 + draws), units: k };
}
