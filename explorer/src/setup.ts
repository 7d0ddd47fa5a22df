/**
 * What the explorer runs: a scenario as written, the parameter overrides set
 * with the sliders, and for each of the two runs (A and B) a mode choice —
 * the scenario's own mode (its timeline and switch rule included) or a
 * setting of the four mechanisms held throughout. Plain functions of data,
 * shared by the page and the worker and tested in Node.
 */
import {
  applyOverrides,
  type ModeSettings,
  modePresets,
  type ParameterRow,
  type PresetName,
  presetNames,
  resolveMode,
  type Scenario,
  ScenarioError,
  type ScenarioProblem,
} from 'govsim';

/** A run's mode: the scenario's own (`'scenario'`), or mechanism settings held for the whole run. */
export type ModeChoice = 'scenario' | ModeSettings;

/** The two runs shown side by side. */
export type RunKey = 'a' | 'b';

/** Parameter overrides: scenario path (as in `parameterRows()`) → value. */
export type ParameterOverrides = Record<string, number>;

/** The preset whose settings equal `settings`, or null. */
export function presetOf(settings: ModeSettings): PresetName | null {
  for (const name of presetNames) {
    const preset = modePresets[name];
    if (
      preset.participation === settings.participation &&
      preset.integration === settings.integration &&
      preset.pressure === settings.pressure &&
      preset.renewal === settings.renewal
    )
      return name;
  }
  return null;
}

/** A short label of a mode choice: "as written", a preset's name, or the mechanisms switched on. */
export function modeChoiceLabel(choice: ModeChoice): string {
  if (choice === 'scenario') return 'as written';
  const preset = presetOf(choice);
  if (preset !== null) return preset;
  const parts = [
    choice.participation ? 'participation' : null,
    choice.integration ? 'integration' : null,
    `${choice.pressure} pressure`,
    choice.renewal === 'paused' ? 'paused' : null,
  ];
  return parts.filter((part) => part !== null).join(' + ');
}

/** The mechanism settings a scenario starts with (its `mode`, before any timeline entry or switch). */
export function startingMode(raw: unknown): ModeSettings | null {
  const mode = (raw as { mode?: unknown } | null)?.mode;
  if (typeof mode === 'string' && (presetNames as readonly string[]).includes(mode)) return resolveMode(mode as PresetName);
  if (mode !== null && typeof mode === 'object') {
    const settings = mode as Partial<ModeSettings>;
    if (
      typeof settings.participation === 'boolean' &&
      typeof settings.integration === 'boolean' &&
      (settings.pressure === 'high' || settings.pressure === 'low')
    )
      return resolveMode({
        participation: settings.participation,
        integration: settings.integration,
        pressure: settings.pressure,
        renewal: settings.renewal === 'paused' ? 'paused' : 'active',
      });
  }
  return null;
}

/** Whether a scenario changes mode during the run (a timeline or a switch rule). */
export function changesMode(raw: unknown): boolean {
  const scenario = raw as { timeline?: unknown; switchRule?: unknown } | null;
  return (Array.isArray(scenario?.timeline) && scenario.timeline.length > 0) || (scenario?.switchRule ?? null) !== null;
}

/**
 * The runs a scenario is first shown with: A as written; B its starting mode
 * held throughout when it changes mode (what would have happened without the
 * change), else the contrasting preset (co-production for a scenario without
 * participation, administrative-led otherwise).
 */
export function defaultModeChoices(raw: unknown): Record<RunKey, ModeChoice> {
  const start = startingMode(raw) ?? resolveMode('administrative-led');
  if (changesMode(raw)) return { a: 'scenario', b: start };
  return { a: 'scenario', b: resolveMode(start.participation ? 'administrative-led' : 'co-production') };
}

/** The scenario as written with `choice` applied: a mode held throughout drops the timeline and switch rule. */
export function withModeChoice(raw: Record<string, unknown>, choice: ModeChoice): Record<string, unknown> {
  if (choice === 'scenario') return raw;
  const { timeline: _timeline, switchRule: _switchRule, ...rest } = raw;
  const preset = presetOf(choice);
  const name = typeof raw.name === 'string' ? raw.name : 'scenario';
  return { ...rest, name: `${name} (${modeChoiceLabel(choice)} throughout)`, mode: preset ?? { ...choice } };
}

/**
 * The scenario a run simulates: the scenario as written, its mode choice,
 * then the overrides, validated like any scenario file.
 * @throws ScenarioError naming the field when the result is not a valid scenario
 */
