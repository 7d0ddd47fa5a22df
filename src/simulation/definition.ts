/**
 * Extending the model without forking it. A *model definition* is a list of
 * extensions; each extension may bring
 *
 * - parameters: a zod object schema (build its fields with govsim's
 *   `probabilityParameter`, `amountParameter`, … so they carry a default, a
 *   plausible range and a basis tag), found in scenarios under
 *   `extensions.<name>`, listed by `govsim parameters` and swept by Morris and
 *   Sobol designs like the built-in ones;
 * - state it owns, built when the world is built (plain data, so snapshots hold it);
 * - phases, each placed before or after a built-in phase, or instead of one;
 * - measures: weekly (a column of weeks.csv), run-level (a summary value,
 *   `extensions.<name>.<measure>`, that experiments can keep) and per agent
 *   (a value for every household, department or staff team, read with
 *   {@link Model.agentMeasures}) — in the spirit of Mesa's DataCollector.
 *
 * An extension draws only from its own random streams (a fork of the run's
 * source named after it), so adding one never shifts a built-in draw: what
 * the built-in mechanisms do changes only through what the extension changes
 * in the state.
 */
import type * as z from 'zod';
import type { RandomSource, Steps } from '../core/index.js';
import { givenValue } from '../core/problems.js';
import type { WeekRecord } from '../metrics/index.js';
import { type SimulationState, type WeeklyPhase, weeklyPhaseNames, weeklyPhases } from '../model/index.js';
import { parameterDeclarationProblems, parameterSchemaType } from '../scenario/extensions.js';
import {
  describeIssues,
  type ParameterExtension,
  type Scenario,
  ScenarioError,
  type ScenarioProblem,
} from '../scenario/index.js';
import { unknownKeyMessage } from '../scenario/parse.js';

/** What an extension's phases and measures see. */
export interface ExtensionContext<Parameters, OwnState> {
  readonly scenario: Scenario;
  /** The street: phases may change it as built-in mechanisms do; measures only read it. */
  readonly state: SimulationState;
  /** The extension's parameters from the scenario, defaults filled. */
  readonly parameters: Parameters;
  /** The state the extension owns (what `createState` returned). */
  readonly own: OwnState;
  /** The extension's own randomness: its streams never touch the built-in ones. */
  readonly random: RandomSource;
}

/** A phase of an extension, placed by a built-in phase's name (see `weeklyPhaseNames`). */
export interface ExtensionPhase<Parameters, OwnState> {
  name: string;
  before?: string;
  after?: string;
  replaces?: string;
  run(context: ExtensionContext<Parameters, OwnState>): void;
}

/** A measure of the whole street: weekly, or at the end of a run (then it also sees the weekly records). */
export interface ModelMeasure<Parameters, OwnState> {
  description: string;
  value(context: ExtensionContext<Parameters, OwnState> & { readonly records: readonly WeekRecord[] }): number;
}

/** The kinds of agents a measure may be taken of. */
export const agentKinds = ['household', 'department', 'communityStaff'] as const;
/** A kind of agent a measure may be taken of: one of {@link agentKinds}. */
export type AgentKind = (typeof agentKinds)[number];

/** A measure of each agent of one kind. */
export interface AgentMeasure<Parameters, OwnState> {
  description: string;
  agent: AgentKind;
  value(context: ExtensionContext<Parameters, OwnState>, agent: number): number;
}

/** One extension of the model: see the module's description. */
export interface ModelExtension<Parameters = unknown, OwnState = unknown> extends ParameterExtension {
  /** Lower-case letters, digits and dashes; the key of its parameters and measures. */
  readonly name: string;
  readonly description: string;
  readonly parameters?: z.ZodType<Parameters>;
  /** The extension's own state, made once a run; its context does not depend on the state's type, so TypeScript infers `OwnState` from the return type. */
  createState?(context: Omit<ExtensionContext<Parameters, unknown>, 'own'>): OwnState;
  readonly phases?: ReadonlyArray<ExtensionPhase<Parameters, OwnState>>;
  readonly weeklyMeasures?: Readonly<Record<string, ModelMeasure<Parameters, OwnState>>>;
  readonly runMeasures?: Readonly<Record<string, ModelMeasure<Parameters, OwnState>>>;
  readonly agentMeasures?: Readonly<Record<string, AgentMeasure<Parameters, OwnState>>>;
}

