import { spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repository = resolve('.');

/** Runs the command line, reads only the first chunk of its standard output, then closes the pipe, as `| head` does. */
async function readFirstChunk(args: string[]): Promise<{ code: number | null; first: string; stderr: string; cwd: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'govsim-pipe-'));
  const child = spawn(
    process.execPath,
    [join(repository, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repository, 'src', 'cli', 'bin.ts'), ...args],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const first = await new Promise<string>((received) => {
    child.stdout.once('data', (chunk: Buffer) => {
      child.stdout.destroy();
      received(chunk.toString('utf8'));
    });
  });
  const code = await new Promise<number | null>((exited) => child.on('close', exited));
  return { code, first, stderr, cwd };
}

describe('the govsim command', () => {
  it('stops printing quietly when its reader closes the pipe early, and still finishes with its own exit code', async () => {
    // A generated city is a few hundred kilobytes of JSON: far more than a pipe holds, so printing it meets the closed pipe.
    const printed = await readFirstChunk(['generate', 'city']);
    expect(printed.first.startsWith('{')).toBe(true);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);

    const written = await readFirstChunk(['run', 'z-street/case', '--weeks', '30', '--out', 'run']);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect((await readdir(join(written.cwd, 'run'))).sort()).toEqual(['manifest.json', 'summary.json', 'weeks.csv']);
  }, 60_000);
});
