/**
 * The explorer page: pick or drop in a scenario, set the modes of two runs and
 * the parameters, play, pause, step and reset; the weekly charts, the picture
 * of the community and the paired comparison follow. The engine runs in Web
 * Workers, so the page never waits for it; the address holds the whole state.
 */
import 'uplot/dist/uPlot.min.css';
import './style.css';
import {
  droppedJsonKey,
  formatNumber,
  formatPValue,
  headlineMetrics,
  jsonSyntaxMessage,
  lineAndColumn,
  type MetricComparison,
  type ModeSettings,
  modePresets,
  type ParameterRow,
  type PresetName,
  parameterRows,
  parseScenario,
  presetNames,
  runSeed,
  type Scenario,
  ScenarioError,
  type ScenarioProblem,
  toJson,
  type WeekRecord,
  weeksToCsv,
} from 'govsim';
import { type CatalogEntry, catalog, servedCases } from './catalog.js';
import { chartedMeasures, countUnits, runColours, WeeklyCharts } from './charts.js';
import { ensureChineseFont } from './chinese-font.js';
import { communityDescription, drawCommunity } from './community.js';
import type { CommunityFrame, CommunityLayout } from './community-view.js';
import { combineReplicates, comparisonProgressText, replicateBlocks } from './comparison.js';
import type { EngineReply, EngineRequest, ReplicateRow } from './protocol.js';
import {
  basisMeanings,
  changesMode,
  defaultModeChoices,
  explorerParameterGroups,
  type ModeChoice,
  modeChoiceLabel,
  parameterLabel,
  presetOf,
  type RunKey,
  rowPathOf,
  runScenarioOf,
  scenarioValueText,
  sliderStep,
  startingMode,
  valueAtPath,
  valuesAtPath,
} from './setup.js';
import {
  type Colouring,
  decodeState,
  defaultState,
  type ExplorerState,
  encodeState,
  maximumReplicates,
  speeds,
} from './url-state.js';

const runKeys: readonly RunKey[] = ['a', 'b'];

/** The element with `id`, which the page must have. */
function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

/** A new element with a class and text. */
function make<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className !== '') created.className = className;
  if (text !== '') created.textContent = text;
  return created;
}

/** What a number box holds, quoted, for a message: the browser gives no value for text that is no number. */
function typedText(input: HTMLInputElement): string {
  return input.validity.badInput ? 'text that is not a number' : `"${input.value}"`;
}

/** A file name made of a scenario name. */
function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scenario'
  );
}

/** Offers `text` as a download named `name`. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = make('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A new engine worker (the one place the worker's module is named, so it is bundled once). */
function createEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
}

// ---------------------------------------------------------------- state

// The shipped scenarios, then those of the case folders `govsim explore <folder>…` serves with the site.
const casesAddress = document.querySelector('meta[name="govsim-cases"]')?.getAttribute('content') ?? null;
const served = await servedCases(casesAddress);
const entries: CatalogEntry[] = [...catalog(), ...served];
// A page opens on the first case folder served with it (what `govsim explore my-case/` was run to see), else Z Street.
const defaultScenarioId =
  served[0]?.id ?? (entries.some((entry) => entry.id === 'z-street/case') ? 'z-street/case' : (entries[0]?.id ?? ''));
const rows: ParameterRow[] = parameterRows();
/** A page of one column (style.css's narrow layout): the parameters come after the results. */
const narrowPage = window.matchMedia('(max-width: 900px)');
const groups = explorerParameterGroups(rows);

let state: ExplorerState = defaultState(defaultScenarioId);
/** The scenario as written (a bundled file or a dropped-in one). */
let raw: Record<string, unknown> = {};
/** The scenario as written, parsed: where the sliders' values come from. */
let baseScenario: Scenario | null = null;
/** The scenario each run simulates (mode and overrides applied), or null while they are invalid. */
let scenarios: Record<RunKey, Scenario> | null = null;
let playing = false;
let generation = 0;
let awaitingReset = false;
let resetQueued = false;
let firstFrameMarked = false;
let firstChartMarked = false;

interface RunView {
  records: WeekRecord[];
  events: Array<{ week: number; event: string }>;
  horizon: number;
  layout: CommunityLayout | null;
  picture: CommunityFrame | null;
}
const runViews: Record<RunKey, RunView> = {
  a: { records: [], events: [], horizon: 0, layout: null, picture: null },
  b: { records: [], events: [], horizon: 0, layout: null, picture: null },
};

// ---------------------------------------------------------------- messages

const messages = element<HTMLDivElement>('messages');

/**
 * Marks a parameter's field, and its slider and box for a screen reader, as holding an invalid value, or not. A
 * problem of a refused file (`ofFile`) is marked on the field alone: the value the slider and box hold, the scenario on
 * screen's, is not the one refused, and a screen reader would call it invalid.
 */
