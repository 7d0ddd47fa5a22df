import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { finishSteps, pairedShareDifference, shareDifference, wilsonInterval } from '../../src/core/index.js';
import type { RunSummary } from '../../src/metrics/index.js';
import { loadCaseFolder } from '../../src/node/index.js';
import { parseScenario, type Scenario, ScenarioError } from '../../src/scenario/index.js';
import { defineModel, type RunResult, runScenario, runSeed } from '../../src/simulation/index.js';
import {
  evaluateFacts,
  evaluateFactsWithOverrides,
  evaluateFalsification,
  FactEvaluator,
  type FactsFile,
  factsEvaluationOfShares,
  factsFileSchema,
  factsProblems,
  factsTable,
  type MeasuredReplicates,
  measureReplicatesSteps,
  runPairedReplicates,
  scenariosOfFacts,
} from '../../src/validation/index.js';

function runWith(summary: Record<string, Record<string, number>>): RunResult {
  return { scenarioName: 'x', seed: 0, weeks: [], summary: summary as unknown as RunSummary, events: [], milestones: {} };
}

/** The check that a's mean staff load is above b's. */
const aAboveB = {
  says: 'a > b',
  left: { scenario: 'a', summary: 'load.staffMean' },
  is: '>',
  right: { scenario: 'b', summary: 'load.staffMean' },
};

/** Adds a replicate whose scenarios a and b have these mean staff loads. */
function addPair(evaluator: FactEvaluator, a: number, b: number): void {
  evaluator.add(
    new Map([
      ['a', runWith({ load: { staffMean: a } })],
      ['b', runWith({ load: { staffMean: b } })],
    ]),
  );
}

