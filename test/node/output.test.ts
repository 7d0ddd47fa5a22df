import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateStreet } from '../../src/generators/index.js';
import { outputFolderName, type RunManifest, writeRunOutputs } from '../../src/node/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { runScenario, runWithCommunities } from '../../src/simulation/index.js';

describe('outputFolderName', () => {
  it('keeps a plain name and makes any other one a single folder under out/', () => {
    expect(outputFolderName('y-community-co-production')).toBe('y-community-co-production');
    expect(outputFolderName('../../x')).toBe('x');
    expect(outputFolderName('..')).toBe('run');
    expect(outputFolderName('.hidden')).toBe('hidden');
    expect(outputFolderName('a/b c\u0000d')).toBe('a-b-c-d');
    expect(outputFolderName('x'.repeat(300))).toHaveLength(100);
    expect(outputFolderName('', 'case')).toBe('case');
    // A folder given with a trailing slash names the same output folder as without it.
    expect(outputFolderName('my-case/')).toBe(outputFolderName('my-case'));
    expect(outputFolderName('cases/my-case//')).toBe('cases-my-case');
  });
});

describe('writeRunOutputs', () => {
  it('replaces an earlier run in the folder: what it wrote and this run does not is removed, other files are kept', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-output-'));
    const street = parseScenario(generateStreet({ seed: 1, communities: 3, householdsMean: 100, weeks: 30, batches: 1 }));
    const streetRun = runWithCommunities(street, { replicate: 0 });
    await writeRunOutputs(directory, street, streetRun.result, null, streetRun);
    await writeFile(join(directory, 'notes.txt'), 'mine');
    expect((await readdir(directory)).sort()).toEqual([
      'communities.csv',
      'manifest.json',
      'notes.txt',
      'rollout.csv',
      'summary.json',
      'weeks.csv',
    ]);
    const community = parseScenario({ name: 'one', mode: 'co-production', weeks: 10 });
    await writeRunOutputs(directory, community, runScenario(community, { replicate: 0 }), null);
    expect((await readdir(directory)).sort()).toEqual(['manifest.json', 'notes.txt', 'summary.json', 'weeks.csv']);
    const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest).toMatchObject({ scenario: 'one', weeks: 10, files: ['weeks.csv', 'summary.json', 'manifest.json'] });
  });

  it('leaves files alone that a manifest names outside the folder, or that is not a run’s manifest', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-output-'));
    await mkdir(join(directory, 'keep'));
    await writeFile(join(directory, 'keep', 'a.csv'), 'a');
    await writeFile(join(directory, 'b.csv'), 'b');
    await writeFile(
      join(directory, 'manifest.json'),
      JSON.stringify({ scenarioHash: 'x', files: ['keep/a.csv', '../b.csv', '.'] }),
    );
    const community = parseScenario({ name: 'one', mode: 'co-production', weeks: 10 });
    await writeRunOutputs(directory, community, runScenario(community, { replicate: 0 }), null);
    expect((await readdir(directory)).sort()).toEqual(['b.csv', 'keep', 'manifest.json', 'summary.json', 'weeks.csv']);
    // A manifest that is not a run's (nor any govsim output's) is refused whole: nothing in the folder is touched.
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ files: ['b.csv'] }));
    await expect(writeRunOutputs(directory, community, runScenario(community, { replicate: 0 }), null)).rejects.toThrow(
      "holds a manifest.json that is no govsim output's",
    );
    expect(await readFile(join(directory, 'b.csv'), 'utf8')).toBe('b');
    expect(JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'))).toEqual({ files: ['b.csv'] });
  });
});
