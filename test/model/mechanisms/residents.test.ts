import { describe, expect, it } from 'vitest';
import { type SimulationState, stepWeek } from '../../../src/model/index.js';
import {
  applyTrustEvent,
  designCoverage,
  engage,
  perceivedSatisfaction,
  recomputeNeedMet,
  respondTo,
  reviseDesignWithResidents,
  voiceNeedsAtSite,
} from '../../../src/model/mechanisms/residents.js';
import { modePresets } from '../../../src/scenario/index.js';
import { simulate, tinyScenario } from '../../helpers.js';
import { householdsAtSite, placeProject, worldAt } from './fixtures.js';

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
      implementationPlanHoursLeft: [0],
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

  it('makes households aware only by completed works meeting their needs when nobody mobilises, sees works or objects', () => {
    const state = simulate(
      tinyScenario('administrative-led', { parameters: { residents: { visibleWorksAwareness: 0, objectionChance: 0 } } }),
      60,
    );
    // Completed works with coverage left inform the households whose need they meet; nothing else does.
    const informingItems = new Set(
      state.projects
        .filter((project) => project.status === 'done' && project.effectiveCoverage > 0)
        .map((project) => project.item),
    );
    expect(informingItems.size).toBeGreaterThan(0);
    let aware = 0;
    for (let household = 0; household < state.households.count; household++) {
      const needs = Array.from(needItemsOf(state, household));
      expect(state.households.aware[household], `household ${household}`).toBe(
        needs.some((item) => informingItems.has(item)) ? 1 : 0,
      );
      aware += state.households.aware[household] as number;
    }
    expect(aware).toBeGreaterThan(0);
    expect(state.households.engaged.every((flag) => flag === 0)).toBe(true);
  });

  it('also makes households aware when objections to works at their site draw them in', () => {
    const state = simulate(
      tinyScenario('administrative-led', { parameters: { residents: { visibleWorksAwareness: 0, objectionChance: 1 } } }),
      60,
    );
    const informingItems = new Set(
      state.projects
        .filter((project) => project.status === 'done' && project.effectiveCoverage > 0)
        .map((project) => project.item),
    );
    // Sites where works were due: a project there reached 'ready'.
    const worksSites = new Set(
      state.statusChanges
        .filter((change) => change.to === 'ready')
        .map((change) => state.projects[change.project]?.site as number),
    );
    const atWorksSite = new Set([...worksSites].flatMap((site) => householdsAtSite(state, site)));
    let toldByObjectionsOnly = 0;
    for (let household = 0; household < state.households.count; household++) {
      if (state.households.aware[household] === 0) continue;
      const byCompletion = Array.from(needItemsOf(state, household)).some((item) => informingItems.has(item));
      expect(byCompletion || atWorksSite.has(household), `household ${household}`).toBe(true);
      if (!byCompletion) toldByObjectionsOnly++;
    }
    expect(toldByObjectionsOnly).toBeGreaterThan(0);
  });
});

