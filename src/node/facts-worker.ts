/**
 * A facts worker thread: loads the model module of an extended model (once),
 * then runs and measures each share of replicates the main thread sends, one
 * at a time, and posts back what it measured, and for a report what it kept
 * (see facts-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { finishSteps } from '../core/index.js';
import { type FactsTask, type FactsWorkerData, measureShareSteps } from './facts-pool.js';
import { loadWorkerModelModule } from './model-module.js';

const input = workerData as FactsWorkerData;
const model = await loadWorkerModelModule(input.modelFile, input.modelHash, 'the facts were evaluated');

parentPort?.on('message', (task: FactsTask) => {
  parentPort?.postMessage(finishSteps(measureShareSteps(task, model?.definition)));
});
