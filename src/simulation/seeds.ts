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
import { canonicalJson, hashHex, hashString53, isRecord } from '../core/index.js';
import { givenValue, ScenarioError, type ScenarioProblem } from '../core/problems.js';
import type { Scenario } from '../scenario/index.js';

/**
 * The seed of replicate `replicate` (0, 1, 2, …) of a parsed scenario (`parseScenario`): its world, defaults filled,
 * is part of the seed, so a scenario as written, whose world leaves them out, would give another seed than its runs.
 * @throws ScenarioError (source "run seed arguments") when `scenario` is not a parsed scenario (no world)
 *   or `replicate` not a whole number from 0
 * @example runSeed(parseScenario(input), 0)
 */
export function runSeed(scenario: Scenario, replicate: number): number {
  const problems: ScenarioProblem[] = [];
  // A parsed scenario has its world filled in, and its seed: a number, or text (a city's street: "2/D1/S1").
  if (!isRecord(scenario) || !isRecord(scenario.world) || !['number', 'string'].includes(typeof scenario.seed))
    problems.push({
      path: 'scenario',
      message: `expected a parsed scenario (parseScenario), its world filled in, got ${isRecord(scenario) ? 'one without it' : givenValue(scenario)}`,
    });
  if (typeof replicate !== 'number' || !Number.isSafeInteger(replicate) || replicate < 0)
    problems.push({ path: 'replicate', message: `expected a whole number ≥ 0, got ${givenValue(replicate)}` });
  if (problems.length > 0) throw new ScenarioError('run seed arguments', problems, 'arguments');
  return hashString53(canonicalJson({ seed: scenario.seed, world: scenario.world, replicate }));
}

/** A short content hash of the whole parsed scenario (defaults filled), for manifests. */
export function scenarioHash(scenario: Scenario): string {
  return hashHex(canonicalJson(scenario));
}
