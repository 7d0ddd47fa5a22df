/**
 * Validating scenarios at the boundary. Whatever comes in (a parsed JSON
 * file, an object built in code) goes through {@link parseScenario}; what
 * comes out is complete (defaults filled) and frozen.
 */
import type { z } from 'zod';
import { type Scenario, scenarioSchema } from './schema.js';

/** One problem found in a scenario: where, and what was expected. */
export interface ScenarioProblem {
  /** Path to the field, e.g. `parameters.docking.confirmationChance` or `world.communities[0].sites`. */
  path: string;
  message: string;
}

/** An input (a scenario, or another data file such as a facts file) that failed validation, with every problem found. */
export class ScenarioError extends Error {
  constructor(
    /** Where the input came from (a file path, or "scenario" for objects). */
    readonly source: string,
    readonly problems: readonly ScenarioProblem[],
    /** What the input should have been, for the message. */
    readonly expected = 'scenario',
  ) {
    super(
      `${source}: invalid ${expected}\n${problems.map((problem) => `  - ${problem.path || '(top level)'}: ${problem.message}`).join('\n')}`,
    );
    this.name = 'ScenarioError';
  }
}

/** Formats a zod issue path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** Turns zod issues into problems with paths and plain messages. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): ScenarioProblem[] {
  return issues.flatMap(describeIssue);
}

function describeIssue(issue: z.core.$ZodIssue): ScenarioProblem[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: path === '' ? key : `${path}.${key}`,
        message: 'unknown key (check its spelling against the schema)',
      }));
    case 'too_big':
      return [{ path, message: `expected ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}` }];
    case 'too_small':
      return [{ path, message: `expected ${issue.inclusive ? 'at least' : 'above'} ${String(issue.minimum)}` }];
    case 'invalid_type':
      return [
        {
          path,
          message: `expected ${issue.expected}${issue.message.includes('received') ? `, ${issue.message.slice(issue.message.indexOf('received'))}` : ''}`,
        },
      ];
    case 'invalid_union':
      if (path === 'mode') {
        return [
          {
            path,
            message:
              'expected a preset name (administrative-led, co-production, pause, participation-only, integration-only) or {participation, integration, pressure, renewal?}',
          },
        ];
      }
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * Validates `input` against the scenario schema and returns the complete,
 * frozen scenario. Throws {@link ScenarioError} listing every problem.
 */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    throw new ScenarioError(source, result.error.issues.flatMap(describeIssue));
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
  }
  return value;
}
