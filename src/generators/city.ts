/**
 * A synthetic city from parameters alone, seeded, and the city file format.
 *
 * Departments serve a street, not the whole city, so a city is many streets,
 * each a world of its own with its own departments, Promotion Office and
 * budget: a city file holds one base scenario (mode, timeline, weeks,
 * parameters, the world's settings other than its communities) and the
 * districts, their streets and each street's communities. Street s of
 * district d runs as the base scenario with those communities, named
 * `<city>/<d>/<s>` and seeded `<city seed>/<d>/<s>` — its seed follows from
 * its name, never from its position in the file.
 *
 * The default figures are Shanghai's, as round figures from its official
 * statistics (the statistical yearbooks and the 2020 census): 16 districts,
 * about 215 streets and towns, about 6,000 residents' and villagers'
 * committees and about 24 million residents, i.e. about 8 million households
 * at Y's 3.0 residents a household. 73% old neighbourhoods is Z Street's
 * share (the paper), applied to the city for want of a city figure.
 * How the generator spreads them (assumptions, stated): streets over districts
 * and communities over streets in proportion to log-normal weights (log-scale
 * spreads 0.4 and 0.3), at least one each; households over communities in
 * proportion to log-normal weights (spread 0.5, as a street's sizes) on top of
 * 50 each, so the city total is exactly the figure asked for. No part goes
 * past what the scenario schema lets it hold — 10,000 communities a street,
 * 100,000 households a community, 10,000,000 a street: a part that would is
 * given the limit and the rest is split again over the others (a city within
 * the limits is generated as it would be without them). Old
 * neighbourhoods join the renewal at week 1, the others never (null).
 */
import * as z from 'zod';
import { plural, wholeNumberText } from '../core/index.js';
import {
  describeIssues,
  formatPath,
  inputProblems,
  type ModeInput,
  maximumCommunities,
  maximumCommunityHouseholds,
  maximumHouseholds,
  modeSchema,
  oneLineText,
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioInput,
  type ScenarioProblem,
  totalHouseholds,
} from '../scenario/index.js';
import {
  checkOptionNames,
  chooseOld,
  communityOfSize,
  type GeneratedCommunity,
  generatorStream,
  givenOption,
  optionError,
  streetFigures,
} from './street.js';

/** Shanghai's round figures (see the file header): the defaults of {@link generateCity}. */
export const cityFigures = {
  districts: 16,
  streets: 215,
  communities: 6000,
  households: 8_000_000,
} as const;

/** Most streets and communities a city file may hold: well above Shanghai's ~215 and ~6,000. */
export const cityLimits = { streets: 10_000, communities: 100_000 } as const;

/** The options {@link generateCity} takes; only `seed` is required, and any other key is refused. */
export interface CityOptions {
  /** Seed of the generator (also the city's seed). */
  seed: number;
  /** City name (default `city-<seed>`). */
  name?: string;
  /** Districts (default 16, from 1 to 1,000). */
  districts?: number;
  /** Streets in all (default 215; at least one per district). */
  streets?: number;
  /** Communities in all (default 6,000; at least one and at most 10,000 per street). */
  communities?: number;
  /** Households in all (default 8,000,000, at most 100,000,000; at least 50 and at most 100,000 per community, at most 10,000,000 per street). */
  households?: number;
  /** Share of communities that are old neighbourhoods (default 0.73). */
  oldShare?: number;
  /** Log-scale spread of community sizes (default 0.5). */
  householdsSpread?: number;
  /** The mode of every street (default administrative-led). */
  mode?: ModeInput;
  /** Weeks every street runs (default 104). */
  weeks?: number;
}

/** A city file as written. */
export interface CityInput {
  $schema?: string;
  name: string;
  description?: string;
  seed: number;
  /** The base scenario of every street: everything but its name, seed and communities. */
  scenario: Omit<ScenarioInput, 'name' | 'seed'>;
  districts: Array<{ name: string; streets: Array<{ name: string; communities: GeneratedCommunity[] }> }>;
}

