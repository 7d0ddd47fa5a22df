/** Per-community summaries: one community's values are the run summary's; the street's add up. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { runWithCommunities } from '../../src/simulation/index.js';

describe('per-community summaries', () => {
  it.each(['administrative-led', 'co-production'] as const)(
    'of a street of one community are its run summary’s values (%s)',
    (mode) => {
      const { result, communities, rollout } = runWithCommunities(parseScenario({ name: 'y', mode }), { seed: 3 });
      const [y] = communities;
      const summary = result.summary;
      expect(communities).toHaveLength(1);
      expect(y?.households).toBe(2253);
      expect(y?.joinsWeek).toBe(1);
      expect(y?.weeksJoined).toBe(104);
      expect(y?.staffLoadMean).toBeCloseTo(summary.load.staffMean, 12);
      expect(y?.staffLoadPeak).toBe(summary.load.staffPeak);
      expect(y?.staffOverloadedWeekShare).toBe(summary.load.staffOverloadedWeekShare);
      expect(y?.openDockingThreadsPeak).toBe(summary.fragmentation.openDockingThreadsPeak);
      expect(y?.openDockingThreadsMean).toBeCloseTo(summary.fragmentation.openDockingThreadsMean, 12);
      expect(y?.interfacesPerProject).toBe(summary.fragmentation.interfacesPerProject);
      expect(y?.fragmentationIndex).toBe(summary.fragmentation.fragmentationIndex);
      expect(y?.projectsTakenOn).toBe(summary.completion.projectsTakenOn);
      expect(y?.projectsDone).toBe(summary.completion.projectsDone);
      expect(y?.duplicatePairs).toBe(summary.duplication.duplicatePairs);
      expect(y?.conflictPairs).toBe(summary.duplication.conflictPairs);
      expect(y?.projectsCancelled).toBe(summary.completion.projectsCancelled);
      expect(y?.unintegratedShare).toBe(summary.fragmentation.unintegratedShare);
      // Sums of money are added project by project here and as they are spent in the run: equal to rounding.
      const near = (value: number | undefined, expected: number) =>
        expect(Math.abs((value as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      near(y?.spent, summary.efficiency.spent);
      near(y?.wasted, summary.efficiency.wasted);
      near(y?.wasteShare, summary.duplication.wasteShare);
      expect(y?.idleShare).toBe(summary.idling.idleShare);
      expect(y?.perceivedSatisfaction).toBe(summary.satisfaction.perceived);
      expect(y?.engagedShare).toBe(summary.participation.engagedShare);
      expect(y?.satisfaction).toBe(summary.satisfaction.end);
      expect(y?.needMatch).toBe(summary.satisfaction.needMatch);
      expect(y?.topFiveCoverage).toBe(summary.satisfaction.topFiveCoverage);
      expect(y?.awareShare).toBe(summary.participation.awareShare);
      expect(y?.trust).toBe(summary.trust.end);
      expect(rollout).toHaveLength(104);
      expect(rollout.every((week) => week.communitiesJoined === 1)).toBe(true);
      expect(rollout.map((week) => week.departmentLoad)).toEqual(result.weeks.map((week) => week.departmentLoad));
    },
  );

  it('follow each community of a street from its join week; one that never joins does nothing', () => {
    const scenario = parseScenario({
      name: 'street',
      mode: 'administrative-led',
      weeks: 40,
      world: {
        communities: [
          { name: 'pilot', households: 400, residents: 1200 },
          { name: 'batch', households: 300, residents: 900, joinsWeek: 21 },
          { name: 'outside', households: 200, residents: 600, joinsWeek: null },
        ],
      },
    });
    const { result, communities, rollout } = runWithCommunities(scenario, { seed: 5 });
    expect(communities.map((community) => community.households)).toEqual([400, 300, 200]);
    expect(communities.map((community) => community.weeksJoined)).toEqual([40, 20, 0]);
    expect(communities.map((community) => community.joinsWeek)).toEqual([1, 21, Number.NaN]);
    const [, batch, outside] = communities;
    expect(outside?.projectsTakenOn).toBe(0);
    expect(outside?.staffLoadMean).toBeNaN();
    expect(outside?.awareShare).toBe(0);
    expect(batch?.projectsTakenOn).toBeGreaterThan(0);
    const listed = communities.reduce((total, community) => total + community.projectsTakenOn, 0);
    expect(listed).toBe(result.summary.completion.projectsTakenOn);
    expect(rollout.map((week) => week.communitiesJoined)).toEqual([...Array(20).fill(1), ...Array(20).fill(2)]);
    expect(rollout[30]?.householdsJoined).toBe(700);
  });
});