function markInvalid(field: HTMLElement, invalid: boolean, ofFile = false): void {
  field.classList.toggle('invalid', invalid);
  for (const input of field.querySelectorAll('input')) {
    if (invalid && !ofFile) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/**
 * Lists `problems` under `title`, and marks the sliders they concern. A file that was refused is not the scenario on
 * screen: its problems are marked at the sliders with the file named (`refusedFile`), since their values are not its.
 * With `append`, the list goes under those already shown, which stay, with their marks (a link's unreadable parts
 * under the problems of the scenario it opened).
 */
function showProblems(
  title: string,
  problems: readonly ScenarioProblem[],
  refusedFile?: string,
  { append = false }: { append?: boolean } = {},
): void {
  if (!append) {
    messages.replaceChildren();
    for (const field of document.querySelectorAll<HTMLElement>('.parameter.invalid')) {
      markInvalid(field, false);
      const problem = field.querySelector('.problem');
      if (problem !== null) problem.textContent = '';
    }
  }
  if (problems.length === 0 && title === '') return;
  messages.append(make('strong', '', title));
  const list = make('ul');
  for (const problem of problems) {
    const item = make('li');
    item.dataset.path = problem.path;
    if (problem.path !== '') item.append(make('code', '', problem.path), ': ');
    item.append(problem.message);
    list.append(item);
    const field = document.querySelector<HTMLElement>(`.parameter[data-path="${CSS.escape(rowPathOf(problem))}"]`);
    if (field !== null) {
      markInvalid(field, true, refusedFile !== undefined);
      const slot = field.querySelector('.problem');
      if (slot !== null)
        slot.textContent = refusedFile === undefined ? problem.message : `in ${refusedFile} (not opened): ${problem.message}`;
      const group = field.closest('details');
      if (group !== null) group.open = true;
    }
  }
  if (problems.length > 0) messages.append(list);
  // The list is at the top of the page: bring it into view, the field being edited may be far below.
  messages.scrollIntoView?.({ block: 'nearest' });
}

function clearProblems(): void {
  showProblems('', []);
}

// ---------------------------------------------------------------- scenario picker and files

const scenarioSelect = element<HTMLSelectElement>('scenario');
const description = element<HTMLParagraphElement>('scenario-description');

function buildScenarioPicker(): void {
  const own = make('optgroup');
  own.label = 'Scenarios';
  const cases = new Map<string, HTMLOptGroupElement>();
  for (const entry of entries) {
    const option = make('option', '', entry.id);
    option.value = entry.id;
    option.title = entry.description;
    if (entry.caseName === null) own.append(option);
    else {
      let group = cases.get(entry.caseName);
      if (group === undefined) {
        group = make('optgroup');
        group.label = `Case: ${entry.caseName}`;
        cases.set(entry.caseName, group);
      }
      group.append(option);
    }
  }
  scenarioSelect.append(own, ...cases.values());
  const file = make('option', '', 'a dropped-in file');
  file.value = 'file';
  file.disabled = true;
  scenarioSelect.append(file);
  scenarioSelect.addEventListener('change', () => {
    const entry = entries.find((candidate) => candidate.id === scenarioSelect.value);
    if (entry !== undefined) openScenario(entry.id, null, entry.raw);
  });
}

/** Opens a scenario afresh: its own modes, no overrides, its derived seed, week 0. */
function openScenario(id: string, file: ExplorerState['file'], written: Record<string, unknown>): void {
  // The entry of the scenario left holds its last state, also a change made less than the address's delay ago.
  recordAddress('replace');
  const defaults = defaultModeChoices(written);
  state = {
    ...defaultState(id),
    file,
    a: defaults.a,
    b: defaults.b,
    colouring: state.colouring,
    replicates: state.replicates,
    speed: state.speed,
  };
  raw = written;
  stopPlaying();
  refreshScenario();
  rebuild();
  // Another scenario is a new page of the history: the browser's Back returns to the one left, as it was (its
  // parameters, seed and week), rather than leaving the explorer. Changes within a scenario replace the entry.
  pushAddress();
}

/** The largest scenario file accepted, as by the command line: 16 MiB. */
const maximumFileBytes = 16 * 1024 * 1024;

/** Reads a dropped-in or chosen scenario file, validates it with the scenario schema and opens it. */
async function openFile(file: File): Promise<void> {
  if (file.size > maximumFileBytes) {
    showProblems(`${file.name}: not opened`, [{ path: '', message: `the file is larger than 16 MiB (${file.size} bytes)` }]);
    return;
  }
  let written: unknown;
  const text = await file.text();
  // Refused as the command line refuses it, in its words: the scenario shown stays.
  const refused = `${file.name}: invalid scenario, not opened (the scenario shown is unchanged)`;
  try {
    written = JSON.parse(text);
  } catch (error) {
    showProblems(refused, [
      { path: '', message: jsonSyntaxMessage(text, error instanceof Error ? error.message : String(error)) },
    ]);
    return;
  }
  if (written === null || typeof written !== 'object' || Array.isArray(written)) {
    const given =
      written === null ? 'null' : Array.isArray(written) ? 'a list' : typeof written === 'string' ? 'text' : String(written);
    showProblems(refused, [{ path: '', message: `expected an object, got ${given}` }]);
    return;
  }
  // As the command line: a key given twice (JSON.parse keeps the last) or named __proto__ would be lost without a word.
  const dropped = droppedJsonKey(text);
  if (dropped !== undefined) {
    const where = lineAndColumn(text, dropped.offset);
    showProblems(
      refused,
      [{ path: dropped.path, message: dropped.message(`line ${where.line}, column ${where.column}`) }],
      file.name,
    );
    return;
  }
  try {
    parseScenario(written, file.name);
  } catch (error) {
    if (error instanceof ScenarioError) {
      showProblems(`${file.name}: invalid scenario, not opened (the scenario shown is unchanged)`, error.problems, file.name);
      return;
    }
    throw error;
  }
  openScenario('file', { name: file.name, raw: written as Record<string, unknown> }, written as Record<string, unknown>);
}

function wireFiles(): void {
  const input = element<HTMLInputElement>('scenario-file');
  const zone = element<HTMLLabelElement>('drop-zone');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file !== undefined) void openFile(file);
    input.value = '';
  });
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void openFile(file);
  });
}

/**
 * Says which run the seed is: replicate 0 of run A's scenario as it now stands (what `govsim run` of its file gives,
 * and the first pair of a comparison), or not — after a change of its world, which draws its seeds, or another seed.
 */
function showSeedNote(ownSeed: number): void {
  element<HTMLElement>('seed-note').textContent =
    state.seed === ownSeed
      ? "Replicate 0 of run A's scenario: what govsim run gives it, and the first pair of a comparison."
      : `Not replicate 0 of run A's scenario as it now stands, whose seed is ${ownSeed} (govsim run gives that one, and a comparison starts from it): clear the box to use it.`;
}

/** Shows the scenario's name, description and parameter values. */
function refreshScenario(): void {
  scenarioSelect.value = state.scenario;
  const name = typeof raw.name === 'string' ? raw.name : '';
  const text = typeof raw.description === 'string' ? raw.description : '';
  description.textContent = state.file !== null ? `${state.file.name} (${name})${text === '' ? '' : `: ${text}`}` : text;
  void ensureChineseFont(description.textContent);
  try {
    baseScenario = parseScenario(raw, state.file?.name ?? state.scenario);
  } catch {
    baseScenario = null;
  }
  refreshModePanels();
  refreshParameters();
}

// ---------------------------------------------------------------- modes

interface ModePanel {
  select: HTMLSelectElement;
  toggles: Record<keyof ModeSettings, HTMLInputElement>;
  note: HTMLParagraphElement;
}
const modePanels = {} as Record<RunKey, ModePanel>;

