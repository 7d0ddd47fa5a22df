/**
 * The sensitivity of a contrast, checked on hand-made outputs whose indices
 * are known: y_from = x₁ + e and y_to = x₁ + 3 x₂ + e, with e a noise shared
 * by the two variants of a replicate (as common seeds share it). The contrast
 * is 3 x₂ whatever x₁ and e, so its Morris effects are exactly μ = μ* = 3 for
 * x₂ and 0 for x₁, and its Sobol indices are S1 = ST = 1 for x₂ and 0 for x₁.
 */
import { describe, expect, it } from 'vitest';
import { createRandomSource } from '../../src/core/index.js';
import {
  type ContrastSensitivity,
  contrastSensitivity,
  contrastSign,
  contrastSummary,
  type Design,
  designPoints,
  experimentContrasts,
  experimentSchema,
  pointMeans,
  prccIndices,
  type SweepPlan,
  type SweepValues,
  sensitivity,
} from '../../src/experiments/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

const factors = ['x1', 'x2'].map((path) => ({ path, range: [0, 1] as [number, number] }));
const variants = [
  { label: 'administrative-led', set: {} },
  { label: 'co-production', set: {} },
];

/** A plan and its outputs for a design, with y_to = x₁ + 3 x₂ + shift + e and y_from = x₁ + e. */
function handMade(design: Record<string, unknown>, shift = 0, replicates = 3): { plan: SweepPlan; values: SweepValues } {
  const experiment = experimentSchema.parse({ name: 'hand-made', base: {}, design, variants, replicates, metrics: ['y'] });
  const points = designPoints(experiment.design as Design);
  const plan: SweepPlan = {
    experiment,
    hash: 'hand-made',
    design: points,
    factors: ['x1', 'x2'],
    scenarios: [],
    blockReplicates: replicates,
    estimate: { points: points.points.length, scenarios: 0, runs: 0, cpuSeconds: 0, largestRunBytes: 0 },
  };
  const values: SweepValues = new Map();
  points.points.forEach((point, index) => {
    const [x1, x2] = [point.x1 as number, point.x2 as number];
    const noise = Array.from({ length: replicates }, (_, replicate) => 0.1 * Math.sin(7 * index + replicate));
    values.set(
      index,
      new Map([
        ['administrative-led', new Map([['y', noise.map((e) => x1 + e)]])],
        ['co-production', new Map([['y', noise.map((e) => x1 + 3 * x2 + shift + e)]])],
      ]),
    );
  });
  return { plan, values };
}

const stream = () => createRandomSource(5).stream('bootstrap');
const morrisDesign = { type: 'morris', trajectories: 20, levels: 4, factors };

describe('the contrasts of an experiment', () => {
  it('default to the second variant minus the first when there are exactly two', () => {
    expect(experimentContrasts({ variants })).toEqual([{ from: 'administrative-led', to: 'co-production' }]);
    expect(experimentContrasts({ variants: [...variants, { label: 'third', set: {} }] })).toEqual([]);
    expect(experimentContrasts({ variants: [variants[0] as never] })).toEqual([]);
  });

  it('are the ones declared, when declared', () => {
    const contrasts = [{ from: 'co-production', to: 'administrative-led' }];
    expect(experimentContrasts({ variants, contrasts })).toEqual(contrasts);
  });

  it('must name two different variants of the experiment', () => {
    const parse = (contrasts: unknown) =>
      experimentSchema.safeParse({ name: 'x', base: {}, design: morrisDesign, variants, metrics: ['y'], contrasts });
    expect(parse([{ from: 'administrative-led', to: 'co-production' }]).success).toBe(true);
    const unknown = parse([{ from: 'administrative-led', to: 'coproduction' }]);
    expect(unknown.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['contrasts.0.to', 'unknown variant "coproduction" (expected one of administrative-led, co-production)'],
    ]);
    const same = parse([{ from: 'co-production', to: 'co-production' }]);
    expect(same.error?.issues.map((issue) => issue.message)).toEqual(['expected two different variants']);
    // Listed twice, a contrast's rows would be written twice.
    const twice = parse([
      { from: 'administrative-led', to: 'co-production' },
      { from: 'co-production', to: 'administrative-led' },
      { from: 'administrative-led', to: 'co-production' },
    ]);
    expect(twice.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['contrasts.2', 'expected a contrast not listed before: contrasts[0] is already co-production − administrative-led'],
    ]);
  });
});

