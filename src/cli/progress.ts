/**
 * Progress on long work: a self-updating line with ETA on a terminal, plain
 * log lines (at most one every five seconds, and one at the end) otherwise. Written to stderr so stdout stays clean.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const terminal = stream.isTTY === true;
  let lastLine = started;
  return {
    update(done: number) {
      const elapsed = (performance.now() - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
      if (terminal) {
        const width = 30;
        const filled = Math.round((width * done) / total);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ETA ${formatSeconds(eta)}  `,
        );
      } else {
        // Plain lines for logs: at most one every five seconds, and one at the end.
        const now = performance.now();
        if (done === total || now - lastLine >= 5000) {
          lastLine = now;
          stream.write(
            `${label}: ${done}/${total} done, ${formatSeconds(elapsed)} elapsed${done < total ? `, ETA ${formatSeconds(eta)}` : ''}\n`,
          );
        }
      }
    },
    finish() {
      if (terminal) stream.write('\n');
    },
  };
}

/** Progress of work with an expected total that may grow: done, rate per second and ETA. */
export interface RateProgress {
  update(done: number, expected: number): void;
  finish(): void;
}

export function createRateProgress(label: string, stream: NodeJS.WriteStream = process.stderr): RateProgress {
  const started = performance.now();
  const terminal = stream.isTTY === true;
  let lastLine = started;
  let last = { done: 0, expected: 0 };
  const line = () => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? last.done / elapsed : 0;
    const eta = rate > 0 ? (last.expected - last.done) / rate : Number.NaN;
    return `${label}: ${last.done}/${last.expected} done, ${rate.toFixed(1)}/s, ETA ${formatSeconds(Math.max(0, eta))}`;
  };
  return {
    update(done: number, expected: number) {
      last = { done, expected: Math.max(expected, done) };
      if (terminal) stream.write(`\r${line()}   `);
      else if (performance.now() - lastLine >= 5000) {
        lastLine = performance.now();
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      stream.write(terminal ? '\n' : `${line()}\n`);
    },
  };
}
