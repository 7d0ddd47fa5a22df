/** Core layer: randomness, hashing and statistics. Imports nothing from Node. */
export { canonicalJson, hashHex, hashString53 } from './hash.js';
export { createRandomSource, type RandomSource, type RandomStream } from './random.js';
export {
  averageRanks,
  indicesOfLargest,
  type MeanInterval,
  meanConfidenceInterval,
  pairedDifference,
  pearsonCorrelation,
  sampleMean,
  sampleQuantile,
  sampleStandardDeviation,
  spearmanCorrelation,
  studentTCumulative,
  studentTQuantile,
} from './statistics.js';
