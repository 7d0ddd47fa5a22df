import { describe, expect, it } from 'vitest';
import { finishSteps } from '../../src/core/index.js';
import { loadCaseFolder } from '../../src/node/index.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import {
  breakersOf,
  type DrawOutcome,
  drawFactOutcome,
  drawShareText,
  evaluateDraw,
  evaluateDrawSteps,
  type FactResult,
  factsFileSchema,
  factTensions,
  givenObserved,
  hasReferenceSign,
  holdingShareText,
  jointBreakersOf,
  jointHolding,
  parametersThatApply,
  type RobustnessParameter,
  robustnessDraws,
  robustnessParameters,
  strongestTensions,
  summariseContrasts,
  summariseRobustness,
} from '../../src/validation/index.js';

describe('robustnessParameters', () => {
  const parameters = robustnessParameters();
  const byPath = new Map(parameters.map((parameter) => [parameter.path, parameter]));

  it('takes every assumption with a plausible range, found from the schema, with whole numbers where the schema says so', () => {
    expect(byPath.get('parameters.staff.routineLoad')).toEqual({
      path: 'parameters.staff.routineLoad',
      range: [0.6, 0.95],
      integer: false,
    });
    expect(byPath.get('world.communities[].sites')).toEqual({
      path: 'world.communities[].sites',
      range: [30, 120],
      integer: true,
    });
    expect(byPath.get('switchRule.weeklyRate')?.range).toEqual([0.02, 0.1]);
    expect(byPath.get('world.departments')?.integer).toBe(true);
  });

  it('refuses a model given for its extensions, naming extensions', () => {
    const model = { name: 'm', extensions: [] };
    expect(() => robustnessParameters(model as never)).toThrow(
      'extensions: invalid extensions\n  - (top level): expected a list of extensions, e.g. model.extensions, got a model definition: give its extensions',
    );
  });

  it('leaves out parameters stated in the paper, inferred, from the literature, or without a range', () => {
    // P, I, L and A without a range.
    for (const path of [
      'world.communities[].households',
      'parameters.docking.onSiteResolveChance',
      'parameters.staff.fatigueSteepness',
      'world.budget',
    ])
      expect(byPath.has(path), path).toBe(false);
  });
});

describe('parametersThatApply', () => {
  const parameters = robustnessParameters();
  const paths = (scenarios: Parameters<typeof parseScenario>[0][]) =>
    parametersThatApply(
      parameters,
      scenarios.map((input) => parseScenario(input)),
    ).map((parameter) => parameter.path);

  it("leaves out the switch rule's parameters where no scenario has a switch rule, and keeps them where one has", () => {
    const plain = { name: 'y', mode: 'co-production' };
    const switching = { name: 's', mode: 'administrative-led', switchRule: { to: 'co-production' } };
    expect(paths([plain]).filter((path) => path.startsWith('switchRule.'))).toEqual([]);
    expect(paths([plain]).length).toBe(parameters.length - 3);
    expect(paths([plain, switching])).toEqual(parameters.map((parameter) => parameter.path));
  });

  it('keeps every parameter for the Z Street case, whose switch scenarios have a switch rule, and none for no scenario', async () => {
    const folder = await loadCaseFolder('z-street');
    expect(parametersThatApply(parameters, folder.scenarios.values())).toEqual(parameters);
    expect(parametersThatApply(parameters, [])).toEqual([]);
  });
});

