import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeFolder,
  processIsRunning,
  removeStaleTemporaryFiles,
  temporaryFileOwner,
  temporaryPath,
  writeFileAtomically,
  writeFilesAtomically,
} from '../../src/node/atomic-files.js';
import { writeRunOutputs } from '../../src/node/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/simulation/index.js';

const temporary = () => mkdtemp(join(tmpdir(), 'govsim-atomic-'));

/** A process id that runs nowhere: above the largest any system gives. */
const deadPid = 4_194_305;

/** A process id that runs: a child that waits until it is killed. */
function liveChild(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  return { pid: child.pid as number, stop: () => child.kill() };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('temporary file names', () => {
  it('have one recognisable pattern with the writer’s process id, unique in the process', () => {
    const first = temporaryPath('/x/runs.csv');
    const second = temporaryPath('/x/runs.csv');
    expect(first).toMatch(new RegExp(`^/x/runs\\.csv\\.govsim-tmp-${process.pid}-\\d+$`));
    expect(second).not.toBe(first);
    expect(temporaryFileOwner('runs.csv.govsim-tmp-123-4')).toBe(123);
    expect(temporaryFileOwner('runs.csv')).toBeUndefined();
    expect(temporaryFileOwner('notes.tmp-123')).toBeUndefined();
    expect(temporaryFileOwner('p000001-b0000.csv.tmp-123', { legacy: true })).toBe(123);
  });
});

describe('writeFilesAtomically', () => {
  it('flushes every file to disk before any is renamed into place', async () => {
    const directory = await temporary();
    const probe = await open(join(directory, 'probe'), 'w');
    const prototype = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const original = prototype.sync;
    const seen: string[][] = [];
    vi.spyOn(prototype, 'sync').mockImplementation(async function (this: unknown) {
      seen.push(readdirSync(join(directory, 'out')).sort());
      return original.call(this);
    });
    await mkdir(join(directory, 'out'));
    await writeFilesAtomically(
      join(directory, 'out'),
      new Map([
        ['a.csv', 'a\n'],
        ['b.json', '{}\n'],
      ]),
    );
    // Two files flushed, then the folder; when each file was flushed, neither final name existed yet.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const listing of seen.slice(0, 2)) expect(listing.filter((name) => !name.includes('.govsim-tmp-'))).toEqual([]);
    expect((await readdir(join(directory, 'out'))).sort()).toEqual(['a.csv', 'b.json']);
  });

  it('removes its own temporary files when it fails, and leaves no file half-written', async () => {
    const directory = await temporary();
    // A folder where a file should go: the rename fails.
    await mkdir(join(directory, 'b.json'));
    await expect(
      writeFilesAtomically(
        directory,
        new Map([
          ['a.csv', 'a\n'],
          ['b.json', '{}\n'],
        ]),
      ),
    ).rejects.toThrow();
    expect((await readdir(directory)).filter((name) => name.includes('govsim-tmp'))).toEqual([]);
  });

  it('renames the folder’s record (manifest.json) last, its earlier one and the files it replaces removed first', async () => {
    const directory = await temporary();
    await writeFile(join(directory, 'manifest.json'), '{"files":["a.csv","old.csv"]}\n');
    await writeFile(join(directory, 'old.csv'), 'old\n');
    await writeFile(join(directory, 'a.csv'), 'a, earlier\n');
    // A folder where b.json should go: stopped part way, after a.csv went into place.
    await mkdir(join(directory, 'b.json'));
    const files = new Map([
      ['manifest.json', '{"files":["a.csv","b.json"]}\n'],
      ['a.csv', 'a\n'],
      ['b.json', '{}\n'],
    ]);
    await expect(writeFilesAtomically(directory, files, { replacing: ['a.csv', 'old.csv'] })).rejects.toThrow();
    // No record is left to vouch for a folder of new and old files: no command takes it for a finished one.
    expect((await readdir(directory)).sort()).toEqual(['a.csv', 'b.json']);
    expect(await readFile(join(directory, 'a.csv'), 'utf8')).toBe('a\n');
    await rmdir(join(directory, 'b.json'));
    await writeFilesAtomically(directory, files, { replacing: ['a.csv', 'old.csv'] });
    expect((await readdir(directory)).sort()).toEqual(['a.csv', 'b.json', 'manifest.json']);
  });

  it('writeFileAtomically replaces a file whole, and on failure leaves it as it was', async () => {
    const directory = await temporary();
    const path = join(directory, 'chunk.csv');
    await writeFileAtomically(path, 'first\n');
    await writeFileAtomically(path, 'second\n');
    expect(await readFile(path, 'utf8')).toBe('second\n');
    await expect(writeFileAtomically(join(directory, 'missing', 'x.csv'), 'x')).rejects.toThrow();
    expect(await readdir(directory)).toEqual(['chunk.csv']);
  });
});

describe('removeStaleTemporaryFiles', () => {
  it('removes those of dead processes, keeps those of live ones unless the folder is locked, never its own', async () => {
    const directory = await temporary();
    const live = liveChild();
    try {
      const names = [
        `weeks.csv.govsim-tmp-${deadPid}-1`,
        `summary.json.govsim-tmp-${live.pid}-2`,
        `manifest.json.govsim-tmp-${process.pid}-3`,
        `p000000-b0000.csv.tmp-${deadPid}`,
        'notes.txt',
      ];
      for (const name of names) await writeFile(join(directory, name), 'x');
      await removeStaleTemporaryFiles([directory, join(directory, 'missing')], { lockHeld: false });
      expect((await readdir(directory)).sort()).toEqual([...names.slice(1)].sort());
      await removeStaleTemporaryFiles([directory], { lockHeld: true, legacy: true });
      expect((await readdir(directory)).sort()).toEqual([`manifest.json.govsim-tmp-${process.pid}-3`, 'notes.txt']);
    } finally {
      live.stop();
    }
  });

  it('runs before a run’s outputs are written into their folder', async () => {
    const directory = await temporary();
    const stale = `weeks.csv.govsim-tmp-${deadPid}-1`;
    await writeFile(join(directory, stale), 'half');
    const scenario = parseScenario({ name: 'tiny', mode: 'co-production', weeks: 4 });
    await writeRunOutputs(directory, scenario, runScenario(scenario, { replicate: 0 }), null);
    expect((await readdir(directory)).sort()).toEqual(['manifest.json', 'summary.json', 'weeks.csv']);
  });
});

describe('makeFolder', () => {
  it('creates missing levels and says which was the first it made; an existing folder is no change', async () => {
    const root = await mkdtemp(join(tmpdir(), 'govsim-make-folder-'));
    expect(await makeFolder(join(root, 'a', 'b', 'c'))).toBe(join(root, 'a'));
    expect(await makeFolder(join(root, 'a', 'b'))).toBeUndefined();
    await writeFile(join(root, 'file'), 'x');
    await expect(makeFolder(join(root, 'file', 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.runIf(existsSync('/proc/self'))('fails at once under /proc, where a recursive mkdir never returns', async () => {
    await expect(makeFolder('/proc/govsim-no-such-folder/below')).rejects.toHaveProperty('code');
  });
});

describe('processIsRunning', () => {
  it.skipIf(!existsSync('/proc/self/stat'))(
    'tells a zombie (ended, not yet collected by its parent) from a live process',
    async () => {
      // The shell starts a short child, then becomes `sleep 3`, which never collects it: the child stays a zombie.
      const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 3'], { stdio: ['ignore', 'pipe', 'ignore'] });
      const zombie = Number(
        await new Promise<string>((printed) => parent.stdout.once('data', (chunk: Buffer) => printed(String(chunk)))),
      );
      try {
        // Until it has ended, the child runs.
        for (let wait = 0; wait < 200 && processIsRunning(zombie); wait++)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect(() => process.kill(zombie, 0)).not.toThrow();
        expect(processIsRunning(zombie)).toBe(false);
        expect(processIsRunning(process.pid)).toBe(true);
        expect(processIsRunning(parent.pid as number)).toBe(true);
      } finally {
        parent.kill();
      }
    },
  );
});
