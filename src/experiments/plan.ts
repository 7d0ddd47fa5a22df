/**
 * A sweep's plan: every point of the design under every variant, validated as
 * scenarios before anything runs, and the work cut into units — a point and a
 * block of consecutive replicates. A unit's rows depend only on its point and
 * replicates (each run's seed comes from its scenario's seed, the base's world and the replicate), so
 * results are the same bytes whatever the order, the number of workers, the
 * shards or the interruptions.
 *
 * The base may be a city file instead of a scenario (told apart by its
 * `districts`, see `isCityInput`). Then the factors' and variants' paths set
 * values in the city's base scenario, i.e. in every street's scenario; each
 * run is a whole city run of one replicate, street after street in the
 * city's order, and its row holds the city-wide summary
 * (`summariseCityRun`, one aggregation per measure: `cityAggregations`). A
 * city run being long, each unit of work is one replicate (outside precision
 * mode), so a sweep spreads over as many workers and shards as it has
 * replicates × points.
 */
import {
  canonicalJson,
  cpuTimeText,
  csvLine,
  finishSteps,
  hashHex,
  isRecord,
  meanConfidenceInterval,
  type Steps,
  wholeNumberText,
} from '../core/index.js';
import { isCityInput, parseCity } from '../generators/index.js';
import type { RunSummary } from '../metrics/index.js';
import {
  checkArgument,
  parseExtendedScenario,
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioProblem,
  worldSchema,
} from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { runCostOf } from '../simulation/cost.js';
import {
  comparedMetrics,
  estimatedCityRunCost,
  givenValue,
  headlineMetrics,
  type ModelDefinition,
  namingRun,
  type RunCost,
  renamedSummaryPathNote,
  runScenario,
  runScenarioSteps,
  runSeed,
  summariseCityRunSteps,
  summaryValue,
} from '../simulation/index.js';
import { type DesignPoints, designPointCount, type Point, pointsOfDesign, wholeNumberRange } from './designs.js';
import { type Experiment, experimentSchema, type Variant } from './experiment.js';
import { sweepLimits } from './limits.js';
import { pathSegments, setAtPath } from './paths.js';

/**
 * A planned sweep: the experiment, its design points, the scenario of every point and variant, the replicates per
 * unit of work and the cost estimate; everything a worker needs to run a unit.
 */
export interface SweepPlan {
  /** The parsed experiment file. */
  experiment: Experiment;
  /** Hash of the experiment and its base scenario content: identifies the sweep. */
  hash: string;
  /** The design's points (and, for Morris, their unit-scale coordinates). */
  design: DesignPoints;
  /** The factors' scenario paths, in the design's order: the factor columns of the runs table. */
  factors: string[];
  /** Parsed scenarios, by point then variant (none for a city base: see `city`). */
  scenarios: Scenario[][];
  /** For a city base: the city and the base scenario of its streets at every point and variant. */
  city?: CitySweep;
  /** Replicates per work unit. */
  blockReplicates: number;
  /** What the sweep is expected to cost. */
  estimate: SweepEstimate;
  /** The model definition every run uses, when the experiment extends the model. */
  model?: ModelDefinition;
  /**
   * The world the runs' seeds come from: the base scenario's (defaults filled), so that the runs of one replicate
   * share their seed across the design's points and variants, whatever world each sets (see {@link sweepRunSeed}).
   * Undefined for a city base, whose streets seed themselves, or a base whose world is not valid alone.
   */
  seedWorld?: Scenario['world'];
  /**
   * What a user may not expect of the plan, one line each ("govsim: note: …"): a variant that sets the mode of a
   * base whose timeline or switch rule changes the mode later, so that the variant's mode holds only until then.
   */
  notes?: string[];
}

/**
 * What a sweep of a city runs. Each point and variant's city is validated
 * when the sweep is planned and built again, street by street, when one of
 * its units runs: a plan holds the city once, however many points it has.
 */
export interface CitySweep {
  /** The city file as written (without `$schema`). */
  input: Record<string, unknown>;
  /** The city's base scenario (`scenario` of the city file) with the point's and the variant's values set, by point then variant. */
  scenarios: Array<Array<Record<string, unknown>>>;
  /** Streets of the city. */
  streets: number;
}

/** A unit of work of a sweep: one point and one block of consecutive replicates, run under every variant. */
export interface WorkUnit {
  /** Index of the design point (0-based). */
  point: number;
  /** Block of replicates: consecutive replicates, `blockReplicates` of them or, in precision mode, the first replicates and then a batch each (see `unitReplicates`). */
  block: number;
}

