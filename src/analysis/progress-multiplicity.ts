/*
 * The correction for testing several measures at once (attach progress):
 * a graphical procedure (Bretz, Maurer, Brannath and Posch 2009), which is
 * Holm's step-down with one refinement. "Strong moments" follows
 * arithmetically from how often moments come and how strong they are (issue
 * 15: "fewer strong moments when intensity falls"), so it starts with no
 * share of the error budget; it receives the share of mean intensity or of
 * moments once that one is claimed, and can then be claimed as what follows
 * from it. Every other measure starts with an equal share and, once claimed,
 * passes its share on equally to the measures not yet claimed, as in Holm.
 * Like Holm, the procedure keeps the chance of claiming any change at all,
 * in a journal where nothing changed, at or under the level it is read at,
 * whatever the tests' dependence (it is a shortcut of a closed test with
 * weighted Bonferroni tests of each intersection).
 *
 * With `follows` empty it is exactly Holm (tests/unit/progress-multiplicity.test.ts).
 */

/** Measures that follow from others: they start with no share and receive all of a parent's once it is claimed. */
export const FOLLOWS: Readonly<Record<string, readonly string[]>> = { strong: ['meanIntensity', 'moments'] };

/**
 * Adjusted p-values, in the order given: a measure is claimed at level
 * alpha when its adjusted p is alpha or less. `names` label the p-values so
 * that `follows` (child -> parents) can be applied to the measures present.
 */
export function adjustedPValues(
  pValues: readonly number[],
  names: readonly string[],
  follows: Readonly<Record<string, readonly string[]>> = FOLLOWS,
): number[] {
  const m = pValues.length;
  if (m === 0) return [];
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
  // Initial shares: equal over the measures that do not follow from another present one.
  const roots = m - children.size;
  let weight = pValues.map((_, i) => (children.has(i) ? 0 : 1 / roots));
  // Transitions g[j][l]: the part of j's share that l receives when j is claimed.
  let g = pValues.map((_, j) =>
    pValues.map((_, l) => {
      if (l === j) return 0;
      const own = childOf.get(j);
      if (own) return own.includes(l) ? 1 / own.length : 0;
      const others = m - 1 - [...children].filter((c) => c !== j).length;
      return children.has(l) ? (others === 0 ? 1 / (m - 1) : 0) : others > 0 ? 1 / others : 0;
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
