/**
 * Node (`govsim/node`): files in and out — scenario and case files, run outputs, reports, sweeps and facts on worker threads, shards, robustness, shipped scenarios, cases, cities and experiments by name. The rest of govsim runs anywhere.
 *
 * @module node
 */
export { analyseSweep, type SweepAnalysis } from './analysis-files.js';
export { writeFileAtomically } from './atomic-files.js';
export { type CaseFolder, loadCaseFolder } from './case-folder.js';
export {
  areCityRunFolders,
  type CityWriteOptions,
  cityStreetColumns,
  loadCityFile,
  mergeCityShards,
  writeCityRun,
} from './city-files.js';
export { ComparePool } from './compare-pool.js';
export { FactsPool, type FactsShare } from './facts-pool.js';
export { FolderInUseError, type LockHolder } from './folder-lock.js';
export {
  checkInputFolder,
  InputFileError,
  invalidUtf8Offset,
  jsonNestingOffset,
  maximumInputBytes,
  maximumJsonDepth,
  parseJsonText,
  readInputText,
  readJsonInput,
} from './input-file.js';
export { loadModelModule, loadModelModuleWithHash } from './model-module.js';
export { outputFolderName, type RunManifest, runManifest, writeFilesAtomically, writeRunOutputs } from './output.js';
export {
  checkOutputFile,
  checkOutputFolder,
  type FolderContents,
  folderContents,
  type OutputFileContent,
  type OutputKind,
  robustnessProgressFile,
} from './output-folder.js';
export {
  type ChartFileOptions,
  type ChartFontOptions,
  chartFontOptions,
  chartPngRenderer,
  loadPngRenderer,
  type PngRenderer,
  type PngRendererLoad,
  type PngRendererLoader,
  pngRendererPackage,
  type ReportManifest,
  svgToPng,
  writeReport,
} from './report-files.js';
export {
  checkRobustnessMatchesFacts,
  checkSensitivityMatchesModel,
  readContrastTable,
  readRobustnessTable,
} from './report-supplements.js';
export {
  checkRobustnessMergeOutput,
  type GivenDraws,
  holdsFinishedRobustness,
  maximumDrawsInFile,
  type RobustnessManifest,
  type RobustnessModel,
  type RobustnessOptions,
  type RobustnessShardOutcome,
  readRobustnessDraws,
  robustnessAnalysisKey,
  robustnessCaseHash,
  runRobustness,
  runRobustnessShard,
  writeRobustness,
} from './robustness.js';
export { loadScenarioFile, parseScenarioJson, readScenarioInput } from './scenario-file.js';
export { parseShard, type Shard } from './shard.js';
export {
  knownCases,
  resolveShippedCity,
  resolveShippedExperiment,
  resolveShippedScenario,
  type ShippedCase,
  type ShippedExperiment,
  type ShippedScenario,
  shippedCases,
  shippedCities,
  shippedCitiesDirectory,
  shippedExperiments,
  shippedExperimentsDirectory,
  shippedScenarioNames,
  shippedScenarios,
  shippedScenariosDirectory,
} from './shipped.js';
export {
  finaliseSweep,
  type LoadExperimentOptions,
  type LoadedExperiment,
  loadExperiment,
  loadSweepDefinition,
  mergeSweeps,
  readRuns,
  runSweep,
  type SweepOptions,
  type SweepOutcome,
  type SweepProgress,
} from './sweep.js';
export { describeSystemError, isSystemError, type SystemError } from './system-error.js';
export { govsimVersion } from './version.js';
