/**
 * Charts of a sweep's analysis: interaction plot, Morris μ*–σ plot, Sobol
 * tornado, and the tornado of what drives a contrast between variants.
 * Vega-Lite specs.
 */
import { percent } from '../core/index.js';
import {
  type ContrastSensitivity,
  contrastLabel,
  type Interaction,
  type MorrisIndex,
  type PrccIndex,
  type SobolIndex,
} from '../experiments/index.js';
import { headlineMetrics } from '../simulation/index.js';
import type { ChartSpec } from './charts.js';

const config = {
  font: 'DejaVu Sans',
  background: 'white',
  title: { anchor: 'start', fontSize: 14 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
};

/** Interaction plot of a 2 × 2 factorial: cell means, one line per level of the second factor. */
export function interactionSpec(interaction: Interaction): ChartSpec {
  const [first, second] = interaction.factors;
  const rows = interaction.cells.flatMap((row, i) =>
    row.map((mean, j) => ({ first: String(interaction.levels[0][i]), second: String(interaction.levels[1][j]), mean })),
  );
  const { mean, low, high, count } = interaction.interaction;
  const interval =
    Number.isFinite(low) && Number.isFinite(high)
      ? `95% t interval [${low.toPrecision(3)}, ${high.toPrecision(3)}] over ${count} replicates`
      : `no interval (${count} replicate${count === 1 ? '' : 's'} with all four cells defined; it takes two)`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Interaction: ${interaction.metric}, ${interaction.variant}`,
      subtitle: `Interaction (difference in differences) ${Number.isFinite(mean) ? mean.toPrecision(3) : '—'}, ${interval}`,
    },
    width: 420,
    height: 280,
    data: { values: rows },
    encoding: {
      // The levels in the design's order (6 before 10), not as text sorts them.
      x: { field: 'first', type: 'nominal', sort: interaction.levels[0].map(String), title: first, axis: { labelAngle: 0 } },
      y: { field: 'mean', type: 'quantitative', title: `Mean ${interaction.metric}` },
      color: { field: 'second', type: 'nominal', sort: interaction.levels[1].map(String), title: second },
    },
    layer: [{ mark: { type: 'line', strokeWidth: 2 } }, { mark: { type: 'point', size: 80, filled: true } }],
    config,
  } as ChartSpec;
}

/** Morris plot: μ* (influence) against σ (interaction or non-linearity), factors labelled. */
export function morrisSpec(metric: string, outcome: string, indices: readonly MorrisIndex[]): ChartSpec {
  const rows = indices.map((index) => ({
    factor: index.factor.replace(/^parameters\./, ''),
    muStar: index.muStar,
    sigma: index.sigma,
  }));
  const labelled = [...rows].sort((left, right) => right.muStar - left.muStar).slice(0, 8);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Morris screening: ${metric}`, subtitle: `Outcome: ${outcome}; the eight most influential factors labelled` },
    width: 560,
    height: 360,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 60, color: '#1b6ca8' },
        encoding: {
          x: { field: 'muStar', type: 'quantitative', title: 'μ* (mean absolute elementary effect)' },
          y: { field: 'sigma', type: 'quantitative', title: 'σ (SD of elementary effects)' },
        },
      },
      {
        data: { values: labelled },
        mark: { type: 'text', align: 'left', dx: 6, dy: -4, fontSize: 10, color: '#333' },
        encoding: {
          x: { field: 'muStar', type: 'quantitative' },
          y: { field: 'sigma', type: 'quantitative' },
          text: { field: 'factor' },
        },
      },
    ],
    config,
  } as ChartSpec;
}

/** The subtitle line saying why a Sobol chart has no bars, when it has none. */
export function sobolUndefinedNote(reason: string | undefined): string[] {
  return reason === undefined ? [] : [`No bars: no index is defined, as ${reason}`];
}

