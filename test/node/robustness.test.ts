/** A robustness run of a tiny case end to end: the files, their content, and the same bytes with any number of workers. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import {
  loadCaseFolder,
  robustnessProgressFile,
  runRobustness,
  runRobustnessShard,
  writeRobustness,
} from '../../src/node/index.js';
import { unitRunName } from '../../src/node/robustness.js';
import { parametersThatApply, robustnessParameters } from '../../src/validation/index.js';

const caseFolder = 'test/fixtures/tiny-case';
const files = ['contrasts.csv', 'draws.csv', 'facts.csv', 'index.html', 'manifest.json', 'pairs.csv'];
const context = { version: 'test', command: 'govsim robustness test/fixtures/tiny-case --samples 3 --replicates 2 --seed 5' };

describe('robustness of a tiny case', async () => {
  const folder = await loadCaseFolder(caseFolder);
  const single = await mkdtemp(join(tmpdir(), 'govsim-robustness-'));
  const run = await runRobustness(folder, { samples: 3, replicates: 2, seed: 5, workers: 1 });
  await writeRobustness(single, run, context);

  it('writes the draws, the facts, a page and a manifest', async () => {
    expect((await readdir(single)).sort()).toEqual([...files].sort());
    const manifest = JSON.parse(await readFile(join(single, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ govsim: 'test', case: 'case', seed: 5, samples: 3, replicates: 2 });
    // Every assumption but the switch rule's, which no scenario of the tiny case has.
    expect(manifest.parameters).toHaveLength(robustnessParameters().length - 3);
    expect(manifest.parameters.map((parameter: { path: string }) => parameter.path)).toEqual(
      parametersThatApply(robustnessParameters(), folder.scenarios.values()).map((parameter) => parameter.path),
    );
  });

  it('gives one row per draw with every parameter and each fact’s share and status', async () => {
    const lines = parseCsv(await readFile(join(single, 'draws.csv'), 'utf8'));
    const [header, ...rows] = lines as [string[], ...string[][]];
    expect(rows).toHaveLength(3);
    expect(header.slice(0, 2)).toEqual(['draw', parametersThatApply(robustnessParameters(), folder.scenarios.values())[0]?.path]);
    expect(header.some((column) => column.startsWith('switchRule.'))).toBe(false);
    expect(header.slice(-8)).toEqual([
      'fact1.share',
      'fact1.status',
      'fact2.share',
      'fact2.status',
      'fact3.share',
      'fact3.status',
      'contrast.satisfaction.end',
      'contrast.duplication.wasteShare',
    ]);
    const sites = header.indexOf('world.communities[].sites');
    for (const row of rows) {
      const value = Number(row[sites]);
      expect(Number.isInteger(value) && value >= 30 && value <= 120).toBe(true);
      // Fact 3 is about a switch no scenario of the case has: never applicable.
      expect(row.at(-3)).toBe('not applicable');
      expect(row.at(-4)).toBe('');
      expect(['holds', 'falls short']).toContain(row.at(-7));
      // Co-production − administrative-led on end satisfaction: a number for every draw.
      expect(Number.isFinite(Number(row.at(-2)))).toBe(true);
    }
  });

  it('summarises each fact over the draws, counting not applicable draws apart', async () => {
    const lines = parseCsv(await readFile(join(single, 'facts.csv'), 'utf8'));
    expect(lines[0]?.slice(0, 10)).toEqual([
      'id',
      'title',
      'kind',
      'draws',
      'holding',
      'fallingShort',
      'notApplicable',
      'holdingShare',
      'chanceCorrelation',
      'breaker1',
    ]);
    expect(lines).toHaveLength(4);
    const [, interfaces, , never] = lines;
    expect(Number(interfaces?.[4]) + Number(interfaces?.[5])).toBe(3);
    // A fact that never applies has no share, and no chance level to judge breakers by.
    expect(never?.slice(3, 9)).toEqual(['3', '0', '0', '3', '', '']);
    const html = await readFile(join(single, 'index.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link |src="http/);
    expect(html).toContain('Robustness of the stylized facts: tiny-case');
    expect(html).toContain('<td>Interfaces</td>');
    expect(html).toContain('<code>world.communities[].sites</code>');
    expect(html).toContain(context.command);
    // No draw has every fact applicable, because one applies in none: the page says which.
    expect(html).toMatch(
      /Every fact holds in 0 of the 0 draws in which every fact applies \([^)]*; 3 draws have a fact not applicable; fact 3 \(Switch\) applies in no draw\)/,
    );
  });

  it('follows the headline contrast: its difference at the defaults, and the draws keeping that sign', async () => {
    const lines = parseCsv(await readFile(join(single, 'contrasts.csv'), 'utf8'));
    expect(lines[0]).toEqual([
      'from',
      'to',
      'metric',
      'atDefaults',
      'draws',
      'sameSign',
      'oppositeSign',
      'noDifference',
      'keepsSignShare',
    ]);
    expect(lines.map((line) => line[2])).toEqual(['metric', 'satisfaction.end', 'duplication.wasteShare']);
    const [satisfaction] = run.summary.contrasts;
    // The reference is the same evaluation with nothing drawn; each draw's difference is in the outcomes.
    expect(satisfaction?.atDefaults).toBe(run.atDefaults.contrasts[0]);
    const sign = Math.sign(satisfaction?.atDefaults ?? 0);
    const same = run.outcomes.filter((outcome) => Math.sign(outcome.contrasts[0] ?? 0) === sign && sign !== 0).length;
    expect(satisfaction).toMatchObject({ draws: 3, sameSign: same, keepsSignShare: same / 3 });
    expect((satisfaction?.sameSign ?? 0) + (satisfaction?.oppositeSign ?? 0) + (satisfaction?.noDifference ?? 0)).toBe(3);
    expect(await readFile(join(single, 'index.html'), 'utf8')).toContain('The headline contrast across the draws');
  });

  it('finishes a run stopped part way, from what it kept, to the same bytes as a run never stopped', async () => {
    const resumed = await mkdtemp(join(tmpdir(), 'govsim-robustness-'));
    const progress = join(resumed, robustnessProgressFile);
    const options = { samples: 3, replicates: 2, seed: 5, workers: 1 };
    // Stopped (a crash, Ctrl-C) once two units of the four (three draws, then the defaults) are done.
    const stopAfterTwo = (done: number) => {
      if (done === 2) throw new Error('stopped');
    };
    await expect(
      runRobustness(folder, { ...options, onProgress: stopAfterTwo, progress: { directory: resumed, resume: false } }),
    ).rejects.toThrow('stopped');
    // A line per unit finished (those under way when it stopped included), after the line naming the analysis.
    const kept = (await readFile(progress, 'utf8')).trim().split('\n');
    expect(kept.length).toBeGreaterThanOrEqual(1 + 2);
    // As a process killed after two units would leave it: two whole lines, and a third cut short (run again, not read).
    await writeFile(progress, `${kept.slice(0, 3).join('\n')}\n${(kept[3] ?? kept[2] ?? '').slice(0, 25)}`);
    // Begun again without --resume, the folder is refused: its progress would be lost.
    await expect(runRobustness(folder, { ...options, progress: { directory: resumed, resume: false } })).rejects.toThrow(
      `${robustnessProgressFile}: holds 2 finished units of this analysis (draws, and the run at the defaults): pass --resume to finish the run from them`,
    );
    // Resumed as another analysis (other replicates), refused too.
    await expect(
      runRobustness(folder, { ...options, replicates: 3, progress: { directory: resumed, resume: true } }),
    ).rejects.toThrow('holds an unfinished run of another analysis');
    const counts: number[] = [];
    const finished = await runRobustness(folder, {
      ...options,
      onProgress: (done) => counts.push(done),
      progress: { directory: resumed, resume: true },
    });
    // Two units came from the file, two were run.
    expect(counts).toEqual([2, 3, 4]);
    await writeRobustness(resumed, finished, context);
    expect(existsSync(progress)).toBe(false);
    for (const name of files)
      expect((await readFile(join(resumed, name))).equals(await readFile(join(single, name))), name).toBe(true);
  });

  it('runs in shards whose folders merge into the bytes of one machine’s run, a shard with no draw of its own included', async () => {
    const base = await mkdtemp(join(tmpdir(), 'govsim-robustness-shards-'));
    const options = { samples: 3, replicates: 2, seed: 5, workers: 1 };
    // Four units (three draws, then the defaults) in six shards: shards 4 and 5 have none.
    const shards = [0, 1, 2, 3, 4, 5].map((index) => join(base, `shard-${index}`));
    for (const [index, directory] of shards.entries()) {
      const outcome = await runRobustnessShard(
        folder,
        { ...options, progress: { directory, resume: false } },
        { index, count: 6 },
      );
      expect(outcome).toEqual({ units: 4, shardUnits: index < 4 ? 1 : 0, run: index < 4 ? 1 : 0, kept: 0 });
      expect(existsSync(join(directory, robustnessProgressFile))).toBe(true);
    }
    // Run again with --resume, a finished shard runs nothing.
    expect(
      await runRobustnessShard(
        folder,
        { ...options, progress: { directory: shards[0] as string, resume: true } },
        { index: 0, count: 6 },
      ),
    ).toMatchObject({ run: 0, kept: 1 });
    const merged = join(base, 'merged');
    await writeRobustness(merged, await runRobustness(folder, { ...options, mergeFrom: shards }), context);
    for (const name of files)
      expect((await readFile(join(merged, name))).equals(await readFile(join(single, name))), name).toBe(true);
    // A shard left out is named by its units; nothing is run in its place.
    await expect(runRobustness(folder, { ...options, mergeFrom: shards.filter((_, index) => index !== 2) })).rejects.toThrow(
      "1 of the 4 units of work (the draws, then the defaults) is in none of the 5 folders given (unit 2): it is shard 2/6's, whose folder was not given; finish it",
    );
    // Two shards left out: each to be finished.
    await expect(
      runRobustness(folder, { ...options, mergeFrom: shards.filter((_, index) => index !== 1 && index !== 2) }),
    ).rejects.toThrow(
      "they are shard 1/6's, whose folder was not given; shard 2/6's, whose folder was not given; finish each (the same command with its own --shard and --resume, once none runs any more), then merge again",
    );
    // A folder given twice is refused, however it is named.
    await expect(runRobustness(folder, { ...options, mergeFrom: [...shards, `${shards[1] as string}/`] })).rejects.toThrow(
      `${shards[1] as string}/: invalid robustness shard folder\n  - (top level): is ${shards[1] as string} again`,
    );
    // A shard folder given but unfinished is named as such.
    const unfinished = join(base, 'unfinished');
    await mkdir(unfinished);
    const progressLines = (await readFile(join(shards[2] as string, robustnessProgressFile), 'utf8')).split('\n');
    await writeFile(join(unfinished, robustnessProgressFile), `${progressLines[0]}\n`);
    await expect(
      runRobustness(folder, { ...options, mergeFrom: shards.map((directory, index) => (index === 2 ? unfinished : directory)) }),
    ).rejects.toThrow(`(unit 2): it is shard 2/6's, whose folder ${unfinished} is unfinished; finish it`);
    // Shards of another analysis (other replicates) are refused, naming the folder and the options of each.
    await expect(runRobustness(folder, { ...options, replicates: 3, mergeFrom: shards })).rejects.toThrow(
      `${shards[0]}: invalid robustness folder\n  - ${robustnessProgressFile}: holds the outcomes of an analysis run with --samples 3 --replicates 2 --seed 5, and this merge asks for --samples 3 --replicates 3 --seed 5: merge with the options the shards were run with`,
    );
    // With the same options, another case (a fact's threshold changed) is refused as another analysis.
    const changed = {
      ...folder,
      facts: { ...folder.facts, facts: folder.facts.facts.map((fact) => ({ ...fact, threshold: 0.5 })) },
    };
    await expect(runRobustness(changed as typeof folder, { ...options, mergeFrom: shards })).rejects.toThrow(
      `${robustnessProgressFile}: holds the outcomes of another analysis (other facts, scenarios, draws, replicates or model module: --model, or its absence, must be as the shards had it)`,
    );
    await expect(runRobustness(folder, { ...options, mergeFrom: [base] })).rejects.toThrow(
      `holds no ${robustnessProgressFile}: not the folder of a robustness shard`,
    );
  });

  it('writes the same bytes with two worker threads', async () => {
    const parallel = await mkdtemp(join(tmpdir(), 'govsim-robustness-'));
    await writeRobustness(parallel, await runRobustness(folder, { samples: 3, replicates: 2, seed: 5, workers: 2 }), context);
    for (const name of files) {
      expect((await readFile(join(parallel, name))).equals(await readFile(join(single, name))), name).toBe(true);
    }
  });
});

describe('unitRunName', () => {
  it('names a draw as draws.csv numbers it, and the last unit as the defaults', () => {
    expect([0, 1, 2].map((index) => unitRunName(index, 3))).toEqual([
      'robustness draw 0',
      'robustness draw 1',
      'robustness defaults (no parameter drawn)',
    ]);
  });
});
