/**
 * A model to drive week by week: create it from a scenario and a seed, `step()`
 * or `run(weeks)`, read its agents (`state`) and weekly records between steps,
 * take a `snapshot()` and `restoreModel()` it later — in another process, on
 * another machine — to continue exactly as if the run had never stopped.
 *
 * A snapshot is versioned JSON: the scenario, the seed, the week, the state
 * (typed arrays as base64 of their bytes, maps as entries, non-finite numbers
 * tagged), every random stream's generator state and the records so far.
 * {@link runScenario} drives this same object, so the two cannot drift.
 */
import { finishSteps, type RandomSource, type RandomSourceSnapshot, restoreRandomSource, type Steps } from '../core/index.js';
import { givenValue } from '../core/problems.js';
import { randomSnapshotProblems } from '../core/random.js';
import { meanOf, type RunSummary, recordWeek, summariseRun, type WeekRecord } from '../metrics/index.js';
import { type SimulationState, stepWeek } from '../model/index.js';
import {
  isParsedScenario,
  parseExtendedScenario,
  type Scenario,
  ScenarioError,
  type ScenarioInput,
  type ScenarioProblem,
} from '../scenario/index.js';
import {
  type AgentKind,
  agentMeasureValues,
  type BoundExtensions,
  bindExtensions,
  type ModelDefinition,
  modelDefinitionProblems,
  runMeasureValues,
  weeklyMeasureValues,
} from './definition.js';
import type { RunResult } from './run.js';
import { runSeed } from './seeds.js';
import { stateShapeProblems } from './snapshot-shape.js';
import { builtWorld, builtWorldSteps } from './world-cache.js';

export { givenValue };

/** The format version of snapshots this code writes and reads. */
export const snapshotFormatVersion = 1;

/** A model's whole state as plain JSON. */
export interface ModelSnapshot {
  /** What the object is: always `govsim-model-snapshot`. */
  format: 'govsim-model-snapshot';
  /** The snapshot format's version: a snapshot of another version is refused. */
  version: number;
  /** The scenario as parsed (defaults filled). */
  scenario: Scenario;
  /** The run's seed (its random streams derive from it). */
  seed: number;
  /** The model definition's name and its extensions' names, when the model was extended. */
  model: { name: string; extensions: string[] } | null;
  /** Weeks run so far: the next step is week `week + 1`. */
  week: number;
  /** Mean trust and satisfaction when the world was built (the summary's starting point). */
  start: { trust: number; satisfaction: number };
  /** Where every random stream stands. */
  random: RandomSourceSnapshot;
  /** The simulation state, encoded (see {@link encodeValue}). */
  state: unknown;
  /** The weekly records so far, encoded like the state. */
  records: unknown;
}

/** Options of {@link createModel}: the seed, or the replicate whose seed to derive (default 0); a model definition with extensions. */
export interface ModelOptions {
  /** The run's seed (a whole number from 0 to 2^53 − 1); given, it is used as it is and `replicate` is not read. */
  seed?: number;
  /** The replicate (default 0): the seed is derived from the scenario's seed and world and this number. */
  replicate?: number;
  /** A model definition with extensions (`defineModel`); the built-in model without. */
  model?: ModelDefinition;
  /** Whether to keep a copy of the built world for a later run on the same world and seed (default true). */
  keepWorld?: boolean;
}

/** The most weeks a run may have: the scenario schema's limit on `weeks`. */
export const maximumWeeks = 5200;

/** The options {@link createModel} takes. */
const modelOptionNames: ReadonlyArray<keyof ModelOptions> = ['seed', 'replicate', 'model', 'keepWorld'];

/**
 * What a whole number from `minimum` to `maximum` is expected to be, in an error message: "a whole number from 1 to
 * 100"; "a whole number ≥ 1" where the maximum is 2^53 − 1, the largest whole number a number holds exactly, unless
 * `given` is past it, which is then said.
 * @example wholeNumberExpected(0, Number.MAX_SAFE_INTEGER, 2 ** 60) // 'a whole number from 0 to 9007199254740991 (2^53 − 1)'
 */
