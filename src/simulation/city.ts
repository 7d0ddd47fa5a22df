/**
 * Running a city street by street. Departments serve a street, so each street
 * is a world of its own; the city runs them one after another, handing each
 * street's per-community summaries and run summary to `onStreet` as soon as it
 * finishes and keeping nothing of it — memory is bounded by one street, not
 * by the city. A street's seed derives from its name (city.ts in generators),
 * so the same city, mode and replicate give the same numbers in any order.
 *
 * A city run also has a city-wide summary of the run summary's measures
 * ({@link summariseCityRun}), one aggregation per measure
 * ({@link cityAggregations}), kept as a running aggregate while the streets
 * run: this is what a sweep of a city keeps of each run.
 */
import { canonicalJson, finishSteps, finishStepsPausing, hashString53, type Steps } from '../core/index.js';
import type { City, CityStreet } from '../generators/index.js';
import {
  type CommunitySummary,
  effortPerOutput,
  hoursPerCompletedProject,
  type RunSummary,
  renewalHoursPerWeek,
  satisfactionPerMoney,
  wasteShare,
} from '../metrics/index.js';
import { isParsedScenario, parseScenario, ScenarioError } from '../scenario/index.js';
import { type ArgumentCheck, checkArgumentWith } from './arguments.js';
import { givenValue } from './model.js';
import { type CommunityRun, runWithCommunitiesSteps } from './rollout.js';
import { runSeed } from './seeds.js';

/** One finished street of a city run. */
export interface CityStreetResult {
  /** The street's place in the city's file order (0-based). */
  index: number;
  /** The street's district's name. */
  district: string;
  /** The street's name. */
  street: string;
  /** The seed its run had (derived from its own world and the replicate). */
  seed: number;
  /** The street's run summary, over all its communities. */
  summary: RunSummary;
  /** One summary per community, in the street's order. */
  communities: CommunitySummary[];
}

/** The options of a city's run ({@link runCityStreet}, {@link runCity}, {@link summariseCityRun}). */
export interface CityRunOptions {
  /** Replicate of every street (default 0): each street's seed is its scenario's seed of this replicate. */
  replicate?: number;
  /** Weeks to run (default: the city's). */
  weeks?: number;
  /** Only the streets whose index satisfies this (default all): for sharding a city over processes. */
  includes?: (index: number) => boolean;
}

/** The options of a city's run. */
const cityRunOptionNames: ReadonlyArray<keyof CityRunOptions> = ['replicate', 'weeks', 'includes'];

/** Checks one street of a city at `path`: an object with its district, street and scenario. */
function checkStreet(check: ArgumentCheck, street: unknown, path: string): void {
  if (!check.object(street, path, 'a street {district, street, scenario}')) return;
  check.text(street.district, `${path}.district`);
  check.text(street.street, `${path}.street`);
  check.object(street.scenario, `${path}.scenario`, 'a scenario');
}

/**
 * Checks a city's run options (`includes` among them only where `known` has
 * it): replicate a non-negative whole number, weeks a whole number from 1,
 * includes a function.
 */
function checkCityRunOptions(options: unknown, known: readonly string[]): void {
  checkArgumentWith('city run options', (check) => check.callback(check.options(options, known).includes, 'includes'));
}

/**
 * Checks a city as {@link runCity}, {@link summariseCityRun} and
 * {@link estimatedCityRunCost} take it — what `parseCity` returns: an object
 * whose `streets` is a list of {district, street, scenario} (each scenario is
 * checked as it runs, as `runScenario` checks any).
 * @throws ScenarioError naming the field (`streets`, `streets[3].scenario`) and what was expected
 */
export function checkCity(city: unknown): void {
  checkArgumentWith('city', (check) => {
    if (!check.object(city, '(top level)', 'a city (what parseCity returns)')) return;
    const streets = city.streets;
    if (!Array.isArray(streets))
      check.add('streets', `expected a list of streets (what parseCity returns), got ${givenValue(streets)}`);
    else for (const [index, street] of streets.entries()) checkStreet(check, street, `streets[${index}]`);
  });
}

