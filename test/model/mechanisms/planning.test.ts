import { describe, expect, it } from 'vitest';
import { simulate, tinyScenario } from '../../helpers.js';

describe('planning', () => {
  it('lists department catalogue projects when participation is off, within each department line', () => {
    const state = simulate(tinyScenario('administrative-led'), 1);
    expect(state.projects.length).toBeGreaterThan(0);
    for (const project of state.projects) {
      expect(project.origin).toBe('department-catalogue');
      expect(state.departments[project.departments[0] as number]?.categories).toContain(project.category);
      expect(project.integrated).toBe(false);
    }
  });

  it('takes the council priority order as the list when participation is on, with ranks in order', () => {
    const state = simulate(tinyScenario('co-production'), 30);
    const ranked = state.projects.filter((project) => project.priorityRank >= 0);
    expect(ranked.length).toBe(state.projects.length);
    const order = state.progress[0]?.participation?.priorityOrder ?? [];
    for (const project of ranked) expect(order[project.priorityRank]).toBe(project.item);
  });

  it('matches the plan to the pooled budget', () => {
    const state = simulate(tinyScenario('co-production'), 30);
    const committed = state.projects
      .filter((project) => project.status !== 'cancelled')
      .reduce((total, project) => total + project.cost, 0);
    expect(committed).toBeLessThanOrEqual(state.scenario.world.budget + 1e-9);
  });

  it('raises the efficacy of households whose suggestions were adopted', () => {
    const before = simulate(tinyScenario('co-production'), 18);
    const after = simulate(tinyScenario('co-production'), 19);
    const planItems = new Set(after.projects.map((project) => project.item));
    let raised = 0;
    for (let household = 0; household < after.households.count; household++) {
      const made = after.households.suggestionsMade[household] as number;
      const start = after.households.needStart[household] as number;
      const adopted = Array.from(after.households.needItem.subarray(start, start + made)).some((item) => planItems.has(item));
      if (adopted) {
        expect(after.households.efficacy[household] as number).toBeGreaterThan(before.households.efficacy[household] as number);
        raised++;
      }
    }
    expect(raised).toBeGreaterThan(0);
  });
});
