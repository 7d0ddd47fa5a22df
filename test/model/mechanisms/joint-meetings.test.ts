import { describe, expect, it } from 'vitest';
import { simulate, tinyScenario } from '../../helpers.js';

describe('joint meetings', () => {
  it('meet every two weeks from the start of integration, and never without it', () => {
    expect(simulate(tinyScenario('integration-only'), 20).runTally.jointMeetings).toBe(10);
    expect(simulate(tinyScenario('co-production'), 21).runTally.jointMeetings).toBe(11);
    expect(simulate(tinyScenario('administrative-led'), 20).runTally.jointMeetings).toBe(0);
    expect(simulate(tinyScenario('participation-only'), 20).runTally.jointMeetings).toBe(0);
  });

  it('bring the plan into one forum: all plan projects are integrated with one interface', () => {
    const state = simulate(tinyScenario('co-production'), 40);
    const plan = state.projects.filter((project) => project.status !== 'cancelled');
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.every((project) => project.integrated && project.interfaces === 1)).toBe(true);
    expect(plan.every((project) => project.origin === 'resident-pool')).toBe(true);
  });
});