/** Sorts units by point, then block: the order of rows in the final output. */
export function compareUnits(left: WorkUnit, right: WorkUnit): number {
  return left.point - right.point || left.block - right.block;
}

/**
 * The name of a unit of work, as its chunk file is named: point and block, zero-padded so names sort in order.
 * @example unitName({ point: 3, block: 1 }) // 'p000003-b0001'
 */
export function unitName(unit: WorkUnit): string {
  return `p${String(unit.point).padStart(6, '0')}-b${String(unit.block).padStart(4, '0')}`;
}

/** What a sweep is expected to cost, computed before any run. */
export interface SweepEstimate {
  points: number;
  /** Points × variants. */
  scenarios: number;
  /** For a city base: the streets of each run (a run is a whole city). */
  streets?: number;
  /** Runs at most (in precision mode, every point at its maximum replicates). */
  runs: number;
  /** Estimated CPU seconds of all runs. */
  cpuSeconds: number;
  /** Estimated peak memory of the largest run, in bytes. */
  largestRunBytes: number;
}

/** Options of {@link planSweep}. */
export interface PlanOptions {
  /** Refuse a sweep whose estimate passes the budget of {@link sweepLimits} (the CLI's default; `--force` turns it off). */
  enforceBudget?: boolean;
  /** The model definition of the experiment's `model` module, already loaded. */
  model?: ModelDefinition;
  /** A hash of the model module's text: part of the sweep's hash, so a changed module is another sweep. */
  modelHash?: string;
  /**
   * Where the base scenario came from (its file), for messages: a problem at no factor's or variant's path that the
   * base has on its own is reported as the base's, naming this, rather than as the first point's.
   */
  baseSource?: string;
}

/**
 * Paths a sweep of a city may not set: the city names and seeds each street
 * and lists each street's communities itself.
 */
const cityOwnPaths = ['name', 'seed', 'world.communities'];

/**
 * Checks that every list index in a factor's or a variant's path names an
 * element the base scenario has: an index past the end would add an element
 * that only half exists (or, at 1e9, exhaust memory) instead of varying one.
 * With `city`, `baseInput` is the city's base scenario, and a path the city
 * sets for each street ({@link cityOwnPaths}) is refused.
 */
function checkPathIndices(experiment: Experiment, baseInput: Record<string, unknown>, source: string, city: boolean): void {
  const problems: ScenarioProblem[] = [];
  const check = (path: string, where: string) => {
    const owned = city
      ? cityOwnPaths.find((own) => path === own || path.startsWith(`${own}.`) || path.startsWith(`${own}[`))
      : undefined;
    if (owned !== undefined) {
      problems.push({
        path: where,
        message: `"${path}": a city sets ${owned} for each street itself; a sweep of a city varies its base scenario (a path such as parameters.staff.routineLoad or mode)`,
      });
      return;
    }
    let node: unknown = baseInput;
    let walked = '';
    for (const segment of pathSegments(path)) {
      if (typeof segment === 'string') {
        walked = walked === '' ? segment : `${walked}.${segment}`;
        node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
        continue;
      }
      if (!Array.isArray(node)) {
        problems.push({
          path: where,
          message: `"${path}" indexes ${walked}, which the ${city ? "city's base scenario" : 'base scenario'} does not write out; write the list in the base to vary one of its elements`,
        });
        return;
      }
      if (segment >= node.length) {
        problems.push({
          path: where,
          message: `"${path}": index ${segment} is past the end of ${walked} (${node.length} element${node.length === 1 ? '' : 's'} in the ${city ? "city's base scenario" : 'base scenario'})`,
        });
        return;
      }
      node = node[segment];
      walked = `${walked}[${segment}]`;
    }
  };
  experiment.design.factors.forEach((factor, index) => {
    check(factor.path, `design.factors[${index}].path`);
  });
  experiment.variants.forEach((variant, index) => {
    for (const path of Object.keys(variant.set)) check(path, `variants[${index}].set`);
  });
  if (problems.length > 0) throw new ScenarioError(source, problems, 'experiment');
}

/**
 * A point's scenario problems said where the experiment file sets what is
 * wrong, when it does: a problem at a factor's path is that factor's
 * (`design.factors[2].values[1]` for a listed value, `design.factors[2].range`
 * for a drawn one), one at a path a variant sets is the variant's
 * (`variants[1].set.mode`). Any other problem comes from the base scenario,
 * and the error is left as it is. `prefix` is what the problems' paths start
 * with where a factor's path starts (`scenario.` for a city's base scenario).
 */
