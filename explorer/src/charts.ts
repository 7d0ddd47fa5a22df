/**
 * Weekly charts that grow as the runs go (uPlot): one small chart per measure
 * with run A and run B, their events drawn as vertical lines; above them a
 * strip showing each run's mode week by week.
 */
import { formatNumber, type WeekRecord } from 'govsim';
import uPlot from 'uplot';
import type { RunKey } from './setup.js';
import { presetOf } from './setup.js';

/** A measure of the weekly series to chart. */
export interface ChartedMeasure {
  key: keyof WeekRecord & string;
  title: string;
  unit: string;
  /** A reference line (capacity for loads). */
  reference?: number;
}

/** The charted measures, in order. */
export const chartedMeasures: readonly ChartedMeasure[] = [
  { key: 'staffLoad', title: 'Community staff load', unit: 'hours demanded ÷ available', reference: 1 },
  { key: 'departmentLoad', title: 'Department load', unit: 'hours demanded ÷ available', reference: 1 },
  { key: 'openDockingThreads', title: 'Open docking threads', unit: 'threads' },
  { key: 'weeklyIdleShare', title: 'Idle share of projects under way', unit: 'share' },
  { key: 'wasted', title: 'Money wasted (duplicates, conflicts)', unit: 'budget units, so far' },
  { key: 'awareShare', title: 'Households aware of the renewal', unit: 'share' },
  { key: 'satisfaction', title: 'Need-weighted satisfaction', unit: 'share of needs met' },
  { key: 'trust', title: 'Trust in the street and community', unit: 'score (0 to 1)' },
];

/** Units of the measures that count things: shown as whole numbers; every other value with its decimals. */
export const countUnits: ReadonlySet<string> = new Set(['threads', 'projects']);

/** The colour of each run. */
export const runColours: Readonly<Record<RunKey, string>> = { a: '#1d4ed8', b: '#c2410c' };

/** The colour of each mode in the phase strip. */
export const modeColours: Readonly<Record<string, string>> = {
  'administrative-led': '#d97777',
  'co-production': '#4aa36c',
  pause: '#d4d4d8',
  'participation-only': '#a7d7a9',
  'integration-only': '#8fbfe0',
  custom: '#b9a4e8',
};

/** The mode of a week's record, by preset name or `custom`. */
export function modeOfRecord(record: WeekRecord): string {
  return (
    presetOf({
      participation: record.participation === 1,
      integration: record.integration === 1,
      pressure: record.pressureHigh === 1 ? 'high' : 'low',
      renewal: record.paused === 1 ? 'paused' : 'active',
    }) ?? 'custom'
  );
}

/** What the charts show of a run. */
export interface ChartRun {
  records: readonly WeekRecord[];
  events: ReadonlyArray<{ week: number; event: string }>;
}

/** A value as the legend shows it, as the readout tables do: whole numbers for counts, a dash for none. */
function shownValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return countUnits.has(unit) ? String(value) : formatNumber(value);
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A series in words: its first, highest and last values with their weeks ("no weeks yet" when empty). */
export function seriesWords(values: ReadonlyArray<number | null>, unit: string): string {
  let first = -1;
  let highest = -1;
  let last = -1;
  values.forEach((value, index) => {
    if (value === null) return;
    if (first < 0) first = index;
    if (highest < 0 || value > (values[highest] as number)) highest = index;
    last = index;
  });
  if (first < 0) return 'no weeks yet';
  const at = (index: number) => `${shownValue(values[index] as number, unit)} in week ${index + 1}`;
  return `${at(first)}, highest ${at(highest)}, ${at(last)}`;
}

/**
 * A run's modes as stretches of weeks, in words: "weeks 1–17 administrative-led, 18–21 pause, 22–104 co-production".
 * @example modeStretches([]) // 'no weeks yet'
 */
export function modeStretches(records: readonly WeekRecord[]): string {
  const stretches: string[] = [];
  for (let first = 0; first < records.length; ) {
    const mode = modeOfRecord(records[first] as WeekRecord);
    let last = first;
    while (last + 1 < records.length && modeOfRecord(records[last + 1] as WeekRecord) === mode) last++;
    const from = (records[first] as WeekRecord).week;
    const to = (records[last] as WeekRecord).week;
    stretches.push(`${from === to ? `${from}` : `${from}–${to}`} ${mode}`);
    first = last + 1;
  }
  return stretches.length === 0 ? 'no weeks yet' : `week${records.length === 1 ? '' : 's'} ${stretches.join(', ')}`;
}

/** The charts of the weekly series. */
export class WeeklyCharts {
  private readonly plots: uPlot[] = [];
  private readonly figures: HTMLElement[] = [];
  private horizon = 104;
  private runs: Record<RunKey, ChartRun> = { a: { records: [], events: [] }, b: { records: [], events: [] } };
  private readonly strip: HTMLCanvasElement;
  private readonly stripText: HTMLParagraphElement;

