import { describe, expect, it } from 'vitest';
import { simulate, tinyScenario } from '../../helpers.js';

describe('joint meetings', () => {
  it('meet every two weeks, counted from the start of integration, once a plan exists — and never without integration', () => {
    // Integration only: the catalogue plan is adopted at the end of week 4 (matching takes 4 weeks), so meetings fall in weeks 5, 7, …, 19.
    expect(simulate(tinyScenario('integration-only'), 20).runTally.jointMeetings).toBe(8);
    // Co-production: the council's plan is adopted in week 19, so meetings fall in weeks 19 and 21.
    expect(simulate(tinyScenario('co-production'), 21).runTally.jointMeetings).toBe(2);
    expect(simulate(tinyScenario('administrative-led'), 20).runTally.jointMeetings).toBe(0);
    expect(simulate(tinyScenario('participation-only'), 40).runTally.jointMeetings).toBe(0);
  });

  it('bring the plan into one forum: all plan projects are integrated with one interface', () => {
    const state = simulate(tinyScenario('co-production'), 40);
    const plan = state.projects.filter((project) => project.status !== 'cancelled');
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.every((project) => project.integrated && project.interfaces === 1)).toBe(true);
    expect(plan.every((project) => project.origin === 'resident-pool')).toBe(true);
  });
});