function buildModePanels(): void {
  for (const key of runKeys) {
    const container = document.querySelector<HTMLElement>(`.run-mode[data-run="${key}"]`);
    if (container === null) continue;
    const label = make('label');
    const strong = make('strong', '', `Run ${key.toUpperCase()} `);
    strong.style.color = runColours[key];
    const select = make('select', 'mode-select');
    select.setAttribute('aria-label', `mode of run ${key.toUpperCase()}`);
    for (const value of ['scenario', ...presetNames, 'custom']) {
      const option = make(
        'option',
        '',
        value === 'custom' ? 'custom (set by the toggles below)' : value === 'scenario' ? 'as written' : value,
      );
      option.value = value;
      // A custom mode is made with the toggles; the menu shows it, but choosing it would set nothing.
      if (value === 'custom') option.disabled = true;
      select.append(option);
    }
    label.append(strong, select);
    const toggleBox = make('div', 'toggles');
    const toggles = {} as Record<keyof ModeSettings, HTMLInputElement>;
    const toggleLabels: Record<keyof ModeSettings, string> = {
      participation: 'participation',
      integration: 'integration',
      pressure: 'high pressure',
      renewal: 'renewal paused',
    };
    for (const mechanism of ['participation', 'integration', 'pressure', 'renewal'] as const) {
      const toggleLabel = make('label');
      const input = make('input');
      input.type = 'checkbox';
      input.dataset.mechanism = mechanism;
      input.setAttribute('aria-label', `run ${key.toUpperCase()}: ${toggleLabels[mechanism]}`);
      toggleLabel.append(input, ` ${toggleLabels[mechanism]}`);
      toggleBox.append(toggleLabel);
      toggles[mechanism] = input;
      input.addEventListener('change', () => {
        state[key] = {
          participation: toggles.participation.checked,
          integration: toggles.integration.checked,
          pressure: toggles.pressure.checked ? 'high' : 'low',
          renewal: toggles.renewal.checked ? 'paused' : 'active',
        };
        changed();
      });
    }
    const note = make('p', 'note');
    container.append(label, toggleBox, note);
    modePanels[key] = { select, toggles, note };
    select.addEventListener('change', () => {
      if (select.value === 'scenario') state[key] = 'scenario';
      else if (select.value === 'custom') state[key] = currentSettings(key);
      else state[key] = { ...modePresets[select.value as PresetName] };
      changed();
    });
  }
}

/** The mechanism settings a run starts with under its choice. */
function currentSettings(key: RunKey): ModeSettings {
  const choice = state[key];
  if (choice !== 'scenario') return { ...choice };
  return startingMode(raw) ?? { ...modePresets['administrative-led'] };
}

function refreshModePanels(): void {
  const start = startingMode(raw);
  const changing = changesMode(raw);
  for (const key of runKeys) {
    const panel = modePanels[key];
    const choice: ModeChoice = state[key];
    const settings = currentSettings(key);
    panel.select.value = choice === 'scenario' ? 'scenario' : (presetOf(choice) ?? 'custom');
    const asWritten = panel.select.querySelector<HTMLOptionElement>('option[value="scenario"]');
    if (asWritten !== null)
      asWritten.textContent = `as written (${start === null ? '?' : modeChoiceLabel(start)}${changing ? ' first' : ''})`;
    panel.toggles.participation.checked = settings.participation;
    panel.toggles.integration.checked = settings.integration;
    panel.toggles.pressure.checked = settings.pressure === 'high';
    panel.toggles.renewal.checked = settings.renewal === 'paused';
    panel.note.textContent =
      choice === 'scenario'
        ? changing
          ? 'The scenario’s mode changes as it says (timeline, switch rule).'
          : 'The scenario’s own mode.'
        : changing
          ? `${modeChoiceLabel(choice)} held throughout: the scenario’s timeline and switch rule are off.`
          : `${modeChoiceLabel(choice)} held throughout.`;
  }
}

// ---------------------------------------------------------------- parameters

interface ParameterField {
  row: ParameterRow;
  container: HTMLDivElement;
  slider: HTMLInputElement;
  number: HTMLInputElement;
  base: HTMLSpanElement;
}
const parameterFields = new Map<string, ParameterField>();

function buildParameters(): void {
  element<HTMLParagraphElement>('basis-legend').textContent = `Basis: ${Object.entries(basisMeanings)
    .map(([tag, meaning]) => `${tag} ${meaning}`)
    .join('; ')}. Sliders span each parameter’s plausible range; type a value to go beyond it.`;
  const container = element<HTMLDivElement>('parameter-groups');
  for (const group of groups) {
    const details = make('details');
    details.dataset.group = group.key;
    // Two groups open beside the results on a wide page; on a narrow one, where the parameters come after the
    // results, every group starts closed so that the list of groups is short.
    details.open = (group.key === 'docking' || group.key === 'mobilisation') && !narrowPage.matches;
    details.append(make('summary', '', `${group.title} (${group.rows.length})`));
    for (const row of group.rows) {
      const field = make('div', 'parameter');
      field.dataset.path = row.path;
      const head = make('div', 'head');
      const name = make('span', 'name', parameterLabel(row.path));
      name.title = `${row.path}: ${row.description}`;
      const basis = make('span', 'basis', row.basis);
      basis.dataset.basis = row.basis;
      basis.title = `${row.basis}: ${basisMeanings[row.basis] ?? ''}`;
      // The tag's meaning in words for a screen reader ("A" alone reads as run A).
      basis.append(make('span', 'visually-hidden', ` (basis: ${basisMeanings[row.basis] ?? row.basis})`));
      const reset = make('button', 'reset', '↺');
      reset.type = 'button';
      reset.title = 'back to the scenario’s value';
      reset.setAttribute('aria-label', `${parameterLabel(row.path)}: back to the scenario’s value`);
      head.append(name, basis, reset);
      const body = make('div', 'body');
      const [low, high] = row.plausibleRange ?? [0, 1];
      const slider = make('input');
      slider.type = 'range';
      slider.min = String(low);
      slider.max = String(high);
      slider.step = String(sliderStep(row));
      // Named as shown, with the group: screen readers announce what a sighted user reads.
      slider.setAttribute('aria-label', `${group.title}: ${parameterLabel(row.path)}`);
      const number = make('input');
      number.type = 'number';
      number.step = row.integer ? '1' : 'any';
      number.setAttribute('aria-label', `${group.title}: ${parameterLabel(row.path)}, value`);
      const unit = make('span', 'unit', row.unit);
      body.append(slider, number, unit);
      const range = make('div', 'range');
      const base = make('span');
      range.append(`plausible ${row.range}${row.valid === '' ? '' : ` · valid ${row.valid}`} · scenario `, base);
      const problem = make('div', 'problem');
      // The unit, the ranges, any problem and the description are read with the slider and the box, not on hover only.
      const description = make('span', 'visually-hidden', row.description);
      const id = `parameter-${parameterFields.size}`;
      unit.id = `${id}-unit`;
      range.id = `${id}-range`;
      problem.id = `${id}-problem`;
      description.id = `${id}-description`;
      const described = [unit.id, range.id, problem.id, description.id].join(' ');
      slider.setAttribute('aria-describedby', described);
      number.setAttribute('aria-describedby', described);
      field.append(head, body, range, problem, description);
      details.append(field);
      parameterFields.set(row.path, { row, container: field, slider, number, base });
      slider.addEventListener('input', () => setOverride(row, Number(slider.value)));
      number.addEventListener('change', () => {
        if (number.validity.badInput) {
          // Text that is no number ("0.5e") reads as an empty value, which would drop the value set: it is kept, and said.
          const kept = field.dataset.value ?? '';
          number.value = kept;
          markInvalid(field, true);
          const slot = field.querySelector('.problem');
          if (slot !== null) slot.textContent = `expected a number, got text that is not a number; kept ${kept}`;
        } else if (number.value.trim() === '') clearOverride(row.path);
        else setOverride(row, Number(number.value));
      });
      reset.addEventListener('click', () => clearOverride(row.path));
    }
    container.append(details);
  }
  element<HTMLButtonElement>('reset-parameters').addEventListener('click', () => {
    state.overrides = {};
    refreshParameters();
    changed();
  });
}

