/**
 * The shipped screening experiment (experiments/assumptions-sensitivity.json),
 * generated from the scenario schema so that it follows the schema as
 * parameters come and go: one Morris factor per assumption ([A] parameter of
 * the world or the mechanisms) that has a plausible range, over that range,
 * rounded to whole numbers where the schema takes only whole numbers. The
 * file is written by `govsim assumptions-experiment` (`npm run experiments`);
 * a test checks that it matches.
 */
import { type ParameterExtension, parameterRows } from '../scenario/index.js';
import type { Contrast } from './experiment.js';

/** Where the generated experiment is shipped, relative to the package root. */
export const assumptionsExperimentFile = 'experiments/assumptions-sensitivity.json';

/** The base scenario of the shipped screening, as a path from its file's folder (experiments/). */
export const assumptionsExperimentBase = '../scenarios/y-community-co-production.json';

/** A factor of the screening as written in the file. */
export interface ScreeningFactor {
  path: string;
  range: [number, number];
  integer?: true;
}

/**
 * The factors of the screening: every [A] parameter under `world.` or
 * `parameters.` with a plausible range, in schema order, then those of
 * `extensions` (under `extensions.<name>.`); a community's parameters are
 * set on the first community.
 * @throws ScenarioError (source "extensions") when `extensions` is not a list of extensions, such as a model's
 *   `extensions` (the model itself, say)
 */
export function assumptionFactors(extensions: readonly ParameterExtension[] = []): ScreeningFactor[] {
  return parameterRows(extensions)
    .filter((row) => row.basis === 'A' && row.plausibleRange !== null)
    .filter((row) => ['world.', 'parameters.', 'extensions.'].some((prefix) => row.path.startsWith(prefix)))
    .map((row) => ({
      path: row.path.replaceAll('[]', '[0]'),
      range: [...(row.plausibleRange as readonly [number, number])] as [number, number],
      ...(row.integer ? { integer: true as const } : {}),
    }));
}

/**
 * How the assumptions are sampled: Morris trajectories (the shipped screen: 10 trajectories on 4 levels), or a Latin
 * hypercube of `samples` points, whose contrast `govsim analyze` ranks by partial rank correlation (PRCC needs more
 * points than factors: at least factors + 2).
 */
export type AssumptionsDesign = { type: 'morris' } | { type: 'latin-hypercube'; samples: number };

/** Where {@link assumptionsSensitivityExperiment} points its base and model module, and how it samples. */
export interface AssumptionsExperimentOptions {
  /**
   * The base scenario, as a path from the folder the experiment file is in (default {@link assumptionsExperimentBase},
   * the shipped file's own).
   */
  base?: string;
  /**
   * The experiment file's schema, as a path from the folder the file is in (default `./experiment.schema.json`, the
   * shipped file's, beside it).
   */
  schema?: string;
  /**
   * A model module with extensions: its path from the experiment file's folder (the experiment's `model` field), and
   * its extensions, whose assumptions with a plausible range are screened too.
   */
  model?: { path: string; extensions: readonly ParameterExtension[] };
  /** Default Morris, as shipped. */
  design?: AssumptionsDesign;
}

/**
 * The assumptions-sensitivity experiment, as its file holds it (before defaults are filled): the shipped one
 * (experiments/assumptions-sensitivity.json) without options.
 * @throws ScenarioError (source "extensions") as {@link assumptionFactors} does, for a model whose extensions are not
 *   a list of extensions
 */
export function assumptionsSensitivityExperiment(options: AssumptionsExperimentOptions = {}): Record<string, unknown> {
  const factors = assumptionFactors(options.model?.extensions);
  const contrast: Contrast = { from: 'administrative-led', to: 'co-production' };
  const extended = options.model === undefined ? '' : ' and the extensions of the model module';
  const design = options.design ?? { type: 'morris' };
  const latin = design.type === 'latin-hypercube';
  return {
    $schema: options.schema ?? './experiment.schema.json',
    name: latin ? 'assumptions-sensitivity-lhs' : 'assumptions-sensitivity',
    description:
      `${latin ? `A Latin hypercube of ${design.samples} points, read by partial rank correlation (PRCC),` : 'Morris screening'} of every assumption ([A] parameter) of the world${options.model === undefined ? ' and' : ','} the mechanisms${extended} with a plausible range — ${factors.length} of them — over that range (the switch rule's and the pause length, which apply only where the mode changes, are left out), ` +
      'on the Y community under both modes on common seeds: which assumptions move the outcomes, and which move the difference ' +
      'co-production makes (the contrast co-production − administrative-led). Generated from the scenario schema by ' +
      `${options.base === undefined && options.model === undefined && !latin ? '`npm run experiments`' : '`govsim assumptions-experiment`'}; do not edit by hand.`,
    base: options.base ?? assumptionsExperimentBase,
    ...(options.model === undefined ? {} : { model: options.model.path }),
    design: latin
      ? { type: 'latin-hypercube', samples: design.samples, factors }
      : { type: 'morris', trajectories: 10, levels: 4, factors },
    variants: [
      { label: 'administrative-led', set: { mode: 'administrative-led' } },
      { label: 'co-production', set: { mode: 'co-production' } },
    ],
    contrasts: [contrast],
    replicates: 3,
    metrics: ['satisfaction.end', 'load.staffPeak', 'load.staffMean', 'duplication.wasteShare', 'idling.idleShare', 'trust.end'],
  };
}
