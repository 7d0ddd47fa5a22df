/**
 * How a 104-week run's cost grows with the street: Y alone, a street, a
 * district — and, with `--city`, a city of 3,500 communities — each of
 * copies of Y's community (2,253 households), under both modes.
 *
 * For each size and mode, in a process of its own (so memory is its own):
 * the median wall and CPU time of a whole run (`runScenario`: building the
 * world, each run on its own replicate so none starts from a kept world, then
 * 104 weeks, the weekly records and the summary), household-weeks per second,
 * the peak resident memory of the process in MiB (and the peak of the
 * JavaScript heap plus typed arrays, sampled after each week of one more,
 * untimed run), and a baseline measured in the same process, interleaved with
 * the runs: after each run, 104 weekly passes over that run's household arrays
 * doing the least a week needs (reading each household's trust, satisfaction
 * and awareness, and adding them up), with no world building. "× baseline" is
 * the median wall time of a run, world building included, over the median
 * time of such 104 passes, which excludes it. Then, per mode, the cost
 * exponent: the slope of log time on log households (least squares over the
 * sizes run), fitted on the wall medians and on the CPU medians (steadier on a
 * shared machine).
 *
 *   npx tsx bench/scale-speed.ts [--city] [--sizes 1,15,222] [--repetitions N] [--build DIR]
 *
 * `--build DIR` measures a compiled build (DIR/dist, from `npm run build`)
 * instead of this checkout's source: an older commit's, for a before and after.
 * Repetitions default to 30 for Y and fewer as runs grow (1 for the city); the
 * baseline is timed at least 5 times, with as many passes after each run as
 * that needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpOnRequest } from './arguments.js';
import { type Code, loadCode } from './code.js';
import { machineLine, median } from './median.js';

const modes = ['administrative-led', 'co-production'] as const;
type Mode = (typeof modes)[number];
const householdsPerCommunity = 2253;
const weeks = 104;

/** A street of `communities` copies of Y's community. */
function streetOf(code: Code, communities: number, mode: Mode) {
  return code.scenario.parseScenario({
    name: `${mode}-${communities}`,
    mode,
    weeks,
    world: {
      communities: Array.from({ length: communities }, (_, index) => ({
        name: `Y${index + 1}`,
        households: householdsPerCommunity,
        residents: 6759,
      })),
    },
  });
}

interface Measurement {
  communities: number;
  mode: Mode;
  households: number;
  repetitions: number;
  wallMilliseconds: number;
  cpuMilliseconds: number;
  baselineMilliseconds: number;
  peakResidentMebibytes: number;
  peakHeapMebibytes: number;
}

/** Runs in a child process: one size and mode, measured. */
function measure(code: Code, communities: number, mode: Mode, repetitions: number): Measurement {
  const { runScenario } = code.simulation;
  // The baseline is timed at least this many times in all.
  const baselinePasses = Math.ceil(5 / repetitions);
  // Warm the code on Y first, so a single large run is not timed while it compiles; the baseline's loop too.
  const warmUp = streetOf(code, 1, mode);
  for (let replicate = 0; replicate < 30; replicate++)
    runScenario(warmUp, { replicate: 1000 + replicate, observe: keepHouseholds });
  for (let pass = 0; pass < 3; pass++) baselineMilliseconds(lastHouseholds());
  const scenario = streetOf(code, communities, mode);
  const wall: number[] = [];
  const cpu: number[] = [];
  const baseline: number[] = [];
  for (let replicate = 0; replicate < repetitions; replicate++) {
    // The last run's world dropped, so that no two are held at once.
    kept = undefined;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    // The state kept at each week's end (a reference, nothing copied), for the baseline's passes after the run.
    runScenario(scenario, { replicate, observe: keepHouseholds });
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    for (let pass = 0; pass < baselinePasses; pass++) baseline.push(baselineMilliseconds(lastHouseholds()));
  }
  kept = undefined;
  // One more run, untimed, sampling the heap and typed arrays after each week.
  let peakHeap = 0;
  runScenario(scenario, {
    replicate: repetitions,
    observe: () => {
      const memory = process.memoryUsage();
      peakHeap = Math.max(peakHeap, memory.heapUsed + memory.arrayBuffers);
    },
  });
  const peakResident = process.resourceUsage().maxRSS * 1024;
  return {
    communities,
    mode,
    households: communities * householdsPerCommunity,
    repetitions,
    wallMilliseconds: median(wall),
    cpuMilliseconds: median(cpu),
    baselineMilliseconds: median(baseline),
    peakResidentMebibytes: peakResident / 2 ** 20,
    peakHeapMebibytes: peakHeap / 2 ** 20,
  };
}

type Households = ReturnType<Code['model']['buildWorld']>['households'];
/** The household arrays of the last run observed. */
let kept: Households | undefined;
const keepHouseholds = (state: { households: Households }) => {
  kept = state.households;
};
function lastHouseholds(): Households {
  if (kept === undefined) throw new Error('no run observed');
  return kept;
}

let sink = 0;
/**
 * The least a run's weeks could cost: 104 passes over a world's household
 * arrays, reading trust, satisfaction and awareness and adding them up
 * (milliseconds, once).
 */
