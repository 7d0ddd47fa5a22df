/**
 * What a command stopped by Ctrl-C or SIGTERM says on its way out: a command that keeps its finished work (a sweep's
 * units, a robustness run's draws) names where it is and how to finish, rather than ending in silence.
 */
let note: string | (() => string | undefined) | undefined;

/**
 * Sets the line said when the command is stopped by a signal (undefined: nothing to say), or a function that writes it
 * when the signal comes, from what is on disk then (the draws kept, if any).
 */
export function setStopNote(text: string | (() => string | undefined) | undefined): void {
  note = text;
}

/** The line to say when stopped by a signal, if the command set one. */
export function stopNote(): string | undefined {
  return typeof note === 'function' ? note() : note;
}
