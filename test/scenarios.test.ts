/**
 * Every shipped scenario file validates and runs, and every shipped city file
 * (scenarios/cities/) validates; the shipped JSON Schemas and parameter
 * reference are current.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCityFile, loadScenarioFile } from '../src/node/index.js';
import { parameterTableMarkdown, scenarioJsonSchema } from '../src/scenario/index.js';
import { runScenario, toJson } from '../src/simulation/index.js';
import { factsJsonSchema } from '../src/validation/index.js';

const files = readdirSync('scenarios', { recursive: true, encoding: 'utf8' }).filter(
  (name) =>
    name.endsWith('.json') && !name.endsWith('.schema.json') && !name.endsWith('facts.json') && !name.startsWith('cities/'),
);
const cities = readdirSync('scenarios/cities').filter((name) => name.endsWith('.json'));

describe('shipped scenarios', () => {
  it('include Y under administrative-led and co-production', () => {
    expect(files).toEqual(expect.arrayContaining(['y-community-administrative-led.json', 'y-community-co-production.json']));
  });

  it.each(files)('%s validates and runs to the end', async (name) => {
    const scenario = await loadScenarioFile(`scenarios/${name}`);
    const result = runScenario(scenario, { replicate: 0 });
    expect(result.weeks).toHaveLength(scenario.weeks);
  });

  it.each(cities)('cities/%s is a small city that validates', async (name) => {
    const city = await loadCityFile(`scenarios/cities/${name}`);
    expect(city.streets.length).toBeGreaterThan(1);
    expect(city.streets.length).toBeLessThanOrEqual(10);
  });

  it('ship JSON Schemas and a parameter reference that match the code (npm run schema)', () => {
    expect(readFileSync('scenarios/scenario.schema.json', 'utf8')).toBe(toJson(scenarioJsonSchema()));
    expect(readFileSync('scenarios/facts.schema.json', 'utf8')).toBe(toJson(factsJsonSchema()));
    expect(readFileSync('docs/parameters.md', 'utf8')).toBe(parameterTableMarkdown());
  });
});
