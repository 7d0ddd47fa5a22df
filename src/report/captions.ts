/**
 * What each chart's caption claims, computed from the results it describes.
 * A claim compares two lines of a chart (or one line at two times) over a
 * window of weeks: each replicate's mean over the window, differenced within
 * the replicate (the scenarios share seeds), averaged, with a 95% t interval.
 * The caption states the direction and size of the difference only when the
 * interval excludes zero and the difference is large enough to read; otherwise
 * it says that there is no clear difference, and that the model does not
 * show what the claim would have said.
 */
import { type MeanInterval, pairedDifference, plural, sampleQuantile } from '../core/index.js';
import type { WeekColumn } from '../metrics/index.js';
import type { Phase } from './phases.js';
import type { SeriesCollector, WeekWindow } from './series.js';

/** Weeks a comparison averages over, placed on the case's course. */
export type WindowDefinition =
  /** The case's first phase: from week 1 to the week before the switch. */
  | { kind: 'before the switch' }
  /** The last `weeks` weeks before the switch. */
  | { kind: 'end of the first phase'; weeks: number }
  /** From the switch (the first week of the case's second phase) to the end. */
  | { kind: 'from the switch' }
  /** The last `weeks` weeks of the run. */
  | { kind: 'last weeks'; weeks: number }
  /** The first week. */
  | { kind: 'first week' };

/** Which way the paper's argument expects the first line to lie from the second. */
export type Direction = 'higher' | 'lower';

/** A claim a caption may make: the first line is higher or lower than the second over a window. */
export interface ComparisonDefinition {
  /** The scenario of the first line: a scenario key, or `case` for the case. */
  first: string;
  /** The scenario of the second line (the same as `first` when comparing one line at two times). */
  second: string;
  window: WindowDefinition;
  /** The window of the second line, when it differs from the first's (a change over time). */
  secondWindow?: WindowDefinition;
  expected: Direction;
  /** What a clear difference in the expected direction shows, as a clause ("the switch lowers the load"). */
  meaning: string;
}

/** When something first appears on a line (first week above a level), set against another line. */
export interface OnsetDefinition {
  scenario: string;
  /** The line whose first weeks are given for comparison. */
  against: string;
  level: number;
  /** What the thing is ("waste"). */
  what: string;
  /** Why it appears when it does: the model's mechanism, stated as such. */
  why: string;
}

/** The claims of one chart's caption. */
export interface ChartClaims {
  column: WeekColumn;
  /** The quantity in words, for sentences: "staff load". */
  quantity: string;
  /** The smallest difference worth reading as one, in the column's units. */
  smallest: number;
  /** Decimal places of the numbers in the sentences. */
  decimals: number;
  comparisons: ComparisonDefinition[];
  onset?: OnsetDefinition;
}

/** How a comparison came out. */
export type Reading = 'as expected' | 'opposite' | 'no clear difference' | 'too small';

/** What one comparison of a caption found: the paired difference over its windows, how it reads, and the sentence. */
export interface ComparisonResult {
  /** The claim compared. */
  definition: ComparisonDefinition;
  /** The weeks averaged for the first line and for the second. */
  window: WeekWindow;
  secondWindow: WeekWindow;
  /** First − second, per replicate, averaged, with its 95% t interval and the number of pairs. */
  difference: MeanInterval;
  /** How the difference reads against the expected direction. */
  reading: Reading;
  /** The caption's sentence on it. */
  sentence: string;
}

/** When something first appears on a chart's line (the first week above the definition's level), over the replicates. */
export interface OnsetResult {
  /** The onset looked for. */
  definition: OnsetDefinition;
  /** Replicates in which it appears, out of all. */
  appears: number;
  /** Replicates collected. */
  replicates: number;
  /** First weeks on the line: earliest, median and latest; NaN when it never appears. */
  earliest: number;
  median: number;
  latest: number;
  /** Replicates in which it first appears at or after the switch. */
  afterSwitch: number;
  /** The median first week on the other line (NaN when it never appears there). */
  againstMedian: number;
  /** The caption's sentence on it. */
  sentence: string;
}

