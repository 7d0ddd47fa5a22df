/**
 * A compare worker thread: loads the model module of an extended model (once),
 * then runs each share of paired replicates the main thread sends, one at a
 * time, and posts back its pairs (see compare-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { finishSteps } from '../core/index.js';
import { type CompareTask, type CompareWorkerData, compareShareSteps } from './compare-pool.js';
import { loadWorkerModelModule } from './model-module.js';

const input = workerData as CompareWorkerData;
const model = await loadWorkerModelModule(input.modelFile, input.modelHash, 'the scenarios were compared');

parentPort?.on('message', (task: CompareTask) => {
  parentPort?.postMessage(finishSteps(compareShareSteps(task, model?.definition)));
});
