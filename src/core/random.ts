/**
 * The one source of randomness of a run.
 *
 * A run owns a single {@link RandomSource} created from its seed. Each
 * mechanism draws from its own named stream (`random.stream('mobilisation')`),
 * whose seed is derived from the run's seed and the stream's name alone. So
 * switching a mechanism on or off, or adding a new one, never shifts the draws
 * of any other mechanism — the property that makes paired (common random
 * numbers) comparisons between governance modes meaningful.
 *
 * The generator is Brent's xorgens xor4096 (4096-bit state), exactly as
 * seedrandom 3.0.5 implements it — the same seeding, sequence and saved state
 * — on a typed array (xor4096.ts): several times faster per number than
 * seedrandom's default ARC4, and with a period far beyond any simulation
 * (`bench/random-generators.ts` measures them).
 */
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
  /** A child source whose streams are independent of this source's. */
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
    const limit = Math.exp(-mean);
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

/** Creates the random source of a run from its seed (any safe integer). */
export function createRandomSource(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  return new SeededRandomSource(seed, '');
}

/** A random source that continues exactly where `snapshot` was taken. */
export function restoreRandomSource(snapshot: RandomSourceSnapshot): RandomSource {
  if (!Number.isSafeInteger(snapshot.seed) || snapshot.seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${snapshot.seed}`);
  }
  return new SeededRandomSource(snapshot.seed, '', structuredClone(snapshot));
}
