/**
 * An editor shows a field's description as the author types it: every field an experiment or facts file may hold has
 * one in the JSON Schema generated for it.
 */
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema } from '../../src/experiments/index.js';
import { factsJsonSchema } from '../../src/validation/index.js';

/** The paths of the fields (object properties, `$schema` aside) that have no description, anywhere in `schema`. */
function undescribed(schema: unknown, path = ''): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const found: string[] = [];
  for (const [key, value] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
    const field = `${path}.${key}`;
    if (key !== '$schema' && (value === null || typeof value !== 'object' || !('description' in value))) found.push(field);
    found.push(...undescribed(value, field));
  }
  if (node.items !== undefined) found.push(...undescribed(node.items, `${path}[]`));
  if (typeof node.additionalProperties === 'object') found.push(...undescribed(node.additionalProperties, `${path}.*`));
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const form of (node[key] ?? []) as unknown[]) found.push(...undescribed(form, path));
  return [...new Set(found)];
}

describe('the JSON Schemas of experiment and facts files', () => {
  it('describe every field, for editors', () => {
    expect(undescribed(experimentJsonSchema())).toEqual([]);
    expect(undescribed(factsJsonSchema())).toEqual([]);
  });
});
