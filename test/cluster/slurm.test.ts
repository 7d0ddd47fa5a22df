/**
 * A sweep and a robustness analysis across a real SLURM cluster: a
 * single-node cluster on 127.0.0.1 (Debian's munge, slurmctld, slurmd), each
 * submitted as an array job whose tasks run one shard each, the shards
 * merged, and the result compared byte for byte with the same work run on
 * one machine.
 *
 * Skipped where SLURM is not installed, unless GOVSIM_REQUIRE_SLURM=1 (as in
 * CI), where its absence is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExperiment, mergeSweeps, runSweep } from '../../src/node/index.js';

const installed = existsSync('/usr/sbin/slurmctld') && existsSync('/usr/sbin/slurmd') && existsSync('/usr/bin/sbatch');
const required = process.env.GOVSIM_REQUIRE_SLURM === '1';
const script = resolve('test/cluster/slurm-cluster.sh');

describe.skipIf(!installed && !required)('sweeps and robustness runs as SLURM array jobs', () => {
  let directory = '';
  let environment: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    expect(installed, 'SLURM is required (GOVSIM_REQUIRE_SLURM=1) but not installed').toBe(true);
    directory = process.env.GOVSIM_SLURM_DIR ?? (await mkdtemp(join(tmpdir(), 'govsim-slurm-')));
    const conf = execFileSync(script, ['start', directory], { encoding: 'utf8' }).trim();
    environment = { ...process.env, SLURM_CONF: conf };
  }, 60_000);

  afterAll(async () => {
    if (directory === '') return;
    execFileSync(script, ['stop', directory]);
    // A folder this test made goes with it; one CI names (GOVSIM_SLURM_DIR) is left to CI.
    if (process.env.GOVSIM_SLURM_DIR === undefined) await rm(directory, { recursive: true, force: true });
  }, 60_000);

  /** Submits `command` (a line of shell, run from the repository) as an array job of `tasks`, and waits until every task completed with exit code 0. */
  async function arrayJob(name: string, tasks: number, command: string): Promise<void> {
    const job = join(directory, `${name}.sh`);
    await writeFile(job, `#!/bin/bash\ncd ${JSON.stringify(process.cwd())}\n${command}\n`, { mode: 0o755 });
    // With a memory request, as a real cluster's scripts give one (docs/scale.md).
    const id = execFileSync(
      'sbatch',
      ['--parsable', `--array=0-${tasks - 1}`, '--mem=256M', `--output=${directory}/${name}-%a.log`, job],
      { env: environment, encoding: 'utf8' },
    ).trim();
    const deadline = Date.now() + 120_000;
    while (execFileSync('squeue', ['-h', '-j', id], { env: environment, encoding: 'utf8' }).trim() !== '') {
      if (Date.now() > deadline) throw new Error(`array job ${id} did not finish in 120 s`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    }
    const report = execFileSync('scontrol', ['-o', 'show', 'job', id], { env: environment, encoding: 'utf8' });
    expect(report.match(/JobState=COMPLETED/g)).toHaveLength(tasks);
    expect(report.match(/ExitCode=0:0/g)).toHaveLength(tasks);
  }

  it('runs 4 shards as array tasks whose merge equals the single-machine sweep byte for byte', async () => {
    const experiment = resolve('test/fixtures/tiny-sweep.json');
    const shards = join(directory, 'shards');
    await arrayJob(
      'sweep',
      4,
      `exec ${JSON.stringify(process.execPath)} --import tsx src/cli/bin.ts sweep ${JSON.stringify(experiment)} --shard slurm --out ${JSON.stringify(shards)}/shard-$SLURM_ARRAY_TASK_ID -j 1`,
    );

    const names = (await readdir(shards)).sort();
    expect(names).toEqual(['shard-0', 'shard-1', 'shard-2', 'shard-3']);
    const merged = join(directory, 'merged');
    await mergeSweeps(
      names.map((name) => join(shards, name)),
      merged,
    );
    const single = join(directory, 'single');
    await runSweep(await loadExperiment(experiment), { out: single, workers: 1 });
    for (const name of ['sweep.json', 'points.csv', 'runs.csv', 'runs.parquet']) {
      expect((await readFile(join(merged, name))).equals(await readFile(join(single, name))), name).toBe(true);
    }
  }, 180_000);

  it('runs a robustness analysis as 3 array tasks whose --merge equals the single-machine run byte for byte', async () => {
    const analysis = `robustness test/fixtures/tiny-case --samples 5 --replicates 2 -j 1`;
    const shards = join(directory, 'robustness-shards');
    await arrayJob(
      'robustness',
      3,
      `exec ${JSON.stringify(process.execPath)} --import tsx src/cli/bin.ts ${analysis} --shard slurm --out ${JSON.stringify(shards)}/shard-$SLURM_ARRAY_TASK_ID`,
    );
    const names = (await readdir(shards)).sort();
    expect(names).toEqual(['shard-0', 'shard-1', 'shard-2']);
    const node = (line: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...line.split(' ')], { encoding: 'utf8' });
    const merged = join(directory, 'robustness-merged');
    node(`${analysis} --merge ${names.map((name) => join(shards, name)).join(' ')} --out ${merged}`);
    const single = join(directory, 'robustness-single');
    node(`${analysis} --out ${single}`);
    const files = (await readdir(single)).sort();
    expect((await readdir(merged)).sort()).toEqual(files);
    for (const name of files)
      expect((await readFile(join(merged, name))).equals(await readFile(join(single, name))), name).toBe(true);
  }, 180_000);
});
