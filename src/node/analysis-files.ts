/**
 * `govsim analyze`: reads a finished sweep folder and writes its analysis —
 * tables as CSV, charts as SVG and PNG with their Vega-Lite specs, and a
 * Markdown summary — into `<sweep>/analysis` (or another folder). For
 * sensitivity designs (Morris, Saltelli, Latin hypercube) it also screens each
 * contrast between variants: what drives the paired difference, and whether it
 * keeps its sign.
 */
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type CsvValue, createRandomSource, csvTable, hashString53 } from '../core/index.js';
import {
  type ContrastSummary,
  contrastLabel,
  contrastSensitivity,
  contrastSummary,
  experimentContrasts,
  factorialInteractions,
  type GroupValues,
  type PrccIndex,
  pairedComparisons,
  prccSensitivity,
  runColumns,
  type SensitivityResult,
  type SobolIndex,
  type SweepPlan,
  type SweepValues,
  sensitivity,
  summariseGroups,
} from '../experiments/index.js';
import { safeMarkdown } from '../report/html.js';
import {
  contrastIndicesFiles,
  contrastMorrisSpec,
  contrastSobolSpec,
  contrastSummaryMarkdown,
  interactionSpec,
  morrisSpec,
  prccSpec,
  renderSvg,
  sobolUndefinedNote,
  tornadoSpec,
} from '../report/index.js';
import { ScenarioError } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { formatPValue, toJson } from '../simulation/index.js';
import { isCsvParseError, isMetricCell, readCsvRows } from './csv-files.js';
import { outputFolderName, writeFilesAtomically } from './output.js';
import { folderContents } from './output-folder.js';
import { type ChartFileOptions, chartPngRenderer, checkChartFileOptions } from './report-files.js';
import { loadSweepDefinition, readShardFile } from './sweep.js';

/** Columns of `contrast-sign.csv` that every analysis has written: whether each contrast keeps its sign over the design points. */
export const contrastSignColumns = [
  'from',
  'to',
  'metric',
  'points',
  'meanContrast',
  'minimum',
  'maximum',
  'referenceSign',
  'keepsSignShare',
  'flipsSignShare',
] as const;

/** Columns of `contrast-sign.csv` as written now: those above, then the share of points with no difference. */
export const contrastSignWrittenColumns = [...contrastSignColumns, 'noDifferenceShare'] as const;

/** What `analyseSweep` wrote, and the gist of its contrast screening. */
export interface SweepAnalysis {
  /** Paths of the files written. */
  files: string[];
  /** Per contrast and metric: the sign stability and the five strongest drivers (sensitivity designs only). */
  contrasts: ContrastSummary[];
  /** Why the PNG charts were not written (the optional renderer is missing); absent when they were. */
  pngSkipped?: string;
}

/** One row of a sweep's runs.csv, as `analyze` uses it. */
interface PlannedRun {
  point: number;
  variant: string;
  replicate: number;
  /** In the experiment's metric order; NaN where the cell is empty (the run's value was not finite). */
  metrics: number[];
}

/** The text a factor's value has in runs.csv, as the sweep writes it (csvLine). */
function factorText(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return value === undefined ? '' : String(value);
}

/**
 * The runs of a finished sweep, read from its runs.csv and checked against
 * its plan, so that no analysis is written from a damaged or incomplete
 * file: the header is the plan's columns; each row names a point of the
 * design with that point's factor values, a variant of the experiment and a
 * replicate within the plan, and no run appears twice; metric cells are
 * numbers or empty; and every run the plan asks for is there (with a
 * precision design, each variant of a point has the same replicates, 0 to
 * n − 1, at least the first batch). Anything else is a ScenarioError naming
 * runs.csv (exit 2).
 */