/**
 * Runs one street of a city, following every community.
 * @throws ScenarioError naming the argument (`street`, `index`, `city run options`) and the field, when one is not what it should be; or the street's scenario's problems
 */
export function runCityStreet(street: CityStreet, index: number, options: CityRunOptions = {}): CityStreetResult {
  return finishSteps(runCityStreetSteps(street, index, options));
}

/**
 * {@link runCityStreet} in steps, yielding after each week: run with `finishStepsPausing` to let the event loop in
 * during a long street (`govsim city -j 1` answers Ctrl-C so); the same result, byte for byte.
 * @throws ScenarioError as {@link runCityStreet} does, at the first step
 */
export function* runCityStreetSteps(street: CityStreet, index: number, options: CityRunOptions = {}): Steps<CityStreetResult> {
  checkArgumentWith('city street', (check) => {
    checkStreet(check, street, 'street');
    check.wholeNumber(index, 'index', 0);
  });
  checkCityRunOptions(options, cityRunOptionNames);
  return yield* runStreetSteps(street, index, options);
}

/** {@link runCityStreet} of arguments already checked, in steps. */
function* runStreetSteps(street: CityStreet, index: number, options: CityRunOptions): Steps<CityStreetResult> {
  // The seed of the street as parsed (defaults filled), as a city file's street gets it, even for one built in code.
  const scenario = isParsedScenario(street.scenario)
    ? street.scenario
    : parseScenario(street.scenario, `streets[${index}].scenario`);
  const seed = runSeed(scenario, options.replicate ?? 0);
  // Every street is a world of its own: no other run will start from a copy of it.
  const run: CommunityRun = yield* runWithCommunitiesSteps(scenario, {
    seed,
    keepWorld: false,
    ...(options.weeks === undefined ? {} : { weeks: options.weeks }),
  });
  return {
    index,
    district: street.district,
    street: street.street,
    seed,
    summary: run.result.summary,
    communities: run.communities,
  };
}

/**
 * Runs every street of `city` in file order, calling `onStreet` with each as
 * it finishes (an async `onStreet` is awaited before the next street starts,
 * so a writer can stream the rows to disk).
 * @throws ScenarioError (as a rejection) naming the argument (`city`, `onStreet`, `city run options`) and the field, when one is not what it should be (see `checkCity`), before any street runs
 */
export async function runCity(
  city: City,
  onStreet: (result: CityStreetResult) => void | Promise<void>,
  options: CityRunOptions = {},
): Promise<void> {
  checkCity(city);
  if (typeof onStreet !== 'function')
    throw new ScenarioError(
      'onStreet',
      [{ path: '(top level)', message: `expected a function, got ${givenValue(onStreet)}` }],
      'callback',
    );
  checkCityRunOptions(options, cityRunOptionNames);
  for (let index = 0; index < city.streets.length; index++) {
    if (options.includes !== undefined && !options.includes(index)) continue;
    // Pausing now and then within a street, so that a signal or a page's input is answered during a long one.
    await onStreet(await finishStepsPausing(runStreetSteps(city.streets[index] as CityStreet, index, options)));
  }
}

/**
 * How one city-wide value of a run summary follows from the streets' values
 * (see {@link cityAggregations} for each measure's):
 * - `sum`: Σ over streets of the street value.
 * - `weighted-mean`: Σ w·v ÷ Σ w over the streets whose value is defined
 *   (not NaN) and whose weight w is not 0, with w the street's `weight`; NaN
 *   when there are none. Taken as a running mean in the city's order, so a
 *   city of one street gives that street's value exactly.
 * - `smallest`, `largest`: the smallest or largest defined street value (NaN when none is).
 * - `city-formula`: the measure's own definition applied to the city-wide
 *   values of other measures (never another formula's).
 */
