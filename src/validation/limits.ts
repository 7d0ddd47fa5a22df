/**
 * The limits of validation's analyses, in a module of their own: the command line states them in its help and checks
 * options against them without loading the facts and their analyses.
 */

/** How many Latin-hypercube draws a robustness analysis may have: `govsim robustness --samples` takes as many. */
export const robustnessSampleLimits = { minimum: 2, maximum: 100_000 } as const;
