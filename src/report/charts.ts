/**
 * The report's charts: weekly series, a mean line and a 5–95% band, for the
 * case and two counterfactuals, each scenario with its own colour and dash
 * pattern (bands are light and outlined, so they stay legible where they
 * overlap), the value axis from zero (but where a chart says otherwise), the case's phases shaded and labelled
 * and the paper's term in the subtitle. Each chart is a
 * Vega-Lite spec, rendered to SVG by Vega itself, so the spec written beside
 * the SVG is exactly what was drawn. Vega and Vega-Lite load with the first
 * chart rendered, so importing the report layer stays light and works through
 * `require` too (Vega's Node build waits on a top-level `await`).
 */
import type * as vegaLite from 'vega-lite';
import type { WeekColumn } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Phase } from './phases.js';
import type { Band } from './series.js';

/**
 * A Vega-Lite (v6) specification as plain JSON: for `JSON.stringify`, a
 * Vega-Lite renderer such as vega-embed, or {@link renderSvg}. Typed loosely
 * so that govsim's declarations do not pull in vega-lite's, which do not
 * compile under `exactOptionalPropertyTypes`.
 */
export type ChartSpec = { $schema: string } & Record<string, unknown>;

/** One chart of a case report: the weekly column it draws, its titles, and what it means in the model and the paper. */
export interface ChartDefinition {
  /** Short name: the chart's files (`charts/<name>.svg`, `data/<name>.csv`) and its key in {@link chartClaims}. */
  name: string;
  /** The weekly series drawn. */
  column: WeekColumn;
  /** The chart's title. */
  title: string;
  /** The title of the value axis. */
  axisTitle: string;
  /** Whether the value axis starts at zero (default true); the chart and its caption say so when it does not. */
  zero?: boolean;
  /** A horizontal reference line (e.g. load = 1), if any. */
  reference?: { value: number; label: string };
  /** The paper's own word for what the chart shows, with a translation and the section it is from. */
  paperTerm: { chinese: string; english: string; section: string };
  /**
   * What the chart measures and the model's mechanisms behind it, with the values the case's own scenario sets (what
   * the results show is computed: see captions.ts).
   */
  about: (scenario: Scenario) => string;
  /** The glossary entries (their ids) that explain the chart's words; the HTML report links them under the chart. */
  glossary?: readonly string[];
  /**
   * Run summary numbers that are this chart's quantity, or follow from it: a fact that reads one of them, or the
   * chart's weekly series, is checked by the chart (see {@link factsReadingChart}).
   */
  summaries: readonly string[];
}

