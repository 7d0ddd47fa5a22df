/** The weekly record and run summary, recomputed independently from the raw state of a tiny world. */
import { describe, expect, it } from 'vitest';
import {
  fragmentationIndex,
  interfacesPerProject,
  load,
  recordWeek,
  summariseRun,
  unintegratedShare,
  type WeekRecord,
} from '../../src/metrics/index.js';
import { simulate, tinyScenario } from '../helpers.js';

describe('recordWeek and summariseRun on a tiny world', () => {
  const weeks: WeekRecord[] = [];
  const state = simulate(tinyScenario('co-production'), 60, 5, (current) => weeks.push(recordWeek(current)));
  const last = weeks[weeks.length - 1] as WeekRecord;

  it('records satisfaction as the household mean of Σ weight × met', () => {
    let total = 0;
    for (let household = 0; household < state.households.count; household++) {
      for (
        let index = state.households.needStart[household] as number;
        index < (state.households.needStart[household + 1] as number);
        index++
      ) {
        total +=
          (state.households.needWeight[index] as number) *
          (state.items.met[state.households.needItem[index] as number] as number);
      }
    }
    expect(last.satisfaction).toBeCloseTo(total / state.households.count, 12);
    expect(last.satisfaction).toBeGreaterThan(0);
  });

  it('records staff load as demand ÷ capacity and counts projects by status', () => {
    const [team] = state.staff;
    expect(last.staffLoad).toBeCloseTo((team?.demandHours as number) / (team?.capacityHours as number), 12);
    expect(last.projectsDone).toBe(state.projects.filter((project) => project.status === 'done').length);
    expect(last.projectsListed + last.projectsDocking + last.projectsInWorks + last.projectsDone + last.projectsCancelled).toBe(
      state.projects.length,
    );
    expect(last.completedShare).toBeCloseTo(last.projectsDone / (state.projects.length - last.projectsCancelled), 12);
  });

  it('summarises peaks, means and totals from the weekly series', () => {
    const summary = summariseRun(state, weeks, { trust: 0.4, satisfaction: 0 });
    expect(summary.load.staffPeak).toBe(Math.max(...weeks.map((week) => week.staffLoad)));
    expect(summary.load.staffMean).toBeCloseTo(weeks.reduce((total, week) => total + week.staffLoad, 0) / weeks.length, 12);
    expect(summary.completion.projectsDone).toBe(last.projectsDone);
    expect(summary.satisfaction.end).toBe(last.satisfaction);
    expect(summary.participation.deliberators).toBe(12);
    expect(summary.fragmentation.interfacesPerProject).toBe(1);
    expect(summary.efficiency.spent).toBeCloseTo(
      state.projects.reduce((total, project) => total + project.spent, 0),
      12,
    );
    expect(summary.idling.idleShare).toBeCloseTo(state.runTally.idleWeeks / state.runTally.pipelineWeeks, 12);
  });
});

describe('recordWeek against the metric definitions', () => {
  // recordWeek works out a week's project and department measures in one pass, for speed; each must stay the value of
  // its one definition (src/metrics), applied to the projects it names: approved (in docking or beyond, or in a plan)
  // and not cancelled.
  for (const mode of ['administrative-led', 'co-production'] as const) {
    it(`gives each fragmentation measure and the department load its definition's value, every week (${mode})`, () => {
      let weeksChecked = 0;
      const close = (value: number, defined: number) =>
        Number.isNaN(defined) ? expect(value).toBeNaN() : expect(value).toBeCloseTo(defined, 12);
      simulate(tinyScenario(mode), 60, 3, (current) => {
        const record = recordWeek(current);
        const approved = current.projects.filter(
          (project) => (project.status !== 'listed' || project.integrated) && project.status !== 'cancelled',
        );
        expect(record.interfacesPerProject).toBe(interfacesPerProject(approved));
        expect(record.unintegratedShare).toBe(unintegratedShare(approved));
        close(record.fragmentationIndex, fragmentationIndex(approved));
        const capacity = current.scenario.world.departmentHoursPerWeek;
        close(
          record.departmentLoad,
          load(
            current.departments.map((department) => department.demandHours),
            current.departments.map(() => capacity),
          ),
        );
        if (approved.length > 0) weeksChecked++;
      });
      expect(weeksChecked).toBeGreaterThan(20);
    });
  }
});
