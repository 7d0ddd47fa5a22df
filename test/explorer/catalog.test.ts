/** The explorer offers every shipped scenario and case scenario, by the names `govsim run` accepts, as written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, servedCases } from '../../explorer/src/catalog.js';
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

describe('the case folders govsim explore serves', () => {
  const respond = (ok: boolean, body: unknown) => async () => ({ ok, json: async () => body });

  it('offers each served scenario as <folder>/<scenario>, in the order served', async () => {
    const raw = { name: 'tiny-case', mode: 'administrative-led', description: 'd' };
    const entries = await servedCases(
      './cases.json',
      respond(true, {
        cases: [
          {
            name: 'tiny-case',
            case: 'case',
            scenarios: [
              { key: 'case', raw },
              { key: 'other', raw: { name: 'o' } },
            ],
          },
        ],
      }),
    );
    expect(entries).toEqual([
      { id: 'tiny-case/case', caseName: 'tiny-case', description: 'd', raw },
      { id: 'tiny-case/other', caseName: 'tiny-case', description: '', raw: { name: 'o' } },
    ]);
  });

  it('offers none from a site served without them, or from a file that is not what the command writes', async () => {
    expect(await servedCases(null, respond(true, { cases: [] }))).toEqual([]);
    expect(await servedCases('./cases.json', respond(false, null))).toEqual([]);
    expect(await servedCases('./cases.json', respond(true, { cases: 'no' }))).toEqual([]);
    expect(
      await servedCases(
        './cases.json',
        respond(true, {
          cases: [
            { name: 1, scenarios: [] },
            { name: 'x', scenarios: [{ key: 'k', raw: [] }] },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      await servedCases('./cases.json', async () => {
        throw new Error('offline');
      }),
    ).toEqual([]);
  });
});