function inExperimentTerms(
  error: ScenarioError,
  experiment: Experiment,
  points: readonly Point[],
  point: number,
  variant: number,
  source: string,
  prefix = '',
): ScenarioError {
  const value = points[point] as Point;
  const chosen = experiment.variants[variant] as Variant;
  const mapped: ScenarioProblem[] = [];
  for (const found of error.problems) {
    if (!found.path.startsWith(prefix)) return error;
    const problem = { ...found, path: found.path.slice(prefix.length) };
    const unknownKey = isUnknownKey(problem);
    const variantPath = Object.keys(chosen.set).find((path) => concerns(path, problem, unknownKey));
    if (variantPath !== undefined) {
      // A misspelt path is the key's fault, not the value's.
      mapped.push({
        path: unknownKey ? `variants[${variant}].set` : `variants[${variant}].set.${variantPath}`,
        message: unknownKey ? misspeltPathMessage(problem, variantPath) : problem.message,
      });
      continue;
    }
    const factorIndex = experiment.design.factors.findIndex((factor) => concerns(factor.path, problem, unknownKey));
    const factor = experiment.design.factors[factorIndex];
    if (factor === undefined) return error;
    if (unknownKey) {
      mapped.push({ path: `design.factors[${factorIndex}].path`, message: misspeltPathMessage(problem, factor.path) });
      continue;
    }
    const given = value[factor.path];
    const valueIndex = 'values' in factor ? (factor.values as unknown[]).indexOf(given) : -1;
    // A range drawn as decimals for a whole-number parameter wants `integer: true`.
    const hint =
      'range' in factor && factor.integer !== true && problem.message.startsWith('expected a whole number')
        ? '; a whole-number parameter\'s range needs "integer": true'
        : '';
    mapped.push({
      path: `design.factors[${factorIndex}].${valueIndex >= 0 ? `values[${valueIndex}]` : 'range'}`,
      message: `${problem.message} (${echoes(problem.message, given) ? '' : `${JSON.stringify(given)} `}at point ${point})${hint}`,
    });
  }
  return new ScenarioError(source, mapped, 'experiment');
}

/**
 * Whether a scenario's problem is a key the schema does not know, or an extension the model does not have: a misspelt
 * path of the experiment's, where it sets one.
 */
function isUnknownKey(problem: ScenarioProblem): boolean {
  return problem.message.startsWith('unknown key') || problem.message.startsWith('no extension of this model is called');
}

/**
 * Whether a scenario's problem at `problem.path` is about the experiment's `path`: at the path itself, or, for a key
 * the schema does not know, at one of its leading parts (`parameters.staf` of `parameters.staf.routineLoad`).
 */
function concerns(path: string, problem: ScenarioProblem, unknownKey: boolean): boolean {
  return path === problem.path || (unknownKey && (path.startsWith(`${problem.path}.`) || path.startsWith(`${problem.path}[`)));
}

/** The message for a misspelt `path`: the scenario's, the path, and the part of it the schema does not know where that is not all of it. */
function misspeltPathMessage(problem: ScenarioProblem, path: string): string {
  return problem.path === path ? `${problem.message}: "${path}"` : `${problem.message}: "${problem.path}" in "${path}"`;
}

/** Whether a scenario's problem already ends with the value it refused (`…, got 1.5`), which is then not said twice. */
function echoes(message: string, value: unknown): boolean {
  return message.endsWith(`, got ${String(value)}`);
}

/**
 * Checks that each range factor's whole range is values the scenario takes, at its two ends (for a whole-number factor
 * the first and last whole numbers of its range, {@link wholeNumberRange}): a Latin hypercube or Saltelli design draws inside [low, high) and a
 * Morris design may not reach an end, so a range past the schema's limits would otherwise be refused or run
 * depending on where its points happen to fall. Each end is set, in turn, in the first point's first scenario and
 * that is parsed with `parse`; a problem at the factor's own path (`prefix` + path: `scenario.` for a city's base
 * scenario) is the range's, named `design.factors[i].range` with the end that breaks it.
 * @throws ScenarioError (source `source`) naming each range that passes a limit, and the end
 */
