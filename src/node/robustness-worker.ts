/**
 * A robustness worker thread: receives the facts file and the case's
 * scenarios as written once, then evaluates the draws the main thread sends,
 * one at a time, and posts back each draw's outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Draw, evaluateDraw, type FactsFile } from '../validation/index.js';

interface WorkerInput {
  facts: FactsFile;
  inputs: Map<string, unknown>;
  replicates: number;
}

const input = workerData as WorkerInput;

parentPort?.on('message', (draw: Draw) => {
  parentPort?.postMessage(evaluateDraw(input.facts, input.inputs, draw, input.replicates));
});
