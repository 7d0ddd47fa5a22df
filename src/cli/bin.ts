#!/usr/bin/env node
/** Entry point of the `govsim` command. */
import { exitWhenWritesAllow } from '../node/atomic-files.js';
import { describeSystemError, isSystemError, namingPath, type SystemError } from '../node/system-error.js';
import { forgoOptimisingCompiler } from './compiler-tier.js';
import { exitOutputError, main } from './main.js';
import { stopNote } from './stop-note.js';

// A reader that stops early (`govsim generate city | head`) closes the pipe: what is left to print goes nowhere, and
// the command still finishes as it would have (its files written, its exit code unchanged), without a stack trace.
// Any other failure to print (a full disk, `> /dev/full`, an I/O error) is an I/O failure like a file's: one line
// naming the stream, exit code 3, the command stopped as a signal stops it (no temporary file left behind).
for (const [stream, name] of [
  [process.stdout, 'standard output'],
  [process.stderr, 'standard error'],
] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    if (stream === process.stdout) {
      const reason = isSystemError(error)
        ? describeSystemError(namingPath(error, name) as SystemError)
        : `cannot write ${name}: ${error.message}`;
      process.stderr.write(`govsim: ${reason}\n`);
    }
    exitWhenWritesAllow(exitOutputError);
  });
}

// Stopped by Ctrl-C or SIGTERM, a command leaves no temporary file behind, lets a write of several files that is
// renaming them into place finish first (a report is all old or all new), and releases a held lock on exit. A command
// that handles the signal itself (explore, stopping its server) listens too, and is left to do so.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    const note = stopNote();
    if (note !== undefined) process.stderr.write(`\n${note}\n`);
    exitWhenWritesAllow(code);
  });
}

// A short run is over before V8's optimising compilers pay for themselves: this process keeps to the baseline tier.
process.exitCode = await main(process.argv.slice(2), undefined, { beforeShortRun: forgoOptimisingCompiler });
