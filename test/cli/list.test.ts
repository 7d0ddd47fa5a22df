/** `govsim list`: the shipped scenarios, cases, cities and experiments, as text and as JSON, from any folder. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadCityFile, shippedCases, shippedCities, shippedExperiments, shippedScenarios } from '../../src/node/index.js';

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('govsim list', () => {
  it('prints each shipped scenario and case with its description', async () => {
    const { code, stdout, stderr } = await capture(['list']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const scenario of shippedScenarios()) {
      expect(stdout).toContain(`  ${scenario.name}\n      ${scenario.description}\n`);
    }
    expect(stdout).toContain('  z-street  (');
    expect(stdout).toContain('scenarios: case, administrative-led-throughout,');
    expect(shippedExperiments().map((experiment) => experiment.name)).toContain('two-halves');
    for (const experiment of shippedExperiments()) {
      expect(stdout).toContain(`  ${experiment.name}\n      ${experiment.description}\n`);
    }
    expect(shippedCities().map((city) => city.name)).toEqual(['small-city']);
    for (const city of shippedCities()) expect(stdout).toContain(`  ${city.name}\n      ${city.description}\n`);
  });

  it('names cities that govsim city runs by name, and says a name that is neither a file nor shipped is neither', async () => {
    const city = await loadCityFile('small-city');
    expect(city.name).toBe('small-city');
    expect(city.streets).toHaveLength(4);
    await expect(loadCityFile('no-such-city')).rejects.toThrow(
      'no-such-city: invalid city\n  - (top level): file not found, and no shipped city has this name (govsim list shows them)',
    );
  });

  it('prints the same as JSON with --json', async () => {
    const { code, stdout } = await capture(['list', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      scenarios: shippedScenarios(),
      cases: shippedCases(),
      cities: shippedCities(),
      experiments: shippedExperiments(),
    });
  });

  it('lists govsim’s own scenarios when run from another folder', async () => {
    const repository = resolve('.');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repository, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repository, 'src', 'cli', 'bin.ts'), 'list', '--json'],
      { cwd: await mkdtemp(join(tmpdir(), 'govsim-list-')) },
    );
    const listed = JSON.parse(stdout) as {
      scenarios: Array<{ name: string; file: string }>;
      experiments: Array<{ name: string; file: string }>;
    };
    expect(listed.scenarios.map((scenario) => scenario.file)).toEqual(shippedScenarios().map((scenario) => scenario.file));
    expect(listed.experiments.map((experiment) => experiment.file)).toEqual(
      shippedExperiments().map((experiment) => experiment.file),
    );
  });
});
