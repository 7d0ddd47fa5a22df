/** The run-cost estimate and the argument checks behind the entry points' refusals. */
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../../src/simulation/arguments.js';
import { estimatedRunCost } from '../../src/simulation/index.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

describe('argument checks', () => {
  it('estimatedRunCost refuses what is not a scenario, and weeks not a whole number', () => {
    expect(() => estimatedRunCost(null as Any)).toThrow(/scenario: invalid scenario[\s\S]*got null/);
    expect(() => estimatedRunCost({} as Any)).toThrow(/world: expected the scenario’s world/);
    const scenario = parseScenario({ name: 'a', mode: 'co-production', weeks: 4 });
    expect(() => estimatedRunCost(scenario, 'x' as Any)).toThrow(/weeks: invalid number of weeks[\s\S]*the string "x"/);
    expect(estimatedRunCost(scenario).seconds).toBeGreaterThan(0);
  });

  it('gathers the problems of an argument and throws them as one ScenarioError naming it', () => {
    expect(() =>
      checkArgumentWith('thing', (check: ArgumentCheck) => {
        check.text(3, 'name');
        check.shard({ index: 3, count: 2 }, 'shard');
        check.textList(['a', null], 'folders', 'a list of folders');
      }),
    ).toThrow(
      new ScenarioError(
        'thing',
        [
          { path: 'name', message: 'expected text, got 3' },
          { path: 'shard.index', message: 'expected below the count (2), got 3' },
          { path: 'folders[1]', message: 'expected text, got null' },
        ],
        'thing',
      ),
    );
    expect(() => checkArgumentWith('thing', (check) => check.text('a', 'name'))).not.toThrow();
  });
});
