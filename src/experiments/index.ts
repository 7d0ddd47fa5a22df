/**
 * Experiments: experiment files, designs (factorial, Latin hypercube, Morris, Saltelli), sweep plans with their cost estimates, and the analysis of their outputs (paired differences, Morris and Sobol indices, contrasts between variants).
 *
 * @module experiments
 */
export {
  factorialInteractions,
  type GroupSummary,
  type GroupValues,
  type Interaction,
  type PairedComparison,
  pairedComparisons,
  pointMeans,
  type SensitivityResult,
  type SweepValues,
  sensitivity,
  summariseGroups,
} from './analysis.js';
/** Experiments layer: experiment files, designs, and sensitivity analysis of their outputs. */
export {
  type ContrastDriver,
  type ContrastSensitivity,
  type ContrastSign,
  type ContrastSummary,
  contrastLabel,
  contrastSensitivity,
  contrastSign,
  contrastSummary,
  experimentContrasts,
  type PrccResult,
  prccSensitivity,
} from './contrasts.js';
export { type DesignPoints, designPointCount, designPoints, type Point, wholeNumberRange } from './designs.js';
export {
  type Contrast,
  contrastSchema,
  type Design,
  designSchema,
  type Experiment,
  experimentJsonSchema,
  experimentSchema,
  type Factor,
  parseExperiment,
  type RangeFactor,
  type Variant,
} from './experiment.js';
export { experimentLimits, sweepLimits } from './limits.js';
export { setAtPath } from './paths.js';
export {
  type CitySweep,
  checkExperimentMetrics,
  compareUnits,
  initialUnits,
  needsMoreReplicates,
  type PlanOptions,
  planSweep,
  type RunRow,
  rowsToCsv,
  runColumns,
  runUnit,
  runUnitSteps,
  type SweepEstimate,
  type SweepPlan,
  summaryMetricNames,
  sweepRunName,
  sweepRunSeed,
  unitName,
  unitReplicates,
  type WorkUnit,
} from './plan.js';
export {
  type AssumptionsDesign,
  type AssumptionsExperimentOptions,
  assumptionFactors,
  assumptionsExperimentBase,
  assumptionsExperimentFile,
  assumptionsSensitivityExperiment,
  type ScreeningFactor,
} from './screening.js';
export {
  type MorrisIndex,
  morrisIndices,
  type PrccIndex,
  prccIndices,
  type SobolIndex,
  sobolIndices,
  sobolUndefinedReason,
} from './sensitivity.js';
