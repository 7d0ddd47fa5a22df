/**
 * The one source of randomness of a run.
 *
 * A run owns a single {@link RandomSource} created from its seed. Each
 * phase of the week draws from its own named stream (`random.stream('mobilisation')`),
 * whose seed is derived from the run's seed and the stream's name alone. So
 * switching a phase's mechanism on or off, or adding a new one with a stream of
 * its own, never shifts the draws of another stream — what makes paired
 * (common random numbers) comparisons between governance modes meaningful.
 * Within a stream draws are taken in event order: a step whose number of draws
 * depends on state shifts the stream's later draws (docs/odd.md, Stochasticity).
 *
 * The generator is Brent's xorgens xor4096 (4096-bit state), exactly as
 * seedrandom 3.0.5 implements it — the same seeding, sequence and saved state
 * — on a typed array (xor4096.ts): several times faster per number than
 * seedrandom's default ARC4, and with a period far beyond any simulation
 * (`bench/random-generators.ts` measures them).
 */

import { isRecord } from './json-keys.js';
import { givenValue, ScenarioError, type ScenarioProblem } from './problems.js';
import { type GeneratorState, Xor4096 } from './xor4096.js';

export type { GeneratorState } from './xor4096.js';

/** A stream of uniform numbers plus the derived draws the model needs. */
export interface RandomStream {
  /** Uniform on [0, 1). */
  next(): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  /** Uniform integer on [0, upperExclusive). */
  integer(upperExclusive: number): number;
  /** Standard normal (Box–Muller; the pair's second value is kept for the next call). */
  normal(): number;
  /** Log-normal with the given arithmetic mean and log-scale sigma. */
  logNormalWithMean(mean: number, sigma: number): number;
  /** Poisson with the given mean (Knuth's method; the model's means are small). */
  poisson(mean: number): number;
  /** An index drawn with probability proportional to `weights[index]`. */
  weightedIndex(weights: ArrayLike<number>, total?: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** Shuffles `items` in place (Fisher–Yates, the same draws as for a list) and returns it. */
  shuffle(items: Uint32Array): Uint32Array;
}

/** A run's randomness: named, independent streams derived from one seed. */
export interface RandomSource {
  readonly seed: number;
  /** The stream for `name`; the same name always gives the same stream object. */
  stream(name: string): RandomStream;
  /**
   * A child source whose streams are independent of this source's. A stream is named by its path of forks joined
   * with `/`, so `fork('a').stream('b')` is the same sequence as `stream('a/b')`: keep `/` out of names one also forks.
   */
  fork(name: string): RandomSource;
  /** Where every stream drawn so far stands (plain JSON): {@link restoreRandomSource} continues from it. */
  snapshot(): RandomSourceSnapshot;
}

/** Where a random source and its forks stand: per stream, its generator and any Box–Muller normal held back. */
export interface RandomSourceSnapshot {
  seed: number;
  streams: Record<string, { generator: GeneratorState; spareNormal: number | null }>;
  forks: Record<string, RandomSourceSnapshot>;
}

class Xor4096Stream implements RandomStream {
  private readonly generator: Xor4096;
  /** Box–Muller gives normals in pairs; the second waits here. */
  private spareNormal = Number.NaN;
  /**
   * The last mean {@link poisson} was asked for and e^−mean: a stream draws many counts with one mean (a need count
   * per household), and the exponential is the same number every time.
   */
  private poissonMean = Number.NaN;
  private poissonLimit = Number.NaN;

  /** Seeded from `seedText`, or continuing from a saved state (the same sequence either way). */
  constructor(seedText: string, saved?: { generator: GeneratorState; spareNormal: number | null }) {
    this.generator = new Xor4096(seedText, saved?.generator);
    if (saved !== undefined) this.spareNormal = saved.spareNormal ?? Number.NaN;
  }

  /** The generator's state and the normal held back. */
  save(): { generator: GeneratorState; spareNormal: number | null } {
    return { generator: this.generator.state(), spareNormal: Number.isNaN(this.spareNormal) ? null : this.spareNormal };
  }

  next(): number {
    return this.generator.uniform();
  }

  chance(probability: number): boolean {
    return this.generator.uniform() < probability;
  }

  integer(upperExclusive: number): number {
    return Math.floor(this.generator.uniform() * upperExclusive);
  }

  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal;
      this.spareNormal = Number.NaN;
      return spare;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - this.generator.uniform()));
    const angle = 2 * Math.PI * this.generator.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  logNormalWithMean(mean: number, sigma: number): number {
    return mean * Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  poisson(mean: number): number {
    if (!(mean === this.poissonMean)) {
      this.poissonMean = mean;
      this.poissonLimit = Math.exp(-mean);
    }
    const limit = this.poissonLimit;
    let count = 0;
    let product = this.generator.uniform();
    while (product > limit) {
      count++;
      product *= this.generator.uniform();
    }
    return count;
  }

  weightedIndex(weights: ArrayLike<number>, total?: number): number {
    let sum = total;
    if (sum === undefined) {
      sum = 0;
      for (let index = 0; index < weights.length; index++) sum += weights[index] ?? 0;
    }
    let target = this.generator.uniform() * sum;
    for (let index = 0; index < weights.length; index++) {
      target -= weights[index] ?? 0;
      if (target < 0) return index;
    }
    // Rounding can leave target at a hair above zero: return the last positive weight.
    for (let index = weights.length - 1; index >= 0; index--) {
      if ((weights[index] ?? 0) > 0) return index;
    }
    return weights.length - 1;
  }

  shuffle<T>(items: T[]): T[];
  shuffle(items: Uint32Array): Uint32Array;
  shuffle<T>(items: T[] | Uint32Array): T[] | Uint32Array {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.generator.uniform() * (index + 1));
      const held = items[index] as T & number;
      items[index] = items[other] as T & number;
      items[other] = held;
    }
    return items;
  }
}

