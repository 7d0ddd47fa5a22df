import { readFileSync } from 'node:fs';
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

  it('seeds a scenario as written, or a copy of a parsed one, as its parsed form', () => {
    const written = JSON.parse(readFileSync('scenarios/y-community-co-production.json', 'utf8'));
    for (const input of [written, { ...written, seed: 7 }, { name: 'a', mode: 'pause', world: { departments: 9 } }]) {
      const parsed = parseScenario(input);
      for (const replicate of [0, 3]) {
        expect(runSeed(input, replicate)).toBe(runSeed(parsed, replicate));
        // A parsed scenario sent to a worker thread arrives as a copy, no longer marked parsed.
        expect(runSeed(structuredClone(parsed), replicate)).toBe(runSeed(parsed, replicate));
      }
    }
  });

  it('refuses what is no scenario, a world that is not one, and a replicate that is no whole number from 0', () => {
    expect(() => runSeed(null as never, 0)).toThrow(
      'run seed arguments: invalid arguments\n  - scenario: expected a scenario, got null',
    );
    expect(() => runSeed({ name: 'a', seed: [1] } as never, 0)).toThrow('- scenario.seed: expected a number or text, got');
    expect(() => runSeed({ name: 'a', world: { departments: -1 } } as never, 0)).toThrow(
      /^scenario: invalid world\n {2}- departments: /,
    );
    expect(() => runSeed(coProduction, 1.5)).toThrow('- replicate: expected a whole number ≥ 0, got 1.5');
    expect(() => runSeed(coProduction, -1)).toThrow('- replicate: expected a whole number ≥ 0, got -1');
  });

  it('hashes the whole scenario for manifests', () => {
    expect(scenarioHash(coProduction)).not.toBe(scenarioHash(administrativeLed));
    expect(scenarioHash(coProduction)).toBe(scenarioHash(parseScenario({ name: 'a', mode: 'co-production', weeks: 104 })));
  });
});
