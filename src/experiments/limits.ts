/**
 * The limits of experiments and sweeps, in a module of their own: the command line states them in its help and
 * checks options against them without loading the machinery that plans and runs sweeps.
 */

/**
 * Hard limits of an experiment file. They keep a design from hanging or
 * exhausting memory while it is planned, before the run budget (estimated
 * time and memory, see plan.ts) is even computed.
 */
export const experimentLimits = {
  /** Replicates per point and variant (also a precision maximum). */
  replicates: 100_000,
  /** Latin-hypercube and Saltelli samples, Morris trajectories. */
  samples: 1_000_000,
  /** Steps of a range factor in a factorial design. */
  steps: 10_000,
  /** Values of a list factor. */
  values: 10_000,
  /**
   * Factors of a design. A Saltelli design of k factors takes 2k dimensions of the Sobol' sequence, which embeds 2,000
   * (sobol-direction-numbers.ts): a higher limit needs more of them.
   */
  factors: 1_000,
  /** Variants every point runs under. */
  variants: 100,
  /** Metrics kept per run. */
  metrics: 1_000,
} as const;

/**
 * Limits on what a sweep may plan. `scenarios` (points × variants, × streets
 * for a city base) is a hard limit: every planned scenario is validated
 * before anything runs, and but for a city base held in memory. The budget is what a sweep may cost
 * without `--force`: a run count and CPU time past it are far more than a
 * laptop should start by accident, and usually a typo (replicates 1e6).
 */
export const sweepLimits = {
  /** Points × variants (× streets, for a city base) validated while planning; past it, split the experiment. */
  scenarios: 1_000_000,
  /** Without force: points × variants (× streets, for a city base). */
  budgetScenarios: 200_000,
  /** Without force: estimated CPU hours over all runs (all cores together). */
  budgetCpuHours: 24,
  /** Without force: estimated memory of one run, in bytes (each worker holds one). */
  budgetRunBytes: 4 * 1024 ** 3,
} as const;
