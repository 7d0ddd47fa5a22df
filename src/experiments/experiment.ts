/**
 * Experiment files: what a sweep varies, how, and what it keeps. Validated
 * by {@link experimentSchema} (exported as JSON Schema like scenarios).
 *
 * The base is a scenario or a city (a city file, told apart by its
 * `districts`: every run is then a whole city run, see plan.ts). A factor
 * is a scenario path (`parameters.staff.routineLoad`, `mode.participation`,
 * `world.communities[0].sites`; for a city, a path of its base scenario)
 * with a list of values or a range. The design turns factors into points: a
 * full factorial grid of lists (a range becomes `steps` evenly spaced
 * values), a Latin hypercube, Morris trajectories, or Saltelli samples for
 * Sobol indices. Every point runs under
 * each variant (e.g. modes to pair) for each replicate. Contrasts name the
 * paired differences between variants whose sensitivity `analyze` screens
 * (see contrasts.ts).
 */
import * as z from 'zod';
import { isRecord } from '../core/index.js';
import { inputProblems, oneLineText, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { factorValues, wholeNumberRange } from './designs.js';
import { experimentLimits } from './limits.js';

const pathSchema = z
  .string()
  .regex(
    /^[A-Za-z$][\w$-]*(\[\d+\])?(\.[A-Za-z$][\w$-]*(\[\d+\])?)*$/,
    'expected a dotted path such as parameters.staff.routineLoad or extensions.my-extension.rate',
  )
  .meta({ description: 'Path into the scenario, e.g. parameters.staff.routineLoad or world.communities[0].sites.' });

const replicateCount = z
  .number()
  .int()
  .min(1)
  .max(experimentLimits.replicates, `expected at most ${experimentLimits.replicates} replicates`);

const sampleCount = z.number().int().min(2).max(experimentLimits.samples, `expected at most ${experimentLimits.samples} samples`);

function factorList<T extends z.ZodType>(factor: T) {
  return z.array(factor).min(1).max(experimentLimits.factors, `expected at most ${experimentLimits.factors} factors`);
}

const valueSchema = z.union([z.number().finite(), oneLineText, z.boolean()]);

export const listFactorSchema = z
  .object({
    path: pathSchema,
    values: z
      .array(valueSchema)
      .min(1)
      .max(experimentLimits.values, `expected at most ${experimentLimits.values} values`)
      .meta({ description: 'The values to take, all of one type (numbers, text or true/false).' })
      .superRefine((values, context) => {
        const types = new Set(values.map((value) => typeof value));
        if (types.size > 1)
          context.addIssue({
            code: 'custom',
            message: `expected values of one type, got ${[...types].sort().join(' and ')}`,
          });
        const seen = new Set<unknown>();
        values.forEach((value, index) => {
          if (seen.has(value))
            context.addIssue({
              code: 'custom',
              path: [index],
              message: `expected distinct values: ${JSON.stringify(value)} is repeated`,
            });
          seen.add(value);
        });
      }),
  })
  .strict();

export const rangeFactorSchema = z
  .object({
    path: pathSchema,
    range: z
      .tuple([z.number(), z.number()])
      .refine(([low, high]) => high > low, 'expected [low, high] with high > low')
      .meta({
        description:
          '[low, high]: the values the factor takes lie in this range, both ends within what the scenario schema accepts at the path.',
      }),
    steps: z
      .number()
      .int()
      .min(2)
      .max(experimentLimits.steps, `expected at most ${experimentLimits.steps} steps`)
      .optional()
      .meta({ description: 'In a factorial design: this many evenly spaced values.' }),
    integer: z.boolean().default(false).meta({
      description:
        'Whole numbers only: a drawn value (Latin hypercube, Saltelli) is one of the whole numbers of the range, each as likely; a grid value (steps, Morris levels) is rounded to the nearest of them.',
    }),
  })
  .strict()
  .refine((factor) => !factor.integer || Math.ceil(factor.range[0]) <= Math.floor(factor.range[1]), {
    message: 'expected a range holding a whole number (the factor is integer)',
    path: ['range'],
  });

export const factorSchema = z.union([listFactorSchema, rangeFactorSchema]);

/** A factorial design's factors: list or range factors. */
const anyFactors = factorList(factorSchema).meta({
  description: 'What varies: each a scenario path with a list of `values`, or a `range` (with `steps` in a factorial design).',
});
/** The factors of a design that draws inside ranges (Latin hypercube, Morris, Saltelli). */
const rangeFactors = factorList(rangeFactorSchema).meta({
  description: 'What varies: each a scenario path with a `range` [low, high].',
});

/**
 * How an experiment's k factors become points, by `type`: `factorial` (every combination of list values and range
 * steps), `latin-hypercube` (`samples` points), `morris` (`trajectories` × (k + 1) points on a grid of `levels`, an
 * even number, default 4) or `saltelli` (`samples` × (k + 2) points, for Sobol indices, its matrices A and B from a
 * 2k-dimensional Sobol' sequence, best with `samples` a power of 2); all but factorial take range factors only.
 */
export const designSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('factorial').meta({ description: 'Every combination of the list values and range steps.' }),
      factors: anyFactors,
    })
    .strict(),
  z
    .object({
      type: z.literal('latin-hypercube').meta({ description: 'A Latin hypercube of `samples` points over the ranges.' }),
      samples: sampleCount.meta({ description: 'Points drawn.' }),
      factors: rangeFactors,
    })
    .strict(),
  z
    .object({
      type: z
        .literal('morris')
        .meta({ description: 'Morris screening: `trajectories` × (factors + 1) points on a grid of `levels`.' }),
      trajectories: z
        .number()
        .int()
        .min(2)
        .max(experimentLimits.samples, `expected at most ${experimentLimits.samples} trajectories`)
        .meta({ description: 'Morris trajectories, each moving one factor at a time.' }),
      levels: z
        .number()
        .int()
        .min(2)
        .max(100, 'expected at most 100 levels')
        .default(4)
        .refine((levels) => levels % 2 === 0, 'expected an even number of levels')
        .meta({ description: 'Grid levels of each range (an even number).' }),
      factors: rangeFactors,
    })
    .strict(),
  z
    .object({
      type: z.literal('saltelli').meta({ description: 'Saltelli samples for Sobol indices: `samples` × (factors + 2) points.' }),
      samples: sampleCount.meta({
        description:
          "Base samples N (rows of each Saltelli matrix, the first N points of a Sobol' sequence). Best a power of 2 (512, 1024, 4096 …): the sequence's balance is exact there.",
      }),
      factors: rangeFactors,
    })
    .strict(),
]);