describe('the sign stability of a contrast', () => {
  it('counts the points with the sign of the mean, and those with the opposite sign', () => {
    // Mean (1 + 2 − 1 + 0) / 4 = 0.5 > 0: two points positive, one negative, one zero (in neither); NaN left out.
    expect(contrastSign([1, 2, -1, 0, Number.NaN])).toEqual({
      points: 4,
      mean: 0.5,
      minimum: -1,
      maximum: 2,
      referenceSign: 1,
      keepsSignShare: 0.5,
      flipsSignShare: 0.25,
      noDifferenceShare: 0.25,
    });
  });

  it('reads a contrast that is 0 at every point as no difference, neither keeping nor flipping a sign', () => {
    expect(contrastSign([0, 0, -0])).toMatchObject({
      points: 3,
      mean: 0,
      referenceSign: 0,
      keepsSignShare: 0,
      flipsSignShare: 0,
      noDifferenceShare: 1,
    });
  });

  it('gives no sign to keep when the points cancel out, and does not call them no difference', () => {
    expect(contrastSign([1, -1])).toMatchObject({ referenceSign: 0, keepsSignShare: 0, flipsSignShare: 0, noDifferenceShare: 0 });
  });

  it('takes as many points as a design may have (a spread of 300,000 arguments overflows the call stack)', () => {
    // A Saltelli design of 30,000 samples over 8 factors has 300,000 points; the schema allows far more.
    const values = Array.from({ length: 300_000 }, (_, index) => (index % 7) - 2);
    expect(contrastSign(values)).toMatchObject({ points: 300_000, minimum: -2, maximum: 4 });
  });
});

describe('Morris indices of a contrast', () => {
  const { plan, values } = handMade(morrisDesign);
  const [result] = contrastSensitivity(plan, values, stream()) as [ContrastSensitivity];
  const [x1, x2] = result.morris ?? [];

  it('depend only on x₂: μ = μ* = 3, σ = 0 and every effect of one sign; x₁ has none', () => {
    expect(result).toMatchObject({ from: 'administrative-led', to: 'co-production', metric: 'y' });
    expect(x2?.effects).toBe(20);
    expect(x2?.mu).toBeCloseTo(3, 12);
    expect(x2?.muStar).toBeCloseTo(3, 12);
    expect(x2?.sigma).toBeCloseTo(0, 12);
    expect(x2?.signConsistency).toBe(1);
    expect(x1?.effects).toBe(20);
    expect(x1?.muStar).toBeCloseTo(0, 12);
  });

  it('keep the level indices as they are: the shared noise moves each level, not the contrast', () => {
    const levels = sensitivity(plan, values, stream());
    const administrativeLed = levels.find((entry) => entry.outcome === 'administrative-led')?.morris ?? [];
    // y_from = x₁ + e: x₂ moves it only through the noise, which the paired difference cancels.
    expect(administrativeLed[1]?.muStar as number).toBeGreaterThan(0.01);
    expect((result.morris?.[1]?.muStar as number) - 3).toBeCloseTo(0, 12);
    // The levels are the variants; the contrasts are contrastSensitivity's alone, computed once.
    expect(levels.map((entry) => entry.outcome)).toEqual(['administrative-led', 'co-production']);
  });

  it('keep their sign at every point when the contrast never crosses zero', () => {
    // 3 x₂ + 0 is zero where x₂ = 0; shifted by 1 it is positive everywhere.
    const shifted = handMade(morrisDesign, 1);
    const [positive] = contrastSensitivity(shifted.plan, shifted.values, stream());
    expect(positive?.sign).toMatchObject({ points: 60, referenceSign: 1, keepsSignShare: 1, flipsSignShare: 0 });
  });

  it('show where the contrast flips: 3 x₂ − 1.5 is negative at the two lower levels of x₂ and positive at the two upper', () => {
    const flipping = handMade(morrisDesign, -1.5);
    const [result] = contrastSensitivity(flipping.plan, flipping.values, stream()) as [ContrastSensitivity];
    const x2Values = (flipping.plan.design.unit ?? []).map((row) => row[1] as number);
    const contrasts = x2Values.map((x2) => 3 * x2 - 1.5);
    const mean = contrasts.reduce((total, value) => total + value, 0) / contrasts.length;
    const same = contrasts.filter((value) => Math.sign(value) === Math.sign(mean)).length / contrasts.length;
    expect(result.sign.mean).toBeCloseTo(mean, 12);
    expect(result.sign.keepsSignShare).toBe(same);
    expect(result.sign.flipsSignShare).toBeCloseTo(1 - same, 12);
    expect(same).toBeGreaterThan(0);
    expect(same).toBeLessThan(1);
    expect(result.sign.minimum).toBeCloseTo(-1.5, 12);
    expect(result.sign.maximum).toBeCloseTo(1.5, 12);
    // The shift moves the contrast, not its elementary effects.
    expect(result.morris?.[1]?.mu).toBeCloseTo(3, 12);
  });

  it('rank x₂ first among the drivers', () => {
    const summary = contrastSummary(result, 5);
    expect(summary.method).toBe('morris');
    expect(summary.drivers.map((driver) => driver.factor)).toEqual(['x2', 'x1']);
    expect(summary.drivers[0]?.importance).toBeCloseTo(3, 12);
    expect(contrastSummary(result, 1).drivers).toHaveLength(1);
  });

  it('names the field of what is not a contrast sensitivity, rather than failing inside or summarising nothing', () => {
    // Unchecked, null failed reading "morris" of null, and {} came back as a Sobol summary of no metric.
    expect(() => contrastSummary(null as never)).toThrow(
      'contrast summary arguments: invalid arguments\n  - result: expected a contrast sensitivity (contrastSensitivity), got null',
    );
    expect(() => contrastSummary({} as never)).toThrow(/- result\.from: expected text, got undefined/);
    expect(() => contrastSummary({ ...result, morris: undefined } as never)).toThrow(
      /- result: expected Morris \(morris\), Sobol \(sobol\) or PRCC \(prcc\) indices, a list, got undefined/,
    );
    expect(() => contrastSummary(result, -1)).toThrow(ScenarioError);
  });
});

