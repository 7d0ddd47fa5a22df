/**
 * A facts worker thread: loads the model module of an extended model (once),
 * then runs and measures each share of replicates the main thread sends, one
 * at a time, and posts back what it measured, and for a report what it kept
 * (see facts-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { finishSteps } from '../core/index.js';
import { type FactsTask, type FactsWorkerData, measureShareSteps } from './facts-pool.js';
import { loadModelModuleWithHash } from './model-module.js';

const input = workerData as FactsWorkerData;
const model = input.modelFile === undefined ? undefined : await loadModelModuleWithHash(input.modelFile);
// A module changed since the main thread read it would give results of another model.
if (model !== undefined && model.hash !== input.modelHash)
  throw new Error(`the model module ${input.modelFile} changed while the facts were evaluated; run it again`);

parentPort?.on('message', (task: FactsTask) => {
  parentPort?.postMessage(finishSteps(measureShareSteps(task, model?.definition)));
});