export function wholeNumberExpected(minimum: number, maximum: number, given?: unknown): string {
  if (maximum < Number.MAX_SAFE_INTEGER) return `a whole number from ${minimum} to ${maximum}`;
  if (typeof given === 'number' && given > Number.MAX_SAFE_INTEGER)
    return `a whole number from ${minimum} to ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`;
  return `a whole number ≥ ${minimum}`;
}

/**
 * Problems with the options of a run, a model or a comparison (none for sound
 * ones): an option not among `known` (and nothing else about it); of those
 * known, weeks a whole number from 1 to {@link maximumWeeks}; replicate and
 * seed non-negative whole numbers; replicates a whole number from 1; observe,
 * onProgress and observer functions; keepWorld true or false; model a sound
 * definition.
 */
export function optionProblems(options: unknown, known: readonly string[]): ScenarioProblem[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    return [{ path: '(top level)', message: `expected an object of options, got ${givenValue(options)}` }];
  const given = options as Record<string, unknown>;
  const problems: ScenarioProblem[] = [];
  for (const key of Object.keys(given))
    if (!known.includes(key)) problems.push({ path: key, message: `unknown option (expected ${known.join(', ')})` });
  /** The value of a known option, when given. */
  const knownValue = (name: string): unknown => (known.includes(name) ? given[name] : undefined);
  const wholeNumber = (name: string, minimum: number, maximum: number) => {
    const value = knownValue(name);
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum || value > maximum)
      problems.push({
        path: name,
        message: `expected ${wholeNumberExpected(minimum, maximum, value)}, got ${givenValue(value)}`,
      });
  };
  wholeNumber('weeks', 1, maximumWeeks);
  wholeNumber('replicate', 0, Number.MAX_SAFE_INTEGER);
  wholeNumber('seed', 0, Number.MAX_SAFE_INTEGER);
  wholeNumber('replicates', 1, Number.MAX_SAFE_INTEGER);
  for (const name of ['observe', 'onProgress', 'observer']) {
    const value = knownValue(name);
    if (value !== undefined && typeof value !== 'function')
      problems.push({ path: name, message: `expected a function, got ${givenValue(value)}` });
  }
  const keepWorld = knownValue('keepWorld');
  if (keepWorld !== undefined && typeof keepWorld !== 'boolean')
    problems.push({ path: 'keepWorld', message: `expected true or false, got ${givenValue(keepWorld)}` });
  const model = knownValue('model');
  if (model !== undefined)
    for (const problem of modelDefinitionProblems(model as ModelDefinition))
      problems.push({ path: problem.path === '' ? 'model' : `model.${problem.path}`, message: problem.message });
  return problems;
}

/** A model in progress. */
export interface Model {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Weeks simulated so far. */
  readonly week: number;
  /** The agents and everything else the mechanisms change. Read it; do not change it. */
  readonly state: SimulationState;
  /** One record per week simulated so far. */
  readonly records: readonly WeekRecord[];
  /**
   * Simulates one week and returns its record. The scenario's `weeks` is a horizon, not a limit: past it the model
   * goes on under the same rules (as `runScenario` with a larger `weeks` option does).
   */
  step(): WeekRecord;
  /**
   * Simulates `weeks` more weeks (default: up to the scenario's horizon, none once it is reached) and returns their
   * records; asked for more, the model goes on past the horizon, as {@link Model.step} does.
   */
  run(weeks?: number): WeekRecord[];
  /** The summary of the weeks so far. */
  summary(): RunSummary;
  /** The run so far, as {@link runScenario} returns it. */
  result(): RunResult;
  /** The extensions' agent measures now: `<extension>.<measure>` → one value per agent of its kind. */
  agentMeasures(): Record<string, { agent: AgentKind; values: Float64Array }>;
  /** The whole model as versioned JSON, to continue later with {@link restoreModel}. */
  snapshot(): ModelSnapshot;
}

