/** The ledger's counts, sums and indexes against passes over every household and project. */
import { describe, expect, it } from 'vitest';
import { createRandomSource } from '../../src/core/index.js';
import { flaggedShare, meanOf, recordWeek } from '../../src/metrics/index.js';
import {
  buildWorld,
  type OrderedSum,
  type SimulationState,
  stepWeek,
  type WeeklyPhase,
  weeklyPhases,
} from '../../src/model/index.js';
import {
  ensureBookkeeping,
  orderedTotal,
  orderedTotals,
  projectsAroundSite,
  projectsOfCommunity,
  resynchroniseLedger,
} from '../../src/model/ledger.js';
import { perceivedSatisfaction } from '../../src/model/mechanisms/residents.js';
import { resolveMode, type Scenario } from '../../src/scenario/index.js';
import { tinyScenario } from '../helpers.js';
import { placeProject, worldAt } from './mechanisms/fixtures.js';

/** A street of two tiny communities, so that indexes by community and skipped communities are exercised. */
function twoCommunities(mode: Parameters<typeof tinyScenario>[0], overrides: Record<string, unknown> = {}): Scenario {
  return tinyScenario(mode, {
    world: {
      communities: [
        { name: 'T', households: 200, residents: 600, buildings: 8, sites: 12, communityStaff: 3 },
        { name: 'U', households: 150, residents: 450, buildings: 6, sites: 10, communityStaff: 3 },
      ],
    },
    ...overrides,
  });
}

/** What a pass over every household gives, to compare with the ledger. */
function recount(state: SimulationState) {
  const { households, items } = state;
  let aware = 0;
  let engaged = 0;
  const engagedByCommunity = new Uint32Array(state.progress.length);
  for (let household = 0; household < households.count; household++) {
    aware += households.aware[household] as number;
    if (households.engaged[household] === 1) {
      engaged++;
      const community = households.community[household] as number;
      engagedByCommunity[community] = (engagedByCommunity[community] as number) + 1;
    }
  }
  let suggestions = 0;
  for (let item = 0; item < items.count; item++) suggestions += items.suggestions[item] as number;
  return { aware, engaged, engagedByCommunity: Array.from(engagedByCommunity), suggestions };
}

/** Every household's satisfaction and perceived satisfaction recomputed from scratch. */
function satisfactionFromScratch(state: SimulationState): { satisfaction: Float64Array; perceived: Float64Array } {
  const { households, items } = state;
  const { expectationWhenAware, perceivedSteepness } = state.scenario.parameters.residents;
  const satisfaction = new Float64Array(households.count);
  const perceived = new Float64Array(households.count);
  for (let household = 0; household < households.count; household++) {
    let satisfied = 0;
    for (let index = households.needStart[household] as number; index < (households.needStart[household + 1] as number); index++)
      satisfied += (households.needWeight[index] as number) * (items.met[households.needItem[index] as number] as number);
    satisfaction[household] = satisfied;
    perceived[household] = perceivedSatisfaction(
      satisfied,
      households.aware[household] === 1 ? expectationWhenAware : 0,
      perceivedSteepness,
    );
  }
  return { satisfaction, perceived };
}

/**
 * Checks the ledger against passes over everything, after a week; with
 * `residentsSawAll`, also that satisfaction is what recomputing every
 * household gives and that every household unanswered for too long is in line
 * for a disengagement draw (so they are, unless households were changed after
 * the residents phase: then, as ever, the residents phase sees them next week).
 */
