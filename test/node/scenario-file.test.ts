import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

async function problemFor(content: string | null): Promise<{ source: string; message: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-'));
  const path = join(directory, 'scenario.json');
  if (content !== null) await writeFile(path, content);
  try {
    await loadScenarioFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const scenarioError = error as ScenarioError;
    return { source: scenarioError.source, message: scenarioError.problems[0]?.message ?? '' };
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenarioFile', () => {
  it('names a missing file', async () => {
    const problem = await problemFor(null);
    expect(problem.source.endsWith('scenario.json')).toBe(true);
    expect(problem.message).toBe('file not found, and no shipped scenario has this name (govsim list shows them)');
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const problem = await problemFor('{\n  "name": "y",\n  "mode": co-production\n}');
    expect(problem.message).toMatch(/^not valid JSON at line 3, column \d+/);
  });

  it('validates the content', async () => {
    const problem = await problemFor('{"name": "y", "mode": "co-production", "weeks": "many"}');
    expect(problem.message).toBe('expected a number, got the string "many"');
  });

  it('refuses a path that is not text, as a ScenarioError', async () => {
    for (const path of [undefined, null, 5])
      await expect(loadScenarioFile(path as never)).rejects.toThrow(
        `path: invalid scenario file or name\n  - (top level): expected text, got ${path === null ? 'null' : String(path)}`,
      );
    await expect(loadScenarioFile(undefined as never)).rejects.toBeInstanceOf(ScenarioError);
  });

  it('loads the shipped scenarios', async () => {
    const scenario = await loadScenarioFile('scenarios/y-community-co-production.json');
    expect(scenario.name).toBe('y-community-co-production');
  });

  it('finds a shipped scenario by its name, from any folder, and says so when a name is neither a file nor shipped', async () => {
    const here = process.cwd();
    const elsewhere = await mkdtemp(join(tmpdir(), 'govsim-by-name-'));
    process.chdir(elsewhere);
    try {
      expect((await loadScenarioFile('y-community-co-production')).name).toBe('y-community-co-production');
      expect((await loadScenarioFile('z-street/case')).name).toBe('z-street-2018-2019');
      await expect(loadScenarioFile('no-such-scenario')).rejects.toThrow(
        'file not found, and no shipped scenario has this name (govsim list shows them)',
      );
      // A case's name is told its scenarios' names.
      await expect(loadScenarioFile('z-street')).rejects.toThrow(
        'z-street: invalid scenario\n  - (top level): is a case, not a scenario: its scenarios are named z-street/<scenario>, such as z-street/case',
      );
    } finally {
      process.chdir(here);
    }
  });
});
