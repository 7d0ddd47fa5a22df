/**
 * A sweep worker thread: builds the sweep's plan once from the experiment it
 * is given, then runs the work units the main thread sends, one at a time,
 * and posts back their rows as CSV text.
 */

import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { hashHex } from '../core/index.js';
import { type Experiment, planSweep, rowsToCsv, runUnit, type WorkUnit } from '../experiments/index.js';
import { loadModelModule } from './model-module.js';

interface WorkerInput {
  experiment: Experiment;
  base: Record<string, unknown>;
  source: string;
  /** The experiment's model module (absolute path), loaded here too, when it extends the model. */
  modelFile?: string;
}

const input = workerData as WorkerInput;
const plan =
  input.modelFile === undefined
    ? planSweep(input.experiment, input.base, input.source)
    : planSweep(input.experiment, input.base, input.source, {
        model: await loadModelModule(input.modelFile),
        modelHash: hashHex(await readFile(input.modelFile, 'utf8')),
      });

parentPort?.on('message', (unit: WorkUnit) => {
  const rows = runUnit(plan, unit);
  parentPort?.postMessage({ unit, csv: rowsToCsv(rows), runs: rows.length });
});
