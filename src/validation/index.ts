/**
 * Validation: stylized facts as data, checked on model outputs over paired replicates; falsification and robustness across the assumptions.
 *
 * @module validation
 */
export {
  type Aggregate,
  aggregates,
  type Check,
  type ComparisonOperator,
  checkSchema,
  type Fact,
  type FactsFile,
  type FailsWhen,
  factSchema,
  factsFileSchema,
  factsJsonSchema,
  factsProblems,
  failsWhenSchema,
  type HeadlineContrast,
  headlineContrastSchema,
  type IfUndefined,
  ifUndefinedChoices,
  type Measure,
  type MilestoneWeek,
  measureSchema,
  milestoneWeekSchema,
  type ProbabilityFact,
  type ReplicateFact,
  scenariosOfFacts,
  type WindowAnchor,
  type WindowEnd,
  windowAnchors,
  windowEndSchema,
} from './facts.js';
export {
  evaluateFactsWithOverrides,
  evaluateFalsification,
  type FalsificationResult,
  scenariosWithOverrides,
} from './falsification.js';
export { type FactRow, factRows, factsMarkdown, factsSummaryLine, factsTable } from './format.js';
export { aggregateSeries, compare, measureValue, windowWeek } from './measures.js';
export {
  type Breaker,
  breakersOf,
  type ContrastRobustness,
  type Draw,
  type DrawFactOutcome,
  type DrawOutcome,
  drawFactOutcome,
  evaluateDraw,
  type FactRobustness,
  type RobustnessParameter,
  type RobustnessRun,
  type RobustnessSummary,
  robustnessDraws,
  robustnessParameters,
  summariseContrasts,
  summariseRobustness,
} from './robustness.js';
export {
  type Applicability,
  type CheckResult,
  type EventResult,
  evaluateFacts,
  FactEvaluator,
  type FactResult,
  type FactStatus,
  type FactsEvaluation,
  type ProbabilityClaimResult,
  type ProbabilityFactResult,
  type ReplicateFactResult,
  runPairedReplicates,
} from './validate.js';
