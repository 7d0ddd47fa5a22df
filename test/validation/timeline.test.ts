/** The Z Street timeline: phase changes at the stated weeks. */
import { describe, expect, it } from 'vitest';
import type { WeekRecord } from '../../src/metrics/index.js';
import { loadScenarioFile } from '../../src/node/index.js';
import { runScenario } from '../../src/simulation/index.js';

describe('z-street-2018-2019 case timeline', async () => {
  const scenario = await loadScenarioFile('scenarios/z-street-2018-2019/case.json');
  let planAdoptedWeek = -1;
  let firstPlanDockingWeek = -1;
  const { weeks } = runScenario(scenario, {
    seed: 1,
    observe: (state) => {
      if (planAdoptedWeek < 0 && state.progress[0]?.participation?.planAdopted) planAdoptedWeek = state.week;
      if (
        firstPlanDockingWeek < 0 &&
        state.projects.some((project) => project.integrated && project.dockingStartWeek === state.week)
      ) {
        firstPlanDockingWeek = state.week;
      }
    },
  });
  const at = (week: number) => weeks[week - 1] as WeekRecord;
  const weeksWhere = (test: (record: WeekRecord) => boolean) => weeks.filter(test).map((record) => record.week);

  it('is administrative-led in weeks 1–17, paused in 18–21, co-production from 22', () => {
    for (let week = 1; week <= 17; week++)
      expect([at(week).pressureHigh, at(week).participation, at(week).paused]).toEqual([1, 0, 0]);
    for (let week = 18; week <= 21; week++) expect(at(week).paused).toBe(1);
    for (let week = 22; week <= 104; week++)
      expect([at(week).participation, at(week).integration, at(week).pressureHigh]).toEqual([1, 1, 0]);
  });

  it('holds audits only in the administrative-led weeks', () => {
    expect(weeksWhere((record) => record.audit === 1)).toEqual([4, 8, 12, 16]);
  });

  it('holds council meetings in weeks 30, 32, 34, 36, adopts the plan in week 40 and implements it from week 41; the second budget year opens a new cycle (council 61–67)', () => {
    expect(weeksWhere((record) => record.councilMeeting === 1)).toEqual([30, 32, 34, 36, 61, 63, 65, 67]);
    expect(planAdoptedWeek).toBe(40);
    expect(firstPlanDockingWeek).toBe(41);
  });

  it('mobilises in weeks 22–29 and holds joint meetings every two weeks from the promotion meeting (week 22)', () => {
    expect(at(21).awareShare).toBeLessThan(0.5);
    expect(at(29).awareShare).toBeGreaterThan(0.9);
    // Counted from the start of integration (week 22): even weeks, from the start of the planning cycle.
    expect(weeksWhere((record) => record.jointMeeting === 1).slice(0, 6)).toEqual([22, 24, 26, 28, 30, 32]);
  });
});