function baselineMilliseconds(households: Households): number {
  const { trust, satisfaction, aware, count } = households;
  const started = performance.now();
  for (let week = 0; week < weeks; week++) {
    let trustTotal = 0;
    let satisfactionTotal = 0;
    let awareTotal = 0;
    for (let household = 0; household < count; household++) {
      trustTotal += trust[household] as number;
      satisfactionTotal += satisfaction[household] as number;
      awareTotal += aware[household] as number;
    }
    sink += trustTotal + satisfactionTotal + awareTotal;
  }
  const milliseconds = performance.now() - started;
  if (Number.isNaN(sink)) console.error('');
  return milliseconds;
}

/** Least-squares slope of log y on log x. */
function logLogSlope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const xs = points.map((point) => Math.log(point.x));
  const ys = points.map((point) => Math.log(point.y));
  const meanX = xs.reduce((total, value) => total + value, 0) / xs.length;
  const meanY = ys.reduce((total, value) => total + value, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < xs.length; index++) {
    covariance += ((xs[index] as number) - meanX) * ((ys[index] as number) - meanY);
    variance += ((xs[index] as number) - meanX) ** 2;
  }
  return covariance / variance;
}

function defaultRepetitions(communities: number): number {
  if (communities <= 1) return 30;
  if (communities <= 20) return 5;
  if (communities <= 300) return 2;
  return 1;
}

const usage = 'usage: npx tsx bench/scale-speed.ts [--city] [--sizes 1,15,222] [--repetitions N] [--build DIR]';
helpOnRequest(usage);
/** A message and the usage line, then exit 2. */
function refuse(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}
const argumentsGiven = process.argv.slice(2);
/** The value after `name`, undefined when `name` is not given. */
const option = (name: string) => {
  const index = argumentsGiven.indexOf(name);
  if (index < 0) return undefined;
  const value = argumentsGiven[index + 1];
  if (value === undefined || value.startsWith('--')) refuse(`${name}: expected a value`);
  return value;
};
/** `text` as a whole number ≥ 1, else a message and exit 2. */
const wholeNumber = (text: string, name: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 1)
    refuse(`${name}: expected a whole number ≥ 1, got ${text}`);
  return value;
};
const buildFolder = option('--build');
if (argumentsGiven[0] === '--child') {
  const [, communities, mode, repetitions] = argumentsGiven;
  const code = await loadCode(buildFolder);
  process.stdout.write(`${JSON.stringify(measure(code, Number(communities), mode as Mode, Number(repetitions)))}\n`);
} else {
  const valued = ['--sizes', '--repetitions', '--build'];
  // Every argument is --city, an option or the value after one.
  const unknown = argumentsGiven.filter(
    (argument, index) => argument !== '--city' && !valued.includes(argument) && !valued.includes(argumentsGiven[index - 1] ?? ''),
  );
  if (unknown.length > 0) refuse(`unknown arguments: ${unknown.join(' ')}`);
  if (buildFolder !== undefined && !existsSync(join(buildFolder, 'dist', 'src', 'simulation', 'index.js')))
    refuse(`--build: no compiled build in ${buildFolder}/dist (run \`npm run build\` there first)`);
  const sizes = (option('--sizes') ?? '1,15,222').split(',').map((text) => wholeNumber(text, '--sizes'));
  if (argumentsGiven.includes('--city')) sizes.push(3500);
  const repetitionsGiven = option('--repetitions');
  const repetitionsChosen = repetitionsGiven === undefined ? undefined : wholeNumber(repetitionsGiven, '--repetitions');
  console.log(
    `govsim scale: 104-week runs of streets of Y communities (${householdsPerCommunity} households each)${buildFolder === undefined ? '' : `, build ${buildFolder}`}`,
  );
  console.log(machineLine());
  console.log('');
  console.log(
    'mode                 communities  households  runs   wall ms/run    CPU ms/run  household-weeks/s  peak RSS MiB  peak heap MiB  baseline ms  × baseline',
  );
  const results: Measurement[] = [];
  for (const communities of sizes) {
    for (const mode of modes) {
      const repetitions = repetitionsChosen ?? defaultRepetitions(communities);
      const output = execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          '--child',
          String(communities),
          mode,
          String(repetitions),
          ...(buildFolder === undefined ? [] : ['--build', buildFolder]),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      const result = JSON.parse(output.trim().split('\n').pop() as string) as Measurement;
      results.push(result);
      console.log(
        [
          mode.padEnd(20),
          String(communities).padStart(12),
          result.households.toLocaleString('en').padStart(11),
          String(repetitions).padStart(5),
          result.wallMilliseconds.toFixed(1).padStart(13),
          result.cpuMilliseconds.toFixed(1).padStart(13),
          ((result.households * weeks) / (result.wallMilliseconds / 1000)).toExponential(2).padStart(18),
          result.peakResidentMebibytes.toFixed(0).padStart(13),
          result.peakHeapMebibytes.toFixed(0).padStart(14),
          result.baselineMilliseconds.toFixed(2).padStart(12),
          (result.wallMilliseconds / result.baselineMilliseconds).toFixed(1).padStart(11),
        ].join(' '),
      );
    }
  }
  if (new Set(sizes).size > 1) {
    console.log('');
    for (const mode of modes) {
      const measured = results.filter((result) => result.mode === mode);
      const wallSlope = logLogSlope(measured.map((result) => ({ x: result.households, y: result.wallMilliseconds })));
      const cpuSlope = logLogSlope(measured.map((result) => ({ x: result.households, y: result.cpuMilliseconds })));
      console.log(
        `cost exponent, ${mode}: ${wallSlope.toFixed(2)} on wall time, ${cpuSlope.toFixed(2)} on CPU time (slope of log median time on log households over ${measured.length} sizes)`,
      );
    }
  }
}
