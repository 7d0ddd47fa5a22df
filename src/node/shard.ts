/**
 * A shard of a sweep, a robustness analysis or a city run, and `--shard` as given: a module of its own, so that a
 * command parsing `--shard` loads nothing of the sweeps' machinery.
 */
import { ScenarioError } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';

/** A shard: this machine runs every count-th unit of work from index (every count-th point in precision mode). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `--shard`: "i/n" (0-based), or "slurm" (SLURM_ARRAY_TASK_ID and
 * SLURM_ARRAY_TASK_COUNT), or "k8s" (Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX
 * with the count given as "k8s/n"), or "env" (whichever of those is set).
 */
export function parseShard(text: string, environment: Readonly<Record<string, string | undefined>> = process.env): Shard {
  const fail = (message: string): never => {
    throw new ScenarioError('--shard', [{ path: '', message }], 'shard');
  };
  const make = (index: number, count: number): Shard => {
    // Past 2^53 − 1 a number no longer holds a whole number exactly: 99999999999999999999 would be read as 1e20.
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count))
      fail(`expected whole numbers up to ${Number.MAX_SAFE_INTEGER} (2^53 − 1), got ${text}`);
    if (count < 1 || index < 0 || index >= count)
      fail(
        `expected 0 ≤ index < count, got ${index}/${count}${count >= 1 && index === count ? `: shards are numbered from 0, so ${count === 1 ? 'the one shard is 0/1' : `the ${count} shards are 0/${count} to ${count - 1}/${count}`}` : ''}`,
      );
    return { index, count };
  };
  /** A scheduler's variable as the whole number it must be (`fallback` when it is not set). */
  const variable = (name: string, fallback?: number): number => {
    const value = environment[name];
    if (value === undefined && fallback !== undefined) return fallback;
    if (value === undefined || !/^\d+$/.test(value.trim()))
      return fail(`${name}: expected a whole number ≥ 0, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    if (!Number.isSafeInteger(Number(value)))
      return fail(
        `${name}: expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (2^53 − 1), got ${JSON.stringify(value)}`,
      );
    return Number(value);
  };
  const slurm = () => {
    if (environment.SLURM_ARRAY_TASK_ID === undefined || environment.SLURM_ARRAY_TASK_COUNT === undefined) return undefined;
    // Array indices may start anywhere (SLURM_ARRAY_TASK_MIN) and step by more than one (--array=0-15:2 sets
    // SLURM_ARRAY_TASK_STEP): the shard is the task's position in the array.
    const id = variable('SLURM_ARRAY_TASK_ID');
    const minimum = variable('SLURM_ARRAY_TASK_MIN', 0);
    const step = variable('SLURM_ARRAY_TASK_STEP', 1);
    const count = variable('SLURM_ARRAY_TASK_COUNT');
    const index = (id - minimum) / (step > 0 ? step : 1);
    // An array given as a list (--array=0,1,3,4) has no step to find a task's position by: its range from
    // SLURM_ARRAY_TASK_MIN to _MAX holds more ids than tasks, which every task can see.
    const maximum = environment.SLURM_ARRAY_TASK_MAX === undefined ? undefined : variable('SLURM_ARRAY_TASK_MAX');
    const spanned = maximum === undefined ? count : (maximum - minimum) / (step > 0 ? step : 1) + 1;
    const advice = '--shard slurm takes an array given as a range (--array=a-b or a-b:s); for a list, give each task --shard i/n';
    // Said by what is wrong: of a list's tasks, most are at a whole position below the count, and the span is what
    // gives the list away.
    if (spanned !== count)
      fail(
        `SLURM_ARRAY_TASK_MIN ${minimum} to SLURM_ARRAY_TASK_MAX ${maximum} in steps of SLURM_ARRAY_TASK_STEP ${step} spans ${Number.isInteger(spanned) ? spanned : 'not a whole number of'} ids, not SLURM_ARRAY_TASK_COUNT ${count}, so the array was not given as a range: ${advice}`,
      );
    if (!Number.isInteger(index) || index < 0 || index >= count)
      fail(
        `SLURM_ARRAY_TASK_ID ${id} is not task (ID − SLURM_ARRAY_TASK_MIN ${minimum}) ÷ SLURM_ARRAY_TASK_STEP ${step} of SLURM_ARRAY_TASK_COUNT ${count}: ${advice}`,
      );
    return make(index, count);
  };
  const kubernetes = (count: number) => {
    if (environment.JOB_COMPLETION_INDEX === undefined) return undefined;
    const index = variable('JOB_COMPLETION_INDEX');
    // The index is the Job's, the count the command's: one past the other is said of both, by name.
    if (count >= 1 && index >= count)
      fail(
        `JOB_COMPLETION_INDEX ${index} is not below the count ${count} of k8s/${count}: give the Job's completions as the count`,
      );
    return make(index, count);
  };
  if (text === 'slurm') {
    const unset = ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT'].filter((name) => environment[name] === undefined);
    return (
      slurm() ??
      fail(
        `${unset.join(' and ')} ${unset.length === 1 ? 'is' : 'are'} not set (--shard slurm is for the tasks of an array job: sbatch --array=…)`,
      )
    );
  }
  const k8s = /^k8s\/(\d+)$/.exec(text);
  if (k8s) return kubernetes(Number(k8s[1])) ?? fail('JOB_COMPLETION_INDEX is not set');
  if (text === 'env') {
    return slurm() ?? fail('no scheduler index in the environment (SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT)');
  }
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null) return fail('expected i/n (for example 0/4), slurm, k8s/n or env');
  return make(Number(match[1]), Number(match[2]));
}

/**
 * What a merge says of shards not among its folders, for a message that goes on: "shards 1/4, 3/4 are not among the
 * folders given: run them (or pass their folders), then merge again".
 */
export function missingShardsText(absent: readonly number[], count: number): string {
  const one = absent.length === 1;
  return `shard${one ? '' : 's'} ${absent.map((index) => `${index}/${count}`).join(', ')} ${one ? 'is' : 'are'} not among the folders given: run ${one ? 'it' : 'them'} (or pass ${one ? 'its folder' : 'their folders'}), then merge again`;
}

/** {@link missingShardsText} as the whole of a merge's refusal: "…, then merge again; nothing was written". */
export function missingShardsMessage(absent: readonly number[], count: number): string {
  return `${missingShardsText(absent, count)}; nothing was written`;
}

/**
 * Checks the arguments of a merge ({@link mergeSweeps}, `mergeCityShards`): the shard folders a list of paths, `out`
 * a path, the options none but `known`, `onNote` a function and `command` text.
 * @throws ScenarioError naming the argument (`shard folders`, `out`, `merge options`) and the field
 */
export function checkMergeArguments(directories: unknown, out: unknown, options: unknown, known = ['onNote']): void {
  checkArgumentWith('shard folders', (check) => check.textList(directories, '(top level)', 'a list of folder paths'));
  checkArgumentWith('out', (check) => check.text(out, '(top level)'), 'output folder');
  checkArgumentWith('merge options', (check) => {
    const given = check.options(options, known);
    check.callback(given.onNote, 'onNote');
    check.text(given.command, 'command', true);
  });
}
