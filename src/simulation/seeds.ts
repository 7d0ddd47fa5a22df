/**
 * Where a run's seed comes from. A run's seed is a hash of the scenario's
 * base seed, its world (what the street looks like) and the replicate
 * number — never of a position in a list, so adding or removing runs never
 * changes another run's seed.
 *
 * The governance mode and the mechanism parameters do not enter the seed: two
 * scenarios of the same world under different modes get the same seeds, so
 * their replicates are paired (common random numbers) by construction, and
 * the named streams keep each mechanism's draws apart.
 */
import { canonicalJson, hashHex, hashString53 } from '../core/index.js';
import type { Scenario } from '../scenario/index.js';

/** The seed of replicate `replicate` (0, 1, 2, …) of a scenario. */
export function runSeed(scenario: Scenario, replicate: number): number {
  return hashString53(canonicalJson({ seed: scenario.seed, world: scenario.world, replicate }));
}

/** A short content hash of the whole parsed scenario (defaults filled), for manifests. */
export function scenarioHash(scenario: Scenario): string {
  return hashHex(canonicalJson(scenario));
}
