/**
 * Stylized facts as data: what the model must reproduce, said as checks on
 * model outputs. A facts file (JSON) sits beside the scenarios it refers to
 * and is validated by {@link factsFileSchema}.
 *
 * A measure reads one number from one scenario's run: a summary value
 * (`summary: "load.staffPeak"`), an aggregate of a weekly column over a
 * window of weeks (`series: "staffLoad", from: 1, to: 17, aggregate: "max"`),
 * or a constant (`value: 1`). A check compares two measures; a replicate
 * satisfies a fact when every check holds on its paired runs.
 */
import { z } from 'zod';
import { weekRecordColumns } from '../metrics/index.js';

export const aggregates = ['mean', 'max', 'min', 'first', 'last', 'sum', 'shareAbove1'] as const;
export type Aggregate = (typeof aggregates)[number];

export const summaryMeasureSchema = z
  .object({
    scenario: z.string().min(1).meta({ description: 'Scenario key: the file name without .json.' }),
    summary: z.string().min(1).meta({ description: 'Dotted path into the run summary, e.g. load.staffPeak.' }),
  })
  .strict();

export const seriesMeasureSchema = z
  .object({
    scenario: z.string().min(1),
    series: z.enum(weekRecordColumns as [string, ...string[]]).meta({ description: 'A column of the weekly series.' }),
    from: z.number().int().min(1),
    to: z.number().int().min(1),
    aggregate: z.enum(aggregates),
  })
  .strict()
  .refine((measure) => measure.to >= measure.from, { message: 'expected to ≥ from', path: ['to'] });

export const valueMeasureSchema = z.object({ value: z.number() }).strict();

export const measureSchema = z.union([summaryMeasureSchema, seriesMeasureSchema, valueMeasureSchema]);

export const comparisons = ['>', '>=', '<', '<=', '==', 'abs<'] as const;
export type ComparisonOperator = (typeof comparisons)[number];

export const checkSchema = z
  .object({
    says: z.string().min(1).meta({ description: 'The check in words.' }),
    left: measureSchema,
    is: z.enum(comparisons).meta({ description: "'abs<' means |left| < right; '==' allows `tolerance`." }),
    right: measureSchema,
    factor: z.number().default(1).meta({ description: 'The right side is multiplied by this…' }),
    offset: z.number().default(0).meta({ description: '…and then this is added.' }),
    tolerance: z.number().nonnegative().default(1e-9),
  })
  .strict();

const factCommon = {
  id: z.number().int().min(1),
  title: z.string().min(1),
  statement: z.string().min(1).meta({ description: 'The fact as the paper supports it.' }),
  paper: z.string().min(1).meta({ description: 'Where in the paper it comes from.' }),
  ifNotReproduced: z.string().optional().meta({
    description:
      'Why the fact may fall short at the documented defaults, as far as it is understood; reported only when it does.',
  }),
};

export const replicateFactSchema = z
  .object({
    ...factCommon,
    kind: z.literal('replicates').default('replicates'),
    threshold: z.number().min(0).max(1).default(0.9).meta({ description: 'Share of replicates that must satisfy every check.' }),
    checks: z.array(checkSchema).min(1),
  })
  .strict();

export const eventSchema = z
  .object({ says: z.string().min(1), left: measureSchema, is: z.enum(comparisons), right: measureSchema })
  .strict();

export const probabilityFactSchema = z
  .object({
    ...factCommon,
    kind: z.literal('probability'),
    events: z
      .record(z.string(), eventSchema)
      .meta({ description: 'Named events whose probability across replicates is estimated.' }),
    claims: z
      .array(
        z.union([
          z
            .object({ more: z.string(), than: z.string() })
            .strict()
            .meta({ description: 'P(more) > P(than): the 95% interval of the difference is above 0.' }),
          z.object({ never: z.string() }).strict().meta({ description: 'The event happens in no replicate.' }),
        ]),
      )
      .min(1),
  })
  .strict();

export const factSchema = z.union([probabilityFactSchema, replicateFactSchema]);

export const factsFileSchema = z
  .object({
    $schema: z.string().optional(),
    case: z.string().min(1).meta({ description: 'Scenario key of the case itself; its replicate seeds pair every scenario.' }),
    facts: z.array(factSchema).min(1),
  })
  .strict();

export type Measure = z.output<typeof measureSchema>;
export type Check = z.output<typeof checkSchema>;
export type ReplicateFact = z.output<typeof replicateFactSchema>;
export type ProbabilityFact = z.output<typeof probabilityFactSchema>;
export type Fact = z.output<typeof factSchema>;
export type FactsFile = z.output<typeof factsFileSchema>;

/** Scenario keys a facts file refers to. */
export function scenariosOfFacts(file: FactsFile): string[] {
  const keys = new Set<string>([file.case]);
  const add = (measure: Measure) => {
    if ('scenario' in measure) keys.add(measure.scenario);
  };
  for (const fact of file.facts) {
    if (fact.kind === 'probability') {
      for (const event of Object.values(fact.events)) {
        add(event.left);
        add(event.right);
      }
    } else {
      for (const check of fact.checks) {
        add(check.left);
        add(check.right);
      }
    }
  }
  return [...keys];
}