/** Tornado chart of Sobol indices: total and first-order index per factor, with bootstrap intervals. */
export function tornadoSpec(
  metric: string,
  outcome: string,
  indices: readonly SobolIndex[],
  notes: readonly string[] = [],
): ChartSpec {
  const order = [...indices].sort((left, right) => right.total.mean - left.total.mean).map((index) => index.factor);
  const subtitle = `Outcome: ${outcome}; bars with 95% bootstrap intervals, factors by total index`;
  const rows = indices.flatMap((index) => [
    { factor: index.factor, index: 'total (ST)', value: index.total.mean, low: index.total.low, high: index.total.high },
    { factor: index.factor, index: 'first order (S1)', value: index.first.mean, low: index.first.low, high: index.first.high },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Sobol indices: ${metric}`,
      subtitle: notes.length === 0 ? subtitle : [subtitle, ...notes],
    },
    width: 520,
    height: { step: 14 },
    data: { values: rows },
    encoding: {
      y: { field: 'factor', type: 'nominal', sort: order, title: null },
      yOffset: { field: 'index', type: 'nominal' },
      color: { field: 'index', type: 'nominal', title: 'Index' },
    },
    layer: [
      { mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', title: 'Share of output variance' } } },
      { mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
    config,
  } as ChartSpec;
}

/**
 * PRCC chart of a Latin-hypercube sweep: one bar per factor, from −1 to 1, strongest first; a bar is darker where its
 * p-value is below 0.05; a factor whose PRCC is undefined is left out, and the subtitle says how many were.
 */
export function prccSpec(metric: string, outcome: string, indices: readonly PrccIndex[]): ChartSpec {
  const defined = indices.filter((index) => Number.isFinite(index.prcc));
  const order = [...defined].sort((left, right) => Math.abs(right.prcc) - Math.abs(left.prcc)).map((index) => index.factor);
  const left = indices.length - defined.length;
  const points = indices[0]?.points ?? 0;
  const subtitle = `Outcome: ${outcome}; partial rank correlation over ${points} points, the other factors partialled out${left === 0 ? '' : `; ${left} factor${left === 1 ? '' : 's'} with none defined left out`}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `PRCC: ${metric}`, subtitle },
    width: 520,
    height: { step: 16 },
    data: {
      values: defined.map((index) => ({
        factor: index.factor,
        prcc: index.prcc,
        p: index.pValue,
        significance: index.pValue < 0.05 ? 'p < 0.05' : 'p ≥ 0.05',
      })),
    },
    mark: 'bar',
    encoding: {
      y: { field: 'factor', type: 'nominal', sort: order, title: null, axis: { labelLimit: 0 } },
      x: { field: 'prcc', type: 'quantitative', title: 'PRCC', scale: { domain: [-1, 1] } },
      color: {
        field: 'significance',
        type: 'nominal',
        title: null,
        scale: { domain: ['p < 0.05', 'p ≥ 0.05'], range: ['#1b6ca8', '#a9c6de'] },
      },
      tooltip: [{ field: 'factor' }, { field: 'prcc', format: '.3f' }, { field: 'p', format: '.2g' }],
    },
    config,
  } as ChartSpec;
}

const metricTitle = (metric: string) => {
  const headline = headlineMetrics.find((entry) => entry.key === metric);
  return headline === undefined ? metric : `${headline.label} (${metric})`;
};
const short = (value: number) => (Number.isFinite(value) ? value.toPrecision(3) : '—');

/** The subtitle line on a contrast's sign: its mean over the design points and where it keeps that sign. */
function signNote(result: ContrastSensitivity): string {
  const { sign } = result;
  return `Mean contrast over the ${sign.points} design points ${short(sign.mean)} (from ${short(sign.minimum)} to ${short(sign.maximum)}); same sign at ${percent(sign.keepsSignShare)} of them, opposite at ${percent(sign.flipsSignShare)}${sign.noDifferenceShare > 0 ? `, no difference at ${percent(sign.noDifferenceShare)}` : ''}`;
}

/**
 * Tornado of a contrast's Morris indices: for the `count` factors with the
 * largest μ*, a bar at μ (which way the factor moves the contrast, on average)
 * and a tick at μ* on the side of μ. A tick beyond its bar means elementary
 * effects of both signs (|μ| < μ*); the label gives their sign consistency.
 */
export function contrastMorrisSpec(result: ContrastSensitivity, count = 15): ChartSpec {
  const label = contrastLabel(result);
  const [raises, lowers] = [`raises ${label}`, `lowers ${label}`];
  const rows = (result.morris ?? [])
    .filter((index) => Number.isFinite(index.muStar))
    .sort((left, right) => right.muStar - left.muStar)
    .slice(0, count)
    .map((index) => ({
      factor: index.factor.replace(/^parameters\./, ''),
      mu: index.mu,
      signedMuStar: (index.mu < 0 ? -1 : 1) * index.muStar,
      direction: index.mu < 0 ? lowers : raises,
      consistency: `${percent(index.signConsistency)} of non-zero effects with this sign`,
    }));
  const y = { field: 'factor', type: 'nominal', sort: rows.map((row) => row.factor), title: null, axis: { labelLimit: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `What drives the contrast: ${metricTitle(result.metric)}`,
      subtitle: [
        `Contrast: ${label} (paired on common seeds); the ${rows.length} factors with the largest μ*`,
        'Bars: μ (mean elementary effect); ticks: μ* on the side of μ, beyond the bar when effects take both signs',
        signNote(result),
      ],
    },
    width: 480,
    height: { step: 18 },
    layer: [
      {
        data: { values: rows },
        mark: 'bar',
        encoding: {
          y,
          x: { field: 'mu', type: 'quantitative', title: 'Elementary effect on the contrast (change over the full range)' },
          color: {
            field: 'direction',
            type: 'nominal',
            title: 'On average the factor',
            scale: { domain: [raises, lowers], range: ['#1b6ca8', '#e08214'] },
            legend: { orient: 'bottom', direction: 'vertical', titleLimit: 0 },
          },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'tick', color: '#333', thickness: 2 },
        encoding: { y, x: { field: 'signedMuStar', type: 'quantitative' } },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#888' },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 9, color: '#555' },
        encoding: { y, x: { value: 480 }, text: { field: 'consistency' } },
      },
    ],
    config,
  } as ChartSpec;
}

/** Tornado of a contrast's Sobol indices: the Sobol tornado with the contrast's sign noted. */
export function contrastSobolSpec(result: ContrastSensitivity): ChartSpec {
  return tornadoSpec(result.metric, `the contrast ${contrastLabel(result)}`, result.sobol ?? [], [
    signNote(result),
    ...sobolUndefinedNote(result.sobolUndefined),
  ]);
}
