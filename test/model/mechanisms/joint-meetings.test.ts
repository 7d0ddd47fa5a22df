import { describe, expect, it } from 'vitest';
import type { SimulationState } from '../../../src/model/index.js';
import type { ModeInput } from '../../../src/scenario/index.js';
import { runScenario } from '../../../src/simulation/index.js';
import { simulate, tinyScenario } from '../../helpers.js';

/** Simulates and returns the weeks in which a joint meeting was held. */
function meetingWeeks(mode: ModeInput, weeks: number): { state: SimulationState; held: number[] } {
  const held: number[] = [];
  const state = simulate(tinyScenario(mode), weeks, 7, (current) => {
    if (current.weekTally.jointMeetingHeld) held.push(current.week);
  });
  return { state, held };
}

/** Odd weeks from `first` to `last`: every two weeks, counted from integration starting in week 1. */
function everyTwoWeeks(first: number, last: number): number[] {
  const weeks: number[] = [];
  for (let week = first; week <= last; week += 2) weeks.push(week);
  return weeks;
}

describe('joint meetings', () => {
  it('meet every two weeks while plan projects are open, from the plan’s adoption until its last project ends', () => {
    // Integration only: the catalogue plan is adopted in week 4 (matching takes 4 weeks from week 1), so the first
    // meeting with plan projects open is week 5. The meetings stop after the week the last of them is done or dropped,
    // and start again with next budget year's plan (week 53).
    const { state, held } = meetingWeeks('integration-only', 52);
    // The plan's projects, less those dropped at adoption as duplicates (never open at a meeting).
    const firstPlan = state.projects.filter((project) => project.adoptedWeek === 4 && project.cancelledWeek !== 4);
    expect(firstPlan.length).toBeGreaterThan(0);
    const ends = firstPlan.map((project) => (project.doneWeek >= 0 ? project.doneWeek : project.cancelledWeek));
    expect(ends.every((week) => week > 0)).toBe(true);
    const lastEnd = Math.max(...ends);
    expect(lastEnd).toBeLessThan(50);
    expect(held).toEqual(everyTwoWeeks(5, lastEnd));
  });

  it('meet while a planning cycle is under way: from its start, when departments pool their resources, before any plan exists', () => {
    // Co-production in the tiny world: the planning cycle starts in week 1 (mobilisation), council meetings in weeks 9,
    // 11, 13 and 15, matching weeks 16–19, plan adopted in week 19. The joint meetings start with the cycle and go on
    // with the plan's projects.
    expect(meetingWeeks('co-production', 21).held).toEqual(everyTwoWeeks(1, 21));
  });

  it('have nothing to meet about between a plan whose projects are all ended and the next planning cycle', () => {
    // Integration only has no planning cycle: after the first plan's last project ends, no meeting until next year's plan.
    const { held } = meetingWeeks('integration-only', 60);
    const gap = held.findIndex((week, index) => index > 0 && week - (held[index - 1] as number) > 2);
    expect(gap).toBeGreaterThan(0);
    expect(held[gap]).toBeGreaterThanOrEqual(53);
  });

  it('do not count a planning cycle as under way while participation is off: it waits, and there is nothing to meet about', () => {
    // Co-production, then integration alone from week 5, before the cycle adopts a plan: the meetings of weeks 1 and 3
    // are about the cycle; the catalogues listed in week 5 are pooled in week 8, so weeks 5 and 7 have nothing to meet
    // about (the waiting cycle does not count); from week 9 the meetings go on while the plan's projects are open, then
    // stop until the next budget year, as under integration alone.
    const held: number[] = [];
    const timeline = [{ week: 5, mode: 'integration-only', event: 'integration alone' }];
    const { weeks } = runScenario(tinyScenario('co-production', { weeks: 52, timeline }), { seed: 7 });
    for (const week of weeks) if (week.jointMeeting) held.push(week.week);
    const last = held.at(-1) as number;
    expect(held).toEqual([1, 3, ...everyTwoWeeks(9, last)]);
    expect(last).toBeLessThan(45);
  });

  it('never meet without integration', () => {
    expect(simulate(tinyScenario('administrative-led'), 60).runTally.jointMeetings).toBe(0);
    expect(simulate(tinyScenario('participation-only'), 60).runTally.jointMeetings).toBe(0);
  });

  it('bring the plan into one forum: all plan projects are integrated with one interface', () => {
    const state = simulate(tinyScenario('co-production'), 40);
    const plan = state.projects.filter((project) => project.status !== 'cancelled');
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.every((project) => project.integrated && project.interfaces === 1)).toBe(true);
    expect(plan.every((project) => project.origin === 'resident-pool')).toBe(true);
  });
});