export type CityAggregation =
  | { rule: 'sum' }
  | { rule: 'weighted-mean'; weight: StreetWeight }
  | { rule: 'smallest' }
  | { rule: 'largest' }
  | { rule: 'city-formula'; formula: (city: RunSummary) => number };

/**
 * What a street's value counts for in a weighted mean: its households, its
 * communities, 1 (every street alike), its duplicate and conflict pairs, its
 * projects taken on and not cancelled, or its projects done.
 */
export type StreetWeight = 'households' | 'communities' | 'streets' | 'pairs' | 'live-projects' | 'projects-done';

/** A rule for every number of a run summary (model extensions' measures aside): the shape of {@link RunSummary}. */
export type CityAggregations = {
  [Group in Exclude<keyof RunSummary, 'extensions'>]: RunSummary[Group] extends number
    ? CityAggregation
    : { [Measure in keyof RunSummary[Group]]: CityAggregation };
};

const sum: CityAggregation = { rule: 'sum' };
const smallest: CityAggregation = { rule: 'smallest' };
const largest: CityAggregation = { rule: 'largest' };
const weightedBy = (weight: StreetWeight): CityAggregation => ({ rule: 'weighted-mean', weight });
const formula = (of: (city: RunSummary) => number): CityAggregation => ({ rule: 'city-formula', formula: of });

/**
 * One aggregation per measure of a run summary: how a city run's summary
 * follows from its streets' summaries, each street a world of its own run
 * for the same weeks. Where the street summaries allow it, the city-wide
 * value is the measure's definition applied to the whole city — a count or
 * total summed, a mean over households (communities, pairs, live projects)
 * weighted by them, a ratio taken of summed totals, a first week the
 * smallest. Where they do not — peaks, quantiles, rank correlations, means
 * over things the summary does not count — the value is a weighted mean of
 * the street values, said so below as "stand-in"; it is a typical street's
 * value, not the city's own.
 */
