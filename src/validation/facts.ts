/**
 * Stylized facts as data: what the model must reproduce, said as checks on
 * model outputs. A facts file (JSON) sits beside the scenarios it refers to
 * and is validated by {@link factsFileSchema}.
 *
 * A measure reads one number from one scenario's run: a summary value
 * (`summary: "load.staffPeak"`), an aggregate of a weekly column over a
 * window of weeks (`series: "staffLoad", from: 1, to: 17, aggregate: "max"`),
 * or a constant (`value: 1`). A window's ends are week numbers or weeks placed
 * by the run's milestones (`from: { milestone: "implementationStart" }`,
 * `to: { milestone: "end" }`), so a window follows the run's own course.
 *
 * A check compares two measures; a replicate satisfies a fact when every check
 * holds on its paired runs. A check whose measure is undefined on a replicate
 * (a missing milestone, an empty window, a share of nothing) is not applicable
 * there. A replicate on which another check of the fact fails does not satisfy
 * it; otherwise the replicate is counted apart rather than as a failure.
 */
import * as z from 'zod';
import { type RunSummary, summaryUnits, type WeekColumn, weekColumnUnits, weekRecordColumns } from '../metrics/index.js';
import { milestoneNames } from '../model/index.js';
import { cutText, isScenarioPath, nearestName, oneLineText, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { isSummaryPath, type ModelDefinition, renamedSummaryPathNote } from '../simulation/index.js';

/**
 * How a series measure reduces a weekly column over its window (its finite values): `mean`, `max`, `min`, `first`,
 * `last`, `sum`, or `shareAbove1`, the share of the window's weeks with a value above 1 (such as weeks of overload).
 */
export const aggregates = ['mean', 'max', 'min', 'first', 'last', 'sum', 'shareAbove1'] as const;
/** One of the {@link aggregates} of a series measure. */
export type Aggregate = (typeof aggregates)[number];

export const summaryMeasureSchema = z
  .object({
    scenario: z.string().min(1).meta({ description: 'Scenario key: the file name without .json.' }),
    summary: z.string().min(1).meta({ description: 'Dotted path into the run summary, e.g. load.staffPeak.' }),
  })
  .strict();

/** What a window end may be placed by: a milestone of the run, or `end`, the run's last week. */
export const windowAnchors = [...milestoneNames, 'end'] as const;
/** A milestone of the run or `end`: what a window end may be placed by (see {@link windowAnchors}). */
export type WindowAnchor = (typeof windowAnchors)[number];

/** A week placed by a run's milestone: the milestone's first week plus `offset` weeks. */
export const milestoneWeekSchema = z
  .object({
    milestone: z.enum(windowAnchors).meta({
      description: `A milestone of the run (${milestoneNames.join(', ')}) or "end", the run's last week.`,
    }),
    offset: z.number().int().default(0).meta({ description: 'Weeks added to the milestone week (negative: before it).' }),
  })
  .strict();

/** One end of a window: a week number (1-based) or a week placed by a milestone. */
export const windowEndSchema = z.union([z.number().int().min(1), milestoneWeekSchema]);

/** What an extension's weekly measure is named in a facts file: `extensions.<extension>.<measure>`. */
const extensionSeriesPattern = /^extensions\.[a-z][a-z0-9-]*\.[A-Za-z][A-Za-z0-9]*$/;

/**
 * A weekly series: a column of the weekly record, or an extension's weekly measure (`extensions.<extension>.<measure>`,
 * which the case's model must have: see {@link factsProblems}). A name that is neither is told the columns, as an
 * enum would tell them, with the nearest first where the input is kept.
 */
const seriesSchema = z
  .string()
  .superRefine((name, context) => {
    if (name.startsWith('extensions.')) {
      if (!extensionSeriesPattern.test(name))
        context.addIssue({
          code: 'custom',
          message: 'expected extensions.<extension>.<weekly measure>, such as extensions.wechat-rumour.toldByGroupShare',
        });
    } else if (!weekRecordColumns.includes(name as WeekColumn))
      context.addIssue({ code: 'invalid_value', values: [...weekRecordColumns], input: name, message: 'unknown series' });
  })
  .meta({
    description:
      "A column of the weekly series, or a weekly measure of the model's extensions as extensions.<extension>.<measure> (the case then runs under that model: --model).",
    anyOf: [{ enum: [...weekRecordColumns] }, { pattern: extensionSeriesPattern.source }],
  });

export const seriesMeasureSchema = z
  .object({
    scenario: z.string().min(1).meta({ description: 'Scenario key: the file name without .json.' }),
    series: seriesSchema,
    from: windowEndSchema.meta({ description: 'First week of the window (inclusive).' }),
    to: windowEndSchema.meta({ description: 'Last week of the window (inclusive).' }),
    aggregate: z.enum(aggregates).meta({
      description:
        "How the window's weeks become one number: mean, max, min, first, last, sum, or shareAbove1 (the share of weeks above 1).",
    }),
  })
  .strict()
  .refine((measure) => typeof measure.from !== 'number' || typeof measure.to !== 'number' || measure.to >= measure.from, {
    message: 'expected to ≥ from',
    path: ['to'],
  })
  // Both ends placed by one milestone are in order whatever week it falls in: a window that runs backwards is a mistake
  // to refuse, as with week numbers, not a window that is empty in every run.
  .refine(
    (measure) =>
      typeof measure.from === 'number' ||
      typeof measure.to === 'number' ||
      measure.from.milestone !== measure.to.milestone ||
      measure.to.offset >= measure.from.offset,
    { message: 'expected to ≥ from: both are placed by one milestone, and to’s offset is below from’s', path: ['to'] },
  );

export const valueMeasureSchema = z
  .object({ value: z.number().meta({ description: 'A constant, e.g. 1 for load above capacity.' }) })
  .strict();

/**
 * A measure: one number from one replicate's runs — a run summary value of a scenario, an aggregate of a weekly
 * column of a scenario over a window of weeks, or a constant `value`.
 */
export const measureSchema = z.union([summaryMeasureSchema, seriesMeasureSchema, valueMeasureSchema]).meta({
  description:
    'One number per replicate: {scenario, summary} (a run summary value), {scenario, series, from, to, aggregate} (a weekly column over a window) or {value} (a constant).',
});

export const comparisons = ['>', '>=', '<', '<=', '==', 'abs<'] as const;
/** How a check compares its sides: `>`, `>=`, `<`, `<=`, `==` (equal within the check's tolerance) or `abs<` (|left| < right). */
export type ComparisonOperator = (typeof comparisons)[number];

/**
 * What a check or event means on a replicate where one of its measures is
 * undefined: `not applicable` (the default) counts the replicate apart;
 * `does not hold` counts it as failing (for an event: as not happening — a
 * switch week that is undefined because no switch happened).
 */
export const ifUndefinedChoices = ['not applicable', 'does not hold'] as const;
/** What a check or event means where one of its measures is undefined (see {@link ifUndefinedChoices}). */
export type IfUndefined = (typeof ifUndefinedChoices)[number];

const ifUndefinedSchema = z.enum(ifUndefinedChoices).default('not applicable').meta({
  description:
    "On a replicate where a measure is undefined: 'not applicable' counts the replicate apart; 'does not hold' counts it as failing.",
});

/** A check of a replicate fact: whether `left` `is` `right × factor + offset` on a replicate, stated in words in `says`. */
export const checkSchema = z
  .object({
    says: z.string().min(1).meta({ description: 'The check in words.' }),
    left: measureSchema,
    is: z.enum(comparisons).meta({
      description:
        "How left compares with right × factor + offset: '>', '>=', '<', '<=', '==' (within `tolerance`) or 'abs<' (|left| < right).",
    }),
    right: measureSchema,
    factor: z.number().default(1).meta({ description: 'The right side is multiplied by this…' }),
    offset: z.number().default(0).meta({ description: '…and then this is added.' }),
    tolerance: z
      .number()
      .nonnegative()
      .default(1e-9)
      .meta({ description: "How far apart the two sides may be and still count as equal under '=='." }),
    ifUndefined: ifUndefinedSchema,
  })
  .strict();

/** A scenario path (`parameters.docking.staffHoursPerThreadWeek`, `world.communities[].sites`) and the value to set there. */
const overridesSchema = z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])).superRefine((overrides, context) => {
  if (Object.keys(overrides).length === 0)
    context.addIssue({
      code: 'custom',
      path: [],
      message: 'expected at least one setting: an alternative that sets nothing is the case itself',
    });
  for (const path of Object.keys(overrides)) {
    // A model extension's parameter (`extensions.<extension>.<parameter>`) is checked where the case is loaded, against
    // the model it is loaded for: the facts file alone does not know the extensions.
    if (!isScenarioPath(path) && !/^extensions\.[^.]+\../.test(path)) {
      context.addIssue({ code: 'custom', path: [path], message: `unknown scenario path "${path}"` });
    }
  }
});

