/** Built worlds kept for paired runs: the same bytes as building afresh, and reuse only where building would give the same. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRandomSource } from '../../src/core/index.js';
import { drawWorld } from '../../src/model/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { markParsed } from '../../src/scenario/parse.js';
import {
  builtWorldStatistics,
  forgetBuiltWorlds,
  keptWorlds,
  largestKeptWorld,
  parametersDrawingReads,
  runScenario,
  toJson,
  weeksToCsv,
} from '../../src/simulation/index.js';

const administrativeLed = parseScenario({ name: 'a', mode: 'administrative-led' });
const coProduction = parseScenario({ name: 'b', mode: 'co-production' });

function bytes(result: ReturnType<typeof runScenario>): string {
  return `${weeksToCsv(result.weeks)}\n${toJson(result.summary)}`;
}

describe('built worlds', () => {
  beforeEach(() => forgetBuiltWorlds());

  it('gives a run on a kept world the same bytes as one that builds it, whatever ran on it before', () => {
    const fresh = bytes(runScenario(coProduction, { replicate: 3 }));
    forgetBuiltWorlds();
    const first = bytes(runScenario(administrativeLed, { replicate: 3 }));
    const reused = bytes(runScenario(coProduction, { replicate: 3 }));
    expect(builtWorldStatistics()).toEqual({ built: 1, reused: 1 });
    expect(reused).toBe(fresh);
    // And the other way round: the kept copy is untouched by the runs that started from it.
    const again = bytes(runScenario(administrativeLed, { replicate: 3 }));
    expect(builtWorldStatistics()).toEqual({ built: 1, reused: 2 });
    expect(again).toBe(first);
  });

  it('builds afresh for another seed, another world or other parameters that building reads', () => {
    runScenario(administrativeLed, { replicate: 0, weeks: 1 });
    runScenario(administrativeLed, { replicate: 1, weeks: 1 });
    // A parameter building does not read leaves the world as it was.
    runScenario(parseScenario({ name: 'e', mode: 'co-production', parameters: { docking: { confirmationChance: 0.9 } } }), {
      replicate: 1,
      weeks: 1,
    });
    expect(builtWorldStatistics()).toEqual({ built: 2, reused: 1 });
    runScenario(parseScenario({ name: 'c', mode: 'administrative-led', world: { elderlyShare: 0.4 } }), {
      replicate: 1,
      weeks: 1,
    });
    runScenario(parseScenario({ name: 'd', mode: 'administrative-led', parameters: { residents: { initialTrust: 0.5 } } }), {
      replicate: 1,
      weeks: 1,
    });
    expect(builtWorldStatistics()).toEqual({ built: 4, reused: 1 });
  });

  it('looks again at the world of a frozen scenario whose parts may still change', () => {
    // Frozen on the outside only: a parameter that building reads changes between runs. Recorded as parsed, so that
    // runs take it as it is (a run parses any other scenario into a new, wholly frozen one) and the key is tested.
    const parameters = structuredClone(administrativeLed.parameters) as { residents: { initialTrust: number } };
    const scenario = markParsed(
      Object.freeze({
        ...administrativeLed,
        parameters: parameters as unknown as typeof administrativeLed.parameters,
      }),
    );
    runScenario(scenario, { replicate: 0, weeks: 1 });
    parameters.residents.initialTrust = 0.5;
    runScenario(scenario, { replicate: 0, weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 2, reused: 0 });
    runScenario(scenario, { replicate: 0, weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 2, reused: 1 });
  });

  it(`keeps the ${keptWorlds} most recently used worlds`, () => {
    for (const replicate of [0, 1, 2, 0]) runScenario(administrativeLed, { replicate, weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 4, reused: 0 });
    runScenario(coProduction, { replicate: 2, weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 4, reused: 1 });
  });

  it('keeps no copy for a run that asks it not to (keepWorld false), with the same bytes', () => {
    const fresh = bytes(runScenario(coProduction, { replicate: 5 }));
    forgetBuiltWorlds();
    const unkept = bytes(runScenario(coProduction, { replicate: 5, keepWorld: false }));
    runScenario(administrativeLed, { replicate: 5, weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 2, reused: 0 });
    expect(unkept).toBe(fresh);
  });

  it('does not keep a world larger than largestKeptWorld households', () => {
    const large = parseScenario({
      name: 'large',
      mode: 'administrative-led',
      world: {
        communities: Array.from({ length: Math.ceil((largestKeptWorld + 1) / 100_000) }, (_, index) => ({
          name: `L${index}`,
          households: 100_000,
          residents: 300_000,
        })),
      },
    });
    runScenario(large, { weeks: 1 });
    runScenario(large, { weeks: 1 });
    expect(builtWorldStatistics()).toEqual({ built: 2, reused: 0 });
  });
});

describe('the key of a built world', () => {
  it('holds every parameter that drawing a world reads', () => {
    const reads = new Set<string>();
    const watch = (target: object, path: string): object =>
      new Proxy(target, {
        get(object, key, receiver) {
          const value = Reflect.get(object, key, receiver);
          if (typeof key !== 'string') return value;
          if (value !== null && typeof value === 'object') return watch(value, `${path}.${key}`);
          reads.add(`${path}.${key}`);
          return value;
        },
      });
    const scenario = parseScenario({ name: 'w', mode: 'co-production' });
    // A copy: the parsed scenario is frozen, and a proxy over a frozen object must hand back its own values.
    const parameters = structuredClone(scenario.parameters);
    drawWorld({ ...scenario, parameters: watch(parameters, 'parameters') as typeof parameters }, createRandomSource(1));
    expect([...reads].sort()).toEqual([...parametersDrawingReads].sort());
  });
});
