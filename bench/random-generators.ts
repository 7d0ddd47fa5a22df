/**
 * Nanoseconds per uniform number for seedrandom's generators, the baseline
 * being its default ARC4, measured in the same run. Each generator is timed
 * in its own process (so no generator's call site warms another's), as the
 * median over repeated batches. Run with `npx tsx bench/random-generators.ts`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { Xor4096 } from '../src/core/xor4096.js';
import { helpOnRequest, refuse } from './arguments.js';
import { machineLine, median, time } from './median.js';

const batch = 1_000_000;
const generators: Record<string, () => () => number> = {
  arc4: () => seedrandom('bench'),
  alea: () => seedrandom.alea('bench'),
  xor128: () => seedrandom.xor128('bench'),
  xorwow: () => seedrandom.xorwow('bench'),
  xor4096: () => seedrandom.xor4096('bench'),
  tychei: () => seedrandom.tychei('bench'),
  // govsim's own port of xor4096 on a typed array (src/core/xor4096.ts): the same sequence as xor4096 above.
  'xor4096 (govsim)': () => {
    const generator = new Xor4096('bench');
    return () => generator.uniform();
  },
};

const usage = 'usage: npx tsx bench/random-generators.ts (each generator is timed in a child process given its name)';
helpOnRequest(usage);
const only = process.argv[2];
if (process.argv.length > 3) refuse(`unknown arguments: ${process.argv.slice(3).join(' ')}`, usage);
if (only !== undefined && !Object.hasOwn(generators, only))
  refuse(`unknown argument ${only}: expected none, or a generator's name (${Object.keys(generators).join(', ')})`, usage);
if (only !== undefined) {
  const generator = (generators[only] as () => () => number)();
  let sink = 0;
  const milliseconds = median(
    time(
      () => {
        for (let index = 0; index < batch; index++) sink += generator();
      },
      15,
      2,
    ),
  );
  process.stdout.write(`${(milliseconds * 1e6) / batch} ${sink > 0 ? '' : ' '}\n`);
} else {
  console.log(`seedrandom generators: median ns per number over 15 batches of ${batch.toLocaleString('en')}, one process each`);
  console.log(machineLine());
  let baseline = Number.NaN;
  for (const name of Object.keys(generators)) {
    const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      encoding: 'utf8',
    });
    const nanoseconds = Number.parseFloat(output);
    if (Number.isNaN(baseline)) baseline = nanoseconds;
    const label = name === 'arc4' ? 'arc4 (default; baseline)' : name;
    console.log(
      `${label.padEnd(26)} ${nanoseconds.toFixed(2).padStart(7)} ns   ${(baseline / nanoseconds).toFixed(1).padStart(5)}× the baseline's speed`,
    );
  }
}
