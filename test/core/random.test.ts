import { describe, expect, it } from 'vitest';
import { createRandomSource, restoreRandomSource } from '../../src/core/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

function draws(seed: number, name: string, count = 5): number[] {
  const stream = createRandomSource(seed).stream(name);
  return Array.from({ length: count }, () => stream.next());
}

describe('createRandomSource', () => {
  it('gives the same numbers for the same seed and stream', () => {
    expect(draws(42, 'works')).toEqual(draws(42, 'works'));
  });

  it('gives different numbers for different seeds or stream names', () => {
    expect(draws(42, 'works')).not.toEqual(draws(43, 'works'));
    expect(draws(42, 'works')).not.toEqual(draws(42, 'docking'));
  });

  it('keeps a stream independent of the use of other streams', () => {
    const alone = draws(9, 'mobilisation');
    const source = createRandomSource(9);
    const other = source.stream('council');
    for (let index = 0; index < 1000; index++) other.next();
    const mobilisation = source.stream('mobilisation');
    expect(Array.from({ length: 5 }, () => mobilisation.next())).toEqual(alone);
  });

  it('forks child sources whose streams differ from the parent', () => {
    const source = createRandomSource(3);
    expect(source.fork('community-1').stream('x').next()).not.toBe(source.stream('x').next());
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const stream = createRandomSource(1).stream('u');
    let total = 0;
    for (let index = 0; index < 20000; index++) {
      const value = stream.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      total += value;
    }
    expect(total / 20000).toBeCloseTo(0.5, 1);
  });

  it('draws normals, Poisson and log-normal values with the requested moments', () => {
    const stream = createRandomSource(2).stream('moments');
    const count = 40000;
    let normalSum = 0;
    let normalSquares = 0;
    let poissonSum = 0;
    let logNormalSum = 0;
    for (let index = 0; index < count; index++) {
      const normal = stream.normal();
      normalSum += normal;
      normalSquares += normal * normal;
      poissonSum += stream.poisson(3);
      logNormalSum += stream.logNormalWithMean(0.04, 0.5);
    }
    expect(normalSum / count).toBeCloseTo(0, 1);
    expect(normalSquares / count).toBeCloseTo(1, 1);
    expect(poissonSum / count).toBeCloseTo(3, 1);
    expect(logNormalSum / count).toBeCloseTo(0.04, 2);
  });

  it('picks weighted indices in proportion to their weights and never a zero weight', () => {
    const stream = createRandomSource(5).stream('weights');
    const counts = [0, 0, 0];
    for (let index = 0; index < 30000; index++) {
      const picked = stream.weightedIndex([1, 0, 3]);
      counts[picked] = (counts[picked] as number) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / 30000).toBeCloseTo(0.75, 1);
  });

  it('rejects seeds that are not whole numbers from 0 to 2^53 − 1 as a ScenarioError naming the seed', () => {
    for (const seed of [-1, 1.5, Number.NaN, 2 ** 53, '1'])
      expect(() => createRandomSource(seed as number)).toThrow(ScenarioError);
    expect(() => createRandomSource(Number.NaN)).toThrow(
      'seed: invalid seed\n  - (top level): expected a whole number from 0 to 9007199254740991 (2^53 − 1), got NaN',
    );
  });

  it('refuses a damaged snapshot as a ScenarioError naming the field', () => {
    const snapshot = createRandomSource(3).snapshot();
    expect(() => restoreRandomSource(null as never)).toThrow(
      "random snapshot: invalid random snapshot\n  - (top level): expected a random source's snapshot {seed, streams, forks}, got null",
    );
    expect(() => restoreRandomSource({ ...snapshot, seed: -1 })).toThrow(/\n {2}- seed: expected a whole number from 0/);
    const source = createRandomSource(3);
    source.stream('a').next();
    const damaged = JSON.parse(JSON.stringify(source.snapshot()));
    damaged.streams.a.generator.i = 128;
    expect(() => restoreRandomSource(damaged)).toThrow(/\n {2}- streams\.a: expected a stream state/);
  });

  it('continues every stream, fork and held-back normal exactly from a snapshot', () => {
    const source = createRandomSource(77);
    source.stream('a').next();
    source.stream('b').normal(); // holds the pair's second normal back
    source.fork('child').stream('c').integer(10);
    source.stream('untouched-after');
    const restored = restoreRandomSource(JSON.parse(JSON.stringify(source.snapshot())));
    const draw = (random: typeof source) => [
      random.stream('a').next(),
      random.stream('b').normal(),
      random.stream('b').normal(),
      random.fork('child').stream('c').next(),
      random.stream('untouched-after').next(),
      random.stream('new').next(),
    ];
    expect(draw(restored)).toEqual(draw(source));
  });
});

describe('shuffle', () => {
  it('puts a list and a typed array in the same order from the same stream, drawing the same numbers', () => {
    const list = Array.from({ length: 50 }, (_, index) => index * 3);
    const typed = Uint32Array.from(list);
    const first = createRandomSource(7).stream('shuffle');
    const second = createRandomSource(7).stream('shuffle');
    expect([...second.shuffle(typed)]).toEqual(first.shuffle([...list]));
    expect(first.next()).toBe(second.next());
    // A permutation: nothing lost, nothing repeated.
    expect([...typed].sort((left, right) => left - right)).toEqual(list);
  });
});
