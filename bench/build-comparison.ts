/**
 * Two compiled builds of govsim timed against each other in one process, run
 * by run interleaved (A, B, B, A, …), so that a busy machine slows both
 * alike: the median wall and CPU time of a run of each scenario under each
 * build, and B's times as ratios of A's. Each build is a folder holding `dist/` (`npm run
 * build`); to compare a commit with the working tree:
 *
 *   git archive <commit> | tar -x -C /tmp/govsim-before && ln -s "$PWD/node_modules" /tmp/govsim-before/
 *   (cd /tmp/govsim-before && npx tsc -p tsconfig.build.json) && npm run build
 *   npx tsx bench/build-comparison.ts /tmp/govsim-before . [repetitions] [communities…]
 *
 * Communities default to 1 (the Y community); more repeat Y's community.
 */
import type { Scenario } from '../src/scenario/index.js';
import { loadCode } from './code.js';
import { machineLine, median } from './median.js';

const [folderA = '', folderB = '.', repetitionText = '40', ...communityTexts] = process.argv.slice(2);
const repetitions = Number(repetitionText);
const communityCounts = communityTexts.length > 0 ? communityTexts.map(Number) : [1];

const builds = await Promise.all([loadCode(folderA), loadCode(folderB)]);
console.log(`govsim build comparison: A = ${folderA}, B = ${folderB}; median of ${repetitions} interleaved runs`);
console.log(machineLine());
console.log('');
console.log('                                        wall time                      CPU time');
console.log('scenario                                  A ms/run    B ms/run   B ÷ A    A ms/run    B ms/run   B ÷ A');
for (const communities of communityCounts) {
  for (const mode of ['administrative-led', 'co-production'] as const) {
    const input = {
      name: `${mode}-${communities}`,
      mode,
      world: {
        communities: Array.from({ length: communities }, (_, index) => ({
          name: `Y${index + 1}`,
          households: 2253,
          residents: 6759,
        })),
      },
    };
    const scenarios = builds.map((build) => build.scenario.parseScenario(input));
    const timings: number[][] = [[], []];
    const cpuTimings: number[][] = [[], []];
    const warmUp = Math.max(1, Math.min(5, Math.round(repetitions / 8)));
    for (let round = -warmUp; round < repetitions; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        builds[which]?.simulation.runScenario(scenarios[which] as Scenario, { replicate: Math.max(0, round) });
        const cpu = process.cpuUsage(cpuStarted);
        if (round >= 0) {
          timings[which]?.push(performance.now() - started);
          cpuTimings[which]?.push((cpu.user + cpu.system) / 1000);
        }
      }
    }
    const [a, b] = timings.map(median) as [number, number];
    const [cpuA, cpuB] = cpuTimings.map(median) as [number, number];
    console.log(
      `${`${mode}, ${communities} communit${communities === 1 ? 'y' : 'ies'}`.padEnd(40)}${a.toFixed(2).padStart(10)}  ${b.toFixed(2).padStart(10)}   ${(b / a).toFixed(2).padStart(5)}  ${cpuA.toFixed(2).padStart(10)}  ${cpuB.toFixed(2).padStart(10)}   ${(cpuB / cpuA).toFixed(2).padStart(5)}`,
    );
  }
}
