/** A synthetic city at Shanghai's round figures, and the city file format. */
import { describe, expect, it } from 'vitest';
import { apportion, type CityInput, type CityOptions, cityFigures, generateCity, parseCity } from '../../src/generators/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { toJson } from '../../src/simulation/index.js';

describe('apportion', () => {
  it('splits a total in proportion to weights by largest remainder, a minimum each', () => {
    expect(apportion(10, [1, 1, 2], 1)).toEqual([3, 3, 4]);
    expect(apportion(7, [1, 1, 1], 0)).toEqual([3, 2, 2]);
    expect(() => apportion(2, [1, 1, 1], 1)).toThrow(RangeError);
  });

  it('gives a part that would be above the maximum the maximum, the rest to the others; the same split where none would be', () => {
    expect(apportion(10, [1, 1, 8], 1, 4)).toEqual([3, 3, 4]);
    expect(apportion(12, [1, 1, 8], 1, 4)).toEqual([4, 4, 4]);
    expect(apportion(10, [1, 1, 2], 1, 4)).toEqual(apportion(10, [1, 1, 2], 1));
    expect(() => apportion(13, [1, 1, 8], 1, 4)).toThrow(RangeError);
  });
});

describe('generateCity', () => {
  const city = generateCity({ seed: 1 });

  it('has about 16 districts, 215 streets, 6,000 communities and 8 million households, exactly as asked', () => {
    expect(city.districts).toHaveLength(cityFigures.districts);
    const streets = city.districts.flatMap((district) => district.streets);
    expect(streets).toHaveLength(cityFigures.streets);
    const communities = streets.flatMap((street) => street.communities);
    expect(communities).toHaveLength(cityFigures.communities);
    expect(communities.reduce((total, community) => total + community.households, 0)).toBe(cityFigures.households);
    expect(communities.filter((community) => community.joinsWeek !== null)).toHaveLength(Math.round(0.73 * 6000));
    expect(Math.min(...communities.map((community) => community.households))).toBeGreaterThanOrEqual(50);
  });

  it('refuses an unknown (misspelt) option and values of the wrong type, naming them', () => {
    const misspelt = { seed: 1, district: 2 } as unknown as CityOptions;
    expect(() => generateCity(misspelt)).toThrow(ScenarioError);
    expect(() => generateCity(misspelt)).toThrow(/\n {2}- district: unknown option \(expected seed, name, districts, /);
    expect(() => generateCity(null as unknown as CityOptions)).toThrow(
      /\n {2}- \(top level\): expected an object of options, got null$/,
    );
    const text = { seed: '1' } as unknown as CityOptions;
    expect(() => generateCity(text)).toThrow(
      /\n {2}- seed: expected a whole number from 0 to 9007199254740991, got the string "1"$/,
    );
    const nulled = { seed: 1, districts: null } as unknown as CityOptions;
    expect(() => generateCity(nulled)).toThrow(
      /\n {2}- districts: expected a value, got null \(leave the option out for its default\)$/,
    );
  });

  it('never returns a city its parser refuses, at any documented option: a part past the schema’s limits gets the limit', () => {
    for (const options of [
      { seed: 1, households: 100_000_000 },
      { seed: 1, streets: 16, communities: 215 },
      { seed: 1, districts: 1, streets: 1, communities: 80 },
      { seed: 1, streets: 16, communities: 2000, households: 100_000_000 },
      { seed: 1, districts: 2, streets: 2, communities: 300, households: 20_000_000 },
    ]) {
      const generated = generateCity(options);
      const parsed = parseCity(generated);
      expect(parsed.households).toBe(options.households ?? cityFigures.households);
      const communities = generated.districts.flatMap((district) => district.streets.flatMap((street) => street.communities));
      expect(communities).toHaveLength(options.communities ?? cityFigures.communities);
      expect(Math.max(...communities.map((community) => community.households))).toBeLessThanOrEqual(100_000);
    }
  });

  it('refuses options that together ask for more than a community or a street may hold, naming the option', () => {
    const refusal = (options: CityOptions) => {
      try {
        generateCity(options);
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).source).toBe('generator options');
        return (error as ScenarioError).problems.map((problem) => `${problem.path}: ${problem.message}`);
      }
      throw new Error('not refused');
    };
    expect(refusal({ seed: 1, streets: 16, communities: 50 })).toEqual([
      'households: expected at most 5,000,000 (100,000 a community, the most the scenario schema allows) for 50 communities, got 8000000',
    ]);
    expect(refusal({ seed: 1, districts: 1, streets: 1, communities: 20_000, households: 1_000_000 })).toEqual([
      'communities: expected at most 10,000 (10,000 a street, the most the scenario schema allows) for 1 street, got 20000',
    ]);
    expect(refusal({ seed: 1, districts: 1, streets: 2, communities: 1000, households: 30_000_000 })).toEqual([
      'households: expected at most 20,000,000 (10,000,000 a street, the most the scenario schema allows) for 2 streets, got 30000000',
    ]);
    // Within those, what the streets drawn can hold: seed 1 puts too few communities on some of its 16 streets.
    expect(refusal({ seed: 1, streets: 16, communities: 1000, households: 100_000_000 })).toEqual([
      'households: expected at most 99,400,000: what the streets drawn with seed 1 can hold (100,000 a community, 10,000,000 a street), got 100000000; ask for fewer households, or more streets or communities',
    ]);
    expect(refusal({ seed: 1, mode: 'bogus' as never })[0]).toMatch(
      /^mode: "bogus" is not a preset name: expected a preset name/,
    );
    expect(refusal({ seed: 1, weeks: 0 })).toEqual(['weeks: expected a whole number from 1 to 5200, got 0']);
    expect(refusal({ seed: 1, name: 'x'.repeat(195) })).toEqual([
      "name: expected at most 191 characters, so that each street's name (<city>/D00/S000) fits in 200, got 195",
    ]);
    expect(refusal({ seed: 1, name: '' })).toEqual(['name: expected at least 1 character']);
  });

  it('gives the same bytes for the same seed', () => {
    expect(toJson(generateCity({ seed: 1 }))).toBe(toJson(city));
    expect(toJson(generateCity({ seed: 2 }))).not.toBe(toJson(city));
  });

  it('parses into one scenario a street, named and seeded by its place', () => {
    const parsed = parseCity(city);
    expect(parsed.streets).toHaveLength(215);
    expect(parsed.households).toBe(8_000_000);
    expect(parsed.communities).toBe(6000);
    const [first] = parsed.streets;
    expect(first?.scenario.name).toBe(`city-1/${first?.district}/${first?.street}`);
    expect(first?.scenario.seed).toBe(`1/${first?.district}/${first?.street}`);
    expect(parseCity(city, 'city', { mode: 'co-production' }).streets[0]?.scenario.mode).toBe('co-production');
  });

  it('refuses a misspelt option, a mode no scenario takes and a source that is not text, naming the option, not the file', () => {
    const small = generateCity({ seed: 1, districts: 1, streets: 1, communities: 1, households: 100 });
    const refused: Array<[() => unknown, RegExp]> = [
      [
        () => parseCity(small, 'city.json', { mdoe: 'pause' } as never),
        /city options: invalid city options\n {2}- mdoe: unknown option \(expected mode\)/,
      ],
      [
        () => parseCity(small, 'city.json', { mode: 'coproduction' as never }),
        /city options: invalid city options\n {2}- mode: "coproduction" is not a preset name; did you mean "co-production"\? expected a preset name/,
      ],
      [() => parseCity(small, 'city.json', null as never), /- \(top level\): expected an object of options, got null/],
      [() => parseCity(small, 5 as never), /- source: expected text, got 5/],
    ];
    for (const [parse, message] of refused) {
      expect(parse).toThrow(ScenarioError);
      expect(parse).toThrow(message);
      expect(parse).not.toThrow(/scenario\.mode/);
    }
  });

  it('names every district, street of a district and community of a street once, as the parser asks', () => {
    const streets = city.districts.flatMap((district) => district.streets.map((street) => `${district.name}/${street.name}`));
    expect(new Set(city.districts.map((district) => district.name)).size).toBe(city.districts.length);
    expect(new Set(streets).size).toBe(streets.length);
    for (const district of city.districts)
      for (const street of district.streets)
        expect(new Set(street.communities.map((community) => community.name)).size).toBe(street.communities.length);
  });

  it('refuses a district, a street of a district or a community of a street named twice, naming both', () => {
    const twice = structuredClone(generateCity({ seed: 1, districts: 2, streets: 4, communities: 8, households: 4000 }));
    const [first] = twice.districts as [CityInput['districts'][number]];
    const problems = (file: unknown) => {
      try {
        parseCity(file, 'city.json');
      } catch (error) {
        return (error as ScenarioError).problems;
      }
      return [];
    };
    const streets = structuredClone(twice);
    (streets.districts[0]?.streets[1] as { name: string }).name = first.streets[0]?.name as string;
    expect(problems(streets)).toEqual([
      {
        path: 'districts[0].streets[1].name',
        message: `"${first.streets[0]?.name}" is also the name of districts[0].streets[0]: give each street of a district a name of its own (a street is known and seeded by <city>/<district>/<street>)`,
      },
    ]);
    const districts = structuredClone(twice);
    (districts.districts[1] as { name: string }).name = first.name;
    expect(problems(districts)).toEqual([
      {
        path: 'districts[1].name',
        message: `"${first.name}" is also the name of districts[0]: give each district a name of its own (a street is known and seeded by <city>/<district>/<street>)`,
      },
    ]);
    // Names of their own that make one <district>/<street> all the same.
    const slashes = structuredClone(twice);
    Object.assign(slashes.districts[0] as object, { name: 'a/b' });
    Object.assign(slashes.districts[0]?.streets[0] as object, { name: 'c' });
    Object.assign(slashes.districts[1] as object, { name: 'a' });
    Object.assign(slashes.districts[1]?.streets[0] as object, { name: 'b/c' });
    expect(problems(slashes)).toEqual([
      {
        path: 'districts[1].streets[0].name',
        message: `makes the street ${twice.name}/a/b/c, as districts[0].streets[0] does: a street is known and seeded by <city>/<district>/<street>, which must name one street only`,
      },
    ]);
    const communities = structuredClone(twice);
    const street = communities.districts[1]?.streets[0];
    Object.assign(street?.communities[1] as object, { name: street?.communities[0]?.name });
    expect(problems(communities)).toEqual([
      {
        path: 'districts[1].streets[0].communities[1].name',
        message: `"${street?.communities[0]?.name}" is also the name of districts[1].streets[0].communities[0]: give each community of a street a name of its own`,
      },
    ]);
  });

  it('names the field of a bad community, and refuses a base scenario with names, seeds or communities', () => {
    const bad = structuredClone(generateCity({ seed: 1, districts: 1, streets: 2, communities: 4, households: 2000 }));
    const street = bad.districts[0]?.streets[1];
    if (street?.communities[0]) street.communities[0].households = 0;
    expect(() => parseCity(bad, 'bad.json')).toThrow(ScenarioError);
    expect(() => parseCity(bad, 'bad.json')).toThrow(/districts\[0\]\.streets\[1\]\.communities\[0\]\.households/);
    const named = { ...bad, scenario: { ...bad.scenario, name: 'x', world: { communities: [] } } };
    expect(() => parseCity(named, 'bad.json')).toThrow(/scenario\.name: set by the city/);
    expect(() => parseCity(named, 'bad.json')).toThrow(/scenario\.world\.communities/);
  });

  it('reports the file’s own problems and its streets’ at once, not one layer at a time', () => {
    const bad = structuredClone(
      generateCity({ seed: 1, districts: 1, streets: 2, communities: 4, households: 2000 }),
    ) as unknown as Record<string, unknown> & {
      districts: Array<{ streets: Array<{ communities: Array<Record<string, unknown>> }> }>;
    };
    bad.bogus = true;
    bad.scenario = { mode: 'hyper', parameters: { docking: { confirmationChance: 1.5 } } };
    (bad.districts[0]?.streets[1]?.communities[0] as Record<string, unknown>).households = 'many';
    const error = (() => {
      try {
        parseCity(bad, 'bad.json');
      } catch (caught) {
        return caught as ScenarioError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    const paths = error.problems.map((problem) => problem.path);
    expect(paths[0]).toBe('bogus');
    expect(paths).toContain('scenario.mode');
    expect(paths).toContain('scenario.parameters.docking.confirmationChance');
    expect(paths).toContain('districts[0].streets[1].communities[0].households');
    // The base scenario's problems are listed once, not once per street.
    expect(paths.filter((path) => path === 'scenario.mode')).toHaveLength(1);
  });

  it('keeps the place of each street in its paths when an entry before it cannot be read', () => {
    const bad = structuredClone(
      generateCity({ seed: 1, districts: 1, streets: 2, communities: 4, households: 2000 }),
    ) as unknown as {
      districts: Array<{ streets: unknown[] }>;
    };
    const district = bad.districts[0] as { streets: Array<{ communities: Array<Record<string, unknown>> } | string> };
    const second = district.streets[1] as { communities: Array<Record<string, unknown>> };
    (second.communities[0] as Record<string, unknown>).households = -1;
    district.streets[0] = 'oops';
    const problems = (() => {
      try {
        parseCity(bad, 'bad.json');
      } catch (caught) {
        return (caught as ScenarioError).problems.map((problem) => problem.path);
      }
      throw new Error('expected a refusal');
    })();
    expect(problems).toContain('districts[0].streets[0]');
    expect(problems).toContain('districts[0].streets[1].communities[0].households');
  });
});
