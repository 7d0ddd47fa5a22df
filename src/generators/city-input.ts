/**
 * How a city file is told from a scenario, in a module of its own: reading any input file asks it, and need not load
 * the city schema to do so.
 */

/**
 * Whether a JSON object is meant as a city file rather than a scenario: a
 * city lists its `districts`, a key no scenario has (the scenario schema
 * refuses unknown keys), so a malformed city is still told apart and
 * reported as a city.
 */
export function isCityInput(input: Record<string, unknown>): boolean {
  return Object.hasOwn(input, 'districts');
}