function checkRangeEnds(
  experiment: Experiment,
  firstInput: Record<string, unknown>,
  parse: (input: Record<string, unknown>) => unknown,
  prefix: string,
  source: string,
): void {
  const problems: ScenarioProblem[] = [];
  experiment.design.factors.forEach((factor, index) => {
    if (!('range' in factor)) return;
    const ends = factor.integer ? wholeNumberRange(factor) : factor.range;
    for (const [side, end] of factor.range.entries()) {
      const value = ends[side] as number;
      let refusal: ScenarioError;
      try {
        parse(setAtPath(firstInput, factor.path, value));
        continue;
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        refusal = error;
      }
      const path = `${prefix}${factor.path}`;
      const misspelt = refusal.problems.find((problem) => isUnknownKey(problem) && concerns(path, problem, true));
      if (misspelt !== undefined) {
        // The path's fault, whatever the end: said once, at the path.
        const problem = { ...misspelt, path: misspelt.path.slice(prefix.length) };
        problems.push({ path: `design.factors[${index}].path`, message: misspeltPathMessage(problem, factor.path) });
        break;
      }
      const found = refusal.problems.find((problem) => problem.path === path);
      if (found === undefined) continue;
      const which = side === 0 ? 'low' : 'high';
      // A range of decimals for a whole-number parameter wants `integer: true`, as for a point drawn in it.
      const hint =
        factor.integer !== true && found.message.startsWith('expected a whole number')
          ? '; a whole-number parameter\'s range needs "integer": true'
          : '';
      problems.push({
        path: `design.factors[${index}].range`,
        message: `${found.message} (${echoes(found.message, value) ? '' : `${JSON.stringify(value)}, `}the range's ${which} end${value === end ? '' : `, the ${which === 'low' ? 'first whole number from' : 'last whole number up to'} ${end}`})${hint}`,
      });
    }
  });
  if (problems.length > 0) throw new ScenarioError(source, problems, 'experiment');
}

/** The options {@link planSweep} takes. */
const planOptionNames: ReadonlyArray<keyof PlanOptions> = ['enforceBudget', 'model', 'modelHash', 'baseSource'];

/**
 * Checks the arguments of {@link planSweep}, as a caller in plain JavaScript
 * may give anything: the experiment against its schema, the base an object,
 * the source text, the options known and of their types. Returns the experiment parsed, its defaults filled.
 */
function checkPlanArguments(experiment: unknown, baseInput: unknown, source: unknown, options: unknown): Experiment {
  checkArgumentWith('source', (check) => {
    if (typeof source !== 'string') check.add('(top level)', `expected text naming the experiment, got ${givenValue(source)}`);
  });
  const parsed = checkArgument(experimentSchema, experiment, 'experiment', 'experiment');
  checkArgumentWith(
    'base',
    (check) => check.object(baseInput, '(top level)', 'the base scenario or city as an object'),
    'base scenario',
  );
  checkArgumentWith('plan options', (check) => {
    const given = check.options(options, planOptionNames);
    check.flag(given.enforceBudget, 'enforceBudget');
    check.text(given.modelHash, 'modelHash', true);
    check.text(given.baseSource, 'baseSource', true);
  });
  return parsed;
}

/**
 * Builds and validates every scenario of an experiment; `baseInput` is the
 * base scenario, or the city file, as written. Sizes are checked before any
 * point is made: past {@link sweepLimits}.scenarios the plan is refused, and
 * with `enforceBudget` so is a plan whose estimated cost passes the budget.
 * A city base runs the built-in model: with `options.model` it is refused.
 * The arguments are checked first, for callers in plain JavaScript: the
 * experiment against {@link experimentSchema} (and parsed: what it leaves out, such as `variants` or
 * `replicates`, takes the schema's default, as in a file), the base as an object, the
 * source as text and the options by name and type.
 * @throws ScenarioError naming the field, with the estimate and the limit
 * @throws ScenarioError naming the argument (`experiment`, `base`, `source`, `plan options`) and the field, when one is not what it should be
 * @example
 * const experiment = parseExperiment(JSON.parse(text), 'my-experiment.json');
 * const plan = planSweep(experiment, baseScenario, 'my-experiment.json', { enforceBudget: true });
 * plan.estimate.runs;
 */
