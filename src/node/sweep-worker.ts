/**
 * A sweep worker thread: builds the sweep's plan once from the experiment it
 * is given, then runs the work units the main thread sends, one at a time,
 * and posts back their rows as CSV text.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { type Experiment, planSweep, rowsToCsv, runUnit, type WorkUnit } from '../experiments/index.js';
import { loadModelModuleWithHash } from './model-module.js';

interface WorkerInput {
  experiment: Experiment;
  base: Record<string, unknown>;
  source: string;
  /** The experiment's model module (absolute path), loaded here too, when it extends the model. */
  modelFile?: string;
}

const input = workerData as WorkerInput;
const model = input.modelFile === undefined ? undefined : await loadModelModuleWithHash(input.modelFile);
const plan = planSweep(
  input.experiment,
  input.base,
  input.source,
  model === undefined ? {} : { model: model.definition, modelHash: model.hash },
);

parentPort?.on('message', (unit: WorkUnit) => {
  const rows = runUnit(plan, unit);
  parentPort?.postMessage({ unit, csv: rowsToCsv(rows), runs: rows.length });
});
