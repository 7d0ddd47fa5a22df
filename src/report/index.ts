/**
 * Reports (`govsim/report`): reproducing a case as charts, tables and documents; charts of sweep analyses. Writes no files: see `govsim/node`.
 *
 * @module report
 */
export { contrastMorrisSpec, contrastSobolSpec, interactionSpec, morrisSpec, tornadoSpec } from './analysis-charts.js';
export { type ChartDefinition, type ChartSeries, chartDefinitions, chartSpec, renderSvg } from './charts.js';
export { contrastSummaryMarkdown } from './contrast-summary.js';
export {
  chartCsv,
  chartReading,
  counterfactualsCsv,
  factsCsv,
  type ReportContext,
  reportHtml,
  reportMarkdown,
} from './document.js';
export { type Phase, scenarioPhases } from './phases.js';
export {
  type CounterfactualRow,
  counterfactualMetrics,
  type RenderedChart,
  type ReproduceOptions,
  type Reproduction,
  reproduceCase,
} from './reproduce.js';
export {
  breakerText,
  robustnessContrastColumns,
  robustnessContrastsCsv,
  robustnessDrawsCsv,
  robustnessFactsCsv,
  robustnessHtml,
} from './robustness.js';
export { type Band, SeriesCollector } from './series.js';
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