/** A named, plausible alternative setting of the parameters under which the fact should fail. */
export const failsWhenSchema = z
  .object({
    says: z.string().min(1).meta({ description: 'The alternative in words, e.g. "docking costs staff almost nothing".' }),
    parameters: overridesSchema.meta({
      description:
        'Scenario path → value, applied to every scenario of the case; `[]` means every element (world.communities[].sites). A path whose parent is absent in a scenario (switchRule.* without a switch rule) is skipped there.',
    }),
  })
  .strict();

const factCommon = {
  id: z.number().int().min(1).meta({ description: 'Number of the fact, unique in the file (what --allow-fail names).' }),
  title: oneLineText.meta({ description: 'Short name of the fact, for tables: one line, at most 200 characters.' }),
  statement: z.string().min(1).meta({ description: 'The fact as the paper supports it.' }),
  paper: z.string().min(1).meta({ description: 'Where in the paper it comes from.' }),
  ifNotReproduced: z.string().optional().meta({
    description:
      'Why the fact may fall short at the documented defaults, as far as it is understood; reported only when it does.',
  }),
  mechanism: z.string().min(1).optional().meta({ description: 'The mechanism that carries the fact.' }),
  failsWhen: failsWhenSchema.optional().meta({
    description: 'A plausible alternative setting under which the fact should fail: its falsification test.',
  }),
  minimumApplicableShare: z.number().min(0).max(1).default(0.5).meta({
    description:
      'Below this share of applicable replicates (on which every measure of the fact is defined, or a check fails) the fact is reported as not applicable.',
  }),
};

