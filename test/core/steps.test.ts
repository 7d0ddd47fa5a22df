/** Computations in steps, run at once or pausing for the event loop. */
import { describe, expect, it } from 'vitest';
import { finishSteps, finishStepsPausing, type PauseOptions, type Steps } from '../../src/core/index.js';
import { ScenarioError } from '../../src/core/problems.js';

/** Counts to `count`, one step a number, then returns the total; `fail` throws at that step instead. */
function* counting(count: number, fail?: number): Steps<number> {
  let total = 0;
  for (let step = 1; step <= count; step++) {
    if (step === fail) throw new RangeError(`step ${step}`);
    total += step;
    yield;
  }
  return total;
}

describe('finishSteps', () => {
  it('runs every step at once and returns the result, or throws what a step threw', () => {
    expect(finishSteps(counting(100))).toBe(5050);
    expect(() => finishSteps(counting(10, 4))).toThrow('step 4');
  });

  it('refuses what is not steps (a finished result, a promise) with an error saying what was expected', () => {
    for (const given of [{ total: 5050 }, Promise.resolve(1), undefined, 5]) {
      expect(() => finishSteps(given as unknown as Steps<number>)).toThrow(ScenarioError);
      expect(() => finishSteps(given as unknown as Steps<number>)).toThrow(
        /steps: invalid steps\n {2}- \(top level\): expected steps \(what runScenarioSteps/,
      );
    }
  });
});

describe('finishStepsPausing', () => {
  it('gives the same result, pausing between steps once the time between pauses has passed', async () => {
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    expect(await finishStepsPausing(counting(100), { everyMilliseconds: 0, pause })).toBe(5050);
    expect(pauses).toBe(100);
    pauses = 0;
    expect(await finishStepsPausing(counting(100), { everyMilliseconds: 60_000, pause })).toBe(5050);
    expect(pauses).toBe(0);
    await expect(finishStepsPausing(counting(10, 4), { everyMilliseconds: 0, pause })).rejects.toThrow('step 4');
  });

  it('refuses what is not steps, and a misspelt or mistyped option, before any step, naming the option', async () => {
    await expect(finishStepsPausing({ total: 5050 } as unknown as Steps<number>)).rejects.toThrow(
      /steps: invalid steps\n {2}- \(top level\): expected steps .*got an object without next\(\)/,
    );
    let stepped = 0;
    function* watched(): Steps<number> {
      stepped++;
      yield;
      return 1;
    }
    const refused: Array<[unknown, RegExp]> = [
      [{ everyMiliseconds: 10 }, /- everyMiliseconds: unknown option \(expected everyMilliseconds, pause\)/],
      [{ everyMilliseconds: -1 }, /- everyMilliseconds: expected a number of milliseconds ≥ 0, got -1/],
      [{ everyMilliseconds: Number.NaN }, /- everyMilliseconds: expected a number of milliseconds ≥ 0, got NaN/],
      [{ everyMilliseconds: '50' }, /- everyMilliseconds: expected a number of milliseconds ≥ 0, got the string "50"/],
      [{ pause: 5 }, /- pause: expected a function, got 5/],
      [null, /- \(top level\): expected an object of options, got null/],
    ];
    for (const [options, message] of refused) {
      const rejection = expect(finishStepsPausing(watched(), options as PauseOptions)).rejects;
      await rejection.toThrow(ScenarioError);
      await expect(finishStepsPausing(watched(), options as PauseOptions)).rejects.toThrow(message);
    }
    expect(stepped).toBe(0);
  });

  it('lets timers and I/O in during long steps, by default every 50 ms', async () => {
    /** Steps of a millisecond each, busy, for about 400 ms. */
    function* busy(): Steps<number> {
      for (let step = 0; step < 400; step++) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield;
      }
      return 400;
    }
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      expect(await finishStepsPausing(busy())).toBe(400);
    } finally {
      clearInterval(timer);
    }
    // Run at once, the steps would let no tick in.
    expect(ticks).toBeGreaterThanOrEqual(2);
  });
});