/**
 * `total` split over `weights`: `minimum` each, the rest in proportion to
 * the weights, rounded by largest remainder (ties to the lower index), so the
 * parts add up to `total` exactly. A part that would be above `maximum` gets
 * `maximum`, and what is left is split so again over the others: where no
 * part would be above it, the split is the same as without a maximum.
 * @example apportion(10, [1, 1, 2], 1) // [3, 3, 4]
 * @example apportion(10, [1, 1, 8], 1, 4) // [3, 3, 4]
 */
export function apportion(
  total: number,
  weights: readonly number[],
  minimum: number,
  maximum = Number.POSITIVE_INFINITY,
): number[] {
  if (total - minimum * weights.length < 0)
    throw new RangeError(`cannot give ${minimum} to each of ${weights.length} parts of ${total}`);
  if (total > maximum * weights.length)
    throw new RangeError(`cannot give at most ${maximum} to each of ${weights.length} parts of ${total}`);
  const parts = weights.map(() => maximum);
  let open = weights.map((_, index) => index);
  let left = total;
  for (;;) {
    const shares = apportionWithoutMaximum(
      left,
      open.map((index) => weights[index] as number),
      minimum,
    );
    const within = open.filter((_, position) => (shares[position] as number) <= maximum);
    if (within.length === open.length) {
      open.forEach((index, position) => {
        parts[index] = shares[position] as number;
      });
      return parts;
    }
    // Those above the maximum keep it; the rest of the total is split again over the others.
    left -= maximum * (open.length - within.length);
    open = within;
  }
}

/** {@link apportion} with no maximum. */
function apportionWithoutMaximum(total: number, weights: readonly number[], minimum: number): number[] {
  const rest = total - minimum * weights.length;
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const quotas = weights.map((weight) => (rest * weight) / weightTotal);
  const parts = quotas.map((quota) => minimum + Math.floor(quota));
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  const order = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] as number) + 1;
    left--;
  }
  return parts;
}

function checkWhole(name: string, value: number, minimum: number, maximum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum)
    throw optionError(name, `expected a whole number from ${minimum} to ${maximum}, got ${givenOption(value)}`);
}

/** The options {@link generateCity} takes (every one: the type says so). */
const cityOptionNames = Object.keys({
  seed: true,
  name: true,
  districts: true,
  streets: true,
  communities: true,
  households: true,
  oldShare: true,
  householdsSpread: true,
  mode: true,
  weeks: true,
} satisfies Record<keyof CityOptions, true>);

/**
 * A synthetic city (see the file header for each figure's source). What it returns is always a city `parseCity`
 * accepts.
 * @throws ScenarioError (source "generator options") whose problems name the option, when one is unknown, null or out
 *   of range, alone or with the others (more households than the communities or streets may hold, more communities
 *   than the streets may hold; in the rare case it depends on the draws, the seed is named too), or the mode or name
 *   would make a street's scenario invalid
 * @example
 * const city = generateCity({ seed: 1 }); // 16 districts, 215 streets, 6,000 communities, 8,000,000 households
 */