export const replicateFactSchema = z
  .object({
    ...factCommon,
    kind: z.literal('replicates').default('replicates').meta({
      description: 'A fact whose checks must all hold together in a `threshold` share of replicates (the default kind).',
    }),
    threshold: z.number().min(0).max(1).default(0.9).meta({ description: 'Share of replicates that must satisfy every check.' }),
    checks: z
      .array(checkSchema)
      .min(1)
      .meta({ description: 'What must hold on a replicate, each a comparison of two measures.' }),
  })
  .strict();

export const eventSchema = z
  .object({
    says: z.string().min(1).meta({ description: 'The event in words.' }),
    left: measureSchema,
    is: z
      .enum(comparisons)
      .meta({ description: "How left compares with right: '>', '>=', '<', '<=', '==' or 'abs<' (|left| < right)." }),
    right: measureSchema,
    ifUndefined: ifUndefinedSchema,
  })
  .strict();

export const probabilityFactSchema = z
  .object({
    ...factCommon,
    kind: z
      .literal('probability')
      .meta({ description: 'A fact about how often named `events` happen across replicates, stated as `claims`.' }),
    events: z
      .record(z.string(), eventSchema)
      .meta({ description: 'Named events whose probability across replicates is estimated.' }),
    claims: z
      .array(
        z.union([
          z
            .object({
              more: z.string().meta({ description: 'Name of the event said to be more likely.' }),
              than: z.string().meta({ description: 'Name of the event it is more likely than.' }),
            })
            .strict()
            .meta({ description: 'P(more) > P(than): the 95% interval of the difference is above 0.' }),
          z
            .object({ never: z.string().meta({ description: 'Name of the event said never to happen.' }) })
            .strict()
            .meta({ description: 'The event happens in no replicate.' }),
        ]),
      )
      .min(1)
      .meta({ description: 'What the fact says of its events: {more, than} or {never}, each naming events of this fact.' }),
  })
  .strict()
  .superRefine((fact, context) => {
    // A claim names events of its own fact: one it does not define could only be found missing after every run.
    fact.claims.forEach((claim, index) => {
      const names = 'never' in claim ? { never: claim.never } : { more: claim.more, than: claim.than };
      for (const [field, name] of Object.entries(names)) {
        if (!Object.hasOwn(fact.events, name)) {
          context.addIssue({
            code: 'custom',
            path: ['claims', index, field],
            message: `expected the name of one of this fact's events (${Object.keys(fact.events).join(', ') || 'none'}), got "${name}"`,
          });
        }
      }
    });
  });