/** A facts file of one probability fact: a's mean staff load above 1 more often than b's. */
function twoEventFacts(): FactsFile {
  return factsFileSchema.parse({
    case: 'a',
    facts: [
      {
        id: 1,
        title: 'events',
        statement: 's',
        paper: 'p',
        kind: 'probability',
        events: {
          first: { says: 'a above 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } },
          second: { says: 'b above 1', left: { scenario: 'b', summary: 'load.staffMean' }, is: '>', right: { value: 1 } },
        },
        claims: [{ more: 'first', than: 'second' }],
      },
    ],
  });
}

describe('FactEvaluator on hand-made replicates', () => {
  const file: FactsFile = factsFileSchema.parse({
    case: 'a',
    facts: [
      {
        id: 1,
        title: 'a above b',
        statement: 's',
        paper: 'p',
        ifNotReproduced: 'because',
        checks: [
          {
            says: 'a > b',
            left: { scenario: 'a', summary: 'load.staffMean' },
            is: '>',
            right: { scenario: 'b', summary: 'load.staffMean' },
          },
        ],
      },
      {
        id: 2,
        title: 'events',
        statement: 's',
        paper: 'p',
        kind: 'probability',
        events: {
          often: { says: 'a above 1', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 1 } },
          never: { says: 'b above 10', left: { scenario: 'b', summary: 'load.staffMean' }, is: '>', right: { value: 10 } },
        },
        claims: [{ more: 'often', than: 'never' }, { never: 'never' }],
      },
    ],
  });

  it('counts the share of replicates, the margins and the effect size', () => {
    const evaluator = new FactEvaluator(file);
    // Margins a − b: 1, 2, 3, −1 → holds in 3 of 4; mean 1.25, SD √(8.75/3).
    for (const [a, b] of [
      [3, 2],
      [4, 2],
      [5, 2],
      [1, 2],
    ] as const)
      addPair(evaluator, a, b);
    const [first, second] = evaluator.results();
    expect(first?.kind).toBe('replicates');
    if (first?.kind !== 'replicates') return;
    expect(first.holds.share).toBe(0.75);
    expect(first.passed).toBe(false);
    expect(first.status).toBe('falls short');
    expect([first.applicable, first.notApplicable]).toEqual([4, 0]);
    expect(first.effectSize).toBeCloseTo(1.25 / Math.sqrt(8.75 / 3), 12);
    expect(first.checks[0]?.margin.mean).toBe(1.25);
    expect(first.ifNotReproduced).toBe('because');
    expect(second?.kind).toBe('probability');
    if (second?.kind !== 'probability') return;
    // 'often' is a > 1: a = 3, 4, 5, 1 → 3 of 4.
    expect(second.events.often?.share).toBe(0.75);
    expect(second.events.never?.share).toBe(0);
    expect(second.claims.map((claim) => claim.holds)).toEqual([true, true]);
    expect(second.passed).toBe(true);
    expect(second.status).toBe('holds');
    expect(second.effectSize).toBeNaN();
    const table = factsTable(evaluator.results(), 4);
    // The heading's count is the results' own: another is refused rather than printed over their intervals.
    expect(() => factsTable(evaluator.results(), 500)).toThrow(
      '  - replicates: expected the replicates the results were evaluated on (4), got 500',
    );
    expect(table).toContain('1 of 2 facts hold at their thresholds; 1 falls short.');
    expect(table).toContain('falls short');
    expect(table).not.toMatch(/PASS|FAIL/);
  });

  it('gives a probability claim the interval of two events on the same replicates, paired, over the replicates both apply to', () => {
    const paired = twoEventFacts();
    const evaluator = new FactEvaluator(paired);
    // Both on 2 replicates, the first only on 4, neither on 24; and one replicate on which b is undefined.
    const pairs: Array<[number, number]> = [
      ...Array.from({ length: 2 }, (): [number, number] => [2, 2]),
      ...Array.from({ length: 4 }, (): [number, number] => [2, 0]),
      ...Array.from({ length: 24 }, (): [number, number] => [0, 0]),
      [2, Number.NaN],
    ];
    for (const [a, b] of pairs) addPair(evaluator, a, b);
    const [result] = evaluator.results();
    if (result?.kind !== 'probability') throw new Error('expected a probability fact');
    const expected = pairedShareDifference({ both: 2, firstOnly: 4, secondOnly: 0, neither: 24 });
    expect(result.claims[0]).toMatchObject({ difference: expected.mean, low: expected.low, high: expected.high });
    // Narrower than the interval of two independent shares, which would treat the 30 replicates as 60.
    const apart = shareDifference(wilsonInterval(6, 30), wilsonInterval(2, 30));
    expect(expected.high - expected.low).toBeLessThan(apart.high - apart.low);
    // Each event's own share is over every replicate it applies to.
    expect(result.events.first?.share).toBeCloseTo(7 / 31, 12);
  });

  it('holds a probability fact not applicable where its claim’s two events never apply on the same replicate', () => {
    const apart = twoEventFacts();
    const evaluator = new FactEvaluator(apart);
    // Each event applies on half the replicates (the fact's minimum share), never on the same one as the other.
    for (let replicate = 0; replicate < 10; replicate++) addPair(evaluator, 2, Number.NaN);
    for (let replicate = 0; replicate < 10; replicate++) addPair(evaluator, Number.NaN, 0);
    const [result] = evaluator.results();
    if (result?.kind !== 'probability') throw new Error('expected a probability fact');
    expect(result.events.first?.applicable).toBe(10);
    expect(result.events.second?.applicable).toBe(10);
    expect(result.claims[0]?.status).toBe('not applicable');
    // Not "falls short": no replicate could test the claim.
    expect(result.status).toBe('not applicable');
    expect(result.applicable).toBe(0);
    expect(result.notApplicableReason).toBe(
      'not applicable on any of 20 replicates; least applicable claim: "P(a above 1) > P(b above 1)" (its events apply together on 0 replicates)',
    );
  });

  it('gives an equality check its tolerance less the distance as its margin: 0 or more where it holds', () => {
    const equal = factsFileSchema.parse({
      case: 'a',
      facts: [
        {
          id: 1,
          title: 'a equals b',
          statement: 's',
          paper: 'p',
          checks: [{ ...aAboveB, says: 'a = b', is: '==', tolerance: 0.5 }],
        },
      ],
    });
    const evaluator = new FactEvaluator(equal);
    // Distances 0.25, 0.5 and 1 against a tolerance of 0.5: margins 0.25, 0 and −0.5; holds in 2 of 3.
    for (const [a, b] of [
      [2.25, 2],
      [2, 2.5],
      [3, 2],
    ] as const)
      addPair(evaluator, a, b);
    const [result] = evaluator.results();
    if (result?.kind !== 'replicates') throw new Error('expected a replicate fact');
    expect(result.holds.share).toBeCloseTo(2 / 3, 12);
    expect(result.checks[0]?.margin.mean).toBeCloseTo((0.25 + 0 - 0.5) / 3, 12);
  });

  it('leaves the effect size undefined on one replicate, and unbounded where margins do not vary', () => {
    const add = (evaluator: FactEvaluator, a: number) => addPair(evaluator, a, 2);
    const one = new FactEvaluator(file);
    add(one, 3);
    expect(one.results()[0]?.effectSize).toBeNaN();
    expect(factsTable(one.results(), 1)).not.toContain('∞');
    const same = new FactEvaluator(file);
    add(same, 3);
    add(same, 3);
    expect(same.results()[0]?.effectSize).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives a fact the effect size of its weakest check, and each check its own', () => {
    const twoChecks: FactsFile = factsFileSchema.parse({
      case: 'a',
      facts: [
        {
          id: 1,
          title: 'a above b, and below 10',
          statement: 's',
          paper: 'p',
          checks: [
            aAboveB,
            { says: 'a < 10', left: { scenario: 'a', summary: 'load.staffMean' }, is: '<', right: { value: 10 } },
          ],
        },
      ],
    });
    const evaluator = new FactEvaluator(twoChecks);
    // Margins of a > b: 1, 2, 3 (d = 2 ÷ 1 = 2); of a < 10: 7, 6, 5 (d = 6 ÷ 1 = 6).
    for (const a of [3, 4, 5]) addPair(evaluator, a, 2);
    const [result] = evaluator.results();
    if (result?.kind !== 'replicates') throw new Error('expected a replicate fact');
    expect(result.checks.map((check) => check.effectSize)).toEqual([2, 6]);
    expect(result.effectSize).toBe(2);
    // A check whose margins vary about 0 has an effect of 0, and a fact with it an effect of 0.
    const level = new FactEvaluator(twoChecks);
    for (const a of [1, 3]) addPair(level, a, 2);
    expect(level.results()[0]?.effectSize).toBe(0);
  });

  it('finds the scenarios a facts file needs', () => {
    expect(scenariosOfFacts(file).sort()).toEqual(['a', 'b']);
  });
});