function expectLedgerInLine(state: SimulationState, residentsSawAll = true): void {
  const ledger = state.householdLedger;
  const counted = recount(state);
  expect(ledger.awareCount).toBe(counted.aware);
  expect(ledger.engagedCount).toBe(counted.engaged);
  expect(Array.from(ledger.engagedByCommunity)).toEqual(counted.engagedByCommunity);
  expect(ledger.suggestionTotal).toBe(counted.suggestions);
  if (residentsSawAll) {
    const fresh = satisfactionFromScratch(state);
    expect(state.households.satisfaction).toEqual(fresh.satisfaction);
    expect(state.households.perceivedSatisfaction).toEqual(fresh.perceived);
    // Every engaged household unanswered for longer than the memory is among those drawn for next.
    const memory = state.scenario.parameters.residents.responseMemoryWeeks;
    const unanswered = new Set(ledger.unanswered);
    for (let household = 0; household < state.households.count; household++) {
      const last = state.households.lastResponseWeek[household] as number;
      if (state.households.engaged[household] === 1 && state.week - last > memory)
        expect(unanswered.has(household), `household ${household} in week ${state.week}`).toBe(true);
    }
  }
  for (let index = 1; index < ledger.unanswered.length; index++)
    expect(ledger.unanswered[index] as number).toBeGreaterThan(ledger.unanswered[index - 1] as number);
  const record = recordWeek(state);
  // The record's household measures: the very bytes of passes over every household.
  expect(record.satisfaction).toBe(meanOf(state.households.satisfaction));
  expect(record.perceivedSatisfaction).toBe(meanOf(state.households.perceivedSatisfaction));
  expect(record.trust).toBe(meanOf(state.households.trust));
  expect(record.efficacy).toBe(meanOf(state.households.efficacy));
  expect(record.awareShare).toBe(flaggedShare(state.households.aware));
  expect(record.engagedShare).toBe(flaggedShare(state.households.engaged));
  expect(record.duplicatePairs).toBe(state.pairs.filter((pair) => pair.kind === 'duplicate').length);
  expect(record.conflictPairs).toBe(state.pairs.filter((pair) => pair.kind === 'conflict').length);
}

function simulateChecking(
  scenario: Scenario,
  weeks: number,
  phases: readonly WeeklyPhase[] = weeklyPhases,
  residentsSawAll = true,
): SimulationState {
  const random = createRandomSource(11);
  const state = buildWorld(scenario, random);
  for (let week = 0; week < weeks; week++) {
    stepWeek(state, random, undefined, phases);
    expectLedgerInLine(state, residentsSawAll);
  }
  return state;
}

describe('the household ledger', () => {
  it('keeps counts, satisfaction and sums equal to passes over every household, week by week, under each mode', () => {
    for (const mode of ['co-production', 'administrative-led', 'participation-only', 'integration-only'] as const)
      simulateChecking(twoCommunities(mode, { parameters: { residents: { responseMemoryWeeks: 3 } } }), 60);
  });

  it('does so through a switch of mode and its pause', () => {
    simulateChecking(
      twoCommunities('administrative-led', { weeks: 80, switchRule: { to: 'co-production', expertFromWeek: 12 } }),
      80,
    );
  });

  it('is brought back in line after a phase from outside the model changes households behind its back', () => {
    const meddling: WeeklyPhase = {
      name: 'meddling',
      run: (state) => {
        const { households } = state;
        // Awareness, engagement, trust, efficacy and suggestions changed directly, not through the mechanisms.
        const household = (state.week * 37) % households.count;
        households.aware[household] = 1;
        households.engaged[(household + 1) % households.count] = 1;
        households.trust[(household + 2) % households.count] = 0.5;
        households.efficacy[(household + 3) % households.count] = 0.25;
        state.items.suggestions[state.week % state.items.count] = 3;
      },
    };
    const residents = weeklyPhases.findIndex((phase) => phase.name === 'residents');
    const phases = [...weeklyPhases.slice(0, residents), meddling, ...weeklyPhases.slice(residents)];
    simulateChecking(twoCommunities('co-production'), 40, phases);
    const after = [...weeklyPhases, meddling];
    simulateChecking(twoCommunities('administrative-led'), 40, after, false);
  });

  it('is built for a state restored without one (an older snapshot)', () => {
    const random = createRandomSource(3);
    const state = buildWorld(twoCommunities('co-production'), random);
    for (let week = 0; week < 30; week++) stepWeek(state, random);
    const { householdLedger: _ledger, projectIndex: _index, ...bare } = state;
    const restored = bare as SimulationState;
    ensureBookkeeping(restored);
    const counted = recount(restored);
    expect(restored.householdLedger.awareCount).toBe(counted.aware);
    expect(restored.householdLedger.engagedCount).toBe(counted.engaged);
    expect(projectsOfCommunity(restored, 0).length + projectsOfCommunity(restored, 1).length).toBe(restored.projects.length);
    stepWeek(restored, random);
    expectLedgerInLine(restored);
  });

  it('can be resynchronised by hand and stays in line', () => {
    const random = createRandomSource(5);
    const state = buildWorld(twoCommunities('co-production'), random);
    for (let week = 0; week < 25; week++) stepWeek(state, random);
    state.households.aware.fill(1);
    resynchroniseLedger(state);
    stepWeek(state, random);
    expectLedgerInLine(state);
  });
});