export const variantSchema = z
  .object({
    label: oneLineText.meta({ description: 'Name of the variant in tables: one line, unique within the experiment.' }),
    set: z.record(pathSchema, z.unknown()).meta({ description: 'Path → value set for this variant.' }),
  })
  .strict();

/** A contrast of an experiment file: the paired difference `to` − `from` between two variants, by label, on common seeds. */
export const contrastSchema = z
  .object({
    from: z.string().min(1).meta({ description: 'Label of the variant subtracted (e.g. administrative-led).' }),
    to: z.string().min(1).meta({ description: 'Label of the variant it is subtracted from (e.g. co-production).' }),
  })
  .strict()
  .meta({ description: 'The paired difference to − from, on common seeds.' });

export const precisionSchema = z
  .object({
    metrics: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: 'Metrics (among those kept) whose intervals must be this narrow.' }),
    halfWidth: z.number().positive().meta({ description: 'Target half-width of each metric’s 95% interval of the mean.' }),
    batchReplicates: replicateCount
      .min(2)
      .default(10)
      .meta({ description: 'Replicates added to a point at a time until it is precise enough.' }),
    maxReplicates: replicateCount
      .min(2)
      .default(500)
      .meta({ description: 'Most replicates a point runs, precise enough or not.' }),
  })
  .strict();

