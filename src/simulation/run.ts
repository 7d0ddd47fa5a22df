/**
 * Running a scenario: build the world, step it week by week, record every
 * week, summarise at the end — through the one model object (model.ts) that
 * drives the model, so a stepped run and a whole run cannot drift.
 */
import { finishSteps, type Steps } from '../core/index.js';
import type { RunSummary, WeekRecord } from '../metrics/index.js';
import type { MilestoneName, SimulationState } from '../model/index.js';
import { isParsedScenario, parseExtendedScenario, type Scenario, ScenarioError, type ScenarioInput } from '../scenario/index.js';
import type { ModelDefinition } from './definition.js';
import { maximumWeeks, modelOfSteps, optionProblems } from './model.js';

/** The options {@link runScenario} takes; any other key is refused. */
export interface RunOptions {
  /** Seed of the run; defaults to the seed of replicate `replicate`. */
  seed?: number;
  /** Replicate number used to derive the seed when `seed` is not given (default 0). */
  replicate?: number;
  /** Weeks to run; defaults to the scenario's `weeks`. */
  weeks?: number;
  /** A model definition with extensions (default: the built-in model). */
  model?: ModelDefinition;
  /** Called after each week with the state (read only: observers must not change it). */
  observe?: (state: SimulationState, record: WeekRecord) => void;
  /**
   * Whether to keep a copy of the built world for a later run on the same
   * world and seed (default true; world-cache.ts). A run whose world no other
   * run shares — a street of a city — saves the copy with `false`; its
   * outputs are the same either way.
   */
  keepWorld?: boolean;
}

/** The options {@link runScenario} takes. */
const runOptionNames: ReadonlyArray<keyof RunOptions> = ['seed', 'replicate', 'weeks', 'model', 'observe', 'keepWorld'];

/** What {@link runScenario} returns: one run's weekly records and summary. */
export interface RunResult {
  /** The scenario's name. */
  scenarioName: string;
  /** The seed the run used (given, or derived from the scenario and the replicate). */
  seed: number;
  /** One record per week run, in order. */
  weeks: WeekRecord[];
  /** The run's summary values (docs/metrics.md defines each). */
  summary: RunSummary;
  /** Events of the run: timeline entries reached and switches decided, with their weeks. */
  events: Array<{ week: number; event: string }>;
  /** First week each milestone was reached (modeChange, participationStart, …); absent when never reached. */
  milestones: Partial<Record<MilestoneName, number>>;
}

export { maximumWeeks };

/**
 * Checks a run's options: no option it does not know (a misspelt one would
 * run with the default, unnoticed); weeks a whole number from 1 to
 * {@link maximumWeeks}; replicate and seed non-negative whole numbers;
 * observe a function; keepWorld true or false; model a sound definition.
 * @throws ScenarioError naming the option (`weeks`, `replicate`, `seed`, …) and what was expected
 */
export function checkRunOptions(options: RunOptions): void {
  const problems = optionProblems(options, runOptionNames);
  if (problems.length > 0) throw new ScenarioError('run options', problems, 'run options');
}

/**
 * Runs one replicate of a scenario. A scenario that did not come from
 * `parseScenario` or `parseExtendedScenario` (frozen or not) is validated
 * first, so an analyst's hand-built object gets the same errors as a file.
 * @throws ScenarioError when the scenario is invalid or an option is out of range (see {@link checkRunOptions})
 * @example
 * const scenario = parseScenario({ name: 'y', mode: 'co-production' });
 * const { weeks, summary } = runScenario(scenario, { replicate: 0 });
 * summary.satisfaction.end; // a number in [0, 1]
 */
export function runScenario(input: Scenario | ScenarioInput, options: RunOptions = {}): RunResult {
  return finishSteps(runScenarioSteps(input, options));
}

/**
 * {@link runScenario} in steps, yielding after each week: run with `finishStepsPausing` to let the event loop (a
 * signal, a page's input) in during a long run; the same result, byte for byte.
 * @throws ScenarioError as {@link runScenario} does, at the first step
 * @example
 * const { summary } = await finishStepsPausing(runScenarioSteps(scenario, { replicate: 0 }));
 */
export function* runScenarioSteps(input: Scenario | ScenarioInput, options: RunOptions = {}): Steps<RunResult> {
  checkRunOptions(options);
  const scenario = isParsedScenario(input) ? input : parseExtendedScenario(input, options.model?.extensions ?? []);
  // The options were checked above: the model is made without checking them again.
  const model = yield* modelOfSteps(scenario, {
    ...(options.seed === undefined ? { replicate: options.replicate ?? 0 } : { seed: options.seed }),
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.keepWorld === undefined ? {} : { keepWorld: options.keepWorld }),
  });
  const weekCount = options.weeks ?? scenario.weeks;
  for (let week = 1; week <= weekCount; week++) {
    const record = model.step();
    options.observe?.(model.state, record);
    yield;
  }
  return model.result();
}
