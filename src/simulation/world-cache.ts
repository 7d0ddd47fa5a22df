/**
 * Built worlds, kept for the next run on the same world and seed.
 *
 * Paired runs — the modes of a comparison, the scenarios of a case, the
 * variants of a sweep — share their world and their seeds (seeds.ts), so
 * each builds the same households, needs and sites from the same `world`
 * stream. Building is about a quarter of a run of the Y community. The
 * first run builds the world and keeps a copy of the state as built, with
 * the random source's position after building; a later run on the same key
 * starts from a copy of that instead, so its draws and outputs are the same
 * bytes as if it had built the world itself. What is kept is the drawn part
 * (households, needs, sites, need items: `drawWorld`); the rest of the state
 * is assembled afresh for each run, in the same shapes as a built one.
 *
 * The key is everything building reads: the seed, the scenario's `world`,
 * and the parameters listed in {@link parametersDrawingReads}. The mode is not drawn:
 * it is set when the state is assembled. A few of the most recent worlds are
 * kept, and only worlds small enough to copy cheaply.
 */
import {
  canonicalJson,
  createRandomSource,
  finishSteps,
  type RandomSource,
  type RandomSourceSnapshot,
  restoreRandomSource,
  type Steps,
} from '../core/index.js';
import { assembleWorld, copyDrawnWorld, type DrawnWorld, drawWorldSteps, type SimulationState } from '../model/index.js';
import { type Scenario, totalHouseholds } from '../scenario/index.js';

/** Worlds kept at once: the last few keys (a comparison's pair, a case's scenarios of one replicate). */
export const keptWorlds = 2;
/** Households above which a world is built afresh every time rather than kept (copies of larger worlds cost memory). */
export const largestKeptWorld = 250_000;

interface KeptWorld {
  drawn: DrawnWorld;
  random: RandomSourceSnapshot;
}

const kept = new Map<string, KeptWorld>();
let statistics = { built: 0, reused: 0 };

/** The parameters drawing a world reads, besides `world` (a test checks that it reads no other). */
export const parametersDrawingReads = [
  'parameters.departments.siteVisibilitySpread',
  'parameters.residents.initialTrust',
  'parameters.residents.initialEfficacy',
] as const;

function worldKey(scenario: Scenario, seed: number): string {
  const { departments, residents } = scenario.parameters;
  return `${seed}\u0000${canonicalJson({
    world: scenario.world,
    parameters: [departments.siteVisibilitySpread, residents.initialTrust, residents.initialEfficacy],
  })}`;
}

/**
 * The world of `scenario` built with `seed`, and the run's random source
 * positioned after building: from a kept copy when one matches, else built
 * and kept when small enough. With `options.keep` false it is built afresh,
 * neither looked up nor kept. The same state and draws either way.
 */
export function builtWorld(
  scenario: Scenario,
  seed: number,
  options: { keep: boolean } = { keep: true },
): { state: SimulationState; random: RandomSource } {
  return finishSteps(builtWorldSteps(scenario, seed, options));
}

/**
 * {@link builtWorld} in steps, yielding after each community's households while a world is drawn: a city-sized
 * street takes seconds to build, in which a command answers Ctrl-C.
 */
export function* builtWorldSteps(
  scenario: Scenario,
  seed: number,
  options: { keep: boolean } = { keep: true },
): Steps<{ state: SimulationState; random: RandomSource }> {
  const size = totalHouseholds(scenario.world.communities);
  if (size > largestKeptWorld || !options.keep) {
    statistics.built++;
    const random = createRandomSource(seed);
    return { state: assembleWorld(scenario, yield* drawWorldSteps(scenario, random)), random };
  }
  const key = worldKey(scenario, seed);
  const found = kept.get(key);
  if (found !== undefined) {
    statistics.reused++;
    // Most recently used last.
    kept.delete(key);
    kept.set(key, found);
    return { state: assembleWorld(scenario, copyDrawnWorld(found.drawn)), random: restoreRandomSource(found.random) };
  }
  statistics.built++;
  const random = createRandomSource(seed);
  const drawn = yield* drawWorldSteps(scenario, random);
  kept.set(key, { drawn: copyDrawnWorld(drawn), random: random.snapshot() });
  while (kept.size > keptWorlds) kept.delete(kept.keys().next().value as string);
  return { state: assembleWorld(scenario, drawn), random };
}

/** Worlds built and reused in this thread since the last {@link forgetBuiltWorlds}. */
export function builtWorldStatistics(): { built: number; reused: number } {
  return { ...statistics };
}

/** Drops the kept worlds and resets the statistics. */
export function forgetBuiltWorlds(): void {
  kept.clear();
  statistics = { built: 0, reused: 0 };
}
