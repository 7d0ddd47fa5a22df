/**
 * A synthetic street from parameters alone, seeded: tens of communities of
 * sizes drawn from a stated distribution, a share of them old neighbourhoods
 * (老旧小区) in the renewal programme — the pilot first, the others in batches
 * — and the rest outside it. The result is a scenario as written in a file
 * (`parseScenario` validates it); the same options give the same bytes.
 *
 * Where the figures come from (round figures, no invented precision):
 *
 * - 73% of the street's communities are old neighbourhoods: Z Street's share,
 *   as the paper gives it (有73%的社区是老旧小区).
 * - A street holds tens of communities, about 100,000 residents: Shanghai's
 *   round figures (city.ts). Its ~6,000 residents' committees in ~215 streets
 *   and towns give about 28 communities a street, the default.
 * - About 8 million households in ~6,000 communities give about 1,333
 *   households a community, the default mean; 3.0 residents a household is
 *   Y's (6,759 ÷ 2,253) and the city's (~24 million ÷ ~8 million).
 * - Sizes are log-normal around that mean with a log-scale spread of 0.5 (an
 *   assumption: most communities within a factor of about 2.7 of the mean).
 * - The pilot is Y: 2,253 households, 6,759 residents (the paper).
 * - Buildings, sites and staff scale with households from Y's 40 buildings,
 *   60 sites and 8 staff per 2,253 households (the schema's defaults, basis A),
 *   with at least 1 building, 5 sites and 3 staff.
 */
import { createRandomSource, hashString53, plural, type RandomStream, wholeNumberText } from '../core/index.js';
import {
  type ModeInput,
  maximumCommunityHouseholds,
  maximumHouseholds,
  parseScenario,
  ScenarioError,
  type ScenarioInput,
  type ScenarioProblem,
  type TimelineEntry,
  totalHouseholds,
} from '../scenario/index.js';

/** Y's figures (the paper) and the defaults a community is scaled from. */
export const yCommunity = { households: 2253, residents: 6759, buildings: 40, sites: 60, communityStaff: 8 } as const;

/**
 * The name of a generated street when its options give none: the seed, then the mode (its preset name, or
 * `custom-mode` for the mechanisms' settings) and `-with-timeline` when the street's mode changes over time.
 * @example defaultStreetName(7, 'co-production', undefined) // 'street-7-co-production'
 */
export function defaultStreetName(seed: number, mode: ModeInput | undefined, timeline: readonly unknown[] | undefined): string {
  const modeName = typeof mode === 'string' ? mode : mode === undefined ? 'administrative-led' : 'custom-mode';
  return `street-${seed}-${modeName}${timeline !== undefined && timeline.length > 0 ? '-with-timeline' : ''}`;
}

/** Round figures the generators start from; see the file header and city.ts for their sources. */
export const streetFigures = {
  /** Share of Z Street's communities that are old neighbourhoods (the paper: 73%). */
  oldShare: 0.73,
  /** Communities of a street: ~6,000 committees ÷ ~215 streets and towns. */
  communities: 28,
  /** Households of a community on average: ~8 million ÷ ~6,000. */
  householdsMean: 1333,
  /** Log-scale spread of community sizes (an assumption). */
  householdsSpread: 0.5,
  /** Residents per household: Y's 6,759 ÷ 2,253, and the city's ~24 million ÷ ~8 million. */
  residentsPerHousehold: 3,
} as const;

/** The options {@link generateStreet} takes; only `seed` is required, and any other key is refused. */
export interface StreetOptions {
  /** Seed of the generator (also the scenario's base seed). */
  seed: number;
  /**
   * Scenario name (default `street-<seed>-<mode>`: the mode's preset name, `custom-mode` for settings, and
   * `-with-timeline` after it when there is a timeline), so that streets generated under different modes are told
   * apart where they are compared.
   */
  name?: string;
  /** Communities in the street, the pilot included (default 28). */
  communities?: number;
  /** Mean households of a community (default 1,333). */
  householdsMean?: number;
  /** The log-scale spread of community sizes (default 0.5). */
  householdsSpread?: number;
  /** Share of communities that are old neighbourhoods, in the renewal programme (default 0.73). */
  oldShare?: number;
  /** Whether the first community is the pilot, Y (default true). */
  pilot?: boolean;
  /** Batches the other old neighbourhoods join in (default 3; 0: all join at week 1 with the pilot). */
  batches?: number;
  /** Week the first batch joins (default 27). */
  firstBatchWeek?: number;
  /** Weeks between batches (default 26). */
  batchIntervalWeeks?: number;
  /** The street's mode (default administrative-led). */
  mode?: ModeInput;
  /** The street's timeline of mode changes (default none). */
  timeline?: ReadonlyArray<Omit<TimelineEntry, 'mode'> & { mode: ModeInput }>;
  /** Weeks to simulate (default 104). */
  weeks?: number;
  /** Prefix of community names (default `C`): `C01`, `C02`, … */
  namePrefix?: string;
}

