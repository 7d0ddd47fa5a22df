/**
 * The report's charts: weekly series with 5–95% bands for the case and two
 * counterfactuals, the case's phases shaded and labelled. Each chart is a
 * Vega-Lite spec, rendered to SVG by Vega itself, so the spec written beside
 * the SVG is exactly what was drawn. Vega and Vega-Lite load with the first
 * chart rendered, so importing the report layer stays light and works through
 * `require` too (Vega's Node build waits on a top-level `await`).
 */
import type * as vegaLite from 'vega-lite';
import type { WeekColumn } from '../metrics/index.js';
import type { Phase } from './phases.js';
import type { Band } from './series.js';

export interface ChartDefinition {
  name: string;
  column: WeekColumn;
  title: string;
  axisTitle: string;
  /** Whether the value axis starts at zero (default true). */
  zero?: boolean;
  /** A horizontal reference line (e.g. load = 1), if any. */
  reference?: { value: number; label: string };
  /** What the chart shows and which part of the paper it answers. */
  about: string;
  facts: number[];
}

export const chartDefinitions: readonly ChartDefinition[] = [
  {
    name: 'staff-load',
    column: 'staffLoad',
    title: 'Community staff load',
    axisTitle: 'Load (demand ÷ capacity)',
    reference: { value: 1, label: 'capacity' },
    about:
      "Hours asked of the residents' committee staff each week against the hours they have. Under administrative-led renewal every department pushes preparation work down and opens its own docking threads with the community, so load can climb above capacity — the staff 'run off their feet' (疲于奔命) of §3(3) — where the community has little slack. After the switch the plan's one interface and eased pressure bring it down; it can rise again when a planning cycle's meetings and visits come.",
    facts: [1],
  },
  {
    name: 'open-docking-threads',
    column: 'openDockingThreads',
    title: 'Open docking threads',
    axisTitle: 'Threads open this week',
    about:
      'Each department confirming each of its projects separately with the community is one thread, worked through the office loop of meeting, separate confirmation and meeting again (§3(2), 各自为政). Under the integrated plan staff deal with a project through one interface, and its departments confirm together at on-site meetings (§4(2)2): the same confirmation rule, with everyone in the room. Threads appear only once departments have written their implementation plans.',
    facts: [4, 11],
  },
  {
    name: 'waste',
    column: 'wasteShare',
    title: 'Waste share of spending (cumulative)',
    axisTitle: 'Wasted ÷ spent',
    about:
      'Money spent on duplicate construction, on works undone by conflicting works at the same site, and on cancelled projects, as a share of all money spent so far (重复建设, 资源浪费, §3(3)). A clash is caught only where someone who knows both projects, and can decide both, reviews them: departments acting alone cannot; the Promotion Office matching the plan and joint meetings with the leaders can (§4(2)2). Waste is realised when the second of two clashing works is finished, so it appears late.',
    facts: [3],
  },
  {
    name: 'satisfaction',
    column: 'satisfaction',
    title: 'Need-weighted satisfaction',
    axisTitle: 'Share of needs met',
    about:
      "How far households' own needs are met, each need weighted by how much it matters to the household. Administrative-led renewal builds what departments' catalogues hold, weakly related to needs (§3(3), residents' pain points missed); co-production builds what the council prioritised (§4(2)1), in a new planning cycle each budget year.",
    facts: [7, 8, 14],
  },
  {
    name: 'trust',
    column: 'trust',
    title: 'Trust in the street and community',
    axisTitle: 'Mean trust',
    zero: false,
    about:
      'Mean trust of households. Disputes over works nobody announced and visible waste are negative events, completions that meet a household’s needs and adopted suggestions positive ones; losses weigh three times gains. Trust dips in phase 1 and rises after the switch, as residents are informed and answered (§4(2)1, §5). The axis does not start at zero: the differences are a few hundredths.',
    facts: [10],
  },
  {
    name: 'awareness',
    column: 'awareShare',
    title: 'Households aware of the renewal',
    axisTitle: 'Share of households',
    about:
      "Residents 'felt no movement at all' (无感) under administrative-led renewal: they learned of it only by seeing works. Disputes over unannounced works also tell the households drawn into them. Mobilisation through open letters, building-leader and party-branch meetings, door-to-door visits and WeChat reaches most households within weeks (§4(2)1).",
    facts: [5, 6],
  },
];

