import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import {
  createModel,
  type ModelSnapshot,
  maximumWeeks,
  restoreModel,
  runScenario,
  toJson,
  weeksToCsv,
} from '../../src/simulation/index.js';
import { tinyScenario } from '../helpers.js';

/** A snapshot as it comes back from a file: through JSON text. */
function throughJson(snapshot: ModelSnapshot): ModelSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as ModelSnapshot;
}

describe('createModel', () => {
  it('steps week by week to exactly what runScenario gives', () => {
    const scenario = tinyScenario('co-production');
    const model = createModel(scenario, { seed: 21 });
    expect(model.week).toBe(0);
    const first = model.step();
    expect(first.week).toBe(1);
    model.run(9);
    expect(model.week).toBe(10);
    expect(model.state.households.count).toBe(200);
    model.run();
    expect(model.week).toBe(scenario.weeks);
    const whole = runScenario(scenario, { seed: 21 });
    expect(weeksToCsv(model.records)).toBe(weeksToCsv(whole.weeks));
    expect(toJson(model.result())).toBe(toJson(whole));
  });

  it('refuses a summary before any week and a negative number of weeks', () => {
    const model = createModel(tinyScenario('administrative-led'));
    expect(() => model.summary()).toThrow(ScenarioError);
    expect(() => model.run(-1)).toThrow('weeks: expected a whole number ≥ 0, got -1');
  });
});

describe('snapshots', () => {
  const cases = [
    ['co-production', tinyScenario('co-production')],
    ['administrative-led', tinyScenario('administrative-led')],
    [
      'a switch rule with an expert',
      tinyScenario('administrative-led', { weeks: 80, switchRule: { to: 'co-production', expertFromWeek: 12 } }),
    ],
  ] as const;

  for (const [label, scenario] of cases) {
    it(`continue byte-identically after a restore (${label})`, () => {
      const whole = runScenario(scenario, { seed: 8 });
      for (const stopAt of [1, 17, 40]) {
        const model = createModel(scenario, { seed: 8 });
        model.run(stopAt);
        const resumed = restoreModel(throughJson(model.snapshot()));
        expect(resumed.week).toBe(stopAt);
        resumed.run();
        expect(weeksToCsv(resumed.records)).toBe(weeksToCsv(whole.weeks));
        expect(toJson(resumed.result())).toBe(toJson(whole));
      }
    });
  }

  it('leave the model they were taken from untouched, and can be taken twice', () => {
    const scenario = tinyScenario('co-production');
    const model = createModel(scenario, { seed: 3 });
    model.run(20);
    const before = JSON.stringify(model.snapshot());
    restoreModel(throughJson(model.snapshot())).run(10);
    expect(JSON.stringify(model.snapshot())).toBe(before);
    const twice = restoreModel(throughJson(restoreModel(JSON.parse(before)).snapshot()));
    twice.run();
    expect(weeksToCsv(twice.records)).toBe(weeksToCsv(runScenario(scenario, { seed: 3 }).weeks));
  });

  it('are versioned: another format or version is refused', () => {
    const snapshot = throughJson(createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 4 })).snapshot());
    expect(() => restoreModel({ ...snapshot, version: 99 })).toThrow('expected snapshot format 1, got 99');
    expect(() => restoreModel({ ...snapshot, format: 'other' } as never)).toThrow('not a model snapshot');
  });

  it('refuse a misspelt option, or a model that is not a definition, naming the option', () => {
    const snapshot = throughJson(createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 4 })).snapshot());
    const refused: Array<[unknown, RegExp]> = [
      [{ modle: undefined }, /restore options: invalid restore options\n {2}- modle: unknown option \(expected model\)/],
      [{ model: {} }, /restore options: invalid restore options\n {2}- model\.[a-z]+: /],
      [null, /restore options: invalid restore options\n {2}- \(top level\): expected an object of options, got null/],
    ];
    for (const [options, message] of refused) {
      const restore = () => restoreModel(snapshot, options as never);
      expect(restore).toThrow(ScenarioError);
      expect(restore).toThrow(message);
    }
  });

  it('refuse what is not a snapshot, or one whose parts disagree, as a ScenarioError naming the part', () => {
    const model = createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 12 }), { seed: 2 });
    model.run(6);
    const snapshot = throughJson(model.snapshot());
    const refusal = (input: unknown) => {
      try {
        restoreModel(input as ModelSnapshot);
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        return (error as ScenarioError).problems.map((problem) => `${problem.path || '(top level)'}: ${problem.message}`);
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(null)).toEqual(['(top level): expected a model snapshot object']);
    const records = snapshot.records as unknown[];
    expect(refusal({ ...snapshot, records: records.slice(1) })).toEqual(['records: damaged: expected 6 weekly records, got 5']);
    expect(refusal({ ...snapshot, week: 7 })).toEqual([
      'state: damaged: expected the state of week 7 with its households',
      'records: damaged: expected 7 weekly records, got 6',
    ]);
    expect(refusal({ ...snapshot, state: { households: { $typed: 'Float128Array', base64: '' } } })[0]).toBe(
      'state: damaged: unknown typed array Float128Array',
    );
    expect(refusal({ ...snapshot, model: { name: 'm', extensions: ['x'] } })[0]).toMatch(/^model: taken with the model m/);
    expect(restoreModel(snapshot).run()).toHaveLength(6);
  });

  it('refuse a state whose households or arrays are not of the world its scenario and seed build', () => {
    const model = createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 12 }), { seed: 2 });
    model.run(3);
    const refusal = (edit: (state: { households: Record<string, unknown> }) => void) => {
      const snapshot = throughJson(model.snapshot());
      edit(snapshot.state as { households: Record<string, unknown> });
      try {
        restoreModel(snapshot);
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        return (error as ScenarioError).problems.map((problem) => `${problem.path || '(top level)'}: ${problem.message}`);
      }
      throw new Error('expected a refusal');
    };
    const encode = (array: Float64Array | Uint8Array) => ({
      $typed: array.constructor.name,
      base64: Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64'),
    });
    // Half the households' trust: it ran on, to a mean trust of about half, without a word.
    expect(refusal((state) => (state.households.trust = encode(new Float64Array(1126))))).toEqual([
      'state.households.trust: damaged: expected 2253 values, as the world of its scenario and seed has, got 1126',
    ]);
    expect(refusal((state) => (state.households.aware = encode(new Float64Array(2253))))).toEqual([
      'state.households.aware: damaged: expected a Uint8Array, got a Float64Array',
    ]);
    expect(refusal((state) => delete state.households.trust)).toEqual(['state.households.trust: damaged: missing']);
    // Another seed draws another world, whose households hold other numbers of needs.
    const other = createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 12 }), { seed: 5 });
    const otherState = throughJson(other.snapshot()).state as { households: Record<string, unknown> };
    expect(refusal((state) => (state.households.needItem = otherState.households.needItem))[0]).toMatch(
      /^state\.households\.needItem: damaged: expected \d+ values, as the world of its scenario and seed has, got \d+$/,
    );
  });

  it('refuse a damaged random snapshot, and a seed edited apart from the streams the run goes on with', () => {
    const model = createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 12 }), { seed: 2 });
    model.run(6);
    const snapshot = throughJson(model.snapshot());
    const refusal = (edit: (copy: Record<string, unknown>) => void) => {
      const copy = structuredClone(snapshot) as unknown as Record<string, unknown>;
      edit(copy);
      try {
        restoreModel(copy as unknown as ModelSnapshot);
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).expected).toBe('model snapshot');
        return (error as ScenarioError).problems.map((problem) => `${problem.path || '(top level)'}: ${problem.message}`);
      }
      throw new Error('expected a refusal');
    };
    expect(refusal((copy) => delete copy.random)).toEqual([
      "random: expected a random source's snapshot {seed, streams, forks}, got undefined",
    ]);
    expect(refusal((copy) => (copy.random = null))).toEqual([
      "random: expected a random source's snapshot {seed, streams, forks}, got null",
    ]);
    expect(refusal((copy) => (copy.random = { foo: 1 }))).toEqual([
      'random.seed: expected a whole number from 0 to 9007199254740991 (2^53 − 1), got undefined',
      'random.streams: expected an object: stream name → its state, got undefined',
      'random.forks: expected an object: fork name → its snapshot, got undefined',
    ]);
    expect(
      refusal((copy) => {
        const random = copy.random as { streams: Record<string, { generator: { X: number[] } }> };
        (Object.values(random.streams)[0] as { generator: { X: number[] } }).generator.X.pop();
      }),
    ).toEqual([expect.stringMatching(/^random\.streams\.[\w-]+: expected a stream state \{generator: \{X: 128/)]);
    expect(refusal((copy) => (copy.seed = 3))).toEqual(['seed: damaged: the random streams were seeded with 2, not 3']);
    expect(refusal((copy) => delete copy.start)).toEqual([
      'start: damaged: expected the mean trust and satisfaction when the world was built',
    ]);
  });
});