describe('Sobol indices of a contrast', () => {
  const samples = 4096;
  const { plan, values } = handMade({ type: 'saltelli', samples, factors });
  const [result] = contrastSensitivity(plan, values, stream()) as [ContrastSensitivity];
  const [x1, x2] = result.sobol ?? [];

  it('give x₂ the whole variance (S1 = ST = 1, within ±0.05 with 4096 rows) and x₁ none', () => {
    expect(Math.abs((x2?.first.mean as number) - 1)).toBeLessThan(0.05);
    expect(Math.abs((x2?.total.mean as number) - 1)).toBeLessThan(0.05);
    expect(x2?.total.low as number).toBeLessThan(x2?.total.high as number);
    expect(x1?.first.mean).toBeCloseTo(0, 10);
    expect(x1?.total.mean).toBeCloseTo(0, 10);
  });

  it('rank x₂ first by total index', () => {
    const summary = contrastSummary(result);
    expect(summary.method).toBe('sobol');
    expect(summary.drivers.map((driver) => driver.factor)).toEqual(['x2', 'x1']);
  });
});

describe('Sobol indices of a contrast that is the same at every design point', () => {
  // y_to = y_from + 1.75 at every point and replicate, y_from in eighths so that the difference is exact: the levels
  // vary with x₁, the contrast does not.
  const { plan, values } = handMade({ type: 'saltelli', samples: 16, factors });
  for (const byVariant of values.values()) {
    const from = (byVariant.get('administrative-led')?.get('y') ?? []).map((value) => Math.round(value * 8) / 8);
    byVariant.set('administrative-led', new Map([['y', from]]));
    byVariant.set('co-production', new Map([['y', from.map((value) => value + 1.75)]]));
  }
  const [result] = contrastSensitivity(plan, values, stream()) as [ContrastSensitivity];

  it('are all undefined, and the result says why', () => {
    for (const index of result.sobol ?? []) expect(index.total.mean).toBeNaN();
    expect(result.sobolUndefined).toBe(
      'the output is 1.75 at every design point where it is defined: its variance is 0, and the indices divide by it',
    );
    expect(contrastSummary(result).sobolUndefined).toBe(result.sobolUndefined);
  });

  it('leave a contrast that varies without a reason', () => {
    const { plan: varying, values: varyingValues } = handMade({ type: 'saltelli', samples: 16, factors });
    const [other] = contrastSensitivity(varying, varyingValues, stream()) as [ContrastSensitivity];
    expect(other.sobolUndefined).toBeUndefined();
    expect('sobolUndefined' in contrastSummary(other)).toBe(false);
  });

  it('say why for the levels too, where a variant’s output is constant', () => {
    const levels = sensitivity(plan, values, stream());
    // y_from = x₁ + e varies; y_to − y_from does not.
    expect(levels.find((entry) => entry.outcome === 'administrative-led')?.sobolUndefined).toBeUndefined();
    expect(levels.find((entry) => entry.outcome === 'co-production')?.sobolUndefined).toBeUndefined();
    // A variant whose output does not vary: its level indices are undefined, and say why.
    const constant: SweepValues = new Map(
      [...values].map(([point, byVariant]) => [
        point,
        new Map(
          [...byVariant].map(([variant, metrics]) => [
            variant,
            variant === 'co-production' ? new Map([['y', [2, 2, 2]]]) : metrics,
          ]),
        ),
      ]),
    );
    expect(sensitivity(plan, constant, stream()).find((entry) => entry.outcome === 'co-production')?.sobolUndefined).toMatch(
      /^the output is 2 at every design point/,
    );
  });
});