/**
 * A stylized fact: a replicate fact (kind `replicates`, the default: its checks must hold in a share of replicates)
 * or a probability fact (kind `probability`: claims about how often named events happen).
 */
export const factSchema = z.union([probabilityFactSchema, replicateFactSchema]);

/** The headline contrast between two scenarios of the case that `govsim robustness` follows across its draws. */
export const headlineContrastSchema = z
  .object({
    from: z
      .string()
      .min(1)
      .meta({ description: 'Scenario key of the mode compared against (e.g. administrative-led-throughout).' }),
    to: z.string().min(1).meta({ description: 'Scenario key of the mode compared (e.g. co-production-from-week-1).' }),
    metrics: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: 'Summary paths (e.g. satisfaction.end) whose paired difference to − from is followed.' }),
  })
  .strict()
  .refine((contrast) => contrast.from !== contrast.to, {
    path: ['to'],
    message: 'expected another scenario than from: a scenario contrasted with itself differs in nothing',
  });

/** What a case's report says of the case itself: what it is, where its facts come from, what the model cannot say of it. */
export const caseAboutSchema = z
  .object({
    title: z.string().min(1).optional().meta({
      description: 'The case in words, for the report\'s heading (e.g. "Y community in Z Street, Shanghai, 2018–2019").',
    }),
    paper: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "The study the stylized facts come from, as a citation; the report then calls them the paper's." }),
    limits: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "What the evidence cannot support, in a sentence or two, for the end of the report's summary." }),
    weekOne: z.string().min(1).optional().meta({
      description:
        'What week 1 of the case is in the calendar, for the charts\' week axis ("Week (1 = the first week of 2018)"); without it the axis says "Week".',
    }),
  })
  .strict();

/** The schema of a facts file: the case's scenario key, what the case is, the headline contrast and the stylized facts. */
export const factsFileSchema = z
  .object({
    $schema: z.string().optional(),
    case: z.string().min(1).meta({ description: 'Scenario key of the case itself; its replicate seeds pair every scenario.' }),
    about: caseAboutSchema.optional().meta({
      description: "What the case is and where its facts come from, for the report's heading and summary.",
    }),
    contrast: headlineContrastSchema.optional().meta({
      description:
        'The headline contrast between the modes: robustness reports, per metric, the share of draws in which the paired difference keeps its sign at the defaults; the report draws both scenarios beside the case and compares the case with `from`.',
    }),
    facts: z
      .array(factSchema)
      .min(1)
      .superRefine((facts, context) => {
        // Facts are reported, allowed to fail (--allow-fail) and tallied by id: two with one id would merge.
        const firstIndex = new Map<number, number>();
        facts.forEach((fact, index) => {
          const earlier = firstIndex.get(fact.id);
          if (earlier === undefined) firstIndex.set(fact.id, index);
          else
            context.addIssue({
              code: 'custom',
              path: [index, 'id'],
              message: `expected an id no other fact has: ${fact.id} is also the id of facts[${earlier}]`,
            });
        });
      })
      .meta({
        description:
          'The stylized facts: each a replicate fact (`checks` that must hold together in a `threshold` share of replicates) or a probability fact (kind probability: `events` and `claims`).',
      }),
  })
  .strict();

