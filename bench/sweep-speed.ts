/**
 * Sweep throughput: runs per second of the same sweep with one worker and
 * with more (two, and one per core), and the parallel efficiency
 * (rate with n workers ÷ rate with one) ÷ n. The worker counts take turns
 * round by round (A/B, the order alternating), so a busy machine slows them
 * alike; medians over the rounds, worker start-up included, and the CPU time
 * per run (all threads of the process). One untimed round of every worker
 * count comes first.
 *
 * The counts are not alike in one way: a sweep with one worker runs its tasks
 * in the main thread (src/node/worker-pool.ts), which stays warm from the
 * warm-up round and every round before, while each sweep with two or more
 * starts new worker threads that load the model and warm their compiler
 * again, as a user's sweep does. The speed-up is that of a sweep started in
 * fresh threads against one in a thread already warm.
 *
 * It measures the compiled package: run `npm run build` first (`npm run bench`
 * does), then `npx tsx bench/sweep-speed.ts [rounds] [replicates]` (3 rounds
 * and 90 replicates unless given).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { helpOnRequest, refuse } from './arguments.js';
import { machineLine, median } from './median.js';

const usage = 'usage: npx tsx bench/sweep-speed.ts [rounds] [replicates]';
helpOnRequest(usage);
if (process.argv.length > 4) refuse(`unknown arguments: ${process.argv.slice(4).join(' ')}`, usage);
const root = resolve(import.meta.dirname, '..');
// The compiled package (`npm run bench` builds it first), as users run it: workers then start without compiling
// TypeScript. Typed as the sources it is compiled from, so that type-checking needs no build.
const compiledPackage = '../dist/src/node/index.js';
if (!existsSync(join(root, 'dist', 'src', 'node', 'index.js'))) {
  console.error('bench/sweep-speed.ts: run `npm run build` first (dist/src/node/index.js is needed)');
  process.exit(2);
}
const { loadExperiment, runSweep } = (await import(compiledPackage)) as typeof import('../src/node/index.js');

/** The argument at `position` as a whole number ≥ 1, `fallback` when absent; else a message and exit 2. */
function wholeNumber(position: number, name: string, fallback: number): number {
  const text = process.argv[position];
  const value = Number(text ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`${name}: expected a whole number ≥ 1, got ${text}`);
    console.error(usage);
    process.exit(2);
  }
  return value;
}
const rounds = wholeNumber(2, 'rounds', 3);
const replicates = wholeNumber(3, 'replicates', 90);
const cores = availableParallelism();
const folder = await mkdtemp(join(tmpdir(), 'govsim-bench-'));
const experimentFile = join(folder, 'bench.json');
await writeFile(
  experimentFile,
  JSON.stringify({
    name: 'bench',
    base: join(root, 'scenarios', 'y-community-co-production.json'),
    design: { type: 'factorial', factors: [{ path: 'parameters.docking.confirmationChance', range: [0.4, 0.8], steps: 8 }] },
    variants: [
      { label: 'administrative-led', set: { mode: 'administrative-led' } },
      { label: 'co-production', set: { mode: 'co-production' } },
    ],
    replicates,
    metrics: ['satisfaction.end', 'load.staffMean'],
  }),
);
const loaded = await loadExperiment(experimentFile);
const runs = 8 * 2 * replicates;
const workerCounts = [1, ...new Set([2, cores])].filter(
  (count, index, counts) => count <= cores && counts.indexOf(count) === index,
);

/** One sweep with `workers` workers: its runs per second and CPU milliseconds per run. */
async function sweep(workers: number, round: number): Promise<{ rate: number; cpuPerRun: number }> {
  const out = join(folder, `out-${workers}-${round}`);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await runSweep(loaded, { out, workers });
  const cpu = process.cpuUsage(cpuStarted);
  const rate = runs / ((performance.now() - started) / 1000);
  await rm(out, { recursive: true, force: true });
  return { rate, cpuPerRun: (cpu.user + cpu.system) / 1000 / runs };
}

console.log(
  `govsim sweep throughput: ${runs} runs of the Y community (104 weeks), median of ${rounds} interleaved rounds after one warm-up round`,
);
console.log(machineLine());
console.log('(one worker runs in the main thread, warm from the rounds before; more workers start new threads each sweep)');
// The warm-up round, untimed: the main thread's code compiled before the first timed sweep.
for (const workers of workerCounts) await sweep(workers, -1);
const rates = new Map<number, number[]>(workerCounts.map((count) => [count, []]));
const cpuPerRun = new Map<number, number[]>(workerCounts.map((count) => [count, []]));
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? workerCounts : [...workerCounts].reverse();
  for (const workers of order) {
    const result = await sweep(workers, round);
    rates.get(workers)?.push(result.rate);
    cpuPerRun.get(workers)?.push(result.cpuPerRun);
  }
}
const baseline = median(rates.get(1) ?? []);
for (const workers of workerCounts) {
  const rate = median(rates.get(workers) ?? []);
  const cpu = median(cpuPerRun.get(workers) ?? []);
  const label = `${workers} worker${workers === 1 ? ': ' : 's:'}`.padEnd(12);
  console.log(
    workers === 1
      ? `${label}${rate.toFixed(1)} runs/s (baseline), ${cpu.toFixed(2)} CPU ms per run`
      : `${label}${rate.toFixed(1)} runs/s, speed-up ${(rate / baseline).toFixed(2)}×, parallel efficiency ${(rate / baseline / workers).toFixed(2)}, ${cpu.toFixed(2)} CPU ms per run`,
  );
}
await rm(folder, { recursive: true, force: true });
