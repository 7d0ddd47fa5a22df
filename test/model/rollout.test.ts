/** Rollout in batches: a community does no renewal before its join week, and starts under the street's mode of that week. */
import { describe, expect, it } from 'vitest';
import {
  communityBudgetSoFar,
  hasJoined,
  joinedCommunities,
  joinWeekOf,
  renewalWeek,
  type SimulationState,
} from '../../src/model/index.js';
import { projectsOfCommunity } from '../../src/model/ledger.js';
import { parseScenario, ScenarioError, type ScenarioInput } from '../../src/scenario/index.js';
import { createModel, runScenario, weeksToCsv } from '../../src/simulation/index.js';

const small = { households: 300, residents: 900, buildings: 10, sites: 20 };

function street(mode: ScenarioInput['mode'], joins: Array<number | null | undefined>, extra: Partial<ScenarioInput> = {}) {
  return parseScenario({
    name: 'rollout',
    mode,
    weeks: 60,
    ...extra,
    world: {
      communities: joins.map((joinsWeek, index) => ({
        name: `C${index}`,
        ...small,
        ...(joinsWeek === undefined ? {} : { joinsWeek }),
      })),
    },
  });
}

/** Steps a model, checking `check(state)` after every week. */
function stepThrough(scenario: ReturnType<typeof street>, check: (state: SimulationState) => void): SimulationState {
  const model = createModel(scenario, { replicate: 0 });
  for (let week = 1; week <= scenario.weeks; week++) {
    model.step();
    check(model.state);
  }
  return model.state;
}

describe('rollout', () => {
  it("counts a community's budget years from its join week", () => {
    const scenario = street('administrative-led', [undefined, 30], { weeks: 104 });
    const seen: Array<[number, number, number, number]> = [];
    stepThrough(scenario, (state) => {
      if ([29, 30, 53, 81, 82].includes(state.week))
        seen.push([state.week, renewalWeek(state, 1), communityBudgetSoFar(state, 0), communityBudgetSoFar(state, 1)]);
    });
    const budget = scenario.world.budget;
    // Week, the late community's own week, and each community's budget so far: a new year 52 weeks after joining.
    expect(seen).toEqual([
      [29, 0, budget, budget],
      [30, 1, budget, budget],
      [53, 24, 2 * budget, budget],
      [81, 52, 2 * budget, budget],
      [82, 53, 2 * budget, 2 * budget],
    ]);
  });

  it.each(['administrative-led', 'co-production'] as const)(
    'under %s, a community does nothing before its join week and takes part from it',
    (mode) => {
      // 52 weeks: a second budget year would start a new planning cycle with its own start week.
      const scenario = street(mode, [undefined, 30, null], { weeks: 52 });
      const state = stepThrough(scenario, (state) => {
        expect(joinedCommunities(state)).toBe(state.week >= 30 ? 2 : 1);
        for (const community of [1, 2]) {
          if (hasJoined(state, community)) continue;
          expect(projectsOfCommunity(state, community)).toHaveLength(0);
          expect(state.progress[community]?.participation).toBeNull();
          expect(state.progress[community]?.integrationStartWeek).toBe(-1);
          const team = state.staff[community];
          // Routine work only: no reports, meetings, docking or works.
          expect(team?.renewalDemandHours).toBe(0);
          expect(
            state.households.aware.subarray(state.householdStart[community], state.householdStart[community + 1]),
          ).not.toContain(1);
        }
      });
      expect(joinWeekOf(state, 0)).toBe(1);
      expect(joinWeekOf(state, 1)).toBe(30);
      expect(joinWeekOf(state, 2)).toBe(Number.POSITIVE_INFINITY);
      expect(projectsOfCommunity(state, 0).length).toBeGreaterThan(0);
      expect(projectsOfCommunity(state, 1).length).toBeGreaterThan(0);
      expect(projectsOfCommunity(state, 2)).toHaveLength(0);
      for (const id of projectsOfCommunity(state, 1)) expect(state.projects[id]?.listedWeek).toBeGreaterThanOrEqual(30);
      if (mode === 'co-production') {
        expect(state.progress[0]?.participation?.startWeek).toBe(1);
        expect(state.progress[1]?.participation?.startWeek).toBe(30);
        expect(state.progress[1]?.integrationStartWeek).toBe(30);
      }
    },
  );

  it('follows the street’s switch: a community joining after it starts under the new mode', () => {
    const scenario = street('administrative-led', [undefined, 40], {
      weeks: 52,
      timeline: [
        { week: 18, mode: 'pause', event: 'expert consultation' },
        { week: 22, mode: 'co-production', event: 'promotion meeting' },
      ],
    });
    const state = stepThrough(scenario, () => {});
    expect(state.progress[0]?.participation?.startWeek).toBe(22);
    expect(state.progress[1]?.participation?.startWeek).toBe(40);
    for (const id of projectsOfCommunity(state, 1)) {
      expect(state.projects[id]?.origin).toBe('resident-pool');
      expect(state.projects[id]?.interfaces).toBe(1);
    }
  });

  it('changes nothing when every community joins at week 1: the same bytes as without join weeks', () => {
    for (const mode of ['administrative-led', 'co-production'] as const) {
      const without = runScenario(street(mode, [undefined, undefined]), { seed: 11 });
      const explicit = runScenario(street(mode, [1, 1]), { seed: 11 });
      expect(weeksToCsv(explicit.weeks)).toBe(weeksToCsv(without.weeks));
      expect(JSON.stringify(explicit.summary)).toBe(JSON.stringify(without.summary));
    }
  });

  it('refuses a join week beyond the horizon or below 1, naming the field', () => {
    expect(() => street('co-production', [1, 61])).toThrow(ScenarioError);
    expect(() => street('co-production', [1, 61])).toThrow(
      /world\.communities\[1\]\.joinsWeek: expected a week within the scenario's 60 weeks/,
    );
    expect(() => street('co-production', [0])).toThrow(/world\.communities\[0\]\.joinsWeek/);
    expect(() => street('co-production', [2.5])).toThrow(/world\.communities\[0\]\.joinsWeek/);
  });
});