/** The schema of an experiment file (`govsim schema --experiment` writes it as JSON Schema): a base, a design, variants, replicates and metrics. */
export const experimentSchema = z
  .object({
    $schema: z.string().optional(),
    name: oneLineText.meta({ description: 'Name of the experiment (default output folder): one line.' }),
    description: z.string().default('').meta({ description: 'What the experiment asks, in words (shown by govsim list).' }),
    model: z.string().min(1).optional().meta({
      description:
        'A module whose default export is a model definition with extensions (see docs/extending.md), relative to the experiment file; every worker loads it.',
    }),
    base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).meta({
      description:
        'The base scenario or city: a file path relative to the experiment file (or, where no such file is there, the name of a scenario or city shipped with govsim, as govsim list names them: y-community-co-production, z-street/case, small-city), or a scenario or city object. A city (an object with districts, as govsim generate city writes) runs street by street: the paths set values in its base scenario, that is in every street, and each run keeps the city-wide summary.',
    }),
    design: designSchema.meta({
      description: 'How the factors become points: `type` factorial, latin-hypercube, morris or saltelli, and its factors.',
    }),
    variants: z
      .array(variantSchema)
      .min(1)
      .max(experimentLimits.variants, `expected at most ${experimentLimits.variants} variants`)
      .default([{ label: 'base', set: {} }])
      .meta({ description: 'Settings every point runs under, on the same seeds (e.g. modes to pair).' }),
    replicates: replicateCount
      .default(10)
      .meta({ description: 'Replicates per point and variant (the first batch, with precision).' }),
    metrics: z
      .array(z.string().min(1))
      .min(1)
      .max(experimentLimits.metrics, `expected at most ${experimentLimits.metrics} metrics`)
      .meta({ description: 'Summary values to keep, e.g. satisfaction.end.' }),
    contrasts: z.array(contrastSchema).min(1).optional().meta({
      description:
        'Paired differences between variants whose sensitivity to the factors is screened (Morris, Saltelli and Latin-hypercube designs). Default: with exactly two variants, the second minus the first.',
    }),
    precision: precisionSchema
      .optional()
      .meta({ description: 'Add replicates per point until every listed metric is this precise.' }),
  })
  .strict()
  .superRefine((experiment, context) => {
    const labels = new Set(experiment.variants.map((variant) => variant.label));
    const seenLabels = new Set<string>();
    experiment.variants.forEach((variant, index) => {
      if (seenLabels.has(variant.label))
        context.addIssue({
          code: 'custom',
          path: ['variants', index, 'label'],
          message: `expected a label of its own: "${variant.label}" is used by an earlier variant`,
        });
      seenLabels.add(variant.label);
    });
    const seenMetrics = new Set<string>();
    experiment.metrics.forEach((metric, index) => {
      if (seenMetrics.has(metric))
        context.addIssue({
          code: 'custom',
          path: ['metrics', index],
          message: `expected each metric once: "${metric}" is repeated`,
        });
      seenMetrics.add(metric);
    });
    if (experiment.precision !== undefined && experiment.precision.maxReplicates < experiment.replicates)
      context.addIssue({
        code: 'custom',
        path: ['precision', 'maxReplicates'],
        message: `expected at least the replicates every point runs first (${experiment.replicates}), got ${experiment.precision.maxReplicates}`,
      });
    (experiment.precision?.metrics ?? []).forEach((metric, index) => {
      if (!seenMetrics.has(metric))
        context.addIssue({
          code: 'custom',
          path: ['precision', 'metrics', index],
          message: `expected one of the kept metrics (${experiment.metrics.join(', ')}): "${metric}" is not kept`,
        });
    });
    // A factorial's whole-number range must not round two steps to one value (two identical points, pseudo-replicates);
    // other designs draw their own values, so steps there would be ignored.
    const design = experiment.design;
    design.factors.forEach((factor, index) => {
      if (!('range' in factor) || factor.steps === undefined) return;
      if (design.type !== 'factorial') {
        context.addIssue({
          code: 'custom',
          path: ['design', 'factors', index, 'steps'],
          message: `expected no steps: a ${design.type} design draws its own values over the range`,
        });
        return;
      }
      // Values that failed their own checks (steps past the limit, not whole) are reported there.
      if (!Number.isSafeInteger(factor.steps) || factor.steps > experimentLimits.steps || !factor.integer) return;
      const [lowest, highest] = wholeNumberRange(factor);
      const distinct = highest - lowest + 1;
      // A range holding no whole number is told so by the range's own check.
      if (distinct < 1) return;
      const values = factorValues(factor);
      if (new Set(values).size < values.length) {
        context.addIssue({
          code: 'custom',
          path: ['design', 'factors', index, 'steps'],
          message: `expected at most ${distinct} steps: whole numbers over [${factor.range.join(', ')}] take ${distinct} values, and ${factor.steps} steps repeat some (${values.join(', ')})`,
        });
      }
    });
    // A factor must change something: not a path twice, not a path inside another factor's, not one a variant sets.
    const paths = experiment.design.factors.map((factor) => factor.path);
    const variantPaths = experiment.variants.flatMap((variant) => Object.keys(variant.set));
    const within = (inner: string, outer: string) =>
      inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
    paths.forEach((path, index) => {
      const other = paths.findIndex(
        (candidate, position) => position !== index && (within(path, candidate) || within(candidate, path)),
      );
      if (other >= 0 && other < index)
        context.addIssue({
          code: 'custom',
          path: ['design', 'factors', index, 'path'],
          message: `expected a path no other factor covers: "${path}" overlaps factor ${other} ("${paths[other]}")`,
        });
      const setBy = variantPaths.find((variantPath) => within(path, variantPath) || within(variantPath, path));
      if (setBy !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['design', 'factors', index, 'path'],
          message: `expected a path the variants leave alone: the variants set "${setBy}", which would override this factor`,
        });
    });
    (experiment.contrasts ?? []).forEach((contrast, index) => {
      for (const end of ['from', 'to'] as const) {
        if (!labels.has(contrast[end]))
          context.addIssue({
            code: 'custom',
            path: ['contrasts', index, end],
            message: `unknown variant "${contrast[end]}" (expected one of ${[...labels].join(', ')})`,
          });
      }
      if (contrast.from === contrast.to)
        context.addIssue({ code: 'custom', path: ['contrasts', index], message: 'expected two different variants' });
      // The same contrast twice would write each of its rows twice.
      const first = (experiment.contrasts ?? []).findIndex((other) => other.from === contrast.from && other.to === contrast.to);
      if (first < index)
        context.addIssue({
          code: 'custom',
          path: ['contrasts', index],
          message: `expected a contrast not listed before: contrasts[${first}] is already ${contrast.to} − ${contrast.from}`,
        });
    });
  });