export function planSweep(
  given: Experiment,
  baseInput: Record<string, unknown>,
  source: string,
  options: PlanOptions = {},
): SweepPlan {
  const experiment = checkPlanArguments(given, baseInput, source, options);
  checkExperimentMetrics(experiment, source, options.model);
  const refuse = (path: string, message: string): never => {
    throw new ScenarioError(source, [{ path, message }], 'experiment');
  };
  const baseCity = isCityInput(baseInput) ? parseCity(baseInput, source) : undefined;
  if (baseCity !== undefined && options.model !== undefined)
    refuse('model', 'a city base runs the built-in model: leave model out, or sweep a street of the city as a scenario');
  // A city's paths are paths into its base scenario, the part of every street's scenario the city does not set.
  const root = baseCity === undefined ? baseInput : (baseInput.scenario as Record<string, unknown>);
  checkPathIndices(experiment, root, source, baseCity !== undefined);
  const pointCount = designPointCount(experiment.design);
  const variantCount = experiment.variants.length;
  const scenarioCount = pointCount * variantCount;
  const streets = baseCity?.streets.length ?? 1;
  const plannedCount = scenarioCount * streets;
  if (plannedCount > sweepLimits.scenarios || (options.enforceBudget && plannedCount > sweepLimits.budgetScenarios)) {
    const limit = plannedCount > sweepLimits.scenarios ? sweepLimits.scenarios : sweepLimits.budgetScenarios;
    const product = `${wholeNumberText(pointCount)} points × ${variantCount} variants${baseCity === undefined ? '' : ` × ${wholeNumberText(streets)} streets`}`;
    refuse(
      'design',
      `${product} = ${wholeNumberText(plannedCount)} scenarios to plan, more than ${wholeNumberText(limit)}${limit === sweepLimits.scenarios ? ` (each is ${baseCity === undefined ? 'held in memory' : 'validated before anything runs'}); split the experiment into smaller ones` : '; pass --force to plan it anyway'}`,
    );
  }
  const design = pointsOfDesign(experiment.design);
  const factors = experiment.design.factors.map((factor) => factor.path);
  // Every column of runs.csv (and of runs.parquet, whose readers keep one column of a name) has a name of its own.
  factors.forEach((path, index) => {
    if (runIdentityColumns.includes(path))
      refuse(
        `design.factors[${index}].path`,
        `"${path}" is also a column runs.csv keeps for every run (${runIdentityColumns.join(', ')}), which a factor's column would repeat${path === 'seed' ? ": a sweep sets each run's seed from its replicate, the same in every variant; for more seeds, give more replicates" : ''}`,
      );
  });
  experiment.metrics.forEach((metric, index) => {
    if (runIdentityColumns.includes(metric) || factors.includes(metric))
      refuse(
        `metrics[${index}]`,
        `"${metric}" is also the column of ${factors.includes(metric) ? 'a factor' : 'every run'} in runs.csv, which the metric's would repeat`,
      );
  });
  const inputs = design.points.map((point) =>
    experiment.variants.map((variant) => {
      let input = root;
      for (const [path, value] of Object.entries(point)) input = setAtPath(input, path, value);
      for (const [path, value] of Object.entries(variant.set)) input = setAtPath(input, path, value);
      return input;
    }),
  );
  const where = (point: number, variant: number) =>
    `${source} (point ${point}, variant ${(experiment.variants[variant] as Variant).label})`;
  // The world the seeds come from (see sweepRunSeed): the base's, when it is a valid world alone.
  const baseWorld = baseCity === undefined ? worldSchema.safeParse(root.world ?? {}) : undefined;
  const seedWorld = baseWorld?.success === true ? (baseWorld.data as Scenario['world']) : undefined;
  const costs: RunCost[] = [];
  let scenarios: Scenario[][] = [];
  if (baseCity === undefined) {
    // A range's ends first: a point drawn past a limit is then refused as its range, naming the end.
    checkRangeEnds(
      experiment,
      (inputs[0] as Array<Record<string, unknown>>)[0] as Record<string, unknown>,
      (input) => parseExtendedScenario(input, options.model?.extensions ?? [], source),
      '',
      source,
    );
    scenarios = inputs.map((row, point) =>
      row.map((input, variant) => {
        try {
          return parseExtendedScenario(input, options.model?.extensions ?? [], where(point, variant));
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          const mapped = inExperimentTerms(error, experiment, design.points, point, variant, source);
          // A problem at no factor's or variant's path is the base's own when the base alone has it.
          // Parsed alone, the base throws its own problems, naming where it came from.
          if (mapped === error && options.baseSource !== undefined)
            parseExtendedScenario(root, options.model?.extensions ?? [], options.baseSource);
          throw mapped;
        }
      }),
    );
    for (const row of scenarios) for (const scenario of row) costs.push(runCostOf(scenario));
  } else {
    // A range's ends first, as for a scenario.
    checkRangeEnds(
      experiment,
      (inputs[0] as Array<Record<string, unknown>>)[0] as Record<string, unknown>,
      (scenario) => parseCity({ ...baseInput, scenario }, source),
      'scenario.',
      source,
    );
    // Each point and variant's city is validated street by street, and only its cost kept.
    inputs.forEach((row, point) => {
      row.forEach((scenario, variant) => {
        try {
          costs.push(estimatedCityRunCost(parseCity({ ...baseInput, scenario }, where(point, variant))));
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          // A factor's or variant's value is named where the experiment sets it, as for a scenario base.
          throw inExperimentTerms(error, experiment, design.points, point, variant, source, 'scenario.');
        }
      });
    });
  }
  const replicatesPerScenario = experiment.precision?.maxReplicates ?? experiment.replicates;
  let cpuSeconds = 0;
  let largestRunBytes = 0;
  for (const cost of costs) {
    cpuSeconds += cost.seconds * replicatesPerScenario;
    largestRunBytes = Math.max(largestRunBytes, cost.bytes);
  }
  const estimate: SweepEstimate = {
    points: pointCount,
    scenarios: scenarioCount,
    ...(baseCity === undefined ? {} : { streets }),
    runs: scenarioCount * replicatesPerScenario,
    cpuSeconds,
    largestRunBytes,
  };
  if (options.enforceBudget && cpuSeconds > sweepLimits.budgetCpuHours * 3600)
    refuse(
      experiment.precision ? 'precision.maxReplicates' : 'replicates',
      `${wholeNumberText(estimate.runs)} runs, estimated at ${cpuTimeText(cpuSeconds)}, more than the budget of ${sweepLimits.budgetCpuHours} CPU hours; pass --force to run it anyway (or shard it over a cluster)`,
    );
  if (options.enforceBudget && largestRunBytes > sweepLimits.budgetRunBytes)
    refuse(
      baseCity === undefined ? 'base.world' : 'base.districts',
      `one run is estimated to need ${(largestRunBytes / 1024 ** 3).toPrecision(3)} GiB of memory, more than the budget of ${sweepLimits.budgetRunBytes / 1024 ** 3} GiB per worker; pass --force to run it anyway`,
    );
  // A city run is long: one replicate a unit of work spreads a sweep of few points over many workers and shards.
  const blockReplicates =
    experiment.precision?.batchReplicates ?? (baseCity === undefined ? Math.min(experiment.replicates, 10) : 1);
  return {
    experiment,
    hash: hashHex(
      canonicalJson({
        experiment: { ...experiment, $schema: undefined },
        base: baseInput,
        ...(options.modelHash === undefined ? {} : { model: options.modelHash }),
      }),
    ),
    design,
    factors,
    scenarios,
    ...(baseCity === undefined ? {} : { city: { input: baseInput, scenarios: inputs, streets } }),
    blockReplicates,
    estimate,
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(seedWorld === undefined ? {} : { seedWorld }),
    notes: variantModeNotes(experiment, root),
  };
}