export const cityAggregations: CityAggregations = {
  /** Every street runs the same weeks: that number (the largest, all being equal). */
  weeks: largest,
  /** Σ households. */
  households: sum,
  /** Σ residents. */
  residents: sum,
  load: {
    /** Stand-in: household-weighted mean of the streets' peak staff loads (staff are sized to households). */
    staffPeak: weightedBy('households'),
    /** Stand-in: household-weighted mean of the streets' mean staff loads (the city's would weight by staff capacity hours, not in the summary). */
    staffMean: weightedBy('households'),
    /** Stand-in: household-weighted mean of the streets' shares of overloaded weeks. */
    staffOverloadedWeekShare: weightedBy('households'),
    /** Σ staff backlog hours at the end. */
    staffBacklogHoursEnd: sum,
    /** Stand-in: mean over streets of their peak department loads. */
    departmentPeak: weightedBy('streets'),
    /**
     * Mean over streets of their mean department loads: every street has the
     * base scenario's departments and hours, so this is the mean over weeks
     * of Σ demand ÷ Σ capacity of all the city's departments.
     */
    departmentMean: weightedBy('streets'),
    /** Stand-in: mean over streets of their shares of weeks with department load over 1. */
    departmentOverloadedWeekShare: weightedBy('streets'),
    /** Σ department backlog hours at the end. */
    departmentBacklogHoursEnd: sum,
    /** Stand-in: mean over streets of their paperwork shares (the hours they are shares of are not in the summary). */
    paperworkShare: weightedBy('streets'),
  },
  fragmentation: {
    /** Stand-in: mean of the streets' values weighted by their projects taken on and not cancelled (the approved projects it is taken over are among them). */
    interfacesPerProject: weightedBy('live-projects'),
    /** Mean over the city's projects taken on and not cancelled: the streets' values weighted by those projects. */
    meanDepartmentsPerProject: weightedBy('live-projects'),
    /** Stand-in: weighted by projects taken on and not cancelled, as interfaces per project. */
    unintegratedShare: weightedBy('live-projects'),
    /** Stand-in: weighted by projects taken on and not cancelled, as interfaces per project. */
    fragmentationIndex: weightedBy('live-projects'),
    /** Σ of the streets' weekly means: the mean over weeks of the city's open docking threads. */
    openDockingThreadsMean: sum,
    /** Σ of the streets' peaks: an upper bound of the city's peak (the streets need not peak in the same week). */
    openDockingThreadsPeak: sum,
    /** Stand-in: household-weighted mean of the streets' mean weeks to settle a question (questions settled are not counted in the summary). */
    crossDepartmentSettleWeeks: weightedBy('households'),
  },
  duplication: {
    /** Σ duplicate and conflict pairs. */
    pairs: sum,
    /** Σ duplicate pairs. */
    duplicatePairs: sum,
    /** Σ conflict pairs. */
    conflictPairs: sum,
    /** Pairs caught before spending ÷ all pairs, city-wide: the streets' shares weighted by their pairs. */
    caughtBeforeSpendShare: weightedBy('pairs'),
    /** Σ money wasted ÷ Σ money spent (`wasteShare`). */
    wasteShare: formula((city) => wasteShare(city.efficiency.wasted, city.efficiency.spent)),
    /** Stand-in: the streets' mean lags weighted by their pairs (the lag is taken over pairs resolved, a part of them). */
    detectionLagWeeks: weightedBy('pairs'),
  },
  satisfaction: {
    /** Mean over the city's households: household-weighted mean. */
    end: weightedBy('households'),
    /** Mean gain over the city's households: household-weighted mean. */
    gain: weightedBy('households'),
    /** Mean over the city's communities of their top-5 coverage: community-weighted mean. */
    topFiveCoverage: weightedBy('communities'),
    /** Mean over the city's households: household-weighted mean. */
    perceived: weightedBy('households'),
    /** Stand-in: household-weighted mean of the streets' rank correlations. */
    needMatch: weightedBy('households'),
  },
  participation: {
    /** Share of the city's households: household-weighted mean. */
    awareShare: weightedBy('households'),
    /** Share of the city's households: household-weighted mean. */
    engagedShare: weightedBy('households'),
    /** Per 100 of the city's households: household-weighted mean. */
    suggestionsPer100Households: weightedBy('households'),
    /** Σ deliberators. */
    deliberators: sum,
    /** Stand-in: community-weighted mean of the streets' means over their communities with a council. */
    deliberatorRetention: weightedBy('communities'),
    /** Σ council meetings. */
    councilMeetings: sum,
  },
  trust: {
    /** Mean over the city's households: household-weighted mean. */
    start: weightedBy('households'),
    /** Mean over the city's households: household-weighted mean. */
    end: weightedBy('households'),
    /** Mean over the city's households: household-weighted mean. */
    efficacyEnd: weightedBy('households'),
  },
  idling: {
    /** Stand-in: household-weighted mean of the streets' idle shares (their pipeline weeks are not in the summary). */
    idleShare: weightedBy('households'),
    /** Σ renewal hours. */
    renewalHours: sum,
    /** Σ renewal hours ÷ weeks. */
    renewalHoursPerWeek: formula((city) => renewalHoursPerWeek(city.idling.renewalHours, city.weeks)),
    /** Σ renewal hours ÷ the city's satisfaction gain (`effortPerOutput`). */
    effortPerOutput: formula((city) => effortPerOutput(city.idling.renewalHours, city.satisfaction.gain)),
  },
  completion: {
    /** Σ projects taken on. */
    projectsTakenOn: sum,
    /** Σ projects done. */
    projectsDone: sum,
    /** Σ projects cancelled. */
    projectsCancelled: sum,
    /** Stand-in: the streets' medians weighted by their projects done. */
    medianWeeks: weightedBy('projects-done'),
    /** Stand-in: the streets' 90th percentiles weighted by their projects done. */
    p90Weeks: weightedBy('projects-done'),
    /** The first week a top-5 pain point was done anywhere in the city: the smallest. */
    weeksToFirstTopFiveDone: smallest,
    /** Stand-in: the streets' values weighted by their projects taken on and not cancelled. */
    weeksTo80PercentOfPlan: weightedBy('live-projects'),
    /** Stand-in: the streets' rank correlations weighted by their projects done. */
    priorityOrderAgreement: weightedBy('projects-done'),
  },
  efficiency: {
    /** Σ money spent. */
    spent: sum,
    /** Σ money wasted. */
    wasted: sum,
    /**
     * The city's satisfaction gain ÷ Σ money spent (`satisfactionPerMoney`):
     * as for a street, a mean gain over a total, so it falls with the city's
     * size; compare it between runs of one city.
     */
    satisfactionPerMoney: formula((city) => satisfactionPerMoney(city.satisfaction.gain, city.efficiency.spent)),
    /** Σ renewal hours ÷ Σ projects done (`hoursPerCompletedProject`). */
    hoursPerCompletedProject: formula((city) => hoursPerCompletedProject(city.idling.renewalHours, city.completion.projectsDone)),
  },
  meetings: {
    /** Σ audit reports. */
    audits: sum,
    /** Σ joint meetings. */
    jointMeetings: sum,
    /** Σ on-site meetings. */
    onSiteMeetings: sum,
    /** Σ expert hours. */
    expertHours: sum,
  },
  governance: {
    /** The first week any street's switch rule switched: the smallest (NaN when none did). */
    switchWeek: smallest,
  },
};

