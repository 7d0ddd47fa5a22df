import { describe, expect, it } from 'vitest';
import { applyTrustEvent, perceivedSatisfaction, recomputeNeedMet } from '../../../src/model/mechanisms/residents.js';
import { simulate, tinyScenario } from '../../helpers.js';

describe('residents', () => {
  it('weighs trust losses more than gains: +gain·(1 − t), −loss·t', () => {
    const state = simulate(tinyScenario('pause'), 1);
    state.households.trust[0] = 0.4;
    applyTrustEvent(state, 0, true);
    expect(state.households.trust[0]).toBeCloseTo(0.4 + 0.03 * 0.6, 12);
    state.households.trust[0] = 0.4;
    applyTrustEvent(state, 0, false);
    expect(state.households.trust[0]).toBeCloseTo(0.4 - 0.09 * 0.4, 12);
  });

  it('meets a need to 1 − Π(1 − coverage) over completed works, ignoring unfinished ones', () => {
    const state = simulate(tinyScenario('pause'), 1);
    const base = {
      community: 0,
      origin: 'resident-pool' as const,
      site: 0,
      item: 5,
      category: 5,
      departments: [0],
      cost: 0.1,
      durationWeeks: 2,
      integrated: true,
      interfaces: 1,
      priorityRank: -1,
      threads: [],
      progressWeeks: 2,
      spent: 0.1,
      wasted: 0,
      listedWeek: 1,
      dockingStartWeek: 1,
      questionSettledWeek: 1,
      doneWeek: 3,
      cancelledWeek: -1,
      forumParties: 0,
      idleWeeks: 0,
      pipelineWeeks: 2,
      adoptedWeek: 1,
      checkedBeforeSpend: true,
    };
    state.projects.push({ ...base, id: 0, status: 'done', effectiveCoverage: 0.8 });
    state.projects.push({ ...base, id: 1, status: 'done', effectiveCoverage: 0.5 });
    state.projects.push({ ...base, id: 2, status: 'active', effectiveCoverage: 0.9 });
    recomputeNeedMet(state, 5);
    expect(state.items.met[5]).toBeCloseTo(1 - 0.2 * 0.5, 12);
    expect(state.metChanged).toBe(true);
  });

  it('feels satisfaction relative to expectation', () => {
    expect(perceivedSatisfaction(0.3, 0.3, 8)).toBe(0.5);
    expect(perceivedSatisfaction(0.5, 0.3, 8)).toBeCloseTo(1 / (1 + Math.exp(-1.6)), 12);
  });

  it('makes households aware only by visible works when nobody mobilises them', () => {
    const state = simulate(tinyScenario('administrative-led', { parameters: { residents: { visibleWorksAwareness: 0 } } }), 60);
    // With no mobilisation and no chance to notice works, only completions meeting a household's need inform it.
    for (let household = 0; household < state.households.count; household++) {
      if (state.households.aware[household] === 0) continue;
      let met = false;
      for (
        let index = state.households.needStart[household] as number;
        index < (state.households.needStart[household + 1] as number);
        index++
      ) {
        if ((state.items.met[state.households.needItem[index] as number] as number) > 0) met = true;
      }
      const anyCompletedAtNeed =
        met ||
        state.projects.some(
          (project) =>
            project.status === 'done' &&
            Array.from(
              state.households.needItem.subarray(
                state.households.needStart[household] as number,
                state.households.needStart[household + 1] as number,
              ),
            ).includes(project.item),
        );
      expect(anyCompletedAtNeed).toBe(true);
    }
    expect(state.households.engaged.every((flag) => flag === 0)).toBe(true);
  });
});