class SteppedModel implements Model {
  readonly records: WeekRecord[];

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    private readonly random: RandomSource,
    readonly state: SimulationState,
    private readonly start: { trust: number; satisfaction: number },
    private readonly extensions: BoundExtensions | null,
    records: WeekRecord[] = [],
  ) {
    this.records = records;
  }

  get week(): number {
    return this.state.week;
  }

  step(): WeekRecord {
    if (this.state.week >= maximumWeeks)
      throw new ScenarioError(
        'model',
        [{ path: 'week', message: `a run ends by week ${maximumWeeks} (100 years), the most a scenario may have` }],
        'step',
      );
    if (this.extensions === null) stepWeek(this.state, this.random);
    else stepWeek(this.state, this.random, undefined, this.extensions.phases);
    const record = recordWeek(this.state);
    this.records.push(record);
    if (this.extensions !== null) record.extensions = weeklyMeasureValues(this.extensions, this.records);
    return record;
  }

  run(weeks = Math.max(0, this.scenario.weeks - this.week)): WeekRecord[] {
    if (!Number.isSafeInteger(weeks) || weeks < 0)
      throw new ScenarioError(
        'model',
        [{ path: 'weeks', message: `expected a whole number ≥ 0, got ${givenValue(weeks)}` }],
        'run',
      );
    const records: WeekRecord[] = [];
    for (let week = 0; week < weeks; week++) records.push(this.step());
    return records;
  }

  summary(): RunSummary {
    if (this.records.length === 0)
      throw new ScenarioError('model', [{ path: 'week', message: 'no week simulated yet: step() first' }], 'summary');
    const summary = summariseRun(this.state, this.records, this.start);
    if (this.extensions !== null) summary.extensions = runMeasureValues(this.extensions, this.records);
    return summary;
  }

  agentMeasures(): Record<string, { agent: AgentKind; values: Float64Array }> {
    return this.extensions === null ? {} : agentMeasureValues(this.extensions);
  }

  result(): RunResult {
    return {
      scenarioName: this.scenario.name,
      seed: this.seed,
      weeks: this.records,
      summary: this.summary(),
      events: this.state.leadership.events,
      milestones: { ...this.state.milestones },
    };
  }

  snapshot(): ModelSnapshot {
    const { scenario: _scenario, ...rest } = this.state;
    return {
      format: 'govsim-model-snapshot',
      version: snapshotFormatVersion,
      scenario: this.scenario,
      seed: this.seed,
      model:
        this.extensions === null
          ? null
          : {
              name: this.extensions.definition.name,
              extensions: this.extensions.definition.extensions.map((extension) => extension.name),
            },
      week: this.week,
      start: { ...this.start },
      random: this.random.snapshot(),
      state: encodeValue(rest),
      records: encodeValue(this.records),
    };
  }
}

/**
 * A model of `input` (a parsed scenario, or a scenario object to validate)
 * with its world built and no week simulated yet.
 * @example
 * const model = createModel(parseScenario({ name: 'y', mode: 'co-production' }), { replicate: 0 });
 * model.run(52);
 * const saved = JSON.stringify(model.snapshot());
 * const resumed = restoreModel(JSON.parse(saved));
 * resumed.run(52); // the same as 104 weeks without stopping
 */
export function createModel(input: Scenario | ScenarioInput, options: ModelOptions = {}): Model {
  const problems = optionProblems(options, modelOptionNames);
  if (problems.length > 0) throw new ScenarioError('model options', problems, 'model options');
  const scenario = isParsedScenario(input) ? input : parseExtendedScenario(input, options.model?.extensions ?? []);
  return modelOf(scenario, options);
}

/** The model of a parsed scenario, its options already checked (by {@link createModel}, or by `runScenario`'s own check). */
export function modelOf(scenario: Scenario, options: ModelOptions): Model {
  return finishSteps(modelOfSteps(scenario, options));
}