/** One measure of the summary: where it sits and its rule. */
interface CityMeasure {
  group: string | undefined;
  key: string;
  aggregation: CityAggregation;
}

const cityMeasures: readonly CityMeasure[] = Object.entries(cityAggregations).flatMap(([group, value]): CityMeasure[] =>
  'rule' in value
    ? [{ group: undefined, key: group, aggregation: value as CityAggregation }]
    : Object.entries(value as Record<string, CityAggregation>).map(([key, aggregation]) => ({ group, key, aggregation })),
);

function streetValue(summary: RunSummary, measure: CityMeasure): number {
  const record = summary as unknown as Record<string, unknown>;
  const holder = (measure.group === undefined ? record : record[measure.group]) as Record<string, number>;
  return holder[measure.key] as number;
}

function streetWeight(summary: RunSummary, communities: number, weight: StreetWeight): number {
  switch (weight) {
    case 'households':
      return summary.households;
    case 'communities':
      return communities;
    case 'streets':
      return 1;
    case 'pairs':
      return summary.duplication.pairs;
    case 'live-projects':
      return summary.completion.projectsTakenOn - summary.completion.projectsCancelled;
    case 'projects-done':
      return summary.completion.projectsDone;
  }
}

/**
 * The running city-wide summary of a city run: each street's summary is
 * added as it finishes, in the city's order, and only the running values are
 * kept (two numbers a measure), so memory does not grow with the city.
 * @example
 * const aggregate = new CitySummaryAggregate();
 * for (const [index, street] of city.streets.entries()) {
 *   const result = runCityStreet(street, index, { replicate: 3 });
 *   aggregate.add(result.summary, result.communities.length);
 * }
 * aggregate.summary().satisfaction.end; // household-weighted mean over the streets
 */
export class CitySummaryAggregate {
  /** Per measure: the running value (a sum from 0; a mean or an extreme NaN until a value is defined). */
  private readonly values = Float64Array.from(cityMeasures, (measure) => (measure.aggregation.rule === 'sum' ? 0 : Number.NaN));
  /** Per measure: the weights added so far (weighted means only). */
  private readonly weights = new Float64Array(cityMeasures.length);

