import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderInUseError, lockFileName, lockFolder, lockShardFolder, writeInLockedFolder } from '../../src/node/folder-lock.js';
import { ScenarioError } from '../../src/scenario/index.js';

const temporary = () => mkdtemp(join(tmpdir(), 'govsim-lock-'));
const ignore = () => {};

/** A process id that runs nowhere: above the largest any system gives. */
const deadPid = 4_194_305;

describe('lockFolder', () => {
  it('records who holds the folder, refuses a second holder at once, and lets go on release', async () => {
    const directory = join(await temporary(), 'out');
    const lock = await lockFolder(directory, 'govsim sweep', ignore);
    expect(lock.createdFolder).toBe(true);
    const holder = JSON.parse(await readFile(join(directory, lockFileName), 'utf8'));
    expect(holder).toMatchObject({ command: 'govsim sweep', pid: process.pid, host: hostname() });
    expect(new Date(holder.started).getTime()).toBeGreaterThan(0);
    const second = lockFolder(directory, 'govsim merge', ignore);
    await expect(second).rejects.toBeInstanceOf(FolderInUseError);
    // A ScenarioError, so the command line exits with code 2.
    await expect(second).rejects.toBeInstanceOf(ScenarioError);
    await expect(second).rejects.toThrow(
      `govsim sweep holds it (pid ${process.pid} on host ${hostname()}, since ${holder.started})`,
    );
    await lock.release();
    expect(await readdir(directory)).toEqual([]);
    const again = await lockFolder(directory, 'govsim merge', ignore);
    expect(again.createdFolder).toBe(false);
    await again.release();
  });

  it('removes a folder it made when asked and nothing else was written', async () => {
    const directory = join(await temporary(), 'out');
    const lock = await lockFolder(directory, 'govsim sweep', ignore);
    await lock.release({ removeFolderIfEmpty: true });
    expect(existsSync(directory)).toBe(false);
    const kept = await lockFolder(directory, 'govsim sweep', ignore);
    await writeFile(join(directory, 'sweep.json'), '{}');
    await kept.release({ removeFolderIfEmpty: true });
    expect(await readdir(directory)).toEqual(['sweep.json']);
  });

  it('removes the new folders it made the folder in, too, while they are empty, and no folder that was there', async () => {
    const root = await temporary();
    const nested = join(root, 'a', 'b', 'out');
    const lock = await lockFolder(nested, 'govsim robustness', ignore);
    expect(lock.topmost).toBe(join(root, 'a'));
    await lock.release({ removeFolderIfEmpty: true });
    expect(await readdir(root)).toEqual([]);
    // A failed write removes what it made, up to the folders that were there.
    await expect(
      writeInLockedFolder(join(root, 'c', 'out'), 'govsim merge', ignore, async () => {
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    expect(await readdir(root)).toEqual([]);
    // A new folder something else wrote into is kept.
    const beside = await lockFolder(join(root, 'd', 'out'), 'govsim robustness', ignore);
    await writeFile(join(root, 'd', 'note.txt'), 'mine');
    await beside.release({ removeFolderIfEmpty: true });
    expect(await readdir(join(root, 'd'))).toEqual(['note.txt']);
  });

  it('takes over a dead holder’s lock once, when two commands try at the same time', async () => {
    const directory = await temporary();
    const stale = { command: 'govsim sweep', pid: deadPid, host: hostname(), started: '2020-01-01T00:00:00.000Z' };
    await writeFile(join(directory, lockFileName), JSON.stringify(stale));
    const notes: string[] = [];
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, () => lockFolder(directory, 'govsim sweep', (text) => notes.push(text))),
    );
    const held = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(held).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(FolderInUseError);
    expect(notes.join('')).toContain(
      `pid ${deadPid} on host ${hostname()}, since 2020-01-01T00:00:00.000Z) is no longer running`,
    );
    await (held[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockFolder>>>).value.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('takes over a lock naming this process’s id that this process does not hold: an earlier process’s (pid 1 of a restarted container)', async () => {
    const directory = await temporary();
    const earlier = { command: 'govsim sweep', pid: process.pid, host: hostname(), started: '2020-01-01T00:00:00.000Z' };
    await writeFile(join(directory, lockFileName), JSON.stringify(earlier));
    const notes: string[] = [];
    const lock = await lockFolder(directory, 'govsim sweep', (text) => notes.push(text));
    expect(notes.join('')).toContain(
      `(pid ${process.pid} on host ${hostname()}, since 2020-01-01T00:00:00.000Z) is no longer running`,
    );
    // The lock this process holds now is its own: a second taker in this process is refused.
    await expect(lockFolder(directory, 'govsim merge', ignore)).rejects.toBeInstanceOf(FolderInUseError);
    await lock.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('never takes over a lock it cannot read or whose holder is on another host', async () => {
    const directory = await temporary();
    await writeFile(join(directory, lockFileName), 'not json');
    await expect(lockFolder(directory, 'govsim sweep', ignore)).rejects.toThrow(/lock file .* cannot be read/);
    const elsewhere = {
      command: 'govsim merge',
      pid: deadPid,
      host: 'another-host.example',
      started: '2020-01-01T00:00:00.000Z',
    };
    await writeFile(join(directory, lockFileName), JSON.stringify(elsewhere));
    await expect(lockFolder(directory, 'govsim sweep', ignore)).rejects.toThrow(
      `govsim merge holds it (pid ${deadPid} on host another-host.example`,
    );
    expect((await readdir(directory)).sort()).toEqual([lockFileName]);
  });
});
describe('lockShardFolder', () => {
  it('refused while the same command holds the folder, says too that each shard runs in a folder of its own', async () => {
    const directory = join(await temporary(), 'out');
    const first = await lockShardFolder(directory, 'govsim sweep', ignore, { index: 0, count: 4 });
    const second = lockShardFolder(directory, 'govsim sweep', ignore, { index: 1, count: 4 });
    await expect(second).rejects.toBeInstanceOf(FolderInUseError);
    await expect(second).rejects.toThrow(`govsim sweep holds it (pid ${process.pid} on host ${hostname()}`);
    await expect(second).rejects.toThrow(
      'If that is another task of this array given the same --out (this one is shard 1/4): each shard runs in a folder of its own; give each task its own --out, such as one ending in -$SLURM_ARRAY_TASK_ID.',
    );
    // Held by another command (a merge), the folder is not another task's: no such hint.
    await first.release();
    const merge = await lockFolder(directory, 'govsim merge', ignore);
    const third = lockShardFolder(directory, 'govsim sweep', ignore, { index: 2, count: 4 });
    await expect(third).rejects.toThrow('govsim merge holds it');
    await expect(third).rejects.not.toThrow('each shard runs in a folder of its own');
    await merge.release();
    const free = await lockShardFolder(directory, 'govsim sweep', ignore, { index: 2, count: 4 });
    await free.release();
    // A folder that says it holds this very shard is held by an earlier attempt of it, not by another task: no hint.
    await writeFile(join(directory, 'shard.json'), JSON.stringify({ index: 3, count: 4 }));
    const earlier = await lockShardFolder(directory, 'govsim sweep', ignore, { index: 3, count: 4 });
    const again = lockShardFolder(directory, 'govsim sweep', ignore, { index: 3, count: 4 });
    await expect(again).rejects.toThrow('govsim sweep holds it');
    await expect(again).rejects.not.toThrow('another task of this array');
    // Another shard finds it held by what may be another task of its array: the hint stays.
    await expect(lockShardFolder(directory, 'govsim sweep', ignore, { index: 1, count: 4 })).rejects.toThrow(
      'another task of this array',
    );
    await earlier.release();
    // A robustness shard's folder says which shard it is in its progress file's first line.
    const robustness = join(await temporary(), 'robustness');
    const held = await lockShardFolder(robustness, 'govsim robustness', ignore, { index: 0, count: 2 });
    await writeFile(
      join(robustness, 'robustness-progress.jsonl'),
      `${JSON.stringify({ govsim: '0', key: 'k', shard: { index: 0, count: 2 } })}\n`,
    );
    const resubmitted = lockShardFolder(robustness, 'govsim robustness', ignore, { index: 0, count: 2 });
    await expect(resubmitted).rejects.toThrow('govsim robustness holds it');
    await expect(resubmitted).rejects.not.toThrow('another task of this array');
    await expect(lockShardFolder(robustness, 'govsim robustness', ignore, { index: 1, count: 2 })).rejects.toThrow(
      'another task of this array',
    );
    await held.release();
  });
});
