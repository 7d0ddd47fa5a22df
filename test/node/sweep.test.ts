import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../../src/core/index.js';
import { loadExperiment, mergeSweeps, parseShard, runSweep } from '../../src/node/index.js';
import { workerCount } from '../../src/node/sweep.js';
import { ScenarioError } from '../../src/scenario/index.js';

const experimentFile = 'test/fixtures/tiny-sweep.json';
const outputs = ['sweep.json', 'points.csv', 'runs.csv', 'runs.parquet'];

async function sameFiles(left: string, right: string): Promise<void> {
  for (const name of outputs)
    expect((await readFile(join(left, name))).equals(await readFile(join(right, name))), name).toBe(true);
  const chunks = (await readdir(join(left, 'chunks'))).sort();
  expect((await readdir(join(right, 'chunks'))).sort()).toEqual(chunks);
  for (const name of chunks)
    expect(await readFile(join(right, 'chunks', name), 'utf8')).toBe(await readFile(join(left, 'chunks', name), 'utf8'));
}

const temporary = () => mkdtemp(join(tmpdir(), 'govsim-sweep-'));

describe('govsim sweep', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });

  it('writes every run once, in point, variant and replicate order, as CSV and Parquet', async () => {
    const lines = (await readFile(join(single, 'runs.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'point,parameters.docking.confirmationChance,world.departments,variant,replicate,seed,satisfaction.end,load.staffMean,duplication.wasteShare,fragmentation.crossDepartmentSettleWeeks',
    );
    expect(lines).toHaveLength(1 + 6 * 2 * 6);
    const keys = lines.slice(1).map((line) => line.split(',').slice(0, 5).join(','));
    expect(new Set(keys).size).toBe(72);
    expect(lines[1]?.startsWith('0,0.4,3,administrative-led,0,')).toBe(true);
    const parquet = await readFile(join(single, 'runs.parquet'));
    expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
    expect(parquet.subarray(-4).toString()).toBe('PAR1');
  });

  it('pairs the variants of a point on the same seeds, and gives each point its own', async () => {
    const rows = (await readFile(join(single, 'runs.csv'), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const seedOf = (point: string, variant: string, replicate: string) =>
      rows.find((row) => row[0] === point && row[3] === variant && row[4] === replicate)?.[5];
    expect(seedOf('0', 'administrative-led', '2')).toBe(seedOf('0', 'co-production', '2'));
    // Points 0 and 2 differ only in a mechanism parameter, so they share the world and its seeds; point 1 has another world.
    expect(seedOf('2', 'co-production', '2')).toBe(seedOf('0', 'co-production', '2'));
    expect(seedOf('1', 'co-production', '2')).not.toBe(seedOf('0', 'co-production', '2'));
  });

  it('writes the same bytes with several worker threads', async () => {
    const parallel = join(await temporary(), 'parallel');
    await runSweep(loaded, { out: parallel, workers: 2 });
    await sameFiles(single, parallel);
  });

  it('splits into shards that merge into exactly what one machine writes', async () => {
    const base = await temporary();
    const shards = [0, 1, 2].map((index) => join(base, `shard-${index}`));
    for (const [index, out] of shards.entries()) {
      const outcome = await runSweep(loaded, { out, workers: 1, shard: { index, count: 3 } });
      expect(outcome.complete).toBe(false);
      expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    }
    const merged = join(base, 'merged');
    await mergeSweeps(shards, merged);
    await sameFiles(single, merged);
    await expect(mergeSweeps(shards.slice(0, 2), join(base, 'partial'))).rejects.toThrow(/missing/);
  });

  it('refuses to overwrite finished results without --resume, and resumes to the same bytes', async () => {
    await expect(runSweep(loaded, { out: single, workers: 1 })).rejects.toBeInstanceOf(ScenarioError);
    const outcome = await runSweep(loaded, { out: single, workers: 1, resume: true });
    expect(outcome.unitsRun).toBe(0);
  });

  it('survives kill -9 twice and resumes to exactly the uninterrupted output', async () => {
    const longFile = 'test/fixtures/tiny-sweep-long.json';
    const uninterrupted = join(await temporary(), 'uninterrupted');
    await runSweep(await loadExperiment(longFile), { out: uninterrupted, workers: 1 });
    const out = join(await temporary(), 'killed');
    const sweep = (...extra: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'sweep', longFile, '--out', out, '-j', '1', ...extra], {
        stdio: 'ignore',
      });
    const chunksWritten = async () =>
      existsSync(join(out, 'chunks')) ? (await readdir(join(out, 'chunks'))).filter((name) => name.endsWith('.csv')).length : 0;
    for (const [attempt, killAfter] of [4, 12].entries()) {
      const child = sweep(...(attempt === 0 ? [] : ['--resume']));
      let exited = false;
      const exit = new Promise((resolve) => {
        child.on('exit', () => {
          exited = true;
          resolve(undefined);
        });
      });
      while (!exited && (await chunksWritten()) < killAfter) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(exited, 'the sweep finished before it could be killed').toBe(false);
      child.kill('SIGKILL');
      await exit;
      expect(existsSync(join(out, 'runs.csv'))).toBe(false);
      expect(await chunksWritten()).toBeLessThan(24);
    }
    const finish = sweep('--resume');
    expect(await new Promise((resolve) => finish.on('exit', resolve))).toBe(0);
    await sameFiles(uninterrupted, out);
  }, 120_000);
});

describe('precision mode', () => {
  it('adds batches to each point until the interval is narrow enough, the same with any number of workers', async () => {
    const loaded = await loadExperiment('test/fixtures/tiny-precision.json');
    const single = join(await temporary(), 'single');
    const parallel = join(await temporary(), 'parallel');
    await runSweep(loaded, { out: single, workers: 1 });
    await runSweep(loaded, { out: parallel, workers: 2 });
    await sameFiles(single, parallel);
    const rows = (await readFile(join(single, 'runs.csv'), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const { meanConfidenceInterval } = await import('../../src/core/index.js');
    const halfWidth = (values: number[]) => {
      const interval = meanConfidenceInterval(values);
      return (interval.high - interval.low) / 2;
    };
    let grew = 0;
    for (let point = 0; point < 6; point++) {
      for (const variant of ['administrative-led', 'co-production']) {
        const values = rows.filter((row) => row[0] === String(point) && row[3] === variant).map((row) => Number(row[6]));
        const count = values.length;
        expect(count % 5).toBe(0);
        expect(count).toBeLessThanOrEqual(40);
        if (count > 5) grew++;
      }
      // The point stopped at the first batch where both variants were precise enough (or at the maximum).
      const count = rows.filter((row) => row[0] === String(point) && row[3] === 'co-production').length;
      const precise = (n: number) =>
        ['administrative-led', 'co-production'].every(
          (variant) =>
            halfWidth(
              rows
                .filter((row) => row[0] === String(point) && row[3] === variant)
                .slice(0, n)
                .map((row) => Number(row[6])),
            ) <= 0.004,
        );
      expect(count === 40 || precise(count)).toBe(true);
      if (count > 5) expect(precise(count - 5)).toBe(false);
    }
    expect(grew).toBeGreaterThan(0);
  });
});

describe('parseShard', () => {
  it('reads i/n, SLURM array variables and Kubernetes indexed jobs', () => {
    expect(parseShard('1/4', {})).toEqual({ index: 1, count: 4 });
    expect(parseShard('slurm', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(parseShard('slurm', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '2' })).toEqual({
      index: 3,
      count: 4,
    });
    expect(parseShard('k8s/8', { JOB_COMPLETION_INDEX: '7' })).toEqual({ index: 7, count: 8 });
    expect(parseShard('env', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '2' })).toEqual({ index: 0, count: 2 });
    expect(() => parseShard('4/4', {})).toThrow(ScenarioError);
    expect(() => parseShard('slurm', {})).toThrow(/not set/);
    expect(() => parseShard('half', {})).toThrow(/expected i\/n/);
  });
});

describe('govsim sweep with text factor values and labels that need quoting', () => {
  it('quotes commas and quotes in points.csv and runs.csv, and reads them back as written', async () => {
    const fixture = JSON.parse(await readFile(experimentFile, 'utf8'));
    const directory = await temporary();
    const file = join(directory, 'quoted.json');
    await writeFile(
      file,
      JSON.stringify({
        ...fixture,
        name: 'quoted',
        design: { type: 'factorial', factors: [{ path: 'world.communities[0].name', values: ['Y, east', 'the "old" block'] }] },
        variants: [{ label: 'co-production, full', set: { mode: 'co-production' } }],
        replicates: 1,
        metrics: ['satisfaction.end'],
      }),
    );
    const out = join(directory, 'sweep');
    await runSweep(await loadExperiment(file), { out, workers: 1 });
    const points = (await readFile(join(out, 'points.csv'), 'utf8')).trimEnd().split('\n').map(splitCsvLine);
    expect(points).toEqual([
      ['point', 'world.communities[0].name'],
      ['0', 'Y, east'],
      ['1', 'the "old" block'],
    ]);
    const runs = (await readFile(join(out, 'runs.csv'), 'utf8')).trimEnd().split('\n').map(splitCsvLine);
    expect(runs.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['0', 'Y, east', 'co-production, full'],
      ['1', 'the "old" block', 'co-production, full'],
    ]);
  });
});

describe('worker threads', () => {
  it('are as many as asked, never more than the cores, at least one', () => {
    const cores = availableParallelism();
    expect(workerCount(undefined)).toBe(cores);
    expect(workerCount(512)).toBe(cores);
    expect(workerCount(1)).toBe(1);
    expect(workerCount(0)).toBe(1);
  });
});
