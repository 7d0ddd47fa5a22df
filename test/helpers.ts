/** Shared test fixtures: tiny worlds that run in milliseconds, and the check of a refused argument. */
import { expect } from 'vitest';
import { createRandomSource } from '../src/core/index.js';
import { buildWorld, type SimulationState, stepWeek } from '../src/model/index.js';
import { type ModeInput, parseScenario, resolveMode, type Scenario, ScenarioError } from '../src/scenario/index.js';

/** A small street: one community of 200 households, 12 sites, 4 departments. */
export function tinyScenario(mode: ModeInput, overrides: Record<string, unknown> = {}): Scenario {
  const base = {
    name: 'tiny',
    weeks: 60,
    mode,
    world: {
      communities: [{ name: 'T', households: 200, residents: 600, buildings: 8, sites: 12, communityStaff: 3 }],
      needCategories: 6,
      departments: 4,
    },
    parameters: {
      deliberation: { nominated: 4, selfRecommended: 4, randomlySelected: 4, volunteers: 2 },
      mobilisation: { doorToDoorStaffHoursPerWeek: 10 },
    },
  };
  return parseScenario(deepMerge(base, overrides));
}

function deepMerge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current)
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return merged;
}

/** Builds the world of `scenario` and steps it `weeks` weeks, calling `each` after every week. */
export function simulate(scenario: Scenario, weeks: number, seed = 7, each?: (state: SimulationState) => void): SimulationState {
  const random = createRandomSource(seed);
  const state = buildWorld(scenario, random);
  const mode = resolveMode(scenario.mode);
  for (let week = 0; week < weeks; week++) {
    stepWeek(state, random, mode);
    each?.(state);
  }
  return state;
}

/** Expects `run` (sync or async) to be refused with a ScenarioError whose message holds every one of `parts`. */
export async function refused(run: () => unknown, ...parts: string[]): Promise<void> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(ScenarioError);
  for (const part of parts) expect((error as Error).message).toContain(part);
}

/** The paths of the fields (object properties, `$schema` aside) that have no description, anywhere in `schema`. */
export function undescribedFields(schema: unknown, path = ''): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const found: string[] = [];
  for (const [key, value] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    const field = `${path}.${key}`;
    if (key !== '$schema' && (value === null || typeof value !== 'object' || !('description' in value))) found.push(field);
    found.push(...undescribedFields(value, field));
  }
  if (node.items !== undefined) found.push(...undescribedFields(node.items, `${path}[]`));
  if (typeof node.additionalProperties === 'object') found.push(...undescribedFields(node.additionalProperties, `${path}.*`));
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const form of (node[key] ?? []) as unknown[]) found.push(...undescribedFields(form, path));
  return [...new Set(found)];
}
