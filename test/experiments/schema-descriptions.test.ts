/**
 * An editor shows a field's description as the author types it: every field an experiment or facts file may hold has
 * one in the JSON Schema generated for it.
 */
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema } from '../../src/experiments/index.js';
import { factsJsonSchema } from '../../src/validation/index.js';
import { undescribedFields as undescribed } from '../helpers.js';

describe('the JSON Schemas of experiment and facts files', () => {
  it('describe every field, for editors', () => {
    expect(undescribed(experimentJsonSchema())).toEqual([]);
    expect(undescribed(factsJsonSchema())).toEqual([]);
  });
});