/** A parsed factor: a scenario path with a list of `values`, or with a `range` (see `RangeFactor`). */
export type Factor = z.output<typeof factorSchema>;
/**
 * A factor over an interval: a scenario path and its `range` [low, high]; `steps` evenly spaced values in a factorial
 * design; `integer` keeps to the whole numbers of the range.
 */
export interface RangeFactor extends z.output<typeof rangeFactorSchema> {}
/** A parsed design (`designSchema`): its `type`, its factors and the point count settings of that type. */
export type Design = z.output<typeof designSchema>;
/**
 * A parsed experiment file (`experimentSchema`): base, design, variants, replicates per point and variant, metrics
 * kept, and optionally contrasts, a model module and a precision target.
 */
export interface Experiment extends z.output<typeof experimentSchema> {}
/** A setting every point of a sweep runs under: a `label` and the values `set` at scenario paths (e.g. a mode). */
export interface Variant extends z.output<typeof variantSchema> {}
/** A parsed contrast (`contrastSchema`): the paired difference `to` − `from` between two variants, by label. */
export interface Contrast extends z.output<typeof contrastSchema> {}

/**
 * An experiment as written, checked against {@link experimentSchema} and with its defaults filled: what
 * {@link planSweep} takes.
 * @throws ScenarioError naming `source` and each field that does not fit (rather than the schema's own error)
 * @example
 * const experiment = parseExperiment(JSON.parse(text), 'my-experiment.json');
 */
export function parseExperiment(input: unknown, source = 'experiment'): Experiment {
  const parsed = experimentSchema.safeParse(input, { reportInput: true });
  const problems = toldListFactorsOfRangeDesigns(inputProblems(parsed, input, experimentSchema), input);
  if (!parsed.success || problems.length > 0) throw new ScenarioError(source, problems, 'experiment');
  return parsed.data;
}

/**
 * `problems` with those of each list factor (`values`, no `range`) of a design that draws within ranges told as one:
 * the schema alone would say its `range` is missing and `values` is an unknown key, which reads as a typing slip.
 * @example toldListFactorsOfRangeDesigns(problems, { design: { type: 'morris', factors: [{ path: 'p', values: [1, 2] }] } })
 * // [{ path: 'design.factors[0]', message: 'a morris design draws within ranges: …' }, …the other problems]
 */
function toldListFactorsOfRangeDesigns(problems: ScenarioProblem[], input: unknown): ScenarioProblem[] {
  const design = isRecord(input) && isRecord(input.design) ? input.design : undefined;
  if (design === undefined || typeof design.type !== 'string' || design.type === 'factorial') return problems;
  if (!Array.isArray(design.factors)) return problems;
  const listed: ScenarioProblem[] = [];
  design.factors.forEach((factor: unknown, index) => {
    if (isRecord(factor) && 'values' in factor && !('range' in factor))
      listed.push({
        path: `design.factors[${index}]`,
        message: `a ${design.type} design draws within ranges: give "range": [low, high] in place of a list of "values" (lists are for factorial designs)`,
      });
  });
  if (listed.length === 0) return problems;
  // What the one message replaces: the range said missing, the values said unknown; the factor's other problems stay.
  const replaced = new Set(listed.flatMap(({ path }) => [`${path}.range`, `${path}.values`]));
  return [...listed, ...problems.filter((problem) => !replaced.has(problem.path))];
}

/** JSON Schema of experiment files. */
export function experimentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(experimentSchema, { io: 'input' }) as Record<string, unknown>;
}