/** What one chart's caption says, computed. */
export interface ChartFindings {
  comparisons: ComparisonResult[];
  onset?: OnsetResult;
}

/** Where the claims are placed: the case's key, phases and length, and each scenario's label. */
export interface CaptionContext {
  caseKey: string;
  phases: readonly Phase[];
  weeks: number;
  /** The label of a scenario in sentences (default: its key; the case is "the case"). */
  labels?: ReadonlyMap<string, string>;
}

/** The claims of each chart, by chart name. */
export const chartClaims: Readonly<Record<string, ChartClaims>> = {
  'staff-load': {
    column: 'staffLoad',
    quantity: 'staff load',
    smallest: 0.01,
    decimals: 3,
    comparisons: [
      {
        first: 'case',
        second: 'co-production-from-week-1',
        window: { kind: 'before the switch' },
        expected: 'higher',
        meaning:
          'administrative-led renewal loads the staff more than co-production does while it mobilises residents and plans (its plan docks only from week 20)',
      },
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'from the switch' },
        expected: 'lower',
        meaning: 'the switch lowers the load (in its pause, to the routine load by rule; then under co-production)',
      },
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'last weeks', weeks: 13 },
        expected: 'lower',
        meaning: 'the switch still keeps the load lower at the end',
      },
    ],
  },
  'open-docking-threads': {
    column: 'openDockingThreads',
    quantity: 'number of open docking threads',
    smallest: 0.5,
    decimals: 2,
    comparisons: [
      {
        first: 'case',
        second: 'co-production-from-week-1',
        window: { kind: 'before the switch' },
        expected: 'higher',
        meaning:
          'departments docking their catalogues separately keep threads open while co-production, still mobilising and planning, has nothing yet to dock',
      },
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'from the switch' },
        expected: 'lower',
        meaning:
          'the switch closes the separate threads (in its pause by rule, and under the plan, whose projects dock through one interface, listed ones waiting for it)',
      },
    ],
  },
  waste: {
    column: 'wasteShare',
    quantity: 'waste share',
    smallest: 0.005,
    decimals: 3,
    comparisons: [
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'last weeks', weeks: 1 },
        expected: 'lower',
        meaning: 'reviewing projects together after the switch catches clashes before they are built',
      },
      {
        first: 'case',
        second: 'co-production-from-week-1',
        window: { kind: 'last weeks', weeks: 1 },
        expected: 'higher',
        meaning: 'the projects listed before the switch leave waste behind',
      },
    ],
    onset: {
      scenario: 'case',
      against: 'administrative-led-throughout',
      level: 0,
      what: 'waste',
      why: 'Why it appears late: in the model, waste is counted when the second of two clashing works is finished, or when a review drops a duplicate already under way, and most projects that departments listed separately before the switch are finished, or caught by the plan’s review, only after it. The share is of the money spent so far, so early on, when little has been spent, one clash is a large share, which later spending dilutes.',
    },
  },
  satisfaction: {
    column: 'satisfaction',
    quantity: 'need-weighted satisfaction',
    smallest: 0.01,
    decimals: 3,
    comparisons: [
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'last weeks', weeks: 13 },
        expected: 'higher',
        meaning: 'the switch to co-production meets more of the residents’ needs',
      },
      {
        first: 'case',
        second: 'co-production-from-week-1',
        window: { kind: 'last weeks', weeks: 13 },
        expected: 'lower',
        meaning: 'the weeks spent under administrative-led renewal are not made up by the end',
      },
    ],
  },
  trust: {
    column: 'trust',
    quantity: 'trust',
    smallest: 0.005,
    decimals: 4,
    comparisons: [
      {
        first: 'case',
        second: 'case',
        window: { kind: 'end of the first phase', weeks: 4 },
        secondWindow: { kind: 'first week' },
        expected: 'lower',
        meaning: 'trust dips under administrative-led renewal',
      },
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'last weeks', weeks: 13 },
        expected: 'higher',
        meaning: 'the switch raises trust above where administrative-led renewal leaves it',
      },
      {
        first: 'case',
        second: 'co-production-from-week-1',
        window: { kind: 'last weeks', weeks: 13 },
        expected: 'lower',
        meaning: 'the trust lost before the switch is not made up by the end',
      },
    ],
  },
  awareness: {
    column: 'awareShare',
    quantity: 'share of households aware',
    smallest: 0.02,
    decimals: 3,
    comparisons: [
      {
        first: 'case',
        second: 'co-production-from-week-1',
        window: { kind: 'end of the first phase', weeks: 1 },
        expected: 'lower',
        meaning: 'residents hear little of administrative-led renewal (无感)',
      },
      {
        first: 'case',
        second: 'administrative-led-throughout',
        window: { kind: 'last weeks', weeks: 13 },
        expected: 'higher',
        meaning: 'mobilisation after the switch reaches the households',
      },
    ],
  },
};

