import { describe, expect, it } from 'vitest';
import { adjustedPValues, initialShares } from '../../src/analysis/progress-multiplicity.js';
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
      const ours = adjustedPValues(p, names, {}, {});
      holm(p).forEach((h, i) => {
        expect(ours[i]).toBeCloseTo(h, 12);
      });
    }
  });

  it('gives "strong" no share until mean intensity or moments is claimed, then all of it (by hand)', () => {
    // Three measures share the level: 1/3 each. Intensity first (0.001 * 3), then strong with intensity's third
    // (0.004 * 3), which goes no further; glimmers (0.2 * 3), half of whose share was to go to intensity, so on
    // to strong: moments has 1/3 + 1/6 (0.5 * 2).
    const names = ['moments', 'meanIntensity', 'strong', 'glimmers'];
    close(adjustedPValues([0.5, 0.001, 0.004, 0.2], names, undefined, {}), [1, 0.003, 0.012, 0.6]);
    // Holm would have asked intensity for 0.001 * 4.
    expect(holm([0.5, 0.001, 0.004, 0.2])[1]).toBeCloseTo(0.004, 12);
  });

  it('gives the primary measures 40% of the level each, kept to themselves, and the rest 20% by Holm (by hand)', () => {
    const names = ['moments', 'meanIntensity', 'strong', 'pausedAfterStrong', 'acted', 'glimmers'];
    // Shares: intensity and pauses 0.4, moments, acted and glimmers 0.2 / 3 each, strong 0.
    expect(initialShares(names)).toEqual([0.2 / 3, 0.4, 0, 0.4, 0.2 / 3, 0.2 / 3].map((v) => expect.closeTo(v, 12)));
    // Pauses first (0.001 / 0.4); intensity keeps its 0.4 (0.01 / 0.4), passed on only to strong (0.02 / 0.4);
    // acted (0.002 / (0.2/3)), whose share goes to moments and glimmers: 0.1 each, glimmers 0.03 / 0.1, moments 0.5 / 0.2.
    const p = [0.5, 0.01, 0.02, 0.001, 0.002, 0.03];
    close(adjustedPValues(p, names), [1, 0.025, 0.05, 0.0025, 0.03, 0.3]);
  });

  it('spreads the share of a primary measure without enough data over the measures tested', () => {
    const names = ['meanIntensity', 'acted', 'glimmers'];
    close(initialShares(names), [0.4 / 0.6, 0.1 / 0.6, 0.1 / 0.6]);
    // Only primaries: they split the level.
    close(initialShares(['meanIntensity', 'pausedAfterStrong']), [0.5, 0.5]);
  });

  it('never claims "strong" before a measure it follows from', () => {
    const names = ['moments', 'meanIntensity', 'strong', 'glimmers'];
    const adjusted = adjustedPValues([0.5, 0.3, 0.0001, 0.2], names, undefined, {});
    expect(adjusted[2]).toBeGreaterThanOrEqual(adjusted[1]!);
    close(adjusted, [1, 0.6, 0.6, 0.6]);
    // With intensity primary and no pauses tested: intensity 0.4 / 0.6, moments and glimmers 0.1 / 0.6 each.
    close(adjustedPValues([0.5, 0.3, 0.0001, 0.2], names), [1, 0.45, 0.45, 1]);
  });

  it('treats "strong" like any other measure when neither of its parents was tested', () => {
    const p = [0.01, 0.02, 0.3];
    close(adjustedPValues(p, ['strong', 'glimmers', 'acted']), holm(p));
    expect(adjustedPValues([], [])).toEqual([]);
  });
});
