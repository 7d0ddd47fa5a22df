/**
 * A city runs street by street: each street as its own run, in any order or
 * shard the same; its city-wide summary follows one rule per measure.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, finishSteps, hashString53 } from '../../src/core/index.js';
import { type CityStreet, generateCity, parseCity } from '../../src/generators/index.js';
import type { RunSummary } from '../../src/metrics/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import {
  builtWorldStatistics,
  type CityStreetResult,
  CitySummaryAggregate,
  cityAggregations,
  estimatedCityRunCost,
  forgetBuiltWorlds,
  runCity,
  runCityStreet,
  runCityStreetSteps,
  runWithCommunities,
  summariseCityRun,
  summariseCityRunSteps,
  toJson,
} from '../../src/simulation/index.js';

describe('runCity', () => {
  const city = parseCity(generateCity({ seed: 4, districts: 2, streets: 3, communities: 9, households: 6000, weeks: 20 }));

  it('hands each street to the caller as it finishes, the same as a run of that street alone', async () => {
    const results: CityStreetResult[] = [];
    await runCity(city, (street) => {
      results.push(street);
    });
    expect(results.map((result) => result.index)).toEqual([0, 1, 2]);
    expect(results.flatMap((result) => result.communities)).toHaveLength(9);
    const alone = runWithCommunities((city.streets[1] as CityStreet).scenario, { seed: results[1]?.seed as number });
    expect(JSON.stringify(results[1]?.communities)).toBe(JSON.stringify(alone.communities));
    expect(JSON.stringify(runCityStreet(city.streets[2] as CityStreet, 2))).toBe(JSON.stringify(results[2]));
  });

  it('runs only the streets of a shard, with the same numbers', async () => {
    const all: CityStreetResult[] = [];
    await runCity(city, (street) => {
      all.push(street);
    });
    const shard: CityStreetResult[] = [];
    await runCity(
      city,
      (street) => {
        shard.push(street);
      },
      { includes: (index) => index % 2 === 1 },
    );
    expect(JSON.stringify(shard)).toBe(JSON.stringify([all[1]]));
  });

  it('runs a street built in code as its parsed form: the seed and numbers of the parsed street', () => {
    const parsed = city.streets[0] as CityStreet;
    // As a city file writes it: the street's communities, the world's other settings left to their defaults.
    const { name, seed, mode, weeks, world } = parsed.scenario;
    const written = { ...parsed, scenario: { name, seed, mode, weeks, world: { communities: world.communities } } as never };
    expect(JSON.stringify(runCityStreet(written, 0, { weeks: 3 }))).toBe(JSON.stringify(runCityStreet(parsed, 0, { weeks: 3 })));
  });

  it('keeps no copy of a street’s world: no other run starts from it', () => {
    forgetBuiltWorlds();
    const street = runCityStreet(city.streets[0] as CityStreet, 0);
    runWithCommunities((city.streets[0] as CityStreet).scenario, { seed: street.seed, weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 2, reused: 0 });
  });
});

/** A run summary of a small street, with the values at the given dotted paths replaced. */
function summaryWith(values: Record<string, number>): RunSummary {
  const summary = structuredClone(template);
  const record = summary as unknown as Record<string, number | Record<string, number>>;
  for (const [path, value] of Object.entries(values)) {
    const [group, key] = path.split('.') as [string, string | undefined];
    if (key === undefined) record[group] = value;
    else (record[group] as Record<string, number>)[key] = value;
  }
  return summary;
}

const templateCity = parseCity(generateCity({ seed: 2, districts: 1, streets: 1, communities: 2, households: 200, weeks: 8 }));
const { extensions: _none, ...template } = runCityStreet(templateCity.streets[0] as CityStreet, 0).summary;

/** The numeric paths of a run summary, e.g. `load.staffMean`. */
function numericPaths(summary: RunSummary): string[] {
  return Object.entries(summary).flatMap(([group, value]) =>
    typeof value === 'number' ? [group] : Object.keys(value as object).map((key) => `${group}.${key}`),
  );
}

describe('cityAggregations', () => {
  it('gives every number of a run summary one rule, in the summary’s order', () => {
    const rules = Object.entries(cityAggregations).flatMap(([group, value]) =>
      'rule' in value ? [group] : Object.keys(value).map((key) => `${group}.${key}`),
    );
    expect(rules).toEqual(numericPaths(template));
  });

  it('sums counts and totals, and weights each mean by what it is a mean over', () => {
    expect(cityAggregations.households).toEqual({ rule: 'sum' });
    expect(cityAggregations.completion.projectsDone).toEqual({ rule: 'sum' });
    expect(cityAggregations.fragmentation.openDockingThreadsMean).toEqual({ rule: 'sum' });
    expect(cityAggregations.satisfaction.end).toEqual({ rule: 'weighted-mean', weight: 'households' });
    expect(cityAggregations.satisfaction.topFiveCoverage).toEqual({ rule: 'weighted-mean', weight: 'communities' });
    expect(cityAggregations.duplication.caughtBeforeSpendShare).toEqual({ rule: 'weighted-mean', weight: 'pairs' });
    expect(cityAggregations.load.departmentMean).toEqual({ rule: 'weighted-mean', weight: 'streets' });
    expect(cityAggregations.completion.weeksToFirstTopFiveDone).toEqual({ rule: 'smallest' });
    expect(cityAggregations.duplication.wasteShare.rule).toBe('city-formula');
  });
});