async function* plannedRuns(directory: string, plan: SweepPlan): AsyncGenerator<PlannedRun> {
  const { experiment } = plan;
  const columns = runColumns(plan);
  const variants = experiment.variants.map((variant) => variant.label);
  const pointCount = plan.design.points.length;
  const replicateLimit = experiment.precision ? experiment.precision.maxReplicates : experiment.replicates;
  // Which replicates each point and variant has: grown with the replicates seen, so a large precision sweep that
  // stopped early takes the memory of its runs, not of its maximum.
  const seenByGroup: Uint8Array[] = [];
  const seenAt = (group: number, replicate: number) => (seenByGroup[group]?.[replicate] ?? 0) === 1;
  const markSeen = (group: number, replicate: number) => {
    let flags = seenByGroup[group] ?? new Uint8Array(16);
    if (replicate >= flags.length) {
      const larger = new Uint8Array(Math.max(replicate + 1, 2 * flags.length));
      larger.set(flags);
      flags = larger;
    }
    flags[replicate] = 1;
    seenByGroup[group] = flags;
  };
  const counts = new Uint32Array(pointCount * variants.length);
  const metricStart = columns.length - experiment.metrics.length;
  const damaged = (where: string, message: string) =>
    new ScenarioError(
      directory,
      [{ path: 'runs.csv', message: `damaged at ${where}: ${message}; write it again with govsim sweep --resume` }],
      'sweep folder',
    );
  const wholeNumber = (text: string, limit: number) => {
    const value = Number(text);
    return /^\d+$/.test(text) && value < limit ? value : -1;
  };
  let row = 0;
  try {
    for await (const cells of readCsvRows(join(directory, 'runs.csv'))) {
      row++;
      if (row === 1) {
        if (cells.join(',') !== columns.join(','))
          throw damaged('its header', `expected the columns ${columns.join(',')}, got ${cells.join(',')}`);
        continue;
      }
      const where = `row ${row}`;
      const point = wholeNumber(cells[0] as string, pointCount);
      if (point < 0) throw damaged(where, `expected a point from 0 to ${pointCount - 1}, got "${cells[0]}"`);
      const values = plan.design.points[point] as Record<string, unknown>;
      plan.factors.forEach((factor, index) => {
        const expected = factorText(values[factor]);
        if (cells[1 + index] !== expected)
          throw damaged(where, `expected ${factor} = ${expected} at point ${point}, got "${cells[1 + index]}"`);
      });
      const variant = cells[1 + plan.factors.length] as string;
      const variantIndex = variants.indexOf(variant);
      if (variantIndex < 0)
        throw damaged(where, `expected a variant of the experiment (${variants.join(', ')}), got "${variant}"`);
      const replicateText = cells[2 + plan.factors.length] as string;
      const replicate = wholeNumber(replicateText, replicateLimit);
      if (replicate < 0) throw damaged(where, `expected a replicate from 0 to ${replicateLimit - 1}, got "${replicateText}"`);
      const group = point * variants.length + variantIndex;
      if (seenAt(group, replicate))
        throw damaged(where, `point ${point}, variant ${variant}, replicate ${replicate} appears twice`);
      markSeen(group, replicate);
      counts[group] = (counts[group] as number) + 1;
      const metrics = experiment.metrics.map((metric, index) => {
        const text = cells[metricStart + index] as string;
        if (!isMetricCell(text)) throw damaged(where, `expected a number or an empty cell for ${metric}, got "${text}"`);
        return text === '' ? Number.NaN : Number(text);
      });
      yield { point, variant, replicate, metrics };
    }
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code ?? '');
    if (code === 'ENOENT') {
      // A shard's folder, finished or not, holds its units of work for govsim merge, never a runs.csv of its own.
      const shard = await readShardFile(directory).catch(() => undefined);
      throw new ScenarioError(
        directory,
        [
          {
            path: 'runs.csv',
            message:
              shard === undefined
                ? 'not found: the sweep is not complete (finish it with --resume, or merge its shards)'
                : `not found: this is the folder of shard ${shard.index}/${shard.count} of the sweep (its shard.json), which holds its units of work for govsim merge: merge the shards' folders (govsim merge DIRS… --out DIR), then analyse the merged folder`,
          },
        ],
        'sweep folder',
      );
    }
    // csv-parse's errors (CSV_QUOTE_NOT_CLOSED, CSV_RECORD_INCONSISTENT_FIELDS_LENGTH, INVALID_OPENING_QUOTE, …): a
    // damaged runs.csv.
    if (isCsvParseError(error)) {
      throw new ScenarioError(
        directory,
        [{ path: 'runs.csv', message: `damaged: ${(error as Error).message}; write it again with govsim sweep --resume` }],
        'sweep folder',
      );
    }
    throw error;
  }
  if (row === 0) throw damaged('its start', 'the file is empty');
  // Every run the plan asks for. Each replicate is seen at most once, so a group's replicates are 0 … n − 1 exactly
  // when it has n runs and none above n − 1.
  const firstBatch = Math.min(experiment.replicates, replicateLimit);
  for (let point = 0; point < pointCount; point++) {
    // With a precision target a point has n ≥ the first batch replicates, the same for each of its variants.
    const wanted = experiment.precision ? Math.max(firstBatch, counts[point * variants.length] as number) : replicateLimit;
    for (let variantIndex = 0; variantIndex < variants.length; variantIndex++) {
      const group = point * variants.length + variantIndex;
      let missing = -1;
      for (let replicate = 0; replicate < wanted && missing < 0; replicate++) {
        if (!seenAt(group, replicate)) missing = replicate;
      }
      if (missing >= 0)
        throw damaged(
          'its end',
          `the run of point ${point}, variant ${variants[variantIndex]}, replicate ${missing} is missing: the sweep is incomplete`,
        );
      if (counts[group] !== wanted)
        throw damaged(
          'its end',
          `point ${point} has ${counts[group]} replicates of variant ${variants[variantIndex]} but ${wanted} of variant ${variants[0]}`,
        );
    }
  }
}

