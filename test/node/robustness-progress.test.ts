import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { robustnessProgressFile } from '../../src/node/output-folder.js';
import {
  holdsKeptOutcomes,
  openRobustnessProgress,
  type ProgressIdentity,
  readRobustnessProgress,
} from '../../src/node/robustness-progress.js';
import type { DrawOutcome } from '../../src/validation/index.js';

/** An analysis of two facts and one contrast metric, over three units. */
const identity: ProgressIdentity = {
  key: 'a'.repeat(32),
  version: '1.0.0',
  units: 3,
  shape: { factIds: [1, 2], contrasts: 1 },
};
const outcome = (contrast: number): DrawOutcome => ({
  facts: [
    { id: 1, status: 'holds', share: 0.75, applicable: 4, notApplicable: 0 },
    { id: 2, status: 'not applicable', share: Number.NaN, applicable: 0, notApplicable: 4 },
  ],
  contrasts: [contrast],
});
const folder = () => mkdtemp(join(tmpdir(), 'govsim-progress-'));

describe('the progress a robustness run keeps', () => {
  it('gives back every number as it was, those JSON cannot hold included', async () => {
    const directory = await folder();
    const first = await openRobustnessProgress(directory, identity, false);
    const values = [Number.NaN, Number.POSITIVE_INFINITY, -0];
    for (const [unit, value] of values.entries()) await first.record(unit, outcome(value));
    const again = await openRobustnessProgress(directory, identity, true);
    expect([...again.finished.keys()]).toEqual([0, 1, 2]);
    expect(again.skipped).toBe(0);
    for (const [unit, value] of values.entries()) {
      const read = again.finished.get(unit) as DrawOutcome;
      expect(read.facts).toEqual(outcome(value).facts);
      expect(Object.is(read.contrasts[0], value), String(value)).toBe(true);
    }
  });

  it('takes no line that is not an outcome of this analysis, counting those it leaves out', async () => {
    const directory = await folder();
    const begun = await openRobustnessProgress(directory, identity, false);
    await begun.record(0, outcome(0.1));
    const path = join(directory, robustnessProgressFile);
    const line = (unit: number, changes: Record<string, unknown>, run = 'a'.repeat(16)) =>
      // NaN as the file writes it.
      JSON.stringify({ run, unit, outcome: { ...outcome(0.2), ...changes } }, (_, value) =>
        Number.isNaN(value) ? 'NaN' : value,
      );
    const fact = outcome(0.2).facts[0];
    await writeFile(
      path,
      [
        await readFile(path, 'utf8'),
        line(1, {}, 'b'.repeat(16)), // another analysis's line
        line(1, { facts: [{ ...fact, status: 'banana' }, outcome(0.2).facts[1]] }), // no such status
        line(1, { facts: [{ ...fact, id: 9 }, outcome(0.2).facts[1]] }), // another fact
        line(1, { facts: [fact] }), // a fact missing
        line(1, { contrasts: [] }), // a contrast missing
        line(1, { facts: [{ ...fact, share: 'Infinity' }, outcome(0.2).facts[1]] }), // a share out of range
        line(1, { facts: [{ ...fact, applicable: -7.5 }, outcome(0.2).facts[1]] }), // no count
        line(7, {}), // a unit out of range
        line(2, {}), // sound
        '{"run":"aaaa', // cut short
      ].join('\n'),
    );
    const again = await openRobustnessProgress(directory, identity, true);
    expect([...again.finished.keys()].sort()).toEqual([0, 2]);
    expect(again.skipped).toBe(9);
  });

  it('refuses the progress of another version, analysis or shard, and a damaged file, naming it', async () => {
    const directory = await folder();
    const begun = await openRobustnessProgress(directory, { ...identity, shard: { index: 1, count: 3 } }, false);
    await begun.record(1, outcome(0));
    await expect(openRobustnessProgress(directory, { ...identity, key: 'b'.repeat(32), version: '1.1.0' }, true)).rejects.toThrow(
      `${directory}: invalid robustness folder\n  - ${robustnessProgressFile}: holds an unfinished run of govsim 1.0.0, and this is govsim 1.1.0`,
    );
    await expect(openRobustnessProgress(directory, { ...identity, key: 'b'.repeat(32) }, false)).rejects.toThrow(
      'holds an unfinished run of another analysis',
    );
    // As another shard (a task resubmitted alone, which SLURM numbers 0 of 1), or without --resume.
    await expect(openRobustnessProgress(directory, { ...identity, shard: { index: 0, count: 1 } }, true)).rejects.toThrow(
      'holds shard 1/3 of this analysis, not shard 0/1; resume it as it was begun with --shard 1/3',
    );
    await expect(openRobustnessProgress(directory, { ...identity, shard: { index: 1, count: 3 } }, false)).rejects.toThrow(
      'holds 1 finished unit of this analysis (draws, and the run at the defaults): pass --resume',
    );
    // Another shard of the same split (every task of an array given one folder): said, with or without --resume.
    for (const resume of [false, true])
      await expect(openRobustnessProgress(directory, { ...identity, shard: { index: 2, count: 3 } }, resume)).rejects.toThrow(
        'holds shard 1/3 of this analysis, not shard 2/3: each shard runs in a folder of its own',
      );
    // For a merge, the shard does not matter; another analysis is named as such.
    expect((await readRobustnessProgress(directory, identity)).finished.size).toBe(1);
    await expect(readRobustnessProgress(directory, { ...identity, key: 'b'.repeat(32) })).rejects.toThrow(
      'holds the outcomes of another analysis (other facts, scenarios, draws, replicates or model module: --model, or its absence, must be as the shards had it): give the folders of the shards of this one',
    );
    await expect(readRobustnessProgress(join(directory, 'no-such-shard'), identity)).rejects.toThrow('does not exist');
    const damaged = await folder();
    for (const first of ['not json', '[1,2,3]', 'null']) {
      await writeFile(join(damaged, robustnessProgressFile), `${first}\n{"unit":0}\n`);
      await expect(openRobustnessProgress(damaged, identity, true)).rejects.toThrow(
        'damaged: its first line does not name the run',
      );
    }
  });

  it('refuses a progress file that is not a regular file, rather than wait on it', async () => {
    const directory = await folder();
    await mkdir(join(directory, robustnessProgressFile));
    await expect(openRobustnessProgress(directory, identity, true)).rejects.toThrow(
      `${robustnessProgressFile}: is not a regular file`,
    );
    await expect(holdsKeptOutcomes(directory)).rejects.toThrow('is not a regular file');
  });

  it('begins its file with the first unit finished: a run stopped before any leaves none, and one that left only its first line is begun anew', async () => {
    const directory = await folder();
    const path = join(directory, robustnessProgressFile);
    const stopped = await openRobustnessProgress(join(directory, 'made'), identity, false);
    expect(stopped.finished.size).toBe(0);
    expect(existsSync(join(directory, 'made', robustnessProgressFile))).toBe(false);
    expect(await holdsKeptOutcomes(join(directory, 'made'))).toBe(false);
    // A file naming a run and holding no finished unit (another analysis, even) is nothing to finish or refuse.
    await writeFile(path, `${JSON.stringify({ govsim: '0.9.0', key: 'z' })}\n`);
    const anew = await openRobustnessProgress(directory, identity, false);
    await anew.record(2, outcome(0.5));
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[0]).toBe(JSON.stringify({ govsim: '1.0.0', key: 'a'.repeat(32), shard: null }));
    expect(JSON.parse(lines[1] as string)).toMatchObject({ run: 'a'.repeat(16), unit: 2 });
    expect(await holdsKeptOutcomes(directory)).toBe(true);
  });
});