  constructor(
    private readonly container: HTMLElement,
    stripContainer: HTMLElement,
  ) {
    this.strip = document.createElement('canvas');
    this.strip.className = 'phase-strip';
    this.strip.setAttribute('role', 'img');
    this.strip.setAttribute('aria-label', 'The mode of each run week by week');
    // The same in words, under the strip: the modes are not told by their colours alone.
    this.stripText = document.createElement('p');
    this.stripText.className = 'phase-text';
    this.stripText.id = 'phase-text';
    this.strip.setAttribute('aria-describedby', this.stripText.id);
    stripContainer.append(this.strip, this.stripText);
    for (const measure of chartedMeasures) {
      const figure = document.createElement('figure');
      figure.className = 'chart';
      figure.dataset.measure = measure.key;
      const caption = document.createElement('figcaption');
      caption.innerHTML = `<strong>${measure.title}</strong> <span class="unit">${measure.unit}</span>`;
      figure.append(caption);
      container.append(figure);
      const width = this.chartWidth();
      figure.style.width = `${width}px`;
      const plot = new uPlot(this.options(measure, width), [[], [], []], figure);
      // A picture to a screen reader: named, and pointed to the readout tables that hold the week's values.
      for (const canvas of plot.root.querySelectorAll('canvas')) {
        canvas.setAttribute('role', 'img');
        canvas.setAttribute(
          'aria-label',
          `${measure.title} of runs A and B week by week; the readout tables give this week's values`,
        );
      }
      this.plots.push(plot);
      this.figures.push(figure);
    }
    new ResizeObserver(() => this.resize()).observe(container);
  }

  private chartWidth(): number {
    const width = this.container.clientWidth;
    const columns = width > 900 ? 4 : width > 600 ? 2 : 1;
    // Each figure adds its padding (0.2rem each side) to the chart's width; the gap between figures is 1rem.
    return Math.max(220, Math.floor((width - 16 * (columns - 1)) / columns) - 8);
  }

