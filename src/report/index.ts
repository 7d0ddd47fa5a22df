/**
 * Reports (`govsim/report`): reproducing a case as charts, tables and documents; charts of sweep analyses. Writes no files: see `govsim/node`.
 *
 * @module report
 */
export {
  contrastMorrisSpec,
  contrastSobolSpec,
  interactionSpec,
  morrisSpec,
  prccSpec,
  sobolUndefinedNote,
  tornadoSpec,
} from './analysis-charts.js';
export {
  type CaptionContext,
  type ChartClaims,
  type ChartFindings,
  type ComparisonDefinition,
  type ComparisonResult,
  chartClaims,
  chartFindings,
  comparisonSentence,
  type Direction,
  type OnsetDefinition,
  type OnsetResult,
  onsetSentence,
  type Reading,
  readDifference,
  resolveWindow,
  switchWeek,
  type WindowDefinition,
  windowText,
} from './captions.js';
export {
  type ChartDefinition,
  type ChartSeries,
  type ChartSpec,
  chartChineseFontFamily,
  chartDefinitions,
  chartFontFamily,
  chartSpec,
  chartSubtitle,
  renderSvg,
} from './charts.js';
export { contrastIndicesFiles, contrastSummaryMarkdown } from './contrast-summary.js';
export {
  caseNameFromCommand,
  chartCsv,
  chartReading,
  checksCsv,
  counterfactualsCsv,
  explorerHref,
  explorerReportPort,
  factStatusWords,
  factsCsv,
  factsStatusLine,
  factsTableMarkdown,
  findingsCsv,
  type MarkdownChartFormat,
  onsetsCsv,
  type ReportContext,
  reportHtml,
  reportMarkdown,
  shellWord,
} from './document.js';
export { base64ToBytes, bytesToBase64, subsetTrueType, trueTypeCodePoints } from './font-subset.js';
export { type GlossaryEntry, glossary, glossaryAnchor, glossaryFor } from './glossary.js';
export { type Phase, scenarioPhases } from './phases.js';
export {
  type ChartedRuns,
  type ChartedWeek,
  type ChartedWeeks,
  chartedRecords,
  keepForReproduction,
  type ReproducedReplicate,
} from './replicates.js';
export {
  bundledChineseFont,
  chineseCharacters,
  chineseFontFace,
  embeddedFontFamily,
  isChineseCharacter,
  svgWithChineseFont,
} from './report-font.js';
export {
  type CounterfactualRow,
  chartedRuns,
  counterfactualMetrics,
  factsReadingChart,
  type RenderedChart,
  type ReproduceOptions,
  type Reproduction,
  reproduceCase,
  reproductionOfShares,
} from './reproduce.js';
export {
  breakerText,
  drawsSourceText,
  factList,
  jointBreakerText,
  robustnessContrastColumns,
  robustnessContrastsCsv,
  robustnessDrawsCsv,
  robustnessFactsCsv,
  robustnessHtml,
  robustnessPairColumns,
  robustnessPairsCsv,
  runJointBreakerText,
  tensionText,
} from './robustness.js';
export { type Band, SeriesCollector, type WeekWindow } from './series.js';
export { contrastText, listInWords, shortfallText, summarySentences } from './summary.js';
export {
  type ContrastRow,
  type ContrastTable,
  contrastCells,
  type ReportSupplements,
  type RobustnessContrastRow,
  type RobustnessRow,
  type RobustnessTable,
  robustnessCells,
  robustnessContrastCells,
  supplementsHtml,
  supplementsMarkdown,
} from './supplements.js';
