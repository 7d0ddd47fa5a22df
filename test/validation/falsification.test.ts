/**
 * Falsification tests: every shipped fact that names a plausible alternative
 * setting (`failsWhen`) must fall short under it; and the harness itself,
 * on a tiny hand-made case, tells a fact that flips from one that does not.
 */
import { describe, expect, it } from 'vitest';
import { loadCaseFolder } from '../../src/node/index.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import { evaluateFacts, evaluateFactsWithOverrides, evaluateFalsification, factsFileSchema } from '../../src/validation/index.js';

/** Replicates per falsification: enough to tell a fact that holds in nine of ten from one that fails. */
const replicates = 30;

describe('the shipped facts fail under their failsWhen alternatives', async () => {
  const folder = await loadCaseFolder('z-street');
  const falsifiable = folder.facts.facts.filter((fact) => fact.failsWhen !== undefined);
  it('name their alternatives with paths of the scenario schema', () => {
    // The schema checks the paths; here, that every alternative sets something.
    for (const fact of falsifiable) expect(Object.keys(fact.failsWhen?.parameters ?? {}).length).toBeGreaterThan(0);
  });
  for (const fact of falsifiable) {
    it(`fact ${fact.id} (${fact.title}) falls short when ${fact.failsWhen?.says}`, () => {
      const outcome = evaluateFalsification(folder.facts, folder.inputs, fact, replicates);
      const detail =
        outcome.result.kind === 'replicates'
          ? `holds in ${outcome.result.holds.share} of ${outcome.result.applicable} applicable replicates`
          : outcome.result.claims.map((claim) => `${claim.says}: ${claim.status}`).join('; ');
      expect(outcome.result.status, `under ${JSON.stringify(outcome.parameters)}: ${detail}`).toBe('falls short');
      expect(outcome.falsified).toBe(true);
    });
  }
});

describe('the falsification harness on a tiny case', () => {
  const world = {
    communities: [{ name: 'T', households: 200, residents: 600, buildings: 8, sites: 12, communityStaff: 3 }],
    needCategories: 6,
    departments: 4,
  };
  const parameters = {
    deliberation: { nominated: 4, selfRecommended: 4, randomlySelected: 4, volunteers: 2 },
    mobilisation: { doorToDoorStaffHoursPerWeek: 10 },
  };
  const inputs = new Map<string, unknown>([
    ['administrative-led', { name: 'tiny-administrative-led', weeks: 40, mode: 'administrative-led', world, parameters }],
    ['co-production', { name: 'tiny-co-production', weeks: 40, mode: 'co-production', world, parameters }],
  ]);
  const interfaces = {
    id: 1,
    title: 'Interfaces',
    statement: 'Each department docks separately, so a cross-department project has several interfaces.',
    paper: 'test',
    mechanism: 'separate docking by each department',
    failsWhen: {
      says: 'every project needs only one department',
      parameters: { 'parameters.departments.crossDepartmentShare': 0 },
    },
    checks: [
      {
        says: 'interfaces per project under administrative-led renewal exceed 1',
        left: { scenario: 'administrative-led', summary: 'fragmentation.interfacesPerProject' },
        is: '>',
        right: { value: 1 },
      },
    ],
  };
  // The same fact with an alternative that leaves its mechanism intact: it should still hold.
  const sturdy = {
    ...interfaces,
    id: 2,
    failsWhen: { says: 'the community has fewer sites', parameters: { 'world.communities[].sites': 8 } },
  };
  const file = factsFileSchema.parse({ case: 'administrative-led', facts: [interfaces, sturdy] });

  it('finds the fact holding at the defaults', () => {
    const scenarios = new Map([...inputs].map(([key, input]) => [key, parseScenario(input, key)]));
    const { results } = evaluateFacts(file, scenarios, 10);
    expect(results.map((result) => result.status)).toEqual(['holds', 'holds']);
  });

  it('detects a fact that flips under its alternative, and one that does not', () => {
    const [flips, stays] = file.facts.map((fact) => evaluateFalsification(file, inputs, fact, 10));
    expect(flips?.falsified).toBe(true);
    expect(flips?.result.status).toBe('falls short');
    if (flips?.result.kind === 'replicates') expect(flips.result.holds.share).toBe(0);
    expect(stays?.falsified).toBe(false);
    expect(stays?.result.status).toBe('holds');
  });

  it('evaluates the whole facts file with the overrides applied to every scenario', () => {
    const { results, seeds } = evaluateFactsWithOverrides(file, inputs, { 'parameters.departments.crossDepartmentShare': 0 }, 5);
    expect(seeds).toHaveLength(5);
    expect(results.map((result) => result.status)).toEqual(['falls short', 'falls short']);
  });

  it('names an unknown path, as a ScenarioError', () => {
    const attempt = () => evaluateFactsWithOverrides(file, inputs, { 'parameters.departments.nothing': 0 }, 1);
    expect(attempt).toThrow(ScenarioError);
    expect(attempt).toThrow('  - parameters.departments.nothing: unknown scenario path (expected a field of the scenario schema');
  });
});