function setOverride(row: ParameterRow, value: number): void {
  if (!Number.isFinite(value)) return;
  // The scenario's own value only where every element has it (a street's communities may differ).
  const values = valuesAtPath(baseScenario, row.path);
  if (values.length > 0 && values.every((base) => base === value)) delete state.overrides[row.path];
  else state.overrides[row.path] = value;
  refreshParameter(row.path);
  changed();
}

function clearOverride(path: string): void {
  delete state.overrides[path];
  refreshParameter(path);
  changed();
}

function refreshParameter(path: string): void {
  const field = parameterFields.get(path);
  if (field === undefined) return;
  const base = valueAtPath(baseScenario, path);
  const available = typeof base === 'number';
  const value = state.overrides[path] ?? (available ? base : Number.NaN);
  field.container.classList.toggle('changed', Object.hasOwn(state.overrides, path));
  field.container.classList.toggle('unavailable', !available);
  field.slider.disabled = !available;
  field.number.disabled = !available;
  field.base.textContent = scenarioValueText(baseScenario, path);
  if (Number.isFinite(value)) {
    field.slider.value = String(value);
    if (document.activeElement !== field.number) field.number.value = String(value);
  } else field.number.value = '';
  field.container.dataset.value = Number.isFinite(value) ? String(value) : '';
}

function refreshParameters(): void {
  for (const path of parameterFields.keys()) refreshParameter(path);
  for (const details of document.querySelectorAll<HTMLDetailsElement>('#parameter-groups details')) {
    if (details.querySelector('.parameter.changed') !== null) details.open = true;
    // A group none of whose parameters this scenario has (a switch rule's, without one) is hidden.
    details.hidden = details.querySelector('.parameter:not(.unavailable)') === null;
  }
}

// ---------------------------------------------------------------- the engine

const engine = createEngineWorker();

function send(request: EngineRequest): void {
  engine.postMessage(request);
}

/** Something the runs depend on changed: rebuild them at the current week, keep playing if playing. */
function changed(): void {
  refreshModePanels();
  rebuild();
}

/** Validates the runs' scenarios and restarts the engine on them at `state.week`. */
function rebuild(): void {
  clearProblems();
  // The setup changed, valid or not: a comparison shown or under way is of the one before.
  markComparisonStale();
  try {
    const source = state.file?.name ?? state.scenario;
    scenarios = {
      a: runScenarioOf(raw, state.a, state.overrides, `${source} (run A)`),
      b: runScenarioOf(raw, state.b, state.overrides, `${source} (run B)`),
    };
  } catch (error) {
    scenarios = null;
    if (error instanceof ScenarioError) showProblems(`${error.source}: invalid scenario`, error.problems);
    else showProblems('The runs could not be set up', [{ path: '', message: String(error) }]);
    // The seed stays what it was (or what the link said), though nothing runs on it until the problems are fixed.
    element<HTMLInputElement>('seed').value = state.seed === null ? '' : String(state.seed);
    render();
    return;
  }
  if (state.seed === null) state.seed = runSeed(scenarios.a, 0);
  element<HTMLInputElement>('seed').value = String(state.seed);
  showSeedNote(runSeed(scenarios.a, 0));
  requestReset();
}

/**
 * What the week's label says while the engine simulates the runs to a week before showing it (a link to week 3,000 of
 * a long run of a big world takes tens of seconds): said, rather than week 0 and empty charts; null otherwise.
 */
function simulatingText(): string | null {
  return awaitingReset && state.week > 0 ? `simulating both runs to week ${state.week}…` : null;
}

function requestReset(): void {
  if (awaitingReset) {
    // The reset under way may be simulating towards a far week for a long while: the engine is told to stop there, and
    // this one follows when its frame comes.
    if (!resetQueued) send({ type: 'abandon', generation });
    resetQueued = true;
    return;
  }
  if (scenarios === null || state.seed === null) return;
  awaitingReset = true;
  resetQueued = false;
  generation++;
  document.body.dataset.busy = 'true';
  send({
    type: 'reset',
    generation,
    runs: runKeys.map((key) => ({ key, scenario: (scenarios as Record<RunKey, Scenario>)[key] })),
    seed: state.seed,
    week: state.week,
  });
  if (playing) send({ type: 'play', generation, weeksPerSecond: state.speed });
  const simulating = simulatingText();
  if (simulating !== null) element<HTMLOutputElement>('week-label').textContent = simulating;
}

engine.addEventListener('message', (event: MessageEvent<EngineReply>) => {
  const reply = event.data;
  if (reply.type === 'error') {
    if (reply.generation === generation) {
      awaitingReset = false;
      stopPlaying();
      showProblems('The engine stopped', [{ path: '', message: reply.message }]);
    }
    return;
  }
  if (reply.type !== 'frame' || reply.generation !== generation) return;
  if (reply.reset) {
    awaitingReset = false;
    if (resetQueued) {
      requestReset();
      return;
    }
  }
  for (const run of reply.runs) {
    const view = runViews[run.key];
    if (reply.reset) {
      view.records = [];
      view.layout = run.layout;
    }
    view.records.push(...run.records);
    view.events = run.events;
    view.horizon = run.horizon;
    view.picture = run.picture;
  }
  state.week = runViews.a.records.length;
  if (!reply.playing && playing && state.week >= runViews.a.horizon) stopPlaying();
  scheduleRender();
});

