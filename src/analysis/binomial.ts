/* The binomial tail of the pattern test (analysis/patterns.ts), exact for the many thousands of entries of a long lookback. */

/**
 * P(X >= k) for X ~ Binomial(n, p), to about 1e-14 relative for n of many
 * thousands: each term is built in log space (no factorial or power ever
 * overflows or underflows to a wrong zero before it is negligible) and the
 * series is summed from its largest term outwards, each next term by a ratio.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || !(p > 0)) return 0;
  if (p >= 1) return 1;
  const logQ = Math.log1p(-p);
  const logTerm = (j: number) => logFactorial(n) - logFactorial(j) - logFactorial(n - j) + j * Math.log(p) + (n - j) * logQ;
  const odds = p / (1 - p);
  if (k > n * p) {
    // Upper sum from j = k: past the mode, every next term is smaller.
    let term = Math.exp(logTerm(k));
    let sum = term;
    for (let j = k; j < n && term > sum * 1e-17; j++) {
      term *= ((n - j) / (j + 1)) * odds;
      sum += term;
    }
    return Math.min(1, sum);
  }
  // k <= n p: the tail is about a half or more. 1 - P(X <= k - 1), that lower
  // sum taken from j = k - 1 down (below the mode, every term before is smaller).
  let term = Math.exp(logTerm(k - 1));
  let sum = term;
  for (let j = k - 1; j > 0 && term > sum * 1e-17; j--) {
    term *= j / ((n - j + 1) * odds);
    sum += term;
  }
  return Math.max(0, Math.min(1, 1 - sum));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const SMALL_LOG_FACTORIALS: number[] = [0];
for (let n = 1; n <= 256; n++) SMALL_LOG_FACTORIALS.push(SMALL_LOG_FACTORIALS[n - 1]! + Math.log(n));

/** ln(n!) for an integer n >= 0: a table up to 256, Lanczos' log-gamma (g = 7, 9 terms) above. */
function logFactorial(n: number): number {
  const small = SMALL_LOG_FACTORIALS[n];
  if (small !== undefined) return small;
  // ln Γ(n + 1), with x = n in Lanczos' form Γ(x + 1).
  const x = n;
  let a = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
