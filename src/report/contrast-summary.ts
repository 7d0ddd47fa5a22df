/**
 * The section of a sweep's analysis (analysis.md) on what drives each
 * contrast between variants: per metric, whether the contrast keeps its sign
 * over the design points, and the factors that move it most.
 */
import { percent } from '../core/index.js';
import { type ContrastSummary, contrastLabel } from '../experiments/index.js';
import { formatPValue, headlineMetrics } from '../simulation/index.js';

/** Why no factor of a Latin hypercube has a PRCC with an outcome, in words. */
export const prccUndefinedReason =
  'it takes more design points where the outcome is defined than the factors + 1, and an outcome that the other factors do not explain whole';

/** The file of an analysis that holds each contrast's indices, by the design's method. */
export const contrastIndicesFiles = {
  morris: 'contrast-morris.csv',
  sobol: 'contrast-sobol.csv',
  prcc: 'contrast-prcc.csv',
} as const satisfies Record<ContrastSummary['method'], string>;

const number = (value: number) => (Number.isFinite(value) ? String(Number(value.toPrecision(3))).replace('-', '−') : '—');

function metricHeading(metric: string): string {
  const headline = headlineMetrics.find((entry) => entry.key === metric);
  return headline === undefined ? `\`${metric}\`` : `\`${metric}\` (${headline.label})`;
}

function driverTable(summary: ContrastSummary): string[] {
  if (summary.method === 'morris') {
    return [
      '| rank | factor | μ* | μ | σ | effects with the sign of μ |',
      '|---|---|---|---|---|---|',
      ...summary.drivers.map((driver, rank) => {
        const index = driver.morris;
        return `| ${rank + 1} | \`${driver.factor}\` | ${number(index?.muStar ?? Number.NaN)} | ${number(index?.mu ?? Number.NaN)} | ${number(index?.sigma ?? Number.NaN)} | ${percent(index?.signConsistency ?? Number.NaN)} |`;
      }),
    ];
  }
  if (summary.method === 'prcc') {
    return [
      '| rank | factor | PRCC | p |',
      '|---|---|---|---|',
      ...summary.drivers.map((driver, rank) => {
        return `| ${rank + 1} | \`${driver.factor}\` | ${number(driver.prcc?.prcc ?? Number.NaN)} | ${formatPValue(driver.prcc?.pValue ?? Number.NaN)} |`;
      }),
    ];
  }
  const interval = (value: { mean: number; low: number; high: number } | undefined) =>
    value === undefined ? '—' : `${number(value.mean)} [${number(value.low)}, ${number(value.high)}]`;
  return [
    '| rank | factor | total index ST [95%] | first-order index S1 [95%] |',
    '|---|---|---|---|',
    ...summary.drivers.map(
      (driver, rank) =>
        `| ${rank + 1} | \`${driver.factor}\` | ${interval(driver.sobol?.total)} | ${interval(driver.sobol?.first)} |`,
    ),
  ];
}

/** Markdown lines of the contrast section; none when there is no contrast. */
export function contrastSummaryMarkdown(summaries: readonly ContrastSummary[]): string[] {
  if (summaries.length === 0) return [];
  const lines = [
    '## What drives each contrast',
    '',
    'A contrast is the paired difference between two variants on common seeds, averaged over the replicates at each',
    `design point; it is screened like the levels (\`${contrastIndicesFiles[summaries[0]?.method ?? 'morris']}\`, \`charts/contrast-*\`).`,
    '"Same sign" is the share of design points where the contrast has the sign of its mean over all points, "opposite sign"',
    'the share where it flips (`contrast-sign.csv`); a point where it is exactly zero is in neither.',
  ];
  if (summaries.some((summary) => summary.method === 'morris'))
    lines.push(
      '"Effects with the sign of μ" is the share of a factor\'s non-zero elementary effects that push the contrast the way μ does.',
    );
  if (summaries.some((summary) => summary.method === 'prcc'))
    lines.push(
      'PRCC is the partial rank correlation of a factor with the contrast, the other factors partialled out: its sign says which way the contrast moves as the factor grows, p the two-sided p-value of PRCC = 0.',
    );
  const labels = [...new Set(summaries.map((summary) => contrastLabel(summary)))];
  for (const label of labels) {
    lines.push('', `### ${label}`);
    for (const summary of summaries.filter((entry) => contrastLabel(entry) === label)) {
      const { sign } = summary;
      const ranking = { morris: 'μ*', sobol: 'total index', prcc: '|PRCC|' }[summary.method];
      const undefinedWhy =
        summary.sobolUndefined === undefined
          ? summary.method === 'prcc' && summary.drivers.every((driver) => !Number.isFinite(driver.importance))
            ? `No PRCC is defined: ${prccUndefinedReason}.`
            : undefined
          : `No Sobol index is defined: ${summary.sobolUndefined}.`;
      // A factor whose index is 0 does not move the contrast at all: it is no driver, however it ranks.
      const moving = { ...summary, drivers: summary.drivers.filter((driver) => driver.importance > 0) };
      const drivers =
        undefinedWhy ??
        (moving.drivers.length === 0
          ? `No factor moves it: every factor's ${ranking} is 0.`
          : `The ${moving.drivers.length === 1 ? 'factor' : `${moving.drivers.length} factors`} with the largest ${ranking}${moving.drivers.length < summary.drivers.length ? ' above 0' : ''}:`);
      lines.push(
        '',
        `#### ${metricHeading(summary.metric)}`,
        '',
        `Mean contrast ${number(sign.mean)} over ${sign.points} design points (from ${number(sign.minimum)} to ${number(sign.maximum)}); same sign at ${percent(sign.keepsSignShare)} of them, opposite sign at ${percent(sign.flipsSignShare)}${sign.noDifferenceShare > 0 ? `, no difference at ${percent(sign.noDifferenceShare)}` : ''}. ${drivers}`,
        ...(undefinedWhy === undefined && moving.drivers.length > 0 ? ['', ...driverTable(moving)] : []),
      );
    }
  }
  return lines;
}
