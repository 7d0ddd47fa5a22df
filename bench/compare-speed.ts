/**
 * `govsim compare` across worker threads: the wall and CPU time of a whole
 * `govsim compare` process (start-up, the replicate pairs, the comparison
 * printed as JSON) with `-j 1` and with more (two, and one per core), and the
 * speed-up (wall with one ÷ wall with n) and parallel efficiency (speed-up ÷
 * n), for a single community (Y, both modes) and for a street rolled out
 * under both modes. The worker counts take turns round by round (A/B, the
 * order alternating), so a busy machine slows them alike; medians over the
 * rounds, after one untimed round of each. Each process reports its own CPU
 * time, all its threads together (`process.cpuUsage()` at exit). With `-j 1`
 * the pairs run in the main thread; with more, each worker thread loads the
 * model and warms its compiler on its own, as a user's command does.
 *
 * It checks too that every worker count printed the same comparison, byte for
 * byte: the speed is worth nothing if the answer moves.
 *
 * It measures the bundled command the package installs (`npm run build`
 * first): `npx tsx bench/compare-speed.ts [rounds] [replicates]` (5 rounds, 200
 * replicates of Y and a tenth of that of the street, unless given).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { plural } from '../src/core/index.js';
import { helpOnRequest, refuse, wholeNumberArgument } from './arguments.js';
import { machineLine, median } from './median.js';

const usage = 'usage: npx tsx bench/compare-speed.ts [rounds] [replicates]';
helpOnRequest(usage);
const given = process.argv.slice(2);
if (given.length > 2) refuse(`unknown arguments: ${given.slice(2).join(' ')}`, usage);
const rounds = wholeNumberArgument(given[0], 'rounds', 5, usage);
const replicates = wholeNumberArgument(given[1], 'replicates', 200, usage);
const root = resolve(import.meta.dirname, '..');
const bundled = join(root, 'dist', 'cli', 'bin.js');
if (!existsSync(bundled)) {
  console.error('bench/compare-speed.ts: run `npm run build` first (dist/cli/bin.js is needed)');
  process.exit(2);
}

/** Prints the process's CPU microseconds on stderr as it exits. */
const reportCpu = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-microseconds '+(u.user+u.system)+'\\n')})`;

interface Comparison {
  label: string;
  scenarios: [string, string];
  replicates: number;
}
const comparisons: Comparison[] = [
  {
    label: `Y community, ${plural(replicates, 'pair')}`,
    scenarios: ['y-community-administrative-led', 'y-community-co-production'],
    replicates,
  },
  {
    label: `street rollout, ${plural(Math.max(1, Math.round(replicates / 10)), 'pair')}`,
    scenarios: ['z-street-rollout-administrative-led', 'z-street-rollout-co-production'],
    replicates: Math.max(1, Math.round(replicates / 10)),
  },
];
const cores = availableParallelism();
const workerCounts = [...new Set([1, 2, cores])].filter((count) => count <= cores);

/** One `govsim compare` process: its wall and CPU milliseconds, and what it printed. */
function measure(comparison: Comparison, workers: number): { wall: number; cpu: number; printed: string } {
  const [a, b] = comparison.scenarios;
  const args = ['--import', reportCpu, bundled, 'compare', a, b, '--replicates', String(comparison.replicates)];
  const started = performance.now();
  const result = spawnSync(process.execPath, [...args, '-j', String(workers), '--json'], { cwd: root, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (result.status !== 0) {
    console.error(`govsim compare ${a} ${b} -j ${workers} failed (${result.status}):\n${result.stderr}`);
    process.exit(1);
  }
  const cpu = Number(/cpu-microseconds (\d+)/.exec(result.stderr)?.[1]) / 1000;
  return { wall, cpu, printed: result.stdout };
}

console.log(`govsim compare across worker threads: medians of ${rounds} interleaved rounds after one warm-up round`);
console.log(machineLine());
console.log('the bundled command (dist/cli/bin.js), a whole process each: start-up, the pairs, the JSON printed');
for (const comparison of comparisons) {
  const printed = new Map<number, string>();
  for (const workers of workerCounts) printed.set(workers, measure(comparison, workers).printed);
  const walls = new Map<number, number[]>(workerCounts.map((count) => [count, []]));
  const cpus = new Map<number, number[]>(workerCounts.map((count) => [count, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? workerCounts : [...workerCounts].reverse();
    for (const workers of order) {
      const result = measure(comparison, workers);
      if (result.printed !== printed.get(workers)) refuse(`-j ${workers} printed another comparison in round ${round}`, usage);
      walls.get(workers)?.push(result.wall);
      cpus.get(workers)?.push(result.cpu);
    }
  }
  const first = printed.get(1);
  const same = workerCounts.every((count) => printed.get(count) === first);
  console.log(`\n${comparison.label} (${comparison.scenarios.join(' against ')})`);
  console.log(`the same comparison, byte for byte, with every worker count: ${same ? 'yes' : 'NO'}`);
  const baseline = median(walls.get(1) ?? []);
  console.log('workers   wall ms   CPU ms   speed-up   parallel efficiency');
  for (const workers of workerCounts) {
    const wall = median(walls.get(workers) ?? []);
    const speedUp = baseline / wall;
    console.log(
      `${String(workers).padStart(7)}   ${wall.toFixed(0).padStart(7)}   ${median(cpus.get(workers) ?? [])
        .toFixed(0)
        .padStart(
          6,
        )}   ${workers === 1 ? '(baseline)' : `${speedUp.toFixed(2)}×`.padStart(8)}   ${workers === 1 ? '' : (speedUp / workers).toFixed(2)}`,
    );
  }
  if (!same) process.exitCode = 1;
}