/** The first week of the case's second phase (the switch), or undefined when the case has one phase. */
export function switchWeek(phases: readonly Phase[]): number | undefined {
  return phases[1]?.from;
}

/** The weeks of a window on the case's course; undefined when the course has no such weeks (no switch, say). */
export function resolveWindow(definition: WindowDefinition, phases: readonly Phase[], weeks: number): WeekWindow | undefined {
  const switchAt = switchWeek(phases);
  switch (definition.kind) {
    case 'first week':
      return { from: 1, to: 1 };
    case 'last weeks':
      return { from: Math.max(1, weeks - definition.weeks + 1), to: weeks };
    case 'before the switch':
      return switchAt === undefined || switchAt <= 1 ? undefined : { from: 1, to: switchAt - 1 };
    case 'end of the first phase':
      return switchAt === undefined || switchAt <= 1
        ? undefined
        : { from: Math.max(1, switchAt - definition.weeks), to: switchAt - 1 };
    case 'from the switch':
      return switchAt === undefined || switchAt > weeks ? undefined : { from: switchAt, to: weeks };
  }
}

const numberWords = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
];

function weeksText(window: WeekWindow): string {
  return window.from === window.to ? `week ${window.from}` : `weeks ${window.from}–${window.to}`;
}

/** A window's weeks ("weeks 1–17") and what they are on the case's course ("before the switch"; empty for week 1). */
export function windowParts(definition: WindowDefinition, window: WeekWindow): { weeks: string; description: string } {
  const count = window.to - window.from + 1;
  const counted = numberWords[count] ?? String(count);
  const weeks = weeksText(window);
  switch (definition.kind) {
    case 'first week':
      return { weeks, description: '' };
    case 'last weeks':
      return { weeks, description: count === 1 ? 'the last' : `the last ${counted}` };
    case 'before the switch':
      return { weeks, description: 'before the switch' };
    case 'end of the first phase':
      return { weeks, description: count === 1 ? 'the last before the switch' : `the last ${counted} before the switch` };
    case 'from the switch':
      return { weeks, description: 'from the switch on' };
  }
}

/** A window in words, with its weeks: "weeks 1–17, before the switch". */
export function windowText(definition: WindowDefinition, window: WeekWindow): string {
  const { weeks, description } = windowParts(definition, window);
  return description === '' ? weeks : `${weeks}, ${description}`;
}

/** A window inside a sentence: "weeks 14–17 (the last four before the switch)". */
function windowInSentence(definition: WindowDefinition, window: WeekWindow): string {
  const { weeks, description } = windowParts(definition, window);
  return description === '' ? weeks : `${weeks} (${description})`;
}

/** A number with a fixed count of decimals and a true minus sign. */
function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