export function generateCity(options: CityOptions): CityInput {
  checkOptionNames(options, cityOptionNames);
  const districts = options.districts ?? cityFigures.districts;
  const streets = options.streets ?? cityFigures.streets;
  const communities = options.communities ?? cityFigures.communities;
  const households = options.households ?? cityFigures.households;
  const mode = options.mode ?? 'administrative-led';
  const weeks = options.weeks ?? 104;
  const oldShare = options.oldShare ?? streetFigures.oldShare;
  const spread = options.householdsSpread ?? streetFigures.householdsSpread;
  checkWhole('seed', options.seed, 0, Number.MAX_SAFE_INTEGER);
  checkWhole('districts', districts, 1, 1000);
  checkWhole('streets', streets, districts, cityLimits.streets);
  checkWhole('communities', communities, streets, cityLimits.communities);
  checkWhole('households', households, 50 * communities, 100_000_000);
  // What the scenario schema lets one community and one street's world hold bounds the options together.
  checkAtMost(
    'communities',
    communities,
    maximumCommunities * streets,
    `${wholeNumberText(maximumCommunities)} a street`,
    plural(streets, 'street'),
  );
  checkAtMost(
    'households',
    households,
    maximumCommunityHouseholds * communities,
    `${wholeNumberText(maximumCommunityHouseholds)} a community`,
    plural(communities, 'community', 'communities'),
  );
  checkAtMost(
    'households',
    households,
    maximumHouseholds * streets,
    `${wholeNumberText(maximumHouseholds)} a street`,
    plural(streets, 'street'),
  );
  if (!Number.isFinite(oldShare) || oldShare < 0 || oldShare > 1)
    throw optionError('oldShare', `expected a number from 0 to 1, got ${givenOption(oldShare)}`);
  if (!Number.isFinite(spread) || spread < 0 || spread > 3)
    throw optionError('householdsSpread', `expected a number from 0 to 3, got ${givenOption(spread)}`);
  checkWhole('weeks', weeks, 1, 5200);
  const name = options.name ?? `city-${options.seed}`;
  const districtDigits = String(districts).length;
  const streetDigits = String(streets).length;
  const communityDigits = String(communities).length;
  checkCityName(name, `/D${'0'.repeat(districtDigits)}/S${'0'.repeat(streetDigits)}`);
  checkMode(mode);

  const stream = generatorStream(options.seed, 'city');
  const streetsPerDistrict = apportion(
    streets,
    Array.from({ length: districts }, () => stream.logNormalWithMean(1, 0.4)),
    1,
  );
  const communitiesPerStreet = apportion(
    communities,
    Array.from({ length: streets }, () => stream.logNormalWithMean(1, 0.3)),
    1,
    maximumCommunities,
  );
  const sizes = communitySizes(
    households,
    Array.from({ length: communities }, () => stream.logNormalWithMean(1, spread)),
    communitiesPerStreet,
    options.seed,
  );
  const old = chooseOld(stream, communities, oldShare, false);
  let streetIndex = 0;
  let communityIndex = 0;
  const cityDistricts = streetsPerDistrict.map((count, district) => ({
    name: `D${String(district + 1).padStart(districtDigits, '0')}`,
    streets: Array.from({ length: count }, () => {
      const streetName = `S${String(++streetIndex).padStart(streetDigits, '0')}`;
      const size = communitiesPerStreet[streetIndex - 1] as number;
      return {
        name: streetName,
        communities: Array.from({ length: size }, () => {
          const index = communityIndex++;
          const community = communityOfSize(`C${String(index + 1).padStart(communityDigits, '0')}`, sizes[index] as number);
          // Old neighbourhoods take part from week 1 (the key is left out); the others never.
          if (old[index] !== true) community.joinsWeek = null;
          return community;
        }),
      };
    }),
  }));
  return {
    name,
    description: `A synthetic city (generateCity, seed ${options.seed}): ${plural(districts, 'district')}, ${plural(streets, 'street or town', 'streets and towns')}, ${plural(communities, 'community', 'communities')}, ${plural(households, 'household')}; ${Math.round(100 * oldShare)}% old neighbourhoods in the renewal from week 1.`,
    seed: options.seed,
    scenario: { mode, weeks },
    districts: cityDistricts,
  };
}

/** Refuses `value` of option `option` above `maximum`, what `each` (e.g. "100,000 a community") allows for `given`. */
function checkAtMost(option: string, value: number, maximum: number, each: string, given: string): void {
  if (value > maximum)
    throw optionError(
      option,
      `expected at most ${wholeNumberText(maximum)} (${each}, the most the scenario schema allows) for ${given}, got ${givenOption(value)}`,
    );
}

/** Refuses a city name that is not one line of text, or too long for its streets' names (`<city>/<district>/<street>`, `suffix` the rest). */
function checkCityName(name: unknown, suffix: string): void {
  const checked = oneLineText.safeParse(name);
  if (!checked.success) throw optionError('name', describeIssues(checked.error.issues)[0]?.message ?? 'expected a name');
  const longest = 200 - suffix.length;
  if ((name as string).length > longest)
    throw optionError(
      'name',
      `expected at most ${longest} characters, so that each street's name (<city>${suffix}) fits in 200, got ${(name as string).length}`,
    );
}

/** Refuses a mode the scenario schema does not take, naming its fields under `mode`. */
function checkMode(mode: unknown): void {
  // What was given is kept in each issue: a name that is no preset is echoed.
  const checked = modeSchema.safeParse(mode, { reportInput: true });
  if (checked.success) return;
  const problems = describeIssues(checked.error.issues).map((problem) => ({
    path: problem.path === '' ? 'mode' : `mode.${problem.path}`,
    message: problem.message,
  }));
  throw new ScenarioError('generator options', problems, 'generator options');
}

