/**
 * Core: the seeded random source and its named streams, the Sobol' low-discrepancy sequence, hashing, statistics (and
 * the extremes of many numbers), CSV, whole numbers as text and checks of JSON text. Imports nothing from Node.
 *
 * @module core
 */
export { type CsvValue, csvCell, csvLine, csvReadOptions, csvTable, decimalCell, parseCsv } from './csv.js';
export { largestOf, smallestOf } from './extremes.js';
export { canonicalJson, hashHex, hashString53 } from './hash.js';
export { jsonErrorOffset, jsonSyntaxMessage, lineAndColumn } from './json-error-position.js';
export { droppedJsonKey, isRecord, jsonDuplicateKey, jsonPrototypeKey, prototypeKeyPath } from './json-keys.js';
export { cpuTimeText, percent, plural, wholeNumberText } from './number-text.js';
export {
  createRandomSource,
  type GeneratorState,
  type RandomSource,
  type RandomSourceSnapshot,
  type RandomStream,
  restoreRandomSource,
} from './random.js';
export { sobolDigitalShift, sobolDimensionLimit, sobolDirectionIntegers, sobolPoints } from './sobol-sequence.js';
export {
  averageRanks,
  bootstrapInterval,
  cliffsDelta,
  hedgesG,
  holmAdjusted,
  indicesOfLargest,
  largestChanceCorrelation,
  logDistinctOrders,
  type MeanInterval,
  meanConfidenceInterval,
  type PairedOutcomes,
  pairedDifference,
  pairedShareDifference,
  pearsonCorrelation,
  permutationChanceCorrelation,
  type ShareInterval,
  sampleMean,
  sampleQuantile,
  sampleStandardDeviation,
  shareDifference,
  spearmanCorrelation,
  studentTCumulative,
  studentTQuantile,
  tTestPValue,
  wilsonInterval,
} from './statistics.js';
export { finishSteps, finishStepsPausing, type PauseOptions, type Steps } from './steps.js';
export { textTableLines } from './text-table.js';
