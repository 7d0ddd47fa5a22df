/**
 * Definitional checks. Each statement here once stood among the case's
 * "facts", but holds by construction: it follows from how a mode is set up
 * or how a metric is defined, for any parameters and any seed. So these are
 * tests — that the code does what its definitions say — and not evidence
 * that the model reproduces the case; they do not belong in facts.json.
 */
import { describe, expect, it } from 'vitest';
import { sampleMean } from '../../src/core/index.js';
import type { SimulationState } from '../../src/model/index.js';
import { loadScenarioFile } from '../../src/node/index.js';
import type { ModeInput } from '../../src/scenario/index.js';
import { type RunResult, runScenario } from '../../src/simulation/index.js';
import { tinyScenario } from '../helpers.js';

/** Projects approved (in docking or beyond, or in a plan) and not cancelled: what the weekly fragmentation metrics read. */
const approved = (state: SimulationState) =>
  state.projects.filter((project) => (project.status !== 'listed' || project.integrated) && project.status !== 'cancelled');

function run(mode: ModeInput, observe?: (state: SimulationState, record: RunResult['weeks'][number]) => void): RunResult {
  return runScenario(tinyScenario(mode), { seed: 11, weeks: 80, ...(observe === undefined ? {} : { observe }) });
}

describe('fragmentation, by construction', () => {
  it('gives as many interfaces per project as departments per project under administrative-led renewal', () => {
    let weeksWithProjects = 0;
    const result = run('administrative-led', (state, record) => {
      const projects = approved(state);
      if (projects.length === 0) return;
      weeksWithProjects++;
      expect(record.interfacesPerProject).toBeCloseTo(sampleMean(projects.map((project) => project.departments.length)), 12);
    });
    expect(weeksWithProjects).toBeGreaterThan(0);
    const { interfacesPerProject, meanDepartmentsPerProject } = result.summary.fragmentation;
    expect(interfacesPerProject).toBeCloseTo(meanDepartmentsPerProject, 12);
    // Some projects need more than one department, so this is not 1 = 1.
    expect(meanDepartmentsPerProject).toBeGreaterThan(1);
  });

  it.each(['co-production', 'integration-only'] as const)(
    'gives every approved project one interface under a plan (%s)',
    (mode) => {
      let weeksWithProjects = 0;
      const result = run(mode, (state, record) => {
        for (const project of approved(state)) expect(project.interfaces).toBe(1);
        if (Number.isNaN(record.interfacesPerProject)) return;
        weeksWithProjects++;
        expect(record.interfacesPerProject).toBe(1);
        expect(record.unintegratedShare).toBe(0);
      });
      expect(weeksWithProjects).toBeGreaterThan(0);
      expect(result.summary.fragmentation.interfacesPerProject).toBe(1);
      expect(result.summary.fragmentation.unintegratedShare).toBe(0);
    },
  );

  it.each(['administrative-led', 'participation-only'] as const)(
    'leaves every project unintegrated, and the fragmentation index at 1, with integration off and no forum ever meeting (%s)',
    (mode) => {
      const result = run(mode, (_state, record) => {
        if (Number.isNaN(record.unintegratedShare)) return;
        expect(record.unintegratedShare).toBe(1);
        expect(record.fragmentationIndex).toBe(1);
      });
      expect(result.summary.meetings.jointMeetings).toBe(0);
      expect(result.summary.meetings.onSiteMeetings).toBe(0);
      expect(result.summary.fragmentation.unintegratedShare).toBe(1);
      expect(result.summary.fragmentation.fragmentationIndex).toBe(1);
    },
  );
});

describe('the pause, by construction', () => {
  it('gives no department renewal output and leaves the staff only their routine load (Z Street, weeks 18–21)', async () => {
    const scenario = await loadScenarioFile('scenarios/z-street-2018-2019/case.json');
    const routineLoad = scenario.parameters.staff.routineLoad;
    let renewalHoursBefore = 0;
    let pausedWeeks = 0;
    runScenario(scenario, {
      seed: 1,
      weeks: 24,
      observe: (state, record) => {
        if (record.paused === 1) {
          pausedWeeks++;
          expect(record.departmentRenewalHours).toBeCloseTo(0, 12);
          expect(record.staffLoad).toBeCloseTo(routineLoad, 12);
          expect(record.staffServiceRatio).toBe(1);
          expect(record.projectsProgressed).toBe(0);
          expect(state.runTally.renewalHours).toBe(renewalHoursBefore);
        }
        renewalHoursBefore = state.runTally.renewalHours;
      },
    });
    expect(pausedWeeks).toBe(4);
  });
});

describe('the switch rule, by construction', () => {
  it('never switches with no performance drive and no weight on the dilemma, even with an expert from week 2', () => {
    const scenario = tinyScenario('administrative-led', {
      switchRule: { expertFromWeek: 2, performanceDrive: 0, dilemmaWeight: 0 },
    });
    for (const seed of [1, 2, 3]) {
      const result = runScenario(scenario, { seed, weeks: 104 });
      expect(result.summary.governance.switchWeek).toBeNaN();
      expect(result.events).toEqual([]);
      expect(result.weeks.every((week) => week.paused === 0 && week.participation === 0)).toBe(true);
    }
  });
});
