/** Core layer: randomness, hashing and statistics. Imports nothing from Node. */
export { canonicalJson, hashHex, hashString53 } from './hash.js';
export { createRandomSource, type RandomSource, type RandomStream } from './random.js';
export {
  averageRanks,
  bootstrapInterval,
  cliffsDelta,
  hedgesG,
  indicesOfLargest,
  type MeanInterval,
  meanConfidenceInterval,
  pairedDifference,
  pearsonCorrelation,
  type ShareInterval,
  sampleMean,
  sampleQuantile,
  sampleStandardDeviation,
  shareDifference,
  spearmanCorrelation,
  studentTCumulative,
  studentTQuantile,
  wilsonInterval,
} from './statistics.js';