/** {@link modelOf} in steps, yielding while its world is drawn (after each community's households). */
export function* modelOfSteps(scenario: Scenario, options: ModelOptions): Steps<Model> {
  const seed = options.seed ?? runSeed(scenario, options.replicate ?? 0);
  const { state, random } = yield* builtWorldSteps(scenario, seed, { keep: options.keepWorld ?? true });
  const start = { trust: meanOf(state.households.trust), satisfaction: meanOf(state.households.satisfaction) };
  const bound = bindModel(options.model, scenario, state, random);
  return new SteppedModel(scenario, seed, random, state, start, bound);
}

/** Binds a definition's extensions to a run; a scenario with extension parameters needs the model that defines them. */
function bindModel(
  model: ModelDefinition | undefined,
  scenario: Scenario,
  state: SimulationState,
  random: RandomSource,
): BoundExtensions | null {
  if (model !== undefined && model.extensions.length > 0) return bindExtensions(model, scenario, state, random);
  const names = Object.keys(scenario.extensions ?? {});
  if (names.length > 0)
    throw new ScenarioError(
      scenario.name,
      names.map((name) => ({
        path: `extensions.${name}`,
        message: `parameters of an extension "${name}": run with the model that defines it`,
      })),
    );
  return null;
}

/**
 * A model continuing exactly where `snapshot` was taken: its next steps give
 * the same records, byte for byte, as the run that was never stopped.
 * @throws ScenarioError when the snapshot is not one this version can read, or its parts disagree: its week, records
 *   and random streams, or its state and the world its scenario and seed build (a key missing, a typed array of
 *   another type or length), each named by its path
 * @throws ScenarioError (source "restore options") naming the option, when an option is unknown (`model` is the
 *   only one) or `model` is not a sound definition
 * @example
 * const resumed = restoreModel(JSON.parse(savedText));
 * resumed.run(); // on to the horizon
 */
