/** The `govsim/report` entry point refuses a wrong argument from plain JavaScript with a ScenarioError naming it and the field. */
import { describe, expect, it } from 'vitest';
import { finishSteps } from '../../src/core/index.js';
import { loadCaseFolder } from '../../src/node/index.js';
import { type ChartedRuns, keepForReproduction, reportHtml, reportMarkdown, reproduceCase } from '../../src/report/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import { measureReplicatesSteps } from '../../src/validation/index.js';
import { refused } from '../helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

describe('govsim/report refuses wrong arguments', async () => {
  const folder = await loadCaseFolder('test/fixtures/tiny-case');
  const context = { version: '1', command: 'govsim report test/fixtures/tiny-case' };

  it('reproduceCase: the facts, the scenarios and the options, before any run', async () => {
    await refused(() => reproduceCase(null as Any, folder.scenarios, { replicates: 1 }), 'facts file');
    await refused(() => reproduceCase(folder.facts, {} as Any, { replicates: 1 }), 'scenarios', 'expected a Map');
    await refused(() => reproduceCase(folder.facts, folder.scenarios, null as Any), 'reproduce options', 'got null');
    await refused(
      () => reproduceCase(folder.facts, folder.scenarios, { replicate: 1 } as Any),
      'replicate: unknown option',
      'replicates: expected a whole number ≥ 1, got undefined',
    );
    await refused(() => reproduceCase(folder.facts, folder.scenarios, { replicates: 1, onProgress: 1 } as Any), 'onProgress');
    await refused(() => reproduceCase(folder.facts, folder.scenarios, { replicates: 1, runShares: {} } as Any), 'runShares');
    await refused(
      () => reproduceCase(folder.facts, folder.scenarios, { replicates: 0 }),
      'replicates: expected a whole number ≥ 1, got 0',
    );
    const withoutCase = new Map([...folder.scenarios].filter(([key]) => key !== folder.facts.case));
    await refused(
      () => reproduceCase(folder.facts, withoutCase, { replicates: 1 }),
      'scenarios',
      `${folder.facts.case}: expected the facts file's case scenario among the scenarios`,
    );
  });

  it('reproduceCase: scenarios as written reproduce as their parsed forms, on the same seeds', async () => {
    const written = await reproduceCase(folder.facts, folder.inputs as Any, { replicates: 1 });
    const parsed = await reproduceCase(folder.facts, folder.scenarios, { replicates: 1 });
    expect(written.seeds).toEqual(parsed.seeds);
    expect(JSON.stringify(written.facts)).toBe(JSON.stringify(parsed.facts));
    expect(written.scenarios).toEqual(parsed.scenarios);
  });

  it('reproduceCase: from shares run apart (runShares), in any order, the same reproduction; shares that miss a replicate refused', async () => {
    const whole = await reproduceCase(folder.facts, folder.scenarios, { replicates: 5 });
    const share = (scenarios: ReadonlyMap<string, Scenario>, charted: ChartedRuns, first: number, count: number) =>
      finishSteps(
        measureReplicatesSteps(folder.facts, scenarios, first, count, {
          everyScenario: true,
          keep: keepForReproduction(charted),
        }),
      );
    const apart = await reproduceCase(folder.facts, folder.inputs as Any, {
      replicates: 5,
      runShares: async (scenarios, charted) => [share(scenarios, charted, 2, 3), share(scenarios, charted, 0, 2)],
    });
    expect(JSON.stringify(apart)).toBe(JSON.stringify(whole));
    await refused(
      () =>
        reproduceCase(folder.facts, folder.scenarios, {
          replicates: 5,
          runShares: async (scenarios, charted) => [share(scenarios, charted, 0, 2)],
        }),
      'expected 5 replicates, got 2',
    );
    // Shares measured for the facts alone lack the summaries and weeks a report draws: refused, not a report without them.
    await refused(
      () =>
        reproduceCase(folder.facts, folder.scenarios, {
          replicates: 2,
          runShares: async (scenarios) => [finishSteps(measureReplicatesSteps(folder.facts, scenarios, 0, 2))],
        }),
      "from replicate 0: expected what a report keeps of each replicate (every scenario's summary",
    );
  });

  it('reportHtml and reportMarkdown: the reproduction and the context', async () => {
    const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });
    for (const report of [reportHtml, reportMarkdown]) {
      await refused(() => report(null as Any, context), 'reproduction', 'what reproduceCase returns');
      await refused(() => report({ ...reproduction, charts: undefined } as Any, context), 'charts: expected a list');
      await refused(() => report(reproduction, null as Any), 'report context', 'got null');
      await refused(() => report(reproduction, { version: '1' } as Any), 'command: expected text, got undefined');
      await refused(() => report(reproduction, { ...context, caseNmae: 'x' } as Any), 'caseNmae: unknown option');
      await refused(() => report(reproduction, { ...context, explorable: 'no' } as Any), 'explorable: expected true or false');
      await refused(() => report(reproduction, { ...context, model: { file: 'm.ts' } } as Any), 'model.hash: expected text');
      expect(typeof report(reproduction, context)).toBe('string');
      expect(typeof report(reproduction, { ...context, model: { file: 'm.ts', hash: 'abc' } })).toBe('string');
    }
    await refused(() => reportMarkdown(reproduction, context, 'gif' as Any), 'chart format', 'expected "png" or "svg"');
    expect(reportMarkdown(reproduction, context, 'svg')).toContain('](charts/staff-load.svg)');
  });
});