/** A parsed measure (see {@link measureSchema}). */
export type Measure = z.output<typeof measureSchema>;
/** A parsed window end placed by a milestone: the milestone (or `end`) and the weeks `offset` from it. */
export type MilestoneWeek = z.output<typeof milestoneWeekSchema>;
/** A parsed window end: a week number (1-based) or a {@link MilestoneWeek}. */
export type WindowEnd = z.output<typeof windowEndSchema>;
/** A fact's falsification test as parsed: the alternative in words and the scenario settings under which it should fail. */
export type FailsWhen = z.output<typeof failsWhenSchema>;
/** A parsed check of a replicate fact (see {@link checkSchema}), defaults filled in. */
export type Check = z.output<typeof checkSchema>;
/**
 * The unit a measure is in (docs/metrics.md): a summary number's, or a weekly
 * column's — but the share of weeks above 1 (`shareAbove1`), and the mean of a
 * yes/no column, are a share of weeks, and its sum a number of weeks. Empty
 * for a constant, and for a number the tables do not list.
 * @example measureUnit({ scenario: 'case', series: 'staffLoad', from: 1, to: 17, aggregate: 'shareAbove1' }) // 'share of weeks'
 */
export function measureUnit(measure: Measure): string {
  if ('summary' in measure) return Object.hasOwn(summaryUnits, measure.summary) ? (summaryUnits[measure.summary] as string) : '';
  if (!('series' in measure)) return '';
  if (measure.aggregate === 'shareAbove1') return 'share of weeks';
  const unit = Object.hasOwn(weekColumnUnits, measure.series) ? weekColumnUnits[measure.series as WeekColumn] : '';
  if (unit === 'flag' && measure.aggregate === 'mean') return 'share of weeks';
  if (unit === 'flag' && measure.aggregate === 'sum') return 'weeks';
  return unit;
}

/**
 * The unit of a check's margin: that of its left side, or of its right side
 * when the left is a constant (both sides of a check are in one unit).
 * @example checkUnit(check) // 'projects', for "projectsDone ≥ 0.5 × projectsTakenOn"
 */
export function checkUnit(check: Check): string {
  return measureUnit(check.left) || measureUnit(check.right);
}

/** A parsed replicate fact: its checks must all hold on at least `threshold` (a share, 0–1) of the applicable replicates. */
export type ReplicateFact = z.output<typeof replicateFactSchema>;
/** A parsed probability fact: named events observed on each replicate, and claims about their probabilities. */
export type ProbabilityFact = z.output<typeof probabilityFactSchema>;
/** A parsed stylized fact of either kind (see {@link factSchema}). */
export type Fact = z.output<typeof factSchema>;
/** A parsed facts file (see {@link factsFileSchema}). */
export interface FactsFile extends z.output<typeof factsFileSchema> {}
/** The parsed headline contrast: two scenario keys and the summary metrics whose paired difference `to` − `from` is followed. */
export type HeadlineContrast = z.output<typeof headlineContrastSchema>;
/** What a parsed facts file says of its case: title, source study and limits, each optional. */
export type CaseAbout = z.output<typeof caseAboutSchema>;

/** JSON Schema of facts files (draft 2020-12), for editors and other tools. */
export function factsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(factsFileSchema, { io: 'input' }) as Record<string, unknown>;
}

/**
 * Problems of a facts file as given, each under `facts[i]` told which fact that is, where the file gives the fact a
 * number or a title: `facts[4]` is the fifth in the file, which its author knows as fact 5, "Phase 1 idles".
 * @example withFactNames([{ path: 'facts[0].kind', message: 'expected "replicates"' }], { facts: [{ id: 5, title: 'Phase 1 idles' }] }) // [{ path: 'facts[0].kind', message: 'in fact 5 ("Phase 1 idles"): expected "replicates"' }]
 */
export function withFactNames(problems: readonly ScenarioProblem[], input: unknown): ScenarioProblem[] {
  const facts = (input as { facts?: unknown } | null | undefined)?.facts;
  return problems.map((problem) => {
    const index = /^facts\[(\d+)\]/.exec(problem.path)?.[1];
    const fact: unknown = index === undefined || !Array.isArray(facts) ? undefined : facts[Number(index)];
    if (typeof fact !== 'object' || fact === null) return problem;
    const { id, title } = fact as { id?: unknown; title?: unknown };
    const number = typeof id === 'number' && Number.isInteger(id) ? `fact ${id}` : 'the fact';
    const named = typeof title === 'string' && title !== '' ? `${number} (${JSON.stringify(cutText(title))})` : number;
    if (named === 'the fact') return problem;
    return { path: problem.path, message: `in ${named}: ${problem.message}` };
  });
}

