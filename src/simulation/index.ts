/**
 * Running, comparing and extending: `runScenario`, `compareScenarios`, the model object for stepping and snapshots (`createModel`, `restoreModel`), model extensions (`defineExtension`, `defineModel`), seeds, and text output.
 *
 * @module running
 */
export {
  type CityAggregation,
  type CityAggregations,
  type CityRunOptions,
  type CityRunSummary,
  type CityStreetResult,
  CitySummaryAggregate,
  cityAggregations,
  runCity,
  runCityStreet,
  runCityStreetSteps,
  type StreetWeight,
  summariseCityRun,
  summariseCityRunSteps,
} from './city.js';
export {
  type ComparedReplicate,
  type ComparedScenarios,
  type CompareOptions,
  type Comparison,
  checkComparedMetrics,
  comparedScenarios,
  compareReplicateSteps,
  compareScenarios,
  compareScenariosSteps,
  comparisonOfReplicates,
  holmAcrossMetrics,
  type MetricComparison,
  metricComparison,
} from './compare.js';
export {
  bytesPerHousehold,
  bytesPerWeek,
  communityWeekGrowth,
  estimatedCityRunCost,
  estimatedRunCost,
  type RunCost,
  secondsPerCommunityWeek,
  secondsPerHouseholdWeek,
  secondsPerProposalScore,
  secondsPerRun,
} from './cost.js';
export {
  type AgentKind,
  type AgentMeasure,
  agentKinds,
  type BoundExtensions,
  bindExtensions,
  defineExtension,
  defineModel,
  type ExtensionContext,
  ExtensionError,
  type ExtensionPhase,
  type ModelDefinition,
  type ModelExtension,
  type ModelMeasure,
  modelDefinitionProblems,
  namingRun,
} from './definition.js';
export { comparisonTable, formatNumber, formatPValue, toJson, weeksToCsv } from './format.js';
export {
  comparedMetrics,
  type HeadlineMetric,
  headlineMetrics,
  isSummaryPath,
  renamedSummaryPathNote,
  summaryValue,
} from './headline.js';
export {
  createModel,
  decodeValue,
  encodeValue,
  givenValue,
  type Model,
  type ModelOptions,
  type ModelSnapshot,
  optionProblems,
  restoreModel,
  snapshotFormatVersion,
} from './model.js';
export {
  type CommunityRun,
  type ComparedRolloutReplicate,
  communitiesToCsv,
  compareRolloutReplicateSteps,
  compareRollouts,
  compareRolloutsSteps,
  type FollowedRun,
  type RolloutComparison,
  type RolloutStage,
  rolloutComparisonOfReplicates,
  rolloutStages,
  rolloutStagesToCsv,
  rolloutTable,
  rolloutToCsv,
  runWithCommunities,
  runWithCommunitiesSteps,
} from './rollout.js';
export {
  checkRunOptions,
  maximumWeeks,
  type RunOptions,
  type RunResult,
  runScenario,
  runScenarioSteps,
} from './run.js';
export { runSeed, scenarioHash } from './seeds.js';
export {
  builtWorldStatistics,
  forgetBuiltWorlds,
  keptWorlds,
  largestKeptWorld,
  parametersDrawingReads,
} from './world-cache.js';