describe('ordered sums', () => {
  function naiveTotal(values: Float64Array): number {
    let total = 0;
    for (let index = 0; index < values.length; index++) total += values[index] as number;
    return total;
  }
  function freshSum(count: number): OrderedSum {
    return { total: 0, checkpoints: new Float64Array(Math.ceil(count / 64)), firstChanged: 0 };
  }

  it('give the bytes of a loop over all values after scattered changes, whatever the length', () => {
    const random = createRandomSource(9).stream('sums');
    for (const count of [0, 1, 63, 64, 65, 1000, 4099]) {
      const values = Float64Array.from({ length: count }, () => random.next() * 10 ** random.integer(8));
      const sum = freshSum(count);
      expect(Object.is(orderedTotal(values, sum), naiveTotal(values))).toBe(true);
      for (let round = 0; round < 20 && count > 0; round++) {
        for (let change = 0; change < 3; change++) {
          const index = random.integer(count);
          values[index] = random.next() * 10 ** random.integer(12);
          if (index < sum.firstChanged) sum.firstChanged = index;
        }
        expect(Object.is(orderedTotal(values, sum), naiveTotal(values))).toBe(true);
      }
    }
  });

  it('give the same bytes added four at a time as one by one', () => {
    const random = createRandomSource(10).stream('sums');
    const count = 777;
    const arrays = Array.from({ length: 4 }, () => Float64Array.from({ length: count }, () => random.next() - 0.5));
    const together = arrays.map(() => freshSum(count));
    const alone = arrays.map(() => freshSum(count));
    for (let round = 0; round < 10; round++) {
      const which = random.integer(4);
      const index = random.integer(count);
      (arrays[which] as Float64Array)[index] = random.next();
      for (const sums of [together, alone]) {
        const sum = sums[which] as OrderedSum;
        if (index < sum.firstChanged) sum.firstChanged = index;
      }
      orderedTotals(arrays, together);
      arrays.forEach((values, position) => {
        expect(Object.is(orderedTotal(values, alone[position] as OrderedSum), (together[position] as OrderedSum).total)).toBe(
          true,
        );
        expect(Object.is((together[position] as OrderedSum).total, naiveTotal(values))).toBe(true);
      });
    }
  });
});

describe('the project index', () => {
  it('lists each community’s projects in the order listed, projects appended by hand included', () => {
    const { state } = worldAt(tinyScenario('administrative-led'));
    const first = placeProject(state, { localSite: 1, category: 0, departments: [0] });
    const second = placeProject(state, { localSite: 2, category: 1, departments: [1] });
    expect(projectsOfCommunity(state, 0)).toEqual([first.id, second.id]);
    state.projects.push({ ...second, id: state.projects.length });
    state.pairsByProject.push([]);
    expect(projectsOfCommunity(state, 0)).toEqual([first.id, second.id, 2]);
    expect(projectsAroundSite(state, second.site)).toEqual([first.id, second.id, 2]);
  });

  it('stops vouching for sites when a project lies outside its site’s community, and the model then looks at every project', () => {
    const { state } = worldAt(tinyScenario('administrative-led'));
    const project = placeProject(state, { localSite: 1, category: 0, departments: [0] });
    state.projects.push({ ...project, id: state.projects.length, site: project.site + 1 });
    state.pairsByProject.push([]);
    expect(projectsAroundSite(state, project.site)).toBeNull();
    // Pairs are still found among all projects.
    const again = placeProject(state, { localSite: 1, category: 0, departments: [1] });
    expect(state.pairsByProject[again.id]?.length).toBeGreaterThan(0);
  });

  it('leaves the state a plain value: a world built and stepped encodes its indexes as data', () => {
    const random = createRandomSource(2);
    const state = buildWorld(tinyScenario('co-production'), random);
    state.mode = resolveMode('co-production');
    for (let week = 0; week < 45; week++) stepWeek(state, random);
    expect(Array.isArray(state.projectIndex.byCommunity)).toBe(true);
    expect(state.householdLedger.waitEnds instanceof Map).toBe(true);
    expect(state.householdLedger.stale.every((flag) => flag === 0)).toBe(true);
  });
});
