import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import { FolderInUseError } from '../../src/node/folder-lock.js';
import {
  analyseSweep,
  finaliseSweep,
  govsimVersion,
  loadExperiment,
  loadSweepDefinition,
  mergeSweeps,
  parseShard,
  runSweep,
  type SweepProgress,
} from '../../src/node/index.js';
import { shippedScenariosDirectory } from '../../src/node/shipped.js';
import { workerCount } from '../../src/node/worker-pool.js';
import { type Scenario, ScenarioError } from '../../src/scenario/index.js';
import { runSeed } from '../../src/simulation/index.js';
import { cli } from '../cli/capture.js';

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

  it('runs every point and variant of a replicate on one seed, that of the base world, whatever world a point sets', async () => {
    const rows = (await readFile(join(single, 'runs.csv'), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const seedOf = (point: string, variant: string, replicate: string) =>
      rows.find((row) => row[0] === point && row[3] === variant && row[4] === replicate)?.[5];
    expect(seedOf('0', 'administrative-led', '2')).toBe(seedOf('0', 'co-production', '2'));
    // Point 1 sets another number of departments than the base's (3 against 4): its world differs, its seed does not, so
    // the factor's effect is not also a difference of draws.
    for (const point of ['1', '2', '3', '4', '5'])
      expect(seedOf(point, 'co-production', '2')).toBe(seedOf('0', 'co-production', '2'));
    expect(seedOf('0', 'co-production', '3')).not.toBe(seedOf('0', 'co-production', '2'));
    const scenario = loaded.plan.scenarios[1]?.[1] as Scenario;
    const baseWorld = loaded.plan.seedWorld as Scenario['world'];
    expect(scenario.world.departments).not.toBe(baseWorld.departments);
    expect(Number(seedOf('1', 'co-production', '2'))).toBe(runSeed({ ...scenario, world: baseWorld }, 2));
    expect(Number(seedOf('1', 'co-production', '2'))).not.toBe(runSeed(scenario, 2));
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
    // A shard's folder, finished, is not analysed: it is said to be a shard, to be merged first.
    await expect(analyseSweep(shards[1] as string)).rejects.toThrow(
      "runs.csv: not found: this is the folder of shard 1/3 of the sweep (its shard.json), which holds its units of work for govsim merge: merge the shards' folders",
    );
    const merged = join(base, 'merged');
    const noted: string[] = [];
    await mergeSweeps(shards, merged, { onNote: (text) => noted.push(text) });
    await sameFiles(single, merged);
    expect(noted.filter((text) => text.includes('adds nothing'))).toEqual([]);
    // A second copy of a shard (or of the whole sweep) merges, and is said to add nothing.
    const copy = join(base, 'shard-0-copy');
    await cp(shards[0] as string, copy, { recursive: true });
    await mergeSweeps([...shards, copy], join(base, 'with-copy'), { onNote: (text) => noted.push(text) });
    await sameFiles(single, join(base, 'with-copy'));
    const wholeCopy = join(base, 'whole-copy');
    await cp(single, wholeCopy, { recursive: true });
    await mergeSweeps([single, wholeCopy], join(base, 'two-wholes'), { onNote: (text) => noted.push(text) });
    await sameFiles(single, join(base, 'two-wholes'));
    expect(noted.filter((text) => text.includes('adds nothing'))).toEqual([
      `${copy} adds nothing: each of its units is also in a folder given before it, with the same bytes\n`,
      `${wholeCopy} adds nothing: each of its units is also in a folder given before it, with the same bytes\n`,
    ]);
    await expect(mergeSweeps(shards.slice(0, 2), join(base, 'partial'))).rejects.toThrow(/missing/);
    await expect(mergeSweeps([shards[0] as string, shards[2] as string], join(base, 'partial'))).rejects.toThrow(
      'shard 1/3 is not among the folders given: run it (or pass its folder), then merge again; nothing was written',
    );
    // One folder given twice (here with a trailing slash), or a shard's own folder as --out, as a city merge refuses.
    await expect(mergeSweeps([...shards, `${shards[0]}/`], join(base, 'twice'))).rejects.toThrow(
      `is ${shards[0]} again: give each shard's folder once`,
    );
    await expect(mergeSweeps(shards, shards[1] as string)).rejects.toThrow('is one of the shard folders; choose another --out');
    // The whole sweep's folder beside its shards: the folders were mixed up, though every unit agrees.
    await expect(mergeSweeps([single, ...shards], join(base, 'mixed'))).rejects.toThrow(
      new RegExp(
        `^${single}: invalid sweep folder\\n  - \\(top level\\): is a folder of the whole sweep \\(it has no shard\\.json\\), given with shard folders`,
      ),
    );
    expect(existsSync(join(base, 'mixed'))).toBe(false);
    // A folder that is no sweep at all (misspelt, or empty) is said to be that, not a whole sweep.
    await expect(mergeSweeps([...shards, join(base, 'shard-typo')], join(base, 'mixed'))).rejects.toThrow(
      `${join(base, 'shard-typo')}: invalid sweep folder\n  - (top level): does not exist`,
    );
    await mkdir(join(base, 'shard-empty'));
    await expect(mergeSweeps([...shards, join(base, 'shard-empty')], join(base, 'mixed'))).rejects.toThrow(
      'no sweep.json: not a sweep folder',
    );
    // A robustness shard's folder is said to be one, with the merge that takes it.
    await mkdir(join(base, 'robustness-shard'));
    await writeFile(join(base, 'robustness-shard', 'robustness-progress.jsonl'), '');
    await expect(mergeSweeps([...shards, join(base, 'robustness-shard')], join(base, 'mixed'))).rejects.toThrow(
      'no sweep.json: not a sweep folder but a robustness run’s (the shards of a robustness run merge with govsim robustness <case> --merge <folders…>)',
    );
    expect(existsSync(join(base, 'twice'))).toBe(false);
    expect(existsSync(join(shards[1] as string, 'runs.csv'))).toBe(false);
    // A shard's folder is resumed as that shard only: a SLURM task resubmitted alone (an array of one) would otherwise
    // run the whole sweep into it.
    const second = shards[1] as string;
    await expect(runSweep(loaded, { out: second, workers: 1, resume: true, shard: { index: 0, count: 1 } })).rejects.toThrow(
      'shard.json: holds shard 1/3 of this sweep, not shard 0/1; resume it as it was begun with --shard 1/3',
    );
    await expect(runSweep(loaded, { out: second, workers: 1, resume: true })).rejects.toThrow(
      'holds shard 1/3 of this sweep, not the whole sweep',
    );
    // Another shard of the same split (every task of an array given one folder) is told so, not to pass --resume.
    for (const resume of [false, true])
      await expect(runSweep(loaded, { out: second, workers: 1, resume, shard: { index: 2, count: 3 } })).rejects.toThrow(
        "shard.json: holds shard 1/3 of this sweep, not shard 2/3: each shard runs in a folder of its own (give each task its own --out, such as one ending in -$SLURM_ARRAY_TASK_ID, or leave --out out for its shard's default folder); choose another --out",
      );
    await expect(runSweep(loaded, { out: single, workers: 1, resume: true, shard: { index: 1, count: 3 } })).rejects.toThrow(
      'holds the whole sweep, not shard 1/3; resume it as it was begun, without --shard',
    );
    expect((await runSweep(loaded, { out: second, workers: 1, resume: true, shard: { index: 1, count: 3 } })).unitsRun).toBe(0);
    // A damaged shard.json is an input error naming the file, not a crash.
    const shardFile = join(second, 'shard.json');
    const written = await readFile(shardFile, 'utf8');
    for (const text of ['{"index": 1', 'null']) {
      await writeFile(shardFile, text);
      await expect(runSweep(loaded, { out: second, workers: 1, resume: true, shard: { index: 1, count: 3 } })).rejects.toThrow(
        'shard.json: damaged: expected { index, count }',
      );
    }
    await writeFile(shardFile, written);
  });

  it('refuses to overwrite finished results without --resume, and resumes to the same bytes', async () => {
    await expect(runSweep(loaded, { out: single, workers: 1 })).rejects.toThrow(
      'already holds this sweep, finished (runs.csv); pass --resume to keep its results',
    );
    // Not yet finished (no runs.csv): --resume keeps what is there and runs the rest.
    const unfinished = join(await temporary(), 'unfinished');
    await cp(single, unfinished, { recursive: true });
    await rm(join(unfinished, 'runs.csv'));
    await rm(join(unfinished, 'runs.parquet'));
    await expect(runSweep(loaded, { out: unfinished, workers: 1 })).rejects.toThrow(
      'already holds results of this sweep; pass --resume to keep them and run what is missing, or choose another --out',
    );
    const outcome = await runSweep(loaded, { out: single, workers: 1, resume: true });
    expect(outcome.unitsRun).toBe(0);
  });

  it('checks its out folder as the command line does: a file, govsim’s shipped scenarios are refused, nothing written', async () => {
    const file = join(await temporary(), 'a-file');
    await writeFile(file, 'x');
    await expect(runSweep(loaded, { out: file, workers: 1 })).rejects.toThrow(`${file}: invalid output folder`);
    await expect(runSweep(loaded, { out: file, workers: 1 })).rejects.toThrow('is a file, not a folder; choose another out');
    const shipped = shippedScenariosDirectory();
    const before = await readdir(shipped);
    await expect(runSweep(loaded, { out: shipped, workers: 1 })).rejects.toThrow("is govsim's folder of shipped scenarios");
    expect(await readdir(shipped)).toEqual(before);
  });

  it('names what differs when a folder holds a sweep of another experiment, its description alone included', async () => {
    const file = join(await temporary(), 'edited.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(experimentFile, 'utf8')), description: 'Edited.' }));
    const edited = await loadExperiment(file);
    await expect(runSweep(edited, { out: single, workers: 1, resume: true })).rejects.toThrow(
      "holds a sweep of a different experiment (it differs in `description`; a sweep's experiment is matched whole, its name, description and base path included); choose another --out",
    );
  });

  it('names the experiment file and its model field when the model module it names is not there', async () => {
    const directory = await temporary();
    const experiment = JSON.parse(await readFile(experimentFile, 'utf8'));
    const file = join(directory, 'experiment.json');
    await writeFile(file, JSON.stringify({ ...experiment, model: './no-such-model.mjs' }));
    await expect(loadExperiment(file)).rejects.toThrow(
      `${file}: invalid experiment\n  - model: model module ${join(directory, 'no-such-model.mjs')} not found`,
    );
  });

  it('leaves nothing behind when it fails before finishing a unit, so that it runs once the fault is mended', async () => {
    const directory = await temporary();
    const module = join(directory, 'model.mjs');
    const faulty = `export default { name: 'm', extensions: [{ name: 'gossip', description: 'fails in week 5', phases: [{ name: 'rumours', after: 'residents', run: ({ state }) => { if (state.week === 5) throw new Error('my phase failed'); } }] }] };\n`;
    await writeFile(module, faulty);
    const experiment = JSON.parse(await readFile(experimentFile, 'utf8'));
    const file = join(directory, 'experiment.json');
    await writeFile(file, JSON.stringify({ ...experiment, model: 'model.mjs' }));
    const out = join(directory, 'sweep');
    await expect(runSweep(await loadExperiment(file), { out, workers: 1 })).rejects.toThrow('my phase failed');
    expect(existsSync(out)).toBe(false);
    // Into a folder that was there already: it stays, emptied of what the failed sweep began.
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'mine');
    await expect(runSweep(await loadExperiment(file), { out, workers: 1 })).rejects.toThrow('my phase failed');
    expect(await readdir(out)).toEqual(['notes.txt']);
    // Workers that cannot start fail the sweep before it writes anything: files of the folder's own, of the names a
    // sweep writes, are not its to remove.
    const threadless = join(directory, 'threadless.mjs');
    await writeFile(
      threadless,
      `import { isMainThread } from 'node:worker_threads';\nif (!isMainThread) throw new Error('no threads here');\nexport default { name: 'm', extensions: [] };\n`,
    );
    await writeFile(file, JSON.stringify({ ...experiment, model: 'threadless.mjs' }));
    const held = join(directory, 'held');
    await mkdir(held);
    await writeFile(join(held, 'points.csv'), 'mine\n');
    await writeFile(join(held, 'shard.json'), '{}');
    await expect(runSweep(await loadExperiment(file), { out: held, workers: 2 })).rejects.toThrow(/could not start/);
    expect((await readdir(held)).sort()).toEqual(['points.csv', 'shard.json']);
    // A whole sweep that fails in a week removes the start files it wrote, not a shard.json it never writes.
    await rm(join(held, 'points.csv'));
    await writeFile(file, JSON.stringify({ ...experiment, model: 'model.mjs' }));
    await expect(runSweep(await loadExperiment(file), { out: held, workers: 1 })).rejects.toThrow('my phase failed');
    expect(await readdir(held)).toEqual(['shard.json']);
    // Mended (in a file of its own: this process has the faulty one loaded), the sweep runs there.
    await writeFile(
      join(directory, 'mended.mjs'),
      faulty.replace("if (state.week === 5) throw new Error('my phase failed');", ''),
    );
    await writeFile(file, JSON.stringify({ ...experiment, model: 'mended.mjs' }));
    const outcome = await runSweep(await loadExperiment(file), { out, workers: 1 });
    expect(outcome.complete).toBe(true);
    expect(outcome.unitsRun).toBeGreaterThan(0);
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

  it.skipIf(availableParallelism() < 2)(
    'stops the points under way after a failed one at the end of their block, and reports the failure',
    async () => {
      const directory = await temporary();
      // Point 0 (confirmation chance 0.3, 3 departments) fails in its first run; point 1, on the other worker, would
      // otherwise add blocks up to the maximum (8 blocks of 5 replicates, as every point of this sweep does). With one
      // core the sweep has one worker, point 1 never starts, and the test could not fail: it is skipped there.
      await writeFile(
        join(directory, 'model.mjs'),
        `export default { name: 'm', extensions: [{ name: 'fault', description: 'fails at point 0', phases: [{ name: 'fault', after: 'residents', run: ({ state }) => { if (state.week === 5 && state.scenario.parameters.docking.confirmationChance === 0.3 && state.scenario.world.departments === 3) throw new Error('point 0 failed'); } }] }] };\n`,
      );
      const experiment = JSON.parse(await readFile('test/fixtures/tiny-precision.json', 'utf8'));
      const file = join(directory, 'experiment.json');
      await writeFile(file, JSON.stringify({ ...experiment, model: 'model.mjs' }));
      const out = join(directory, 'sweep');
      await expect(runSweep(await loadExperiment(file), { out, workers: 2 })).rejects.toThrow('point 0 failed');
      const chunks = existsSync(join(out, 'chunks')) ? await readdir(join(out, 'chunks')) : [];
      expect(chunks.filter((name) => name.startsWith('p000000-'))).toEqual([]);
      expect(chunks.filter((name) => name.startsWith('p000001-')).length).toBeLessThanOrEqual(2);
      expect(chunks.filter((name) => !/^p00000[01]-/.test(name))).toEqual([]);
    },
    60_000,
  );
});

describe('parseShard', () => {
  it('reads i/n, SLURM array variables and Kubernetes indexed jobs', () => {
    expect(parseShard('1/4', {})).toEqual({ index: 1, count: 4 });
    expect(parseShard('slurm', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(parseShard('slurm', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '2' })).toEqual({
      index: 3,
      count: 4,
    });
    // A stepped array (--array=0-15:2): task 14 is the eighth of eight.
    expect(
      parseShard('slurm', {
        SLURM_ARRAY_TASK_ID: '14',
        SLURM_ARRAY_TASK_COUNT: '8',
        SLURM_ARRAY_TASK_MIN: '0',
        SLURM_ARRAY_TASK_STEP: '2',
      }),
    ).toEqual({ index: 7, count: 8 });
    expect(parseShard('k8s/8', { JOB_COMPLETION_INDEX: '7' })).toEqual({ index: 7, count: 8 });
    expect(parseShard('env', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '2' })).toEqual({ index: 0, count: 2 });
    expect(() => parseShard('4/4', {})).toThrow(ScenarioError);
    // Counted from 1 by habit: the last shard named by its count is told how shards are numbered.
    expect(() => parseShard('2/2', {})).toThrow(
      'expected 0 ≤ index < count, got 2/2: shards are numbered from 0, so the 2 shards are 0/2 to 1/2',
    );
    expect(() => parseShard('1/1', {})).toThrow('got 1/1: shards are numbered from 0, so the one shard is 0/1');
    expect(() => parseShard('slurm', {})).toThrow('SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set');
    expect(() => parseShard('slurm', { SLURM_ARRAY_TASK_ID: '1' })).toThrow(
      'SLURM_ARRAY_TASK_COUNT is not set (--shard slurm is for the tasks of an array job',
    );
    expect(() => parseShard('half', {})).toThrow(/expected i\/n/);
    // An array given as a list has no step to find a task's position by: said, with what to do instead.
    // Every task of --array=0,1,3,4 sees ids 0 to 4 for 4 tasks, and each is refused, not only the last.
    const list = {
      SLURM_ARRAY_TASK_COUNT: '4',
      SLURM_ARRAY_TASK_MIN: '0',
      SLURM_ARRAY_TASK_MAX: '4',
      SLURM_ARRAY_TASK_STEP: '1',
    };
    for (const id of ['0', '3', '4'])
      expect(() => parseShard('slurm', { ...list, SLURM_ARRAY_TASK_ID: id })).toThrow(
        '--shard slurm takes an array given as a range (--array=a-b or a-b:s); for a list, give each task --shard i/n',
      );
    // Said by the span, not by the task's position: task 0 of --array=0,1,3,4 is at position 0 of 4, which is no fault.
    expect(() => parseShard('slurm', { ...list, SLURM_ARRAY_TASK_ID: '0' })).toThrow(
      'SLURM_ARRAY_TASK_MIN 0 to SLURM_ARRAY_TASK_MAX 4 in steps of SLURM_ARRAY_TASK_STEP 1 spans 5 ids, not SLURM_ARRAY_TASK_COUNT 4, so the array was not given as a range',
    );
    expect(() => parseShard('slurm', { ...list, SLURM_ARRAY_TASK_ID: '0' })).not.toThrow('SLURM_ARRAY_TASK_ID 0 is not task');
    // An id off the array's range or steps is still said by its position.
    expect(() =>
      parseShard('slurm', { ...list, SLURM_ARRAY_TASK_MAX: '6', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_ID: '3' }),
    ).toThrow(
      'SLURM_ARRAY_TASK_ID 3 is not task (ID − SLURM_ARRAY_TASK_MIN 0) ÷ SLURM_ARRAY_TASK_STEP 2 of SLURM_ARRAY_TASK_COUNT 4',
    );
    expect(parseShard('slurm', { ...list, SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_ID: '3' })).toEqual({ index: 3, count: 4 });
    // A scheduler's variable that is no whole number is named, with its value.
    expect(() => parseShard('k8s/4', { JOB_COMPLETION_INDEX: '5' })).toThrow(
      "JOB_COMPLETION_INDEX 5 is not below the count 4 of k8s/4: give the Job's completions as the count",
    );
    expect(() => parseShard('k8s/0', { JOB_COMPLETION_INDEX: '0' })).toThrow('expected 0 ≤ index < count, got 0/0');
    expect(() => parseShard('k8s/3', { JOB_COMPLETION_INDEX: 'x' })).toThrow(
      'JOB_COMPLETION_INDEX: expected a whole number ≥ 0, got "x"',
    );
    expect(() =>
      parseShard('slurm', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_STEP: '2.5' }),
    ).toThrow('SLURM_ARRAY_TASK_STEP: expected a whole number ≥ 0, got "2.5"');
  });

  it('refuses an index or count past 2^53 − 1, which a number cannot hold exactly, naming what was given', () => {
    const limit = `expected whole numbers up to ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`;
    expect(() => parseShard('0/99999999999999999999', {})).toThrow(`${limit}, got 0/99999999999999999999`);
    expect(() => parseShard('99999999999999999999/3', {})).toThrow(`${limit}, got 99999999999999999999/3`);
    expect(() => parseShard('k8s/99999999999999999999', { JOB_COMPLETION_INDEX: '0' })).toThrow(limit);
    expect(() => parseShard('slurm', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '99999999999999999999' })).toThrow(
      `SLURM_ARRAY_TASK_COUNT: expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (2^53 − 1), got "99999999999999999999"`,
    );
    expect(parseShard(`0/${Number.MAX_SAFE_INTEGER}`, {})).toEqual({ index: 0, count: Number.MAX_SAFE_INTEGER });
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
    const points = parseCsv(await readFile(join(out, 'points.csv'), 'utf8'));
    expect(points).toEqual([
      ['point', 'world.communities[0].name'],
      ['0', 'Y, east'],
      ['1', 'the "old" block'],
    ]);
    const runs = parseCsv(await readFile(join(out, 'runs.csv'), 'utf8'));
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

/** A copy of a finished sweep folder, to damage. */
async function copyOf(folder: string, name: string): Promise<string> {
  const copy = join(await temporary(), name);
  await cp(folder, copy, { recursive: true });
  return copy;
}

/** Keeps the first `rows` rows of a chunk under its own name, its first line unchanged: a chunk cut short. */
async function truncateChunk(path: string, rows: number): Promise<void> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  await writeFile(path, `${lines.slice(0, 1 + rows).join('\n')}\n`);
}

/** Makes a sweep folder look written by another govsim version: its sweep.json and every chunk (`all`), or only the chunks named. */
async function pretendVersion(folder: string, version: string, chunks: 'all' | string[]): Promise<void> {
  if (chunks === 'all') {
    const manifestPath = join(folder, 'sweep.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, `${JSON.stringify({ ...manifest, govsim: version }, null, 2)}\n`);
  }
  for (const name of chunks === 'all' ? await readdir(join(folder, 'chunks')) : chunks) {
    const path = join(folder, 'chunks', name);
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^# govsim \S+ /, `# govsim ${version} `));
  }
}

const temporaryNames = async (folder: string) =>
  [...(await readdir(folder)), ...(await readdir(join(folder, 'chunks')))].filter((name) => /tmp-\d+/.test(name));

/** A process id that runs nowhere: above the largest any system gives. */
const deadPid = 4_194_305;

describe('sweep chunks are checked before they are used', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });

  it('start with a line naming the govsim version, the experiment hash and the row count', async () => {
    const text = await readFile(join(single, 'chunks', 'p000000-b0000.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(`# govsim ${govsimVersion()} experiment ${loaded.plan.hash} rows 12`);
    // runs.csv holds the rows only, after its header.
    expect((await readFile(join(single, 'runs.csv'), 'utf8')).includes('# govsim')).toBe(false);
  });

  it('discards an empty, truncated or miscounted chunk on --resume, with a note, and runs it again', async () => {
    const out = await copyOf(single, 'damaged');
    await truncateChunk(join(out, 'chunks', 'p000000-b0000.csv'), 10);
    await writeFile(join(out, 'chunks', 'p000001-b0000.csv'), '');
    const cut = join(out, 'chunks', 'p000002-b0000.csv');
    await writeFile(cut, (await readFile(cut, 'utf8')).slice(0, -30));
    const noted: string[] = [];
    const outcome = await runSweep(loaded, { out, workers: 1, resume: true, onNote: (text) => noted.push(text) });
    expect(outcome).toMatchObject({ unitsRun: 3, unitsSkipped: 3 });
    expect(noted.join('')).toMatch(/p000000-b0000\.csv holds 10 rows where its first line says 12; discarded/);
    expect(noted.join('')).toMatch(/p000001-b0000\.csv is empty; discarded/);
    expect(noted.join('')).toMatch(/p000002-b0000\.csv is truncated/);
    await sameFiles(single, out);
  });

  it('reports a damaged chunk when finalising, naming the file (a ScenarioError: exit 2)', async () => {
    const out = await copyOf(single, 'finalise');
    await truncateChunk(join(out, 'chunks', 'p000003-b0000.csv'), 11);
    const failure = finaliseSweep(out, loaded);
    await expect(failure).rejects.toBeInstanceOf(ScenarioError);
    await expect(failure).rejects.toThrow(/chunks\/p000003-b0000\.csv: holds 11 rows where its first line says 12/);
  });

  it('refuses to merge a shard whose chunk was cut short under its final name, writing nothing (exit 2)', async () => {
    const base = await temporary();
    const shards = [0, 1].map((index) => join(base, `shard-${index}`));
    for (const [index, out] of shards.entries()) await runSweep(loaded, { out, workers: 1, shard: { index, count: 2 } });
    // The reproducer: 460 of 480 rows once went unnoticed; here one chunk keeps 10 of its 12 rows.
    await truncateChunk(join(shards[1] as string, 'chunks', 'p000001-b0000.csv'), 10);
    const merged = join(base, 'merged');
    const result = await cli('merge', ...shards, '--out', merged);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('chunks/p000001-b0000.csv: holds 10 rows where its first line says 12');
    expect(existsSync(merged)).toBe(false);
  });

  /**
   * Runs shards 0 and 1 of `count` in folders of their own and removes one chunk of shard 1, as a task still being
   * written would have it.
   */
  async function shardsOneUnfinished(count: number): Promise<{ base: string; shards: string[]; shard: string }> {
    const base = await temporary();
    const shards = [0, 1].map((index) => join(base, `shard-${index}`));
    for (const [index, out] of shards.entries()) await runSweep(loaded, { out, workers: 1, shard: { index, count } });
    const shard = shards[1] as string;
    const chunk = (await readdir(join(shard, 'chunks')))[0] as string;
    await rm(join(shard, 'chunks', chunk));
    return { base, shards, shard };
  }

  it('refuses to merge a shard still being written, saying so rather than to run it again', async () => {
    const { base, shards, shard } = await shardsOneUnfinished(2);
    // Its task still running, here or on another node: its lock is held.
    const started = '2026-01-01T00:00:00.000Z';
    const merged = join(base, 'merged');
    for (const host of [hostname(), 'node17']) {
      // On this host, a process still running other than this one (which would be an earlier holder of its id).
      const lock = { command: 'govsim sweep', pid: host === hostname() ? process.ppid : deadPid, host, started };
      await writeFile(join(shard, 'govsim.lock'), JSON.stringify(lock));
      const refused = await cli('merge', ...shards, '--out', merged);
      expect(refused.code).toBe(2);
      // On another host the task may have been killed outright, its lock left behind: what to do then is said too.
      const killed =
        host === hostname()
          ? ''
          : ` (a task on another host killed outright leaves its lock behind: once the scheduler no longer shows the task, delete its lock (${join(shard, 'govsim.lock')}) and submit the task again)`;
      expect(refused.stderr).toContain(
        `still being written: ${shard} (govsim sweep, pid ${lock.pid} on host ${host}, since ${started}); merge once it has finished${killed}; nothing was written`,
      );
      expect(existsSync(merged)).toBe(false);
    }
    // A lock its holder left behind on this host, its process gone, is no sign of writing.
    await writeFile(
      join(shard, 'govsim.lock'),
      JSON.stringify({ command: 'govsim sweep', pid: deadPid, host: hostname(), started }),
    );
    const stale = await cli('merge', ...shards, '--out', merged);
    expect(stale.code).toBe(2);
    // The shard that lacks the units is named, with its folder and what finishes it.
    expect(stale.stderr).toContain(
      `the folder ${shard} (shard 1/2) is unfinished, stopped part way: finish it (the same sweep command with its --shard and --resume, once it no longer runs), then merge again; nothing was written`,
    );
  });

  it('names a shard stopped part way and one not given, when both keep a merge from completing', async () => {
    const { base, shards, shard } = await shardsOneUnfinished(3);
    const refused = await cli('merge', ...shards, '--out', join(base, 'merged'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `the folder ${shard} (shard 1/3) is unfinished, stopped part way: finish it (the same sweep command with its --shard and --resume, once it no longer runs), then merge again; shard 2/3 is not among the folders given: run it (or pass its folder), then merge again; nothing was written`,
    );
  });

  it('names both a shard still being written and one not given, when both keep a merge from completing', async () => {
    const { base, shards, shard } = await shardsOneUnfinished(3);
    const lock = { command: 'govsim sweep', pid: process.ppid, host: hostname(), started: '2026-01-01T00:00:00.000Z' };
    await writeFile(join(shard, 'govsim.lock'), JSON.stringify(lock));
    const merged = join(base, 'merged');
    const refused = await cli('merge', ...shards, '--out', merged);
    expect(refused.code).toBe(2);
    // Waiting for shard 1 alone would not do: shard 2/3 was not given.
    expect(refused.stderr).toContain(
      `still being written: ${shard} (govsim sweep, pid ${process.ppid} on host ${hostname()}, since ${lock.started}), to be waited for; shard 2/3 is not among the folders given: run it (or pass its folder), then merge again; nothing was written`,
    );
    expect(existsSync(merged)).toBe(false);
  });

  it('refuses to merge when a shard is missing, leaving nothing in --out (exit 2)', async () => {
    const base = await temporary();
    const shards = [0, 1, 2].map((index) => join(base, `shard-${index}`));
    for (const [index, out] of shards.entries()) await runSweep(loaded, { out, workers: 1, shard: { index, count: 3 } });
    const merged = join(base, 'merged');
    const result = await cli('merge', shards[0] as string, shards[2] as string, '--out', merged);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing 2 unit\(s\) of work, e.g. p000001-b0000, p000004-b0000; .*nothing was written/);
    expect(existsSync(merged)).toBe(false);
    // An --out that existed (empty) is left as it was: empty, no lock, no temporary files.
    await mkdir(merged);
    expect((await cli('merge', shards[0] as string, '--out', merged)).code).toBe(2);
    expect(await readdir(merged)).toEqual([]);
    // A chunk missing inside a shard is a missing unit too.
    await rm(join(shards[1] as string, 'chunks', 'p000004-b0000.csv'));
    await expect(mergeSweeps(shards, join(base, 'other'))).rejects.toThrow(/missing 1 unit\(s\) of work, e.g. p000004-b0000/);
    expect(existsSync(join(base, 'other'))).toBe(false);
  });
});

describe('sweeps and govsim versions', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });

  it('refuse to resume a folder another version wrote, unless --allow-version-change, and then run it all again', async () => {
    const out = await copyOf(single, 'old-version');
    await rm(join(out, 'chunks', 'p000005-b0000.csv'));
    await pretendVersion(out, '0.0.1', 'all');
    const refused = runSweep(loaded, { out, workers: 1, resume: true });
    await expect(refused).rejects.toBeInstanceOf(ScenarioError);
    await expect(refused).rejects.toThrow(
      /sweep\.json: was written by govsim 0\.0\.1, and this is govsim .*--allow-version-change/,
    );
    const outcome = await runSweep(loaded, { out, workers: 1, resume: true, allowVersionChange: true, onNote: () => {} });
    // Nothing of the other version is kept: every unit runs again, and sweep.json records this version.
    expect(outcome).toMatchObject({ unitsRun: 6, unitsSkipped: 0 });
    expect(JSON.parse(await readFile(join(out, 'sweep.json'), 'utf8')).govsim).toBe(govsimVersion());
    await sameFiles(single, out);
  });

  it('refuse --allow-version-change without --resume, which alone takes up what another version wrote', async () => {
    const out = join(await temporary(), 'not-resumed');
    const refused = await cli('sweep', experimentFile, '--out', out, '-j', '1', '--allow-version-change');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-version-change: invalid option');
    expect(refused.stderr).toContain('expected with --resume');
    expect(existsSync(out)).toBe(false);
  });

  it('refuse a chunk another version wrote, naming it; with --allow-version-change it runs again', async () => {
    const out = await copyOf(single, 'old-chunk');
    await pretendVersion(out, '0.0.1', ['p000002-b0000.csv']);
    const refused = await cli('sweep', experimentFile, '--out', out, '-j', '1', '--resume');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('chunks/p000002-b0000.csv: was written by govsim 0.0.1');
    const allowed = await cli('sweep', experimentFile, '--out', out, '-j', '1', '--resume', '--allow-version-change');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('1 unit run, 5 already done');
    await sameFiles(single, out);
  });

  it('merge refuses a shard holding a chunk another version wrote, saying how to run it again; that works', async () => {
    const base = await temporary();
    const shards = [0, 1].map((index) => join(base, `shard-${index}`));
    for (const [index, out] of shards.entries()) await runSweep(loaded, { out, workers: 1, shard: { index, count: 2 } });
    const chunk = (await readdir(join(shards[1] as string, 'chunks')))[0] as string;
    await pretendVersion(shards[1] as string, '0.0.1', [chunk]);
    const merged = join(base, 'merged');
    const refused = await cli('merge', ...shards, '--out', merged);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `chunks/${chunk}: was written by govsim 0.0.1, not ${govsimVersion()}; run the sweep (or this shard) again with --resume --allow-version-change to replace it`,
    );
    expect(existsSync(merged)).toBe(false);
    const again = ['--shard', '1/2', '--out', shards[1] as string, '-j', '1', '--resume', '--allow-version-change'];
    expect((await cli('sweep', experimentFile, ...again)).code).toBe(0);
    expect((await cli('merge', ...shards, '--out', merged)).code).toBe(0);
    await sameFiles(single, merged);
  });

  it('merge refuses a shard of another sweep of the same name, naming the first field that differs', async () => {
    const [here, other] = [await copyOf(single, 's0'), await copyOf(single, 's1')];
    const manifestPath = join(other, 'sweep.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.replicates = 20;
    manifest.definition.experiment.replicates = 20;
    manifest.hash = 'another';
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
    await expect(mergeSweeps([here, other], join(await temporary(), 'merged'))).rejects.toThrow(
      `sweep.json: belongs to a different sweep than ${here} (replicates: 20 here, 6 in ${here})`,
    );
    // A field of the base scenario is named by its path in the experiment file.
    manifest.replicates = 6;
    manifest.definition.experiment.replicates = 6;
    manifest.definition.base.world.departments = 7;
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
    await expect(mergeSweeps([here, other], join(await temporary(), 'merged'))).rejects.toThrow(
      `(base.world.departments: 7 here, 4 in ${here})`,
    );
  });

  it('merge refuses shards another version wrote', async () => {
    const shard = await copyOf(single, 'shard');
    await pretendVersion(shard, '0.0.1', 'all');
    await expect(mergeSweeps([shard], join(await temporary(), 'merged'))).rejects.toThrow(
      /was written by govsim 0\.0\.1, and this is govsim .*: merge with govsim 0\.0\.1/,
    );
  });
});