/** A signed number: "+0.012", "−0.003", "+0.000", "−0.000" (a negative value keeps its sign when it rounds to zero). */
function signed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(decimals)}`;
}

/** Decimals enough that neither end of an interval reads as zero when it is not (from `decimals` up to five). */
function decimalsFor(low: number, high: number, decimals: number): number {
  const readsAsZero = (value: number, places: number) => value !== 0 && Number(Math.abs(value).toFixed(places)) === 0;
  let places = decimals;
  while (places < 5 && high - low > 1e-9 && (readsAsZero(low, places) || readsAsZero(high, places))) places++;
  return places;
}

/**
 * How a paired difference (first − second) reads against the expected
 * direction: no clear difference when its interval includes zero (or it rests
 * on fewer than two pairs), too small when the whole interval lies within
 * ±`smallest`, else as expected or the opposite.
 */
export function readDifference(difference: MeanInterval, expected: Direction, smallest: number): Reading {
  const { mean, low, high, count } = difference;
  if (count < 2 || !Number.isFinite(mean) || !Number.isFinite(low) || !Number.isFinite(high)) return 'no clear difference';
  if (low <= 0 && high >= 0) return 'no clear difference';
  if (Math.max(Math.abs(low), Math.abs(high)) < smallest) return 'too small';
  return mean > 0 === (expected === 'higher') ? 'as expected' : 'opposite';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The caption's sentence on one comparison, from its difference. */
export function comparisonSentence(
  definition: ComparisonDefinition,
  claims: Pick<ChartClaims, 'quantity' | 'smallest' | 'decimals'>,
  windows: { first: WeekWindow; second: WeekWindow },
  difference: MeanInterval,
  labels: { first: string; second: string },
): { reading: Reading; sentence: string } {
  const reading = readDifference(difference, definition.expected, claims.smallest);
  const decimals = decimalsFor(difference.low, difference.high, claims.decimals);
  const overTime = definition.secondWindow !== undefined;
  const firstWhen = overTime ? windowInSentence(definition.window, windows.first) : windowText(definition.window, windows.first);
  const secondWhen = windowInSentence(definition.secondWindow ?? definition.window, windows.second);
  const pairs = `${difference.count} paired replicate${difference.count === 1 ? '' : 's'}`;
  if (reading === 'no clear difference') {
    const between = overTime
      ? `in ${labels.first} between ${firstWhen} and ${secondWhen}`
      : `between ${labels.first} and ${labels.second}`;
    const start = overTime ? 'No clear difference' : `${capitalised(firstWhen)}: no clear difference`;
    return {
      reading,
      sentence: `${start} in mean ${claims.quantity} ${between}: ${signed(difference.mean, decimals)} [${signed(difference.low, decimals)}, ${signed(difference.high, decimals)}] over ${pairs}, so the model does not show here that ${definition.meaning}.`,
    };
  }
  const higher = difference.mean > 0;
  const size = Math.abs(difference.mean);
  const [low, high] = higher ? [difference.low, difference.high] : [-difference.high, -difference.low];
  const amount = `${fixed(size, decimals)} [${fixed(low, decimals)}, ${fixed(high, decimals)}]`;
  const statement = overTime
    ? `Mean ${claims.quantity} in ${labels.first} is ${reading === 'too small' ? 'only ' : ''}${amount} ${higher ? 'higher' : 'lower'} in ${firstWhen} than in ${secondWhen}`
    : `${capitalised(firstWhen)}: mean ${claims.quantity} is ${reading === 'too small' ? 'only ' : ''}${amount} ${higher ? 'higher' : 'lower'} in ${labels.first} than in ${labels.second}`;
  const tail =
    reading === 'as expected'
      ? ` over ${pairs} — ${definition.meaning}.`
      : reading === 'too small'
        ? higher === (definition.expected === 'higher')
          ? ` over ${pairs}, less than ${fixed(claims.smallest, claims.decimals)}: too small to show that ${definition.meaning}.`
          : ` over ${pairs}, the other way from what the paper's argument expects but less than ${fixed(claims.smallest, claims.decimals)}: practically none, so the model does not show here that ${definition.meaning}.`
        : ` over ${pairs}, the opposite of what the paper's argument expects, so the model does not show here that ${definition.meaning}.`;
  return { reading, sentence: `${statement}${tail}` };
}

function label(key: string, context: CaptionContext): string {
  if (key === context.caseKey || key === 'case') return 'the case';
  return context.labels?.get(key) ?? key;
}

function scenarioKey(key: string, context: CaptionContext): string {
  return key === 'case' ? context.caseKey : key;
}

