/**
 * The name of the file a robustness run keeps its progress in, in a module of its own: the output folder's checks
 * and the folder lock both read it, and the lock is what the checks use (one importing the other's module).
 */

/** The file a robustness run keeps its progress in, inside its output folder. */
export const robustnessProgressFile = 'robustness-progress.jsonl';
