/**
 * Declaring a parameter: every number parameter has a finite valid maximum, which its type asks for too; a caller in
 * plain JavaScript is told each field of a declaration that is not what it should be.
 */
import { describe, expect, it } from 'vitest';
import { numberParameter, probabilityParameter, ScenarioError } from '../../src/scenario/index.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

function problemsOf(declare: () => unknown): string[] {
  try {
    declare();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  return [];
}

describe('numberParameter', () => {
  it('asks for a finite hardMaximum, in its type and as it runs', () => {
    expect(numberParameter(13, { description: 'Weeks.', basis: 'A', range: [4, 26], hardMaximum: 52 }).parse(undefined)).toBe(13);
    // @ts-expect-error hardMaximum is required: without it the call fails as it runs, so TypeScript says so first.
    expect(problemsOf(() => numberParameter(13, { description: 'Weeks.', basis: 'A' }))).toEqual([
      'hardMaximum: expected a finite number: the value past which the parameter means nothing (without it, values such as 1e308 overflow), got undefined',
    ]);
    expect(
      problemsOf(() => numberParameter(13, { description: 'Weeks.', basis: 'A', hardMaximum: Number.POSITIVE_INFINITY })),
    ).toEqual([expect.stringContaining('hardMaximum: expected a finite number')]);
  });

  it('names a basis that is no tag, a description left out and a default that is no number, all at once', () => {
    // A lower-case basis would leave an assumption out of every screening and robustness draw.
    expect(problemsOf(() => probabilityParameter('0.5' as Any, { description: '', basis: 'a' } as Any))).toEqual([
      'default: expected a finite number, got the string "0.5"',
      'description: expected what the parameter means, in a sentence, got the string ""',
      'basis: expected one of "P", "D", "I", "A", "L" (A for an assumption, which sweeps and robustness draws vary), got the string "a"',
    ]);
    expect(problemsOf(() => (probabilityParameter as Any)(0.5))).toEqual([
      'description: expected what the parameter means, in a sentence, got undefined',
      expect.stringContaining('basis: expected one of'),
    ]);
    expect(problemsOf(() => (numberParameter as Any)(0.5))).toEqual([
      ': expected { description, basis, … } after the default, got undefined',
    ]);
  });
});
