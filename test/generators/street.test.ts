/** A synthetic street: the same seed gives the same scenario; its figures follow the stated distribution. */
import { describe, expect, it } from 'vitest';
import { generateStreet, type StreetOptions, streetFigures, yCommunity } from '../../src/generators/index.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import { toJson } from '../../src/simulation/index.js';

type Community = { name: string; households: number; residents: number; joinsWeek?: number | null };
const communitiesOf = (input: ReturnType<typeof generateStreet>) => input.world?.communities as Community[];

describe('generateStreet', () => {
  it('gives the same bytes for the same seed, and other communities for another seed', () => {
    expect(toJson(generateStreet({ seed: 7 }))).toBe(toJson(generateStreet({ seed: 7 })));
    expect(toJson(generateStreet({ seed: 7 }).world)).not.toBe(toJson(generateStreet({ seed: 8 }).world));
  });

  it('makes a valid scenario: 28 communities, the pilot Y first from week 1, 73% old neighbourhoods in batches, the rest never', () => {
    const input = generateStreet({ seed: 3 });
    const scenario = parseScenario(input);
    expect(scenario.world.communities).toHaveLength(streetFigures.communities);
    const communities = communitiesOf(input);
    expect(communities[0]).toMatchObject({ name: 'Y', households: yCommunity.households, residents: yCommunity.residents });
    expect(communities[0]?.joinsWeek).toBeUndefined();
    const old = communities.filter((community) => community.joinsWeek !== null);
    expect(old).toHaveLength(Math.round(0.73 * 28));
    const weeks = old.slice(1).map((community) => community.joinsWeek);
    // Three batches of (nearly) equal size at weeks 27, 53 and 79.
    expect([27, 53, 79].map((week) => weeks.filter((joins) => joins === week).length).sort()).toEqual([6, 6, 7]);
    for (const community of communities) expect(community.residents).toBe(Math.round(community.households * 3));
  });

  it('is named by its seed and mode when the options give no name, so that two modes compared are told apart', () => {
    expect(generateStreet({ seed: 7 }).name).toBe('street-7-administrative-led');
    expect(generateStreet({ seed: 7, mode: 'co-production' }).name).toBe('street-7-co-production');
    expect(generateStreet({ seed: 7, mode: { participation: true, integration: false, pressure: 'low' } }).name).toBe(
      'street-7-custom-mode',
    );
    const timeline = [{ week: 20, mode: 'co-production' as const }];
    expect(generateStreet({ seed: 7, timeline }).name).toBe('street-7-administrative-led-with-timeline');
    expect(generateStreet({ seed: 7, mode: 'co-production', name: 'mine' }).name).toBe('mine');
  });

  it('names each community once, whatever the prefix, with or without the pilot Y', () => {
    for (const options of [{}, { namePrefix: 'Y' }, { namePrefix: '' }, { pilot: false, namePrefix: 'Y' }]) {
      const names = (generateStreet({ seed: 3, communities: 120, ...options }).world?.communities ?? []).map(
        (community) => community.name,
      );
      expect(new Set(names).size, JSON.stringify(options)).toBe(120);
    }
  });

  it('draws sizes log-normal around the mean asked for (checked on 4,000 communities)', () => {
    const communities = communitiesOf(generateStreet({ seed: 11, communities: 4000, pilot: false, batches: 0 }));
    const sizes = communities.map((community) => community.households);
    const mean = sizes.reduce((total, size) => total + size, 0) / sizes.length;
    expect(mean).toBeGreaterThan(0.97 * streetFigures.householdsMean);
    expect(mean).toBeLessThan(1.03 * streetFigures.householdsMean);
    // Log-scale spread 0.5: the standard deviation of log sizes.
    const logs = sizes.map(Math.log);
    const logMean = logs.reduce((total, value) => total + value, 0) / logs.length;
    const spread = Math.sqrt(logs.reduce((total, value) => total + (value - logMean) ** 2, 0) / (logs.length - 1));
    expect(spread).toBeGreaterThan(0.47);
    expect(spread).toBeLessThan(0.53);
    expect(communities.filter((community) => community.joinsWeek !== null)).toHaveLength(Math.round(0.73 * 4000));
    expect(communities.every((community) => community.joinsWeek === undefined || community.joinsWeek === null)).toBe(true);
  });

  it('refuses options out of range, naming them', () => {
    expect(() => generateStreet({ seed: 1, communities: 0 })).toThrow(/\n {2}- communities: expected a whole number/);
    expect(() => generateStreet({ seed: 1, oldShare: 1.5 })).toThrow(/\n {2}- oldShare:/);
    expect(() => generateStreet({ seed: 1, batches: 5 })).toThrow(
      "batches: the last batch would join at week 131, after the street's 104 weeks: at most 3 batches join within them (the first at week 27, one every 26 weeks), or 0 (every old neighbourhood from week 1)",
    );
    // What fits is counted from the first batch's week and the interval.
    expect(() => generateStreet({ seed: 1, weeks: 40 })).toThrow('at most 1 batch joins within them');
    expect(() => generateStreet({ seed: 1, weeks: 10 })).toThrow(
      /\n {2}- firstBatchWeek: expected a whole number from 1 to 10, got 27/,
    );
  });

  it('refuses an unknown (misspelt) option, options that are no object, and values of the wrong type, naming them', () => {
    // From JavaScript, or from a spread TypeScript does not check: a misspelt option would give the default without a word.
    const misspelt = { seed: 1, communites: 5 } as unknown as StreetOptions;
    expect(() => generateStreet(misspelt)).toThrow(ScenarioError);
    expect(() => generateStreet(misspelt)).toThrow(/^generator options: invalid generator options\n/);
    expect(() => generateStreet(misspelt)).toThrow(/\n {2}- communites: unknown option \(expected seed, name, communities, /);
    expect(() => generateStreet(undefined as unknown as StreetOptions)).toThrow(
      /\n {2}- \(top level\): expected an object of options, got undefined$/,
    );
    expect(() => generateStreet([] as unknown as StreetOptions)).toThrow(
      /\n {2}- \(top level\): expected an object of options, got a list$/,
    );
    const text = { seed: 1, communities: '5' } as unknown as StreetOptions;
    expect(() => generateStreet(text)).toThrow(
      /\n {2}- communities: expected a whole number from 1 to 10000, got the string "5"$/,
    );
    // A list or an object is named by its kind: "[5]" would read as the number 5, "{}" as "[object Object]".
    const list = { seed: 1, communities: [5] } as unknown as StreetOptions;
    expect(() => generateStreet(list)).toThrow(/\n {2}- communities: expected a whole number from 1 to 10000, got a list$/);
    const object = { seed: 1, oldShare: {} } as unknown as StreetOptions;
    expect(() => generateStreet(object)).toThrow(/\n {2}- oldShare: expected a number from 0 to 1, got an object$/);
    const pilot = { seed: 1, pilot: 'no' } as unknown as StreetOptions;
    expect(() => generateStreet(pilot)).toThrow(/\n {2}- pilot: expected true or false, got the string "no"$/);
    // null would read as left out, its default used without a word; undefined is left out.
    const nulled = { seed: 1, communities: null } as unknown as StreetOptions;
    expect(() => generateStreet(nulled)).toThrow(
      /\n {2}- communities: expected a value, got null \(leave the option out for its default\)$/,
    );
    expect(() => generateStreet({ seed: 1, namePrefix: null } as unknown as StreetOptions)).toThrow(
      /\n {2}- namePrefix: expected a value/,
    );
    expect(toJson(generateStreet({ seed: 1, communities: undefined }))).toBe(toJson(generateStreet({ seed: 1 })));
  });

  it('never returns a scenario its parser refuses: a mode, timeline, name or size that would not load is the options’ problem', () => {
    const refusal = (options: unknown) => {
      try {
        generateStreet(options as StreetOptions);
      } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).source).toBe('generator options');
        return (error as ScenarioError).problems.map((problem) => `${problem.path}: ${problem.message}`);
      }
      throw new Error('not refused');
    };
    expect(refusal({ seed: 1, mode: 'bogus' })).toEqual([
      'mode: "bogus" is not a preset name: expected a preset name (administrative-led, co-production, pause, participation-only, integration-only) or {participation, integration, pressure, renewal?}',
    ]);
    expect(refusal({ seed: 1, timeline: [{ week: 200, mode: 'co-production' }] })).toEqual([
      "timeline[0].week: expected a week within the scenario's 104 weeks: a change at week 200 would never happen",
    ]);
    expect(refusal({ seed: 1, timeline: [{ week: 5, mode: 'hyper' }] })[0]).toMatch(
      /^timeline\[0\]\.mode: "hyper" is not a preset name: expected a preset name/,
    );
    expect(refusal({ seed: 1, timeline: 'co-production' })).toEqual([
      'timeline: expected a list of mode changes {week, mode, event?}, got the string "co-production"',
    ]);
    expect(refusal({ seed: 1, name: 'two\nlines' })).toEqual([
      'name: expected one line of text without control characters (no line breaks, tabs or text-direction overrides)',
    ]);
    expect(refusal({ seed: 1, namePrefix: 5 })).toEqual(['namePrefix: expected text, got 5']);
    expect(refusal({ seed: 1, namePrefix: 'x'.repeat(199) })).toEqual([
      "namePrefix: expected at most 200 characters, got 201 (a community's name is the prefix and its number)",
    ]);
    expect(refusal({ seed: 1, communities: 10_000, householdsMean: 100_000 })).toEqual([
      expect.stringMatching(
        /^householdsMean: the 10000 communities drawn hold [\d,]+ households, more than the 10,000,000 one street may hold: ask for fewer communities or a smaller mean$/,
      ),
    ]);
    const timeline = [{ week: 30, mode: 'co-production' as const, event: 'the new approach' }];
    expect(parseScenario(generateStreet({ seed: 1, timeline })).timeline).toEqual(timeline);
  });

  it('takes a horizon shorter than the first batch’s week when there are no batches: everyone joins at week 1', () => {
    const communities = communitiesOf(generateStreet({ seed: 1, weeks: 10, batches: 0 }));
    expect(communities.filter((community) => community.joinsWeek !== null).length).toBeGreaterThan(1);
    expect(communities.every((community) => community.joinsWeek === undefined || community.joinsWeek === null)).toBe(true);
  });
});

