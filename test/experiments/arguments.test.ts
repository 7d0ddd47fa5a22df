/** Designs and contrasts refuse a wrong argument from plain JavaScript with a ScenarioError naming the field. */
import { describe, expect, it } from 'vitest';
import { designPointCount, designPoints, experimentContrasts } from '../../src/experiments/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

const factors = [{ path: 'parameters.staff.routineLoad', range: [0.7, 0.9], integer: false }];

describe('designs and contrasts refuse wrong arguments', () => {
  it('designPointCount and designPoints: the design against its schema', () => {
    for (const count of [designPointCount, (design: Any) => designPoints(design)]) {
      expect(() => count(null as Any)).toThrow(ScenarioError);
      expect(() => count({ type: 'factorials', factors: [] } as Any)).toThrow(/design: invalid design[\s\S]*type/);
      expect(() => count({ type: 'latin-hypercube', samples: '3', factors } as Any)).toThrow(/samples: expected number/);
    }
    expect(() => designPoints({ type: 'latin-hypercube', samples: 3, factors } as Any, 5 as Any)).toThrow(
      /random: invalid random stream[\s\S]*got 5/,
    );
    expect(designPointCount({ type: 'latin-hypercube', samples: 3, factors } as Any)).toBe(3);
  });

  it('experimentContrasts: the variants and contrasts', () => {
    expect(() => experimentContrasts(null as Any)).toThrow(ScenarioError);
    expect(() => experimentContrasts({} as Any)).toThrow(/experiment: invalid experiment[\s\S]*variants/);
    expect(() => experimentContrasts({ variants: 'ab' } as Any)).toThrow(/variants: expected array/);
    expect(() => experimentContrasts({ variants: [], contrasts: [{ from: 'a' }] } as Any)).toThrow(/contrasts\[0\]\.to/);
    const variants = [
      { label: 'a', set: {} },
      { label: 'b', set: {} },
    ];
    expect(experimentContrasts({ variants })).toEqual([{ from: 'a', to: 'b' }]);
  });
});
