/** The explorer offers every shipped scenario and case scenario, by the names `govsim run` accepts, as written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../explorer/src/catalog.js';
import { resolveShippedScenario, shippedCases, shippedScenarios } from '../../src/node/index.js';

describe('the explorer’s scenarios', () => {
  const entries = catalog();

  it('holds every shipped scenario, then each case’s scenarios with the case’s own first', () => {
    const cases = shippedCases();
    expect(entries.map((entry) => entry.id)).toEqual([
      ...shippedScenarios().map((scenario) => scenario.name),
      ...cases.flatMap((shipped) => shipped.scenarios.map((key) => `${shipped.name}/${key}`)),
    ]);
  });

  it('bundles each file as written, with its description', () => {
    for (const entry of entries) {
      const file = resolveShippedScenario(entry.id);
      expect(entry.raw).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      expect(entry.description).toBe(entry.raw.description);
    }
  });
});