  /** Adds one street's run summary; `communities` is the number of its communities. */
  add(summary: RunSummary, communities: number): void {
    cityMeasures.forEach((measure, index) => {
      const value = streetValue(summary, measure);
      const current = this.values[index] as number;
      const { aggregation } = measure;
      if (aggregation.rule === 'sum') this.values[index] = current + value;
      else if (aggregation.rule === 'weighted-mean') {
        const weight = streetWeight(summary, communities, aggregation.weight);
        if (Number.isNaN(value) || weight === 0) return;
        const weights = (this.weights[index] as number) + weight;
        this.weights[index] = weights;
        this.values[index] = Number.isNaN(current) ? value : current + (weight / weights) * (value - current);
      } else if (aggregation.rule === 'smallest') {
        if (!Number.isNaN(value) && (Number.isNaN(current) || value < current)) this.values[index] = value;
      } else if (aggregation.rule === 'largest') {
        if (!Number.isNaN(value) && (Number.isNaN(current) || value > current)) this.values[index] = value;
      }
    });
  }

  /** The city-wide summary of the streets added so far (no `extensions`). */
  summary(): RunSummary {
    const city: Record<string, unknown> = {};
    const place = (measure: CityMeasure, value: number) => {
      if (measure.group === undefined) city[measure.key] = value;
      else {
        const holder = (city[measure.group] ?? {}) as Record<string, number>;
        holder[measure.key] = value;
        city[measure.group] = holder;
      }
    };
    cityMeasures.forEach((measure, index) => {
      place(measure, this.values[index] as number);
    });
    const summary = city as unknown as RunSummary;
    for (const measure of cityMeasures)
      if (measure.aggregation.rule === 'city-formula') place(measure, measure.aggregation.formula(summary));
    return summary;
  }
}

/** A whole city run summarised city-wide. */
export interface CityRunSummary {
  /**
   * A hash of the streets' seeds in the city's order: the same for two city
   * runs whose streets run on the same seeds (the modes of one city and
   * replicate do, so they pair as a scenario's runs do), another for another
   * replicate or another world.
   */
  seed: number;
  summary: RunSummary;
}

/**
 * Runs every street of `city` in file order with `options.replicate` and
 * summarises the city run as {@link cityAggregations} says, keeping only the
 * running summary and each street's seed: memory is bounded by one street's
 * run, not by the city.
 * @example
 * const { seed, summary } = summariseCityRun(parseCity(generateCity({ seed: 1 })), { replicate: 3 });
 * summary.completion.projectsDone; // the city's projects done
 * @throws ScenarioError naming the argument (`city`, `city run options`) and the field, when one is not what it should be (see `checkCity`), before any street runs
 */
export function summariseCityRun(city: City, options: Omit<CityRunOptions, 'includes'> = {}): CityRunSummary {
  return finishSteps(summariseCityRunSteps(city, options));
}

/**
 * {@link summariseCityRun} in steps, yielding after each week of each street: run with `finishStepsPausing` to let
 * the event loop in during a city run of minutes (`govsim sweep -j 1` of a city base answers Ctrl-C so); the same
 * summary, byte for byte.
 * @throws ScenarioError as {@link summariseCityRun} does, at the first step
 */
export function* summariseCityRunSteps(city: City, options: Omit<CityRunOptions, 'includes'> = {}): Steps<CityRunSummary> {
  checkCity(city);
  checkCityRunOptions(options, ['replicate', 'weeks']);
  const aggregate = new CitySummaryAggregate();
  const seeds: number[] = [];
  for (let index = 0; index < city.streets.length; index++) {
    const result = yield* runStreetSteps(city.streets[index] as CityStreet, index, options);
    aggregate.add(result.summary, result.communities.length);
    seeds.push(result.seed);
  }
  return { seed: hashString53(canonicalJson(seeds)), summary: aggregate.summary() };
}