describe('a corrupt sweep.json', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });
  const out = await copyOf(single, 'corrupt');
  const manifest = join(out, 'sweep.json');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).slice(0, 200));

  it('is an error naming the file and where the JSON breaks, in sweep, merge and analyze (exit 2)', async () => {
    const named = new RegExp(
      `${manifest.replaceAll('/', '\\/')}: invalid sweep manifest\\n  - \\(top level\\): not valid JSON at line \\d+, column \\d+`,
    );
    await expect(runSweep(loaded, { out, workers: 1, resume: true })).rejects.toThrow(named);
    await expect(mergeSweeps([out], join(await temporary(), 'merged'))).rejects.toThrow(named);
    await expect(loadSweepDefinition(out)).rejects.toThrow(named);
    const analysed = await cli('analyze', out);
    expect(analysed.code).toBe(2);
    expect(analysed.stderr).toMatch(named);
    expect(analysed.stderr).not.toContain('Unexpected end of JSON input');
  });
});

describe('the lock on a sweep folder', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });

  it('refuses a second sweep at once, saying who holds the folder (exit 2), and is released when the first ends', async () => {
    const out = join(await temporary(), 'locked');
    const first = runSweep(loaded, { out, workers: 1 });
    while (!existsSync(join(out, 'govsim.lock'))) await new Promise((resolve) => setTimeout(resolve, 2));
    const second = runSweep(loaded, { out, workers: 1, resume: true });
    await expect(second).rejects.toBeInstanceOf(FolderInUseError);
    await expect(second).rejects.toThrow(
      new RegExp(
        `in use by another govsim command: govsim sweep holds it \\(pid ${process.pid} on host ${hostname()}, since \\d{4}-`,
      ),
    );
    const command = await cli('sweep', experimentFile, '--out', out, '-j', '1', '--resume');
    expect(command.code).toBe(2);
    expect(command.stderr).toContain(`pid ${process.pid}`);
    await first;
    expect(existsSync(join(out, 'govsim.lock'))).toBe(false);
  });

  it('refuses a shard while another shard holds the folder, saying each shard runs in a folder of its own', async () => {
    // The tasks of an array given one --out start together: all but one find the folder held.
    const out = join(await temporary(), 'one-out');
    const first = runSweep(loaded, { out, workers: 1, shard: { index: 0, count: 2 } });
    while (!existsSync(join(out, 'govsim.lock'))) await new Promise((resolve) => setTimeout(resolve, 2));
    const second = runSweep(loaded, { out, workers: 1, shard: { index: 1, count: 2 } });
    await expect(second).rejects.toBeInstanceOf(FolderInUseError);
    await expect(second).rejects.toThrow(
      'If that is another task of this array given the same --out (this one is shard 1/2): each shard runs in a folder of its own',
    );
    await first;
  });

  it('between two processes: the second refuses at once naming the first; after kill -9 the next one takes over', async () => {
    const longFile = 'test/fixtures/tiny-sweep-long.json';
    const out = join(await temporary(), 'two-processes');
    const sweep = (...extra: string[]) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/bin.ts', 'sweep', longFile, '--out', out, '-j', '1', ...extra],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (data) => {
        stderr += data;
      });
      const exit = new Promise<{ code: number | null; stderr: string }>((resolvePromise) =>
        child.on('exit', (code) => resolvePromise({ code, stderr })),
      );
      return { child, exit };
    };
    const first = sweep();
    while (!existsSync(join(out, 'chunks', 'p000000-b0000.csv'))) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await sweep('--resume').exit;
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `in use by another govsim command: govsim sweep holds it (pid ${first.child.pid} on host ${hostname()}`,
    );
    first.child.kill('SIGKILL');
    await first.exit;
    expect(existsSync(join(out, 'govsim.lock'))).toBe(true);
    const third = await sweep('--resume').exit;
    expect(third.code).toBe(0);
    expect(third.stderr).toContain(`taking over the lock of ${out}: govsim sweep (pid ${first.child.pid}`);
    expect(existsSync(join(out, 'govsim.lock'))).toBe(false);
    expect(existsSync(join(out, 'runs.csv'))).toBe(true);
  }, 120_000);

  it('takes over a lock whose holder is gone, with a note', async () => {
    const out = join(await temporary(), 'stale');
    await mkdir(out);
    const stale = { command: 'govsim sweep', pid: deadPid, host: hostname(), started: '2020-01-01T00:00:00.000Z' };
    await writeFile(join(out, 'govsim.lock'), JSON.stringify(stale));
    const noted: string[] = [];
    const outcome = await runSweep(loaded, { out, workers: 1, onNote: (text) => noted.push(text) });
    expect(outcome.complete).toBe(true);
    expect(noted.join('')).toContain(`taking over the lock of ${out}: govsim sweep (pid ${deadPid} on host ${hostname()}`);
    expect(existsSync(join(out, 'govsim.lock'))).toBe(false);
  });

  it('refuses a lock held on another host, and is released after an error', async () => {
    const out = join(await temporary(), 'elsewhere');
    await mkdir(out);
    const lockPath = join(out, 'govsim.lock');
    const holder = { command: 'govsim sweep', pid: deadPid, host: 'another-host.example', started: '2020-01-01T00:00:00.000Z' };
    await writeFile(lockPath, JSON.stringify(holder));
    await expect(runSweep(loaded, { out, workers: 1 })).rejects.toThrow(/pid 4194305 on host another-host\.example/);
    await rm(lockPath);
    // A sweep that fails (here: the folder holds another experiment) releases the lock.
    await writeFile(join(out, 'sweep.json'), JSON.stringify({ govsim: govsimVersion(), hash: 'other', definition: {} }));
    await expect(runSweep(loaded, { out, workers: 1 })).rejects.toBeInstanceOf(ScenarioError);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('is taken by merge on its --out too', async () => {
    const out = join(await temporary(), 'merged');
    await mkdir(out);
    // Held by a process still running on this host (the one that started this test's): this process's own id would be
    // a lock it does not hold, an earlier process's.
    const holder = { command: 'govsim sweep', pid: process.ppid, host: hostname(), started: new Date().toISOString() };
    await writeFile(join(out, 'govsim.lock'), JSON.stringify(holder));
    const merge = mergeSweeps([single], out);
    await expect(merge).rejects.toBeInstanceOf(FolderInUseError);
    await expect(merge).rejects.toThrow(`govsim sweep holds it (pid ${process.ppid} on host ${hostname()}`);
    expect(await readdir(out)).toEqual(['govsim.lock']);
    await rm(join(out, 'govsim.lock'));
    await mergeSweeps([single], out);
    expect(existsSync(join(out, 'govsim.lock'))).toBe(false);
    await sameFiles(single, out);
  });
});

