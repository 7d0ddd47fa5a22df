/**
 * Falsification: each fact may name a plausible alternative setting of the
 * parameters (`failsWhen`) under which it should fail. A fact that holds at
 * the defaults and also under its alternative is not carried by the
 * mechanism it names; a fact that fails there is.
 *
 * The alternative is applied to every scenario of the case as written (see
 * {@link applyOverrides}), so the case and its counterfactuals stay paired.
 */
import { finishSteps, type Steps } from '../core/index.js';
import { applyOverrides, checkArgument, type Overrides, type Scenario, ScenarioError } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import type { ModelDefinition, RunResult } from '../simulation/index.js';
import { type Fact, type FactsFile, type FailsWhen, factSchema, scenariosOfFacts } from './facts.js';
import {
  checkEvaluationArguments,
  checkFactsFile,
  evaluateFactsSteps,
  type FactResult,
  type FactsEvaluation,
} from './validate.js';

/**
 * Applies `overrides` to every scenario (given as written, by key) and returns the parsed scenarios; with `model`,
 * each scenario's extension parameters are validated by the model's extensions.
 *
 * @throws ScenarioError naming every path that is not in the scenario schema, or when a scenario is invalid with
 *   the overrides
 */
export function scenariosWithOverrides(
  inputs: ReadonlyMap<string, unknown>,
  overrides: Overrides,
  model?: ModelDefinition,
): Map<string, Scenario> {
  const scenarios = new Map<string, Scenario>();
  for (const [key, input] of inputs) scenarios.set(key, applyOverrides(input, overrides, key, model?.extensions));
  return scenarios;
}

/**
 * Evaluates a facts file with `overrides` (scenario path → value) applied to
 * every scenario of the case, on paired replicates, with the model `model`
 * (the built-in one when none is given). Only the scenarios the facts refer
 * to are built and run.
 * @throws ScenarioError naming the field when `file` is not a facts file, or naming the argument when `inputs` is not a Map, `overrides` not an object, a callback not a function or `model` not a sound definition; as `evaluateFacts` and `applyOverrides` otherwise
 */
export function evaluateFactsWithOverrides(
  file: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  overrides: Overrides,
  replicates: number,
  onProgress?: (done: number, total: number) => void,
  observe?: (runs: ReadonlyMap<string, RunResult>) => void,
  model?: ModelDefinition,
): FactsEvaluation {
  return finishSteps(evaluateFactsWithOverridesSteps(file, inputs, overrides, replicates, onProgress, observe, model));
}

/**
 * {@link evaluateFactsWithOverrides} in steps, yielding after each week of each run: run with `finishStepsPausing` to
 * let the event loop in during a long evaluation; the same results, byte for byte.
 * @throws ScenarioError as {@link evaluateFactsWithOverrides} does, at the first step
 */
export function* evaluateFactsWithOverridesSteps(
  given: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  overrides: Overrides,
  replicates: number,
  onProgress?: (done: number, total: number) => void,
  observe?: (runs: ReadonlyMap<string, RunResult>) => void,
  model?: ModelDefinition,
): Steps<FactsEvaluation> {
  const file = checkFactsFile(given);
  checkEvaluationArguments(inputs, { onProgress, observe }, model, 'inputs');
  checkArgumentWith('overrides', (check) => check.object(overrides, '(top level)', 'an object of scenario path → value'));
  const needed = new Set(scenariosOfFacts(file));
  const used = new Map([...inputs].filter(([key]) => needed.has(key)));
  return yield* evaluateFactsSteps(file, scenariosWithOverrides(used, overrides, model), replicates, onProgress, observe, model);
}

/** The outcome of one fact's falsification test. */
export interface FalsificationResult {
  id: number;
  title: string;
  /** The alternative in words. */
  says: string;
  parameters: Overrides;
  /** The fact evaluated under the alternative. */
  result: FactResult;
  /** True when the fact falls short under the alternative, as it should. */
  falsified: boolean;
}