/** A model: the built-in mechanisms plus extensions, in order. */
export interface ModelDefinition {
  readonly name: string;
  readonly description?: string;
  // biome-ignore lint/suspicious/noExplicitAny: extensions of any parameter and state types live side by side.
  readonly extensions: ReadonlyArray<ModelExtension<any, any>>;
}

/**
 * Declares an extension, keeping its parameter and state types for its phases and measures.
 * @example
 * const noticeBoards = defineExtension({
 *   name: 'notice-boards',
 *   description: 'Boards at every site tell passers-by about the renewal.',
 *   parameters: z.object({ weeklyReach: probabilityParameter(0.01, { description: '…', basis: 'A', range: [0, 0.05] }) }),
 *   phases: [{ name: 'boards', after: 'residents', run: ({ state, parameters, random }) => { … } }],
 * });
 */
export function defineExtension<Parameters, OwnState>(
  extension: ModelExtension<Parameters, OwnState>,
): ModelExtension<Parameters, OwnState> {
  return extension;
}

const extensionNamePattern = /^[a-z][a-z0-9-]*$/;
const measureNamePattern = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Declares a model: checks that extension names are unique and well formed,
 * that each extension's parameters are a zod 4 `z.object` (a scenario holds
 * them as an object under `extensions.<name>`), that each phase has exactly
 * one place naming a built-in phase, and that measure names are plain
 * identifiers.
 * @throws ScenarioError naming each problem, with the model's name as its source ("model definition" when it has none)
 * @example
 * export default defineModel({ name: 'with-notice-boards', extensions: [noticeBoards] });
 */
export function defineModel(definition: ModelDefinition): ModelDefinition {
  const found = modelDefinitionProblems(definition);
  const problems = found.length > 0 ? found : modelParameterProblems(definition);
  const name = (definition as Partial<ModelDefinition> | null | undefined)?.name;
  if (problems.length > 0)
    throw new ScenarioError(
      typeof name === 'string' && name !== '' ? `model ${name}` : 'model definition',
      problems,
      'model definition',
    );
  return Object.freeze({ ...definition, extensions: Object.freeze([...definition.extensions]) });
}

/**
 * Problems with how the extensions of a definition {@link modelDefinitionProblems} finds sound declare their
 * parameters: parameters a scenario file (JSON) cannot hold, a default the parameter's own valid values refuse, a
 * plausible range not low-to-high within them (see `parameterDeclarationProblems`). Checked when a model is declared
 * ({@link defineModel}) and when a model module is loaded, not on every run. None for a sound declaration.
 */
export function modelParameterProblems(definition: ModelDefinition): ScenarioProblem[] {
  return definition.extensions.flatMap((extension, index) =>
    extension.parameters === undefined
      ? []
      : parameterDeclarationProblems(extension.parameters).map((problem) => ({
          path: `extensions[${index}].parameters${problem.path === '' ? '' : `.${problem.path}`}`,
          message: problem.message,
        })),
  );
}

/** The keys each part of a model definition has: any other is a misspelling, which would be ignored without a word. */
const definitionKeys = {
  model: ['name', 'description', 'extensions'],
  extension: ['name', 'description', 'parameters', 'createState', 'phases', 'weeklyMeasures', 'runMeasures', 'agentMeasures'],
  phase: ['name', 'before', 'after', 'replaces', 'run'],
  measure: ['description', 'value'],
  agentMeasure: ['description', 'agent', 'value'],
} as const;

/** A problem for each key of `value` that is none of `known` (a JavaScript module's misspelt `runMeasure`), at `at`. */
function unknownKeyProblems(value: object, known: readonly string[], at: string): ScenarioProblem[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: at === '' ? key : `${at}.${key}`, message: unknownKeyMessage(key, known) }));
}