describe('temporary files', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });

  it('a killed sweep or merge left are removed by the next one, in the folder and in chunks/', async () => {
    const out = await copyOf(single, 'leftovers');
    await writeFile(join(out, 'chunks', `p000000-b0000.csv.govsim-tmp-${deadPid}-3`), 'half');
    await writeFile(join(out, 'chunks', `p000001-b0000.csv.tmp-${deadPid}`), 'half, from an earlier version');
    await writeFile(join(out, `runs.csv.govsim-tmp-${deadPid}-9`), 'half');
    await writeFile(join(out, `runs.parquet.govsim-tmp-${deadPid}-10`), 'half');
    await runSweep(loaded, { out, workers: 1, resume: true });
    expect(await temporaryNames(out)).toEqual([]);
    await sameFiles(single, out);
    const merged = await copyOf(single, 'merged');
    await writeFile(join(merged, `runs.csv.govsim-tmp-${deadPid}-1`), 'half');
    await mergeSweeps([single], merged);
    expect(await temporaryNames(merged)).toEqual([]);
  });

  it('are removed by the writer itself when finalising fails', async () => {
    const out = await copyOf(single, 'failing');
    await rm(join(out, 'runs.csv'));
    await mkdir(join(out, 'runs.csv'));
    await expect(finaliseSweep(out, loaded)).rejects.toThrow();
    expect(await temporaryNames(out)).toEqual([]);
  });
});

