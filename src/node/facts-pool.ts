/**
 * Evaluating a case's facts, and reproducing it, on worker threads: the
 * replicates are cut into shares, each share run and measured by a worker
 * (`measureReplicatesSteps`, keeping what a report needs when it is for one),
 * and the shares recorded here in replicate order (`factsEvaluationOfShares`,
 * `reproductionOfShares`) — the same results and seeds as one thread gives,
 * byte for byte, whatever the number of workers. One pool serves every
 * evaluation of a command (`govsim validate --falsify` evaluates the case
 * once and once per fact's alternative), so workers start once.
 */
import { finishStepsPausing } from '../core/index.js';
import type { ChartedRuns, ReproducedReplicate } from '../report/replicates.js';
import { keepForReproduction } from '../report/replicates.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import type { ModelDefinition } from '../simulation/index.js';
import {
  type FactsEvaluation,
  type FactsFile,
  factsEvaluationOfShares,
  type MeasuredReplicates,
  measureReplicatesSteps,
} from '../validation/index.js';
import { checkFactsFile, type GivenScenarios } from '../validation/validate.js';
import { isTypeScriptFile } from './model-module.js';
import { replicateShares, runInLanes, WorkerPool, workerCount } from './worker-pool.js';

/**
 * One share of replicates for a worker: the facts, the scenarios they run, which replicates, and, for a report,
 * what its charts draw (every scenario is then run, and what the report needs kept).
 */
export interface FactsTask {
  facts: FactsFile;
  scenarios: GivenScenarios;
  first: number;
  count: number;
  reproduce?: ChartedRuns;
}

/** A share as a worker sends it back: measured, and for a report what it keeps. */
export type FactsShare = MeasuredReplicates<ReproducedReplicate>;

/** What a facts worker starts with: the model module of an extended model, which it loads itself. */
export interface FactsWorkerData {
  /** The model module (absolute path) and the hash of its text the main thread loaded, when it extends the model. */
  modelFile?: string;
  modelHash?: string;
}

/** Runs one share where it is (a worker thread, or this one), to completion. */
export function measureShareSteps({ facts, scenarios, first, count, reproduce }: FactsTask, model?: ModelDefinition) {
  return measureReplicatesSteps<ReproducedReplicate>(facts, scenarios, first, count, {
    ...(model === undefined ? {} : { model }),
    ...(reproduce === undefined ? {} : { everyScenario: true, keep: keepForReproduction(reproduce) }),
  });
}

/**
 * A pool of worker threads evaluating facts and reproducing cases; close it when done.
 * @example
 * const folder = await loadCaseFolder('z-street');
 * const pool = new FactsPool(8);
 * try {
 *   const { results } = await pool.evaluate(folder.facts, folder.scenarios, 1000);
 *   const reproduction = await reproduceCase(folder.facts, folder.scenarios, {
 *     replicates: 200,
 *     runShares: (scenarios, charted) => pool.shares(folder.facts, scenarios, 200, undefined, charted),
 *   });
 * } finally {
 *   await pool.close();
 * }
 */
export class FactsPool {
  /** Started by the first evaluation, with no more workers than it has shares. */
  private pool: WorkerPool<FactsTask, FactsShare> | undefined;
  /** The workers the pool was started with: an evaluation needing more starts it afresh. */
  private size = 0;

  /**
   * @param workers worker threads asked for (default every core; at most the cores; 1 runs the shares in this thread)
   * @param model the extended model, its definition and the module it came from (absolute path and text hash)
   */
  /** @throws ScenarioError naming `workers` when it is neither undefined nor a whole number from 1 */
  constructor(
    readonly workers: number | undefined,
    private readonly model?: { definition: ModelDefinition; file: string; hash: string },
  ) {
    checkArgumentWith('facts pool', (check) => check.wholeNumber(workers, 'workers', 1, true), 'worker threads');
  }

  /** The pool, started with `size` workers, or more if an earlier evaluation started it larger. */
  private async started(size: number): Promise<WorkerPool<FactsTask, FactsShare>> {
    if (this.pool !== undefined && this.size < size) await this.close();
    if (this.pool === undefined) this.size = size;
    const { model } = this;
    this.pool ??= new WorkerPool<FactsTask, FactsShare>({
      module: 'facts-worker',
      ...(model !== undefined && isTypeScriptFile(model.file) ? { typeScriptModule: model.file } : {}),
      workerData: (model === undefined ? {} : { modelFile: model.file, modelHash: model.hash }) satisfies FactsWorkerData,
      size,
      // Without workers the shares run in this thread, pausing now and then so that Ctrl-C is answered within one.
      runHere: (task) => finishStepsPausing(measureShareSteps(task, model?.definition)),
    });
    return this.pool;
  }

  /**
   * Evaluates `facts` on `replicates` paired replicates of `scenarios`, as `evaluateFactsSteps` does; `onProgress` is
   * told the replicates done as each share finishes.
   */
  async evaluate(
    facts: FactsFile,
    scenarios: GivenScenarios,
    replicates: number,
    onProgress?: (done: number, total: number) => void,
  ): Promise<FactsEvaluation> {
    return factsEvaluationOfShares(facts, await this.shares(facts, scenarios, replicates, onProgress), replicates);
  }

  /**
   * Runs and measures `replicates` paired replicates of `scenarios` for `facts` in shares, on the workers; with
   * `reproduce` (what a report's charts draw), every scenario, keeping what the report needs (`runShares` of
   * `reproduceCase`). `onProgress` is told the replicates done as each share finishes. The shares come in the order
   * they finish.
   */
  async shares(
    givenFacts: FactsFile,
    scenarios: GivenScenarios,
    replicates: number,
    onProgress?: (done: number, total: number) => void,
    reproduce?: ChartedRuns,
  ): Promise<FactsShare[]> {
    // Parsed: a facts file as written has its defaults filled, as loadCaseFolder reads it.
    const facts = checkFactsFile(givenFacts);
    checkArgumentWith(
      'facts evaluation',
      (check) => {
        check.map(scenarios, 'scenarios', 'a Map of scenarios by key');
        check.wholeNumber(replicates, 'replicates', 1);
        if (onProgress !== undefined) check.callback(onProgress, 'onProgress');
      },
      'arguments',
    );
    const workers = workerCount(this.workers);
    // A share of at most 10 replicates is told as it finishes: every second or so on a Y case (a replicate of the Z
    // Street case runs its seven scenarios in about 40 ms); each share costs its worker parsing the scenarios again.
    const tasks: FactsTask[] = replicateShares(replicates, workers).map((share) => ({
      facts,
      scenarios,
      ...share,
      ...(reproduce === undefined ? {} : { reproduce }),
    }));
    const lanes = Math.min(tasks.length, workers);
    const pool = await this.started(lanes);
    // One share at a time per worker (in this thread, one at a time): once one fails, the others take no more, and the
    // failure reported is that of the first replicate to fail, whatever the number of workers.
    const shares: FactsShare[] = [];
    let done = 0;
    try {
      await runInLanes(tasks.length, lanes, async (index) => {
        const task = tasks[index] as FactsTask;
        shares.push(await pool.run(task));
        done += task.count;
        onProgress?.(done, replicates);
      });
    } catch (error) {
      // A worker whose share failed is gone: the pool starts afresh for the next evaluation.
      await this.close();
      throw error;
    }
    return shares;
  }

  /** Stops the workers (an evaluation after this starts new ones). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