describe('CitySummaryAggregate', () => {
  // Two streets: 100 households in 2 communities, 300 households in 4.
  const first = summaryWith({
    households: 100,
    'satisfaction.end': 0.2,
    'satisfaction.gain': 0.1,
    'satisfaction.topFiveCoverage': 0.3,
    'duplication.pairs': 1,
    'duplication.caughtBeforeSpendShare': 1,
    'efficiency.spent': 2,
    'efficiency.wasted': 1,
    'idling.renewalHours': 400,
    'completion.projectsTakenOn': 10,
    'completion.projectsCancelled': 2,
    'completion.projectsDone': 4,
    'completion.weeksToFirstTopFiveDone': Number.NaN,
    'fragmentation.meanDepartmentsPerProject': 2,
    'fragmentation.openDockingThreadsPeak': 5,
    'load.departmentMean': 1,
    'participation.deliberatorRetention': Number.NaN,
    weeks: 8,
  });
  const second = summaryWith({
    households: 300,
    'satisfaction.end': 0.6,
    'satisfaction.gain': 0.3,
    'satisfaction.topFiveCoverage': 0.6,
    'duplication.pairs': 3,
    'duplication.caughtBeforeSpendShare': 0,
    'efficiency.spent': 6,
    'efficiency.wasted': 0,
    'idling.renewalHours': 1200,
    'completion.projectsTakenOn': 20,
    'completion.projectsCancelled': 4,
    'completion.projectsDone': 12,
    'completion.weeksToFirstTopFiveDone': 7,
    'fragmentation.meanDepartmentsPerProject': 3,
    'fragmentation.openDockingThreadsPeak': 9,
    'load.departmentMean': 2,
    'participation.deliberatorRetention': 0.5,
    weeks: 8,
  });
  const aggregate = new CitySummaryAggregate();
  aggregate.add(first, 2);
  aggregate.add(second, 4);
  const city = aggregate.summary();

  it('sums counts and totals', () => {
    expect(city.households).toBe(400);
    expect(city.duplication.pairs).toBe(4);
    expect(city.completion.projectsDone).toBe(16);
    expect(city.efficiency.spent).toBe(8);
    // The sum of the streets' peaks: 5 + 9.
    expect(city.fragmentation.openDockingThreadsPeak).toBe(14);
    expect(city.weeks).toBe(8);
  });

  it('weights means by households, communities, pairs, live projects or streets', () => {
    // (100 × 0.2 + 300 × 0.6) ÷ 400
    expect(city.satisfaction.end).toBeCloseTo(0.5, 15);
    // (2 × 0.3 + 4 × 0.6) ÷ 6
    expect(city.satisfaction.topFiveCoverage).toBeCloseTo(0.5, 15);
    // (1 × 1 + 3 × 0) ÷ 4 pairs
    expect(city.duplication.caughtBeforeSpendShare).toBeCloseTo(0.25, 15);
    // (8 × 2 + 16 × 3) ÷ 24 projects listed and not cancelled
    expect(city.fragmentation.meanDepartmentsPerProject).toBeCloseTo(64 / 24, 15);
    // (1 + 2) ÷ 2 streets
    expect(city.load.departmentMean).toBeCloseTo(1.5, 15);
  });

  it('leaves out streets where a value is not defined, and takes the smallest first week', () => {
    expect(city.participation.deliberatorRetention).toBe(0.5);
    expect(city.completion.weeksToFirstTopFiveDone).toBe(7);
    const none = new CitySummaryAggregate();
    none.add(first, 2);
    expect(none.summary().completion.weeksToFirstTopFiveDone).toBeNaN();
    expect(none.summary().participation.deliberatorRetention).toBeNaN();
  });

  it('applies a ratio’s definition to the city’s totals', () => {
    // Σ wasted ÷ Σ spent = 1 ÷ 8, not the mean of 0.5 and 0.
    expect(city.duplication.wasteShare).toBe(1 / 8);
    // Σ hours ÷ Σ done = 1600 ÷ 16
    expect(city.efficiency.hoursPerCompletedProject).toBe(100);
    expect(city.idling.renewalHoursPerWeek).toBe(200);
    // The city's gain (0.25, household-weighted) in percentage points: 1600 h ÷ 25 points; 25 points ÷ 8 budget units.
    expect(city.idling.effortPerOutput).toBeCloseTo(64, 10);
    expect(city.efficiency.satisfactionPerMoney).toBeCloseTo(25 / 8, 10);
  });
});

