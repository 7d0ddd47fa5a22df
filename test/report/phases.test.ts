import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/index.js';
import { scenarioPhases } from '../../src/report/index.js';
import { parseScenario } from '../../src/scenario/index.js';

describe('scenarioPhases', () => {
  it('splits the Z Street case into its phases at the stated weeks', async () => {
    const scenario = await loadScenarioFile('scenarios/z-street-2018-2019/case.json');
    expect(scenarioPhases(scenario)).toEqual([
      { label: 'administrative-led', from: 1, to: 17 },
      { label: 'pause', from: 18, to: 21 },
      { label: 'mobilisation', from: 22, to: 29 },
      { label: 'council', from: 30, to: 36 },
      { label: 'matching', from: 37, to: 40 },
      { label: 'implementation', from: 41, to: 52 },
      // The second budget year brings a second planning cycle while implementation goes on.
      { label: 'implementation and planning cycle 2', from: 53, to: 71 },
      { label: 'implementation', from: 72, to: 104 },
    ]);
  });

  it('marks a planning cycle in each budget year after the plan, counted from the community’s join week', () => {
    const labels = (input: Record<string, unknown>) =>
      scenarioPhases(parseScenario({ name: 'a', mode: 'co-production', ...input })).map(
        (phase) => `${phase.label} ${phase.from}-${phase.to}`,
      );
    expect(labels({ weeks: 150 })).toEqual([
      'mobilisation 1-8',
      'council 9-15',
      'matching 16-19',
      'implementation 20-52',
      'implementation and planning cycle 2 53-71',
      'implementation 72-104',
      'implementation and planning cycle 3 105-123',
      'implementation 124-150',
    ]);
    // Cut short by the end of the run, and none before the first plan is adopted.
    expect(labels({ weeks: 60 }).slice(-1)).toEqual(['implementation and planning cycle 2 53-60']);
    expect(labels({ weeks: 19 }).slice(-1)).toEqual(['matching 16-19']);
    const joinsLater = { weeks: 104, world: { communities: [{ name: 'Y', households: 300, joinsWeek: 10 }] } };
    expect(labels(joinsLater)).toContain('implementation and planning cycle 2 62-80');
  });

  it('covers a single-mode scenario with one phase', () => {
    expect(scenarioPhases(parseScenario({ name: 'a', mode: 'administrative-led', weeks: 30 }))).toEqual([
      { label: 'administrative-led', from: 1, to: 30 },
    ]);
  });
});
