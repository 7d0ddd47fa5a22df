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

  it('refuses a scenario as written, whose seed would not be its runs’, and a replicate that is no whole number from 0', () => {
    expect(() => runSeed({ name: 'a', mode: 'pause' } as never, 0)).toThrow(
      'run seed arguments: invalid arguments\n  - scenario: expected a parsed scenario (parseScenario), its world filled in, got one without it',
    );
    expect(() => runSeed(coProduction, 1.5)).toThrow('- replicate: expected a whole number ≥ 0, got 1.5');
    expect(() => runSeed(coProduction, -1)).toThrow('- replicate: expected a whole number ≥ 0, got -1');
    expect(() => runSeed(null as never, 0)).toThrow(
      '- scenario: expected a parsed scenario (parseScenario), its world filled in, got null',
    );
  });

  it('hashes the whole scenario for manifests', () => {
    expect(scenarioHash(coProduction)).not.toBe(scenarioHash(administrativeLed));
    expect(scenarioHash(coProduction)).toBe(scenarioHash(parseScenario({ name: 'a', mode: 'co-production', weeks: 104 })));
  });
});
