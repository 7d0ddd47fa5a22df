/**
 * A sweep worker thread: builds the sweep's plan once from the experiment it
 * is given, then runs the work units the main thread sends, one at a time,
 * and posts back their rows as CSV text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Experiment, planSweep, rowsToCsv, runUnit, type WorkUnit } from '../experiments/index.js';

interface WorkerInput {
  experiment: Experiment;
  base: Record<string, unknown>;
  source: string;
}

const input = workerData as WorkerInput;
const plan = planSweep(input.experiment, input.base, input.source);

parentPort?.on('message', (unit: WorkUnit) => {
  const rows = runUnit(plan, unit);
  parentPort?.postMessage({ unit, csv: rowsToCsv(rows), runs: rows.length });
});
