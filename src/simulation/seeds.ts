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
import { checkArgument, isParsedScenario, type Scenario, worldSchema } from '../scenario/index.js';

/**
 * The seed of replicate `replicate` (0, 1, 2, …) of a scenario. Its world, defaults filled, is part of the seed: a
 * scenario as written (not from `parseScenario`, or a copy of a parsed one sent to a worker thread) is seeded as its
 * parsed form is, its world parsed and its seed 0 where it leaves it out.
 * @throws ScenarioError (source "run seed arguments") when `scenario` is not an object or its seed neither a number
 *   nor text, or `replicate` not a whole number from 0; (source "scenario") when its world is not a valid world
 * @example runSeed(parseScenario(input), 0) === runSeed(input, 0)
 */
export function runSeed(scenario: Scenario, replicate: number): number {
  const problems: ScenarioProblem[] = [];
  if (!isRecord(scenario)) problems.push({ path: 'scenario', message: `expected a scenario, got ${givenValue(scenario)}` });
  else if (!['number', 'string', 'undefined'].includes(typeof scenario.seed))
    problems.push({ path: 'scenario.seed', message: `expected a number or text, got ${givenValue(scenario.seed)}` });
  if (typeof replicate !== 'number' || !Number.isSafeInteger(replicate) || replicate < 0)
    problems.push({ path: 'replicate', message: `expected a whole number ≥ 0, got ${givenValue(replicate)}` });
  if (problems.length > 0) throw new ScenarioError('run seed arguments', problems, 'arguments');
  const world = isParsedScenario(scenario)
    ? scenario.world
    : checkArgument(worldSchema, (scenario as Partial<Scenario>).world ?? {}, 'scenario', 'world');
  return hashString53(canonicalJson({ seed: scenario.seed ?? 0, world, replicate }));
}

/** A short content hash of the whole parsed scenario (defaults filled), for manifests. */
export function scenarioHash(scenario: Scenario): string {
  return hashHex(canonicalJson(scenario));
}
