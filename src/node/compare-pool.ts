/**
 * Comparing two scenarios on worker threads: the paired replicates are cut
 * into shares, each share's pairs run by a worker (`compareReplicateSteps`,
 * or `compareRolloutReplicateSteps` for streets, each run followed community
 * by community) and the pairs put back in replicate order here, so that the
 * comparison (`comparisonOfReplicates`, `rolloutComparisonOfReplicates`) is
 * the same, byte for byte, as `compareScenarios` and `compareRollouts` give
 * in one thread, whatever the number of workers.
 */
import { finishStepsPausing, type Steps } from '../core/index.js';
import { parseExtendedScenario, type Scenario, type ScenarioInput } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import {
  type ComparedReplicate,
  type ComparedRolloutReplicate,
  type ComparedScenarios,
  type CompareOptions,
  type Comparison,
  checkComparedMetrics,
  comparedScenarios,
  compareReplicateSteps,
  compareRolloutReplicateSteps,
  comparisonOfReplicates,
  type ModelDefinition,
  type RolloutComparison,
  rolloutComparisonOfReplicates,
} from '../simulation/index.js';
import { isTypeScriptFile } from './model-module.js';
import { replicateShares, runInLanes, WorkerPool, workerCount } from './worker-pool.js';

/** One share of a comparison for a worker: the two parsed scenarios, which replicates, and how each runs. */
export interface CompareTask {
  a: Scenario;
  b: Scenario;
  first: number;
  count: number;
  weeks?: number;
  /** Whether each run is followed community by community (a comparison of streets). */
  rollout: boolean;
}

/** What a compare worker starts with: the model module of an extended model, which it loads itself. */
export interface CompareWorkerData {
  modelFile?: string;
  modelHash?: string;
}

/**
 * Runs one share where it is (a worker thread, or this one). A scenario that crossed to a worker thread is a copy,
 * which is parsed again there (the same scenario); the seeds come from it as from the original.
 */
export function* compareShareSteps(
  task: CompareTask,
  model?: ModelDefinition,
): Steps<Array<ComparedReplicate | ComparedRolloutReplicate>> {
  const extensions = model?.extensions ?? [];
  const a = parseExtendedScenario(task.a as ScenarioInput, extensions);
  const b = parseExtendedScenario(task.b as ScenarioInput, extensions);
  const options = { ...(task.weeks === undefined ? {} : { weeks: task.weeks }), ...(model === undefined ? {} : { model }) };
  const pairs: Array<ComparedReplicate | ComparedRolloutReplicate> = [];
  for (let replicate = task.first; replicate < task.first + task.count; replicate++)
    pairs.push(
      yield* task.rollout
        ? compareRolloutReplicateSteps(a, b, replicate, options)
        : compareReplicateSteps(a, b, replicate, options),
    );
  return pairs;
}

/**
 * A pool of worker threads comparing scenarios on common seeds; close it when done. The options are those of
 * `compareScenarios` but `observer`, which a worker thread cannot call.
 * @example
 * const pool = new ComparePool(8);
 * try {
 *   const comparison = await pool.compare(a, b, { replicates: 1000 });
 *   const streets = await pool.compareRollouts(streetA, streetB, { replicates: 200 });
 * } finally {
 *   await pool.close();
 * }
 */
export class ComparePool {
  private pool: WorkerPool<CompareTask, Array<ComparedReplicate | ComparedRolloutReplicate>> | undefined;
  /** The workers the pool was started with: a comparison needing more starts it afresh. */
  private size = 0;

  /**
   * @param workers worker threads asked for (default every core; at most the cores; 1 runs the shares in this thread)
   * @param model the extended model, its definition and the module it came from (absolute path and text hash)
   * @throws ScenarioError naming `workers` when it is neither undefined nor a whole number from 1
   */
  constructor(
    readonly workers: number | undefined,
    private readonly model?: { definition: ModelDefinition; file: string; hash: string },
  ) {
    checkArgumentWith('compare pool', (check) => check.wholeNumber(workers, 'workers', 1, true), 'worker threads');
  }

  /**
   * {@link compareScenarios} on the workers: the same comparison, byte for byte.
   * @throws ScenarioError as `compareScenarios` does (and for an `observer`, which workers cannot call)
   */
  async compare(
    givenA: Scenario | ScenarioInput,
    givenB: Scenario | ScenarioInput,
    options: Omit<CompareOptions, 'observer'> = {},
  ): Promise<Comparison> {
    const { compared, pairs } = await this.comparedPairs(givenA, givenB, options, false);
    return comparisonOfReplicates(compared.a, compared.b, pairs, compared.metrics);
  }