/** Problems with a model definition (none for a sound one). */
export function modelDefinitionProblems(definition: ModelDefinition): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  if (definition === null || typeof definition !== 'object')
    return [{ path: '', message: 'expected an object { name, extensions }' }];
  // An extension given where its model is meant (a module exporting the extension itself): said as such.
  if (
    !('extensions' in definition) &&
    definitionKeys.extension.some((key) => key !== 'name' && key !== 'description' && key in definition)
  )
    return [
      {
        path: '',
        message:
          'expected a model { name, extensions }, got an extension: give the model that holds it, defineModel({ name, extensions: [extension] })',
      },
    ];
  problems.push(...unknownKeyProblems(definition, definitionKeys.model, ''));
  if (typeof definition.name !== 'string' || definition.name === '') problems.push({ path: 'name', message: 'expected a name' });
  if (!Array.isArray(definition.extensions)) return [...problems, { path: 'extensions', message: 'expected a list' }];
  const names = new Set<string>();
  definition.extensions.forEach((extension, index) => {
    const at = `extensions[${index}]`;
    if (extension === null || typeof extension !== 'object') {
      problems.push({ path: at, message: 'expected an extension (defineExtension({ name, description, … }))' });
      return;
    }
    problems.push(...unknownKeyProblems(extension, definitionKeys.extension, at));
    // A name left out is no name: String(undefined) would pass the pattern as "undefined".
    if (typeof extension.name !== 'string' || !extensionNamePattern.test(extension.name))
      problems.push({
        path: `${at}.name`,
        message: `expected lower-case letters, digits and dashes, starting with a letter, got ${givenValue(extension.name)}`,
      });
    else if (names.has(extension.name))
      problems.push({ path: `${at}.name`, message: `expected a name of its own: "${extension.name}" is used twice` });
    names.add(extension.name);
    // govsim parses with zod 4: a schema of another zod (3's have no `_zod`) would fail only when a scenario is parsed.
    const parameters = (extension as { parameters?: unknown }).parameters;
    if (parameters !== undefined && (parameters === null || typeof parameters !== 'object' || !('_zod' in parameters)))
      problems.push({
        path: `${at}.parameters`,
        message: 'expected a zod 4 schema (install zod beside govsim at the range it depends on: npm install zod@^4.6.7)',
      });
    // A scenario holds the parameters as an object under extensions.<name>: any other schema would refuse every scenario.
    else if (parameters !== undefined && parameterSchemaType(parameters) !== 'object')
      problems.push({
        path: `${at}.parameters`,
        message: `expected a z.object of its parameters (z.object({ name: probabilityParameter(…), … })), got a z.${parameterSchemaType(parameters)} schema`,
      });
    if (extension.createState !== undefined && typeof extension.createState !== 'function')
      problems.push({ path: `${at}.createState`, message: 'expected a function' });
    if (extension.phases !== undefined && !Array.isArray(extension.phases))
      problems.push({ path: `${at}.phases`, message: 'expected a list of phases' });
    const phaseNames = new Set<string>();
    (Array.isArray(extension.phases) ? extension.phases : []).forEach(
      (phase: ExtensionPhase<unknown, unknown>, phaseIndex: number) => {
        if (phase === null || typeof phase !== 'object') {
          problems.push({
            path: `${at}.phases[${phaseIndex}]`,
            message: 'expected a phase { name, before | after | replaces, run }',
          });
          return;
        }
        problems.push(...unknownKeyProblems(phase, definitionKeys.phase, `${at}.phases[${phaseIndex}]`));
        if (typeof phase.name !== 'string' || phase.name === '')
          problems.push({ path: `${at}.phases[${phaseIndex}].name`, message: 'expected a name' });
        else if (phaseNames.has(phase.name))
          problems.push({
            path: `${at}.phases[${phaseIndex}].name`,
            message: `expected a name of its own in the extension: "${phase.name}" is used twice`,
          });
        phaseNames.add(phase.name);
        const anchors = (['before', 'after', 'replaces'] as const).filter((key) => phase[key] !== undefined);
        const place = anchors[0];
        if (anchors.length !== 1 || place === undefined)
          problems.push({
            path: `${at}.phases[${phaseIndex}]`,
            message: 'expected exactly one of before, after or replaces',
          });
        else if (!weeklyPhaseNames.includes(phase[place] as string))
          problems.push({
            path: `${at}.phases[${phaseIndex}].${place}`,
            message: `expected a built-in phase (${weeklyPhaseNames.join(', ')}), got "${String(phase[place])}"`,
          });
        if (typeof phase.run !== 'function')
          problems.push({ path: `${at}.phases[${phaseIndex}].run`, message: 'expected a function' });
      },
    );
    for (const kind of ['weeklyMeasures', 'runMeasures', 'agentMeasures'] as const) {
      const measures: unknown = extension[kind];
      if (measures !== undefined && (measures === null || typeof measures !== 'object' || Array.isArray(measures))) {
        problems.push({ path: `${at}.${kind}`, message: 'expected an object: measure name → measure' });
        continue;
      }
      for (const [name, measure] of Object.entries(measures ?? {})) {
        if (!measureNamePattern.test(name))
          problems.push({ path: `${at}.${kind}.${name}`, message: 'expected a measure name of letters and digits' });
        const written = measure as { value?: unknown; agent?: unknown } | null;
        if (written !== null && typeof written === 'object')
          problems.push(
            ...unknownKeyProblems(
              written,
              kind === 'agentMeasures' ? definitionKeys.agentMeasure : definitionKeys.measure,
              `${at}.${kind}.${name}`,
            ),
          );
        if (written === null || typeof written !== 'object' || typeof written.value !== 'function')
          problems.push({ path: `${at}.${kind}.${name}.value`, message: 'expected a function' });
        else if (kind === 'agentMeasures' && !agentKinds.includes(written.agent as AgentKind))
          problems.push({
            path: `${at}.${kind}.${name}.agent`,
            message: `expected one of ${agentKinds.map((agent) => `"${agent}"`).join(', ')}, got ${JSON.stringify(written.agent) ?? 'nothing'}`,
          });
      }
    }
  });
  const replaced = definition.extensions.flatMap((extension) =>
    extension === null || typeof extension !== 'object'
      ? []
      : (Array.isArray(extension.phases) ? extension.phases : []).flatMap((phase: ExtensionPhase<unknown, unknown>) =>
          phase?.replaces === undefined ? [] : [phase.replaces],
        ),
  );
  for (const name of new Set(replaced.filter((name, index) => replaced.indexOf(name) !== index)))
    problems.push({ path: 'extensions', message: `the built-in phase "${name}" is replaced more than once` });
  return problems;
}