/**
 * Households of each community: `households` over the communities in proportion to `weights`, 50 each at least and
 * at most what the scenario schema lets a community hold, consecutive communities making a street as
 * `communitiesPerStreet` says. A street that would hold more than one street's world may is given that many, and the
 * rest is split so again over the other streets' communities: where none would, the split is
 * `apportion(households, weights, 50, maximumCommunityHouseholds)`.
 * @throws ScenarioError naming `households` when the streets drawn cannot hold them all
 */
function communitySizes(
  households: number,
  weights: readonly number[],
  communitiesPerStreet: readonly number[],
  seed: number,
): number[] {
  let first = 0;
  const streets = communitiesPerStreet.map((count) => {
    first += count;
    return { start: first - count, end: first };
  });
  const capacity = streets.reduce(
    (sum, street) => sum + Math.min(maximumHouseholds, maximumCommunityHouseholds * (street.end - street.start)),
    0,
  );
  if (households > capacity)
    throw optionError(
      'households',
      `expected at most ${wholeNumberText(capacity)}: what the streets drawn with seed ${seed} can hold (${wholeNumberText(maximumCommunityHouseholds)} a community, ${wholeNumberText(maximumHouseholds)} a street), got ${givenOption(households)}; ask for fewer households, or more streets or communities`,
    );
  const sizes = weights.map(() => 0);
  let open = streets;
  let left = households;
  for (;;) {
    const members = open.flatMap((street) =>
      Array.from({ length: street.end - street.start }, (_, index) => street.start + index),
    );
    const shares = apportion(
      left,
      members.map((index) => weights[index] as number),
      50,
      maximumCommunityHouseholds,
    );
    members.forEach((index, position) => {
      sizes[index] = shares[position] as number;
    });
    const streetTotal = (street: { start: number; end: number }) =>
      sizes.slice(street.start, street.end).reduce((sum, size) => sum + size, 0);
    const over = open.filter((street) => streetTotal(street) > maximumHouseholds);
    if (over.length === 0) return sizes;
    // A street above the limit holds the limit, split over its communities; the others share what is left.
    for (const street of over) {
      const streetShares = apportion(maximumHouseholds, weights.slice(street.start, street.end), 50, maximumCommunityHouseholds);
      streetShares.forEach((share, index) => {
        sizes[street.start + index] = share;
      });
      left -= maximumHouseholds;
    }
    open = open.filter((street) => !over.includes(street));
  }
}

/**
 * Adds an issue for each district named as an earlier one, and each street whose name makes with its district's one
 * an earlier street's `<district>/<street>`: a street is known and seeded by `<city>/<district>/<street>` (its seed,
 * its rows of streets.csv and communities.csv), so two of one name would run on one seed and be told apart by nothing.
 */
function checkUniqueNames(
  cityName: string,
  districts: ReadonlyArray<{ name: string; streets: ReadonlyArray<{ name: string }> }>,
  context: z.RefinementCtx,
): void {
  const districtNamed = new Map<string, number>();
  const streetNamed = new Map<string, [number, number]>();
  districts.forEach((district, districtIndex) => {
    const earlierDistrict = districtNamed.get(district.name);
    if (earlierDistrict !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['districts', districtIndex, 'name'],
        message: `${JSON.stringify(district.name)} is also the name of districts[${earlierDistrict}]: give each district a name of its own (a street is known and seeded by <city>/<district>/<street>)`,
      });
      // Its streets would repeat the earlier district's: the district's name is the problem, said once.
      return;
    }
    districtNamed.set(district.name, districtIndex);
    district.streets.forEach((street, streetIndex) => {
      const key = `${district.name}/${street.name}`;
      const earlier = streetNamed.get(key);
      if (earlier === undefined) {
        streetNamed.set(key, [districtIndex, streetIndex]);
        return;
      }
      const [otherDistrict, otherStreet] = earlier;
      context.addIssue({
        code: 'custom',
        path: ['districts', districtIndex, 'streets', streetIndex, 'name'],
        message:
          otherDistrict === districtIndex
            ? `${JSON.stringify(street.name)} is also the name of districts[${otherDistrict}].streets[${otherStreet}]: give each street of a district a name of its own (a street is known and seeded by <city>/<district>/<street>)`
            : `makes the street ${cityName}/${key}, as districts[${otherDistrict}].streets[${otherStreet}] does: a street is known and seeded by <city>/<district>/<street>, which must name one street only`,
      });
    });
  });
}