/** A parameter's value as a caption gives it: three significant digits at most (0.8, 0.09). */
function parameterText(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** How losses weigh against gains of trust, in words: "three times gains" for 0.09 against 0.03. */
function lossWeight(loss: number, gain: number): string {
  if (gain === 0) return loss === 0 ? 'nothing, as gains do' : 'something while gains weigh nothing';
  const ratio = Number((loss / gain).toPrecision(2));
  const words: Record<number, string> = { 1: 'as much as', 2: 'twice', 3: 'three times', 4: 'four times' };
  return ratio === 1 ? 'as much as gains' : `${words[ratio] ?? `${ratio} times`} gains`;
}

/**
 * The charts of a case report, in report order: staff load, open docking threads, waste share, satisfaction, trust
 * and awareness.
 */
export const chartDefinitions: readonly ChartDefinition[] = [
  {
    name: 'staff-load',
    glossary: ['load'],
    column: 'staffLoad',
    title: 'Community staff load',
    axisTitle: 'Load (demand ÷ capacity)',
    reference: { value: 1, label: 'capacity' },
    paperTerm: { chinese: '疲于奔命', english: 'run off their feet', section: '§3(3)' },
    about: (scenario) =>
      `Hours asked of the residents' committee staff each week against the hours they have: 1 is full capacity (the grey line), and routine work alone fills ${parameterText(scenario.parameters.staff.routineLoad)} of it (an assumption: the routine share of staff time). In the model, administrative-led renewal has every department push preparation work down and open its own docking threads with the community, which can take the load above capacity: the staff 'run off their feet' (疲于奔命) of §3(3). After the switch the integrated plan gives the community one interface and the pressure eases; each planning cycle's mobilisation, council meetings and visits bring load of their own.`,
    summaries: ['load.staffMean', 'load.staffPeak', 'load.staffOverloadedWeekShare'],
  },
  {
    name: 'open-docking-threads',
    glossary: ['docking', 'fragmentation'],
    column: 'openDockingThreads',
    title: 'Open docking threads',
    axisTitle: 'Threads open this week',
    paperTerm: { chinese: '各自为政', english: 'each department acting on its own', section: '§3(2)' },
    about: () =>
      'Each department confirming each of its projects separately with the community is one thread, worked through the office loop of meeting, separate confirmation and meeting again (§3(2), 各自为政: each department acting on its own). Under the integrated plan staff deal with a project through one interface, and its departments confirm together at on-site meetings (§4(2)2): the same confirmation rule, with everyone in the room. Threads appear only once departments have written their implementation plans. It shows the docking behind idling and behind the time a cross-department question takes to settle.',
    summaries: ['fragmentation.openDockingThreadsMean', 'fragmentation.openDockingThreadsPeak'],
  },
  {
    name: 'waste',
    glossary: ['waste'],
    column: 'wasteShare',
    title: 'Waste share of spending (cumulative)',
    axisTitle: 'Wasted ÷ spent',
    paperTerm: { chinese: '重复建设、资源浪费', english: 'duplicate construction, wasted resources', section: '§3(3)' },
    about: () =>
      'Money spent on duplicate construction, on works undone by conflicting works at the same site, and on cancelled projects, as a share of all money spent so far (重复建设, 资源浪费, §3(3)); undefined until something is spent. A clash is caught only where someone who knows both projects, and can decide both, reviews them: a department acting alone catches only clashes between projects it leads itself (or with one already finished); the Promotion Office matching the plan and joint meetings with the leaders catch those across departments (§4(2)2).',
    summaries: ['duplication.wasteShare', 'duplication.caughtBeforeSpendShare', 'efficiency.wasted'],
  },
  {
    name: 'satisfaction',
    glossary: ['satisfaction'],
    column: 'satisfaction',
    title: 'Need-weighted satisfaction',
    axisTitle: 'Share of needs met',
    paperTerm: { chinese: '痛点', english: "residents' pain points", section: '§3(3)' },
    about: () =>
      "How far households' own needs are met, each need weighted by how much it matters to the household. In the model, administrative-led renewal builds what departments' catalogues hold, weakly related to needs (§3(3), residents' pain points, 痛点, missed); co-production builds what the council prioritised (§4(2)1), in a new planning cycle each budget year.",
    summaries: ['satisfaction.end', 'satisfaction.needMatch', 'efficiency.satisfactionPerMoney'],
  },
  {
    name: 'trust',
    column: 'trust',
    title: 'Trust in the street and community',
    axisTitle: 'Mean trust (0 to 1)',
    // Trust moves by a few hundredths around its start (0.4): drawn from zero, its dip and rise would be a flat line.
    zero: false,
    paperTerm: { chinese: '重构政府与社会关系', english: 'reshaping the relation of government and society', section: '§5' },
    about: ({ parameters: { residents } }) =>
      `Mean trust of households, on a scale from 0 to 1, starting at ${parameterText(residents.initialTrust)} (an assumption). In the model, disputes over works nobody announced and visible waste are negative events, completions that meet a household’s needs and adopted suggestions positive ones, and losses weigh ${lossWeight(residents.trustLoss, residents.trustGain)} (the events from §4(2)1 and §5; the weights, ${parameterText(residents.trustLoss)} a loss against ${parameterText(residents.trustGain)} a gain, from other literature, as the paper gives none).`,
    summaries: ['trust.start', 'trust.end'],
  },
  {
    name: 'awareness',
    column: 'awareShare',
    title: 'Households aware of the renewal',
    axisTitle: 'Share of households',
    paperTerm: { chinese: '无感', english: 'felt no movement at all', section: '§4(1)2' },
    about: () =>
      "Residents 'felt no movement at all' (无感) under administrative-led renewal: in the model they learn of it only by seeing works, and disputes over unannounced works tell the households drawn into them. Mobilisation through open letters, building-leader and party-branch meetings, door-to-door visits and WeChat reaches households week by week (§4(2)1).",
    summaries: ['participation.awareShare'],
  },
];

/** One scenario's line on a chart: its label, colour and dash, and its weekly bands over the replicates. */
export interface ChartSeries {
  label: string;
  /** CSS colour of its lines and band. */
  color: string;
  /** The dash pattern of its lines (an empty array for solid), so lines stay apart where colours blur. */
  dash: number[];
  bands: Band[];
}

/**
 * The fonts of the charts, in order: in the HTML page, the embedded Noto Sans
 * SC subset (`govsim Noto Sans SC`, Chinese characters only); Latin text in
 * DejaVu Sans (what the PNGs are drawn with); Chinese in the bundled subset
 * (`Noto Sans SC` in the font file the PNGs are drawn with); then the usual
 * Chinese system fonts.
 */
export const chartFontFamily =
  'govsim Noto Sans SC, DejaVu Sans, Verdana, Noto Sans SC, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif';

/**
 * The fonts of chart text that holds the paper's Chinese terms (the
 * subtitle): the Noto Sans SC subset first, which draws the whole line, Latin
 * included. resvg draws a line in one font and falls back to another only for
 * the glyphs it lacks, and that fails where the first font joins letters (ff,
 * fi) the second does not.
 */
export const chartChineseFontFamily =
  'govsim Noto Sans SC, Noto Sans SC, DejaVu Sans, Verdana, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif';

/** The subtitle lines of a chart: how to read it, and the paper's term. */
export function chartSubtitle(definition: ChartDefinition): string[] {
  const { chinese, english, section } = definition.paperTerm;
  return [
    'Line: mean over replicates. Band: 5th–95th percentile, outlined.',
    `Paper (${section.replace('§', 'section ')}): ${chinese}, ${english}.`,
    // A line of its own: at the end of the paper's line it widened the chart's picture well beyond the text.
    ...(definition.zero === false ? ['The value axis does not start at zero.'] : []),
  ];
}

/** The Vega-Lite spec of a chart; `weekOne` says what week 1 is in the calendar (a case's `about.weekOne`), if known. */
export function chartSpec(
  definition: ChartDefinition,
  series: readonly ChartSeries[],
  phases: readonly Phase[],
  weeks: number,
  weekOne?: string,
): ChartSpec {
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
    title: weekOne === undefined ? 'Week' : `Week (1 = ${weekOne})`,
    scale: { domain: [0.5, weeks + 0.5], nice: false },
  } as const;
  const legend = {
    orient: 'bottom',
    direction: 'vertical',
    labelLimit: 0,
    symbolType: 'stroke',
    symbolStrokeWidth: 2.5,
    symbolOpacity: 1,
    symbolSize: 600,
  } as const;
  const domain = series.map((entry) => entry.label);
  // Every layer encodes the scenario alike, so that Vega-Lite draws one legend of coloured, dashed strokes.
  const byScenario = <Value>(range: Value[]) => ({
    field: 'scenario',
    type: 'nominal',
    title: 'Scenario',
    scale: { domain, range },
    legend,
  });
  const color = byScenario(series.map((entry) => entry.color));
  const strokeDash = byScenario(series.map((entry) => entry.dash));
  const y = (field: string) => ({
    field,
    type: 'quantitative',
    title: definition.axisTitle,
    scale: { zero: definition.zero ?? true, nice: true },
  });
  const label = (row: number) => ({
    data: { values: phaseRows.filter((_, index) => index % 2 === row) },
    // Above the plot, in two rows, so that labels never sit on the lines.
    mark: { type: 'text', baseline: 'top', fontSize: 10, color: '#444' },
    encoding: { x: { field: 'middle', type: 'quantitative' }, y: { value: -30 + 14 * row }, text: { field: 'label' } },
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
      mark: { type: 'area', opacity: 0.1 },
      encoding: { x, y: y('p5'), y2: { field: 'p95' }, color },
    },
    ...['p5', 'p95'].map((edge) => ({
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 0.9, opacity: 0.75 },
      encoding: { x, y: y(edge), color, strokeDash },
    })),
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2.4 },
      encoding: { x, y: y('mean'), color, strokeDash },
    },
  ];
  if (definition.reference !== undefined) {
    // A solid grey rule, labelled at its right end: a dashed one could be taken for a scenario's dashed line.
    const reference = [{ value: definition.reference.value, label: definition.reference.label, week: weeks }];
    layers.push(
      {
        data: { values: reference },
        mark: { type: 'rule', color: '#777777', strokeWidth: 1.2 },
        encoding: { y: { field: 'value', type: 'quantitative' } },
      },
      {
        data: { values: reference },
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 10, color: '#555555' },
        encoding: {
          x: { field: 'week', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: definition.title, subtitle: chartSubtitle(definition) },
    width: 680,
    height: 260,
    layer: layers,
    config: {
      font: chartFontFamily,
      background: 'white',
      title: {
        anchor: 'start',
        fontSize: 14,
        subtitleFontSize: 11,
        subtitleColor: '#444',
        subtitleFont: chartChineseFontFamily,
        offset: 8,
      },
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, titleFontSize: 12 },
    },
  } as ChartSpec;
}

let chartLibraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

/** Renders a Vega-Lite spec to SVG text with Vega (no browser needed). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  chartLibraries ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLiteLibrary] = await chartLibraries;
  const view = new vega.View(vega.parse(vegaLiteLibrary.compile(spec as unknown as vegaLite.TopLevelSpec).spec), {
    renderer: 'none',
  });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