/**
 * An error raised by an extension's own code (its createState, a phase or a
 * measure), or a measure that gives something other than a number: it names
 * the extension, the part and the week, and keeps the original error as its
 * `cause`. It is the model module's mistake, not govsim's.
 */
export class ExtensionError extends Error {
  override readonly name = 'ExtensionError';
  constructor(
    /** The extension's name. */
    readonly extension: string,
    /** "createState" (week 0, as the world is built), "phase <name>" or "<kind> measure <name>". */
    readonly part: string,
    /** The week being run or measured. */
    readonly week: number,
    /** What went wrong, in the extension's own words where it threw. */
    readonly reason: string,
    options?: {
      cause?: unknown;
      /** Which run of several it was, e.g. "sweep point 3 (x = 0.5), variant b, replicate 7 (seed 12)". */
      run?: string;
    },
  ) {
    super(
      `model extension ${extension}, ${part}, week ${week}${options?.run === undefined ? '' : ` of ${options.run}`}: ${reason}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.run = options?.run;
  }

  /** Which run of several it was, when one said so ({@link ExtensionError.inRun}). */
  readonly run: string | undefined;

  /**
   * The same error, saying which run of several it came from; an error that names its run already keeps it, within
   * the one given (`case, replicate 2 (seed 9) in robustness draw 4`).
   */
  inRun(run: string): ExtensionError {
    const within = this.run === undefined ? run : `${this.run} in ${run}`;
    return new ExtensionError(this.extension, this.part, this.week, this.reason, { cause: this.cause, run: within });
  }
}

/**
 * Runs `steps`, one run of several (a sweep's, a comparison's, a validation's replicates), so that an
 * {@link ExtensionError} from it says which run it was: a model module's mistake may show in one run only.
 */
export function* namingRun<Value>(steps: Steps<Value>, run: () => string): Steps<Value> {
  try {
    return yield* steps;
  } catch (error) {
    if (error instanceof ExtensionError) throw error.inRun(run());
    throw error;
  }
}

/** Runs one piece of an extension's code, turning what it throws into an {@link ExtensionError}. */
function extensionCode<Value>(extension: string, part: string, week: number, code: () => Value): Value {
  try {
    return code();
  } catch (error) {
    if (error instanceof ExtensionError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ExtensionError(extension, part, week, reason, { cause: error });
  }
}

/** The error of a measure that gave `value`, not a number. */
function notANumber(extension: string, part: string, week: number, value: unknown): ExtensionError {
  return new ExtensionError(
    extension,
    part,
    week,
    `gave ${value === null ? 'null' : typeof value}, expected a number (NaN where it is undefined)`,
  );
}

/** A measure's value, which must be a number (NaN for "undefined this week"). */
function measured(extension: string, part: string, week: number, value: () => unknown): number {
  const result = extensionCode(extension, part, week, value);
  if (typeof result !== 'number') throw notANumber(extension, part, week, result);
  return result;
}

/** A definition's extensions bound to one run: their contexts, built when the world is built. */
export interface BoundExtensions {
  readonly definition: ModelDefinition;
  readonly phases: readonly WeeklyPhase[];
  context(name: string): ExtensionContext<unknown, unknown>;
}

/**
 * An extension's parameters at their defaults, for a scenario that does not hold them (one parsed by `parseScenario`,
 * without the model's extensions).
 * @throws ScenarioError naming each parameter that has no default, with the scenario's name as its source
 */
function defaultParameters(extension: ModelExtension<unknown, unknown>, scenario: Scenario): unknown {
  if (extension.parameters === undefined) return undefined;
  const parsed = extension.parameters.safeParse({});
  if (parsed.success) return parsed.data;
  throw new ScenarioError(
    scenario.name,
    describeIssues(parsed.error.issues).map((problem) => ({
      path: `extensions.${extension.name}${problem.path === '' ? '' : `.${problem.path}`}`,
      message: `${problem.message}: it has no default, so a scenario run with this model must set it (under extensions.${extension.name} in the scenario, parsed with parseExtendedScenario(input, model.extensions))`,
    })),
  );
}

/**
 * Builds each extension's state and the week's phases for a run of `scenario`
 * (whose `extensions` must have been parsed with this definition).
 */
export function bindExtensions(
  definition: ModelDefinition,
  scenario: Scenario,
  state: SimulationState,
  random: RandomSource,
): BoundExtensions {
  const known = new Set(definition.extensions.map((extension) => extension.name));
  const unknown = Object.keys(scenario.extensions ?? {}).filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new ScenarioError(
      scenario.name,
      unknown.map((name) => ({
        path: `extensions.${name}`,
        message: `parameters of an extension "${name}" that the model ${definition.name} does not have`,
      })),
    );
  const contexts = new Map<string, ExtensionContext<unknown, unknown>>();
  const extensionRandom = random.fork('extension');
  for (const extension of definition.extensions) {
    const base = {
      scenario,
      state,
      // Own keys only: an extension may be called "constructor", which every object inherits.
      parameters: Object.hasOwn(scenario.extensions ?? {}, extension.name)
        ? scenario.extensions?.[extension.name]
        : defaultParameters(extension, scenario),
      random: extensionRandom.fork(extension.name),
    };
    const createState = extension.createState;
    if (!Object.hasOwn(state.extensions, extension.name) && createState !== undefined)
      (state.extensions as Record<string, unknown>)[extension.name] = extensionCode(
        extension.name,
        'createState',
        state.week,
        () => createState(base),
      );
    // `own` is read from the state each time, so a restored snapshot's state is the one phases see.
    contexts.set(extension.name, {
      ...base,
      get own() {
        return Object.hasOwn(state.extensions, extension.name) ? state.extensions[extension.name] : undefined;
      },
    });
  }
  const context = (name: string) => contexts.get(name) as ExtensionContext<unknown, unknown>;
  const phases: WeeklyPhase[] = [];
  const placed = (where: 'before' | 'after' | 'replaces', anchor: string) =>
    definition.extensions.flatMap((extension) =>
      (extension.phases ?? [])
        .filter((phase) => phase[where] === anchor)
        .map((phase) => ({
          name: `${extension.name}: ${phase.name}`,
          run: () => extensionCode(extension.name, `phase ${phase.name}`, state.week, () => phase.run(context(extension.name))),
        })),
    );
  for (const builtIn of weeklyPhases) {
    phases.push(...placed('before', builtIn.name));
    const replacements = placed('replaces', builtIn.name);
    phases.push(...(replacements.length > 0 ? replacements : [builtIn]));
    phases.push(...placed('after', builtIn.name));
  }
  return { definition, phases, context };
}

/** The weekly measures of every extension, as `<extension>.<measure>` → value. */
export function weeklyMeasureValues(bound: BoundExtensions, records: readonly WeekRecord[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const extension of bound.definition.extensions)
    for (const [name, measure] of Object.entries(extension.weeklyMeasures ?? {}))
      values[`${extension.name}.${name}`] = measured(
        extension.name,
        `weekly measure ${name}`,
        bound.context(extension.name).state.week,
        () => measure.value({ ...bound.context(extension.name), records }),
      );
  return values;
}

/** The run-level measures of every extension, by extension then measure. */
export function runMeasureValues(bound: BoundExtensions, records: readonly WeekRecord[]): Record<string, Record<string, number>> {
  const values: Record<string, Record<string, number>> = {};
  for (const extension of bound.definition.extensions) {
    const measures = Object.entries(extension.runMeasures ?? {});
    if (measures.length === 0) continue;
    const context = { ...bound.context(extension.name), records };
    values[extension.name] = Object.fromEntries(
      measures.map(([name, measure]) => [
        name,
        measured(extension.name, `run measure ${name}`, context.state.week, () => measure.value(context)),
      ]),
    );
  }
  return values;
}

/** Every agent measure now, as `<extension>.<measure>` → one value per agent of its kind. */
export function agentMeasureValues(bound: BoundExtensions): Record<string, { agent: AgentKind; values: Float64Array }> {
  const counts: Record<AgentKind, (state: SimulationState) => number> = {
    household: (state) => state.households.count,
    department: (state) => state.departments.length,
    communityStaff: (state) => state.staff.length,
  };
  const measures: Record<string, { agent: AgentKind; values: Float64Array }> = {};
  for (const extension of bound.definition.extensions) {
    const context = bound.context(extension.name);
    for (const [name, measure] of Object.entries(extension.agentMeasures ?? {})) {
      const values = new Float64Array(counts[measure.agent](context.state));
      const part = `agent measure ${name}`;
      // One guard for the whole loop, which may run over millions of households: each value still checked as it comes.
      extensionCode(extension.name, part, context.state.week, () => {
        for (let agent = 0; agent < values.length; agent++) {
          const value: unknown = measure.value(context, agent);
          if (typeof value !== 'number')
            throw notANumber(extension.name, `${part} (${measure.agent} ${agent})`, context.state.week, value);
          values[agent] = value;
        }
      });
      measures[`${extension.name}.${name}`] = { agent: measure.agent, values };
    }
  }
  return measures;
}