const streetSchema = z
  .object({
    name: oneLineText,
    communities: z.array(z.unknown()).min(1).max(10_000),
  })
  .strict();

/** The shape of a city file; each street's scenario is then validated by the scenario schema. */
export const citySchema = z
  .object({
    $schema: z.string().optional(),
    name: oneLineText,
    description: z.string().default(''),
    seed: z.number().int().nonnegative(),
    scenario: z.record(z.string(), z.unknown()).superRefine((scenario, context) => {
      for (const key of ['name', 'seed'])
        if (key in scenario)
          context.addIssue({
            code: 'custom',
            path: [key],
            message: `set by the city for each street (<city>/<district>/<street>): leave it out`,
          });
      const world = scenario.world as Record<string, unknown> | undefined;
      if (world !== undefined && typeof world === 'object' && world !== null && 'communities' in world)
        context.addIssue({
          code: 'custom',
          path: ['world', 'communities'],
          message: 'each street lists its own communities: leave them out of the base scenario',
        });
    }),
    districts: z
      .array(z.object({ name: oneLineText, streets: z.array(streetSchema).min(1) }).strict())
      .min(1)
      .max(1000),
  })
  .strict()
  .superRefine((city, context) => {
    checkUniqueNames(city.name, city.districts, context);
    const streets = city.districts.reduce((total, district) => total + district.streets.length, 0);
    if (streets > cityLimits.streets)
      context.addIssue({
        code: 'custom',
        path: ['districts'],
        message: `expected at most ${cityLimits.streets} streets, got ${streets}`,
      });
    const communities = city.districts.reduce(
      (total, district) => total + district.streets.reduce((sum, street) => sum + street.communities.length, 0),
      0,
    );
    if (communities > cityLimits.communities)
      context.addIssue({
        code: 'custom',
        path: ['districts'],
        message: `expected at most ${cityLimits.communities} communities, got ${communities}`,
      });
  });

/** One street of a parsed city: where it is and its scenario. */
export interface CityStreet {
  /** Its district's name. */
  district: string;
  /** Its name, unique in its district. */
  street: string;
  /** Its scenario as parsed: its communities, mode and timeline, named `<city>/<district>/<street>`. */
  scenario: Scenario;
}

/** A parsed city: its streets' scenarios, in file order. */
export interface City {
  /** The city's name. */
  name: string;
  /** What the city is (empty when the file gives none). */
  description: string;
  /** The city file's seed. */
  seed: number;
  /** Every street, in the file's order (district by district). */
  streets: CityStreet[];
  /** Households in all. */
  households: number;
  /** Communities in all. */
  communities: number;
}

/**
 * Refuses what {@link parseCity} is given besides the city: a `source` that is not text, and options that are not an
 * object, hold a key other than `mode` (a misspelt one would be left out without a word, the city's own mode used)
 * or give a mode the scenario schema refuses (which would otherwise be reported as the file's `scenario.mode`).
 * @throws ScenarioError (source "city options") naming the argument or option
 */
function checkCityArguments(source: unknown, options: unknown): void {
  const problems: ScenarioProblem[] = [];
  if (typeof source !== 'string') problems.push({ path: 'source', message: `expected text, got ${givenOption(source)}` });
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    problems.push({ path: '(top level)', message: `expected an object of options, got ${givenOption(options)}` });
  else
    for (const [key, value] of Object.entries(options)) {
      if (key !== 'mode') problems.push({ path: key, message: 'unknown option (expected mode)' });
      else if (value !== undefined) {
        const mode = modeSchema.safeParse(value, { reportInput: true });
        if (!mode.success)
          problems.push(
            ...describeIssues(mode.error.issues).map((problem) => ({
              ...problem,
              path: problem.path === '' ? 'mode' : `mode.${problem.path}`,
            })),
          );
      }
    }
  if (problems.length > 0) throw new ScenarioError('city options', problems, 'city options');
}

