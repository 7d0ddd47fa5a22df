/**
 * How a 104-week run's cost grows with the street: Y alone, a street, a
 * district — and, with `--city`, a city of 3,500 communities — each of
 * copies of Y's community (2,253 households), under both modes.
 *
 * For each size and mode, in a process of its own (so memory is its own):
 * the median wall and CPU time of a run, household-weeks per second, the
 * peak resident memory of the process (and the peak of the JavaScript heap
 * plus typed arrays, sampled after each week), and a baseline measured in the
 * same process: 104 weekly passes over the same world's household arrays doing
 * the least a week needs (reading each household's trust, satisfaction and
 * awareness, and adding them up), with govsim's time as a multiple of it.
 * Then, per mode, the cost exponent: the slope of log time on log households
 * (least squares over the sizes run).
 *
 *   npx tsx bench/scale-speed.ts [--city] [--sizes 1,15,222] [--repetitions N] [--build DIR]
 *
 * `--build DIR` measures a compiled build (DIR/dist, from `npm run build`)
 * instead of this checkout's source: an older commit's, for a before and after.
 * Repetitions default to 30 for Y and fewer as runs grow (1 for the city).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
  peakResidentMegabytes: number;
  peakHeapMegabytes: number;
}

/** Runs in a child process: one size and mode, measured. */
function measure(code: Code, communities: number, mode: Mode, repetitions: number): Measurement {
  const { runScenario } = code.simulation;
  // Warm the code on Y first, so a single large run is not timed while it compiles.
  const warmUp = streetOf(code, 1, mode);
  for (let replicate = 0; replicate < 30; replicate++) runScenario(warmUp, { replicate: 1000 + replicate });
  const scenario = streetOf(code, communities, mode);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let replicate = 0; replicate < repetitions; replicate++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    runScenario(scenario, { replicate });
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
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
  const baseline = baselineMilliseconds(code, scenario, Math.max(5, repetitions));
  return {
    communities,
    mode,
    households: communities * householdsPerCommunity,
    repetitions,
    wallMilliseconds: median(wall),
    cpuMilliseconds: median(cpu),
    baselineMilliseconds: baseline,
    peakResidentMegabytes: peakResident / 2 ** 20,
    peakHeapMegabytes: peakHeap / 2 ** 20,
  };
}

/**
 * The least a run's weeks could cost: 104 passes over the built world's
 * household arrays, reading trust, satisfaction and awareness and adding them
 * up (median over `repetitions`, the world built once, not timed).
 */
function baselineMilliseconds(code: Code, scenario: ReturnType<typeof streetOf>, repetitions: number): number {
  const { households } = code.model.buildWorld(scenario, code.core.createRandomSource(1));
  const { trust, satisfaction, aware, count } = households;
  const timings: number[] = [];
  let sink = 0;
  for (let repetition = -2; repetition < repetitions; repetition++) {
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
    // The first two passes warm the loop up.
    if (repetition >= 0) timings.push(performance.now() - started);
  }
  if (Number.isNaN(sink)) console.error('');
  return median(timings);
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

const argumentsGiven = process.argv.slice(2);
const option = (name: string) => {
  const index = argumentsGiven.indexOf(name);
  return index >= 0 ? argumentsGiven[index + 1] : undefined;
};
const buildFolder = option('--build');
if (argumentsGiven[0] === '--child') {
  const [, communities, mode, repetitions] = argumentsGiven;
  const code = await loadCode(buildFolder);
  process.stdout.write(`${JSON.stringify(measure(code, Number(communities), mode as Mode, Number(repetitions)))}\n`);
} else {
  const sizes = (option('--sizes') ?? '1,15,222').split(',').map(Number);
  if (argumentsGiven.includes('--city')) sizes.push(3500);
  const repetitionsGiven = option('--repetitions');
  console.log(
    `govsim scale: 104-week runs of streets of Y communities (${householdsPerCommunity} households each)${buildFolder === undefined ? '' : `, build ${buildFolder}`}`,
  );
  console.log(machineLine());
  console.log('');
  console.log(
    'mode                 communities  households  runs   wall ms/run    CPU ms/run  household-weeks/s  peak RSS MB  peak heap MB  baseline ms  × baseline',
  );
  const results: Measurement[] = [];
  for (const communities of sizes) {
    for (const mode of modes) {
      const repetitions = repetitionsGiven === undefined ? defaultRepetitions(communities) : Number(repetitionsGiven);
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
          result.peakResidentMegabytes.toFixed(0).padStart(12),
          result.peakHeapMegabytes.toFixed(0).padStart(13),
          result.baselineMilliseconds.toFixed(2).padStart(12),
          (result.wallMilliseconds / result.baselineMilliseconds).toFixed(1).padStart(11),
        ].join(' '),
      );
    }
  }
  if (sizes.length > 1) {
    console.log('');
    for (const mode of modes) {
      const points = results
        .filter((result) => result.mode === mode)
        .map((result) => ({ x: result.households, y: result.wallMilliseconds }));
      console.log(
        `cost exponent, ${mode}: ${logLogSlope(points).toFixed(2)} (slope of log wall time on log households over ${points.length} sizes)`,
      );
    }
  }
}
