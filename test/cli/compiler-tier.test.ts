import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isShortRun,
  mayForgoOptimisingCompiler,
  shortRunCommunityWeeks,
  shortRunHouseholdWeeks,
} from '../../src/cli/compiler-tier.js';
import { main } from '../../src/cli/main.js';

const repository = resolve('.');
const quiet = { stdout: () => {}, stderr: () => {} };
/** Households of the Y community, as the shipped scenarios build it. */
const yHouseholds = 2253;

describe('isShortRun', () => {
  it('counts the Y community over its two years as short, and over four years as long', () => {
    expect(isShortRun(yHouseholds, 104)).toBe(true);
    expect(isShortRun(yHouseholds, 200)).toBe(false);
  });

  it('holds up to the bound and not past it', () => {
    expect(isShortRun(shortRunHouseholdWeeks, 1)).toBe(true);
    expect(isShortRun(shortRunHouseholdWeeks + 1, 1)).toBe(false);
    // A street of many small communities is not short, however few its households.
    expect(isShortRun(100, 104, 96)).toBe(true);
    expect(isShortRun(1000, 104, 1000)).toBe(false);
    expect(isShortRun(1, 1, shortRunCommunityWeeks)).toBe(true);
    expect(isShortRun(1, 1, shortRunCommunityWeeks + 1)).toBe(false);
  });
});

describe('mayForgoOptimisingCompiler', () => {
  it('allows the baseline tier on V8 11 (Node 20) only', () => {
    expect(mayForgoOptimisingCompiler('11.3.244.8-node.28', [])).toBe(true);
    expect(mayForgoOptimisingCompiler('12.4.254.21-node.33', [])).toBe(false);
    expect(mayForgoOptimisingCompiler('10.2.154.26-node.26', [])).toBe(false);
  });

  it('leaves the tiers as the user chose them with a Node option', () => {
    for (const option of ['--max-opt=4', '--no-opt', '--jitless', '--maglev', '--no-sparkplug']) {
      expect(mayForgoOptimisingCompiler('11.3.244.8-node.28', [option]), option).toBe(false);
    }
    expect(mayForgoOptimisingCompiler('11.3.244.8-node.28', ['--import', 'tsx', '--max-old-space-size=4096'])).toBe(true);
  });
});

describe('main: a short run', () => {
  it('calls beforeShortRun before a run of the Y community over its two years, and not over four', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-tier-'));
    let calls = 0;
    const options = { beforeShortRun: () => calls++ };
    expect(await main(['run', 'y-community-co-production', '--out', join(folder, 'short')], quiet, options)).toBe(0);
    expect(calls).toBe(1);
    const long = ['run', 'y-community-co-production', '--weeks', '200', '--out', join(folder, 'long')];
    expect(await main(long, quiet, options)).toBe(0);
    expect(calls).toBe(1);
  }, 60_000);

  it('writes the same bytes from a process kept at the baseline tier as from one with optimised code', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-tier-'));
    const baseline = join(folder, 'baseline');
    const optimised = join(folder, 'optimised');
    // This test's own process has run the model's functions many times over by now, so they are optimised here.
    for (let warm = 0; warm < 20; warm++) {
      expect(await main(['run', 'y-community-co-production', '--out', optimised, '--force'], quiet)).toBe(0);
    }
    const child = spawn(
      process.execPath,
      [
        '--max-opt=1',
        '--import',
        'tsx',
        join(repository, 'src', 'cli', 'bin.ts'),
        'run',
        'y-community-co-production',
        '--out',
        baseline,
      ],
      { cwd: repository, stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((exited) => child.on('close', exited));
    expect(code).toBe(0);
    for (const file of ['weeks.csv', 'summary.json']) {
      const [fromBaseline, fromOptimised] = await Promise.all([
        readFile(join(baseline, file), 'utf8'),
        readFile(join(optimised, file), 'utf8'),
      ]);
      expect(fromBaseline === fromOptimised, file).toBe(true);
    }
  }, 120_000);
});
