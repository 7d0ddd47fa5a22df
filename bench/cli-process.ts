/**
 * CPU and wall time of a whole `govsim run` process — start-up, loading the
 * command, one 104-week run of the Y community, writing weeks.csv,
 * summary.json and manifest.json — as a user's shell sees it: the bundled
 * command the package installs (dist/cli/bin.js) against the same command
 * from the compiled modules (dist/src/cli/bin.js), with `node -e 0` as the
 * baseline of Node's own start-up. A short run keeps V8 at its baseline tier
 * (src/cli/compiler-tier.ts); the bundled command started with
 * `node --max-opt=999`, an option of the user's that leaves every tier on,
 * shows what that saves. Interleaved: each round runs every
 * variant once, so load on a shared machine touches them alike. Each process
 * reports its own CPU time (user + system, `process.cpuUsage()` at exit).
 * With `--against DIR`, a checkout of another version built there (its dist/cli/bin.js) runs in the same rounds, so
 * that two builds are compared on one sitting of a shared machine rather than across days.
 * Needs `npm run build` first. Run with `npx tsx bench/cli-process.ts [rounds] [--against DIR]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { helpOnRequest, refuse, wholeNumberArgument } from './arguments.js';
import { machineLine, median } from './median.js';

const usage = 'usage: npx tsx bench/cli-process.ts [rounds] [--against DIR]';
helpOnRequest(usage);
const given = process.argv.slice(2);
const againstAt = given.indexOf('--against');
const againstRoot = againstAt === -1 ? undefined : given[againstAt + 1];
if (againstAt !== -1 && againstRoot === undefined) refuse('--against: expected the folder of a built checkout', usage);
const positional = againstAt === -1 ? given : [...given.slice(0, againstAt), ...given.slice(againstAt + 2)];
if (positional.length > 1) refuse(`unknown arguments: ${positional.slice(1).join(' ')}`, usage);
const rounds = wholeNumberArgument(positional[0], 'rounds', 15, usage);
const root = resolve(import.meta.dirname, '..');
const bundled = join(root, 'dist', 'cli', 'bin.js');
const modules = join(root, 'dist', 'src', 'cli', 'bin.js');
if (!existsSync(bundled) || !existsSync(modules)) {
  console.error('bench/cli-process.ts: run `npm run build` first (dist/cli/bin.js and dist/src/cli/bin.js are needed)');
  process.exit(2);
}

/** Prints the process's CPU microseconds on stderr as it exits. */
const reportCpu = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-microseconds '+(u.user+u.system)+'\\n')})`;
const against = againstRoot === undefined ? undefined : join(resolve(againstRoot), 'dist', 'cli', 'bin.js');
if (against !== undefined && !existsSync(against)) {
  console.error(`bench/cli-process.ts: ${against} is not there: run \`npm run build\` in ${againstRoot} first`);
  process.exit(2);
}
const folder = mkdtempSync(join(tmpdir(), 'govsim-cli-process-'));

interface Variant {
  label: string;
  args: (mode: string) => string[];
}
const variants: Variant[] = [
  { label: 'node -e 0 (baseline)', args: () => ['-e', '0'] },
  {
    label: 'govsim run, compiled modules',
    args: (mode) => [modules, 'run', `y-community-${mode}`, '--out', join(folder, 'modules')],
  },
  {
    label: 'govsim run, bundled (installed)',
    args: (mode) => [bundled, 'run', `y-community-${mode}`, '--out', join(folder, 'bundled')],
  },
  {
    label: 'bundled, every tier (--max-opt=999)',
    args: (mode) => ['--max-opt=999', bundled, 'run', `y-community-${mode}`, '--out', join(folder, 'every-tier')],
  },
  ...(against === undefined
    ? []
    : [
        {
          label: 'bundled, --against build',
          args: (mode: string) => [against, 'run', `y-community-${mode}`, '--out', join(folder, 'against')],
        },
      ]),
];

/** Runs one process; returns its CPU and wall milliseconds. */
function measure(args: string[]): { cpu: number; wall: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', reportCpu, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wall = performance.now() - started;
  const match = /cpu-microseconds (\d+)/.exec(child.stderr);
  if (child.status !== 0 || match === null) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return { cpu: Number(match[1]) / 1000, wall };
}

console.log(`govsim run as a whole process: medians of ${rounds} interleaved rounds after 2 warm-up rounds`);
console.log(machineLine());
console.log('');
console.log('mode                 command                                 CPU ms   wall ms   CPU − baseline ms');
try {
  for (const mode of ['administrative-led', 'co-production']) {
    const cpu = variants.map((): number[] => []);
    const wall = variants.map((): number[] => []);
    for (let round = 0; round < rounds + 2; round++) {
      variants.forEach((variant, index) => {
        const timing = measure(variant.args(mode));
        if (round < 2) return;
        cpu[index]?.push(timing.cpu);
        wall[index]?.push(timing.wall);
      });
    }
    const baseline = median(cpu[0] as number[]);
    variants.forEach((variant, index) => {
      const cpuMedian = median(cpu[index] as number[]);
      console.log(
        `${mode.padEnd(21)}${variant.label.padEnd(38)}${cpuMedian.toFixed(0).padStart(8)}${median(wall[index] as number[])
          .toFixed(0)
          .padStart(10)}${(index === 0 ? '' : (cpuMedian - baseline).toFixed(0)).padStart(20)}`,
      );
    });
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
