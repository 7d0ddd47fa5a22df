/**
 * A sweep's plan: every point of the design under every variant, validated as
 * scenarios before anything runs, and the work cut into units — a point and a
 * block of consecutive replicates. A unit's rows depend only on its point and
 * replicates (each run's seed comes from its own scenario and replicate), so
 * results are the same bytes whatever the order, the number of workers, the
 * shards or the interruptions.
 */
import { canonicalJson, csvLine, hashHex, meanConfidenceInterval } from '../core/index.js';
import { parseExtendedScenario, parseScenario, type Scenario, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { estimatedRunCost, type ModelDefinition, runScenario, runSeed, summaryValue } from '../simulation/index.js';
import { type DesignPoints, designPointCount, designPoints, type Point } from './designs.js';
import type { Experiment } from './experiment.js';
import { pathSegments, setAtPath } from './paths.js';

export interface SweepPlan {
  experiment: Experiment;
  /** Hash of the experiment and its base scenario content: identifies the sweep. */
  hash: string;
  design: DesignPoints;
  factors: string[];
  /** Parsed scenarios, by point then variant. */
  scenarios: Scenario[][];
  /** Replicates per work unit. */
  blockReplicates: number;
  /** What the sweep is expected to cost. */
  estimate: SweepEstimate;
  /** The model definition every run uses, when the experiment extends the model. */
  model?: ModelDefinition;
}

export interface WorkUnit {
  point: number;
  block: number;
}

/** Sorts units by point, then block: the order of rows in the final output. */
export function compareUnits(left: WorkUnit, right: WorkUnit): number {
  return left.point - right.point || left.block - right.block;
}

export function unitName(unit: WorkUnit): string {
  return `p${String(unit.point).padStart(6, '0')}-b${String(unit.block).padStart(4, '0')}`;
}

/**
 * Limits on what a sweep may plan. `scenarios` (points × variants) is a hard
 * limit: every planned scenario is held in memory. The budget is what a sweep
 * may cost without `--force`: a run count and CPU time past it are far more
 * than a laptop should start by accident, and usually a typo (replicates 1e6).
 */
export const sweepLimits = {
  /** Points × variants held in memory while planning; past it, split the experiment. */
  scenarios: 1_000_000,
  /** Without force: points × variants. */
  budgetScenarios: 200_000,
  /** Without force: estimated CPU hours over all runs (all cores together). */
  budgetCpuHours: 24,
  /** Without force: estimated memory of one run, in bytes (each worker holds one). */
  budgetRunBytes: 4 * 1024 ** 3,
} as const;

/** What a sweep is expected to cost, computed before any run. */
export interface SweepEstimate {
  points: number;
  /** Points × variants. */
  scenarios: number;
  /** Runs at most (in precision mode, every point at its maximum replicates). */
  runs: number;
  /** Estimated CPU seconds of all runs. */
  cpuSeconds: number;
  /** Estimated peak memory of the largest run, in bytes. */
  largestRunBytes: number;
}

export interface PlanOptions {
  /** Refuse a sweep whose estimate passes the budget of {@link sweepLimits} (the CLI's default; `--force` turns it off). */
  enforceBudget?: boolean;
  /** The model definition of the experiment's `model` module, already loaded. */
  model?: ModelDefinition;
  /** A hash of the model module's text: part of the sweep's hash, so a changed module is another sweep. */
  modelHash?: string;
}

function formatHours(seconds: number): string {
  return seconds < 3600 ? `${Math.ceil(seconds / 60)} CPU minutes` : `${(seconds / 3600).toPrecision(3)} CPU hours`;
}

/**
 * Checks that every list index in a factor's or a variant's path names an
 * element the base scenario has: an index past the end would add an element
 * that only half exists (or, at 1e9, exhaust memory) instead of varying one.
 */
function checkPathIndices(experiment: Experiment, baseInput: Record<string, unknown>, source: string): void {
  const problems: ScenarioProblem[] = [];
  const check = (path: string, where: string) => {
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
          message: `"${path}" indexes ${walked}, which the base scenario does not write out; write the list in the base to vary one of its elements`,
        });
        return;
      }
      if (segment >= node.length) {
        problems.push({
          path: where,
          message: `"${path}": index ${segment} is past the end of ${walked} (${node.length} element${node.length === 1 ? '' : 's'} in the base scenario)`,
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
 * Builds and validates every scenario of an experiment; `baseInput` is the
 * base scenario as written. Sizes are checked before any point is made: past
 * {@link sweepLimits}.scenarios the plan is refused, and with `enforceBudget`
 * so is a plan whose estimated cost passes the budget.
 * @throws ScenarioError naming the field, with the estimate and the limit
 * @example
 * const experiment = experimentSchema.parse(JSON.parse(text));
 * const plan = planSweep(experiment, baseScenario, 'my-experiment.json', { enforceBudget: true });
 * plan.estimate.runs;
 */
export function planSweep(
  experiment: Experiment,
  baseInput: Record<string, unknown>,
  source: string,
  options: PlanOptions = {},
): SweepPlan {
  checkPathIndices(experiment, baseInput, source);
  const pointCount = designPointCount(experiment.design);
  const variantCount = experiment.variants.length;
  const scenarioCount = pointCount * variantCount;
  const refuse = (path: string, message: string): never => {
    throw new ScenarioError(source, [{ path, message }], 'experiment');
  };
  if (scenarioCount > sweepLimits.scenarios || (options.enforceBudget && scenarioCount > sweepLimits.budgetScenarios)) {
    const limit = scenarioCount > sweepLimits.scenarios ? sweepLimits.scenarios : sweepLimits.budgetScenarios;
    refuse(
      'design',
      `${pointCount.toLocaleString('en')} points × ${variantCount} variants = ${scenarioCount.toLocaleString('en')} scenarios to plan, more than ${limit.toLocaleString('en')}${limit === sweepLimits.scenarios ? ' (each is held in memory); split the experiment into smaller ones' : '; pass --force to plan it anyway'}`,
    );
  }
  const design = designPoints(experiment.design);
  const factors = experiment.design.factors.map((factor) => factor.path);
  const scenarios = design.points.map((point, index) =>
    experiment.variants.map((variant) => {
      let input = baseInput;
      for (const [path, value] of Object.entries(point)) input = setAtPath(input, path, value);
      for (const [path, value] of Object.entries(variant.set)) input = setAtPath(input, path, value);
      return parseExtendedScenario(
        input,
        options.model?.extensions ?? [],
        `${source} (point ${index}, variant ${variant.label})`,
      );
    }),
  );
  const replicatesPerScenario = experiment.precision?.maxReplicates ?? experiment.replicates;
  let cpuSeconds = 0;
  let largestRunBytes = 0;
  for (const row of scenarios)
    for (const scenario of row) {
      const cost = estimatedRunCost(scenario);
      cpuSeconds += cost.seconds * replicatesPerScenario;
      largestRunBytes = Math.max(largestRunBytes, cost.bytes);
    }
  const estimate: SweepEstimate = {
    points: pointCount,
    scenarios: scenarioCount,
    runs: scenarioCount * replicatesPerScenario,
    cpuSeconds,
    largestRunBytes,
  };
  if (options.enforceBudget && cpuSeconds > sweepLimits.budgetCpuHours * 3600)
    refuse(
      experiment.precision ? 'precision.maxReplicates' : 'replicates',
      `${estimate.runs.toLocaleString('en')} runs, estimated at ${formatHours(cpuSeconds)}, more than the budget of ${sweepLimits.budgetCpuHours} CPU hours; pass --force to run it anyway (or shard it over a cluster)`,
    );
  if (options.enforceBudget && largestRunBytes > sweepLimits.budgetRunBytes)
    refuse(
      'base.world',
      `one run is estimated to need ${(largestRunBytes / 1024 ** 3).toPrecision(3)} GiB of memory, more than the budget of ${sweepLimits.budgetRunBytes / 1024 ** 3} GiB per worker; pass --force to run it anyway`,
    );
  const blockReplicates = experiment.precision?.batchReplicates ?? Math.min(experiment.replicates, 10);
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
    blockReplicates,
    estimate,
    ...(options.model === undefined ? {} : { model: options.model }),
  };
}

/** The units a sweep starts with: each point's blocks up to `replicates`. */
export function initialUnits(plan: SweepPlan): WorkUnit[] {
  const blocks = Math.ceil(plan.experiment.replicates / plan.blockReplicates);
  return plan.scenarios.flatMap((_, point) => Array.from({ length: blocks }, (__, block) => ({ point, block })));
}

/** Replicates of a unit: [first, end). */
export function unitReplicates(plan: SweepPlan, unit: WorkUnit): { first: number; end: number } {
  const first = unit.block * plan.blockReplicates;
  const limit = plan.experiment.precision ? plan.experiment.precision.maxReplicates : plan.experiment.replicates;
  return { first, end: Math.min(limit, first + plan.blockReplicates) };
}

/** Column names of the runs table. */
export function runColumns(plan: SweepPlan): string[] {
  return ['point', ...plan.factors, 'variant', 'replicate', 'seed', ...plan.experiment.metrics];
}

/** One run of a unit: its row of values, in `runColumns` order. */
export type RunRow = Array<number | string | boolean>;

/** Runs every variant and replicate of a unit; rows in variant-major, replicate order. */
export function runUnit(plan: SweepPlan, unit: WorkUnit): RunRow[] {
  const { first, end } = unitReplicates(plan, unit);
  const point = plan.design.points[unit.point] as Point;
  const rows: RunRow[] = [];
  plan.experiment.variants.forEach((variant, variantIndex) => {
    const scenario = (plan.scenarios[unit.point] as Scenario[])[variantIndex] as Scenario;
    for (let replicate = first; replicate < end; replicate++) {
      const seed = runSeed(scenario, replicate);
      const { summary } = runScenario(scenario, plan.model === undefined ? { seed } : { seed, model: plan.model });
      rows.push([
        unit.point,
        ...plan.factors.map((factor) => point[factor] as number | string | boolean),
        variant.label,
        replicate,
        seed,
        ...plan.experiment.metrics.map((metric) => summaryValue(summary, metric)),
      ]);
    }
  });
  return rows;
}

/** Rows as CSV lines (no header), each ending in a newline. */
export function rowsToCsv(rows: readonly RunRow[]): string {
  return rows.map(csvLine).join('');
}

/**
 * Precision mode: whether a point needs another block, given the metric
 * values of its replicates so far (per variant): yes while any metric's 95%
 * interval half-width exceeds the target and the maximum is not reached.
 */
export function needsMoreReplicates(
  plan: SweepPlan,
  valuesByMetric: ReadonlyArray<readonly number[]>,
  replicatesSoFar: number,
): boolean {
  const precision = plan.experiment.precision;
  if (precision === undefined || replicatesSoFar >= precision.maxReplicates) return false;
  return valuesByMetric.some((values) => {
    const interval = meanConfidenceInterval(values.filter((value) => Number.isFinite(value)));
    const halfWidth = (interval.high - interval.low) / 2;
    return !(halfWidth <= precision.halfWidth);
  });
}

/**
 * Names of the metrics a run summary offers (dotted paths), for checking
 * experiment files; with `model`, its extensions' run measures too
 * (`extensions.<name>.<measure>`).
 */
export function summaryMetricNames(model?: ModelDefinition): string[] {
  const probe = {
    name: 'probe',
    mode: 'co-production',
    weeks: 1,
    world: { communities: [{ name: 'p', households: 10, sites: 2 }] },
  };
  const scenario = model === undefined ? parseScenario(probe) : parseExtendedScenario(probe, model.extensions);
  const names: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') names.push(path);
    else if (value !== null && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) walk(member, path === '' ? key : `${path}.${key}`);
  };
  walk(runScenario(scenario, model === undefined ? { seed: 1 } : { seed: 1, model }).summary, '');
  return names;
}

export { summaryValue };
