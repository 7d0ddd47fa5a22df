import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRobustnessProgress, robustnessProgressFile } from '../../src/node/robustness-progress.js';
import type { DrawOutcome } from '../../src/validation/index.js';

describe('the progress a robustness run keeps', () => {
  it('gives back every number as it was, those JSON cannot hold included', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-progress-'));
    const outcome: DrawOutcome = {
      facts: [
        { id: 1, status: 'holds', share: 0.75, applicable: 4, notApplicable: 0 },
        { id: 2, status: 'not applicable', share: Number.NaN, applicable: 0, notApplicable: 4 },
      ],
      contrasts: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1 + 0.2],
    };
    const first = await openRobustnessProgress(directory, 'key-a', '1.0.0', 3, false);
    await first.record(1, outcome);
    await first.flush();
    const again = await openRobustnessProgress(directory, 'key-a', '1.0.0', 3, true);
    expect([...again.finished.keys()]).toEqual([1]);
    const read = again.finished.get(1) as DrawOutcome;
    expect(read.facts).toEqual(outcome.facts);
    for (const [index, value] of read.contrasts.entries())
      expect(Object.is(value, outcome.contrasts[index]), String(index)).toBe(true);
  });

  it('refuses the progress of another version or analysis, and a damaged file, naming it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-progress-'));
    const begun = await openRobustnessProgress(directory, 'key-a', '1.0.0', 3, false);
    await begun.record(0, { facts: [], contrasts: [] });
    await expect(openRobustnessProgress(directory, 'key-b', '1.1.0', 3, true)).rejects.toThrow(
      `${directory}: invalid robustness folder\n  - ${robustnessProgressFile}: holds an unfinished run of govsim 1.0.0, and this is govsim 1.1.0`,
    );
    await expect(openRobustnessProgress(directory, 'key-b', '1.0.0', 3, true)).rejects.toThrow(
      'holds an unfinished run of another analysis',
    );
    const damaged = await mkdtemp(join(tmpdir(), 'govsim-progress-'));
    await writeFile(join(damaged, robustnessProgressFile), 'not json\n{"unit":0,"outcome":{"facts":[],"contrasts":[]}}\n');
    await expect(openRobustnessProgress(damaged, 'key-a', '1.0.0', 3, true)).rejects.toThrow(
      'damaged: its first line does not name the run',
    );
    // A unit out of range, or an outcome of the wrong shape, is not taken.
    const odd = await mkdtemp(join(tmpdir(), 'govsim-progress-'));
    await writeFile(
      join(odd, robustnessProgressFile),
      `${JSON.stringify({ govsim: '1.0.0', key: 'key-a' })}\n{"unit":7,"outcome":{"facts":[],"contrasts":[]}}\n{"unit":0,"outcome":{"facts":"x"}}\n`,
    );
    expect((await openRobustnessProgress(odd, 'key-a', '1.0.0', 3, true)).finished.size).toBe(0);
    expect(await readFile(join(odd, robustnessProgressFile), 'utf8')).toContain('"unit":7');
  });

  it('begins its file with the first unit finished: a run stopped before any leaves none, and one that left only its first line is begun anew', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-progress-'));
    const path = join(directory, robustnessProgressFile);
    const stopped = await openRobustnessProgress(join(directory, 'made'), 'key-a', '1.0.0', 3, false);
    expect(stopped.finished.size).toBe(0);
    expect(existsSync(join(directory, 'made', robustnessProgressFile))).toBe(false);
    // A file naming a run and holding no finished unit (another analysis, even) is nothing to finish or refuse.
    await writeFile(path, `${JSON.stringify({ govsim: '0.9.0', key: 'key-z' })}\n`);
    const anew = await openRobustnessProgress(directory, 'key-a', '1.0.0', 3, false);
    await anew.record(2, { facts: [], contrasts: [0.5] });
    expect((await readFile(path, 'utf8')).split('\n')).toEqual([
      JSON.stringify({ govsim: '1.0.0', key: 'key-a' }),
      '{"unit":2,"outcome":{"facts":[],"contrasts":[0.5]}}',
      '',
    ]);
  });
});