export interface ChartSeries {
  label: string;
  color: string;
  bands: Band[];
}

/** The Vega-Lite spec of a chart. */
export function chartSpec(
  definition: ChartDefinition,
  series: readonly ChartSeries[],
  phases: readonly Phase[],
  weeks: number,
): vegaLite.TopLevelSpec {
  // The first series (the case) is drawn last, on top of the counterfactuals it coincides with before the switch.
  const rows = [...series.slice(1), ...series.slice(0, 1)].flatMap((entry) =>
    entry.bands.map((band) => ({ scenario: entry.label, ...band })),
  );
  const phaseRows = phases.map((phase, index) => ({
    ...phase,
    start: phase.from - 0.5,
    end: phase.to + 0.5,
    middle: (phase.from + phase.to) / 2,
    shade: index % 2,
  }));
  const x = {
    field: 'week',
    type: 'quantitative',
    title: 'Week (1 = first week of 2018)',
    scale: { domain: [0.5, weeks + 0.5], nice: false },
  } as const;
  const color = {
    field: 'scenario',
    type: 'nominal',
    title: 'Scenario',
    scale: { domain: series.map((entry) => entry.label), range: series.map((entry) => entry.color) },
    legend: {
      orient: 'bottom',
      direction: 'vertical',
      labelLimit: 0,
      symbolType: 'stroke',
      symbolStrokeWidth: 3,
      symbolOpacity: 1,
    },
  } as const;
  const label = (row: number) => ({
    data: { values: phaseRows.filter((_, index) => index % 2 === row) },
    mark: { type: 'text', baseline: 'top', dy: 4 + 14 * row, fontSize: 10, color: '#444' },
    encoding: { x: { field: 'middle', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
  });
  const layers: unknown[] = [
    {
      data: { values: phaseRows },
      mark: { type: 'rect', color: '#dddddd' },
      encoding: {
        x: { field: 'start', type: 'quantitative', scale: { domain: [0.5, weeks + 0.5], nice: false } },
        x2: { field: 'end' },
        opacity: { field: 'shade', type: 'quantitative', scale: { domain: [0, 1], range: [0.55, 0.2] }, legend: null },
      },
    },
    label(0),
    label(1),
    {
      data: { values: rows },
      mark: { type: 'area', opacity: 0.18 },
      encoding: {
        x,
        y: { field: 'p5', type: 'quantitative', title: definition.axisTitle, scale: { zero: definition.zero ?? true } },
        y2: { field: 'p95' },
        color,
      },
    },
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x,
        y: { field: 'median', type: 'quantitative', title: definition.axisTitle, scale: { zero: definition.zero ?? true } },
        color,
      },
    },
  ];
  if (definition.reference !== undefined) {
    layers.push({
      data: { values: [{ value: definition.reference.value, label: definition.reference.label }] },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#b22222' },
      encoding: { y: { field: 'value', type: 'quantitative' } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: definition.title,
      subtitle: 'Median over replicates, band from the 5th to the 95th percentile; phases of the case shaded',
    },
    width: 680,
    height: 260,
    layer: layers,
    config: {
      font: 'DejaVu Sans',
      background: 'white',
      title: { anchor: 'start', fontSize: 14 },
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, titleFontSize: 12 },
    },
  } as vegaLite.TopLevelSpec;
}

let chartLibraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

/** Renders a Vega-Lite spec to SVG text with Vega (no browser needed). */
export async function renderSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  chartLibraries ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLiteLibrary] = await chartLibraries;
  const view = new vega.View(vega.parse(vegaLiteLibrary.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
