/**
 * A disk that fills up while a file is written: Node's error for a write on an open file names no path, so govsim
 * names the file it was writing ("cannot write out/runs.csv: no space left on device"), not only the reason.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The files (by a part of their temporary name) whose writes fail as on a full disk: set by the test. */
const full = vi.hoisted(() => ({ matching: undefined as string | undefined, refusesOpen: false }));

/** ENOSPC as Node reports a failed write on an open file: a code and a system call, no path. */
function noSpace(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), {
    errno: -28,
    code: 'ENOSPC',
    syscall: 'write',
  });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      // A folder that refuses new files: Node's error names the file opened, here the temporary one.
      if (full.refusesOpen && full.matching !== undefined && String(args[0]).includes(full.matching))
        throw Object.assign(new Error(`EACCES: permission denied, open '${String(args[0])}'`), {
          errno: -13,
          code: 'EACCES',
          syscall: 'open',
          path: String(args[0]),
        });
      const handle = await actual.open(...args);
      if (full.matching === undefined || !String(args[0]).includes(full.matching)) return handle;
      return new Proxy(handle, {
        get(target, property) {
          if (property === 'writeFile' || property === 'write')
            return async () => {
              throw noSpace();
            };
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
});

const { writeFileAtomically, writeFilesAtomically } = await import('../../src/node/atomic-files.js');
const { describeSystemError, isSystemError } = await import('../../src/node/system-error.js');
const { cli } = await import('../cli/capture.js');

afterEach(() => {
  full.matching = undefined;
  full.refusesOpen = false;
});

describe('a write on a full disk', () => {
  it('names the file being written, and leaves no temporary file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-full-'));
    const path = join(directory, 'summary.json');
    full.matching = '.govsim-tmp-';
    const failed = await writeFileAtomically(path, '{}\n').catch((error: unknown) => error);
    expect(isSystemError(failed)).toBe(true);
    expect(describeSystemError(failed as never)).toBe(`cannot write ${path}: no space left on device (ENOSPC)`);
    expect(await readdir(directory)).toEqual([]);
  });

  it('names the file being written, not its temporary name, when the temporary file cannot be made', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-refused-'));
    const path = join(directory, 'summary.json');
    full.matching = '.govsim-tmp-';
    full.refusesOpen = true;
    const failed = await writeFileAtomically(path, '{}\n').catch((error: unknown) => error);
    expect(describeSystemError(failed as never)).toBe(`cannot open ${path}: permission denied (EACCES)`);
    expect(await readdir(directory)).toEqual([]);
  });

  it("names runs.csv when a sweep's runs.csv cannot be written, exit 3, its units kept for --resume", async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-full-sweep-')), 'sweep');
    full.matching = 'runs.csv.govsim-tmp-';
    const failed = await cli('sweep', resolve('test/fixtures/tiny-sweep.json'), '-j', '1', '--out', out);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(`govsim: cannot write ${join(out, 'runs.csv')}: no space left on device (ENOSPC)\n`);
    expect((await readdir(out)).sort()).toEqual(['chunks', 'points.csv', 'sweep.json']);
    full.matching = undefined;
    const resumed = await cli('sweep', resolve('test/fixtures/tiny-sweep.json'), '-j', '1', '--resume', '--out', out);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('0 units run, 6 already done');
  });

  it('leaves no folder it made behind: files in new folders, and an analysis whose --out is new', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-full-folders-'));
    full.matching = 'b.svg.govsim-tmp-';
    const files = new Map([
      ['a.md', 'a\n'],
      ['charts/b.svg', '<svg/>'],
    ]);
    await expect(writeFilesAtomically(join(directory, 'new', 'analysis'), files)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(directory)).toEqual([]);

    full.matching = undefined;
    const sweep = join(directory, 'sweep');
    expect((await cli('sweep', resolve('test/fixtures/tiny-sweep.json'), '-j', '1', '--out', sweep)).code).toBe(0);
    full.matching = 'summary.csv.govsim-tmp-';
    const analysis = join(directory, 'results', 'analysis');
    const failed = await cli('analyze', sweep, '--out', analysis);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain(`cannot write ${join(analysis, 'summary.csv')}: no space left on device (ENOSPC)`);
    expect((await readdir(directory)).sort()).toEqual(['sweep']);
  });
});
