import type { CountUnit } from './trend.js';

/*
 * The fitted curves a change is described with (progress-changes.ts): two
 * parameters each, by Newton's method on a concave log-likelihood, so a few
 * steps from a flat start suffice. The tests themselves are in trend.ts.
 */

/** Newton's method on the (concave) Poisson log-likelihood, x centred for stability; a few steps suffice. */
export function fitLogLinear(units: readonly CountUnit[], centre: number): { a: number; b: number } {
  const total = units.reduce((acc, u) => acc + u.count, 0);
  const exposure = units.reduce((acc, u) => acc + u.exposure, 0);
  let a = Math.log(total / exposure);
  let b = 0;
  for (let step = 0; step < 50; step++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (const u of units) {
      const x = u.x - centre;
      const mu = u.exposure * Math.exp(a + b * x);
      g0 += u.count - mu;
      g1 += (u.count - mu) * x;
      h00 += mu;
      h01 += mu * x;
      h11 += mu * x * x;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) break;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/**
 * Logistic regression of an outcome on a score, logit(p) = a + b * score,
 * by Newton's method: only for the shares a change is described with (its
 * slope has the sign of the Cochran-Armitage statistic, both being the same
 * score). When the outcomes separate completely the slope would run off to
 * infinity; it is held at a size that already means "nearly all or none".
 */
export function fitLogistic(score: readonly number[], outcome: readonly boolean[]): { a: number; b: number } {
  const n = score.length;
  const centre = score.reduce((acc, s) => acc + s, 0) / n;
  const share = outcome.filter(Boolean).length / n;
  let a = Math.log(share / (1 - share));
  let b = 0;
  for (let step = 0; step < 50; step++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < n; i++) {
      const x = score[i]! - centre;
      const p = 1 / (1 + Math.exp(-(a + b * x)));
      const w = p * (1 - p);
      g0 += (outcome[i] ? 1 : 0) - p;
      g1 += ((outcome[i] ? 1 : 0) - p) * x;
      h00 += w;
      h01 += w * x;
      h11 += w * x * x;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 1e-12)) break;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10 || Math.abs(a) > 30) break;
  }
  return { a: a - b * centre, b };
}

/** Least squares line y = a + b x. */
export function fitLine(x: readonly number[], y: readonly number[]): { a: number; b: number } {
  const n = x.length;
  const mx = x.reduce((acc, v) => acc + v, 0) / n;
  const my = y.reduce((acc, v) => acc + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: my - b * mx, b };
}
