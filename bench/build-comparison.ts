/**
 * Two compiled builds of govsim timed against each other in one process, run
 * by run interleaved (A, B, B, A, …), so that a busy machine slows both
 * alike: the median wall and CPU time of a run of each scenario under each
 * build, and B's times as ratios of A's. Each run builds its own world: the
 * timed rounds run replicates 0, 1, 2, … (both builds the same one in a
 * round), each after the build's `forgetBuiltWorlds()` where it has one, so
 * none starts from a world a run before it kept. 20 untimed rounds come first,
 * the same way, on replicates 1,000,000 and up, none of them timed later.
 * Each build is a folder holding `dist/` (`npm run build`); to compare a
 * commit with the working tree, from the repository root:
 *
 *   rm -rf /tmp/govsim-before && mkdir -p /tmp/govsim-before
 *   git archive <commit> | tar -x -C /tmp/govsim-before && ln -s "$PWD/node_modules" /tmp/govsim-before/
 *   (cd /tmp/govsim-before && npx tsc -p tsconfig.build.json) && npm run build
 *   npx tsx bench/build-comparison.ts /tmp/govsim-before . [repetitions] [communities…]
 *
 * Repetitions default to 40; communities to 1 (the Y community), and more
 * repeat Y's community. The two folders must differ: one folder given twice
 * would load one set of modules, with one cache of kept worlds, for both (to
 * time a build against itself, copy its folder).
 */
import { realpathSync } from 'node:fs';
import type { Scenario } from '../src/scenario/index.js';
import { helpOnRequest } from './arguments.js';
import { loadCode } from './code.js';
import { machineLine, median } from './median.js';

const usage = 'usage: npx tsx bench/build-comparison.ts BEFORE AFTER [repetitions] [communities…]';
helpOnRequest(usage);
const [folderA, folderB, repetitionText = '40', ...communityTexts] = process.argv.slice(2);
if (folderA === undefined || folderB === undefined) {
  console.error(usage);
  process.exit(2);
}
/** The folder's real path, or an exit with a message when it has no compiled build. */
function builtFolder(folder: string): string {
  try {
    realpathSync(`${folder}/dist/src/simulation/index.js`);
    return realpathSync(folder);
  } catch {
    console.error(`${folder}: no compiled build (${folder}/dist/src/simulation/index.js); run \`npm run build\` there first`);
    console.error(usage);
    process.exit(2);
  }
}
if (builtFolder(folderA) === builtFolder(folderB)) {
  console.error(
    `${folderA} and ${folderB} are the same folder: its modules would load once, for both; copy it to time a build against itself`,
  );
  process.exit(2);
}
const wholeNumber = (text: string, name: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`${name}: expected a whole number ≥ 1, got ${text}`);
    console.error(usage);
    process.exit(2);
  }
  return value;
};
const repetitions = wholeNumber(repetitionText, 'repetitions');
const communityCounts = communityTexts.length > 0 ? communityTexts.map((text) => wholeNumber(text, 'communities')) : [1];
const warmUp = 20;
/** Warm-up rounds run these replicates and up, far from the timed ones (0 to repetitions − 1). */
const warmUpReplicates = 1_000_000;

const builds = await Promise.all([loadCode(folderA), loadCode(folderB)]);
console.log(
  `govsim build comparison: A = ${folderA}, B = ${folderB}; median of ${repetitions} interleaved runs after ${warmUp} warm-up rounds, each run building its own world`,
);
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
    for (let round = -warmUp; round < repetitions; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      const replicate = round < 0 ? warmUpReplicates + warmUp + round : round;
      for (const which of order) {
        const build = builds[which];
        // A build from before the kept worlds has no forgetBuiltWorlds, and nothing to forget.
        build?.simulation.forgetBuiltWorlds?.();
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        build?.simulation.runScenario(scenarios[which] as Scenario, { replicate });
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