  private options(measure: ChartedMeasure, width: number): uPlot.Options {
    return {
      width,
      height: 150,
      // Hovering a chart reads the week and both runs' values there, in a line under it.
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: () => [0, this.horizon] } },
      axes: [
        { size: 24, font: '10px sans-serif', ticks: { size: 3 }, label: 'week', labelSize: 14, labelFont: '10px sans-serif' },
        { size: 44, font: '10px sans-serif', ticks: { size: 3 } },
      ],
      series: [
        { label: 'week', value: (_plot, week) => (week === null ? '—' : String(week)) },
        {
          label: 'A',
          stroke: runColours.a,
          width: 1.5,
          spanGaps: false,
          value: (_plot, value) => shownValue(value, measure.unit),
        },
        {
          label: 'B',
          stroke: runColours.b,
          // Dashed, so that A and B differ by more than their colours.
          dash: [6, 3],
          width: 1.5,
          spanGaps: false,
          value: (_plot, value) => shownValue(value, measure.unit),
        },
      ],
      hooks: { draw: [(plot) => this.drawOverlay(plot, measure)] },
    };
  }

  /** Events as vertical lines in each run's colour (A dashed, B dotted) and the reference line. */
  private drawOverlay(plot: uPlot, measure: ChartedMeasure): void {
    const context = plot.ctx;
    const { left, top, width, height } = plot.bbox;
    context.save();
    context.lineWidth = Math.max(1, devicePixelRatio);
    if (measure.reference !== undefined) {
      const y = plot.valToPos(measure.reference, 'y', true);
      if (y >= top && y <= top + height) {
        context.strokeStyle = '#9ca3af';
        context.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
        context.beginPath();
        context.moveTo(left, y);
        context.lineTo(left + width, y);
        context.stroke();
      }
    }
    for (const key of ['a', 'b'] as const) {
      context.strokeStyle = runColours[key];
      context.setLineDash(
        key === 'a' ? [6 * devicePixelRatio, 3 * devicePixelRatio] : [1.5 * devicePixelRatio, 3 * devicePixelRatio],
      );
      for (const event of this.runs[key].events) {
        const x = plot.valToPos(event.week - 0.5, 'x', true);
        context.beginPath();
        context.moveTo(x, top);
        context.lineTo(x, top + height);
        context.stroke();
      }
    }
    context.restore();
  }

  /** Shows the runs (their records so far and events), on an x axis to `horizon`. */
  update(runs: Record<RunKey, ChartRun>, horizon: number): void {
    this.runs = runs;
    this.horizon = horizon;
    const weeks = Math.max(runs.a.records.length, runs.b.records.length);
    const x = Array.from({ length: weeks }, (_, index) => index + 1);
    chartedMeasures.forEach((measure, index) => {
      const series = (['a', 'b'] as const).map((key) =>
        x.map((week) => finiteOrNull(runs[key].records[week - 1]?.[measure.key])),
      );
      this.plots[index]?.setData([x, ...series] as uPlot.AlignedData);
      // The chart's name says what it shows so far, for a screen reader: each run's first, highest and last values.
      const label = `${measure.title} (${measure.unit}) week by week: ${(['a', 'b'] as const)
        .map((key, run) => `run ${key.toUpperCase()} ${seriesWords(series[run] as Array<number | null>, measure.unit)}`)
        .join('; ')}`;
      for (const canvas of this.plots[index]?.root.querySelectorAll('canvas') ?? []) canvas.setAttribute('aria-label', label);
    });
    this.drawStrip();
    this.stripText.textContent = (['a', 'b'] as const)
      .map((key) => `${key.toUpperCase()}: ${modeStretches(this.runs[key].records)}`)
      .join('. ');
  }

  private resize(): void {
    const width = this.chartWidth();
    for (const plot of this.plots) plot.setSize({ width, height: 150 });
    for (const figure of this.figures) figure.style.width = `${width}px`;
    this.drawStrip();
  }

  /** Each run's mode week by week, with its events marked and named. */
  private drawStrip(): void {
    const ratio = devicePixelRatio;
    const width = Math.max(300, this.container.clientWidth);
    const rowHeight = 16;
    const labelWidth = 28;
    // The legend wraps onto as many lines as the width needs (a phone's takes two or three).
    const measuring = this.strip.getContext('2d');
    if (measuring === null) return;
    measuring.font = '11px sans-serif';
    const legend: Array<{ name: string; colour: string; x: number; line: number }> = [];
    let legendX = labelWidth;
    let line = 0;
    for (const [name, colour] of Object.entries(modeColours)) {
      const itemWidth = measuring.measureText(name).width + 14;
      if (legendX > labelWidth && legendX + itemWidth > width - 4) {
        line++;
        legendX = labelWidth;
      }
      legend.push({ name, colour, x: legendX, line });
      legendX += itemWidth + 14;
    }
    const legendLineHeight = 16;
    const height = 2 * rowHeight + 14 + (line + 1) * legendLineHeight;
    this.strip.width = width * ratio;
    this.strip.height = height * ratio;
    this.strip.style.width = `${width}px`;
    this.strip.style.height = `${height}px`;
    const context = this.strip.getContext('2d');
    if (context === null) return;
    context.scale(ratio, ratio);
    context.clearRect(0, 0, width, height);
    context.font = '11px sans-serif';
    context.textBaseline = 'middle';
    const weekWidth = (width - labelWidth - 4) / Math.max(1, this.horizon);
    (['a', 'b'] as const).forEach((key, row) => {
      const y = 4 + row * (rowHeight + 4);
      context.fillStyle = runColours[key];
      context.fillText(key.toUpperCase(), 6, y + rowHeight / 2);
      context.strokeStyle = '#e5e7eb';
      context.strokeRect(labelWidth, y, width - labelWidth - 4, rowHeight);
      // One rectangle per stretch of weeks in one mode, not one per week: a run of 5,200 weeks has a handful.
      const records = this.runs[key].records;
      for (let first = 0; first < records.length; ) {
        const colour = modeColours[modeOfRecord(records[first] as WeekRecord)] ?? '#999';
        let last = first;
        while (
          last + 1 < records.length &&
          (records[last + 1] as WeekRecord).week === (records[last] as WeekRecord).week + 1 &&
          (modeColours[modeOfRecord(records[last + 1] as WeekRecord)] ?? '#999') === colour
        )
          last++;
        const start = labelWidth + ((records[first] as WeekRecord).week - 1) * weekWidth;
        const end = labelWidth + ((records[last] as WeekRecord).week - 1) * weekWidth + Math.ceil(weekWidth);
        context.fillStyle = colour;
        context.fillRect(start, y, end - start, rowHeight);
        first = last + 1;
      }
      for (const event of this.runs[key].events) {
        const x = labelWidth + (event.week - 1) * weekWidth;
        context.fillStyle = '#111827';
        context.fillRect(x - 1, y - 2, 2, rowHeight + 4);
      }
    });
    for (const item of legend) {
      const legendY = 2 * (rowHeight + 4) + 14 + item.line * legendLineHeight;
      context.fillStyle = item.colour;
      context.fillRect(item.x, legendY - 5, 10, 10);
      context.fillStyle = '#374151';
      context.fillText(item.name, item.x + 14, legendY);
    }
  }
}