// ---------------------------------------------------------------- announcements

const announcer = element<HTMLParagraphElement>('announcer');
let announcement: ReturnType<typeof setTimeout> | undefined;

/** Says `text` to a screen reader, politely (the region is a status, visually hidden). */
function announce(text: string): void {
  announcer.textContent = text;
}

/**
 * Once the runs have settled (not playing, not simulating, a second after the last change), says the week and a few
 * of each run's readings: what a sighted user sees change after moving a slider.
 */
function announceResults(): void {
  if (announcement !== undefined) clearTimeout(announcement);
  announcement = setTimeout(() => {
    announcement = undefined;
    if (playing || scenarios === null || simulatingText() !== null) return;
    const reading = (key: RunKey) => {
      const record = runViews[key].records.at(-1);
      if (record === undefined) return `${key.toUpperCase()}: no weeks yet`;
      // Counts as whole numbers, as the readouts show them.
      const value = (measure: keyof WeekRecord) => {
        const number = record[measure];
        if (typeof number !== 'number' || !Number.isFinite(number)) return '—';
        return measure === 'projectsDone' ? String(number) : formatNumber(number);
      };
      return `${key.toUpperCase()}: satisfaction ${value('satisfaction')}, staff load ${value('staffLoad')}, trust ${value('trust')}, projects done ${value('projectsDone')}`;
    };
    const text = `Week ${state.week}. ${reading('a')}. ${reading('b')}.`;
    if (announcer.textContent !== text) announce(text);
  }, 1000);
}

// ---------------------------------------------------------------- playback

const playButton = element<HTMLButtonElement>('play');

const weekLabel = element<HTMLOutputElement>('week-label');

function stopPlaying(): void {
  playing = false;
  playButton.textContent = 'Play';
  document.body.dataset.playing = 'false';
  // The week is said again once playing stops, not at every week played.
  weekLabel.setAttribute('aria-live', 'polite');
}

function startPlaying(weeksPerSecond: number): void {
  if (scenarios === null) return;
  if (state.week >= runViews.a.horizon && runViews.a.horizon > 0) {
    state.week = 0;
    playing = true;
    requestReset();
  } else {
    playing = true;
    send({ type: 'play', generation, weeksPerSecond });
  }
  playButton.textContent = 'Pause';
  document.body.dataset.playing = 'true';
  weekLabel.setAttribute('aria-live', 'off');
}

function wirePlayback(): void {
  playButton.addEventListener('click', () => {
    if (playing) {
      stopPlaying();
      send({ type: 'pause', generation });
    } else if (scenarios !== null) startPlaying(state.speed);
  });
  // While the runs' scenarios are invalid (a problem is shown), the engine holds the last valid runs: nothing to step.
  element<HTMLButtonElement>('step').addEventListener('click', () => {
    if (scenarios === null) return;
    stopPlaying();
    send({ type: 'step', generation, weeks: 1 });
  });
  element<HTMLButtonElement>('reset').addEventListener('click', () => {
    // Like stepping: with the scenarios invalid nothing can run, so the week shown stays what the runs show.
    if (scenarios === null) return;
    stopPlaying();
    state.week = 0;
    requestReset();
  });
  element<HTMLButtonElement>('run-to-end').addEventListener('click', () => {
    if (scenarios === null) return;
    if (playing) send({ type: 'pause', generation });
    stopPlaying();
    startPlaying(0);
  });
  const speed = element<HTMLSelectElement>('speed');
  // The speeds a link may name (url-state.ts) are the menu's: one list.
  for (const weeksPerSecond of speeds) {
    const option = make(
      'option',
      '',
      weeksPerSecond === 0 ? 'as fast as possible' : `${weeksPerSecond} week${weeksPerSecond === 1 ? '' : 's'}/s`,
    );
    option.value = String(weeksPerSecond);
    speed.append(option);
  }
  speed.addEventListener('change', () => {
    state.speed = Number(speed.value);
    if (playing) send({ type: 'play', generation, weeksPerSecond: state.speed });
    scheduleUrl();
  });
  const seed = element<HTMLInputElement>('seed');
  seed.addEventListener('change', () => {
    // Text that is no number ("12e") reads as an empty value: not a request for replicate 0's seed, nor seed 0.
    const value = seed.validity.badInput ? Number.NaN : Number(seed.value);
    if (seed.value.trim() === '' && !seed.validity.badInput) {
      // An empty seed box: replicate 0's seed of run A's scenario again.
      state.seed = null;
      rebuild();
    } else if (Number.isSafeInteger(value) && value >= 0) {
      state.seed = value;
      rebuild();
    } else {
      // The box shows the seed the runs use: the one kept.
      showProblems('Seed', [
        {
          path: 'seed',
          message: `expected a whole number ≥ 0, got ${typedText(seed)}; kept ${state.seed ?? 'replicate 0’s seed'}`,
        },
      ]);
      seed.value = state.seed === null ? '' : String(state.seed);
    }
  });
  element<HTMLButtonElement>('new-seed').addEventListener('click', () => {
    state.seed = Math.floor(Math.random() * 2 ** 32);
    rebuild();
  });
  const colouring = element<HTMLSelectElement>('colouring');
  colouring.addEventListener('change', () => {
    state.colouring = colouring.value as Colouring;
    scheduleRender();
  });
}

// ---------------------------------------------------------------- rendering

const charts = new WeeklyCharts(element<HTMLElement>('charts'), element<HTMLElement>('phase-strip'));
let renderPending = false;
/** When the last render ended, and how long it took (milliseconds). */
let lastRenderEnd = 0;
let lastRenderCost = 0;

/**
 * Renders at the next frame, but leaves the main thread at least four times a render's cost between two: a big world
 * (a street of 28 communities) takes tens of milliseconds to draw, and drawing it at every frame while the runs play as
 * fast as possible would keep the page busy and starve the engine's worker of the processor (on two cores a run of
 * 5,200 weeks went several times slower than the engine alone). Small worlds still render at every frame.
 */