describe("designs revised with the site's residents", () => {
  const scenario = tinyScenario('co-production');

  /** A project in docking, and the households needing its item. */
  function projectWithNeeders() {
    const { state } = worldAt(scenario, 5);
    const project = placeProject(state, { localSite: 0, category: 0, departments: [0], status: 'docking', integrated: true });
    // The item most households need, so that the share of them aware can be set by hand.
    let best = project.item;
    for (let item = 0; item < state.items.count; item++) {
      const count = (state.items.itemHouseholdStart[item + 1] as number) - (state.items.itemHouseholdStart[item] as number);
      const bestCount = (state.items.itemHouseholdStart[best + 1] as number) - (state.items.itemHouseholdStart[best] as number);
      if (count > bestCount) best = item;
    }
    project.item = best;
    const needers = Array.from(
      state.items.itemHouseholds.subarray(
        state.items.itemHouseholdStart[best] as number,
        state.items.itemHouseholdStart[best + 1] as number,
      ),
    );
    state.households.aware.fill(0);
    return { state, project, needers };
  }

  it('closes designRevision × voiced of the gap to full coverage', () => {
    expect(designCoverage(0.8, 0.5, 1)).toBeCloseTo(0.9, 12);
    expect(designCoverage(0.8, 0.5, 0.5)).toBeCloseTo(0.85, 12);
    expect(designCoverage(0.8, 0, 1)).toBe(0.8);
    expect(designCoverage(0.8, 0.5, 0)).toBe(0.8);
  });

  it('revises by the share of the households needing the item who know of the renewal, and never lowers coverage', () => {
    const { state, project, needers } = projectWithNeeders();
    expect(needers.length).toBeGreaterThan(1);
    const base = state.scenario.world.projectCoverage;
    reviseDesignWithResidents(state, project, 0.5);
    expect(project.effectiveCoverage).toBe(base);
    const half = Math.floor(needers.length / 2);
    for (const household of needers.slice(0, half)) state.households.aware[household] = 1;
    reviseDesignWithResidents(state, project, 0.5);
    expect(project.effectiveCoverage).toBeCloseTo(designCoverage(base, 0.5, half / needers.length), 12);
    for (const household of needers) state.households.aware[household] = 1;
    reviseDesignWithResidents(state, project, 0.5);
    expect(project.effectiveCoverage).toBeCloseTo(designCoverage(base, 0.5, 1), 12);
    const revised = project.effectiveCoverage;
    state.households.aware.fill(0);
    reviseDesignWithResidents(state, project, 0.5);
    expect(project.effectiveCoverage).toBe(revised);
  });

  it('does not revise a finished project', () => {
    const { state, project, needers } = projectWithNeeders();
    for (const household of needers) state.households.aware[household] = 1;
    project.status = 'done';
    reviseDesignWithResidents(state, project, 0.5);
    expect(project.effectiveCoverage).toBe(state.scenario.world.projectCoverage);
  });

  it('raises coverage under co-production, where on-site meetings bring aware residents, and not without them', () => {
    const coverages = (mode: 'co-production' | 'participation-only') => {
      const state = simulate(tinyScenario(mode), 60);
      return state.projects.filter((project) => project.status === 'done').map((project) => project.effectiveCoverage);
    };
    const base = scenario.world.projectCoverage;
    const coProduction = coverages('co-production');
    expect(coProduction.length).toBeGreaterThan(0);
    expect(coProduction.some((coverage) => coverage > base)).toBe(true);
    // Participation alone docks in the office: no residents in the room, and everyone was told before works began.
    const participationOnly = coverages('participation-only');
    expect(participationOnly.length).toBeGreaterThan(0);
    expect(participationOnly.every((coverage) => coverage <= base)).toBe(true);
  });
});

describe('needs voiced at an on-site meeting', () => {
  it("records the household's needs at the site not yet met, other than the project's own", () => {
    const { state } = worldAt(tinyScenario('co-production'), 5);
    // A household with at least two needs at one site.
    let household = -1;
    let site = -1;
    for (let candidate = 0; candidate < state.households.count && household < 0; candidate++) {
      const sites = Array.from(needItemsOf(state, candidate)).map((item) => state.items.site[item] as number);
      const repeated = sites.find((value, index) => sites.indexOf(value) !== index);
      if (repeated !== undefined) {
        household = candidate;
        site = repeated;
      }
    }
    expect(household).toBeGreaterThanOrEqual(0);
    const atSite = Array.from(needItemsOf(state, household)).filter((item) => state.items.site[item] === site);
    const [own, other] = atSite as [number, number];
    const localSite = site - (state.siteStart[0] as number);
    const project = placeProject(state, {
      localSite,
      category: state.items.category[own] as number,
      departments: [0],
      status: 'docking',
      integrated: true,
    });
    expect(project.item).toBe(own);
    const before = Array.from(state.items.suggestions);
    voiceNeedsAtSite(state, household, project);
    const added = Array.from(state.items.suggestions).flatMap((count, item) => (count > (before[item] as number) ? [item] : []));
    expect(added).toEqual(atSite.filter((item) => item !== own).sort((left, right) => left - right));
    expect(added).toContain(other);
    // A need met already is not voiced again.
    state.items.met[other] = 0.5;
    const again = Array.from(state.items.suggestions);
    voiceNeedsAtSite(state, household, project);
    expect(state.items.suggestions[other]).toBe(again[other]);
  });

  it('adds suggestions through the households that take part in on-site meetings', () => {
    const suggestions = (onSiteEngagement: number) => {
      const state = simulate(tinyScenario('co-production', { parameters: { residents: { onSiteEngagement } } }), 60);
      return state.householdLedger.suggestionTotal;
    };
    expect(suggestions(1)).toBeGreaterThan(suggestions(0));
  });
});