describe('summariseCityRun', () => {
  const city = parseCity(generateCity({ seed: 4, districts: 2, streets: 3, communities: 6, households: 600, weeks: 20 }));

  it('gives a city of one street exactly that street’s summary', () => {
    const street = runCityStreet(templateCity.streets[0] as CityStreet, 0, { replicate: 5 });
    const { extensions: _streetNone, ...summary } = street.summary;
    const run = summariseCityRun(templateCity, { replicate: 5 });
    expect(toJson(run.summary)).toBe(toJson(summary));
    expect(run.seed).toBe(hashString53(canonicalJson([street.seed])));
  });

  it('is the aggregate of the streets run one by one, with that replicate', () => {
    const aggregate = new CitySummaryAggregate();
    const streets = city.streets.map((street, index) => runCityStreet(street, index, { replicate: 2 }));
    for (const street of streets) aggregate.add(street.summary, street.communities.length);
    const run = summariseCityRun(city, { replicate: 2 });
    expect(toJson(run.summary)).toBe(toJson(aggregate.summary()));
    expect(run.summary.households).toBe(city.households);
    expect(run.seed).toBe(hashString53(canonicalJson(streets.map((street) => street.seed))));
    const households = streets.map((street) => street.summary.households);
    const satisfaction = streets.reduce(
      (total, street, index) => total + (households[index] as number) * street.summary.satisfaction.end,
      0,
    );
    expect(run.summary.satisfaction.end).toBeCloseTo(satisfaction / 600, 12);
  });

  it('in steps, yields after each community drawn and each week of each street, the same summary; runCityStreetSteps too', () => {
    let steps = 0;
    const stepped = summariseCityRunSteps(city, { replicate: 2 });
    for (let next = stepped.next(); ; next = stepped.next(), steps++) {
      if (next.done) {
        expect(toJson(next.value)).toBe(toJson(summariseCityRun(city, { replicate: 2 })));
        break;
      }
    }
    // 3 streets of 20 weeks; 6 communities, each street's world drawn community by community.
    expect(steps).toBe(3 * 20 + 6);
    const street = finishSteps(runCityStreetSteps(city.streets[1] as CityStreet, 1, { replicate: 2 }));
    expect(toJson(street)).toBe(toJson(runCityStreet(city.streets[1] as CityStreet, 1, { replicate: 2 })));
  });

  it('pairs the modes of one replicate on one seed, and gives each replicate its own', () => {
    const coProduction = parseCity(
      generateCity({ seed: 4, districts: 2, streets: 3, communities: 6, households: 600, weeks: 20 }),
      'city',
      { mode: 'co-production' },
    );
    expect(summariseCityRun(coProduction, { replicate: 1 }).seed).toBe(summariseCityRun(city, { replicate: 1 }).seed);
    expect(summariseCityRun(city, { replicate: 0 }).seed).not.toBe(summariseCityRun(city, { replicate: 1 }).seed);
  });
});

describe('a city run given a wrong object (plain JavaScript)', () => {
  it('refuses it with a ScenarioError naming the argument and field, before any street runs', async () => {
    const wrong = {} as never;
    await expect(runCity(wrong, () => {})).rejects.toThrow(ScenarioError);
    await expect(runCity(wrong, () => {})).rejects.toThrow(
      /^city: invalid city\n {2}- streets: expected a list of streets \(what parseCity returns\), got undefined/,
    );
    await expect(runCity({ streets: [{ district: 'D', street: 7 }] } as never, () => {})).rejects.toThrow(
      /- streets\[0\]\.street: expected text, got 7\n {2}- streets\[0\]\.scenario: expected a scenario, got undefined/,
    );
    const city = templateCity;
    await expect(runCity(city, 'write' as never)).rejects.toThrow('onStreet: invalid callback');
    await expect(runCity(city, () => {}, { replicates: 2 } as never)).rejects.toThrow('- replicates: unknown option');
    await expect(runCity(city, () => {}, { includes: 3 } as never)).rejects.toThrow('- includes: expected a function, got 3');
    expect(() => summariseCityRun(null as never)).toThrow(/^city: invalid city\n {2}- \(top level\): expected a city/);
    expect(() => estimatedCityRunCost({ streets: 'all' } as never)).toThrow('- streets: expected a list of streets');
    expect(() => runCityStreet({} as never, 0)).toThrow(
      /^city street: invalid city street\n {2}- street\.district: expected text/,
    );
    expect(() => runCityStreet(city.streets[0] as CityStreet, -1)).toThrow('- index: expected a whole number ≥ 0, got -1');
  });
});