describe('evaluateFacts of scenarios as written', () => {
  it('parses them first: the seeds and results of the parsed scenarios, as govsim validate gives them', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const written = evaluateFacts(folder.facts, folder.inputs, 2);
    const parsed = evaluateFacts(folder.facts, folder.scenarios, 2);
    expect(written.seeds).toEqual(parsed.seeds);
    expect(written.seeds).toEqual([0, 1].map((replicate) => runSeed(folder.scenarios.get('case') as Scenario, replicate)));
    expect(JSON.stringify(written)).toBe(JSON.stringify(parsed));
  });

  it('evaluates a facts file as written (JSON.parse of facts.json) with its defaults filled, as the folder reads it', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const written = JSON.parse(await readFile('test/fixtures/tiny-case/facts.json', 'utf8'));
    // The file leaves the threshold and the share of replicates a fact must apply on to their defaults.
    expect(written.facts[0]).not.toHaveProperty('threshold');
    const asWritten = evaluateFacts(written, folder.scenarios, 3);
    expect(JSON.stringify(asWritten)).toBe(JSON.stringify(evaluateFacts(folder.facts, folder.scenarios, 3)));
    expect(asWritten.results.some((result) => result.status === 'holds')).toBe(true);
    // Each evaluation that takes a facts file: measured in shares, and with overrides.
    const measured = finishSteps(measureReplicatesSteps(written, folder.scenarios, 0, 3));
    expect(JSON.stringify(factsEvaluationOfShares(written, [measured], 3))).toBe(JSON.stringify(asWritten));
    expect(JSON.stringify(evaluateFactsWithOverrides(written, folder.inputs, {}, 3))).toBe(JSON.stringify(asWritten));
  });

  it('counts an edit made to a facts file between two evaluations', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const facts = structuredClone(folder.facts);
    const before = evaluateFacts(facts, folder.scenarios, 2).results[0];
    expect(before?.status).toBe('holds');
    const [first] = facts.facts;
    if (first === undefined || first.kind === 'probability') throw new Error('the tiny case starts with a replicate fact');
    const [check] = first.checks;
    if (check === undefined) throw new Error('the fact has no check');
    // A threshold no replicate reaches: the same file, edited, falls short.
    check.right = { value: 1e9 };
    check.is = '>';
    expect(evaluateFacts(facts, folder.scenarios, 2).results[0]?.status).toBe('falls short');
  });

  it('refuses an evaluation with no number of replicates, rather than evaluate none', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    expect(() => (evaluateFacts as (...given: unknown[]) => unknown)(folder.facts, folder.scenarios)).toThrow(
      'paired replicates: invalid number of replicates\n  - replicates: expected a whole number ≥ 1, got undefined (a required argument)',
    );
  });

  it('refuses a scenario as written that is not valid, named by its key, before any run', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const inputs = new Map(folder.inputs);
    inputs.set('co-production', { name: 'broken', mode: 'co-production', weeks: 0 });
    let runs = 0;
    expect(() => evaluateFacts(folder.facts, inputs, 2, () => runs++)).toThrow(
      'co-production: invalid scenario\n  - weeks: expected at least 1',
    );
    expect(runs).toBe(0);
  });
});

