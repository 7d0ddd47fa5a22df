/**
 * Running a city street by street. Departments serve a street, so each street
 * is a world of its own; the city runs them one after another, handing each
 * street's per-community summaries and run summary to `onStreet` as soon as it
 * finishes and keeping nothing of it — memory is bounded by one street, not
 * by the city. A street's seed derives from its name (city.ts in generators),
 * so the same city, mode and replicate give the same numbers in any order.
 */
import type { City, CityStreet } from '../generators/index.js';
import type { CommunitySummary, RunSummary } from '../metrics/index.js';
import { type CommunityRun, runWithCommunities } from './rollout.js';
import { runSeed } from './seeds.js';

/** One finished street of a city run. */
export interface CityStreetResult {
  /** The street's place in the city's file order (0-based). */
  index: number;
  district: string;
  street: string;
  seed: number;
  summary: RunSummary;
  communities: CommunitySummary[];
}

export interface CityRunOptions {
  /** Replicate of every street (default 0): each street's seed is its scenario's seed of this replicate. */
  replicate?: number;
  /** Weeks to run (default: the city's). */
  weeks?: number;
  /** Only the streets whose index satisfies this (default all): for sharding a city over processes. */
  includes?: (index: number) => boolean;
}

/** Runs one street of a city, following every community. */
export function runCityStreet(street: CityStreet, index: number, options: CityRunOptions = {}): CityStreetResult {
  const seed = runSeed(street.scenario, options.replicate ?? 0);
  const run: CommunityRun = runWithCommunities(street.scenario, {
    seed,
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
 */
export async function runCity(
  city: City,
  onStreet: (result: CityStreetResult) => void | Promise<void>,
  options: CityRunOptions = {},
): Promise<void> {
  for (let index = 0; index < city.streets.length; index++) {
    if (options.includes !== undefined && !options.includes(index)) continue;
    await onStreet(runCityStreet(city.streets[index] as CityStreet, index, options));
  }
}