describe('sweep progress', async () => {
  const loaded = await loadExperiment(experimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });

  it('counts the runs found done on --resume as done but apart, so the rate is this session’s', async () => {
    const out = await copyOf(single, 'resumed');
    for (const name of ['p000003-b0000.csv', 'p000004-b0000.csv', 'p000005-b0000.csv']) await rm(join(out, 'chunks', name));
    const reports: SweepProgress[] = [];
    await runSweep(loaded, { out, workers: 1, resume: true, onProgress: (state) => reports.push(state) });
    expect(reports[0]).toMatchObject({ runsDone: 36, runsReused: 36, runsExpected: 72 });
    expect(reports.at(-1)).toMatchObject({ runsDone: 72, runsReused: 36, runsExpected: 72 });
    expect(reports.every((state) => state.points === undefined)).toBe(true);
  });

  it('in precision mode reports no expected total, but the points finished', async () => {
    const precision = await loadExperiment('test/fixtures/tiny-precision.json');
    const reports: SweepProgress[] = [];
    await runSweep(precision, {
      out: join(await temporary(), 'precision'),
      workers: 2,
      onProgress: (state) => reports.push(state),
    });
    expect(reports.every((state) => state.runsExpected === undefined && state.runsReused === 0)).toBe(true);
    expect(reports[0]?.points).toEqual({ done: 0, total: 6 });
    expect(reports.at(-1)?.points).toEqual({ done: 6, total: 6 });
  });
});