function scheduleRender(): void {
  if (renderPending) return;
  renderPending = true;
  const draw = () =>
    requestAnimationFrame(() => {
      renderPending = false;
      const started = performance.now();
      render();
      lastRenderEnd = performance.now();
      lastRenderCost = lastRenderEnd - started;
    });
  const wait = Math.min(1000, lastRenderEnd + 4 * lastRenderCost - performance.now());
  if (wait > 1) setTimeout(draw, wait);
  else draw();
}

/** The last record as JSON, non-finite numbers as null (as `toJson` writes them). */
function recordJson(record: WeekRecord | undefined): string {
  return record === undefined ? 'null' : JSON.stringify(JSON.parse(toJson(record)));
}

function renderReadout(key: RunKey): void {
  const table = document.querySelector<HTMLTableElement>(`table.readout[data-run="${key}"]`);
  if (table === null) return;
  const view = runViews[key];
  const record = view.records.at(-1);
  table.dataset.week = String(view.records.length);
  table.dataset.seed = String(state.seed ?? '');
  table.dataset.scenario = scenarios?.[key].name ?? '';
  table.dataset.record = recordJson(record);
  table.replaceChildren();
  const caption = make('caption');
  caption.style.color = runColours[key];
  caption.textContent = `${key.toUpperCase()} · ${modeChoiceLabel(state[key])} · week ${view.records.length} of ${view.horizon}`;
  // Column headers for a screen reader's table navigation; the caption and the rows say the rest on screen.
  const head = make('thead', 'visually-hidden');
  const headRow = make('tr');
  for (const column of ['Measure', 'Value', 'Unit']) {
    const cell = make('th', '', column);
    cell.scope = 'col';
    headRow.append(cell);
  }
  head.append(headRow);
  table.append(caption, head);
  const measures: Array<{ key: keyof WeekRecord & string; title: string; unit: string }> = [
    ...chartedMeasures.map((measure) => ({ key: measure.key, title: measure.title, unit: measure.unit })),
    // The report charts waste as a share of spending: the same number here, beside the money.
    { key: 'wasteShare', title: 'Waste share of spending (so far)', unit: 'share' },
    { key: 'engagedShare', title: 'Households engaged', unit: 'share' },
    { key: 'projectsDone', title: 'Projects done', unit: 'projects' },
  ];
  for (const { key: measure, title, unit } of measures) {
    const row = make('tr');
    row.dataset.measure = measure;
    const value = record?.[measure];
    // Counts (projects, threads) read as whole numbers, not 59.000; a share of 1 reads 1.000, not one household.
    const shown = typeof value !== 'number' ? '—' : countUnits.has(unit) ? String(value) : formatNumber(value);
    const heading = make('th', '', title);
    heading.scope = 'row';
    row.append(heading, make('td', 'value', shown), make('td', 'unit', unit));
    table.append(row);
  }
}

function render(): void {
  const horizon = Math.max(runViews.a.horizon, runViews.b.horizon, 1);
  charts.update({ a: runViews.a, b: runViews.b }, horizon);
  for (const key of runKeys) {
    renderReadout(key);
    const view = runViews[key];
    const canvas = element<HTMLCanvasElement>(`community-${key}`);
    if (view.layout !== null && view.picture !== null) {
      drawCommunity(canvas, view.layout, view.picture, state.colouring, runColours[key]);
      canvas.setAttribute('aria-label', communityDescription(key.toUpperCase(), view.layout, view.picture));
    }
  }
  announceResults();
  // With the scenario invalid nothing runs: what is on screen is the last valid run's, greyed and said to be so.
  document.body.dataset.invalid = scenarios === null ? 'true' : 'false';
  element<HTMLOutputElement>('week-label').textContent =
    scenarios === null ? 'not run: fix the problems listed above' : (simulatingText() ?? `week ${state.week} of ${horizon}`);
  const legend = element<HTMLParagraphElement>('chart-legend');
  legend.replaceChildren(
    ...runKeys.map((key) => {
      const entry = make('span', '', `${key.toUpperCase()}: ${modeChoiceLabel(state[key])}`);
      entry.style.color = runColours[key];
      return entry;
    }),
    make('span', 'events-key', 'A solid, B dashed; vertical lines: events (A dashed, B dotted)'),
  );
  const events = element<HTMLUListElement>('events');
  events.replaceChildren();
  for (const key of runKeys)
    for (const event of runViews[key].events) {
      const item = make('li');
      const tag = make('strong', '', key.toUpperCase());
      tag.style.color = runColours[key];
      item.append(tag, ` week ${event.week}: ${event.event}`);
      events.append(item);
    }
  element<HTMLSelectElement>('colouring').value = state.colouring;
  element<HTMLSelectElement>('speed').value = String(state.speed);
  document.body.dataset.week = String(state.week);
  document.body.dataset.busy = awaitingReset ? 'true' : 'false';
  document.body.dataset.ready = 'true';
  // Marks for the benchmark: the first frame drawn, and the first with a week of data in the charts.
  if (!firstFrameMarked && runViews.a.layout !== null) {
    firstFrameMarked = true;
    performance.mark('govsim:first-frame');
  }
  if (!firstChartMarked && state.week > 0) {
    firstChartMarked = true;
    performance.mark('govsim:first-chart');
  }
  scheduleUrl();
}

// ---------------------------------------------------------------- the address

let urlTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleUrl(): void {
  if (urlTimer !== null) return;
  urlTimer = setTimeout(() => {
    urlTimer = null;
    writeUrl();
  }, 250);
}

/** The address as the page last read or wrote it: another one is the user's (or a link's), to be followed. */
let addressSeen = '';

/**
 * Writes the state into the address, in the history's present entry (`replace`) or as a new one (`push`); false,
 * writing nothing, when the address was changed since the page last saw it (edited, or a link followed).
 */
function recordAddress(how: 'replace' | 'push'): boolean {
  if (location.hash !== addressSeen) return false;
  const fragment = `#${encodeState(state)}`;
  if (how === 'push') history.pushState(null, '', fragment);
  else if (location.hash !== fragment) history.replaceState(null, '', fragment);
  addressSeen = location.hash;
  document.body.dataset.url = location.href;
  return true;
}

function writeUrl(): void {
  // An address changed since the page last saw it was edited, and its hashchange may not have been handled yet:
  // follow it rather than overwrite it with the state it replaces.
  if (!recordAddress('replace')) openFromAddress();
}