/** A factor's Sobol indices as the level and contrast tables write them, after their own columns. */
const sobolColumns = ['factor', 'first', 'firstLow95', 'firstHigh95', 'total', 'totalLow95', 'totalHigh95'];
const sobolCells = (index: SobolIndex): CsvValue[] => [
  index.factor,
  index.first.mean,
  index.first.low,
  index.first.high,
  index.total.mean,
  index.total.low,
  index.total.high,
];

/** A factor's PRCC as the level and contrast tables write it, after their own columns. */
const prccColumns = ['factor', 'prcc', 'pValue', 'points'];
const prccCells = (index: PrccIndex): CsvValue[] => [index.factor, index.prcc, index.pValue, index.points];

/** The files a sweep analysis writes at the top of its folder, whichever its design; its charts go to `charts/`. */
const analysisFileNames = [
  'summary.csv',
  'paired.csv',
  'precision.csv',
  'interaction.csv',
  'morris.csv',
  'sobol.csv',
  'contrast-morris.csv',
  'contrast-sobol.csv',
  'contrast-prcc.csv',
  'contrast-sign.csv',
  'prcc.csv',
  'analysis.md',
];

/**
 * The files of an earlier analysis in `out`: the tables an analysis writes, and the charts named as an analysis names
 * them (`interaction-`, `morris-`, `sobol-`, `prcc-`, `contrast-`, as SVG, PNG or Vega-Lite spec); none unless the folder holds
 * an analysis (see {@link folderContents}), and never a file of another name.
 */
async function earlierAnalysisFiles(out: string): Promise<string[]> {
  if ((await folderContents(out)) !== 'sweep analysis') return [];
  const names = await readdir(out);
  const charts = await readdir(join(out, 'charts')).catch(() => [] as string[]);
  return [
    ...analysisFileNames.filter((name) => names.includes(name)),
    ...charts
      .filter((name) => /^(?:interaction|morris|sobol|prcc|contrast)-.+\.(?:svg|png|vl\.json)$/.test(name))
      .map((name) => `charts/${name}`),
  ];
}

/**
 * Analyses the sweep in `directory`, writing into `out`; `options` say how PNG charts are drawn. An earlier
 * analysis in `out` is replaced: the analysis files and charts it wrote that this one does not write are removed.
 * @example
 * const analysis = await analyseSweep('out/sweep-two-halves', 'out/sweep-two-halves/analysis');
 * console.log(analysis.files);
 * @throws ScenarioError naming the argument (`directory`, `out`, `chart file options`) when a folder is not a path or
 *   an option is unknown or not a function, before anything is read or written
 */
