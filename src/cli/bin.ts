#!/usr/bin/env node
/** Entry point of the `govsim` command. */
import { exitWhenWritesAllow } from '../node/atomic-files.js';
import { main } from './main.js';
import { stopNote } from './stop-note.js';

// A reader that stops early (`govsim generate city | head`) closes the pipe: what is left to print goes nowhere, and
// the command still finishes as it would have (its files written, its exit code unchanged), without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
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

process.exitCode = await main(process.argv.slice(2));