/** Scenario keys one fact's measures read. */
export function scenariosOfFact(fact: Fact): string[] {
  const keys = new Set<string>();
  const add = (measure: Measure) => {
    if ('scenario' in measure) keys.add(measure.scenario);
  };
  const pairs = fact.kind === 'probability' ? Object.values(fact.events) : fact.checks;
  for (const pair of pairs) {
    add(pair.left);
    add(pair.right);
  }
  return [...keys];
}

/** Scenario keys a facts file refers to. */
export function scenariosOfFacts(file: FactsFile): string[] {
  return [...new Set(scenarioReferences(file).map((reference) => reference.scenario))];
}

/** The measures a fact's checks (or events) compare, in file order. */
export function measuresOfFact(fact: Fact): Measure[] {
  const measures: Measure[] = [];
  forEachMeasure({ facts: [fact] }, (measure) => measures.push(measure as Measure));
  return measures;
}

/**
 * Every place a facts file names a scenario, with the path to the field
 * (`case`, `contrast.from`, `facts[1].checks[0].left.scenario`), in file order.
 * It reads a file its schema refused as far as the file's shape allows, so
 * that the scenarios it lacks are reported with its other problems.
 */
export function scenarioReferences(file: FactsFile | unknown): Array<{ path: string; scenario: string }> {
  const references: Array<{ path: string; scenario: string }> = [];
  const add = (path: string, scenario: unknown) => {
    if (typeof scenario === 'string') references.push({ path, scenario });
  };
  const given = (file ?? {}) as { case?: unknown; contrast?: { from?: unknown; to?: unknown } | null };
  add('case', given.case);
  if (given.contrast !== null && typeof given.contrast === 'object') {
    add('contrast.from', given.contrast.from);
    add('contrast.to', given.contrast.to);
  }
  forEachMeasure(file, (measure, at) => {
    if ('scenario' in measure) add(`${at}.scenario`, measure.scenario);
  });
  return references;
}

/**
 * Calls `visit` with every measure of every fact and the path to it
 * (`facts[1].checks[0].left`), in file order; in a file its schema refused,
 * with every object where a measure should be.
 */
function forEachMeasure(file: FactsFile | unknown, visit: (measure: Record<string, unknown>, at: string) => void): void {
  const facts = (file as { facts?: unknown } | null)?.facts;
  if (!Array.isArray(facts)) return;
  facts.forEach((fact: unknown, index) => {
    if (fact === null || typeof fact !== 'object') return;
    const { events, checks } = fact as { events?: unknown; checks?: unknown };
    const pairs: Array<[string, unknown]> =
      events !== null && typeof events === 'object' && !Array.isArray(events)
        ? Object.entries(events).map(([name, event]) => [`facts[${index}].events.${name}`, event])
        : Array.isArray(checks)
          ? checks.map((item, position) => [`facts[${index}].checks[${position}]`, item])
          : [];
    for (const [at, pair] of pairs) {
      if (pair === null || typeof pair !== 'object') continue;
      for (const side of ['left', 'right'] as const) {
        const measure = (pair as Record<string, unknown>)[side];
        if (measure !== null && typeof measure === 'object') visit(measure as Record<string, unknown>, `${at}.${side}`);
      }
    }
  });
}

/**
 * The facts about the case path itself: those whose every measure reads the
 * case scenario (and none other) — what was observed. The others compare it,
 * or its counterfactuals, with what would have happened otherwise: the
 * paper's claims rather than its observations.
 */
export function observedFacts(file: FactsFile): number[] {
  return file.facts.flatMap((fact) => {
    const scenarios = scenariosOfFact(fact);
    return scenarios.length > 0 && scenarios.every((key) => key === file.case) ? [fact.id] : [];
  });
}

/**
 * The weekly measures of a model's extensions as a week's record names them, `<extension>.<measure>` (none for the
 * model as shipped): what a facts file's series `extensions.<extension>.<measure>` can read.
 * @example weeklyMeasureNames(rumourModel) // ['wechat-rumour.toldByGroupShare']
 */
