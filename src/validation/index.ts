/** Validation layer: stylized facts as data, checked on model outputs over paired replicates. */
export {
  type Aggregate,
  aggregates,
  type Check,
  type ComparisonOperator,
  checkSchema,
  type Fact,
  type FactsFile,
  factSchema,
  factsFileSchema,
  type Measure,
  measureSchema,
  type ProbabilityFact,
  type ReplicateFact,
  scenariosOfFacts,
} from './facts.js';
export { type FactRow, factRows, factsMarkdown, factsTable } from './format.js';
export { aggregateSeries, compare, measureValue } from './measures.js';
export {
  type CheckResult,
  FactEvaluator,
  type FactResult,
  type ProbabilityClaimResult,
  type ProbabilityFactResult,
  type ReplicateFactResult,
  runPairedReplicates,
} from './validate.js';