describe('measureReplicatesSteps and factsEvaluationOfShares', () => {
  it('give, from shares measured apart and recorded in any order, what evaluateFacts gives', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const whole = evaluateFacts(folder.facts, folder.scenarios, 5);
    const shares = [
      finishSteps(measureReplicatesSteps(folder.facts, folder.scenarios, 3, 2)),
      finishSteps(measureReplicatesSteps(folder.facts, folder.inputs, 0, 3)),
    ];
    expect(shares.map((share) => share.seeds.length)).toEqual([2, 3]);
    expect(JSON.stringify(factsEvaluationOfShares(folder.facts, shares, 5))).toBe(JSON.stringify(whole));
  });

  it('refuse shares that leave a replicate out, take one twice or measure a replicate without its seed', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const [first, second] = [0, 1].map((replicate) =>
      finishSteps(measureReplicatesSteps(folder.facts, folder.scenarios, replicate, 1)),
    ) as [MeasuredReplicates, MeasuredReplicates];
    expect(() => factsEvaluationOfShares(folder.facts, [second], 1)).toThrow(
      'expected a share from replicate 0, with a measure per seed; got one from replicate 1, 1 measures for 1 seeds',
    );
    expect(() => factsEvaluationOfShares(folder.facts, [first, first], 2)).toThrow('expected a share from replicate 1');
    expect(() => factsEvaluationOfShares(folder.facts, [first, second], 3)).toThrow('expected 3 replicates, got 2');
    expect(() => factsEvaluationOfShares(folder.facts, [{ ...first, values: [] }], 1)).toThrow(
      'got one from replicate 0, 0 measures for 1 seeds',
    );
    expect(() => finishSteps(measureReplicatesSteps(folder.facts, folder.scenarios, -1, 0))).toThrow(
      /first: expected a whole number ≥ 0, got -1\n {2}- count: expected a whole number ≥ 1, got 0/,
    );
  });
});

describe('runPairedReplicates', () => {
  it('refuses a number of replicates that is not a whole number from 1, before running anything', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const caseScenario = folder.scenarios.get('case');
    if (caseScenario === undefined) throw new Error('the tiny case has no case scenario');
    let runs = 0;
    for (const [replicates, given] of [
      [0, '0'],
      [-1, '-1'],
      [1.5, '1.5'],
      ['2', 'the string "2"'],
    ] as const) {
      expect(() => runPairedReplicates(caseScenario, folder.scenarios, replicates as number, () => runs++)).toThrow(
        `replicates: expected a whole number ≥ 1, got ${given}`,
      );
    }
    expect(runs).toBe(0);
  });

  it('says which scenario and replicate met a failure of a model module’s code', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const caseScenario = folder.scenarios.get('case');
    if (caseScenario === undefined) throw new Error('the tiny case has no case scenario');
    const model = defineModel({
      name: 'faulty',
      extensions: [
        {
          name: 'gossip',
          description: 'fails in week 2',
          phases: [
            {
              name: 'rumours',
              after: 'residents',
              run: ({ state }) => {
                if (state.week === 2) throw new Error('my phase failed');
              },
            },
          ],
        },
      ],
    });
    const first = [...folder.scenarios.keys()][0];
    const seed = runSeed(caseScenario, 0);
    expect(() => runPairedReplicates(caseScenario, folder.scenarios, 2, () => {}, undefined, model)).toThrow(
      `model extension gossip, phase rumours, week 2 of ${first}, replicate 0 (seed ${seed}): Error: my phase failed`,
    );
  });
});

