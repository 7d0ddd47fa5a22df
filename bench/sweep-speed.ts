/**
 * Sweep throughput: runs per second of the same sweep with one worker and
 * with one worker per core, and the parallel efficiency
 * (rate with n workers ÷ rate with one) ÷ n. Medians over repeated sweeps,
 * worker start-up included. Run with `npx tsx bench/sweep-speed.ts [repetitions] [replicates]`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machineLine, median } from './median.js';

// The compiled package (`npm run bench` builds it first), as users run it: workers then start without compiling
// TypeScript. Typed as the sources it is compiled from, so that type-checking needs no build.
const compiledPackage = '../dist/src/node/index.js';
const { loadExperiment, runSweep } = (await import(compiledPackage)) as typeof import('../src/node/index.js');

const repetitions = Number(process.argv[2] ?? 3);
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

async function rate(workers: number): Promise<number> {
  const rates: number[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const out = join(folder, `out-${workers}-${repetition}`);
    const started = performance.now();
    await runSweep(loaded, { out, workers });
    rates.push(runs / ((performance.now() - started) / 1000));
    await rm(out, { recursive: true, force: true });
  }
  return median(rates);
}

console.log(`govsim sweep throughput: ${runs} runs of the Y community (104 weeks), median of ${repetitions} sweeps`);
console.log(machineLine());
const baseline = await rate(1);
console.log(`1 worker:          ${baseline.toFixed(1)} runs/s (baseline)`);
for (const workers of [...new Set([2, cores])].filter((count) => count > 1 && count <= cores)) {
  const parallel = await rate(workers);
  console.log(
    `${String(workers).padEnd(2)} workers:        ${parallel.toFixed(1)} runs/s, speed-up ${(parallel / baseline).toFixed(2)}×, parallel efficiency ${(parallel / baseline / workers).toFixed(2)}`,
  );
}
await rm(folder, { recursive: true, force: true });
