/**
 * `govsim list` when a file in govsim's own folders is not JSON (a scenario half written in a checkout's
 * `scenarios/`): bad input naming the file, its line and column, with exit code 2, not an internal error. govsim's
 * folder is a copy in a temporary folder here, so that the checkout's own is never touched.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = await mkdtemp(join(tmpdir(), 'govsim-list-unreadable-'));

vi.mock('../../src/node/version.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/node/version.js')>()),
  packageRoot: () => root,
}));

const { cli } = await import('./capture.js');

afterAll(() => rm(root, { recursive: true, force: true }));

/** A copy of govsim's shipped scenarios and experiments in `root`, with `file` (relative to it) holding `text`. */
async function shippedWith(file: string, text: string): Promise<void> {
  for (const folder of ['scenarios', 'experiments']) {
    await mkdir(join(root, folder), { recursive: true });
    await cp(resolve(folder), join(root, folder), { recursive: true });
  }
  await writeFile(join(root, file), text);
}

describe('govsim list with a file that is not JSON among the shipped ones', () => {
  it('names the file, its line and column, with exit code 2', async () => {
    await shippedWith('scenarios/my-street.json', '{\n  "name": "my-street",\n  "weeks": 104,\n}\n');
    const listed = await cli('list');
    expect(listed.code).toBe(2);
    expect(listed.stdout).toBe('');
    expect(listed.stderr).toBe(
      `govsim: ${join(root, 'scenarios', 'my-street.json')}: invalid scenario\n  - (top level): not valid JSON at line 4, column 1: unexpected "}"\n`,
    );
    await shippedWith('scenarios/my-street.json', 'null\n');
    expect((await cli('list', '--json')).code).toBe(0);
  });
});
