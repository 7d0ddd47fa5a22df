/**
 * Speed of one 104-week run of the Y community (2253 households), per mode:
 * the median over repeated runs (each on its own replicate seed) and
 * household-weeks per second. Then, per mode, a run building its own world
 * against the same run on the world a paired run of the other mode kept.
 *
 *   npx tsx bench/run-speed.ts [repetitions] [--build DIR]
 *
 * Repetitions default to 40; `--build DIR` measures the compiled build in
 * DIR/dist (`npm run build` first; `npm run bench` measures this checkout's),
 * else the sources through tsx.
 */
import { helpOnRequest, refuse, wholeNumberArgument } from './arguments.js';
import { codeLine, loadCode, takeOption } from './code.js';
import { machineLine, median, time } from './median.js';

const usage = 'usage: npx tsx bench/run-speed.ts [repetitions] [--build DIR]';
helpOnRequest(usage);
const { value: buildFolder, rest: positional } = takeOption(process.argv.slice(2), '--build');
if (positional.length > 1) refuse(`unknown arguments: ${positional.slice(1).join(' ')}`, usage);
const repetitions = wholeNumberArgument(positional[0], 'repetitions', 40, usage);
const code = await loadCode(buildFolder);
const { parseScenario, totalHouseholds } = code.scenario;
const { forgetBuiltWorlds, runScenario } = code.simulation;
// With 5 warm-up runs the first modes timed ran well above the same runs timed later (code that runs a few times a
// run, as the council's 8 meetings, is likely not optimised yet).
const warmUp = 20;
console.log(`govsim run speed: median of ${repetitions} runs after ${warmUp} warm-up runs`);
console.log(machineLine());
console.log(codeLine(buildFolder));
console.log('');
console.log('mode                  median ms/run   p10–p90 ms     household-weeks/s');
for (const mode of ['administrative-led', 'co-production', 'participation-only', 'integration-only'] as const) {
  const scenario = parseScenario({ name: mode, mode });
  const householdWeeks = totalHouseholds(scenario.world.communities) * scenario.weeks;
  const timings = time((iteration) => runScenario(scenario, { replicate: iteration }), repetitions, warmUp);
  const sorted = [...timings].sort((left, right) => left - right);
  const middle = median(timings);
  const p10 = sorted[Math.floor(0.1 * (sorted.length - 1))] as number;
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))] as number;
  console.log(
    `${mode.padEnd(22)}${middle.toFixed(2).padStart(13)}   ${`${p10.toFixed(1)}–${p90.toFixed(1)}`.padStart(12)}   ${((householdWeeks / middle) * 1000).toExponential(2).padStart(18)}`,
  );
}

// Paired runs: each run of a mode right after a run of the other mode on the same world and seed, so it starts from the
// world that run kept (src/simulation/world-cache.ts), against the same run building its own world. Interleaved, one
// pair of each per round, so load drift touches both alike.
console.log('');
console.log('paired runs (the other mode on the same seed just before)');
console.log('mode                  builds its world ms   on a kept world ms   ratio');
for (const [mode, other] of [
  ['administrative-led', 'co-production'],
  ['co-production', 'administrative-led'],
] as const) {
  const scenario = parseScenario({ name: mode, mode });
  const before = parseScenario({ name: other, mode: other });
  const building: number[] = [];
  const kept: number[] = [];
  for (let round = 0; round < repetitions + warmUp; round++) {
    forgetBuiltWorlds();
    let started = performance.now();
    runScenario(scenario, { replicate: round });
    const fresh = performance.now() - started;
    forgetBuiltWorlds();
    runScenario(before, { replicate: round });
    started = performance.now();
    runScenario(scenario, { replicate: round });
    const reused = performance.now() - started;
    if (round < warmUp) continue;
    building.push(fresh);
    kept.push(reused);
  }
  console.log(
    `${mode.padEnd(22)}${median(building).toFixed(2).padStart(19)}   ${median(kept).toFixed(2).padStart(18)}   ${(median(kept) / median(building)).toFixed(2).padStart(5)}`,
  );
}
