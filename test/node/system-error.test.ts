import { mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSystemError, isSystemError } from '../../src/node/index.js';

/** The error `operation` rejects with. */
async function failure(operation: () => Promise<unknown>): Promise<unknown> {
  try {
    await operation();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

describe('describeSystemError', () => {
  it('names the operation, the path and the reason in words, with the code', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-system-error-'));
    const file = join(directory, 'file');
    await writeFile(file, 'x');
    const underFile = await failure(() => mkdir(join(file, 'out'), { recursive: true }));
    expect(isSystemError(underFile)).toBe(true);
    if (!isSystemError(underFile)) return;
    expect(describeSystemError(underFile)).toBe(
      `cannot create the folder ${join(file, 'out')}: a part of the path is not a directory (ENOTDIR)`,
    );
    const onDirectory = await failure(() => writeFile(directory, 'x'));
    if (!isSystemError(onDirectory)) throw onDirectory;
    expect(describeSystemError(onDirectory)).toBe(`cannot open ${directory}: is a directory (EISDIR)`);
    const moved = await failure(() => rename(join(directory, 'none'), join(directory, 'other')));
    if (!isSystemError(moved)) throw moved;
    expect(describeSystemError(moved)).toBe(
      `cannot rename ${join(directory, 'none')} to ${join(directory, 'other')}: no such file or directory (ENOENT)`,
    );
  });

  it('says what it can without a path or words of its own', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    expect(describeSystemError(full)).toBe('cannot write: no space left on device (ENOSPC)');
    const readOnly = Object.assign(new Error("EROFS: read-only file system, open 'x'"), {
      code: 'EROFS',
      syscall: 'open',
      path: 'x',
    });
    expect(describeSystemError(readOnly)).toBe('cannot open x: read-only file system (EROFS)');
    const odd = Object.assign(new Error("ETXTBSY: text file is busy, open 'y'"), { code: 'ETXTBSY', syscall: 'open', path: 'y' });
    expect(describeSystemError(odd)).toBe('cannot open y: text file is busy (ETXTBSY)');
    expect(isSystemError(new Error('plain'))).toBe(false);
    expect(isSystemError({ code: 'ENOENT', syscall: 'open' })).toBe(false);
  });
});
