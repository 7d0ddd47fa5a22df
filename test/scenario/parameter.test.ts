/** Declaring a parameter: every number parameter has a finite valid maximum, which its type asks for too. */
import { describe, expect, it } from 'vitest';
import { numberParameter } from '../../src/scenario/index.js';

describe('numberParameter', () => {
  it('asks for a finite hardMaximum, in its type and as it runs', () => {
    expect(numberParameter(13, { description: 'Weeks.', basis: 'A', range: [4, 26], hardMaximum: 52 }).parse(undefined)).toBe(13);
    // @ts-expect-error hardMaximum is required: without it the call fails as it runs, so TypeScript says so first.
    expect(() => numberParameter(13, { description: 'Weeks.', basis: 'A' })).toThrow(
      'parameter "Weeks." needs a finite hardMaximum',
    );
    expect(() => numberParameter(13, { description: 'Weeks.', basis: 'A', hardMaximum: Number.POSITIVE_INFINITY })).toThrow(
      'needs a finite hardMaximum',
    );
  });
});
