/** A stop asked for while several files are being renamed into place waits for the last of them. */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Called before each rename of the module under test: set by the test. */
const beforeRename = vi.hoisted(() => ({ hook: (): void => undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      beforeRename.hook();
      return actual.rename(from, to);
    },
  };
});

const { exitWhenWritesAllow, writeFilesAtomically } = await import('../../src/node/atomic-files.js');

afterEach(() => {
  vi.restoreAllMocks();
  beforeRename.hook = () => undefined;
});

/**
 * Process exits recorded instead of made, each with the renames begun by then; `onRename` is told each rename's
 * number as it begins.
 */
function recordExits(onRename: (renames: number) => void): Array<{ code: number; renames: number }> {
  let renames = 0;
  const exits: Array<{ code: number; renames: number }> = [];
  vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
    exits.push({ code, renames });
  }) as never);
  beforeRename.hook = () => {
    renames++;
    onRename(renames);
  };
  return exits;
}

describe('exitWhenWritesAllow', () => {
  it('waits for a write of several files renaming them into place, then exits with its code', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-signal-write-'));
    // The first file is about to be renamed: the stop must wait for all three.
    const exits = recordExits((renames) => {
      if (renames === 1) exitWhenWritesAllow(130);
    });
    await writeFilesAtomically(
      directory,
      new Map([
        ['a.csv', 'a\n'],
        ['b.csv', 'b\n'],
        ['c.json', '{}\n'],
      ]),
    );
    expect(exits).toEqual([{ code: 130, renames: 3 }]);
    expect((await readdir(directory)).sort()).toEqual(['a.csv', 'b.csv', 'c.json']);
  });

  it('stops at once on a second stop while the first waits', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-signal-twice-'));
    const exits = recordExits((renames) => {
      if (renames === 1) {
        exitWhenWritesAllow(130);
        exitWhenWritesAllow(130);
      }
    });
    // The second stop removed the temporary files (a real exit would end here): the mocked write then fails.
    await writeFilesAtomically(
      directory,
      new Map([
        ['a.csv', 'a\n'],
        ['b.csv', 'b\n'],
      ]),
    ).catch(() => undefined);
    expect(exits[0]).toEqual({ code: 130, renames: 1 });
  });

  it('exits at once when no write is renaming', () => {
    const exits: number[] = [];
    vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      exits.push(code);
    }) as never);
    exitWhenWritesAllow(143);
    expect(exits).toEqual([143]);
  });
});