describe('engagement that needs answers', () => {
  const memory = 2;
  const scenario = tinyScenario('pause', { parameters: { residents: { responseMemoryWeeks: memory, disengagementChance: 1 } } });
  const household = 0;

  /** A paused world (nothing else touches engagement or efficacy) stepped to `week`. */
  function pausedWorld() {
    const { state, random } = worldAt(scenario, 0);
    const stepTo = (week: number) => {
      while (state.week < week) stepWeek(state, random, modePresets.pause);
    };
    stepTo(1);
    return { state, stepTo };
  }

  it('disengages a household left without a response for more than responseMemoryWeeks, and lowers its efficacy', () => {
    const { state, stepTo } = pausedWorld();
    engage(state, household);
    expect(state.households.lastResponseWeek[household]).toBe(1);
    const efficacy = state.households.efficacy[household] as number;
    stepTo(1 + memory);
    expect(state.households.engaged[household]).toBe(1);
    expect(state.households.efficacy[household]).toBe(efficacy);
    stepTo(2 + memory);
    expect(state.households.engaged[household]).toBe(0);
    // As when a suggestion is left out: efficacy falls by efficacyGain ÷ 2 of itself.
    const efficacyGain = scenario.parameters.residents.efficacyGain;
    expect(state.households.efficacy[household]).toBeCloseTo(efficacy * (1 - efficacyGain / 2), 12);
    stepTo(6 + memory);
    expect(state.households.efficacy[household]).toBeCloseTo(efficacy * (1 - efficacyGain / 2), 12);
  });

  it('takes disengagementTrustLoss of a negative trust event from a household that disengages (none at the default)', () => {
    const { state, stepTo } = pausedWorld();
    engage(state, household);
    const trust = state.households.trust[household] as number;
    stepTo(2 + memory);
    expect(state.households.engaged[household]).toBe(0);
    expect(state.households.trust[household]).toBe(trust);
    const residents = { responseMemoryWeeks: memory, disengagementChance: 1, disengagementTrustLoss: 0.5 };
    const { state: grieving, random } = worldAt(tinyScenario('pause', { parameters: { residents } }), 0);
    stepWeek(grieving, random, modePresets.pause);
    engage(grieving, household);
    while (grieving.week < 2 + memory) stepWeek(grieving, random, modePresets.pause);
    expect(grieving.households.engaged[household]).toBe(0);
    const trustLoss = grieving.scenario.parameters.residents.trustLoss;
    expect(grieving.households.trust[household]).toBeCloseTo(trust * (1 - 0.5 * trustLoss), 12);
  });

  it('restarts the wait with each response, not with engaging again', () => {
    const { state, stepTo } = pausedWorld();
    engage(state, household);
    stepTo(3);
    engage(state, household);
    expect(state.households.lastResponseWeek[household]).toBe(1);
    respondTo(state, household);
    expect(state.households.lastResponseWeek[household]).toBe(3);
    stepTo(3 + memory);
    expect(state.households.engaged[household]).toBe(1);
    stepTo(4 + memory);
    expect(state.households.engaged[household]).toBe(0);
  });

  it('keeps a household engaged with disengagementChance 0', () => {
    const { state, random } = worldAt(
      tinyScenario('pause', { parameters: { residents: { responseMemoryWeeks: 1, disengagementChance: 0 } } }),
      0,
    );
    stepWeek(state, random, modePresets.pause);
    engage(state, household);
    const efficacy = state.households.efficacy[household];
    for (let week = 0; week < 10; week++) stepWeek(state, random, modePresets.pause);
    expect(state.households.engaged[household]).toBe(1);
    expect(state.households.efficacy[household]).toBe(efficacy);
  });
});

function needItemsOf(state: SimulationState, household: number): Uint32Array {
  return state.households.needItem.subarray(
    state.households.needStart[household] as number,
    state.households.needStart[household + 1] as number,
  );
}
