/** The largest of some numbers, and at least `floor`: a loop, since `Math.max(...list)` overflows the stack on a long list. */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