export function weeklyMeasureNames(model?: ModelDefinition): string[] {
  return (model?.extensions ?? []).flatMap((extension) =>
    Object.keys(extension.weeklyMeasures ?? {}).map((measure) => `${extension.name}.${measure}`),
  );
}

/**
 * Refuses a facts file with a series of an extension's weekly measure that `model` does not have (or any such series
 * without a model): it would read as undefined in every replicate and the fact be "not applicable" without a word.
 * @throws ScenarioError (source "facts file") naming each such series, with the measure meant where one is close
 */
export function checkExtensionSeries(file: FactsFile, model?: ModelDefinition): void {
  const problems = factsProblems(file, () => undefined, undefined, weeklyMeasureNames(model));
  if (problems.length > 0) throw new ScenarioError('facts file', problems, 'facts file');
}

/**
 * Problems a facts file has against the scenarios it refers to, which its
 * schema alone cannot see: a summary path that names no number of a run
 * summary, a window week beyond its scenario's horizon. `summary` is any run's
 * summary (only its shape is read); without one, summary paths are not
 * checked. `weeklyMeasures` are the weekly measures of the case's model ({@link weeklyMeasureNames}): an
 * `extensions.` series the model does not measure is named; without them such series are not checked. An empty list
 * means none.
 *
 * In a file its schema refused, every measure and contrast metric that passes
 * the schema on its own is checked, so that these problems are reported with
 * the schema's; one that does not is left to the schema's report.
 */
export function factsProblems(
  file: FactsFile | unknown,
  weeksOf: (scenario: string) => number | undefined,
  summary: RunSummary | undefined,
  weeklyMeasures?: readonly string[],
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const check = (given: unknown, at: string) => {
    const parsed = measureSchema.safeParse(given);
    if (!parsed.success) return;
    const measure = parsed.data;
    if ('series' in measure && measure.series.startsWith('extensions.') && weeklyMeasures !== undefined) {
      const name = measure.series.slice('extensions.'.length);
      if (!weeklyMeasures.includes(name)) {
        const meant = nearestName(name, weeklyMeasures);
        problems.push({
          path: `${at}.series`,
          message:
            weeklyMeasures.length === 0
              ? `expected a weekly measure of the model's extensions: the case runs under a model with none (give the model that defines it: --model, or the model argument in code)`
              : `expected a weekly measure of the model's extensions${meant === undefined ? '' : ` (did you mean "extensions.${meant}"?)`}: "${measure.series}" is none; the model has ${weeklyMeasures.map((known) => `extensions.${known}`).join(', ')}`,
        });
      }
    }
    if ('summary' in measure && summary !== undefined && !isSummaryPath(summary, measure.summary))
      problems.push({
        path: `${at}.summary`,
        message: `expected a number of the run summary, such as load.staffPeak: "${measure.summary}" is none${renamedSummaryPathNote(measure.summary, summary)}`,
      });
    if ('series' in measure) {
      const horizon = weeksOf(measure.scenario);
      for (const end of ['from', 'to'] as const) {
        const week = measure[end];
        if (typeof week === 'number' && horizon !== undefined && week > horizon)
          problems.push({
            path: `${at}.${end}`,
            message: `expected a week within the ${horizon} weeks of "${measure.scenario}", got ${week}`,
          });
        // Past the end through an offset: a window cut short without a word, or never there.
        if (typeof week === 'object' && week.milestone === 'end' && week.offset > 0)
          problems.push({
            path: `${at}.${end}.offset`,
            message: `expected an offset of at most 0 from the end (the last week), got ${week.offset}`,
          });
      }
    }
  };
  forEachMeasure(file, check);
  const metrics = (file as { contrast?: { metrics?: unknown } | null } | null)?.contrast?.metrics;
  if (summary !== undefined && Array.isArray(metrics))
    metrics.forEach((metric: unknown, index) => {
      if (typeof metric === 'string' && metric !== '' && !isSummaryPath(summary, metric))
        problems.push({
          path: `contrast.metrics[${index}]`,
          message: `expected a number of the run summary: "${metric}" is none${renamedSummaryPathNote(metric, summary)}`,
        });
    });
  return problems;
}
