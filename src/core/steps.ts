/**
 * Long computations written once, as generators that yield between their steps (a week of a run, a replicate of a
 * comparison), and driven either at once ({@link finishSteps}: what `runScenario` and `compareScenarios` do) or
 * pausing now and then for the event loop ({@link finishStepsPausing}): so that a command line answers Ctrl-C during a
 * run of minutes, and a page stays responsive. Pausing changes nothing but when the steps run: the same steps in the
 * same order, the same bytes.
 */

import { givenValue, ScenarioError, type ScenarioProblem } from './problems.js';

/** A computation in steps: a generator that yields (nothing) between steps and returns the result. */
export type Steps<T> = Generator<undefined, T, undefined>;

/**
 * Refuses what is not steps (a generator, such as `runScenarioSteps` returns), for callers in plain JavaScript that
 * pass the result of `runScenario` or a promise instead.
 * @throws ScenarioError (source "steps") saying what was given
 */
function checkSteps(steps: unknown): void {
  if (steps !== null && typeof steps === 'object' && typeof (steps as { next?: unknown }).next === 'function') return;
  const given =
    steps !== null && typeof steps === 'object' && !Array.isArray(steps) ? 'an object without next()' : givenValue(steps);
  throw new ScenarioError(
    'steps',
    [
      {
        path: '(top level)',
        message: `expected steps (what runScenarioSteps and the other …Steps functions return), got ${given}`,
      },
    ],
    'steps',
  );
}

/**
 * Runs `steps` to the end at once and returns their result.
 * @throws ScenarioError (source "steps") when `steps` is not steps (a generator); else what a step threw
 */
export function finishSteps<T>(steps: Steps<T>): T {
  checkSteps(steps);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** How {@link finishStepsPausing} pauses. */
export interface PauseOptions {
  /** The longest time, in milliseconds, the steps run without a pause (default 50). */
  everyMilliseconds?: number;
  /** A pause: resolves once the event loop has run (default: a macrotask, setImmediate where there is one). */
  pause?: () => Promise<void>;
}

/** A macrotask: setImmediate where the platform has it (Node), else a timer of 0 ms (a browser). */
function nextMacrotask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => {
    if (immediate === undefined) setTimeout(resolve, 0);
    else immediate(resolve);
  });
}

/** The options {@link finishStepsPausing} takes. */
const pauseOptionNames = ['everyMilliseconds', 'pause'];

/**
 * Refuses pause options that are not an object, hold a key other than `everyMilliseconds` and `pause` (a misspelt
 * one would be left out without a word, its default used), or give `everyMilliseconds` as anything but a number
 * from 0 or `pause` as anything but a function.
 * @throws ScenarioError (source "pause options") naming each option that does not fit
 */
function checkPauseOptions(options: unknown): void {
  const problems: ScenarioProblem[] = [];
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    problems.push({ path: '(top level)', message: `expected an object of options, got ${givenValue(options)}` });
  else {
    const given = options as Record<string, unknown>;
    for (const key of Object.keys(given))
      if (!pauseOptionNames.includes(key))
        problems.push({ path: key, message: `unknown option (expected ${pauseOptionNames.join(', ')})` });
    const every = given.everyMilliseconds;
    if (every !== undefined && (typeof every !== 'number' || !(every >= 0) || every === Number.POSITIVE_INFINITY))
      problems.push({ path: 'everyMilliseconds', message: `expected a number of milliseconds ≥ 0, got ${givenValue(every)}` });
    if (given.pause !== undefined && typeof given.pause !== 'function')
      problems.push({ path: 'pause', message: `expected a function, got ${givenValue(given.pause)}` });
  }
  if (problems.length > 0) throw new ScenarioError('pause options', problems, 'pause options');
}

/**
 * Runs `steps` to the end, pausing between two steps whenever they have run for `everyMilliseconds` since the last
 * pause, so that timers, I/O and signals (Ctrl-C) are handled meanwhile; resolves to their result, or rejects with
 * what they threw.
 * @throws ScenarioError (as a rejection, before any step) when `steps` is not steps (a generator), or an option is
 *   unknown or not of its type (source "pause options", naming the option)
 * @example
 * const comparison = await finishStepsPausing(compareScenariosSteps(a, b, { replicates: 3000 }));
 */
export async function finishStepsPausing<T>(steps: Steps<T>, options: PauseOptions = {}): Promise<T> {
  checkSteps(steps);
  checkPauseOptions(options);
  const every = options.everyMilliseconds ?? 50;
  const pause = options.pause ?? nextMacrotask;
  let paused = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - paused < every) continue;
    await pause();
    paused = performance.now();
  }
}
