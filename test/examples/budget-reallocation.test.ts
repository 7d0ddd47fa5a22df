import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import model from '../../examples/budget-reallocation/model.js';
import { parseExtendedScenario, parseScenario } from '../../src/scenario/index.js';
import { createModel, runScenario } from '../../src/simulation/index.js';

const base = { name: 'y', mode: 'administrative-led' };

describe('the budget reallocation example', () => {
  it('reclaims projects stalled in docking and counts them per lead department', () => {
    const scenario = parseExtendedScenario(base, model.extensions);
    const running = createModel(scenario, { seed: 3, model });
    running.run();
    const summary = running.summary();
    const reclaimed = summary.extensions?.['budget-reallocation'];
    expect(reclaimed?.reclaimedProjects).toBeGreaterThan(0);
    expect(reclaimed?.reclaimedBudget).toBeGreaterThan(0);
    const perDepartment = running.agentMeasures()['budget-reallocation.projectsReclaimed'];
    expect(perDepartment?.agent).toBe('department');
    expect(perDepartment?.values.reduce((sum, count) => sum + count, 0)).toBe(reclaimed?.reclaimedProjects);
    expect(summary.completion.projectsCancelled).toBeGreaterThanOrEqual(reclaimed?.reclaimedProjects ?? Number.NaN);
  });

  it('never acting, gives the built-in summary', () => {
    const never = parseExtendedScenario(
      { ...base, extensions: { 'budget-reallocation': { reviewIntervalWeeks: 52, stalledWeeksLimit: 520 } } },
      model.extensions,
    );
    const { extensions, ...summary } = runScenario(never, { seed: 3, model }).summary;
    expect(summary).toEqual(runScenario(parseScenario(base), { seed: 3 }).summary);
    expect(extensions?.['budget-reallocation']?.reclaimedProjects).toBe(0);
  });

  it('runs as a script', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/budget-reallocation/run.ts'], {
      encoding: 'utf8',
    });
    expect(output).toContain('administrative-led: with the reallocation rule − without, 20 paired replicates');
    expect(output).toMatch(/reclaimed in replicate 0: \{"reclaimedBudget":[\d.]+,"reclaimedProjects":\d+\}/);
  });
});
