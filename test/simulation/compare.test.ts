/**
 * The comparison the paper is about, on the shipped Y scenarios with 50
 * paired replicates. Each claim is checked on model outputs: the 95%
 * interval of the paired difference must exclude zero in the stated direction.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/index.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import {
  compareScenarios,
  headlineMetrics,
  holmAcrossMetrics,
  metricComparison,
  runSeed,
  toJson,
} from '../../src/simulation/index.js';

describe('compareScenarios on Y: administrative-led (a) versus co-production (b)', async () => {
  const a = await loadScenarioFile('scenarios/y-community-administrative-led.json');
  const b = await loadScenarioFile('scenarios/y-community-co-production.json');
  const comparison = compareScenarios(a, b, { replicates: 50 });
  const metric = (key: string) => {
    const found = comparison.metrics.find((candidate) => candidate.key === key);
    if (found === undefined) throw new Error(`no metric ${key}`);
    return found;
  };

  it('pairs the replicates on common seeds', () => {
    expect(comparison.seeds).toEqual(Array.from({ length: 50 }, (_, replicate) => runSeed(a, replicate)));
  });

  it.each([
    ['load.staffMean', 'higher staff load'],
    ['load.staffPeak', 'higher peak staff load'],
    ['fragmentation.interfacesPerProject', 'more interfaces per project'],
    ['duplication.wasteShare', 'more waste'],
    ['fragmentation.openDockingThreadsMean', 'more open docking threads'],
  ])('shows %s lower under co-production (%s under administrative-led)', (key) => {
    const { difference } = metric(key);
    expect(difference.count).toBe(50);
    expect(difference.high).toBeLessThan(0);
  });

  it.each([['satisfaction.end'], ['satisfaction.topFiveCoverage'], ['trust.end']])(
    'shows %s higher under co-production',
    (key) => {
      const { difference } = metric(key);
      expect(difference.low).toBeGreaterThan(0);
    },
  );
});

describe('compareScenarios options', () => {
  it('refuses metrics that are not metrics, or name no number of a run summary, before running them all', () => {
    const a = parseScenario({ name: 'a', mode: 'administrative-led', weeks: 4 });
    const b = parseScenario({ name: 'b', mode: 'co-production', weeks: 4 });
    expect(() => compareScenarios(a, b, { replicates: 2, metrics: ['satisfaction.end'] as never })).toThrow(
      'metrics[0]: expected a metric { key, label, unit }, such as one of headlineMetrics',
    );
    let pairs = 0;
    const unknown = { key: 'satisfaction.ending', label: 'x', unit: '' };
    expect(() => compareScenarios(a, b, { replicates: 20, metrics: [unknown], onProgress: () => pairs++ })).toThrow(
      'metrics[0].key: expected a number of the run summary, such as satisfaction.end: "satisfaction.ending" is none',
    );
    expect(pairs).toBe(0);
    const known = { key: 'satisfaction.end', label: 'End satisfaction', unit: '' };
    expect(compareScenarios(a, b, { replicates: 2, metrics: [known] }).metrics.map((metric) => metric.key)).toEqual([
      'satisfaction.end',
    ]);
  });

  it('refuses options it does not know, or of the wrong kind, as compare options and before running anything', () => {
    const a = parseScenario({ name: 'a', mode: 'administrative-led', weeks: 4 });
    const b = parseScenario({ name: 'b', mode: 'co-production', weeks: 4 });
    const refusal = (options: unknown) => {
      try {
        compareScenarios(a, b, options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).expected).toBe('compare options');
        return (error as ScenarioError).problems.map((problem) => `${problem.path || '(top level)'}: ${problem.message}`);
      }
      throw new Error('not refused');
    };
    // A misspelt option would otherwise run the default 50 replicates, unnoticed.
    expect(refusal({ replicat: 5 })).toEqual([
      'replicat: unknown option (expected replicates, weeks, metrics, model, onProgress, observer)',
    ]);
    expect(refusal({ replicates: 2, replicate: 7 })[0]).toMatch(/^replicate: unknown option/);
    expect(refusal({ replicates: '3' })).toEqual(['replicates: expected a whole number ≥ 1, got the string "3"']);
    expect(refusal({ replicates: 0 })).toEqual(['replicates: expected a whole number ≥ 1, got 0']);
    expect(refusal({ weeks: 0 })).toEqual(['weeks: expected a whole number from 1 to 5200, got 0']);
    expect(refusal({ onProgress: 5, observer: 'x' })).toEqual([
      'onProgress: expected a function, got 5',
      'observer: expected a function, got the string "x"',
    ]);
    expect(refusal(null)).toEqual(['(top level): expected an object of options, got null']);
  });
});

describe('compareScenarios of scenarios as written', () => {
  const writtenA = { name: 'a', mode: 'administrative-led' };
  const writtenB = { name: 'b', mode: 'co-production' };

  it('parses them first: the seeds, hashes and results of the parsed scenarios (as the command line gives them)', () => {
    const options = { replicates: 2, weeks: 4 };
    const written = compareScenarios(writtenA as never, writtenB as never, options);
    const parsed = compareScenarios(parseScenario(writtenA), parseScenario(writtenB), options);
    expect(written.seeds).toEqual(parsed.seeds);
    expect(written.seeds).toEqual([0, 1].map((replicate) => runSeed(parseScenario(writtenA), replicate)));
    expect(written.a.hash).toBe(parsed.a.hash);
    expect(toJson(written)).toBe(toJson(parsed));
  });

  it('refuses a missing or invalid scenario as a ScenarioError listing its problems, named by its side', () => {
    const b = parseScenario(writtenB);
    for (const [givenA, givenB, side] of [
      [null, b, 'a'],
      [undefined, b, 'a'],
      [b, null, 'b'],
    ])
      expect(() => compareScenarios(givenA as never, givenB as never, { replicates: 1, weeks: 1 })).toThrow(
        new RegExp(`^${side}: invalid scenario\\n {2}- \\(top level\\): expected an object, got (null|undefined)$`),
      );
    expect(() => compareScenarios(b, { name: 'b', mode: 'bad' } as never, { replicates: 1 })).toThrow(
      /^b: invalid scenario\n {2}- mode: /,
    );
    expect(() => (compareScenarios as (...given: unknown[]) => unknown)()).toThrow(ScenarioError);
  });
});

describe('holmAcrossMetrics', () => {
  const [first, second] = headlineMetrics;
  if (first === undefined || second === undefined) throw new Error('no headline metrics');

  it('adjusts the p-values of the metrics that have a test, as its example does', () => {
    const valuesA = [[1, 2, 3], [1]];
    const valuesB = [[2, 4, 5], [2]];
    const metrics = holmAcrossMetrics(
      [first, second].map((metric, i) => metricComparison(metric, valuesA[i] ?? [], valuesB[i] ?? [])),
    );
    expect(metrics[0]?.holmPValue).toBe(metrics[0]?.pValue);
    expect(metrics[1]?.pValue).toBeNaN();
    expect(metrics[1]?.holmPValue).toBeNaN();
  });

  it('names the field when it is given what is not a list of metric comparisons with p-values', () => {
    // Unchecked, null failed with "Cannot read properties of null (reading 'map')" and a metric without its pValue
    // (made before 0.12) came back with holmPValue NaN, silently.
    expect(() => holmAcrossMetrics(null as never)).toThrow(
      'metric comparisons: invalid metric comparisons\n  - (top level): expected a list of metric comparisons (metricComparison), got null',
    );
    const { pValue: _, ...withoutPValue } = metricComparison(first, [1, 2], [2, 4]);
    expect(() => holmAcrossMetrics([withoutPValue] as never)).toThrow(
      '  - [0].pValue: expected a p-value (a number, NaN where there is no test), got undefined',
    );
    expect(() => holmAcrossMetrics([null] as never)).toThrow(ScenarioError);
  });
});

describe('metricComparison', () => {
  const [first] = headlineMetrics;
  if (first === undefined) throw new Error('no headline metrics');

  it("gives the pairing: Pearson's r of the pairs where both are defined, none under three pairs", () => {
    // Pairs (1, 2), (2, 5), (4, 6), (5, 9); the third replicate is undefined under b and left out.
    const comparison = metricComparison(first, [1, 2, 3, 4, 5], [2, 5, Number.NaN, 6, 9]);
    const [x, y] = [
      [1, 2, 4, 5],
      [2, 5, 6, 9],
    ];
    const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
    const [mx, my] = [mean(x), mean(y)];
    const sum = (f: (i: number) => number) => [0, 1, 2, 3].reduce((total, i) => total + f(i), 0);
    const covariance = sum((i) => ((x[i] as number) - mx) * ((y[i] as number) - my));
    const byHand = covariance / Math.sqrt(sum((i) => ((x[i] as number) - mx) ** 2) * sum((i) => ((y[i] as number) - my) ** 2));
    expect(comparison.pairing).toBeCloseTo(byHand, 12);
    expect(comparison.difference.count).toBe(4);
    // Two pairs always correlate ±1: no reading.
    expect(metricComparison(first, [1, 2], [2, 5]).pairing).toBeNaN();
    // A side that does not vary has no correlation.
    expect(metricComparison(first, [1, 2, 3], [4, 4, 4]).pairing).toBeNaN();
  });

  it('refuses lists of two lengths: values are aligned by replicate', () => {
    // Unchecked, the longer list was cut to the shorter without a word.
    expect(() => metricComparison(first, [1, 2, 3, 4], [2, 3])).toThrow(
      'metric values: invalid metric values\n  - b: expected as many values as a (4, one per replicate), got 2',
    );
    expect(() => metricComparison(first, null as never, [2, 3])).toThrow(
      '  - a: expected a list of numbers, one per replicate, got null',
    );
  });
});