/**
 * Validates a city file and builds each street's scenario; with `mode`, every
 * street runs under that mode throughout (its timeline and switch rule dropped).
 * @throws ScenarioError naming the file and the field (`districts[2].streets[0].communities[5].households`)
 * @throws ScenarioError (source "city options") naming the option, when `source` is not text or an option is unknown
 *   or not a mode, before the city is read
 */
export function parseCity(input: unknown, source = 'city', options: { mode?: ModeInput } = {}): City {
  checkCityArguments(source, options);
  const parsed = citySchema.safeParse(input, { reportInput: true });
  const problems: ScenarioProblem[] = inputProblems(parsed, input, citySchema);
  // With the file's own fields wrong, its streets' scenarios are still checked as far as its shape allows, so that
  // one reading reports every problem, not one layer at a time.
  const city = parsed.success ? parsed.data : cityShape(input);
  if (city === undefined) throw new ScenarioError(source, problems, 'city');
  const base = { ...city.scenario } as Record<string, unknown>;
  if (options.mode !== undefined) {
    base.mode = options.mode;
    delete base.timeline;
    delete base.switchRule;
  }
  const streets: CityStreet[] = [];
  let households = 0;
  let communities = 0;
  city.districts.forEach((district, districtIndex) => {
    district.streets.forEach((street, streetIndex) => {
      // A street with no communities is the schema's problem, already listed (and the empty stand-in of an entry that
      // could not be read).
      if (!parsed.success && street.communities.length === 0) return;
      const input = {
        ...base,
        name: `${city.name}/${district.name}/${street.name}`,
        seed: `${city.seed}/${district.name}/${street.name}`,
        world: { ...((base.world as object | undefined) ?? {}), communities: street.communities },
      };
      try {
        const scenario = parseScenario(input, source);
        streets.push({ district: district.name, street: street.name, scenario });
        households += totalHouseholds(scenario.world.communities);
        communities += scenario.world.communities.length;
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        const prefix = formatPath(['districts', districtIndex, 'streets', streetIndex]);
        for (const problem of error.problems) {
          // A problem of the street's communities is the file's; one of the rest is the base scenario's.
          const inStreet = problem.path.startsWith('world.communities');
          problems.push({
            ...problem,
            path: inStreet ? `${prefix}.${problem.path.slice('world.'.length)}` : `scenario.${problem.path}`,
            // A message naming another community of the street (a name given twice) names it as the file has it.
            ...(inStreet ? { message: problem.message.replaceAll('world.communities[', `${prefix}.communities[`) } : {}),
          });
        }
      }
    });
  });
  if (problems.length > 0) {
    // The base scenario's problems repeat for every street: list each once.
    const seen = new Set<string>();
    const unique = problems.filter((problem) => {
      const key = `${problem.path}\u0000${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    throw new ScenarioError(source, unique, 'city');
  }
  return { name: city.name, description: city.description, seed: city.seed, streets, households, communities };
}

/**
 * What can be read of a city file that its schema refused: its name, seed and
 * base scenario where they have the right kind, and the districts and streets
 * that are objects listing communities; undefined when no street is left.
 */
function cityShape(input: unknown): z.output<typeof citySchema> | undefined {
  const record = (value: unknown): Record<string, unknown> | undefined =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const file = record(input);
  if (file === undefined || !Array.isArray(file.districts)) return undefined;
  // An entry that cannot be read stays in its place, empty, so that the others keep their indices in error paths.
  const districts = file.districts.map((value) => {
    const district = record(value);
    if (district === undefined || !Array.isArray(district.streets)) return { name: '', streets: [] };
    const streets = district.streets.map((street) => {
      const found = record(street);
      return found !== undefined && Array.isArray(found.communities)
        ? { name: String(found.name), communities: found.communities as unknown[] }
        : { name: '', communities: [] };
    });
    return { name: String(district.name), streets };
  });
  if (!districts.some((district) => district.streets.some((street) => street.communities.length > 0))) return undefined;
  return {
    name: String(file.name),
    description: '',
    seed: typeof file.seed === 'number' ? file.seed : 0,
    scenario: record(file.scenario) ?? {},
    districts,
  };
}