describe('partial rank correlations of a contrast, over a Latin hypercube', () => {
  const { plan, values } = handMade({ type: 'latin-hypercube', samples: 30, factors });
  const [result] = contrastSensitivity(plan, values, stream()) as [ContrastSensitivity];

  it('are PRCC of the per-point mean paired difference, which is 3 x₂ whatever x₁', () => {
    expect(result).toMatchObject({ from: 'administrative-led', to: 'co-production', metric: 'y' });
    expect(result.morris).toBeUndefined();
    expect(result.sobol).toBeUndefined();
    const perPoint = pointMeans(plan, values, 'y', 'co-production', 'administrative-led');
    const x = plan.design.points.map((point) => [point.x1 as number, point.x2 as number]);
    expect(result.prcc).toEqual(prccIndices(['x1', 'x2'], x, perPoint));
    // The contrast's ranks are x₂'s exactly: its PRCC is 1 (p 0); what is left of x₁ once x₂ is partialled out, against
    // nothing left of the contrast, is undefined.
    const [x1, x2] = result.prcc ?? [];
    expect(x2).toMatchObject({ factor: 'x2', points: 30 });
    expect(x2?.prcc).toBeCloseTo(1, 9);
    expect(x1).toMatchObject({ factor: 'x1', prcc: Number.NaN, pValue: Number.NaN });
  });

  it('rank the drivers by |PRCC|, with the contrast’s sign stability', () => {
    const summary = contrastSummary(result, 5);
    expect(summary.method).toBe('prcc');
    expect(summary.drivers.map((driver) => driver.factor)).toEqual(['x2', 'x1']);
    expect(summary.drivers[0]?.importance).toBeCloseTo(1, 9);
    expect(summary.drivers[0]?.prcc).toBe(result.prcc?.[1]);
    expect(summary.sign).toMatchObject({ points: 30, referenceSign: 1, keepsSignShare: 1 });
  });

  it('rank a contrast that falls as a factor grows by its size, not its sign', () => {
    const { plan: falling, values: fallingValues } = handMade({ type: 'latin-hypercube', samples: 30, factors });
    for (const byVariant of fallingValues.values()) {
      const [from, to] = ['administrative-led', 'co-production'].map((variant) => byVariant.get(variant)?.get('y') ?? []);
      // y_to becomes 2 y_from − y_to = x₁ − 3 x₂ + e, so that y_to − y_from = −3 x₂: the same ranks reversed.
      byVariant.get('co-production')?.set(
        'y',
        (to as number[]).map((value, index) => 2 * ((from as number[])[index] as number) - value),
      );
    }
    const [negative] = contrastSensitivity(falling, fallingValues, stream()) as [ContrastSensitivity];
    const summary = contrastSummary(negative, 1);
    expect(summary.drivers.map((driver) => driver.factor)).toEqual(['x2']);
    expect(summary.drivers[0]?.prcc?.prcc).toBeCloseTo(-1, 9);
    expect(summary.drivers[0]?.importance).toBeCloseTo(1, 9);
  });
});

describe('designs without sensitivity indices', () => {
  it('give no contrast indices', () => {
    const { plan, values } = handMade({ type: 'factorial', factors: [{ path: 'x1', values: [0, 1] }] });
    expect(contrastSensitivity(plan, values, stream())).toEqual([]);
  });
});