/**
 * Evaluates one fact of a facts file under its `failsWhen` alternative on
 * `replicates` paired replicates. The fact is falsified by its alternative
 * when it falls short there; a fact that is not applicable there is not.
 * `onProgress` is called after each replicate with (done, replicates). With
 * `model`, the scenarios are those of that model, and the alternative may set
 * its extensions' parameters (`extensions.<name>.<parameter>`) besides the
 * built-in schema's.
 *
 * @throws ScenarioError naming `failsWhen` when the fact has none
 * @throws ScenarioError naming the field when `file` is not a facts file or `fact` not a fact ({@link factSchema}); as {@link evaluateFactsWithOverrides} otherwise
 */
export function evaluateFalsification(
  file: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  fact: Fact,
  replicates: number,
  onProgress?: (done: number, total: number) => void,
  model?: ModelDefinition,
): FalsificationResult {
  return finishSteps(evaluateFalsificationSteps(file, inputs, fact, replicates, onProgress, model));
}

/**
 * {@link evaluateFalsification} in steps, yielding after each week of each run: run with `finishStepsPausing` to let
 * the event loop in during a long evaluation (`govsim validate --falsify` answers Ctrl-C so); the same result.
 * @throws ScenarioError as {@link evaluateFalsification} does, at the first step
 */
export function* evaluateFalsificationSteps(
  given: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  fact: Fact,
  replicates: number,
  onProgress?: (done: number, total: number) => void,
  model?: ModelDefinition,
): Steps<FalsificationResult> {
  const file = checkFactsFile(given);
  checkArgument(factSchema, fact, 'fact', 'fact');
  if (fact.failsWhen === undefined)
    throw new ScenarioError(
      'fact',
      [
        {
          path: 'failsWhen',
          message: `expected the alternative setting under which fact ${fact.id} (${fact.title}) fails, got none`,
        },
      ],
      'fact',
    );
  const single: FactsFile = { ...file, facts: [fact] };
  const { results } = yield* evaluateFactsWithOverridesSteps(
    single,
    inputs,
    fact.failsWhen.parameters,
    replicates,
    onProgress,
    undefined,
    model,
  );
  return falsificationOf(fact as Fact & { failsWhen: FailsWhen }, results[0] as FactResult);
}

/**
 * What the evaluation of a fact under its alternative shows: the fact is falsified when `result`, its result there,
 * falls short. For evaluations run elsewhere (`govsim validate --falsify` on worker threads) as
 * {@link evaluateFalsification} runs them: the fact alone, on the case's scenarios as written with its `failsWhen`
 * parameters applied ({@link scenariosWithOverrides}).
 */
export function falsificationOf(fact: Fact & { failsWhen: FailsWhen }, result: FactResult): FalsificationResult {
  return {
    id: fact.id,
    title: fact.title,
    says: fact.failsWhen.says,
    parameters: fact.failsWhen.parameters,
    result,
    falsified: result.status === 'falls short',
  };
}

/** What a fact's falsification shows, given how the fact fares at the case's own settings. */
export type FalsificationVerdict =
  | 'falsified'
  | 'still holds'
  | 'not applicable there'
  | 'falls short at its settings'
  | 'not applicable at its settings';

/**
 * A fact is falsified by its alternative when it holds at the case's own
 * settings (`atDefaults`) and falls short under the alternative; a fact that
 * does not hold at its own settings cannot show that its alternative breaks
 * it, and one that is not applicable under the alternative is not tested.
 */
export function falsificationVerdict(atDefaults: FactResult, outcome: FalsificationResult): FalsificationVerdict {
  if (atDefaults.status === 'not applicable') return 'not applicable at its settings';
  if (atDefaults.status !== 'holds') return 'falls short at its settings';
  if (outcome.falsified) return 'falsified';
  return outcome.result.status === 'not applicable' ? 'not applicable there' : 'still holds';
}