describe('not applicable replicates', () => {
  const fact = (extra: Record<string, unknown>) => ({
    id: 1,
    title: 't',
    statement: 's',
    paper: 'p',
    checks: [aAboveB, { says: 'a > 0', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 0 } }],
    ...extra,
  });
  /** Evaluates a facts file on replicates given as [a, b] pairs (NaN: undefined). */
  const evaluate = (facts: unknown[], pairs: ReadonlyArray<readonly [number, number]>) => {
    const evaluator = new FactEvaluator(factsFileSchema.parse({ case: 'a', facts }));
    for (const [a, b] of pairs) addPair(evaluator, a, b);
    return evaluator.results();
  };

  it('leaves replicates with an undefined measure out of the denominator, per fact and per check', () => {
    // b undefined on two replicates: the first check is not applicable there, so the fact is too.
    const [result] = evaluate(
      [fact({ threshold: 0.9 })],
      [
        [3, 2],
        [4, 2],
        [5, Number.NaN],
        [1, Number.NaN],
        [6, 2],
      ],
    );
    if (result?.kind !== 'replicates') throw new Error('expected a replicate fact');
    expect([result.applicable, result.notApplicable, result.replicates]).toEqual([3, 2, 5]);
    expect(result.holds.share).toBe(1);
    expect(result.holds.count).toBe(3);
    expect(result.status).toBe('holds');
    expect(result.passed).toBe(true);
    expect(result.checks.map((check) => [check.applicable, check.notApplicable, check.share])).toEqual([
      [3, 2, 1],
      [5, 0, 1],
    ]);
  });

  it('counts a replicate whose other check fails as failing the fact, not as not applicable (false and undefined is false)', () => {
    // b undefined throughout, so the first check never applies; the second (a > 0) fails where a is −1.
    const [result] = evaluate(
      [fact({ threshold: 0.5 })],
      [
        [2, Number.NaN],
        [-1, Number.NaN],
        [-1, Number.NaN],
        [-1, 0],
        [3, 1],
      ],
    );
    if (result?.kind !== 'replicates') throw new Error('expected a replicate fact');
    // Applicable: the three where a check fails, and the last, where both are defined and hold; the first is not.
    expect([result.applicable, result.notApplicable, result.holds.share]).toEqual([4, 1, 0.25]);
    expect(result.status).toBe('falls short');
    expect(result.checks.map((check) => [check.applicable, check.notApplicable, check.share])).toEqual([
      [2, 3, 0.5],
      [5, 0, 0.4],
    ]);
  });

  it('reports a fact applicable on too few replicates as not applicable, with the reason, neither holding nor falling short', () => {
    const pairs: Array<[number, number]> = [
      [3, 2],
      [1, Number.NaN],
      [1, Number.NaN],
    ];
    const [defaults, lenient] = evaluate([fact({}), fact({ id: 2, minimumApplicableShare: 0.3 })], pairs);
    expect(defaults?.status).toBe('not applicable');
    expect(defaults?.passed).toBe(false);
    expect(defaults?.notApplicableReason).toBe(
      'applicable on only 1 of 3 replicates (33%; needs 50%); most often undefined: "a > b" (on 2 replicates)',
    );
    expect(lenient?.status).toBe('holds');
    // Its second check has margins on every replicate, but the fact was decided on one: it has no effect size to show.
    expect(defaults?.effectSize).toBeNaN();
    if (defaults?.kind === 'replicates') expect(defaults.checks[1]?.effectSize).toBeCloseTo(5 / 3 / Math.sqrt(4 / 3), 12);
    expect(
      factsTable(
        [defaults].filter((result) => result !== undefined),
        3,
      ),
    ).toMatch(/ — {2,}≥ 90%/);
    // Just short of half: the share is not rounded up to what it needs.
    const [justShort] = evaluate(
      [fact({})],
      Array.from({ length: 200 }, (_, index): [number, number] => [3, index < 99 ? 2 : Number.NaN]),
    );
    expect(justShort?.status).toBe('not applicable');
    expect(justShort?.notApplicableReason).toContain('applicable on only 99 of 200 replicates (49.5%; needs 50%)');
    const [none] = evaluate([fact({})], [[1, Number.NaN]]);
    expect(none?.status).toBe('not applicable');
    expect(none?.notApplicableReason).toContain('not applicable on any of 1 replicate;');
    if (none?.kind === 'replicates') expect(none.holds.share).toBeNaN();
    const table = factsTable(
      [defaults, lenient].filter((result) => result !== undefined),
      3,
    );
    expect(table).toContain('1 of 2 facts hold at their thresholds; 1 is not applicable.');
    expect(table).toContain('Fact 1 (t) is not applicable: applicable on only 1 of 3');
    expect(table).toMatch(/ 2\/3 +not applicable/);
  });

  it("counts an undefined measure as failing when the check says ifUndefined: 'does not hold'", () => {
    const failing = fact({});
    (failing.checks[0] as Record<string, unknown>).ifUndefined = 'does not hold';
    const [result] = evaluate(
      [failing],
      [
        [3, 2],
        [1, Number.NaN],
      ],
    );
    expect([result?.applicable, result?.notApplicable, result?.status]).toEqual([2, 0, 'falls short']);
  });

  it('estimates event probabilities over the replicates on which each event applies', () => {
    const probability = {
      id: 3,
      title: 'events',
      statement: 's',
      paper: 'p',
      kind: 'probability',
      events: {
        high: { says: 'a above 2', left: { scenario: 'a', summary: 'load.staffMean' }, is: '>', right: { value: 2 } },
        low: { says: 'b above 2', left: { scenario: 'b', summary: 'load.staffMean' }, is: '>', right: { value: 2 } },
      },
      claims: [{ more: 'high', than: 'low' }],
    };
    const pairs: Array<[number, number]> = Array.from({ length: 20 }, (_, index) => [3, index < 5 ? Number.NaN : 1]);
    const [result] = evaluate([probability], pairs);
    if (result?.kind !== 'probability') throw new Error('expected a probability fact');
    expect(result.events.high).toMatchObject({ share: 1, applicable: 20, notApplicable: 0 });
    expect(result.events.low).toMatchObject({ share: 0, applicable: 15, notApplicable: 5 });
    expect([result.applicable, result.notApplicable, result.status]).toEqual([15, 5, 'holds']);
    const [none] = evaluate([probability], [[3, Number.NaN]]);
    expect(none?.status).toBe('not applicable');
    if (none?.kind === 'probability') expect(none.claims[0]?.status).toBe('not applicable');
  });
});