describe('a generated street’s description', () => {
  const description = (options: StreetOptions) => generateStreet(options).description as string;

  it('says what was drawn: how many join, when, and how many stay outside', () => {
    expect(description({ seed: 2018, communities: 28, householdsMean: 1333 })).toContain(
      '20 in the renewal programme (old neighbourhoods, 73% of the street asked for), Y the pilot from week 1, the other 19 communities in 3 batches joining at weeks 27, 53 and 79; 8 outside it.',
    );
  });

  it('leaves no batch empty: more batches than communities to join gives each its own, one interval apart', () => {
    // Until 0.18.0 the 30 batches asked for were spread over the weeks, 27 + 10 and 20 intervals, empty ones between.
    expect(description({ seed: 9, communities: 5, batches: 30, batchIntervalWeeks: 1, firstBatchWeek: 27 })).toContain(
      'the other 3 communities in 3 batches joining at weeks 27, 28 and 29; 1 outside it.',
    );
    // Whether the batches fit the weeks is asked of the batches that have a community: 1 here, at week 27.
    expect(description({ seed: 1, communities: 3, batches: 3, weeks: 60 })).toContain(
      'the other 1 community in 1 batch joining at week 27',
    );
  });

  it('names the pilot alone in the programme, and no one outside it, when that is so', () => {
    expect(description({ seed: 9, communities: 6, oldShare: 0 })).toContain(
      '1 in the renewal programme (old neighbourhoods, 0% of the street asked for), Y the pilot from week 1; 5 outside it.',
    );
    expect(description({ seed: 9, communities: 6, oldShare: 1, batches: 0 })).toContain(
      'Y the pilot from week 1, the other 5 communities from week 1; none outside it.',
    );
    expect(description({ seed: 9, communities: 6, oldShare: 1, batches: 0, pilot: false })).toContain(
      '6 in the renewal programme (old neighbourhoods, 100% of the street asked for), all 6 communities from week 1; none outside it.',
    );
  });
});