/**
 * Notes on variants that set `mode` (the mode of week 1) while the base changes the mode later, by its timeline or by
 * its switch rule: the variant runs its mode only until then, which a variant labelled by its mode may not mean.
 */
function variantModeNotes(experiment: Experiment, base: Record<string, unknown>): string[] {
  const timeline = Array.isArray(base.timeline) ? (base.timeline as unknown[]) : [];
  const weeks = timeline.flatMap((entry) =>
    isRecord(entry) && entry.mode !== undefined && typeof entry.week === 'number' ? [entry.week] : [],
  );
  const rule = isRecord(base.switchRule) ? base.switchRule : undefined;
  if (weeks.length === 0 && rule === undefined) return [];
  const settingMode = experiment.variants.filter((variant) =>
    Object.keys(variant.set).some((path) => path === 'mode' || path.startsWith('mode.')),
  );
  if (rule !== undefined) {
    const target = rule.to === undefined ? 'co-production' : typeof rule.to === 'string' ? rule.to : 'its target mode';
    return settingMode.map(
      (variant) =>
        `govsim: note: variant "${variant.label}" sets the mode, and the base's switch rule can switch to ${target} during the run: the variant's mode holds only until then (to run its mode throughout, sweep over a base without a switch rule)\n`,
    );
  }
  const first = Math.min(...weeks);
  return settingMode
    .filter((variant) => !Object.keys(variant.set).some((path) => path.startsWith('timeline')))
    .map(
      (variant) =>
        `govsim: note: variant "${variant.label}" sets the mode, and the base's timeline changes the mode from week ${first}: the variant's mode holds only until then (set "timeline": [] in the variant to run its mode throughout)\n`,
    );
}

/**
 * The seed of replicate `replicate` of a sweep's run of `scenario`: a hash of
 * the scenario's `seed`, the base scenario's world and the replicate. Every
 * point and variant of a sweep thus runs replicate r on one seed (common
 * random numbers): a variant or a factor that sets the world is paired like
 * any other, and an elementary effect or a contrast is the difference the
 * setting makes, not also a difference of draws. Where the point keeps the
 * base's world, it is the seed `runScenario` gives the scenario on its own
 * ({@link runSeed}).
 */
export function sweepRunSeed(plan: Pick<SweepPlan, 'seedWorld'>, scenario: Scenario, replicate: number): number {
  return plan.seedWorld === undefined ? runSeed(scenario, replicate) : runSeed({ ...scenario, world: plan.seedWorld }, replicate);
}