export async function analyseSweep(directory: string, out?: string, options: ChartFileOptions = {}): Promise<SweepAnalysis> {
  checkArgumentWith('directory', (check) => check.text(directory, '(top level)'), 'sweep folder');
  checkArgumentWith('out', (check) => check.text(out, '(top level)', true), 'output folder');
  checkChartFileOptions(options);
  out ??= join(directory, 'analysis');
  const loaded = await loadSweepDefinition(directory);
  const { plan, experiment } = loaded;
  const values: SweepValues = new Map();
  let runs = 0;
  for await (const run of plannedRuns(directory, plan)) {
    const byVariant = values.get(run.point) ?? new Map<string, GroupValues>();
    values.set(run.point, byVariant);
    const metrics = byVariant.get(run.variant) ?? new Map<string, number[]>();
    byVariant.set(run.variant, metrics);
    experiment.metrics.forEach((metric, index) => {
      // By replicate, whatever the rows' order: variants pair on the replicate (plannedRuns checked 0 … n − 1 are there).
      const list = metrics.get(metric) ?? [];
      list[run.replicate] = run.metrics[index] as number;
      metrics.set(metric, list);
    });
    runs++;
  }
  // Each analysis that resamples draws from a stream of its own: one added or dropped never moves another's intervals.
  const randomSource = createRandomSource(hashString53(`${plan.hash}/analysis`));
  const factorCells = (point: number) => plan.factors.map((factor) => String(plan.design.points[point]?.[factor] ?? ''));
  const files = new Map<string, string | Uint8Array>();
  const lines = [
    `# Analysis of ${experiment.name}`,
    '',
    // An experiment without a description leaves no empty paragraph.
    ...(experiment.description === '' ? [] : [experiment.description, '']),
    `${runs} runs; ${plan.design.points.length} points × ${experiment.variants.length} variants.`,
    '',
  ];

  const summaries = summariseGroups(values);
  files.set(
    'summary.csv',
    csvTable(
      ['point', ...plan.factors, 'variant', 'metric', 'count', 'mean', 'sd', 'p5', 'p25', 'median', 'p75', 'p95', 'halfWidth95'],
      summaries.map((row) => [
        row.point,
        ...factorCells(row.point),
        row.variant,
        row.metric,
        row.count,
        row.mean,
        row.sd,
        row.p5,
        row.p25,
        row.median,
        row.p75,
        row.p95,
        row.halfWidth,
      ]),
    ),
  );
  lines.push(
    '- `summary.csv`: per point, variant and metric — mean, SD, quantiles and the half-width of the 95% interval of the mean.',
  );

  const variants = experiment.variants.map((variant) => variant.label);
  if (variants.length >= 2) {
    // The declared contrasts where the experiment names them, else the first variant against each other.
    const paired = pairedComparisons(values, variants, experiment.contrasts);
    files.set(
      'paired.csv',
      csvTable(
        [
          'point',
          ...plan.factors,
          'metric',
          'from',
          'to',
          'pairs',
          'meanDifference',
          'low95',
          'high95',
          'hedgesG',
          'cliffsDelta',
        ],
        paired.map((row) => [
          row.point,
          ...factorCells(row.point),
          row.metric,
          row.from,
          row.to,
          row.count,
          row.difference.mean,
          row.difference.low,
          row.difference.high,
          row.hedgesG,
          row.cliffsDelta,
        ]),
      ),
    );
    lines.push(
      '- `paired.csv`: paired differences between variants (common seeds; each contrast the experiment declares, else every variant against the first), with 95% t intervals over the paired replicates (`pairs`: those where the metric is defined under both variants); Hedges’ g (the mean difference over the pooled SD of the two variants’ values, so that the correlation common seeds induce does not inflate it; blank where that SD is 0, each variant giving one value throughout, or where either has fewer than two values) and Cliff’s delta (over every pair of one value from each variant), both over the values of those same replicates.',
    );
  }

  if (experiment.precision !== undefined) {
    const precision = experiment.precision;
    // The replicates run at a point under a variant: a metric's values, one per replicate, NaN where it is undefined
    // (so more than the `count` of defined values its interval rests on, when it is undefined in some).
    const replicatesRun = (row: { point: number; variant: string; metric: string }) =>
      values.get(row.point)?.get(row.variant)?.get(row.metric)?.length ?? 0;
    const rows = summaries
      .filter((row) => precision.metrics.includes(row.metric))
      .map((row) => [
        row.point,
        ...factorCells(row.point),
        row.variant,
        row.metric,
        replicatesRun(row),
        row.halfWidth,
        row.halfWidth <= precision.halfWidth ? 'yes' : 'no',
      ]);
    files.set(
      'precision.csv',
      csvTable(['point', ...plan.factors, 'variant', 'metric', 'replicates', 'halfWidth95', 'targetReached'], rows),
    );
    let fewest = Number.POSITIVE_INFINITY;
    let most = 0;
    for (const row of summaries) {
      if (row.metric !== precision.metrics[0]) continue;
      const run = replicatesRun(row);
      fewest = Math.min(fewest, run);
      most = Math.max(most, run);
    }
    const short = rows.filter((row) => row[row.length - 1] === 'no').length;
    lines.push(
      `- \`precision.csv\`: replicates run at each point for a 95% half-width of ${precision.halfWidth} on ${precision.metrics.join(', ')} (at most ${precision.maxReplicates}); here ${fewest === most ? `${fewest} at every point` : `between ${fewest} and ${most}`}. ${
        short === 0
          ? `The target was reached in all ${rows.length} rows (point, variant and metric).`
          : `The target was not reached in ${short} of the ${rows.length} rows (point, variant and metric; \`targetReached\` is no): there the replicates stopped at the cap of ${precision.maxReplicates}, or a metric had no interval, and the half-width is wider than asked.`
      }`,
    );
  }

  const charts: Array<{ name: string; spec: unknown }> = [];
  // Each variant's interaction: under one mode the two factors may interact, under another not.
  const interactions = variants.flatMap((variant) => factorialInteractions(plan, values, variant));
  if (interactions.length > 0) {
    files.set(
      'interaction.csv',
      csvTable(
        [
          'metric',
          'variant',
          'factorA',
          'factorB',
          'levelA0',
          'levelA1',
          'levelB0',
          'levelB1',
          'a0b0',
          'a0b1',
          'a1b0',
          'a1b1',
          'mainEffectA',
          'mainEffectB',
          'interaction',
          'low95',
          'high95',
          'pairs',
        ],
        interactions.map((row) => [
          row.metric,
          row.variant,
          row.factors[0],
          row.factors[1],
          // Which value of each factor is level 0 and which level 1 (the order the design first gives them): the sign
          // of a main effect reads from them.
          ...row.levels.flat().map((level) => (typeof level === 'object' ? JSON.stringify(level) : (level as string))),
          row.cells[0]?.[0] ?? Number.NaN,
          row.cells[0]?.[1] ?? Number.NaN,
          row.cells[1]?.[0] ?? Number.NaN,
          row.cells[1]?.[1] ?? Number.NaN,
          row.mainEffects[0],
          row.mainEffects[1],
          row.interaction.mean,
          row.interaction.low,
          row.interaction.high,
          row.interaction.count,
        ]),
      ),
    );
    // A variant's label made safe for a file name; its position where two labels come out the same.
    const safeLabels = variants.map((variant) => outputFolderName(variant, 'variant'));
    const fileLabel = (variant: string) => {
      const index = variants.indexOf(variant);
      const safe = safeLabels[index] as string;
      return safeLabels.indexOf(safe) === index && safeLabels.lastIndexOf(safe) === index ? safe : `${index + 1}-${safe}`;
    };
    for (const interaction of interactions)
      charts.push({
        name:
          variants.length === 1
            ? `interaction-${interaction.metric}`
            : `interaction-${fileLabel(interaction.variant)}-${interaction.metric}`,
        spec: interactionSpec(interaction),
      });
    lines.push(
      `- \`interaction.csv\` and \`charts/interaction-*\`: cell means and main effects (each cell over the replicates where the metric is defined), and the interaction of the 2 × 2 factorial with its 95% t interval over the \`pairs\`, the replicates where the metric is defined in all four cells (where it is undefined in some, the interaction is not the difference in differences of the cell means)${variants.length === 1 ? '' : `, under each variant (${variants.join(', ')})`}.`,
    );
  }

  // Each variant's indices, then under each metric each contrast the experiment declares (by default, with two
  // variants, the second minus the first) as an outcome "to − from": the very indices of contrast-*.csv, intervals
  // included, computed once.
  const levelIndices = sensitivity(plan, values, randomSource.stream('sensitivity'));
  const contrasts = contrastSensitivity(plan, values, randomSource.stream('contrast-sensitivity'));
  const indices: SensitivityResult[] = plan.experiment.metrics.flatMap((metric) => [
    ...levelIndices.filter((result) => result.metric === metric),
    ...contrasts
      .filter((result) => result.metric === metric)
      .map(({ morris, sobol, sobolUndefined, ...contrast }) => ({
        metric,
        outcome: contrastLabel(contrast),
        ...(morris === undefined ? {} : { morris }),
        ...(sobol === undefined ? {} : { sobol }),
        ...(sobolUndefined === undefined ? {} : { sobolUndefined }),
      })),
  ]);
  if (indices.some((result) => result.morris)) {
    files.set(
      'morris.csv',
      csvTable(
        ['metric', 'outcome', 'factor', 'mu', 'muStar', 'sigma', 'effects'],
        indices.flatMap((result) =>
          (result.morris ?? []).map((index) => [
            result.metric,
            result.outcome,
            index.factor,
            index.mu,
            index.muStar,
            index.sigma,
            index.effects,
          ]),
        ),
      ),
    );
    lines.push(
      '- `morris.csv` and `charts/morris-*`: Morris elementary effects (μ, μ*, σ) per metric and outcome: each variant, and each contrast as "to − from". An elementary effect is the change in the outcome per the whole range of the factor (a step of Δ of the range, its change divided by Δ), in the outcome\'s own units: factors of different ranges compare directly, each across its own range.',
    );
  }
  if (indices.some((result) => result.sobol)) {
    files.set(
      'sobol.csv',
      csvTable(
        ['metric', 'outcome', ...sobolColumns],
        indices.flatMap((result) => (result.sobol ?? []).map((index) => [result.metric, result.outcome, ...sobolCells(index)])),
      ),
    );
    lines.push(
      "- `sobol.csv` and `charts/sobol-*`: Sobol first-order and total indices with bootstrap intervals (which take the base rows as independent: on the design's Sobol' sequence they err wide).",
    );
    for (const result of indices)
      if (result.sobolUndefined !== undefined)
        lines.push(`  - ${result.metric}, ${result.outcome}: every index is undefined (blank), as ${result.sobolUndefined}.`);
  }
  // The charts show the first contrast, or the one variant where there is none.
  const firstContrast = experimentContrasts(plan.experiment)[0];
  const chartOutcome = firstContrast === undefined ? variants[0] : contrastLabel(firstContrast);
  // A Latin hypercube's factors, by their partial rank correlation with each outcome.
  // The contrasts' indices, computed with their sign stability above, are not computed again.
  const prcc = prccSensitivity(plan, values, contrasts);
  if (prcc.length > 0) {
    files.set(
      'prcc.csv',
      csvTable(
        ['metric', 'outcome', ...prccColumns],
        prcc.flatMap((result) => result.prcc.map((index) => [result.metric, result.outcome, ...prccCells(index)])),
      ),
    );
    lines.push(
      `- \`prcc.csv\` and \`charts/prcc-*\`: partial rank correlation coefficients (PRCC) of each factor with each metric's mean at each point, for each variant and each contrast as "to − from": how strongly, and which way, the outcome follows the factor monotonically once the other factors' ranks are partialled out (a non-monotone effect is not read), with the two-sided p-value of PRCC = 0 (t on n − k − 1 degrees of freedom, n the points where the outcome is defined, k the factors; blank where n < k + 2, or where the other factors leave nothing of the factor or the outcome, as when the outcome's ranks follow one factor's exactly). The strongest, for ${chartOutcome}:`,
    );
    for (const result of prcc.filter((entry) => entry.outcome === chartOutcome)) {
      charts.push({ name: `prcc-${result.metric}`, spec: prccSpec(result.metric, result.outcome, result.prcc) });
      const strongest = result.prcc
        .filter((index) => Number.isFinite(index.prcc))
        .sort((left, right) => Math.abs(right.prcc) - Math.abs(left.prcc))
        .slice(0, 3)
        .map(
          (index) =>
            `${index.factor} ${index.prcc >= 0 ? '+' : '−'}${Math.abs(index.prcc).toFixed(2)} (p ${formatPValue(index.pValue)})`,
        );
      lines.push(`  - ${result.metric}: ${strongest.length === 0 ? 'none defined' : strongest.join(', ')}.`);
    }
  }
  for (const result of indices.filter((entry) => entry.outcome === chartOutcome)) {
    if (result.morris)
      charts.push({ name: `morris-${result.metric}`, spec: morrisSpec(result.metric, result.outcome, result.morris) });
    if (result.sobol)
      charts.push({
        name: `sobol-${result.metric}`,
        spec: tornadoSpec(result.metric, result.outcome, result.sobol, sobolUndefinedNote(result.sobolUndefined)),
      });
  }

  const contrastSummaries = contrasts.map((result) => contrastSummary(result, 5));
  if (contrasts.length > 0) {
    const contrastColumns = (result: (typeof contrasts)[number]) => [result.from, result.to, result.metric];
    // Each method's indices of each contrast, a row per factor after the contrast's own columns.
    const indexTables: Array<{
      file: string;
      columns: string[];
      rows: (result: (typeof contrasts)[number]) => CsvValue[][] | undefined;
    }> = [
      {
        file: contrastIndicesFiles.morris,
        columns: ['factor', 'mu', 'muStar', 'sigma', 'signConsistency', 'effects'],
        rows: (result) =>
          result.morris?.map((index) => [
            index.factor,
            index.mu,
            index.muStar,
            index.sigma,
            index.signConsistency,
            index.effects,
          ]),
      },
      {
        file: contrastIndicesFiles.sobol,
        columns: sobolColumns,
        rows: (result) => result.sobol?.map(sobolCells),
      },
      {
        file: contrastIndicesFiles.prcc,
        columns: prccColumns,
        rows: (result) => result.prcc?.map(prccCells),
      },
    ];
    for (const table of indexTables)
      if (contrasts.some((result) => table.rows(result) !== undefined))
        files.set(
          table.file,
          csvTable(
            ['from', 'to', 'metric', ...table.columns],
            contrasts.flatMap((result) => (table.rows(result) ?? []).map((cells) => [...contrastColumns(result), ...cells])),
          ),
        );
    files.set(
      'contrast-sign.csv',
      csvTable(
        [...contrastSignWrittenColumns],
        contrasts.map((result) => [
          ...contrastColumns(result),
          result.sign.points,
          result.sign.mean,
          result.sign.minimum,
          result.sign.maximum,
          result.sign.referenceSign,
          result.sign.keepsSignShare,
          result.sign.flipsSignShare,
          result.sign.noDifferenceShare,
        ]),
      ),
    );
    const single = experimentContrasts(experiment).length === 1;
    const slug = (text: string) => text.replaceAll(/[^A-Za-z0-9._-]+/g, '-');
    for (const result of contrasts) {
      const name = single ? `contrast-${result.metric}` : `contrast-${slug(result.to)}-vs-${slug(result.from)}-${result.metric}`;
      const spec = result.morris
        ? contrastMorrisSpec(result)
        : result.sobol
          ? contrastSobolSpec(result)
          : prccSpec(result.metric, contrastLabel(result), result.prcc ?? []);
      charts.push({ name, spec });
    }
    lines.push(
      `- \`${contrastIndicesFiles[contrastSummaries[0]?.method ?? 'morris']}\`, \`contrast-sign.csv\` and \`charts/contrast-*\`: what drives each contrast between variants, and whether it keeps its sign (below).`,
    );
  }

  const png = charts.length > 0 ? await chartPngRenderer(options) : undefined;
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec as never);
    files.set(`charts/${chart.name}.svg`, svg);
    if (png?.renderer !== undefined) files.set(`charts/${chart.name}.png`, png.renderer(svg));
    files.set(`charts/${chart.name}.vl.json`, toJson(chart.spec));
  }
  const contrastSection = contrastSummaryMarkdown(contrastSummaries);
  if (contrastSection.length > 0) lines.push('', ...contrastSection);
  files.set('analysis.md', `${safeMarkdown(lines.join('\n'))}\n`);
  // An earlier analysis in the folder is replaced, not mixed with this one: the new files are written, then what it
  // wrote and this one does not is removed (a Morris analysis's morris.csv after a factorial's). Stopped between the
  // two, the folder still reads as an analysis (analysis.md and summary.csv), so the next one removes them.
  const earlier = await earlierAnalysisFiles(out);
  await writeFilesAtomically(out, files);
  for (const name of earlier) if (!files.has(name)) await rm(join(out, name), { force: true });
  // A charts folder the earlier analysis left empty goes too (rmdir removes only an empty one).
  if (earlier.some((name) => name.startsWith('charts/'))) await rmdir(join(out, 'charts')).catch(() => undefined);
  return {
    files: [...files.keys()].map((name) => join(out, name)),
    contrasts: contrastSummaries,
    ...(png === undefined || png.renderer !== undefined ? {} : { pngSkipped: png.reason }),
  };
}