describe('robustnessDraws', () => {
  const parameters: RobustnessParameter[] = [
    { path: 'a', range: [0, 1], integer: false },
    { path: 'b', range: [5, 15], integer: true },
  ];

  it('draws a Latin hypercube within the ranges, whole numbers for integer parameters, the same for the same seed', () => {
    const draws = robustnessDraws(parameters, 10, 7);
    expect(draws).toHaveLength(10);
    // One draw in each tenth of the range of a.
    expect(draws.map((draw) => Math.floor((draw.a as number) * 10)).sort((x, y) => x - y)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    for (const draw of draws) {
      expect(Number.isInteger(draw.b)).toBe(true);
      expect(draw.b).toBeGreaterThanOrEqual(5);
      expect(draw.b).toBeLessThanOrEqual(15);
    }
    expect(robustnessDraws(parameters, 10, 7)).toEqual(draws);
    expect(robustnessDraws(parameters, 10, 8)).not.toEqual(draws);
  });

  it('refuses what is not a list of parameters, samples from 2 to 100,000 or a seed, naming it (as govsim robustness does)', () => {
    const refusal = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).source).toBe('robustness draws');
        return (error as ScenarioError).problems.map((problem) => `${problem.path}: ${problem.message}`);
      }
      throw new Error('not refused');
    };
    for (const samples of [-1, Number.NaN, 2.5, 1, 100_001])
      expect(refusal(() => robustnessDraws(parameters, samples, 1))).toEqual([
        `samples: expected a whole number from 2 to 100000, got ${samples}`,
      ]);
    expect(refusal(() => robustnessDraws(parameters, 2, Number.NaN))).toEqual(['seed: expected a whole number ≥ 0, got NaN']);
    expect(refusal(() => robustnessDraws(parameters, 2, 2 ** 60))).toEqual([
      'seed: expected a whole number from 0 to 9007199254740991 (2^53 − 1), got 1152921504606847000',
    ]);
    expect(refusal(() => robustnessDraws(null as never, 2, 1))).toEqual([
      'parameters: expected a list of parameters {path, range, integer} (robustnessParameters), got null',
    ]);
    expect(refusal(() => robustnessDraws([{ path: 'a', range: [1, 0], integer: 'no' }] as never, 2, 1))).toEqual([
      'parameters[0].range: expected [low, high]: two numbers, low not above high',
      'parameters[0].integer: expected true or false, got the string "no"',
    ]);
    expect(robustnessDraws(parameters, 2, 0)).toHaveLength(2);
  });
});

describe('breakersOf', () => {
  const parameters: RobustnessParameter[] = [
    { path: 'up', range: [0, 1], integer: false },
    { path: 'down', range: [0, 1], integer: false },
    { path: 'flat', range: [0, 1], integer: false },
    { path: 'weak', range: [0, 1], integer: false },
  ];
  const draws = [
    { up: 0.1, down: 0.9, flat: 0.5, weak: 0.2 },
    { up: 0.2, down: 0.8, flat: 0.5, weak: 0.1 },
    { up: 0.3, down: 0.7, flat: 0.5, weak: 0.4 },
    { up: 0.4, down: 0.6, flat: 0.5, weak: 0.3 },
    { up: 0.5, down: 0.5, flat: 0.5, weak: 0.5 },
  ];

  it('ranks parameters by the absolute rank correlation with the score, over draws where the fact applies', () => {
    // Scores rise with `up` (so the fact fails at low values of up) and fall with `down`; the last draw is not applicable.
    const scores = [0.1, 0.2, 0.3, 0.4, Number.NaN];
    const breakers = breakersOf(parameters, draws, scores);
    expect(breakers.map((breaker) => [breaker.path, breaker.failsAt])).toEqual([
      ['up', 'low'],
      ['down', 'high'],
      ['weak', 'low'],
    ]);
    expect(breakers[0]?.correlation).toBeCloseTo(1, 12);
    expect(breakers[1]?.correlation).toBeCloseTo(-1, 12);
    // weak over the first four draws: ranks 2, 1, 4, 3 against 1, 2, 3, 4 → ρ = 1 − 6·4 / (4·15) = 0.6.
    expect(breakers[2]?.correlation).toBeCloseTo(0.6, 12);
  });

  it('names none when the score does not vary', () => {
    expect(breakersOf(parameters, draws, [1, 1, 1, 1, 1])).toEqual([]);
  });
});

