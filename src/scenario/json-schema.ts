/** The scenario schema as JSON Schema (draft 2020-12), for editors and other tools. */
import * as z from 'zod';
import { scenarioSchema } from './schema.js';

/** JSON Schema of a scenario file as written (defaults optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input' }) as Record<string, unknown>;
}