describe('the Z Street facts', () => {
  it('place windows by milestones as the case’s fixed weeks do', async () => {
    const folder = await loadCaseFolder('z-street');
    const byWeeks = folder.facts.facts.find((fact) => fact.id === 1);
    if (byWeeks?.kind !== 'replicates') throw new Error('expected fact 1');
    // Implementation starts in week 41 of the case and the run ends in week 104.
    const byMilestones = JSON.parse(
      JSON.stringify(byWeeks).replaceAll(
        '"from":41,"to":104',
        '"from":{"milestone":"implementationStart"},"to":{"milestone":"end"}',
      ),
    );
    expect(JSON.stringify(byMilestones)).toContain('implementationStart');
    const file = factsFileSchema.parse({ case: 'case', facts: [byWeeks, { ...byMilestones, id: 2 }] });
    const evaluator = new FactEvaluator(file);
    runPairedReplicates(
      folder.scenarios.get('case') as never,
      new Map([['case', folder.scenarios.get('case') as never]]),
      3,
      (_replicate, runs) => evaluator.add(runs),
    );
    const [fixed, placed] = evaluator.results();
    if (fixed?.kind !== 'replicates' || placed?.kind !== 'replicates') throw new Error('expected replicate facts');
    expect(placed.checks.map((check) => check.margin.mean)).toEqual(fixed.checks.map((check) => check.margin.mean));
  });

  it('are all evaluated on paired replicates: each holds, or falls short or is not applicable with a stated reason', async () => {
    const folder = await loadCaseFolder('z-street');
    expect(folder.facts.facts.map((fact) => fact.id)).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));
    const evaluator = new FactEvaluator(folder.facts);
    runPairedReplicates(folder.scenarios.get('case') as never, folder.scenarios, 40, (_replicate, runs) => evaluator.add(runs));
    const results = evaluator.results();
    for (const result of results) {
      const declared = folder.facts.facts.find((fact) => fact.id === result.id);
      if (declared?.ifNotReproduced === undefined) {
        // 40 replicates cannot make a difference of probabilities significant (govsim validate uses 200); its direction must hold.
        if (result.kind === 'probability') for (const claim of result.claims) expect(claim.difference).toBeGreaterThan(0);
        else expect(result.status, `fact ${result.id} ${result.title}`).toBe('holds');
      }
      expect(result.passed).toBe(result.status === 'holds');
    }
    // Most of the paper's facts come out of the mechanisms at their thresholds.
    expect(results.filter((result) => result.passed).length).toBeGreaterThanOrEqual(10);
  });

  it('explain a shortfall without a measured number that fewer replicates contradict: each names the 200 it is of', async () => {
    // The report prints the explanation under the checks' own shares, on however many replicates were run: at 60, fact
    // 5's idling check holds in 97% and a sixth of the projects are done, so "99% or more" and "about an eighth" must
    // say they are of govsim validate's 200 replicates.
    const folder = await loadCaseFolder('z-street');
    for (const fact of folder.facts.facts) {
      if (fact.kind !== 'replicates' || fact.ifNotReproduced === undefined) continue;
      for (const sentence of fact.ifNotReproduced.split(/(?<=\.) /))
        if (/\d% of replicates|% or more|on average/i.test(sentence)) expect(sentence, `fact ${fact.id}`).toMatch(/\b200\b/);
    }
  });
});