describe('govsim sweep run from a checkout, outside its folder', () => {
  it('finds tsx for its worker threads from govsim’s own folder', async () => {
    const elsewhere = await temporary();
    const tsx = import.meta.resolve('tsx');
    const experiment = resolve(experimentFile);
    const child = spawn(
      process.execPath,
      ['--import', tsx, resolve('src/cli/bin.ts'), 'sweep', experiment, '--out', 'sweep', '-j', '2'],
      { cwd: elsewhere, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    const code = await new Promise((resolvePromise) => child.on('exit', resolvePromise));
    expect(stderr).not.toContain("Cannot find package 'tsx'");
    expect(code).toBe(0);
    const single = join(await temporary(), 'single');
    await runSweep(await loadExperiment(experimentFile), { out: single, workers: 1 });
    await sameFiles(single, join(elsewhere, 'sweep'));
  }, 60_000);
});

describe('govsim sweep of a city', async () => {
  const cityExperimentFile = 'test/fixtures/tiny-city-sweep.json';
  const loaded = await loadExperiment(cityExperimentFile);
  const single = join(await temporary(), 'single');
  await runSweep(loaded, { out: single, workers: 1 });
  const rowsOf = async (directory: string) => parseCsv(await readFile(join(directory, 'runs.csv'), 'utf8'));

  it('writes one row per whole city run, the modes of a replicate paired on one seed', async () => {
    const [header, ...rows] = await rowsOf(single);
    expect(header).toEqual([
      'point',
      'parameters.docking.confirmationChance',
      'variant',
      'replicate',
      'seed',
      'households',
      'satisfaction.end',
      'duplication.pairs',
      'duplication.wasteShare',
      'load.staffMean',
      'completion.projectsDone',
    ]);
    // 2 points × 3 replicates × 2 variants, one unit of work per point and replicate.
    expect(rows).toHaveLength(12);
    expect((await readdir(join(single, 'chunks'))).sort()).toEqual([
      'p000000-b0000.csv',
      'p000000-b0001.csv',
      'p000000-b0002.csv',
      'p000001-b0000.csv',
      'p000001-b0001.csv',
      'p000001-b0002.csv',
    ]);
    expect(rows.map((row) => row[5])).toEqual(Array.from({ length: 12 }, () => '600'));
    const seedOf = (point: string, variant: string, replicate: string) =>
      rows.find((row) => row[0] === point && row[2] === variant && row[3] === replicate)?.[4];
    expect(seedOf('0', 'administrative-led', '1')).toBe(seedOf('0', 'co-production', '1'));
    expect(seedOf('0', 'co-production', '1')).not.toBe(seedOf('0', 'co-production', '2'));
  });

  it('writes the same bytes with two worker threads', async () => {
    const parallel = join(await temporary(), 'parallel');
    await runSweep(loaded, { out: parallel, workers: 2 });
    await sameFiles(single, parallel);
  });

  it('shards with --shard i/n and --shard slurm, merges into exactly what one machine writes, and analyses', async () => {
    const base = await temporary();
    const first = join(base, 'shard-0');
    const second = join(base, 'shard-1');
    expect((await cli('sweep', cityExperimentFile, '--shard', '0/2', '-j', '1', '--out', first)).code).toBe(0);
    const saved = { id: process.env.SLURM_ARRAY_TASK_ID, count: process.env.SLURM_ARRAY_TASK_COUNT };
    process.env.SLURM_ARRAY_TASK_ID = '1';
    process.env.SLURM_ARRAY_TASK_COUNT = '2';
    try {
      expect((await cli('sweep', cityExperimentFile, '--shard', 'slurm', '-j', '1', '--out', second)).code).toBe(0);
    } finally {
      for (const [name, value] of [
        ['SLURM_ARRAY_TASK_ID', saved.id],
        ['SLURM_ARRAY_TASK_COUNT', saved.count],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(JSON.parse(await readFile(join(second, 'shard.json'), 'utf8'))).toEqual({ index: 1, count: 2 });
    expect((await readdir(join(first, 'chunks'))).length + (await readdir(join(second, 'chunks'))).length).toBe(6);
    const merged = join(base, 'merged');
    expect((await cli('merge', first, second, '--out', merged)).code).toBe(0);
    await sameFiles(single, merged);
    const analysed = await cli('analyze', merged, '--json');
    expect(analysed.code).toBe(0);
    const paired = parseCsv(await readFile(join(merged, 'analysis', 'paired.csv'), 'utf8'));
    expect(paired[0]?.slice(0, 6)).toEqual(['point', 'parameters.docking.confirmationChance', 'metric', 'from', 'to', 'pairs']);
    expect(paired.find((row) => row[2] === 'satisfaction.end')?.slice(3, 6)).toEqual([
      'administrative-led',
      'co-production',
      '3',
    ]);
  });

  it('refuses a bad city base with exit code 2, naming the city file and the field, and writes nothing', async () => {
    const directory = await temporary();
    const city = JSON.parse(await readFile('test/fixtures/tiny-city.json', 'utf8'));
    city.districts[0].streets[1].communities[0].households = -5;
    await writeFile(join(directory, 'city.json'), JSON.stringify(city));
    const experiment = JSON.parse(await readFile(cityExperimentFile, 'utf8'));
    await writeFile(join(directory, 'experiment.json'), JSON.stringify({ ...experiment, base: 'city.json' }));
    const out = join(directory, 'out');
    const result = await cli('sweep', join(directory, 'experiment.json'), '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `govsim: ${join(directory, 'city.json')} (the base of ${join(directory, 'experiment.json')}): invalid city\n  - districts[0].streets[1].communities[0].households: expected at least 1, got -5\n`,
    );
    expect(existsSync(out)).toBe(false);

    await writeFile(
      join(directory, 'communities.json'),
      JSON.stringify({
        ...experiment,
        base: resolve('test/fixtures/tiny-city.json'),
        design: { type: 'factorial', factors: [{ path: 'world.communities[0].sites', values: [5, 9] }] },
      }),
    );
    const communities = await cli('sweep', join(directory, 'communities.json'), '--out', out);
    expect(communities.code).toBe(2);
    expect(communities.stderr).toContain(
      `${join(directory, 'communities.json')}: invalid experiment\n  - design.factors[0].path: "world.communities[0].sites": a city sets world.communities for each street itself`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
