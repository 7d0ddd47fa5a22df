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
      { label: 'implementation', from: 41, to: 104 },
    ]);
  });

  it('covers a single-mode scenario with one phase', () => {
    expect(scenarioPhases(parseScenario({ name: 'a', mode: 'administrative-led', weeks: 30 }))).toEqual([
      { label: 'administrative-led', from: 1, to: 30 },
    ]);
  });
});
