import { describe, expect, it } from 'vitest';
import { createRandomSource } from '../../../src/core/index.js';
import { stepWeek } from '../../../src/model/index.js';
import { departmentForumBit, staffForumBit } from '../../../src/model/mechanisms/docking.js';
import { modePresets } from '../../../src/scenario/index.js';
import { simulate, tinyScenario } from '../../helpers.js';

describe('docking', () => {
  it('opens one thread per department when fragmented, and takes at least one office-loop round to settle', () => {
    const scenario = tinyScenario('administrative-led', { parameters: { departments: { crossDepartmentShare: 1 } } });
    const state = simulate(scenario, 60);
    const rounds = scenario.parameters.docking.officeLoopWeeksPerRound;
    expect(state.projects.length).toBeGreaterThan(0);
    for (const project of state.projects) {
      expect(project.threads).toHaveLength(project.departments.length);
      expect(project.interfaces).toBe(project.departments.length);
      if (project.questionSettledWeek >= 0)
        expect(project.questionSettledWeek - project.dockingStartWeek + 1).toBeGreaterThanOrEqual(rounds);
    }
    expect(state.runTally.settledQuestions).toBeGreaterThan(0);
  });

  it('settles through one interface at an on-site meeting within the week under integration', () => {
    const scenario = tinyScenario('integration-only', { parameters: { docking: { onSiteResolveChance: 1 } } });
    const state = simulate(scenario, 60);
    const settled = state.projects.filter((project) => project.questionSettledWeek >= 0);
    expect(settled.length).toBeGreaterThan(0);
    for (const project of settled) {
      expect(project.interfaces).toBe(1);
      expect(project.threads).toHaveLength(1);
      // Staff are not overloaded here, so the on-site meeting is held the week docking opens.
      expect(project.questionSettledWeek).toBe(project.dockingStartWeek);
      expect(project.forumParties & staffForumBit).toBe(staffForumBit);
      expect(project.forumParties & departmentForumBit(project.departments[0] as number)).not.toBe(0);
    }
    expect(state.runTally.onSiteMeetings).toBeGreaterThan(0);
  });

  it('closes every docking thread when renewal is paused', () => {
    const scenario = tinyScenario('administrative-led');
    const state = simulate(scenario, 2, 3);
    expect(state.projects.some((project) => project.status === 'docking')).toBe(true);
    stepWeek(state, createRandomSource(4), { ...modePresets.pause });
    expect(state.projects.some((project) => project.status === 'docking')).toBe(false);
    expect(state.projects.filter((project) => project.status === 'listed').every((project) => project.threads.length === 0)).toBe(
      true,
    );
  });
});