describe('facts checked against their scenarios', () => {
  it('refuses a summary path that names nothing and a window beyond the horizon, naming each', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const caseScenario = folder.scenarios.get('case') as never;
    const summary = runScenario(caseScenario, { weeks: 1 }).summary;
    const file = factsFileSchema.parse({
      case: 'case',
      contrast: { from: 'case', to: 'co-production', metrics: ['satisfaction.ending'] },
      facts: [
        {
          id: 1,
          title: 't',
          statement: 's',
          paper: 'p',
          checks: [
            { says: 'x', left: { scenario: 'case', summary: 'load.staffPeek' }, is: '>', right: { value: 1 } },
            {
              says: 'y',
              left: { scenario: 'case', series: 'staffLoad', from: 1, to: 900, aggregate: 'max' },
              is: '>',
              right: { scenario: 'case', summary: 'load.staffPeak' },
            },
            {
              says: 'z',
              left: { scenario: 'case', series: 'staffLoad', from: 1, to: { milestone: 'end', offset: 10 }, aggregate: 'max' },
              is: '>',
              right: { value: 0 },
            },
          ],
        },
      ],
    });
    expect(factsProblems(file, () => 104, summary)).toEqual([
      {
        path: 'facts[0].checks[0].left.summary',
        message:
          'expected a number of the run summary, such as load.staffPeak: "load.staffPeek" is none (did you mean "load.staffPeak"?)',
      },
      { path: 'facts[0].checks[1].left.to', message: 'expected a week within the 104 weeks of "case", got 900' },
      {
        path: 'facts[0].checks[2].left.to.offset',
        message: 'expected an offset of at most 0 from the end (the last week), got 10',
      },
      {
        path: 'contrast.metrics[0]',
        message: 'expected a number of the run summary: "satisfaction.ending" is none (did you mean "satisfaction.end"?)',
      },
    ]);
    // The shipped case has none.
    const shipped = await loadCaseFolder('z-street');
    expect(factsProblems(shipped.facts, (key) => shipped.scenarios.get(key)?.weeks, summary)).toEqual([]);
  });
});

