#!/usr/bin/env node
/** Entry point of the `govsim` command. */
import { main } from './main.js';

// A reader that stops early (`govsim generate city | head`) closes the pipe: what is left to print goes nowhere, and
// the command still finishes as it would have (its files written, its exit code unchanged), without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