export function runScenarioOf(
  raw: Record<string, unknown>,
  choice: ModeChoice,
  overrides: ParameterOverrides,
  source = 'scenario',
): Scenario {
  try {
    return applyOverrides(withModeChoice(raw, choice), overrides, source);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    // An override path outside the schema: report it at that path.
    const message = error instanceof Error ? error.message : String(error);
    const path = /"([^"]+)"/.exec(message)?.[1] ?? '';
    throw new ScenarioError(source, [{ path, message }]);
  }
}

/** A problem's path with list indices replaced by `[]`, to find the parameter row it belongs to. */
export function rowPathOf(problem: ScenarioProblem): string {
  return problem.path.replace(/\[\d+\]/g, '[]');
}

/** The value at a parameter row's path in a scenario (the first element where the path goes through a list). */
export function valueAtPath(scenario: unknown, path: string): unknown {
  return valuesAtPath(scenario, path)[0];
}

/** Every value at a parameter row's path in a scenario: one per element where the path goes through lists. */
export function valuesAtPath(scenario: unknown, path: string): unknown[] {
  let values: unknown[] = [scenario];
  for (const part of path.split('.')) {
    const list = part.endsWith('[]');
    const key = list ? part.slice(0, -2) : part;
    values = values.flatMap((value) => {
      if (value === null || typeof value !== 'object') return [];
      const child = (value as Record<string, unknown>)[key];
      if (!list) return [child];
      return Array.isArray(child) ? child : [];
    });
  }
  return values;
}

/**
 * How a scenario's value at a row's path reads: the value, or, where the path goes through a list whose elements
 * differ (the communities of a street), their range and count — a value set with the slider replaces them all.
 */
export function scenarioValueText(scenario: unknown, path: string): string {
  const values = valuesAtPath(scenario, path).filter((value): value is number => typeof value === 'number');
  if (values.length === 0) return 'not in this scenario';
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low === high) return String(low);
  return `${low}–${high} over ${values.length}; a value set here replaces them all`;
}

/** A group of parameters shown together. */
export interface ParameterGroup {
  key: string;
  title: string;
  rows: ParameterRow[];
}

const groupTitles: Readonly<Record<string, string>> = {
  world: 'World',
  staff: 'Community staff',
  departments: 'Departments',
  docking: 'Docking',
  pressure: 'Pressure and audits',
  detection: 'Detection of duplicates and conflicts',
  jointMeetings: 'Joint meetings',
  mobilisation: 'Mobilisation',
  deliberation: 'Deliberation',
  residents: 'Residents',
  switchRule: 'Switch rule (scenarios that switch by themselves)',
};

/** The group of a parameter path: `world` for the world, the block below `parameters`, or the top-level key. */
function groupOf(path: string): string {
  const [first, second] = path.split('.');
  return first === 'parameters' ? (second ?? first) : (first ?? path);
}

/**
 * The parameters the explorer offers sliders for: every numeric parameter
 * with a plausible range (whatever its basis), grouped by the part of the
 * model it belongs to, in schema order.
 */
export function explorerParameterGroups(rows: readonly ParameterRow[]): ParameterGroup[] {
  const groups = new Map<string, ParameterGroup>();
  for (const row of rows) {
    if (row.plausibleRange === null || typeof row.defaultValue !== 'number') continue;
    if (row.plausibleRange[0] === row.plausibleRange[1]) continue;
    const key = groupOf(row.path);
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, title: groupTitles[key] ?? key, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return [...groups.values()];
}

/** A slider step for a plausible range: a 1, 2 or 5 times a power of ten, about a fortieth of the range (1 for whole numbers). */
export function sliderStep(row: ParameterRow): number {
  if (row.integer || row.plausibleRange === null) return 1;
  const span = row.plausibleRange[1] - row.plausibleRange[0];
  const target = span / 40;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [5, 2, 1].map((factor) => factor * power).find((candidate) => candidate <= target) ?? power;
  return Number(step.toPrecision(1));
}

/** A parameter's last path segment as words: `confirmationChance` → "confirmation chance". */
export function parameterLabel(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return last
    .replace(/\[\]$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bwe chat\b/g, 'WeChat');
}

/** What each basis tag means. */
export const basisMeanings: Readonly<Record<string, string>> = {
  P: 'stated in the paper',
  D: 'derived from the paper’s numbers',
  I: 'inferred from the paper’s argument',
  A: 'an assumption, to be swept',
  L: 'from other literature',
};
