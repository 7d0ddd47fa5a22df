import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { runSeed, scenarioHash } from '../../src/simulation/index.js';

describe('runSeed', () => {
  const coProduction = parseScenario({ name: 'a', mode: 'co-production' });
  const administrativeLed = parseScenario({
    name: 'b',
    mode: 'administrative-led',
    parameters: { docking: { confirmationChance: 0.5 } },
  });

  it('depends on the world, the base seed and the replicate, not on the mode or mechanism parameters', () => {
    expect(runSeed(administrativeLed, 0)).toBe(runSeed(coProduction, 0));
    expect(runSeed(coProduction, 0)).not.toBe(runSeed(coProduction, 1));
    expect(runSeed(parseScenario({ name: 'a', mode: 'co-production', seed: 5 }), 0)).not.toBe(runSeed(coProduction, 0));
    expect(runSeed(parseScenario({ name: 'a', mode: 'co-production', world: { departments: 9 } }), 0)).not.toBe(
      runSeed(coProduction, 0),
    );
  });

  it('is unchanged by the order keys were written in', () => {
    const reordered = parseScenario({ world: { budget: 1, departments: 8 }, mode: 'co-production', name: 'a' });
    expect(runSeed(reordered, 3)).toBe(runSeed(coProduction, 3));
  });

  it('hashes the whole scenario for manifests', () => {
    expect(scenarioHash(coProduction)).not.toBe(scenarioHash(administrativeLed));
    expect(scenarioHash(coProduction)).toBe(scenarioHash(parseScenario({ name: 'a', mode: 'co-production', weeks: 104 })));
  });
});
