import { describe, expect, it } from 'vitest';
import { createRandomSource } from '../../../src/core/index.js';
import { buildWorld, DeliberatorRoute, participationSchedule } from '../../../src/model/index.js';
import { parseScenario } from '../../../src/scenario/index.js';
import { runScenario } from '../../../src/simulation/index.js';
import { simulate, tinyScenario } from '../../helpers.js';

describe('participation', () => {
  it('follows the co-production sub-phase timings: from week 22, mobilisation 22–29, selection 27, walks 28–29, council 30–36, matching 37–40', () => {
    const state = buildWorld(parseScenario({ name: 'y', mode: 'co-production' }), createRandomSource(1));
    const schedule = participationSchedule(state.scenario.parameters);
    const at = (offset: number) => 22 + offset;
    expect([at(0), at(schedule.mobilisationEnd - 1)]).toEqual([22, 29]);
    expect(at(schedule.selection)).toBe(27);
    expect([at(schedule.siteWalkStart), at(schedule.siteWalkEnd - 1)]).toEqual([28, 29]);
    expect(schedule.councilMeetings.map(at)).toEqual([30, 32, 34, 36]);
    expect([at(schedule.matchingStart), at(schedule.planAdoption)]).toEqual([37, 40]);
  });

  it('works out the schedule of a parsed scenario once, and that of parameters that may still change every time', () => {
    const parameters = parseScenario({ name: 'y', mode: 'co-production' }).parameters;
    expect(participationSchedule(parameters)).toBe(participationSchedule(parameters));
    expect(Object.isFrozen(participationSchedule(parameters))).toBe(true);
    const changing = structuredClone(parameters);
    expect(participationSchedule(changing)).toEqual(participationSchedule(parameters));
    // A parsed scenario's type is read-only, as the scenario is; its clone may change.
    (changing.deliberation as { councilMeetings: number }).councilMeetings = 2;
    expect(participationSchedule(changing).councilMeetings).toHaveLength(2);
  });

  it('records no suggestions, deliberators or engagement when participation is off', () => {
    const state = simulate(tinyScenario('integration-only'), 40);
    expect(state.items.suggestions.reduce((total, value) => total + value, 0)).toBe(0);
    expect(state.households.deliberatorRoute.every((route) => route === DeliberatorRoute.none)).toBe(true);
    expect(state.runTally.councilMeetings).toBe(0);
  });

  it('mobilises, selects deliberators by three routes and holds the council when on', () => {
    const scenario = tinyScenario('participation-only');
    const state = simulate(scenario, 20);
    const routes = Array.from(state.households.deliberatorRoute);
    expect(routes.filter((route) => route === DeliberatorRoute.nominated)).toHaveLength(4);
    expect(routes.filter((route) => route === DeliberatorRoute.selfRecommended)).toHaveLength(4);
    expect(routes.filter((route) => route === DeliberatorRoute.randomlySelected)).toHaveLength(4);
    expect(state.runTally.councilMeetings).toBe(4);
    const suggestions = state.items.suggestions.reduce((total, value) => total + value, 0);
    expect(suggestions).toBeGreaterThan(0);
    const aware = state.households.aware.reduce((total, value) => total + value, 0);
    expect(aware / state.households.count).toBeGreaterThan(0.8);
    const progress = state.progress[0]?.participation;
    expect(progress?.priorityOrder.length).toBeGreaterThan(0);
    expect(progress?.priorityOrder.length).toBeLessThanOrEqual(4 * scenario.parameters.deliberation.proposalsPerMeeting);
  });

  it('reaches households through WeChat only if they use WeChat', () => {
    const scenario = tinyScenario('co-production', {
      parameters: {
        mobilisation: {
          openLetterReach: 0,
          buildingLeaderReach: 0,
          partyBranchReach: 0,
          doorToDoorStaffHoursPerWeek: 0,
          weChatAccountReach: 1,
        },
        deliberation: { nominated: 0, selfRecommended: 0, randomlySelected: 0 },
      },
    });
    const state = simulate(scenario, 3);
    for (let household = 0; household < state.households.count; household++) {
      expect(state.households.aware[household]).toBe(state.households.usesWeChat[household]);
    }
  });

  it('lets door-to-door visits cost staff hours and reach the unaware', () => {
    const quiet = { openLetterReach: 0, buildingLeaderReach: 0, partyBranchReach: 0, weChatAccountReach: 0, weChatGroupReach: 0 };
    const state = simulate(
      tinyScenario('participation-only', {
        parameters: { mobilisation: { ...quiet, doorToDoorStaffHoursPerWeek: 10, doorToDoorHoursPerVisit: 0.5 } },
      }),
      1,
    );
    expect(state.households.aware.reduce((total, value) => total + value, 0)).toBe(20);
    expect(state.extraHours.staff[0]).toBe(10);
  });

  it('marks the households visited door to door', () => {
    const quiet = { openLetterReach: 0, buildingLeaderReach: 0, partyBranchReach: 0, weChatAccountReach: 0, weChatGroupReach: 0 };
    const state = simulate(
      tinyScenario('participation-only', {
        parameters: { mobilisation: { ...quiet, doorToDoorStaffHoursPerWeek: 10, doorToDoorHoursPerVisit: 0.5 } },
      }),
      1,
    );
    expect(Array.from(state.households.visited)).toEqual(Array.from(state.households.aware));
  });

  it('under-voices households off WeChat and never visited by offlineVoiceShare', () => {
    // Everyone is told by the open letter in week 1 and nobody is visited; deliberators are left out of the count.
    const suggestionsPerHousehold = (offlineVoiceShare: number) => {
      const state = simulate(
        tinyScenario('participation-only', {
          parameters: {
            mobilisation: { openLetterReach: 1, doorToDoorStaffHoursPerWeek: 0, offlineVoiceShare },
            deliberation: { nominated: 0, selfRecommended: 0, randomlySelected: 0 },
          },
        }),
        6,
      );
      const tally = { online: [0, 0], offline: [0, 0] };
      for (let household = 0; household < state.households.count; household++) {
        expect(state.households.visited[household]).toBe(0);
        const group = state.households.usesWeChat[household] === 1 ? tally.online : tally.offline;
        group[0] = (group[0] as number) + (state.households.suggestionsMade[household] as number);
        group[1] = (group[1] as number) + 1;
      }
      return {
        online: (tally.online[0] as number) / (tally.online[1] as number),
        offline: (tally.offline[0] as number) / (tally.offline[1] as number),
      };
    };
    const equal = suggestionsPerHousehold(1);
    const quarter = suggestionsPerHousehold(0.25);
    expect(equal.offline).toBeGreaterThan(0.6 * equal.online);
    expect(quarter.offline).toBeLessThan(0.5 * quarter.online);
    expect(quarter.offline).toBeGreaterThan(0);
  });

  it('starts a new planning cycle each budget year after a plan, with the deliberators already chosen', () => {
    // Tiny world: the first plan is adopted in week 19; the cycle begun in week 53 holds its council in weeks 61, 63,
    // 65 and 67 (offsets 8–14) and adopts the next plan at offset 18, week 71.
    const scenario = tinyScenario('co-production');
    let deliberatorsAtFirstPlan: number[] = [];
    const state = simulate(scenario, 75, 7, (current) => {
      if (current.week === 19) deliberatorsAtFirstPlan = [...(current.progress[0]?.participation?.deliberators ?? [])];
      if (current.week === 60) expect(current.runTally.councilMeetings).toBe(4);
    });
    const participation = state.progress[0]?.participation;
    expect(participation?.startWeek).toBe(53);
    expect(participation?.planAdopted).toBe(true);
    expect(participation?.deliberators).toEqual(deliberatorsAtFirstPlan);
    expect(deliberatorsAtFirstPlan).toHaveLength(12);
    expect(state.runTally.councilMeetings).toBe(8);
    expect([...new Set(state.projects.map((project) => project.adoptedWeek))]).toEqual([19, 71]);
    // No one is selected again: still four by each route.
    const routes = Array.from(state.households.deliberatorRoute).filter((route) => route !== DeliberatorRoute.none);
    expect(routes).toHaveLength(12);
  });

  it('keeps the latest council meeting’s attendance into the next cycle until its council meets', () => {
    // The first cycle's last meeting is in week 15; the next cycle begins in week 53 and its council meets in week 61.
    const attendance: number[] = [];
    simulate(tinyScenario('co-production'), 62, 7, (current) => {
      attendance[current.week] = current.progress[0]?.participation?.lastMeetingAttendance ?? Number.NaN;
    });
    expect(attendance[16]).toBeGreaterThan(0);
    for (const week of [52, 53, 56, 60]) expect(attendance[week]).toBe(attendance[16]);
    expect(attendance[61]).toBeGreaterThan(0);
    // So a run that ends between the new cycle's start and its council reports the latest meeting, not 0.
    const retention = runScenario(tinyScenario('co-production'), { seed: 7, weeks: 56 }).summary.participation
      .deliberatorRetention;
    expect(retention).toBeCloseTo((attendance[16] as number) / 12, 12);
  });
  it('waits through a pause: a cycle under way goes on where it stopped, skipping none of its steps', () => {
    // The tiny world's first cycle selects its deliberators in week 6, holds its council in weeks 9, 11, 13 and 15
    // and adopts its plan in week 19; the next cycle begins in week 53. A pause over any of these weeks delays what
    // is left of the cycle by the pause's length, rather than losing the step that fell in it (a pause over the plan's
    // adoption used to leave the community without a plan, and without any later cycle, to the end of the run).
    const run = (timeline: unknown[]) => runScenario(tinyScenario('co-production', { weeks: 80, timeline }), { seed: 7 });
    const paused = (week: number, weeks: number) =>
      run([
        { week, mode: 'pause', event: 'pause' },
        { week: week + weeks, mode: 'co-production', event: 'co-production again' },
      ]);
    const unpaused = run([]);
    expect(unpaused.milestones.planAdopted).toBe(19);
    expect(unpaused.summary.participation.councilMeetings).toBe(8);
    for (const [week, weeks, adopted] of [
      [6, 1, 20], // the deliberators' selection
      [9, 1, 20], // the first council meeting
      [18, 2, 21], // the matching weeks' end and the plan's adoption
      [53, 2, 19], // the next budget year's first weeks: its cycle waits for the pause
    ] as const) {
      const result = paused(week, weeks);
      expect(result.milestones.planAdopted, `pause from week ${week}`).toBe(adopted);
      expect(result.summary.participation.councilMeetings, `pause from week ${week}`).toBe(8);
      expect(result.summary.completion.projectsDone, `pause from week ${week}`).toBeGreaterThan(0);
    }
  });
});