/** The caption's sentence on when something first appears on a line. */
export function onsetSentence(
  result: Omit<OnsetResult, 'sentence'>,
  labels: { scenario: string; against: string },
  switchAt?: number,
): string {
  const { definition } = result;
  if (result.appears === 0)
    return `${capitalised(definition.what)} does not appear in ${labels.scenario} in any of ${plural(result.replicates, 'replicate')}.`;
  const range =
    result.earliest === result.latest
      ? `in week ${result.earliest}`
      : `between weeks ${result.earliest} and ${result.latest} (median ${fixed(result.median, Number.isInteger(result.median) ? 0 : 1)})`;
  const after = switchAt === undefined ? '' : `, at or after the switch (week ${switchAt}) in ${result.afterSwitch} of them`;
  const against = Number.isFinite(result.againstMedian)
    ? ` In ${labels.against} it first appears at a median week of ${fixed(result.againstMedian, Number.isInteger(result.againstMedian) ? 0 : 1)}.`
    : ` It never appears in ${labels.against}.`;
  return `${capitalised(definition.what)} appears in ${labels.scenario} in ${result.appears} of ${plural(result.replicates, 'replicate')}, first ${range}${after}.${against} ${definition.why}`;
}

/**
 * The findings of one chart's caption from the replicates' weekly series:
 * each comparison whose scenarios were collected and whose window exists on
 * the case's course, and the onset, if any.
 * @example
 * const findings = chartFindings(chartClaims['staff-load'], collector, { caseKey: 'case', phases, weeks: 104 });
 */
export function chartFindings(claims: ChartClaims, collector: SeriesCollector, context: CaptionContext): ChartFindings {
  const comparisons: ComparisonResult[] = [];
  for (const definition of claims.comparisons) {
    const first = scenarioKey(definition.first, context);
    const second = scenarioKey(definition.second, context);
    if (!collector.has(first) || !collector.has(second)) continue;
    const window = resolveWindow(definition.window, context.phases, context.weeks);
    const secondWindow = resolveWindow(definition.secondWindow ?? definition.window, context.phases, context.weeks);
    if (window === undefined || secondWindow === undefined) continue;
    const firstValues = collector.windowMeans(first, claims.column, window);
    const secondValues = collector.windowMeans(second, claims.column, secondWindow);
    const pairs = firstValues
      .map((value, replicate) => [value, secondValues[replicate] as number] as const)
      .filter(([left, right]) => Number.isFinite(left) && Number.isFinite(right));
    const difference = pairedDifference(
      pairs.map(([, right]) => right),
      pairs.map(([left]) => left),
    );
    const { reading, sentence } = comparisonSentence(definition, claims, { first: window, second: secondWindow }, difference, {
      first: label(first, context),
      second: label(second, context),
    });
    comparisons.push({ definition, window, secondWindow, difference, reading, sentence });
  }
  const onsetDefinition = claims.onset;
  if (onsetDefinition === undefined) return { comparisons };
  const scenario = scenarioKey(onsetDefinition.scenario, context);
  const against = scenarioKey(onsetDefinition.against, context);
  if (!collector.has(scenario) || !collector.has(against)) return { comparisons };
  const firstWeeks = collector.firstWeekAbove(scenario, claims.column, onsetDefinition.level);
  const appearing = firstWeeks.filter((week) => Number.isFinite(week));
  const againstWeeks = collector
    .firstWeekAbove(against, claims.column, onsetDefinition.level)
    .filter((week) => Number.isFinite(week));
  const switchAt = switchWeek(context.phases);
  const result = {
    definition: onsetDefinition,
    appears: appearing.length,
    replicates: firstWeeks.length,
    earliest: appearing.length > 0 ? Math.min(...appearing) : Number.NaN,
    median: sampleQuantile(appearing, 0.5),
    latest: appearing.length > 0 ? Math.max(...appearing) : Number.NaN,
    afterSwitch: switchAt === undefined ? 0 : appearing.filter((week) => week >= switchAt).length,
    againstMedian: sampleQuantile(againstWeeks, 0.5),
  };
  return {
    comparisons,
    onset: {
      ...result,
      sentence: onsetSentence(result, { scenario: label(scenario, context), against: label(against, context) }, switchAt),
    },
  };
}
