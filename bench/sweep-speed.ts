/**
 * Sweep throughput: runs per second of the same sweep with one worker and
 * with more (two, and one per core), and the parallel efficiency
 * (rate with n workers ÷ rate with one) ÷ n. The worker counts take turns
 * round by round (A/B, the order alternating), so a busy machine slows them
 * alike; medians over the rounds, worker start-up included, and the CPU time
 * per run (all threads of the process). Run with
 * `npx tsx bench/sweep-speed.ts [rounds] [replicates]`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machineLine, median } from './median.js';

// The compiled package (`npm run bench` builds it first), as users run it: workers then start without compiling
// TypeScript. Typed as the sources it is compiled from, so that type-checking needs no build.
const compiledPackage = '../dist/src/node/index.js';
const { loadExperiment, runSweep } = (await import(compiledPackage)) as typeof import('../src/node/index.js');

const rounds = Number(process.argv[2] ?? 3);
const replicates = Number(process.argv[3] ?? 90);
const cores = availableParallelism();
const folder = await mkdtemp(join(tmpdir(), 'govsim-bench-'));
const experimentFile = join(folder, 'bench.json');
await writeFile(
  experimentFile,
  JSON.stringify({
    name: 'bench',
    base: resolve('scenarios/y-community-co-production.json'),
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

console.log(`govsim sweep throughput: ${runs} runs of the Y community (104 weeks), median of ${rounds} interleaved rounds`);
console.log(machineLine());
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
