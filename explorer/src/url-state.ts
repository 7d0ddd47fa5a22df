/**
 * The explorer's whole state in the address's fragment (`#scenario=…&seed=…`),
 * so that a link reopens the same view: the scenario (by name, or a dropped-in
 * file's JSON inline), the mode of each run, the parameter overrides, the seed,
 * the week, the colouring of the community picture, the replicates of the
 * comparison and the playing speed. Plain functions, tested in Node.
 */
import { modePresets, type PresetName, presetNames } from 'govsim';
import { type ModeChoice, type ParameterOverrides, presetOf } from './setup.js';

/** What the households of the community picture are coloured by. */
export const colourings = ['awareness', 'satisfaction', 'engagement', 'trust'] as const;
export type Colouring = (typeof colourings)[number];

/** Everything a link holds. */
export interface ExplorerState {
  /** A bundled scenario's name (`z-street/case`), or `file` for a dropped-in scenario. */
  scenario: string;
  /** A dropped-in scenario: its file name and JSON as written. */
  file: { name: string; raw: Record<string, unknown> } | null;
  a: ModeChoice;
  b: ModeChoice;
  overrides: ParameterOverrides;
  /** The seed both runs share; null: replicate 0's seed of run A's scenario, as `govsim compare` would use. */
  seed: number | null;
  /** Weeks simulated. */
  week: number;
  colouring: Colouring;
  /** Paired replicates of the comparison. */
  replicates: number;
  /** Weeks per second while playing; 0 as fast as the engine goes. */
  speed: number;
}

/** The most replicates the explorer runs in one comparison. */
export const maximumReplicates = 1000;

/** The playing speeds the page offers, in weeks per second (0: as fast as the engine goes). */
export const speeds: readonly number[] = [1, 2, 5, 10, 25, 0];

/** The defaults of everything but the scenario. */
export function defaultState(scenario: string): ExplorerState {
  return {
    scenario,
    file: null,
    a: 'scenario',
    b: 'scenario',
    overrides: {},
    seed: null,
    week: 0,
    colouring: 'awareness',
    replicates: 20,
    speed: 10,
  };
}

function encodeMode(choice: ModeChoice): string {
  if (choice === 'scenario') return 'scenario';
  return (
    presetOf(choice) ??
    [
      choice.participation ? 'on' : 'off',
      choice.integration ? 'on' : 'off',
      choice.pressure,
      choice.renewal === 'paused' ? 'paused' : 'active',
    ].join(',')
  );
}

function decodeMode(text: string | null): ModeChoice | null {
  if (text === null) return null;
  if (text === 'scenario') return 'scenario';
  if ((presetNames as readonly string[]).includes(text)) return { ...modePresets[text as PresetName] };
  const [participation, integration, pressure, renewal] = text.split(',');
  const switches = ['on', 'off'];
  if (
    participation === undefined ||
    integration === undefined ||
    !switches.includes(participation) ||
    !switches.includes(integration) ||
    (pressure !== 'high' && pressure !== 'low') ||
    (renewal !== 'active' && renewal !== 'paused')
  )
    return null;
  return { participation: participation === 'on', integration: integration === 'on', pressure, renewal };
}

/** UTF-8 text as base64url (no padding). */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The inverse of {@link toBase64Url}. */
export function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The prefix of parameter overrides in the fragment: `set.parameters.docking.confirmationChance=0.7`. */
const overridePrefix = 'set.';

/** The state as a fragment (without `#`); keys in a fixed order so the same state gives the same text. */
export function encodeState(state: ExplorerState): string {
  const parameters = new URLSearchParams();
  parameters.set('scenario', state.scenario);
  if (state.file !== null) {
    parameters.set('file', state.file.name);
    parameters.set('data', toBase64Url(JSON.stringify(state.file.raw)));
  }
  parameters.set('a', encodeMode(state.a));
  parameters.set('b', encodeMode(state.b));
  if (state.seed !== null) parameters.set('seed', String(state.seed));
  parameters.set('week', String(state.week));
  parameters.set('colour', state.colouring);
  parameters.set('replicates', String(state.replicates));
  parameters.set('speed', String(state.speed));
  for (const path of Object.keys(state.overrides).sort())
    parameters.set(`${overridePrefix}${path}`, String(state.overrides[path]));
  return parameters.toString();
}

/** A whole number from `text` within [minimum, maximum], or null. */
function wholeNumber(text: string | null, minimum: number, maximum: number): number | null {
  if (text === null || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= minimum && value <= maximum ? value : null;
}

/**
 * The state a fragment describes, over the defaults of `fallbackScenario`;
 * each part that cannot be read is left at its default and named in `problems`.
 */
export function decodeState(fragment: string, fallbackScenario: string): { state: ExplorerState; problems: string[] } {
  const parameters = new URLSearchParams(fragment.replace(/^#/, ''));
  const problems: string[] = [];
  const state = defaultState(parameters.get('scenario') ?? fallbackScenario);
  if (state.scenario === 'file') {
    const data = parameters.get('data');
    try {
      const raw = JSON.parse(fromBase64Url(data ?? '')) as unknown;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object');
      state.file = { name: parameters.get('file') ?? 'scenario.json', raw: raw as Record<string, unknown> };
    } catch {
      problems.push('the link’s scenario file could not be read');
      state.scenario = fallbackScenario;
    }
  }
  for (const key of ['a', 'b'] as const) {
    const text = parameters.get(key);
    const choice = decodeMode(text);
    if (choice !== null) state[key] = choice;
    else if (text !== null)
      problems.push(`mode ${key.toUpperCase()}: "${text}" is not a preset or on|off,on|off,high|low,active|paused`);
  }
  const seedText = parameters.get('seed');
  if (seedText !== null) {
    const seed = wholeNumber(seedText, 0, Number.MAX_SAFE_INTEGER);
    if (seed === null) problems.push(`seed: "${seedText}" is not a whole number ≥ 0`);
    state.seed = seed;
  }
  // A part given but not readable is named, never dropped without a word.
  const weekText = parameters.get('week');
  const week = wholeNumber(weekText, 0, 5200);
  if (week !== null) state.week = week;
  else if (weekText !== null) problems.push(`week: "${weekText}" is not a whole number from 0 to 5200`);
  const colouring = parameters.get('colour');
  if (colouring !== null && (colourings as readonly string[]).includes(colouring)) state.colouring = colouring as Colouring;
  else if (colouring !== null) problems.push(`colour: "${colouring}" is not one of ${colourings.join(', ')}`);
  const replicatesText = parameters.get('replicates');
  const replicates = wholeNumber(replicatesText, 2, maximumReplicates);
  if (replicates !== null) state.replicates = replicates;
  else if (replicatesText !== null)
    problems.push(`replicates: "${replicatesText}" is not a whole number from 2 to ${maximumReplicates}`);
  const speedText = parameters.get('speed');
  const speed = wholeNumber(speedText, 0, 1000);
  if (speed !== null && speeds.includes(speed)) state.speed = speed;
  else if (speedText !== null) problems.push(`speed: "${speedText}" is not one of ${speeds.join(', ')} weeks a second`);
  for (const [key, text] of parameters) {
    if (!key.startsWith(overridePrefix)) continue;
    const value = Number(text);
    const path = key.slice(overridePrefix.length);
    if (text.trim() === '' || !Number.isFinite(value)) problems.push(`${path}: "${text}" is not a number`);
    // An object drops a key named __proto__ (it sets the prototype): said, as any part that cannot be taken.
    else if (path === '__proto__') problems.push(`${path}: not a parameter of the scenario`);
    else state.overrides[path] = value;
  }
  return { state, problems };
}