describe('createModel options and limits', () => {
  it('refuses options it does not know, or of the wrong kind, naming them', () => {
    const scenario = parseScenario({ name: 'y', mode: 'co-production', weeks: 4 });
    expect(() => createModel(scenario, { replicat: 1 } as never)).toThrow(
      'replicat: unknown option (expected seed, replicate, model, keepWorld)',
    );
    expect(() => createModel(scenario, { keepWorld: 'no' } as never)).toThrow(
      'keepWorld: expected true or false, got the string "no"',
    );
    expect(() => createModel(scenario, { model: { name: 'x' } } as never)).toThrow('model.extensions: expected a list');
    expect(() => createModel(scenario, null as never)).toThrow('expected an object of options, got null');
    // An option of a run that a model does not take is only that: not also out of range.
    expect(() => createModel(scenario, { weeks: 0 } as never)).toThrow(
      'model options: invalid model options\n  - weeks: unknown option (expected seed, replicate, model, keepWorld)',
    );
    expect(() => createModel(scenario, { weeks: 0 } as never)).not.toThrow('expected a whole number');
    expect(() => createModel(scenario).run('3' as never)).toThrow('weeks: expected a whole number ≥ 0, got the string "3"');
  });

  it('stops a run at the most weeks a scenario may have', () => {
    const model = createModel(parseScenario({ name: 'y', mode: 'co-production', weeks: 4 }), { seed: 1 });
    (model.state as { week: number }).week = maximumWeeks;
    expect(() => model.step()).toThrow('week: a run ends by week 5200 (100 years), the most a scenario may have');
  });
});
