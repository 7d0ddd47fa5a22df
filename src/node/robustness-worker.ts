/**
 * A robustness worker thread: receives the facts file and the case's
 * scenarios as written once (and the model module of an extended model, which
 * it loads itself), then evaluates the draws the main thread sends, one at a
 * time, and posts back each draw's outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { finishSteps } from '../core/index.js';
import { namingRun } from '../simulation/index.js';
import { evaluateDrawSteps, type FactsFile } from '../validation/index.js';
import { loadWorkerModelModule } from './model-module.js';
import type { RobustnessTask } from './robustness.js';

interface WorkerInput {
  facts: FactsFile;
  inputs: Map<string, unknown>;
  replicates: number;
  /** The model module (absolute path) and the hash of its text the main thread loaded, when it extends the model. */
  modelFile?: string;
  modelHash?: string;
}

const input = workerData as WorkerInput;
const model = await loadWorkerModelModule(input.modelFile, input.modelHash, 'the robustness analysis ran');

parentPort?.on('message', ({ draw, name }: RobustnessTask) => {
  const steps = evaluateDrawSteps(input.facts, input.inputs, draw, input.replicates, model?.definition);
  parentPort?.postMessage(finishSteps(namingRun(steps, () => name)));
});