class SeededRandomSource implements RandomSource {
  private readonly streams = new Map<string, Xor4096Stream>();
  private readonly forks = new Map<string, SeededRandomSource>();

  constructor(
    readonly seed: number,
    private readonly path: string,
    private readonly saved?: RandomSourceSnapshot,
  ) {}

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new Xor4096Stream(`${this.seed}/${this.path}${name}`, this.saved?.streams[name]);
      this.streams.set(name, stream);
    }
    return stream;
  }

  fork(name: string): RandomSource {
    let fork = this.forks.get(name);
    if (fork === undefined) {
      fork = new SeededRandomSource(this.seed, `${this.path}${name}/`, this.saved?.forks[name]);
      this.forks.set(name, fork);
    }
    return fork;
  }

  snapshot(): RandomSourceSnapshot {
    // Streams saved but not drawn from since a restore keep their saved state.
    const streams = { ...(this.saved?.streams ?? {}) };
    for (const [name, stream] of this.streams) streams[name] = stream.save();
    const forks = { ...(this.saved?.forks ?? {}) };
    for (const [name, fork] of this.forks) forks[name] = fork.snapshot();
    return { seed: this.seed, streams, forks };
  }
}

/** What a seed must be, in an error message: a whole number a JavaScript number holds exactly. */
export const seedExpected = `a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`;

/** Whether `seed` is one a random source takes: a whole number from 0 to 2^53 − 1. */
function isSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0;
}

/**
 * Creates the random source of a run from its seed (a whole number from 0 to 2^53 − 1).
 * @throws ScenarioError (source "seed") when `seed` is not one
 */
export function createRandomSource(seed: number): RandomSource {
  if (!isSeed(seed))
    throw new ScenarioError(
      'seed',
      [{ path: '(top level)', message: `expected ${seedExpected}, got ${givenValue(seed)}` }],
      'seed',
    );
  return new SeededRandomSource(seed, '');
}

/** Whether `value` is a whole number a 32-bit signed integer holds (a generator's state is made of them). */
function isInt32(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff;
}

/**
 * The problems of `value` as a random source's snapshot at `path` (none for one `RandomSource.snapshot()` gave, or
 * its JSON): a seed from 0 to 2^53 − 1; per stream, a generator state of 128 32-bit whole numbers `X`, an index `i`
 * from 0 to 127 and a 32-bit whole number `w`, and a normal held back (a number, or null); each fork a snapshot too.
 */
export function randomSnapshotProblems(value: unknown, path = '(top level)'): ScenarioProblem[] {
  const at = (key: string) => (path === '(top level)' ? key : `${path}.${key}`);
  if (!isRecord(value))
    return [{ path, message: `expected a random source's snapshot {seed, streams, forks}, got ${givenValue(value)}` }];
  const problems: ScenarioProblem[] = [];
  if (!isSeed(value.seed))
    problems.push({ path: at('seed'), message: `expected ${seedExpected}, got ${givenValue(value.seed)}` });
  if (!isRecord(value.streams))
    problems.push({
      path: at('streams'),
      message: `expected an object: stream name → its state, got ${givenValue(value.streams)}`,
    });
  else
    for (const [name, stream] of Object.entries(value.streams)) {
      const streamPath = at(`streams.${name}`);
      const generator = isRecord(stream) ? stream.generator : undefined;
      const sound =
        isRecord(stream) &&
        isRecord(generator) &&
        Array.isArray(generator.X) &&
        generator.X.length === 128 &&
        generator.X.every(isInt32) &&
        Number.isInteger(generator.i) &&
        (generator.i as number) >= 0 &&
        (generator.i as number) < 128 &&
        isInt32(generator.w) &&
        (stream.spareNormal === null || Number.isFinite(stream.spareNormal));
      if (!sound)
        problems.push({
          path: streamPath,
          message:
            'expected a stream state {generator: {X: 128 32-bit whole numbers, i: 0 to 127, w}, spareNormal: a number or null}',
        });
    }
  if (!isRecord(value.forks))
    problems.push({ path: at('forks'), message: `expected an object: fork name → its snapshot, got ${givenValue(value.forks)}` });
  else
    for (const [name, fork] of Object.entries(value.forks)) problems.push(...randomSnapshotProblems(fork, at(`forks.${name}`)));
  return problems;
}

/**
 * A random source that continues exactly where `snapshot` was taken.
 * @throws ScenarioError (source "random snapshot") naming each field of `snapshot` that is not what
 *   `RandomSource.snapshot()` gives
 */
export function restoreRandomSource(snapshot: RandomSourceSnapshot): RandomSource {
  const problems = randomSnapshotProblems(snapshot);
  if (problems.length > 0) throw new ScenarioError('random snapshot', problems, 'random snapshot');
  return new SeededRandomSource(snapshot.seed, '', structuredClone(snapshot));
}