describe('evaluations given a wrong object (plain JavaScript)', () => {
  const file = factsFileSchema.parse({
    case: 'a',
    facts: [{ id: 1, title: 't', statement: 's', paper: 'p', ifNotReproduced: 'b', checks: [aAboveB] }],
  });
  const scenarios = new Map([['a', parseScenario({ name: 'a', weeks: 4, mode: 'co-production' })]]);

  it('refuses a facts file that is not one, checked against factsFileSchema, before anything runs', () => {
    expect(() => evaluateFacts({} as never, scenarios, 2)).toThrow(ScenarioError);
    expect(() => evaluateFacts({} as never, scenarios, 2)).toThrow(/^facts file: invalid facts file\n {2}- case: expected text/);
    expect(() => new FactEvaluator({ case: 'a', facts: 'none' } as never)).toThrow('- facts: expected a list');
    expect(() => evaluateFactsWithOverrides([] as never, scenarios, {}, 2)).toThrow(/^facts file: invalid facts file/);
    expect(() => evaluateFalsification(file, scenarios, {} as never, 2)).toThrow(/^fact: invalid fact\n {2}- id: expected/);
  });

  it('tells a misspelt series the name meant, and which fact the field is in, as a case folder does', () => {
    const misspelt = {
      case: 'a',
      facts: [
        {
          id: 5,
          title: 'Phase 1 idles',
          statement: 's',
          paper: 'p',
          checks: [{ ...aAboveB, left: { scenario: 'a', series: 'staffLoadd', from: 1, to: 2, aggregate: 'max' } }],
        },
      ],
    };
    expect(() => evaluateFacts(misspelt as never, scenarios, 2)).toThrow(
      '- facts[0].checks[0].left.series: in fact 5 ("Phase 1 idles"): "staffLoadd" is not one of the names expected here; did you mean "staffLoad"?',
    );
  });

  it('refuses scenarios that lack one the facts refer to, and a fact without failsWhen to falsify, naming them', () => {
    // The check compares a with b; only a is given.
    const both = factsFileSchema.parse({
      case: 'a',
      facts: [{ id: 1, title: 't', statement: 's', paper: 'p', checks: [aAboveB] }],
    });
    expect(() => evaluateFacts(both, scenarios, 2)).toThrow(ScenarioError);
    expect(() => evaluateFacts(both, scenarios, 2)).toThrow(
      /^scenarios: invalid scenarios\n {2}- b: the facts refer to this scenario, which is not given$/,
    );
    expect(() => evaluateFalsification(file, scenarios, file.facts[0] as never, 2)).toThrow(ScenarioError);
    expect(() => evaluateFalsification(file, scenarios, file.facts[0] as never, 2)).toThrow(
      '- failsWhen: expected the alternative setting under which fact 1 (t) fails, got none',
    );
  });

  it('refuses scenarios that are not a Map, callbacks that are not functions and overrides that are not an object', () => {
    expect(() => evaluateFacts(file, { a: scenarios.get('a') } as never, 2)).toThrow(
      /^evaluation arguments: invalid arguments\n {2}- scenarios: expected a Map of scenarios by key, got an object/,
    );
    expect(() => evaluateFacts(file, scenarios, 2, 'log' as never)).toThrow(
      '- onProgress: expected a function, got the string "log"',
    );
    expect(() => evaluateFacts(file, scenarios, 2, undefined, undefined, {} as never)).toThrow('- model');
    // A model where the progress callback goes is said to be one, with where it goes.
    expect(() => evaluateFacts(file, scenarios, 2, { name: 'm', extensions: [] } as never)).toThrow(
      '- onProgress: expected a function, got a model definition: the model is given after the callbacks (undefined for those left out), not in their place',
    );
    expect(() => evaluateFactsWithOverrides(file, scenarios, null as never, 2)).toThrow(
      /^overrides: invalid overrides\n {2}- \(top level\): expected an object of scenario path → value, got null/,
    );
    expect(() => runPairedReplicates(undefined as never, scenarios, 2, () => {})).toThrow(/^caseScenario: invalid scenario/);
    expect(() => runPairedReplicates(scenarios.get('a') as never, scenarios, 2, undefined as never)).toThrow(
      '- onReplicate: expected a function, got undefined',
    );
  });
});
