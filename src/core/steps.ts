/**
 * Long computations written once, as generators that yield between their steps (a week of a run, a replicate of a
 * comparison), and driven either at once ({@link finishSteps}: what `runScenario` and `compareScenarios` do) or
 * pausing now and then for the event loop ({@link finishStepsPausing}): so that a command line answers Ctrl-C during a
 * run of minutes, and a page stays responsive. Pausing changes nothing but when the steps run: the same steps in the
 * same order, the same bytes.
 */

/** A computation in steps: a generator that yields (nothing) between steps and returns the result. */
export type Steps<T> = Generator<undefined, T, undefined>;

/** Runs `steps` to the end at once and returns their result. */
export function finishSteps<T>(steps: Steps<T>): T {
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

/**
 * Runs `steps` to the end, pausing between two steps whenever they have run for `everyMilliseconds` since the last
 * pause, so that timers, I/O and signals (Ctrl-C) are handled meanwhile; resolves to their result, or rejects with
 * what they threw.
 * @example
 * const comparison = await finishStepsPausing(compareScenariosSteps(a, b, { replicates: 3000 }));
 */
export async function finishStepsPausing<T>(steps: Steps<T>, options: PauseOptions = {}): Promise<T> {
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
