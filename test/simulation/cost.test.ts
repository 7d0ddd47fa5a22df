/**
 * A run's estimated cost counts what a week does: every household, every community whatever its size, and the
 * council's scoring where residents take part. Only the terms are tested here, not the speed of any machine.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import {
  communityWeekGrowth,
  estimatedRunCost,
  secondsPerCommunityWeek,
  secondsPerHouseholdWeek,
  secondsPerProposalScore,
  secondsPerRun,
} from '../../src/simulation/index.js';

/** A street of `count` one-household communities. */
function street(count: number, mode: string, extra: Record<string, unknown> = {}) {
  const communities = Array.from({ length: count }, (_, index) => ({
    name: `c${index}`,
    households: 1,
    residents: 1,
    sites: 1,
    buildings: 1,
    communityStaff: 1,
  }));
  return parseScenario({ name: 'street', mode, weeks: 104, world: { communities }, ...extra });
}

describe('estimatedRunCost', () => {
  it('counts every community, whatever its households: a street of 3,000 one-household communities is not free', () => {
    // With households × weeks alone it was 0.019 s; such a run took tens of seconds.
    const { seconds } = estimatedRunCost(street(3000, 'administrative-led'));
    const perCommunityWeek = secondsPerCommunityWeek * (1 + 3000 / communityWeekGrowth);
    expect(seconds).toBeCloseTo(secondsPerRun + 104 * (3000 * secondsPerHouseholdWeek + 3000 * perCommunityWeek), 12);
    // 2,000 such communities ran in 10 to 12 s once the cost of a community was no longer quadratic in them.
    expect(seconds).toBeGreaterThan(20);
  });

  it("counts the council's scoring only where residents may take part, for each planning cycle of the run", () => {
    const administrative = parseScenario({ name: 'y', mode: 'administrative-led' });
    const coProduction = parseScenario({ name: 'y', mode: 'co-production' });
    const { nominated, selfRecommended, randomlySelected, councilMeetings, proposalsPerMeeting } =
      coProduction.parameters.deliberation;
    // Y: 2,253 households, 104 weeks (two budget years, so two planning cycles).
    const scores = 2 * councilMeetings * (nominated + selfRecommended + randomlySelected) * proposalsPerMeeting;
    expect(estimatedRunCost(coProduction).seconds - estimatedRunCost(administrative).seconds).toBeCloseTo(
      scores * secondsPerProposalScore,
      12,
    );
    // A switch or a timeline that brings participation in counts it too.
    const switching = parseScenario({ name: 'y', mode: 'administrative-led', switchRule: { to: 'co-production' } });
    expect(estimatedRunCost(switching).seconds).toBe(estimatedRunCost(coProduction).seconds);
    const timeline = parseScenario({ name: 'y', mode: 'pause', timeline: [{ week: 30, mode: 'participation-only' }] });
    expect(estimatedRunCost(timeline).seconds).toBe(estimatedRunCost(coProduction).seconds);
    // A council of one-household communities has at most one deliberator each.
    const tiny = estimatedRunCost(street(10, 'co-production')).seconds - estimatedRunCost(street(10, 'pause')).seconds;
    expect(tiny).toBeCloseTo(10 * 2 * councilMeetings * proposalsPerMeeting * secondsPerProposalScore, 12);
  });

  it('grows with a council that scores many proposals', () => {
    const large = parseScenario({
      name: 'council',
      mode: 'co-production',
      world: { communities: [{ name: 'Y', households: 20000, residents: 60000, sites: 2000, buildings: 2000 }] },
      parameters: {
        deliberation: {
          nominated: 2000,
          selfRecommended: 2000,
          randomlySelected: 2000,
          proposalsPerMeeting: 300,
          councilMeetings: 10,
        },
      },
    });
    // 2 cycles × 10 meetings × 6,000 deliberators × 300 proposals = 36 million scores: several seconds, not 0.07.
    expect(estimatedRunCost(large).seconds).toBeGreaterThan(36e6 * secondsPerProposalScore);
  });
});