/** The units a sweep starts with: each point's blocks up to `replicates`. */
export function initialUnits(plan: SweepPlan): WorkUnit[] {
  const blocks = Math.ceil(plan.experiment.replicates / plan.blockReplicates);
  return plan.design.points.flatMap((_, point) => Array.from({ length: blocks }, (__, block) => ({ point, block })));
}

/**
 * Replicates of a unit: [first, end). Blocks of `blockReplicates` up to `replicates`, the last of them cut there; in
 * precision mode, past `replicates`, a batch (`batchReplicates`) each, up to `maxReplicates`. A point's precision is
 * thus judged once its first `replicates` are run and after each batch, as the experiment says, and no unit of work is
 * larger than a batch.
 * @example unitReplicates({ experiment: { replicates: 3, precision: { batchReplicates: 2, maxReplicates: 15 } }, blockReplicates: 2 }, { point: 0, block: 2 }) // { first: 3, end: 5 }
 */
export function unitReplicates(
  plan: { experiment: Pick<Experiment, 'replicates' | 'precision'>; blockReplicates: number },
  unit: WorkUnit,
): { first: number; end: number } {
  const { replicates, precision } = plan.experiment;
  if (precision === undefined) {
    const first = unit.block * plan.blockReplicates;
    return { first, end: Math.min(replicates, first + plan.blockReplicates) };
  }
  const firstBlocks = Math.ceil(replicates / plan.blockReplicates);
  if (unit.block < firstBlocks) {
    const first = unit.block * plan.blockReplicates;
    return { first, end: Math.min(precision.maxReplicates, replicates, first + plan.blockReplicates) };
  }
  const first = replicates + (unit.block - firstBlocks) * plan.blockReplicates;
  return { first, end: Math.min(precision.maxReplicates, first + plan.blockReplicates) };
}

/** The columns of the runs table that say which run a row is, besides the factors. */
const runIdentityColumns: readonly string[] = ['point', 'variant', 'replicate', 'seed'];

/** Column names of the runs table: point, the factors, variant, replicate, seed, then the metrics. */
export function runColumns(plan: SweepPlan): string[] {
  return ['point', ...plan.factors, 'variant', 'replicate', 'seed', ...plan.experiment.metrics];
}

/** One run of a unit: its row of values, in `runColumns` order. */
export type RunRow = Array<number | string | boolean>;

/** Runs every variant and replicate of a unit; rows in variant-major, replicate order. */
export function runUnit(plan: SweepPlan, unit: WorkUnit): RunRow[] {
  return finishSteps(runUnitSteps(plan, unit));
}

/**
 * {@link runUnit} in steps, yielding after each week of each run: run with `finishStepsPausing` to let the event
 * loop in during a long unit (a sweep in one thread answers Ctrl-C so, even with a city base); the same rows.
 */
export function* runUnitSteps(plan: SweepPlan, unit: WorkUnit): Steps<RunRow[]> {
  const { first, end } = unitReplicates(plan, unit);
  const point = plan.design.points[unit.point] as Point;
  const rows: RunRow[] = [];
  for (let variantIndex = 0; variantIndex < plan.experiment.variants.length; variantIndex++) {
    const variant = plan.experiment.variants[variantIndex] as Variant;
    const run = replicateRunner(plan, unit.point, variantIndex);
    for (let replicate = first; replicate < end; replicate++) {
      const { seed, summary } = yield* run(replicate);
      rows.push([
        unit.point,
        ...plan.factors.map((factor) => point[factor] as number | string | boolean),
        variant.label,
        replicate,
        seed,
        ...plan.experiment.metrics.map((metric) => summaryValue(summary, metric)),
      ]);
    }
  }
  return rows;
}

/**
 * How a point and variant runs one replicate: its scenario's run, or for a
 * city base a whole city run summarised city-wide (the city is built once
 * here, for every replicate of the unit).
 */
function replicateRunner(
  plan: SweepPlan,
  point: number,
  variant: number,
): (replicate: number) => Steps<{ seed: number; summary: RunSummary }> {
  if (plan.city !== undefined) {
    const input = { ...plan.city.input, scenario: (plan.city.scenarios[point] as Array<Record<string, unknown>>)[variant] };
    const city = parseCity(
      input,
      `${plan.experiment.name} (point ${point}, variant ${(plan.experiment.variants[variant] as Variant).label})`,
    );
    return (replicate) => summariseCityRunSteps(city, { replicate });
  }
  const scenario = (plan.scenarios[point] as Scenario[])[variant] as Scenario;
  return function* (replicate) {
    const seed = sweepRunSeed(plan, scenario, replicate);
    const { summary } = yield* namingRun(
      runScenarioSteps(scenario, plan.model === undefined ? { seed } : { seed, model: plan.model }),
      () => sweepRunName(plan, point, variant, replicate, seed),
    );
    return { seed, summary };
  };
}

