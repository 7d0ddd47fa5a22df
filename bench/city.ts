/**
 * The model at scale, as a city runs: Y alone, a street (~35,000 households),
 * a district (~500,000) and the city (~8 million), each generated with
 * `generateCity` (Shanghai's round figures scaled down: a district is a
 * sixteenth of the city, ~375 communities in 14 streets) and run street by
 * street as `govsim city` runs it — each street its own world, each
 * community's summary row formatted as CSV as the street finishes and then
 * dropped — under both modes, 104 weeks, in one thread, as `govsim city -j 1`
 * runs it (no worker threads; V8's own helper threads, collecting garbage and
 * compiling, may use another core, so CPU time can exceed wall time).
 *
 * For each size and mode, in a process of its own (so memory is its own):
 * the median wall and CPU time of a run (the city's scenarios parsed from
 * its file's contents, generated once and untimed, and world building included),
 * household-weeks per second and the peak resident memory of the process (in
 * MiB). There is no baseline: the figures are absolute.
 *
 *   npx tsx bench/city.ts [--sizes y,street,district,city] [--repetitions N]
 *
 * Repetitions default to 20 for Y, 5 for the street, 2 for the district and
 * 1 for the city.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { csvLine } from '../src/core/index.js';
import { generateCity, parseCity } from '../src/generators/index.js';
import { communitySummaryColumns } from '../src/metrics/index.js';
import { runCity } from '../src/simulation/index.js';
import { helpOnRequest } from './arguments.js';
import { machineLine, median } from './median.js';

const modes = ['administrative-led', 'co-production'] as const;
type Mode = (typeof modes)[number];
const weeks = 104;

/** The sizes measured: generateCity's options for each. */
const sizes = {
  y: { districts: 1, streets: 1, communities: 1, households: 2253 },
  street: { districts: 1, streets: 1, communities: 26, households: 35_000 },
  district: { districts: 1, streets: 14, communities: 375, households: 500_000 },
  city: { districts: 16, streets: 215, communities: 6000, households: 8_000_000 },
} as const;
type Size = keyof typeof sizes;

const defaultRepetitions: Record<Size, number> = { y: 20, street: 5, district: 2, city: 1 };

interface Measurement {
  size: Size;
  mode: Mode;
  households: number;
  communities: number;
  streets: number;
  repetitions: number;
  wallMilliseconds: number;
  cpuMilliseconds: number;
  peakResidentMebibytes: number;
}

/** One run of the city: every street, each community's row formatted; returns the bytes of CSV made. */
async function runOnce(city: ReturnType<typeof parseCity>, replicate: number): Promise<number> {
  let bytes = 0;
  await runCity(
    city,
    (street) => {
      for (const community of street.communities)
        bytes += csvLine([street.district, street.street, ...communitySummaryColumns.map((column) => community[column])]).length;
    },
    { replicate },
  );
  return bytes;
}

async function measure(size: Size, mode: Mode, repetitions: number): Promise<Measurement> {
  // Warm the code on Y first, so a single large run is not timed while it compiles.
  const warmUp = parseCity(generateCity({ seed: 99, ...sizes.y, weeks }), 'warm-up', { mode });
  for (let replicate = 0; replicate < 20; replicate++) await runOnce(warmUp, 1000 + replicate);
  const wall: number[] = [];
  const cpu: number[] = [];
  // The city file's contents, generated once, untimed: govsim city reads a file, it does not generate one.
  const input = generateCity({ seed: 1, ...sizes[size], weeks });
  let city = parseCity(input, size, { mode });
  for (let replicate = 0; replicate < repetitions; replicate++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    // The city's scenarios are made from the file's contents each time, as govsim city does.
    city = parseCity(input, size, { mode });
    await runOnce(city, replicate);
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    size,
    mode,
    households: city.households,
    communities: city.communities,
    streets: city.streets.length,
    repetitions,
    wallMilliseconds: median(wall),
    cpuMilliseconds: median(cpu),
    peakResidentMebibytes: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
  };
}

const usage = 'usage: npx tsx bench/city.ts [--sizes y,street,district,city] [--repetitions N]';
helpOnRequest(usage);
const argumentsGiven = process.argv.slice(2);
/** The value after `name`, undefined when `name` is not given; a message and exit 2 when it has no value. */
const option = (name: string) => {
  const index = argumentsGiven.indexOf(name);
  if (index < 0) return undefined;
  const value = argumentsGiven[index + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`${name}: expected a value`);
    console.error(usage);
    process.exit(2);
  }
  return value;
};
if (argumentsGiven[0] === '--child') {
  const [, size, mode, repetitions] = argumentsGiven;
  process.stdout.write(`${JSON.stringify(await measure(size as Size, mode as Mode, Number(repetitions)))}\n`);
} else {
  const flags = ['--sizes', '--repetitions'];
  // Every argument is a flag or the value after one.
  const unknown = argumentsGiven.filter(
    (argument, index) => !flags.includes(argument) && !flags.includes(argumentsGiven[index - 1] ?? ''),
  );
  if (unknown.length > 0) {
    console.error(`unknown arguments: ${unknown.join(' ')}`);
    console.error(usage);
    process.exit(2);
  }
  const chosen = (option('--sizes') ?? 'y,street,district,city').split(',') as Size[];
  for (const size of chosen)
    if (!Object.hasOwn(sizes, size)) {
      console.error(`--sizes: unknown size ${size}: expected ${Object.keys(sizes).join(', ')}`);
      console.error(usage);
      process.exit(2);
    }
  const repetitionsGiven = option('--repetitions');
  const repetitionsChosen = repetitionsGiven === undefined ? undefined : Number(repetitionsGiven);
  if (repetitionsChosen !== undefined && (!Number.isSafeInteger(repetitionsChosen) || repetitionsChosen < 1)) {
    console.error(`--repetitions: expected a whole number ≥ 1, got ${repetitionsGiven}`);
    console.error(usage);
    process.exit(2);
  }
  console.log('govsim city scale: 104-week runs, street by street, in one thread (generateCity, seed 1)');
  console.log(machineLine());
  console.log('');
  console.log(
    'size      mode                 streets  communities   households  runs   wall ms/run    CPU ms/run  household-weeks/s  peak RSS MiB',
  );
  for (const size of chosen) {
    for (const mode of modes) {
      const repetitions = repetitionsChosen ?? defaultRepetitions[size];
      const output = execFileSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--child', size, mode, String(repetitions)],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      const result = JSON.parse(output.trim().split('\n').pop() as string) as Measurement;
      console.log(
        [
          size.padEnd(9),
          mode.padEnd(20),
          String(result.streets).padStart(7),
          result.communities.toLocaleString('en').padStart(12),
          result.households.toLocaleString('en').padStart(12),
          String(repetitions).padStart(5),
          result.wallMilliseconds.toFixed(1).padStart(13),
          result.cpuMilliseconds.toFixed(1).padStart(13),
          ((result.households * weeks) / (result.wallMilliseconds / 1000)).toExponential(2).padStart(18),
          result.peakResidentMebibytes.toFixed(0).padStart(13),
        ].join(' '),
      );
    }
  }
}