/** One community of a generated street, as written in a scenario. */
export interface GeneratedCommunity {
  name: string;
  households: number;
  residents: number;
  buildings: number;
  sites: number;
  communityStaff: number;
  joinsWeek?: number | null;
}

/** A community of `households` households, scaled from Y. */
export function communityOfSize(name: string, households: number): GeneratedCommunity {
  const scale = households / yCommunity.households;
  return {
    name,
    households,
    residents: Math.round(households * streetFigures.residentsPerHousehold),
    buildings: Math.max(1, Math.round(yCommunity.buildings * scale)),
    sites: Math.max(5, Math.round(yCommunity.sites * scale)),
    communityStaff: Math.max(3, Math.round(yCommunity.communityStaff * scale)),
  };
}

/** A community size: log-normal with the given mean and spread, rounded, from 50 to 100,000 households. */
export function drawHouseholds(stream: RandomStream, mean: number, spread: number): number {
  return Math.min(maximumCommunityHouseholds, Math.max(50, Math.round(stream.logNormalWithMean(mean, spread))));
}

/** The generator's random stream for `seed` and a purpose: the same seed, the same draws. */
export function generatorStream(seed: number, purpose: string): RandomStream {
  return createRandomSource(hashString53(`govsim-generator:${purpose}:${seed}`)).stream(purpose);
}

/**
 * Which of `count` communities are old neighbourhoods: round(oldShare × count)
 * of them, the pilot (index 0, when `pilot`) always one, even where that
 * rounds to none.
 */
export function chooseOld(stream: RandomStream, count: number, oldShare: number, pilot: boolean): boolean[] {
  const oldCount = Math.min(count, Math.max(pilot ? 1 : 0, Math.round(oldShare * count)));
  const candidates = stream.shuffle(Array.from({ length: count - (pilot ? 1 : 0) }, (_, index) => index + (pilot ? 1 : 0)));
  const old = Array.from({ length: count }, () => false);
  if (pilot && count > 0) old[0] = true;
  for (const index of candidates.slice(0, oldCount - (pilot ? 1 : 0))) old[index] = true;
  return old;
}

/**
 * A value as an option's message shows it: a string quoted and called one (`"5"` is not the number 5), a list or
 * another object by its kind (`[5]` is not the number 5 either, and an object has no words of its own).
 */
export function givenOption(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}

/**
 * The error for a generator option that does not fit: a ScenarioError whose one problem names the option, as
 * every other argument check of the library gives.
 * @example optionError('communities', 'expected a whole number from 1 to 10000, got 0').message
 * // 'generator options: invalid generator options\n  - communities: expected a whole number from 1 to 10000, got 0'
 */
export function optionError(option: string, message: string): ScenarioError {
  return new ScenarioError('generator options', [{ path: option, message }], 'generator options');
}

/**
 * Refuses options that are not an object, that hold a key not in `known` (a misspelt option would
 * otherwise be left out without a word, its default used), or that give an option as null (which
 * would likewise be read as left out; an option left out, or given as undefined, takes its default).
 * @throws ScenarioError naming the option ({@link optionError}), as the generators' other checks do
 */
export function checkOptionNames(options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw optionError(
      '(top level)',
      `expected an object of options, got ${Array.isArray(options) ? 'a list' : givenOption(options)}`,
    );
  for (const [key, value] of Object.entries(options)) {
    if (!known.includes(key)) throw optionError(key, `unknown option (expected ${known.join(', ')})`);
    if (value === null) throw optionError(key, 'expected a value, got null (leave the option out for its default)');
  }
}

/** The options {@link generateStreet} takes (every one: the type says so). */
const streetOptionNames = Object.keys({
  seed: true,
  name: true,
  communities: true,
  householdsMean: true,
  householdsSpread: true,
  oldShare: true,
  pilot: true,
  batches: true,
  firstBatchWeek: true,
  batchIntervalWeeks: true,
  mode: true,
  timeline: true,
  weeks: true,
  namePrefix: true,
} satisfies Record<keyof StreetOptions, true>);