  /**
   * `compareRollouts` on the workers: the same comparison of streets, byte for byte.
   * @throws ScenarioError as `compareScenarios` does (and for an `observer`, which workers cannot call)
   */
  async compareRollouts(
    givenA: Scenario | ScenarioInput,
    givenB: Scenario | ScenarioInput,
    options: Omit<CompareOptions, 'observer'> = {},
  ): Promise<RolloutComparison> {
    const { compared, pairs } = await this.comparedPairs(givenA, givenB, options, true);
    return rolloutComparisonOfReplicates(compared.a, compared.b, pairs as ComparedRolloutReplicate[], compared.metrics);
  }

  /** The scenarios compared, their options checked, and their pairs run on the workers (followed, for streets). */
  private async comparedPairs(
    givenA: Scenario | ScenarioInput,
    givenB: Scenario | ScenarioInput,
    options: Omit<CompareOptions, 'observer'>,
    rollout: boolean,
  ) {
    const compared = comparedScenarios(givenA, givenB, this.checked(options));
    return { compared, pairs: await this.pairs(compared, rollout, options) };
  }

  /** The options with the pool's model, an observer refused and a model given apart from the pool's refused. */
  private checked(options: Omit<CompareOptions, 'observer'>): CompareOptions {
    // Options that are no object are refused by the comparison's own check, in its words.
    if (options === null || typeof options !== 'object') return options;
    checkArgumentWith(
      'compare options',
      (check) => {
        if ((options as CompareOptions).observer !== undefined)
          check.add('observer', 'is not taken on worker threads, which cannot call it: use compareScenarios in this thread');
        if (options.model !== undefined && options.model !== this.model?.definition)
          check.add('model', "is the pool's: give the model module to the ComparePool, which its workers load");
      },
      'compare options',
    );
    return this.model === undefined ? options : { ...options, model: this.model.definition };
  }

  /**
   * The pairs of the comparison's replicates in replicate order, run in shares on the workers. A metric naming no
   * number of a summary is told once the first share is back: no share is started after that.
   */
  private async pairs(
    { a, b, replicates, metrics }: ComparedScenarios,
    rollout: boolean,
    options: Omit<CompareOptions, 'observer'>,
  ): Promise<Array<ComparedReplicate | ComparedRolloutReplicate>> {
    const workers = workerCount(this.workers);
    const tasks: CompareTask[] = replicateShares(replicates, workers).map((share) => ({
      a,
      b,
      ...share,
      ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
      rollout,
    }));
    const lanes = Math.min(tasks.length, workers);
    const pool = await this.started(lanes);
    const shares: Array<Array<ComparedReplicate | ComparedRolloutReplicate>> = [];
    let done = 0;
    try {
      await runInLanes(tasks.length, lanes, async (index) => {
        const task = tasks[index] as CompareTask;
        const share = await pool.run(task);
        if (index === 0) checkComparedMetrics(metrics, share[0]?.a);
        shares[index] = share;
        done += task.count;
        options.onProgress?.(done, replicates);
      });
    } catch (error) {
      // A worker whose share failed is gone: the pool starts afresh for the next comparison.
      await this.close();
      throw error;
    }
    return shares.flat();
  }

  /** The pool, started with `size` workers, or more if an earlier comparison started it larger. */
  private async started(size: number) {
    if (this.pool !== undefined && this.size < size) await this.close();
    if (this.pool === undefined) this.size = size;
    const { model } = this;
    this.pool ??= new WorkerPool<CompareTask, Array<ComparedReplicate | ComparedRolloutReplicate>>({
      module: 'compare-worker',
      ...(model !== undefined && isTypeScriptFile(model.file) ? { typeScriptModule: model.file } : {}),
      workerData: (model === undefined ? {} : { modelFile: model.file, modelHash: model.hash }) satisfies CompareWorkerData,
      size,
      // Without workers the shares run in this thread, pausing now and then so that Ctrl-C is answered within one.
      runHere: (task) => finishStepsPausing(compareShareSteps(task, model?.definition)),
    });
    return this.pool;
  }

  /** Stops the workers (a comparison after this starts new ones). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
