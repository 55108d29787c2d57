import { describe, expect, it } from 'vitest';
import { adjustedPValues } from '../../src/analysis/progress-multiplicity.js';
import { holm } from '../../src/analysis/trend.js';

const close = (a: number[], b: number[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => {
    expect(v).toBeCloseTo(b[i]!, 12);
  });
};

describe('the correction over measures', () => {
  it('is exactly Holm when no measure follows from another', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const m = 1 + Math.floor(random() * 10);
      const p = Array.from({ length: m }, () => random() ** 3);
      const names = p.map((_, i) => `m${i}`);
      const ours = adjustedPValues(p, names, {});
      holm(p).forEach((h, i) => {
        expect(ours[i]).toBeCloseTo(h, 12);
      });
    }
  });

  it('gives "strong" no share until mean intensity or moments is claimed, then all of it (by hand)', () => {
    // Three measures share the level: 1/3 each. Intensity first (0.001 * 3), then strong with intensity's third
    // (0.004 * 3), which passes on to moments and glimmers (1/2 each): glimmers 0.2 * 2, moments 0.5 * 1.
    const names = ['moments', 'meanIntensity', 'strong', 'glimmers'];
    close(adjustedPValues([0.5, 0.001, 0.004, 0.2], names), [0.5, 0.003, 0.012, 0.4]);
    // Holm would have asked intensity for 0.001 * 4.
    expect(holm([0.5, 0.001, 0.004, 0.2])[1]).toBeCloseTo(0.004, 12);
  });

  it('never claims "strong" before a measure it follows from', () => {
    const names = ['moments', 'meanIntensity', 'strong', 'glimmers'];
    const adjusted = adjustedPValues([0.5, 0.3, 0.0001, 0.2], names);
    expect(adjusted[2]).toBeGreaterThanOrEqual(adjusted[1]!);
    close(adjusted, [0.6, 0.6, 0.6, 0.6]);
  });

  it('treats "strong" like any other measure when neither of its parents was tested', () => {
    const p = [0.01, 0.02, 0.3];
    close(adjustedPValues(p, ['strong', 'glimmers', 'acted']), holm(p));
    expect(adjustedPValues([], [])).toEqual([]);
  });
});
