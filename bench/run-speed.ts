/**
 * Speed of one 104-week run of the Y community (2253 households), per mode:
 * the median over repeated runs (each on its own replicate seed) and
 * household-weeks per second. Run with `npm run bench`; pass a number to
 * change the repetitions (default 40).
 */
import { parseScenario } from '../src/scenario/index.js';
import { runScenario } from '../src/simulation/index.js';
import { machineLine, median, time } from './median.js';

const repetitions = Number(process.argv[2] ?? 40);
console.log(`govsim run speed: median of ${repetitions} runs after 5 warm-up runs`);
console.log(machineLine());
console.log('');
console.log('mode                  median ms/run   p10–p90 ms     household-weeks/s');
for (const mode of ['administrative-led', 'co-production', 'participation-only', 'integration-only'] as const) {
  const scenario = parseScenario({ name: mode, mode });
  const householdWeeks =
    scenario.world.communities.reduce((total, community) => total + community.households, 0) * scenario.weeks;
  const timings = time((iteration) => runScenario(scenario, { replicate: iteration }), repetitions, 5);
  const sorted = [...timings].sort((left, right) => left - right);
  const middle = median(timings);
  const p10 = sorted[Math.floor(0.1 * (sorted.length - 1))] as number;
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))] as number;
  console.log(
    `${mode.padEnd(22)}${middle.toFixed(2).padStart(13)}   ${`${p10.toFixed(1)}–${p90.toFixed(1)}`.padStart(12)}   ${((householdWeeks / middle) * 1000).toExponential(2).padStart(18)}`,
  );
}