/** Writes the state as a new entry of the history (the entry left keeps the state it had). */
function pushAddress(): void {
  if (location.hash !== addressSeen) return;
  if (urlTimer !== null) clearTimeout(urlTimer);
  urlTimer = null;
  recordAddress('push');
}

/** Opens the state the address describes (or the default scenario). */
function openFromAddress(): void {
  addressSeen = location.hash;
  const { state: decoded, problems } = decodeState(location.hash, defaultScenarioId);
  const given = new URLSearchParams(location.hash.replace(/^#/, ''));
  let written: Record<string, unknown> | undefined;
  if (decoded.scenario === 'file' && decoded.file !== null) written = decoded.file.raw;
  else {
    written = entries.find((entry) => entry.id === decoded.scenario)?.raw;
    if (written === undefined) {
      problems.push(`no scenario named "${decoded.scenario}"; opened ${defaultScenarioId}`);
      decoded.scenario = defaultScenarioId;
      decoded.file = null;
      written = entries.find((entry) => entry.id === defaultScenarioId)?.raw ?? {};
    }
  }
  const defaults = defaultModeChoices(written);
  if (!given.has('a')) decoded.a = defaults.a;
  if (!given.has('b')) decoded.b = defaults.b;
  state = decoded;
  raw = written;
  // The boxes filled from the state show the link's values, whenever the address changes.
  element<HTMLInputElement>('replicates').value = String(state.replicates);
  stopPlaying();
  refreshScenario();
  rebuild();
  // A week past the runs' end is shown as their last week: said, as the link's other parts it cannot take are.
  const lastWeek = scenarios === null ? undefined : Math.max(scenarios.a.weeks, scenarios.b.weeks);
  if (lastWeek !== undefined && state.week > lastWeek)
    problems.push(`week: ${state.week} is past the runs' last week; showing week ${lastWeek}`);
  // Said beside, not instead of, what keeps the runs from being set up (a value out of range, say).
  if (problems.length > 0)
    showProblems(
      'Parts of the link could not be read',
      problems.map((message) => ({ path: '', message })),
      undefined,
      { append: true },
    );
}

// ---------------------------------------------------------------- exports

function wireExports(): void {
  for (const key of runKeys) {
    element<HTMLButtonElement>(`export-scenario-${key}`).addEventListener('click', () => {
      const scenario = scenarios?.[key];
      if (scenario !== undefined) download(`${slug(scenario.name)}.json`, toJson(scenario), 'application/json');
    });
    element<HTMLButtonElement>(`export-csv-${key}`).addEventListener('click', () => {
      const scenario = scenarios?.[key];
      if (scenario !== undefined)
        download(`${slug(scenario.name)}.seed-${state.seed}.weeks.csv`, weeksToCsv(runViews[key].records), 'text/csv');
    });
  }
  const copy = element<HTMLButtonElement>('copy-link');
  const answer = (text: string, milliseconds: number) => {
    copy.textContent = text;
    announce(text);
    setTimeout(() => {
      copy.textContent = 'Copy link';
    }, milliseconds);
  };
  // A page served over plain http (not localhost) has no clipboard, and a browser may refuse it: said, not silent.
  const refused = () => answer('Not copied: copy the address bar', 4000);
  copy.addEventListener('click', () => {
    writeUrl();
    if (navigator.clipboard === undefined) refused();
    else navigator.clipboard.writeText(location.href).then(() => answer('Link copied', 1500), refused);
  });
}

// ---------------------------------------------------------------- comparison

let comparisonJob = 0;
let comparisonWorkers: Worker[] = [];
const comparisonTable = element<HTMLTableElement>('compare-table');
const comparisonProgress = element<HTMLProgressElement>('compare-progress');
const comparisonStatus = element<HTMLSpanElement>('compare-status');
const comparisonStop = element<HTMLButtonElement>('compare-stop');
const comparisonTime = element<HTMLSpanElement>('compare-time');

function markComparisonStale(): void {
  // A comparison under way is of the setup just left: stopped, so that its result is not shown as this one's.
  if (comparisonWorkers.length > 0) {
    stopComparison();
    comparisonProgress.value = 0;
    comparisonStatus.textContent = 'the setup changed: compare again';
    document.body.dataset.comparing = 'false';
  }
  if (comparisonTable.rows.length > 0 && !comparisonTable.classList.contains('stale')) {
    comparisonTable.classList.add('stale');
    comparisonStatus.textContent = 'the setup changed: compare again';
  }
}

function stopComparison(): void {
  for (const worker of comparisonWorkers) worker.terminate();
  comparisonWorkers = [];
  comparisonTime.textContent = '';
  comparisonProgress.removeAttribute('aria-valuetext');
  // Hiding the focused Stop button would drop a keyboard user's focus to the start of the page: it moves to Compare.
  if (document.activeElement === comparisonStop) element<HTMLButtonElement>('compare-run').focus();
  comparisonStop.hidden = true;
}

function runComparison(): void {
  if (scenarios === null) {
    // Nothing can run until the scenario's problems are fixed: said where the comparison's status is read.
    comparisonStatus.textContent = 'not compared: fix the problems listed above first';
    return;
  }
  stopComparison();
  const job = ++comparisonJob;
  const count = state.replicates;
  const parts = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
  const blocks = replicateBlocks(count, parts);
  const done = new Map<number, number>();
  const rows: ReplicateRow[] = [];
  let finished = 0;
  const started = performance.now();
  comparisonProgress.max = count;
  comparisonProgress.value = 0;
  comparisonStatus.textContent = `running ${count} paired replicates in ${blocks.length} worker${blocks.length === 1 ? '' : 's'}…`;
  document.body.dataset.comparing = 'true';
  comparisonStop.hidden = false;
  const { a, b } = scenarios;
  // What was compared, for the table's caption: the setup may change after (the table is then marked stale).
  const compared = `${state.file?.name ?? state.scenario}: A ${modeChoiceLabel(state.a)}, B ${modeChoiceLabel(state.b)}`;
  blocks.forEach((block, index) => {
    const worker = createEngineWorker();
    comparisonWorkers.push(worker);
    worker.addEventListener('message', (event: MessageEvent<EngineReply>) => {
      const reply = event.data;
      if (!('job' in reply) || reply.job !== job) return;
      if (reply.type === 'compare-progress') {
        done.set(index, reply.done);
        const replicatesDone = [...done.values()].reduce((total, value) => total + value, 0);
        comparisonProgress.value = replicatesDone;
        // Beside the bar and as its value's text, not in the status line, which a screen reader would read out each time.
        const progressText = comparisonProgressText(replicatesDone, count, (performance.now() - started) / 1000);
        comparisonTime.textContent = progressText;
        comparisonProgress.setAttribute('aria-valuetext', progressText);
      } else if (reply.type === 'compare-error') {
        stopComparison();
        comparisonStatus.textContent = `failed: ${reply.message}`;
        document.body.dataset.comparing = 'false';
      } else if (reply.type === 'compare-result') {
        rows.push(...reply.rows);
        if (++finished === blocks.length) {
          stopComparison();
          const seconds = (performance.now() - started) / 1000;
          comparisonStatus.textContent = `${count} paired replicates in ${seconds.toFixed(1)} s`;
          renderComparison(combineReplicates(headlineMetrics, rows), count, compared);
          document.body.dataset.comparing = 'false';
        }
      }
    });
    worker.postMessage({
      type: 'compare',
      job,
      a,
      b,
      replicates: block,
      metrics: headlineMetrics.map((metric) => metric.key),
    } satisfies EngineRequest);
  });
}

function renderComparison(metrics: MetricComparison[], replicates: number, compared: string): void {
  comparisonTable.classList.remove('stale');
  comparisonTable.dataset.replicates = String(replicates);
  comparisonTable.replaceChildren();
  // Named for screen readers (and what was compared said to everyone); the bold of a row whose Holm-adjusted p-value
  // is below 0.05 is also written, as * after it, as `govsim compare` writes it.
  comparisonTable.append(
    make(
      'caption',
      '',
      `${compared}; ${replicates} paired replicates. * p (Holm), the paired t test's p-value adjusted over the table, below 0.05.`,
    ),
  );
  const head = make('tr');
  for (const title of ['measure (of the run)', 'A mean', 'B mean', 'B − A', '95% interval', 'pairs', 'p (Holm)']) {
    const header = make('th', '', title);
    header.scope = 'col';
    head.append(header);
  }
  comparisonTable.append(head);
  for (const metric of metrics) {
    const { mean, low, high, count } = metric.difference;
    const row = make('tr');
    row.dataset.metric = metric.key;
    row.dataset.meanA = String(metric.meanA);
    row.dataset.meanB = String(metric.meanB);
    row.dataset.difference = String(mean);
    row.dataset.low = String(low);
    row.dataset.high = String(high);
    row.dataset.count = String(count);
    row.dataset.holmPValue = String(metric.holmPValue);
    // The table's tests are one family: a row is marked after Holm's adjustment, not by its own interval alone.
    const differs = metric.holmPValue < 0.05;
    if (differs) row.classList.add('differs');
    // The unit apart, muted, as in the readouts: a label with brackets of its own ("Need match (rank correlation)")
    // and a unit with its own ("score (0 to 1)") nested in one more pair read badly.
    const measure = make('th', '', metric.label);
    measure.append(' ', make('span', 'unit', metric.unit));
    measure.scope = 'row';
    row.append(
      measure,
      make('td', '', formatNumber(metric.meanA)),
      make('td', '', formatNumber(metric.meanB)),
      make('td', '', formatNumber(mean)),
      make('td', '', `[${formatNumber(low)}, ${formatNumber(high)}]`),
      make('td', '', String(count)),
      make('td', '', `${formatPValue(metric.holmPValue)}${differs ? ' *' : ''}`),
    );
    comparisonTable.append(row);
  }
  showScrollCue();
}

const comparisonScroll = comparisonTable.parentElement as HTMLElement;
const scrollCue = element<HTMLParagraphElement>('compare-scroll-cue');

/** Says, under the comparison, that it has more columns to the right, while its box is too narrow to show them all. */
function showScrollCue(): void {
  scrollCue.hidden = comparisonScroll.scrollWidth <= comparisonScroll.clientWidth + 1;
}

function wireComparison(): void {
  new ResizeObserver(showScrollCue).observe(comparisonScroll);
  const replicates = element<HTMLInputElement>('replicates');
  replicates.value = String(state.replicates);
  replicates.addEventListener('change', () => {
    const value = replicates.validity.badInput ? Number.NaN : Number(replicates.value);
    if (Number.isSafeInteger(value) && value >= 2 && value <= maximumReplicates) {
      state.replicates = value;
      // A value taken answers the message about the one refused before.
      if (comparisonStatus.textContent?.startsWith('replicates: ') === true) comparisonStatus.textContent = '';
      scheduleUrl();
    } else {
      comparisonStatus.textContent = `replicates: expected a whole number from 2 to ${maximumReplicates}, got ${typedText(replicates)}; kept ${state.replicates}`;
      replicates.value = String(state.replicates);
    }
  });
  element<HTMLButtonElement>('compare-run').addEventListener('click', runComparison);
  // A comparison of a big world over many replicates may take minutes: it can be stopped (the table shown stays).
  comparisonStop.addEventListener('click', () => {
    if (comparisonWorkers.length === 0) return;
    stopComparison();
    comparisonStatus.textContent = `stopped after ${comparisonProgress.value} of ${comparisonProgress.max} paired replicates`;
    document.body.dataset.comparing = 'false';
  });
}

// ---------------------------------------------------------------- start

buildScenarioPicker();
buildModePanels();
buildParameters();
wireFiles();
wirePlayback();
wireExports();
wireComparison();
// On a narrow page (one column) the parameters follow the views, in the document as on the screen, so that the Tab
// key meets the playback and the results before every parameter; on a wide page they are in the side column.
{
  const parameters = document.querySelector<HTMLElement>('section.parameters');
  const side = document.querySelector<HTMLElement>('aside.controls');
  const views = document.querySelector<HTMLElement>('main > .views');
  const place = () => {
    if (parameters === null || side === null || views === null) return;
    if (narrowPage.matches) views.after(parameters);
    else side.append(parameters);
  };
  narrowPage.addEventListener('change', place);
  place();
}
// The page's own links to a part of it (the skip link, the narrow page's link to the parameters) move there and
// focus it without touching the address: the address holds the state, and "#parameters" read as a state is the
// defaults, so following the fragment would reset the runs.
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
  link.addEventListener('click', (event) => {
    // A click that asks for another tab or window (Ctrl, Cmd, Shift, the middle button) is the browser's to answer.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    const target = document.getElementById(link.hash.slice(1));
    if (target === null) return;
    event.preventDefault();
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  });
}
window.addEventListener('hashchange', () => {
  if (location.hash !== `#${encodeState(state)}`) openFromAddress();
});
openFromAddress();
