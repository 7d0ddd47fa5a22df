/**
 * Runs, comparisons and evaluations in steps: driven pausing for the event loop (as the command line drives them, to
 * answer Ctrl-C), they give the same results, byte for byte, as run at once, pausing in every week and while a world
 * is drawn.
 */
import { describe, expect, it } from 'vitest';
import { createRandomSource, finishStepsPausing, type Steps } from '../../src/core/index.js';
import { drawWorld, drawWorldSteps } from '../../src/model/index.js';
import { loadCaseFolder, loadScenarioFile } from '../../src/node/index.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import {
  compareRollouts,
  compareRolloutsSteps,
  compareScenarios,
  compareScenariosSteps,
  runScenario,
  runScenarioSteps,
  runWithCommunities,
  runWithCommunitiesSteps,
  toJson,
} from '../../src/simulation/index.js';
import {
  evaluateFacts,
  evaluateFactsSteps,
  evaluateFalsification,
  evaluateFalsificationSteps,
  type Fact,
} from '../../src/validation/index.js';

/** Runs `steps` pausing after every one of them; resolves to the result and the pauses made. */
async function everyStepPaused<T>(steps: Steps<T>): Promise<{ result: T; pauses: number }> {
  let pauses = 0;
  const result = await finishStepsPausing(steps, {
    everyMilliseconds: 0,
    pause: async () => {
      pauses++;
    },
  });
  return { result, pauses };
}

const street = parseScenario({
  name: 'street',
  mode: 'co-production',
  weeks: 30,
  world: { communities: [{ name: 'A' }, { name: 'B', joinsWeek: 10 }, { name: 'C', joinsWeek: null }] },
});

describe('runs in steps', () => {
  it('draws a world pausing after each community, the same world', () => {
    const steps = drawWorldSteps(street, createRandomSource(7));
    let yielded = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yielded++;
    expect(yielded).toBe(3);
    expect(toJson(next.value)).toBe(toJson(drawWorld(street, createRandomSource(7))));
  });

  it('runs a street and a community pausing in every week and while building, the same bytes as at once', async () => {
    const paused = await everyStepPaused(runWithCommunitiesSteps(street, { replicate: 2, keepWorld: false }));
    expect(paused.pauses).toBe(30 + 3);
    expect(toJson(paused.result)).toBe(toJson(runWithCommunities(street, { replicate: 2, keepWorld: false })));
    const y = await loadScenarioFile('scenarios/y-community-co-production.json');
    const single = await everyStepPaused(runScenarioSteps(y, { seed: 11, weeks: 40 }));
    expect(single.pauses).toBeGreaterThanOrEqual(40);
    expect(toJson(single.result)).toBe(toJson(runScenario(y, { seed: 11, weeks: 40 })));
  });

  it('compares, paired or street by street, to the same bytes as at once', async () => {
    const a = await loadScenarioFile('scenarios/y-community-administrative-led.json');
    const b = await loadScenarioFile('scenarios/y-community-co-production.json');
    const options = { replicates: 3, weeks: 20 };
    expect(toJson((await everyStepPaused(compareScenariosSteps(a, b, options))).result)).toBe(
      toJson(compareScenarios(a, b, options)),
    );
    const other = parseScenario({ ...street, name: 'other', mode: 'administrative-led' });
    expect(toJson((await everyStepPaused(compareRolloutsSteps(other, street, { replicates: 2 }))).result)).toBe(
      toJson(compareRollouts(other, street, { replicates: 2 })),
    );
  });

  it('evaluates facts and their falsification to the same results as at once', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const evaluated = await everyStepPaused(evaluateFactsSteps(folder.facts, folder.scenarios, 3));
    expect(evaluated.pauses).toBeGreaterThan(0);
    expect(toJson(evaluated.result)).toBe(toJson(evaluateFacts(folder.facts, folder.scenarios, 3)));
    const fact = folder.facts.facts.find((candidate) => candidate.failsWhen !== undefined) as Fact;
    expect(toJson((await everyStepPaused(evaluateFalsificationSteps(folder.facts, folder.inputs, fact, 2))).result)).toBe(
      toJson(evaluateFalsification(folder.facts, folder.inputs, fact, 2)),
    );
  });

  it('refuses bad options at the first step, as at once', async () => {
    expect(() => runScenarioSteps(street, { weeks: 0 }).next()).toThrow(ScenarioError);
    await expect(finishStepsPausing(runScenarioSteps(street, { weeks: 0 }))).rejects.toThrow('weeks: expected a whole number');
  });
});