/** At most this many of a point's factor values are named in {@link sweepRunName}. */
const namedFactorLimit = 4;

/**
 * One run of a sweep in words: `sweep point 3 (x = 0.5, y = true), variant b, replicate 7 (seed 12)`; a point of
 * more factors names the first few and counts the rest.
 */
export function sweepRunName(plan: SweepPlan, point: number, variant: number, replicate: number, seed: number): string {
  const values = plan.design.points[point] as Point;
  const named = plan.factors.slice(0, namedFactorLimit).map((factor) => `${factor} = ${String(values[factor])}`);
  const more = plan.factors.length - named.length;
  const factors = named.length === 0 ? '' : ` (${named.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
  const label = (plan.experiment.variants[variant] as Variant).label;
  return `sweep point ${point}${factors}, variant ${label}, replicate ${replicate} (seed ${seed})`;
}

/** Rows as CSV lines (no header), each ending in a newline. */
export function rowsToCsv(rows: readonly RunRow[]): string {
  return rows.map(csvLine).join('');
}

/**
 * Precision mode: whether a point needs another block, given the metric
 * values of its replicates so far (per variant): yes until it has the
 * experiment's `replicates`, then while any metric's 95% interval half-width
 * exceeds the target, and never past the maximum. A
 * metric with fewer than two finite values has no interval yet, so it is not
 * yet precise.
 */
export function needsMoreReplicates(
  plan: SweepPlan,
  valuesByMetric: ReadonlyArray<readonly number[]>,
  replicatesSoFar: number,
): boolean {
  const precision = plan.experiment.precision;
  if (precision === undefined || replicatesSoFar >= precision.maxReplicates) return false;
  // Every point runs its first `replicates` before its precision is judged.
  if (replicatesSoFar < plan.experiment.replicates) return true;
  return valuesByMetric.some((values) => {
    const interval = meanConfidenceInterval(values.filter((value) => Number.isFinite(value)));
    const halfWidth = (interval.high - interval.low) / 2;
    return !(halfWidth <= precision.halfWidth);
  });
}

/**
 * Checks that each metric an experiment keeps (and each of its precision target) names a number of a run summary
 * under `model` ({@link summaryMetricNames}): a misspelt one would be a column of nothing.
 * @throws ScenarioError naming `source` and each unknown metric, with a likely meaning or a rename where there is one
 * @example checkExperimentMetrics(parseExperiment(input, 'mine.json'), 'mine.json') // throws for "satisfaction.nope"
 */
export function checkExperimentMetrics(experiment: Experiment, source: string, model?: ModelDefinition): void {
  const known = new Set(summaryMetricNames(model));
  const unknown = [
    ...experiment.metrics.map((metric, index) => ({ path: `metrics[${index}]`, metric })),
    ...(experiment.precision?.metrics ?? []).map((metric, index) => ({ path: `precision.metrics[${index}]`, metric })),
  ].filter(({ metric }) => !known.has(metric));
  if (unknown.length > 0)
    throw new ScenarioError(
      source,
      unknown.map(({ path, metric }) => ({
        path,
        // One note: a likely meaning or a rename where there is one, else an example of what a metric is.
        message: `unknown metric "${metric}"${renamedSummaryPathNote(metric, [...known]) || ' (a run summary path such as satisfaction.end)'}`,
      })),
      'experiment',
    );
}

/**
 * Names of the metrics a run summary offers (dotted paths), for checking
 * experiment files; with `model`, its extensions' run measures too
 * (`extensions.<name>.<measure>`, as each extension declares them). The
 * built-in paths are read from the summary of a one-week run of the built-in
 * model on a tiny world; no extension's code runs on it, so a model whose
 * state asks more of a world than that, or whose parameters have no default,
 * is run only on the experiment's own scenarios.
 */
export function summaryMetricNames(model?: ModelDefinition): string[] {
  const probe = {
    name: 'probe',
    mode: 'co-production',
    weeks: 1,
    world: { communities: [{ name: 'p', households: 10, sites: 2 }] },
  };
  const names: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') names.push(path);
    else if (value !== null && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) walk(member, path === '' ? key : `${path}.${key}`);
  };
  walk(runScenario(parseScenario(probe), { seed: 1 }).summary, '');
  // The model's run measures as comparedMetrics names them: after the headline metrics, each extension's.
  for (const metric of comparedMetrics(model).slice(headlineMetrics.length)) names.push(metric.key);
  return names;
}

export { summaryValue };
