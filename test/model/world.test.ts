import { describe, expect, it } from 'vitest';
import { createRandomSource, indicesOfLargest } from '../../src/core/index.js';
import { buildWorld, leadDepartmentFor } from '../../src/model/index.js';
import { cumulativeGuide, searchCumulative, searchCumulativeFrom } from '../../src/model/world.js';
import { parseScenario } from '../../src/scenario/index.js';
import { tinyScenario } from '../helpers.js';

describe('buildWorld', () => {
  const scenario = parseScenario({ name: 'y', mode: 'co-production' });
  const state = buildWorld(scenario, createRandomSource(1));
  const { households, items } = state;

  it('builds the 2253 households of Y with sparse needs whose weights sum to 1, heaviest first', () => {
    expect(households.count).toBe(2253);
    expect(state.householdStart[1]).toBe(2253);
    let totalNeeds = 0;
    for (let household = 0; household < households.count; household++) {
      const start = households.needStart[household] as number;
      const end = households.needStart[household + 1] as number;
      expect(end - start).toBeGreaterThanOrEqual(1);
      expect(end - start).toBeLessThanOrEqual(10);
      totalNeeds += end - start;
      let sum = 0;
      for (let index = start; index < end; index++) {
        sum += households.needWeight[index] as number;
        if (index > start)
          expect(households.needWeight[index] as number).toBeLessThanOrEqual(households.needWeight[index - 1] as number);
      }
      expect(sum).toBeCloseTo(1, 12);
    }
    expect(totalNeeds / households.count).toBeGreaterThan(2.5);
    expect(totalNeeds / households.count).toBeLessThan(3.5);
  });

  it('indexes households by need item and by site consistently with their needs', () => {
    let needSum = 0;
    for (let item = 0; item < items.count; item++) {
      for (
        let index = items.itemHouseholdStart[item] as number;
        index < (items.itemHouseholdStart[item + 1] as number);
        index++
      ) {
        const household = items.itemHouseholds[index] as number;
        const start = households.needStart[household] as number;
        const end = households.needStart[household + 1] as number;
        expect(Array.from(households.needItem.subarray(start, end))).toContain(item);
      }
      needSum += items.communityNeed[item] as number;
    }
    // Each household's weights sum to 1, so the community need sums to the household count.
    expect(needSum).toBeCloseTo(2253, 6);
    expect(items.itemHouseholds.length).toBe(households.needItem.length);
  });

  it('sets 60 sites × 8 categories, 8 departments and one staff team of 8 × 40 hours', () => {
    expect(items.count).toBe(480);
    expect(state.departments).toHaveLength(8);
    expect(state.staff).toEqual([expect.objectContaining({ community: 0, members: 8, capacityHours: 320 })]);
    expect(state.items.topPainPoints[0]).toHaveLength(5);
  });

  it('gives each category a lead department whose line covers it', () => {
    for (let category = 0; category < 8; category++) {
      const lead = leadDepartmentFor(state.departments, category);
      expect(state.departments[lead]?.categories).toContain(category);
    }
  });

  it('builds the same world for every mode on the same seed', () => {
    const other = buildWorld(parseScenario({ name: 'y', mode: 'administrative-led' }), createRandomSource(1));
    expect(other.households.needItem).toEqual(households.needItem);
    expect(other.households.trust).toEqual(households.trust);
  });

  it('lays out several communities one after another', () => {
    const street = tinyScenario('co-production', {
      world: {
        communities: [
          { name: 'A', households: 100, buildings: 4, sites: 10, communityStaff: 2 },
          { name: 'B', households: 150, buildings: 5, sites: 8, communityStaff: 3 },
        ],
      },
    });
    const world = buildWorld(street, createRandomSource(2));
    expect(Array.from(world.householdStart)).toEqual([0, 100, 250]);
    expect(Array.from(world.siteStart)).toEqual([0, 10, 18]);
    expect(world.staff.map((team) => team.members)).toEqual([2, 3]);
    for (let household = 100; household < 250; household++) {
      for (
        let index = world.households.needStart[household] as number;
        index < (world.households.needStart[household + 1] as number);
        index++
      ) {
        expect(world.items.community[world.households.needItem[index] as number]).toBe(1);
      }
    }
  });
});

describe('buildWorld at the scale of many communities', () => {
  it('picks each community’s top pain points as a sort of its items would (largest need first, ties to the lower item)', () => {
    const scenario = tinyScenario('co-production', {
      world: {
        communities: Array.from({ length: 6 }, (_, index) => ({
          name: `C${index}`,
          households: 50 + 40 * index,
          residents: 300,
          buildings: 4,
          sites: 3 + index,
          communityStaff: 2,
        })),
      },
    });
    const state = buildWorld(scenario, createRandomSource(4));
    state.progress.forEach((_, community) => {
      const start = state.itemStart[community] as number;
      const end = state.itemStart[community + 1] as number;
      const expected = indicesOfLargest(state.items.communityNeed.subarray(start, end), 5).map((local) => local + start);
      expect(Array.from(state.items.topPainPoints[community] as Uint32Array)).toEqual(expected);
    });
  });
});

describe('the guided search of cumulative saliences', () => {
  it('finds, from any starting guess, the index the binary search finds, ties and targets past the end included', () => {
    const stream = createRandomSource(11).stream('test');
    for (let trial = 0; trial < 200; trial++) {
      const length = 1 + stream.integer(40);
      const cumulative = new Float64Array(length);
      let running = 0;
      for (let index = 0; index < length; index++) {
        // Some zero saliences, so runs of equal values.
        running += stream.chance(0.3) ? 0 : stream.next();
        cumulative[index] = running;
      }
      const start = stream.integer(length);
      const end = start + 1 + stream.integer(length - start);
      const low = start > 0 ? (cumulative[start - 1] as number) : 0;
      const high = cumulative[end - 1] as number;
      const targets = [low, high, high + 1, ...Array.from({ length: 20 }, () => low + stream.next() * (high - low))];
      for (const value of cumulative.subarray(start, end)) targets.push(value);
      for (const target of targets) {
        const expected = searchCumulative(cumulative, start, end, target);
        for (let guess = start; guess < end; guess++)
          expect(searchCumulativeFrom(cumulative, start, end, target, guess)).toBe(expected);
      }
    }
  });

  it('guides each equal step of the range to the index a binary search gives, and declines values out of order or not finite', () => {
    const cumulative = Float64Array.from([0.5, 1, 1, 2.5, 4]);
    const guide = cumulativeGuide(cumulative, 1, 5);
    expect(Array.from(guide ?? [])).toEqual(
      [0, 0.25, 0.5, 0.75].map((share) => searchCumulative(cumulative, 1, 5, 0.5 + share * 3.5)),
    );
    expect(cumulativeGuide(Float64Array.from([1, 0.5, 2]), 0, 3)).toBeNull();
    expect(cumulativeGuide(Float64Array.from([1, Number.NaN, 2]), 0, 3)).toBeNull();
    expect(cumulativeGuide(Float64Array.from([1, Number.POSITIVE_INFINITY]), 0, 2)).toBeNull();
  });
});
