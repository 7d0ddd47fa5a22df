import { describe, expect, it } from 'vitest';
import { createRateProgress, formatSeconds, rateProgressLine } from '../../src/cli/progress.js';

/** A stand-in for stderr that keeps what is written. */
function fakeStream(terminal: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY: terminal,
    written,
    write: (text: string) => {
      written.push(text);
      return true;
    },
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('rateProgressLine', () => {
  it('counts only the runs of this session in the rate and the ETA, the runs found done apart', () => {
    // A resumed sweep: 400 of 480 runs were found done; 20 more ran in 4 s. The rate is 5/s, not 105/s: 60 left take 12 s.
    expect(rateProgressLine('runs', { done: 420, reused: 400, expected: 480, elapsedSeconds: 4 })).toBe(
      'runs: 420/480 done (400 from before), 5.0/s, ETA 12s',
    );
    expect(rateProgressLine('runs', { done: 120, reused: 0, expected: 480, elapsedSeconds: 10 })).toBe(
      'runs: 120/480 done, 12.0/s, ETA 30s',
    );
    expect(rateProgressLine('runs', { done: 480, reused: 0, expected: 480, elapsedSeconds: 40 })).toBe(
      'runs: 480/480 done, 12.0/s, ETA 0s',
    );
  });

  it('gives no ETA while nothing has run in this session, and minutes past a minute', () => {
    expect(rateProgressLine('runs', { done: 400, reused: 400, expected: 480, elapsedSeconds: 0 })).toBe(
      'runs: 400/480 done (400 from before), 0.0/s, ETA ?',
    );
    expect(rateProgressLine('runs', { done: 100, reused: 0, expected: 1000, elapsedSeconds: 10 })).toBe(
      'runs: 100/1000 done, 10.0/s, ETA 1m30s',
    );
  });

  it('in precision mode, where the total is not known, shows runs done, the rate and the points finished, no ETA', () => {
    const line = rateProgressLine('runs', {
      done: 340,
      reused: 0,
      expected: undefined,
      points: { done: 3, total: 12 },
      elapsedSeconds: 4,
    });
    expect(line).toBe('runs: 340 done, 85.0/s, points 3/12 finished');
    expect(line).not.toContain('ETA');
  });
});

describe('createRateProgress', () => {
  it('rewrites one line on a terminal, padding over a longer line before', () => {
    const stream = fakeStream(true);
    const progress = createRateProgress('runs', stream);
    progress.update({ done: 100, reused: 0, expected: 1000, elapsedSeconds: 10 });
    progress.update({ done: 1000, reused: 0, expected: 1000, elapsedSeconds: 50 });
    progress.finish();
    expect(stream.written).toHaveLength(3);
    expect(stream.written[0]).toBe('\rruns: 100/1000 done, 10.0/s, ETA 1m30s');
    expect(stream.written[1]).toBe(`\rruns: 1000/1000 done, 20.0/s, ETA 0s${' '.repeat(2)}`);
    expect(stream.written.at(-1)).toBe('\n');
  });

  it('writes plain lines elsewhere, at most one every five seconds, and the last state at the end', () => {
    const stream = fakeStream(false);
    const progress = createRateProgress('runs', stream);
    progress.update({ done: 10, reused: 0, expected: 20, elapsedSeconds: 1 });
    progress.update({ done: 20, reused: 0, expected: 20, elapsedSeconds: 2 });
    progress.finish();
    expect(stream.written).toEqual(['runs: 20/20 done, 10.0/s, ETA 0s\n']);
  });
});

describe('formatSeconds', () => {
  it('rounds to the whole second before splitting, so a minute never shows 60 seconds', () => {
    expect(formatSeconds(59.4)).toBe('59s');
    expect(formatSeconds(59.6)).toBe('1m00s');
    expect(formatSeconds(359.6)).toBe('6m00s');
    expect(formatSeconds(539.7)).toBe('9m00s');
    expect(formatSeconds(65)).toBe('1m05s');
  });

  it('gives hours and minutes past an hour, and ? when the time is not known', () => {
    expect(formatSeconds(3599.6)).toBe('1h00m');
    expect(formatSeconds(7625)).toBe('2h07m');
    expect(formatSeconds(Number.NaN)).toBe('?');
    expect(formatSeconds(Number.POSITIVE_INFINITY)).toBe('?');
  });
});
