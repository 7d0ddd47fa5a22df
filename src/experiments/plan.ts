/**
 * A sweep's plan: every point of the design under every variant, validated as
 * scenarios before anything runs, and the work cut into units — a point and a
 * block of consecutive replicates. A unit's rows depend only on its point and
 * replicates (each run's seed comes from its own scenario and replicate), so
 * results are the same bytes whatever the order, the number of workers, the
 * shards or the interruptions.
 */
import { canonicalJson, csvLine, hashHex, meanConfidenceInterval } from '../core/index.js';
import { parseScenario, type Scenario } from '../scenario/index.js';
import { runScenario, runSeed, summaryValue } from '../simulation/index.js';
import { type DesignPoints, designPoints, type Point } from './designs.js';
import type { Experiment } from './experiment.js';
import { setAtPath } from './paths.js';

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

/** Builds and validates every scenario of an experiment; `baseInput` is the base scenario as written. */
export function planSweep(experiment: Experiment, baseInput: Record<string, unknown>, source: string): SweepPlan {
  const design = designPoints(experiment.design);
  const factors = experiment.design.factors.map((factor) => factor.path);
  const scenarios = design.points.map((point, index) =>
    experiment.variants.map((variant) => {
      let input = baseInput;
      for (const [path, value] of Object.entries(point)) input = setAtPath(input, path, value);
      for (const [path, value] of Object.entries(variant.set)) input = setAtPath(input, path, value);
      return parseScenario(input, `${source} (point ${index}, variant ${variant.label})`);
    }),
  );
  const blockReplicates = experiment.precision?.batchReplicates ?? Math.min(experiment.replicates, 10);
  return {
    experiment,
    hash: hashHex(canonicalJson({ experiment: { ...experiment, $schema: undefined }, base: baseInput })),
    design,
    factors,
    scenarios,
    blockReplicates,
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
      const { summary } = runScenario(scenario, { seed });
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

/** Names of the metrics a run summary offers (dotted paths), for checking experiment files. */
export function summaryMetricNames(): string[] {
  const scenario = parseScenario({
    name: 'probe',
    mode: 'co-production',
    weeks: 1,
    world: { communities: [{ name: 'p', households: 10, sites: 2 }] },
  });
  const names: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') names.push(path);
    else if (value !== null && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) walk(member, path === '' ? key : `${path}.${key}`);
  };
  walk(runScenario(scenario, { seed: 1 }).summary, '');
  return names;
}

export { summaryValue };