function checkWhole(name: string, value: number, minimum: number, maximum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum)
    throw optionError(name, `expected a whole number from ${minimum} to ${maximum}, got ${givenOption(value)}`);
}

function checkNumber(name: string, value: number, minimum: number, maximum: number): void {
  if (!Number.isFinite(value) || value < minimum || value > maximum)
    throw optionError(name, `expected a number from ${minimum} to ${maximum}, got ${givenOption(value)}`);
}

/**
 * The problems of a generated scenario, each at the option it comes from: its `name`, `mode` and `timeline` as
 * given, its communities' names from `namePrefix`; any other at its own path.
 */
function generatedScenarioProblems(input: ScenarioInput): ScenarioProblem[] {
  try {
    parseScenario(input, 'generator options');
    return [];
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const seen = new Set<string>();
    return error.problems.flatMap((problem) => {
      const named = /^world\.communities\[\d+\]\.name$/.test(problem.path)
        ? { path: 'namePrefix', message: `${problem.message} (a community's name is the prefix and its number)` }
        : problem;
      const key = `${named.path}\u0000${named.message}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [named];
    });
  }
}

/**
 * The generated street in words, from what was drawn: how many communities are in the renewal programme (the share
 * asked for, rounded), the pilot, the weeks the others join (one batch a distinct week; from week 1 without batches)
 * and how many stay outside it.
 */
function streetDescription(
  communities: number,
  seed: number,
  householdsMean: number,
  householdsSpread: number,
  oldShare: number,
  pilot: boolean,
  generated: readonly GeneratedCommunity[],
  rollout: readonly number[],
): string {
  const inProgramme = generated.filter((community) => community.joinsWeek !== null).length;
  const joinWeeks = [...new Set(rollout.map((index) => generated[index]?.joinsWeek ?? 1))].sort((a, b) => a - b);
  const others =
    rollout.length === 0
      ? ''
      : joinWeeks.length === 1 && joinWeeks[0] === 1
        ? `, ${pilot ? 'the other' : 'all'} ${plural(rollout.length, 'community', 'communities')} from week 1`
        : `, ${pilot ? 'the other' : 'the'} ${plural(rollout.length, 'community', 'communities')} in ${plural(joinWeeks.length, 'batch', 'batches')} joining at week${joinWeeks.length === 1 ? '' : 's'} ${joinWeeks.length === 1 ? joinWeeks[0] : `${joinWeeks.slice(0, -1).join(', ')} and ${joinWeeks[joinWeeks.length - 1]}`}`;
  const outside = communities - inProgramme;
  return `A synthetic street of ${plural(communities, 'community', 'communities')} (generateStreet, seed ${seed}): sizes log-normal around ${householdsMean} households (spread ${householdsSpread}); ${inProgramme === 0 ? 'none' : inProgramme} in the renewal programme (old neighbourhoods, ${Math.round(100 * oldShare)}% of the street asked for)${pilot ? ', Y the pilot from week 1' : ''}${others}; ${outside === 0 ? 'none' : outside} outside it.`;
}

/**
 * A synthetic street as a scenario (see the file header for each figure's source). What it returns is always a
 * scenario `parseScenario` accepts.
 * @throws ScenarioError (source "generator options") whose problems name the option, when one is unknown, null or
 *   out of range, or the scenario the options make would not be valid (a mode or timeline the scenario schema
 *   refuses, communities drawn that hold more households than one street may)
 * @example
 * const scenario = parseScenario(generateStreet({ seed: 1, mode: 'co-production' }));
 * scenario.world.communities.length; // 28
 */
export function generateStreet(options: StreetOptions): ScenarioInput {
  checkOptionNames(options, streetOptionNames);
  const communities = options.communities ?? streetFigures.communities;
  const householdsMean = options.householdsMean ?? streetFigures.householdsMean;
  const householdsSpread = options.householdsSpread ?? streetFigures.householdsSpread;
  const oldShare = options.oldShare ?? streetFigures.oldShare;
  const pilot = options.pilot ?? true;
  const batches = options.batches ?? 3;
  const firstBatchWeek = options.firstBatchWeek ?? 27;
  const batchIntervalWeeks = options.batchIntervalWeeks ?? 26;
  const weeks = options.weeks ?? 104;
  checkWhole('seed', options.seed, 0, Number.MAX_SAFE_INTEGER);
  checkWhole('communities', communities, 1, 10_000);
  checkNumber('householdsMean', householdsMean, 50, 100_000);
  checkNumber('householdsSpread', householdsSpread, 0, 3);
  checkNumber('oldShare', oldShare, 0, 1);
  checkWhole('batches', batches, 0, 1000);
  checkWhole('weeks', weeks, 1, 5200);
  if (typeof pilot !== 'boolean') throw optionError('pilot', `expected true or false, got ${givenOption(pilot)}`);
  const prefix = options.namePrefix ?? 'C';
  if (typeof prefix !== 'string') throw optionError('namePrefix', `expected text, got ${givenOption(prefix)}`);
  if (options.timeline !== undefined && !Array.isArray(options.timeline))
    throw optionError('timeline', `expected a list of mode changes {week, mode, event?}, got ${givenOption(options.timeline)}`);
  // With no batches every old neighbourhood joins at week 1: the first batch's week means nothing.
  if (batches > 0) checkWhole('firstBatchWeek', firstBatchWeek, 1, weeks);
  checkWhole('batchIntervalWeeks', batchIntervalWeeks, 0, 5200);

  const stream = generatorStream(options.seed, 'street');
  const digits = String(communities).length;
  const generated: GeneratedCommunity[] = [];
  for (let index = 0; index < communities; index++) {
    if (pilot && index === 0) {
      generated.push({ ...communityOfSize('Y', yCommunity.households), residents: yCommunity.residents });
      continue;
    }
    const name = `${prefix}${String(index + 1).padStart(digits, '0')}`;
    generated.push(communityOfSize(name, drawHouseholds(stream, householdsMean, householdsSpread)));
  }
  const old = chooseOld(stream, communities, oldShare, pilot);
  // The old neighbourhoods other than the pilot, in a random order, split into batches of (nearly) equal size.
  const rollout = stream.shuffle(
    generated.map((_, index) => index).filter((index) => old[index] === true && !(pilot && index === 0)),
  );
  // No batch is left empty: with more batches asked for than communities to join, each joins in a batch of its own.
  const filledBatches = Math.min(batches, rollout.length);
  const lastBatchWeek = firstBatchWeek + Math.max(0, filledBatches - 1) * batchIntervalWeeks;
  if (filledBatches > 0 && lastBatchWeek > weeks) {
    // batchIntervalWeeks is at least 1 here: with 0 every batch joins at firstBatchWeek, within the weeks.
    const fitting = Math.floor((weeks - firstBatchWeek) / batchIntervalWeeks) + 1;
    throw optionError(
      'batches',
      `the last batch would join at week ${lastBatchWeek}, after the street's ${weeks} weeks: at most ${fitting} ${fitting === 1 ? 'batch joins' : 'batches join'} within them (the first at week ${firstBatchWeek}, one every ${batchIntervalWeeks} weeks), or 0 (every old neighbourhood from week 1)`,
    );
  }
  rollout.forEach((index, position) => {
    const batch = batches === 0 ? -1 : Math.floor((position * filledBatches) / rollout.length);
    const community = generated[index] as GeneratedCommunity;
    if (batch >= 0) community.joinsWeek = firstBatchWeek + batch * batchIntervalWeeks;
  });
  generated.forEach((community, index) => {
    if (old[index] !== true) community.joinsWeek = null;
  });
  const scenario = {
    name: options.name ?? defaultStreetName(options.seed, options.mode, options.timeline),
    description: streetDescription(
      communities,
      options.seed,
      householdsMean,
      householdsSpread,
      oldShare,
      pilot,
      generated,
      rollout,
    ),
    weeks,
    seed: options.seed,
    mode: options.mode ?? 'administrative-led',
    ...(options.timeline === undefined ? {} : { timeline: options.timeline.map((entry) => ({ ...entry })) }),
    world: { communities: generated },
  } as ScenarioInput;
  // What is returned must load: draws that add up to more households than a street may hold, and a mode, timeline
  // or name the options give and the scenario schema refuses, are the options' problems.
  const households = totalHouseholds(generated);
  if (households > maximumHouseholds)
    throw optionError(
      'householdsMean',
      `the ${communities} communities drawn hold ${wholeNumberText(households)} households, more than the ${wholeNumberText(maximumHouseholds)} one street may hold: ask for fewer communities or a smaller mean`,
    );
  const problems = generatedScenarioProblems(scenario);
  if (problems.length > 0) throw new ScenarioError('generator options', problems, 'generator options');
  return scenario;
}