export function restoreModel(snapshot: ModelSnapshot, options: { model?: ModelDefinition } = {}): Model {
  const optionsProblems = optionProblems(options, ['model']);
  if (optionsProblems.length > 0) throw new ScenarioError('restore options', optionsProblems, 'restore options');
  const problems: ScenarioProblem[] = [];
  if (snapshot === null || typeof snapshot !== 'object')
    throw new ScenarioError('snapshot', [{ path: '(top level)', message: 'expected a model snapshot object' }], 'model snapshot');
  if (snapshot.format !== 'govsim-model-snapshot')
    problems.push({ path: 'format', message: 'expected "govsim-model-snapshot": not a model snapshot' });
  else if (snapshot.version !== snapshotFormatVersion)
    problems.push({
      path: 'version',
      message: `expected snapshot format ${snapshotFormatVersion}, got ${String(snapshot.version)}; take the snapshot again with this version`,
    });
  const expected = Array.isArray(snapshot.model?.extensions) ? snapshot.model.extensions : [];
  const given = options.model?.extensions.map((extension) => extension.name) ?? [];
  if (expected.join('\u0000') !== given.join('\u0000'))
    problems.push({
      path: 'model',
      message: `taken with ${expected.length === 0 ? 'the built-in model' : `the model ${snapshot.model?.name} (extensions ${expected.join(', ')})`}; restore it with the same model, not ${given.length === 0 ? 'the built-in one' : `extensions ${given.join(', ')}`}`,
    });
  if (problems.length > 0) throw new ScenarioError('snapshot', problems, 'model snapshot');
  const scenario = parseExtendedScenario(snapshot.scenario, options.model?.extensions ?? [], 'snapshot.scenario');
  const decoded = (path: 'state' | 'records'): unknown => {
    try {
      return decodeValue(snapshot[path]);
    } catch (error) {
      throw new ScenarioError('snapshot', [{ path, message: `damaged: ${(error as Error).message}` }], 'model snapshot');
    }
  };
  const state = { ...(decoded('state') as object), scenario } as SimulationState;
  const records = decoded('records') as WeekRecord[];
  // What a damaged or edited snapshot shows first: its parts disagree on how far the run has gone.
  const week = snapshot.week;
  if (!Number.isSafeInteger(week) || week < 0 || week > maximumWeeks)
    problems.push({ path: 'week', message: `expected a whole number from 0 to ${maximumWeeks}, got ${String(week)}` });
  if (!Number.isSafeInteger(snapshot.seed) || snapshot.seed < 0)
    problems.push({ path: 'seed', message: `expected a non-negative whole number, got ${String(snapshot.seed)}` });
  const start = snapshot.start as Partial<Record<'trust' | 'satisfaction', unknown>> | null | undefined;
  if (typeof start?.trust !== 'number' || typeof start.satisfaction !== 'number')
    problems.push({ path: 'start', message: 'damaged: expected the mean trust and satisfaction when the world was built' });
  const randomProblems = randomSnapshotProblems(snapshot.random, 'random');
  problems.push(...randomProblems);
  // The streams the run goes on with are the random snapshot's: a seed edited apart from them would be reported, not used.
  if (randomProblems.length === 0 && snapshot.random.seed !== snapshot.seed)
    problems.push({
      path: 'seed',
      message: `damaged: the random streams were seeded with ${snapshot.random.seed}, not ${String(snapshot.seed)}`,
    });
  if (state.week !== week || typeof state.households !== 'object' || state.households === null)
    problems.push({ path: 'state', message: `damaged: expected the state of week ${String(week)} with its households` });
  if (!Array.isArray(records) || records.length !== week)
    problems.push({
      path: 'records',
      message: `damaged: expected ${String(week)} weekly records, got ${Array.isArray(records) ? records.length : typeof records}`,
    });
  // The state must have the shape of the world its scenario and seed build: a cut or edited array would run on.
  if (problems.length === 0)
    problems.push(...stateShapeProblems(builtWorld(scenario, snapshot.seed, { keep: false }).state, state));
  if (problems.length > 0) throw new ScenarioError('snapshot', problems, 'model snapshot');
  const random = restoreRandomSource(snapshot.random);
  const bound = bindModel(options.model, scenario, state, random);
  return new SteppedModel(scenario, snapshot.seed, random, state, { ...snapshot.start }, bound, records);
}

const typedArrays = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type TypedArrayName = keyof typeof typedArrays;

function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 0x8000)
    text += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(text);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * A value as plain JSON: typed arrays become `{ $typed, base64 }` (their
 * bytes, little-endian as every platform govsim runs on), maps
 * `{ $map: entries }`, and NaN and infinities `{ $number: "NaN" }`.
 */
export function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name as TypedArrayName;
    if (!(name in typedArrays)) throw new TypeError(`cannot encode a ${name}`);
    return { $typed: name, base64: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (value instanceof Map) return { $map: [...value].map(([key, member]) => [encodeValue(key), encodeValue(member)]) };
  if (Array.isArray(value)) return value.map(encodeValue);
  const encoded: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) encoded[key] = encodeValue(member);
  return encoded;
}

/** The inverse of {@link encodeValue}. */
export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const record = value as Record<string, unknown>;
  if (typeof record.$number === 'string') return Number(record.$number);
  if (typeof record.$typed === 'string' && typeof record.base64 === 'string') {
    const arrayType = typedArrays[record.$typed as TypedArrayName];
    if (arrayType === undefined) throw new TypeError(`unknown typed array ${record.$typed}`);
    const bytes = base64ToBytes(record.base64);
    return new arrayType(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / arrayType.BYTES_PER_ELEMENT);
  }
  if (Array.isArray(record.$map))
    return new Map((record.$map as Array<[unknown, unknown]>).map(([key, member]) => [decodeValue(key), decodeValue(member)]));
  const decoded: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(record)) decoded[key] = decodeValue(member);
  return decoded;
}
