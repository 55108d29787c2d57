/*
 * The correction for testing several measures at once (attach progress):
 * a graphical procedure (Bretz, Maurer, Brannath and Posch 2009), that is
 * Holm's step-down with two refinements, both fixed before any data are
 * seen, as a trial names its primary and secondary endpoints.
 *
 * - The two measures the practice is about hold most of the level, 40%
 *   each: how strong the moments are (notice) and whether a pause follows a
 *   strong one (pause). The other measures share the remaining 20% by Holm.
 *   A primary measure's share is never passed on to another measure, so a
 *   change found in one never makes a chance claim about another easier
 *   (issue 15: "nothing unrelated is claimed").
 * - "Strong moments" follows arithmetically from how often moments come and
 *   how strong they are ("fewer strong moments when intensity falls"), so it
 *   starts with no share; it receives the share of mean intensity or of
 *   moments once that one is claimed, and can then be claimed as what
 *   follows from it; its share, like a primary one, goes no further.
 * A secondary measure, once claimed, passes its share on equally to the
 * secondary measures not yet claimed, as in Holm. Like Holm, the procedure
 * keeps the chance of claiming any change at all, in a journal where
 * nothing changed, at or under the level it is read at, whatever the
 * tests' dependence (it is a shortcut of a closed test with weighted
 * Bonferroni tests of each intersection). What the shares cost and buy, in
 * the evaluation's journals: bench/PROGRESS-EVAL.md.
 *
 * With `follows` and `primary` empty it is exactly Holm
 * (tests/unit/progress-multiplicity.test.ts).
 */

/** Measures that follow from others: they start with no share and receive all of a parent's once it is claimed. */
export const FOLLOWS: Readonly<Record<string, readonly string[]>> = { strong: ['meanIntensity', 'moments'] };

/** Measures with a share of the level of their own; it passes on only to what follows from them. */
export const PRIMARY: Readonly<Record<string, number>> = { meanIntensity: 0.4, pausedAfterStrong: 0.4 };

interface Graph {
  /** Each measure's share of the level before anything is claimed (0 for one that follows from another). */
  weight: number[];
  /** Parent -> the measures present that follow from it. */
  childOf: Map<number, number[]>;
  /** The measures without a share of their own: the ones a secondary measure's share passes on to. */
  shared: boolean[];
}

function graph(
  names: readonly string[],
  follows: Readonly<Record<string, readonly string[]>>,
  primary: Readonly<Record<string, number>>,
): Graph {
  const index = new Map(names.map((name, i) => [name, i]));
  const childOf = new Map<number, number[]>();
  const children = new Set<number>();
  for (const [child, parents] of Object.entries(follows)) {
    const c = index.get(child);
    const present = parents.map((p) => index.get(p)).filter((p): p is number => p !== undefined);
    if (c === undefined || present.length === 0) continue;
    children.add(c);
    for (const p of present) childOf.set(p, [...(childOf.get(p) ?? []), c]);
  }
  const shared = names.map((name, i) => !children.has(i) && primary[name] === undefined);
  const rest = 1 - Object.values(primary).reduce((a, b) => a + b, 0);
  const sharing = shared.filter(Boolean).length;
  const own = names.map((name, i) => (children.has(i) ? 0 : (primary[name] ?? rest / sharing)));
  // Normalised over the measures present: one without enough data to be tested leaves its share to the others.
  const total = own.reduce((a, b) => a + b, 0);
  return { weight: own.map((v) => v / total), childOf, shared };
}

/** Each measure's share of the level before anything is claimed, in the order given (for the evaluation's bars). */
export function initialShares(
  names: readonly string[],
  follows: Readonly<Record<string, readonly string[]>> = FOLLOWS,
  primary: Readonly<Record<string, number>> = PRIMARY,
): number[] {
  return graph(names, follows, primary).weight;
}

/**
 * Adjusted p-values, in the order given: a measure is claimed at level
 * alpha when its adjusted p is alpha or less. `names` label the p-values so
 * that `follows` (child -> parents) and `primary` apply to the measures present.
 */
export function adjustedPValues(
  pValues: readonly number[],
  names: readonly string[],
  follows: Readonly<Record<string, readonly string[]>> = FOLLOWS,
  primary: Readonly<Record<string, number>> = PRIMARY,
): number[] {
  const m = pValues.length;
  if (m === 0) return [];
  const start = graph(names, follows, primary);
  const { childOf, shared } = start;
  let weight = start.weight;
  // Transitions g[j][l]: the part of j's share that l receives when j is claimed.
  let g = pValues.map((_, j) =>
    pValues.map((_, l) => {
      if (l === j) return 0;
      const kids = childOf.get(j);
      if (kids) return kids.includes(l) ? 1 / kids.length : 0;
      if (!shared[j]) return 0;
      const others = shared.filter((v, k) => v && k !== j).length;
      return shared[l] && others > 0 ? 1 / others : 0;
    }),
  );

  const adjusted = new Array<number>(m).fill(1);
  const open = new Set(pValues.keys());
  let running = 0;
  while (open.size > 0) {
    // The next claim: the smallest p over its share (a share of 0 cannot be claimed yet).
    let j = -1;
    let best = Infinity;
    for (const i of open) {
      const ratio = weight[i]! > 0 ? pValues[i]! / weight[i]! : Infinity;
      if (ratio < best) {
        best = ratio;
        j = i;
      }
    }
    if (j < 0) break;
    running = Math.max(running, Math.min(1, best));
    adjusted[j] = running;
    open.delete(j);
    // Bretz et al., algorithm 1: pass j's share on, and rewire the graph around j.
    const w = weight;
    const old = g;
    weight = w.map((v, l) => (open.has(l) ? v + w[j]! * old[j]![l]! : 0));
    g = old.map((row, l) =>
      row.map((v, k) => {
        if (!open.has(l) || !open.has(k) || l === k) return 0;
        const denominator = 1 - old[l]![j]! * old[j]![l]!;
        return denominator > 1e-12 ? (v + old[l]![j]! * old[j]![k]!) / denominator : 0;
      }),
    );
  }
  return adjusted;
}
