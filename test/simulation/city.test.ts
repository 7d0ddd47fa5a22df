/** A city runs street by street: each street as its own run, in any order or shard the same. */
import { describe, expect, it } from 'vitest';
import { type CityStreet, generateCity, parseCity } from '../../src/generators/index.js';
import { type CityStreetResult, runCity, runCityStreet, runWithCommunities } from '../../src/simulation/index.js';

describe('runCity', () => {
  const city = parseCity(generateCity({ seed: 4, districts: 2, streets: 3, communities: 9, households: 6000, weeks: 20 }));

  it('hands each street to the caller as it finishes, the same as a run of that street alone', async () => {
    const results: CityStreetResult[] = [];
    await runCity(city, (street) => {
      results.push(street);
    });
    expect(results.map((result) => result.index)).toEqual([0, 1, 2]);
    expect(results.flatMap((result) => result.communities)).toHaveLength(9);
    const alone = runWithCommunities((city.streets[1] as CityStreet).scenario, { seed: results[1]?.seed as number });
    expect(JSON.stringify(results[1]?.communities)).toBe(JSON.stringify(alone.communities));
    expect(JSON.stringify(runCityStreet(city.streets[2] as CityStreet, 2))).toBe(JSON.stringify(results[2]));
  });

  it('runs only the streets of a shard, with the same numbers', async () => {
    const all: CityStreetResult[] = [];
    await runCity(city, (street) => {
      all.push(street);
    });
    const shard: CityStreetResult[] = [];
    await runCity(
      city,
      (street) => {
        shard.push(street);
      },
      { includes: (index) => index % 2 === 1 },
    );
    expect(JSON.stringify(shard)).toBe(JSON.stringify([all[1]]));
  });
});
