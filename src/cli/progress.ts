/**
 * Progress on long work: a self-updating line with ETA on a terminal, plain
 * log lines (at most one every five seconds, and one at the end) otherwise. Written to stderr so stdout stays clean.
 */
export interface Progress {
  update(done: number): void;
  /**
   * Says that `count` of the work was found done before this session (kept by an interrupted run): it is shown apart
   * and left out of the rate the ETA comes from.
   */
  kept(count: number): void;
  finish(): void;
}

/**
 * A duration for a progress line: `42s`, `8m05s`, `2h07m` (rounded to the whole second first, so 359.6 s reads
 * `6m00s`, never `5m60s`); `?` when not known.
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(Math.max(0, seconds));
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Progress of work with a known total (replicates, draws): done of total and an ETA. */
export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const terminal = stream.isTTY === true;
  let lastLine = started;
  let keptBefore = 0;
  return {
    kept(count: number) {
      keptBefore = count;
    },
    update(done: number) {
      const elapsed = (performance.now() - started) / 1000;
      // The rate is this session's: work kept from before took none of its time.
      const doneNow = done - keptBefore;
      const eta = doneNow > 0 ? (elapsed / doneNow) * (total - done) : Number.NaN;
      const keptText = keptBefore > 0 ? ` (${keptBefore} kept from before)` : '';
      if (terminal) {
        const width = 30;
        const filled = Math.round((width * done) / total);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${keptText} ETA ${formatSeconds(eta)}  `,
        );
      } else {
        // Plain lines for logs: at most one every five seconds, and one at the end.
        const now = performance.now();
        if (done === total || now - lastLine >= 5000) {
          lastLine = now;
          stream.write(
            `${label}: ${done}/${total} done${keptText}, ${formatSeconds(elapsed)} elapsed${done < total ? `, ETA ${formatSeconds(eta)}` : ''}\n`,
          );
        }
      }
    },
    finish() {
      if (terminal) stream.write('\n');
    },
  };
}

/**
 * Where work counted in runs stands: runs done (those found done from an
 * earlier session included), of which reused (found done, so not part of this
 * session's rate), the runs expected when the total is known, and, where it
 * is not (precision mode), the points finished of all points.
 */
export interface RateProgressState {
  done: number;
  reused: number;
  expected: number | undefined;
  points?: { done: number; total: number };
  elapsedSeconds: number;
}

/**
 * One progress line. The rate counts only the runs done in this session, so
 * that a resumed sweep's ETA is not flattered by the runs found done; with a
 * known total: `runs: 240/480 done (120 from before), 12.0/s, ETA 20s`;
 * without one (precision mode): `runs: 340 done, 85.0/s, points 3/12 finished`.
 */
export function rateProgressLine(label: string, state: RateProgressState): string {
  const ranHere = Math.max(0, state.done - state.reused);
  const rate = state.elapsedSeconds > 0 ? ranHere / state.elapsedSeconds : 0;
  const reused = state.reused > 0 ? ` (${state.reused} from before)` : '';
  if (state.expected === undefined) {
    const points = state.points === undefined ? '' : `, points ${state.points.done}/${state.points.total} finished`;
    return `${label}: ${state.done} done${reused}, ${rate.toFixed(1)}/s${points}`;
  }
  const expected = Math.max(state.expected, state.done);
  const remaining = expected - state.done;
  const eta = remaining === 0 ? 0 : rate > 0 ? remaining / rate : Number.NaN;
  return `${label}: ${state.done}/${expected} done${reused}, ${rate.toFixed(1)}/s, ETA ${formatSeconds(eta)}`;
}

/** Progress of work counted in runs, with a rate and, where the total is known, an ETA (see {@link rateProgressLine}). */
export interface RateProgress {
  update(state: RateProgressState): void;
  finish(): void;
}

/**
 * A self-updating progress line on a terminal; plain lines otherwise (at most
 * one every five seconds, and one at the end), on `stream` (default stderr).
 */
export function createRateProgress(label: string, stream: NodeJS.WriteStream = process.stderr): RateProgress {
  const terminal = stream.isTTY === true;
  let lastLine = performance.now();
  let last: RateProgressState | undefined;
  let width = 0;
  const write = (text: string) => {
    // Pad over what a longer line before left on the terminal.
    stream.write(`\r${text.padEnd(width)}`);
    width = Math.max(width, text.length);
  };
  return {
    update(state: RateProgressState) {
      last = state;
      if (terminal) write(rateProgressLine(label, state));
      else if (performance.now() - lastLine >= 5000) {
        lastLine = performance.now();
        stream.write(`${rateProgressLine(label, state)}\n`);
      }
    },
    finish() {
      if (terminal) stream.write('\n');
      else if (last !== undefined) stream.write(`${rateProgressLine(label, last)}\n`);
    },
  };
}