describe('summariseRobustness', () => {
  const file = factsFileSchema.parse({
    case: 'a',
    facts: [
      {
        id: 4,
        title: 'f',
        statement: 's',
        paper: 'p',
        checks: [{ says: 'a > 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } }],
      },
    ],
  });
  const outcome = (status: 'holds' | 'falls short' | 'not applicable', share: number): DrawOutcome => ({
    facts: [{ id: 4, status, share, applicable: 1, notApplicable: 0 }],
    contrasts: [],
  });

  it('counts draws holding, falling short and not applicable, and the holding share among those that apply', () => {
    const parameters: RobustnessParameter[] = [{ path: 'x', range: [0, 1], integer: false }];
    const draws = [{ x: 0.1 }, { x: 0.5 }, { x: 0.9 }, { x: 0.3 }];
    const summary = summariseRobustness(file, parameters, draws, [
      outcome('holds', 1),
      outcome('holds', 0.95),
      outcome('falls short', 0.5),
      outcome('not applicable', Number.NaN),
    ]);
    expect(summary.facts[0]).toMatchObject({ id: 4, draws: 4, holding: 2, fallingShort: 1, notApplicable: 1 });
    expect(summary.facts[0]?.holdingShare).toBeCloseTo(2 / 3, 12);
    expect(summary.facts[0]?.breakers.map((breaker) => [breaker.path, breaker.failsAt])).toEqual([['x', 'high']]);
    // Chance is judged over the 3 draws where the fact applies: of the 6 orders of 3 scores two give |ρ| = 1, the rest
    // 0.5, so the strongest |ρ| reaches 1 far more often than one time in twenty.
    expect(summary.facts[0]?.chanceCorrelation).toBeCloseTo(1, 10);
    // Never falling short, a fact has no breakers, although its share varies.
    const sturdy = summariseRobustness(file, parameters, draws.slice(0, 2), [outcome('holds', 1), outcome('holds', 0.95)]);
    expect(sturdy.facts[0]?.breakers).toEqual([]);
    // Two draws whose shares differ have two orders: too few to tell anything from chance (1), not an undefined level.
    expect(sturdy.facts[0]?.chanceCorrelation).toBe(1);
    const alike = summariseRobustness(file, parameters, draws.slice(0, 2), [outcome('holds', 1), outcome('holds', 1)]);
    expect(alike.facts[0]?.chanceCorrelation).toBeNaN();
  });

  it('judges a probability fact in a draw by the direction of its claims, not their significance', () => {
    const claim = (difference: number, says = 'P(a) > P(b)') => ({
      says,
      holds: false,
      status: 'falls short',
      difference,
      low: -0.1,
      high: 0.3,
    });
    const probability = (claims: unknown[]) =>
      ({ kind: 'probability', id: 9, status: 'falls short', applicable: 20, notApplicable: 0, claims }) as unknown as FactResult;
    // Not significant at 20 replicates, but in the claimed direction: it holds in the draw.
    expect(drawFactOutcome(probability([claim(0.1)]))).toMatchObject({ status: 'holds', share: 1 });
    expect(drawFactOutcome(probability([claim(0)]))).toMatchObject({ status: 'falls short', share: 0 });
    expect(drawFactOutcome(probability([claim(-0.05)]))).toMatchObject({ status: 'falls short', share: 0 });
    // A "never" claim holds only when the event never happened.
    expect(drawFactOutcome(probability([claim(0.1), claim(0, 'never: x')]))).toMatchObject({ status: 'holds' });
    expect(drawFactOutcome(probability([claim(0.1), claim(0.05, 'never: x')]))).toMatchObject({ status: 'falls short' });
    expect(drawFactOutcome({ ...probability([claim(0.1)]), status: 'not applicable' } as FactResult).share).toBeNaN();
  });
});

describe('summariseContrasts', () => {
  const file = factsFileSchema.parse({
    case: 'a',
    contrast: { from: 'a', to: 'b', metrics: ['satisfaction.end', 'duplication.wasteShare'] },
    facts: [
      {
        id: 1,
        title: 'f',
        statement: 's',
        paper: 'p',
        checks: [{ says: 'a > 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } }],
      },
    ],
  });
  const outcome = (contrasts: number[]): DrawOutcome => ({ facts: [], contrasts });

  it('counts draws keeping the sign at the defaults, the opposite sign, and no difference (zero or undefined)', () => {
    const draws = [outcome([0.2, -0.01]), outcome([0.1, 0]), outcome([-0.05, Number.NaN]), outcome([0.3, 0.02])];
    const [satisfaction, waste] = summariseContrasts(file, draws, outcome([0.18, -0.03]));
    expect(satisfaction).toEqual({
      metric: 'satisfaction.end',
      from: 'a',
      to: 'b',
      atDefaults: 0.18,
      draws: 4,
      sameSign: 3,
      oppositeSign: 1,
      noDifference: 0,
      keepsSignShare: 0.75,
    });
    expect(waste).toMatchObject({ sameSign: 1, oppositeSign: 1, noDifference: 2, keepsSignShare: 0.25 });
  });

  it('has nothing to follow without a contrast, and no sign to keep where there is none at the defaults', () => {
    expect(summariseContrasts({ ...file, contrast: undefined }, [outcome([])], outcome([]))).toEqual([]);
    // Zero or undefined at the defaults: draws that differ either way are neither kept nor reversed, and are not
    // counted as no difference either; only the draw with none is.
    const draws = [outcome([0.3, 0.3]), outcome([-0.2, -0.2]), outcome([0.5, 0.5]), outcome([Number.NaN, 0])];
    for (const atDefaults of [0, Number.NaN]) {
      const [flat, undefinedThere] = summariseContrasts(file, draws, outcome([atDefaults, Number.NaN]));
      for (const contrast of [flat, undefinedThere]) {
        expect(contrast).toMatchObject({ draws: 4, sameSign: 0, oppositeSign: 0, noDifference: 1 });
        expect(contrast?.keepsSignShare).toBeNaN();
        expect(hasReferenceSign(contrast as { atDefaults: number })).toBe(false);
      }
    }
    expect(hasReferenceSign({ atDefaults: -0.03 })).toBe(true);
  });
});

describe('jointHolding and factTensions', () => {
  type Status = 'holds' | 'falls short' | 'not applicable';
  const short = { h: 'holds', s: 'falls short', n: 'not applicable' } as const;
  /** One draw per string, one fact per letter: h holds, s falls short, n not applicable. */
  const outcomes = (...draws: string[]): DrawOutcome[] =>
    draws.map((draw) => ({
      facts: [...draw].map((letter, index) => {
        const status: Status = short[letter as keyof typeof short];
        return { id: index + 1, status, share: status === 'holds' ? 1 : 0, applicable: 1, notApplicable: 0 };
      }),
      contrasts: [],
    }));

  it('counts the draws in which every fact holds among those in which every fact applies', () => {
    expect(jointHolding(outcomes('hhh', 'hsh', 'nhh', 'hhh'))).toEqual({
      draws: 4,
      allApplicable: 3,
      allHolding: 2,
      holdingShare: 2 / 3,
    });
    expect(jointHolding(outcomes('nh')).holdingShare).toBeNaN();
  });

  it('tabulates every pair over the draws where both apply, with φ below 0 for facts that pull apart', () => {
    // Facts 1 and 2 never hold together; 1 and 3 always agree; the last draw has fact 2 not applicable.
    const tensions = factTensions(outcomes('hsh', 'shs', 'hsh', 'shs', 'hnh'));
    expect(tensions.map((tension) => [tension.first, tension.second])).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(tensions[0]).toEqual({
      first: 1,
      second: 2,
      draws: 4,
      bothHold: 0,
      firstOnly: 2,
      secondOnly: 2,
      neitherHolds: 0,
      expectedBothHold: 1,
      phi: -1,
    });
    expect(tensions[1]).toMatchObject({ draws: 5, bothHold: 3, neitherHolds: 2, expectedBothHold: 9 / 5, phi: 1 });
    expect(strongestTensions(tensions).map((tension) => [tension.first, tension.second])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('gives φ as the correlation of the two facts holding, and none when a fact never varies', () => {
    // 2×2 table: both 3, first only 1, second only 2, neither 4 → φ = (3·4 − 1·2) ÷ √(4·6·5·5).
    const [tension] = factTensions(outcomes('hh', 'hh', 'hh', 'hs', 'sh', 'sh', 'ss', 'ss', 'ss', 'ss'));
    expect(tension?.phi).toBeCloseTo(10 / Math.sqrt(4 * 6 * 5 * 5), 12);
    const [constant] = factTensions(outcomes('hh', 'hs', 'hh'));
    expect(constant?.phi).toBeNaN();
    expect(strongestTensions([constant as NonNullable<typeof constant>])).toEqual([]);
  });

  describe('givenObserved', () => {
    // Fact 1 reads the case alone (observed); facts 2 and 3 compare it with a counterfactual.
    const check = (scenario: string) => ({
      says: 'x',
      left: { scenario: 'case', summary: 'load.staffMean' },
      is: '>',
      right: scenario === 'case' ? { value: 1 } : { scenario, summary: 'load.staffMean' },
    });
    const file = factsFileSchema.parse({
      case: 'case',
      contrast: { from: 'other', to: 'case', metrics: ['load.staffMean'] },
      facts: ['case', 'other', 'other'].map((scenario, index) => ({
        id: index + 1,
        title: `Fact ${index + 1}`,
        statement: 's',
        paper: 'p',
        checks: [check(scenario)],
      })),
    });
    const withContrast = (draws: DrawOutcome[], differences: number[]) =>
      draws.map((draw, index) => ({ ...draw, contrasts: [differences[index] as number] }));

    it('counts the other facts and the contrast over the draws in which every observed fact holds', () => {
      const draws = withContrast(outcomes('hhs', 'hsh', 'shh', 'nhh', 'hhn'), [-1, -2, 3, 4, 5]);
      const given = givenObserved(file, draws, { facts: [], contrasts: [-0.5] });
      // Fact 1 applies in 4 draws and holds in 3 (draws 0, 1 and 4); over those, fact 2 holds in 2 and fact 3 in 1 of 2.
      expect(given).toMatchObject({ observed: [1], applicable: 4, holding: 3 });
      expect(given?.facts.map((fact) => [fact.id, fact.holding, fact.fallingShort, fact.notApplicable])).toEqual([
        [2, 2, 1, 0],
        [3, 1, 1, 1],
      ]);
      // The contrast is negative at the defaults; two of the three kept draws are too.
      expect(given?.contrasts[0]).toMatchObject({ draws: 3, sameSign: 2, oppositeSign: 1 });
    });

    it('is null when no fact reads the case alone', () => {
      const counterfactual = factsFileSchema.parse({ ...file, facts: file.facts.slice(1) });
      expect(givenObserved(counterfactual, outcomes('hh'))).toBeNull();
    });
  });

  describe('jointBreakersOf', () => {
    const x: RobustnessParameter = { path: 'x', range: [0, 10], integer: false };
    const y: RobustnessParameter = { path: 'y', range: [0, 10], integer: false };

    it('ranks parameters by their rank correlation with the number of facts holding, with their values where all hold', () => {
      // More facts hold as x rises; y runs against x but less strictly. Every fact holds at x = 3 and x = 4.
      const draws = [
        { x: 1, y: 5 },
        { x: 2, y: 9 },
        { x: 3, y: 2 },
        { x: 4, y: 1 },
      ];
      const [first, second] = jointBreakersOf([y, x], draws, outcomes('ss', 'hs', 'hh', 'hh'));
      expect(first).toMatchObject({ path: 'x', failsAt: 'low', whereAllHold: [3, 4] });
      // Ranks 1 2 3 4 against 1 2 3.5 3.5: ρ = 4.5 ÷ √(5 · 4.5) = 3 ÷ √10.
      expect(first?.correlation).toBeCloseTo(3 / Math.sqrt(10), 12);
      expect(second).toMatchObject({ path: 'y', failsAt: 'high', whereAllHold: [1, 2] });
    });

    it('leaves out draws with a fact not applicable, and has no values where all hold when no draw has them all', () => {
      // Without the not-applicable draw, x and the count of facts holding fall together.
      const draws = [{ x: 1 }, { x: 2 }, { x: 3 }, { x: 9 }];
      const [breaker] = jointBreakersOf([x], draws, outcomes('hs', 'ss', 'ss', 'nh'));
      expect(breaker).toEqual({ path: 'x', correlation: expect.any(Number), failsAt: 'high', whereAllHold: null });
      expect(breaker?.correlation).toBeLessThan(0);
      expect(jointBreakersOf([x], draws.slice(0, 2), outcomes('hh', 'hh'))).toEqual([]);
    });
  });
});

describe('evaluateDrawSteps', () => {
  it('yields after each week of each run and gives what evaluateDraw gives', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const draw = { 'parameters.docking.confirmationChance': 0.3 };
    const steps = evaluateDrawSteps(folder.facts, folder.inputs, draw, 2);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThan(10);
    expect(JSON.stringify(finishSteps(evaluateDrawSteps(folder.facts, folder.inputs, draw, 2)))).toBe(
      JSON.stringify(evaluateDraw(folder.facts, folder.inputs, draw, 2)),
    );
  });
});

describe('holdingShareText', () => {
  it('gives the share of draws holding with its Wilson 95% interval (scipy’s binomtest(…).proportion_ci(method="wilson"))', () => {
    // 20 of 60: [0.2273, 0.4594]; 45 of 60: [0.6277, 0.8422]; 60 of 60: [0.9398, 1].
    expect(holdingShareText({ holding: 20, fallingShort: 40 })).toBe('33% [23%, 46%]');
    expect(holdingShareText({ holding: 45, fallingShort: 15 })).toBe('75% [63%, 84%]');
    expect(holdingShareText({ holding: 60, fallingShort: 0 })).toBe('100% [94%, 100%]');
  });

  it('is a dash where the fact applies in no draw', () => {
    expect(holdingShareText({ holding: 0, fallingShort: 0 })).toBe('—');
  });

  it('names the count that is not a whole number from 0, rather than printing "-50% [NaN%, NaN%]" or failing inside', () => {
    expect(() => holdingShareText({ holding: -1, fallingShort: 3 })).toThrow(
      'fact count: invalid fact count\n  - holding: expected a whole number ≥ 0, got -1',
    );
    expect(() => holdingShareText(null as never)).toThrow(ScenarioError);
    expect(() => holdingShareText({ holding: 2 } as never)).toThrow(/- fallingShort: expected a whole number ≥ 0, got undefined/);
  });
});

describe('drawShareText', () => {
  it('gives a share of draws with its Wilson 95% interval, a dash of none', () => {
    expect(drawShareText(45, 60)).toBe('75% [63%, 84%]');
    expect(drawShareText(0, 0)).toBe('—');
  });

  it('names the argument when the counts are not whole numbers from 0, or more successes than draws', () => {
    // Unchecked, 5 of 3 read "167% [NaN%, NaN%]" and 1.5 of 3 "50% [13%, 87%]".
    expect(() => drawShareText(5, 3)).toThrow(
      'draw share arguments: invalid arguments\n  - successes: expected at most draws (3), got 5',
    );
    expect(() => drawShareText(1.5, 3)).toThrow(/- successes: expected a whole number ≥ 0, got 1\.5/);
    expect(() => drawShareText('a' as never, -1)).toThrow(ScenarioError);
  });
});
