/**
 * Whether a `govsim run` process lets V8's optimising compilers work. A short
 * run is over before TurboFan's compiles pay for themselves: run as a whole
 * process, a run of the Y community (2,253 households × 104 weeks) spends
 * about a quarter of its CPU time compiling functions that then run for a few
 * milliseconds, on background threads that compete with the run on a small
 * machine. Kept at V8's baseline tier (Sparkplug), such a run takes less CPU
 * time and no more wall time; a longer one needs the optimised code. Measured
 * with `npx tsx bench/cli-process.ts` on Node 20: see docs/performance.md.
 *
 * The outputs are the same bytes either way: every tier runs the same
 * JavaScript with the same arithmetic (tested).
 */
import { setFlagsFromString } from 'node:v8';

/**
 * A run of at most this many household-weeks (households × weeks) is short. Measured on Node 20 (2-core AMD EPYC),
 * a whole `govsim run` process at the baseline tier took less CPU time at every size tried but the largest (a street
 * of 28 communities), and less wall time up to about 360,000 household-weeks (the Y community over 160 weeks); at
 * 450,000 and beyond it took as much wall time or more. The bound stays below that crossing.
 */
export const shortRunHouseholdWeeks = 300_000;

/**
 * A run of more than this many community-weeks (communities × weeks) is not short, whatever its households: a street
 * of many small communities spends its time on their projects and the departments, not on households. Measured as
 * above (whole processes, CPU time, administrative-led, 104 weeks): 100 communities of 100 households took 1.16 s at
 * the baseline tier against 1.63 s with every tier, 300 of one household 3.6 s against 3.3 s, 1,000 of one household
 * 35.8 s against 12.9 s.
 */
export const shortRunCommunityWeeks = 10_000;

/**
 * Whether a run of `households` households in `communities` communities over `weeks` weeks is short
 * ({@link shortRunHouseholdWeeks}, {@link shortRunCommunityWeeks}).
 */
export function isShortRun(households: number, weeks: number, communities = 1): boolean {
  return households * weeks <= shortRunHouseholdWeeks && communities * weeks <= shortRunCommunityWeeks;
}

/** V8 options that choose its tiers: given to Node by the user, they are left as given. */
const tierOptions = /^--(no-)?(max-opt|opt|turbofan|maglev|sparkplug|jitless|always-sparkplug)\b/;

/**
 * Whether this process may be kept at the baseline tier: on Node 20 (V8 11), where the trade-off was measured and
 * V8's `--max-opt` is known, and when Node was not started with an option of its own choosing the tiers.
 */
export function mayForgoOptimisingCompiler(
  v8Version: string = process.versions.v8,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  const major = Number.parseInt(v8Version, 10);
  return major === 11 && !execArgv.some((option) => tierOptions.test(option));
}

/**
 * Keeps the functions this process compiles from now on at V8's baseline tier (`--max-opt=1`), where
 * {@link mayForgoOptimisingCompiler} allows; returns whether it did. For a whole process only: the setting holds
 * for everything the process runs afterwards.
 */
export function forgoOptimisingCompiler(): boolean {
  if (!mayForgoOptimisingCompiler()) return false;
  setFlagsFromString('--max-opt=1');
  return true;
}
