/** Shipped scenarios, cases and experiments found by name, from any working folder. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  knownCases,
  loadExperiment,
  loadScenarioFile,
  resolveShippedExperiment,
  resolveShippedScenario,
  shippedCases,
  shippedExperiments,
  shippedExperimentsDirectory,
  shippedScenarioNames,
  shippedScenarios,
  shippedScenariosDirectory,
} from '../../src/node/index.js';

const run = promisify(execFile);
const repository = resolve('.');
const tsx = join(repository, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('shipped scenarios', () => {
  it('lists the scenarios of scenarios/ by name, without schemas, each with its description', () => {
    expect(shippedScenariosDirectory()).toBe(join(repository, 'scenarios'));
    const names = shippedScenarioNames();
    expect(names).toEqual([
      'y-community-administrative-led',
      'y-community-co-production',
      'y-community-integration-only',
      'y-community-participation-only',
      'y-community-pause',
      'z-street-rollout-administrative-led',
      'z-street-rollout-co-production',
      'z-street-rollout-z-street-path',
    ]);
    for (const scenario of shippedScenarios()) {
      expect(existsSync(scenario.file)).toBe(true);
      expect(scenario.description.length).toBeGreaterThan(20);
    }
  });

  it('lists every known case with its folder, description and scenarios, the case first', () => {
    const cases = shippedCases();
    expect(cases.map((shipped) => shipped.name)).toEqual(Object.keys(knownCases));
    const [zStreet] = cases;
    expect(zStreet?.directory).toBe(join(repository, 'scenarios', 'z-street-2018-2019'));
    expect(zStreet?.description).toMatch(/^Y community, Z Street/);
    expect(zStreet?.scenarios[0]).toBe('case');
    expect(zStreet?.scenarios).toContain('switch-with-expert');
    expect(zStreet?.scenarios).not.toContain('facts');
  });
});

describe('resolveShippedScenario', () => {
  it('keeps a path to an existing file as it is', () => {
    expect(resolveShippedScenario('test/fixtures/tiny-case/case.json')).toBe('test/fixtures/tiny-case/case.json');
    expect(resolveShippedScenario('scenarios/y-community-pause.json')).toBe('scenarios/y-community-pause.json');
  });

  it('finds a shipped scenario by name, with or without .json, and a scenario of a shipped case', async () => {
    const file = resolveShippedScenario('y-community-co-production');
    expect(isAbsolute(file)).toBe(true);
    expect(file).toBe(join(repository, 'scenarios', 'y-community-co-production.json'));
    expect(resolveShippedScenario('y-community-co-production.json')).toBe(file);
    expect((await loadScenarioFile(file)).name).toBe('y-community-co-production');
    expect(resolveShippedScenario('z-street/switch-with-expert')).toBe(
      join(repository, 'scenarios', 'z-street-2018-2019', 'switch-with-expert.json'),
    );
  });

  it('returns anything else unchanged, for the caller to report as not found', () => {
    for (const argument of [
      'no-such-scenario',
      'scenario.schema',
      'z-street',
      'z-street/facts',
      'z-street/no-such',
      'z-street/case/extra',
      'constructor/case',
      '../scenarios/y-community-pause',
      '',
    ]) {
      expect(resolveShippedScenario(argument)).toBe(argument);
    }
  });

  it('finds the same files when run from another folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-shipped-'));
    const script = join(folder, 'resolve.ts');
    const module = pathToFileURL(join(repository, 'src', 'node', 'shipped.ts')).href;
    await writeFile(
      script,
      `import { resolveShippedScenario, shippedScenarioNames } from ${JSON.stringify(module)};\n` +
        `console.log(JSON.stringify({ names: shippedScenarioNames(), file: resolveShippedScenario('y-community-pause'), here: resolveShippedScenario('resolve.ts') }));\n`,
    );
    const { stdout } = await run(process.execPath, [tsx, script], { cwd: folder });
    expect(JSON.parse(stdout)).toEqual({
      names: shippedScenarioNames(),
      file: join(repository, 'scenarios', 'y-community-pause.json'),
      here: 'resolve.ts',
    });
  });
});

describe('shipped experiments', () => {
  it('lists the experiments of experiments/ by name, without the schema, each with its description', () => {
    expect(shippedExperimentsDirectory()).toBe(join(repository, 'experiments'));
    expect(shippedExperiments().map((experiment) => experiment.name)).toEqual([
      'assumptions-sensitivity',
      'replication-precision',
      'small-city-modes',
      'two-halves',
    ]);
    for (const experiment of shippedExperiments()) {
      expect(existsSync(experiment.file)).toBe(true);
      expect(experiment.description.length).toBeGreaterThan(20);
    }
  });

  it('finds a shipped experiment by name, with or without .json; keeps an existing file and anything else as it is', async () => {
    const file = join(repository, 'experiments', 'two-halves.json');
    expect(resolveShippedExperiment('two-halves')).toBe(file);
    expect(resolveShippedExperiment('two-halves.json')).toBe(file);
    expect(resolveShippedExperiment('experiments/two-halves.json')).toBe('experiments/two-halves.json');
    for (const argument of ['no-such-experiment', 'experiment.schema', 'y-community-pause', '../experiments/two-halves', '']) {
      expect(resolveShippedExperiment(argument)).toBe(argument);
    }
    // loadExperiment takes the name, from any folder, and reads the same experiment and base as from the file.
    const byName = await loadExperiment('two-halves');
    const byFile = await loadExperiment('experiments/two-halves.json');
    expect(byName.source).toBe(file);
    expect(byName.experiment).toEqual(byFile.experiment);
    expect(byName.base).toEqual(byFile.base);
    expect(byName.plan.estimate).toEqual(byFile.plan.estimate);
    await expect(loadExperiment('no-such-experiment')).rejects.toThrow(
      'no-such-experiment: invalid experiment\n  - (top level): file not found, and no shipped experiment has this name (govsim list shows them)',
    );
  });
});
