/**
 * Supplements to a case report, read from runs made with their own commands:
 * the robustness of the facts to the assumptions (`govsim robustness`) and
 * what drives the difference between the modes (`govsim sweep` of a
 * sensitivity experiment, then `govsim analyze`). They are too long to run
 * with every report, so the report shows them when given and otherwise says
 * how to make them.
 */
import { percent, plural } from '../core/index.js';
import { formatPValue } from '../simulation/index.js';
import {
  type ContrastRobustness,
  drawShareText,
  type FactTension,
  type GivenObserved,
  holdingShareText,
  type JointBreaker,
} from '../validation/index.js';
import { prccUndefinedReason } from './contrast-summary.js';
import { escapeHtml, inlineHtml } from './html.js';
import { drawIntervalText, factList, jointBreakerText } from './robustness.js';

/** One fact's row of a robustness run (its `facts.csv`). */
export interface RobustnessRow {
  id: number;
  title: string;
  draws: number;
  holding: number;
  fallingShort: number;
  notApplicable: number;
  /** Holding ÷ (holding + falling short); NaN when the fact applied in no draw. */
  holdingShare: number;
  /** The largest |ρ| chance gives over this fact's draws, one time in twenty (absent where the folder does not say). */
  chanceCorrelation?: number;
  /**
   * `correlation`: Spearman's ρ of the parameter's value with the fact's share; `withinChance`: |ρ| no more than the
   * fact's chance level (absent for folders written before it was recorded).
   */
  breakers: Array<{ path: string; failsAt: string; correlation?: number; withinChance?: boolean }>;
}

/** One metric of the headline contrast across a robustness run's draws (its `contrasts.csv`). */
export type RobustnessContrastRow = ContrastRobustness;

/** The robustness of the facts, read from a `govsim robustness` output folder: one row per fact, and the headline contrast. */
export interface RobustnessTable {
  /** Where it came from: the folder, and the draws and replicates of its manifest. */
  source: string;
  /** Parameter draws of the run. */
  samples: number;
  /** Paired replicates per draw. */
  replicates: number;
  rows: RobustnessRow[];
  /** The headline contrast across the draws; empty when the run followed none. */
  contrasts: RobustnessContrastRow[];
  /** The file the draws were read from; absent for a Latin hypercube. */
  drawsFile?: string;
  /** The command that made the run, and the govsim version, as its manifest records them (absent in older folders). */
  command?: string;
  govsim?: string;
  /** A hash of the case's facts and scenarios the run checked, and of its model module, as its manifest records them (absent in older folders; the model's absent without one). */
  caseHash?: string;
  modelHash?: string;
  /** Draws in which every fact applies, and those in which every fact holds (from draws.csv). */
  joint?: { allApplicable: number; allHolding: number };
  /** The pairs of facts that pull against each other most, strongest first (from pairs.csv; absent in older folders). */
  tensions?: FactTension[];
  /**
   * The parameters that go with fewer facts holding at once, with their chance level and ranges (from draws.csv and
   * the manifest's parameters; absent when the folder lacks them).
   */
  jointBreakers?: { breakers: JointBreaker[]; chanceCorrelation: number; ranges: Record<string, readonly [number, number]> };
  /** Over the draws in which every fact about the case path holds, the other facts and the contrast (absent in older folders). */
  givenObserved?: GivenObserved;
}

/** One contrast × metric of an analysed sensitivity sweep (`contrast-sign.csv` with the top drivers). */
export interface ContrastRow {
  from: string;
  to: string;
  metric: string;
  points: number;
  meanContrast: number;
  minimum: number;
  maximum: number;
  keepsSignShare: number;
  flipsSignShare: number;
  /** sign of the mean contrast (0 when it is exactly 0), and the share of points with no difference (absent in analyses written before it was). */
  referenceSign?: number;
  noDifferenceShare?: number;
  /**
   * The strongest drivers first: Morris μ* (or Sobol total index, or |PRCC|), the sign of the effect, for Morris the
   * share of its elementary effects with that sign (`agreement`), and for PRCC its p-value (`pValue`).
   */
  drivers: Array<{ factor: string; importance: number; sign: number; agreement?: number; pValue?: number }>;
}

/** What drives the headline contrast, read from an analysed sensitivity sweep folder: one row per contrast and metric. */
export interface ContrastTable {
  /** The sweep folder it was read from. */
  source: string;
  /** The experiment's name and the govsim version that ran the sweep, as its `sweep.json` records them (absent when unreadable). */
  experiment?: string;
  govsim?: string;
  /** The hash of the model module the sweep ran under, as its `sweep.json` records it; absent for the model as shipped. */
  modelHash?: string;
  /** Whether the drivers' importance is Morris μ*, a Sobol total index or |PRCC| (a Latin-hypercube sweep). */
  method: 'morris' | 'sobol' | 'prcc';
  rows: ContrastRow[];
}

/** Tables a case report shows when they are given, read from runs of their own commands (robustness, sensitivity sweep). */
export interface ReportSupplements {
  robustness?: RobustnessTable;
  contrasts?: ContrastTable;
}

/** A number to `digits` significant figures, trailing zeros dropped, with a true minus sign: "−0.228". */
function fixed(value: number, digits = 3): string {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)).toString().replace('-', '−') : '—';
}

/** A correlation with a true minus sign, to two decimals. */
function rho(value: number): string {
  return value.toFixed(2).replace('-', '−');
}

/** The robustness table as rows of cells: fact, holds in, n/a, most associated with failure (ρ, and the chance level). */
export function robustnessCells(table: RobustnessTable): string[][] {
  return table.rows.map((row) => {
    const breakers = row.breakers.map(
      (breaker) =>
        `${breaker.path} ${breaker.failsAt}${breaker.correlation === undefined ? '' : ` (ρ = ${rho(breaker.correlation)}${breaker.withinChance === true ? ', within chance' : ''})`}${breaker.correlation === undefined && breaker.withinChance === true ? ' (within chance)' : ''}`,
    );
    const level =
      row.chanceCorrelation === undefined || breakers.length === 0
        ? ''
        : row.chanceCorrelation >= 1
          ? '; too few draws differ to tell any from chance'
          : `; chance reaches a ρ of ±${rho(row.chanceCorrelation)}`;
    return [
      String(row.id),
      row.title,
      `${row.holding} of ${row.holding + row.fallingShort} (${holdingShareText(row)})`,
      String(row.notApplicable),
      breakers.length === 0 ? '—' : `${breakers.join(', ')}${level}`,
    ];
  });
}

/** The headline contrast across the robustness draws as rows of cells. */
export function robustnessContrastCells(table: RobustnessTable): string[][] {
  return table.contrasts.map((row) => [
    `${row.metric} (${row.to} − ${row.from})`,
    fixed(row.atDefaults),
    `${row.sameSign} of ${row.draws} (${drawShareText(row.sameSign, row.draws)})`,
    String(row.oppositeSign),
    String(row.noDifference),
  ]);
}

/** Where fewer of a driver's elementary effects share its sign than this, the sign is not given. */
const signAgreementNeeded = 0.75;

/**
 * A driver's direction: for Morris, + or − where three in four of its non-zero elementary effects share it (zero
 * effects have no direction), ± where they do not or where that was not recorded (an older analysis); for PRCC, its
 * sign, with its p-value; a Sobol index has none.
 */
function driverSign(driver: ContrastRow['drivers'][number], method: ContrastTable['method']): string {
  if (method === 'sobol') return '';
  if (method === 'prcc') {
    const sign = driver.sign > 0 ? '+' : driver.sign < 0 ? '−' : '±';
    return driver.pValue === undefined || !Number.isFinite(driver.pValue)
      ? ` (${sign})`
      : ` (${sign}, p ${formatPValue(driver.pValue)})`;
  }
  if (driver.sign === 0 || driver.agreement === undefined || !(driver.agreement >= signAgreementNeeded)) return ' (±)';
  return driver.sign > 0 ? ' (+)' : ' (−)';
}

/** The contrast table as rows of cells: metric, mean contrast and range, keeps sign / flips, top drivers. */
export function contrastCells(table: ContrastTable): string[][] {
  return table.rows.map((row) => {
    const none = row.noDifferenceShare ?? 1 - row.keepsSignShare - row.flipsSignShare;
    // A mean of exactly 0 has no sign: its points with a difference neither keep nor flip one.
    const noSign = row.referenceSign === 0 && none < 1 ? '; the mean is 0, so there is no sign to keep' : '';
    return [
      `${row.metric} (${row.to} − ${row.from})`,
      `${fixed(row.meanContrast)} (${fixed(row.minimum)} to ${fixed(row.maximum)})`,
      `${percent(row.keepsSignShare)} / ${percent(row.flipsSignShare)}${none > 1e-9 ? ` (${percent(none)} no difference)` : ''} of ${row.points} points${noSign}`,
      row.drivers.length === 0
        ? table.method === 'prcc'
          ? `none defined: ${prccUndefinedReason}`
          : 'none: no factor moves it (every index is 0 or undefined)'
        : row.drivers
            .slice(0, 5)
            .map((driver) => `${driver.factor} ${fixed(driver.importance)}${driverSign(driver, table.method)}`)
            .join(', '),
    ];
  });
}

const robustnessHeader = ['#', 'Stylized fact', 'Holds in draws', 'n/a', 'Most associated with failure'];
const robustnessContrastHeader = (table: RobustnessTable) => [
  'Metric',
  `At the defaults (${plural(table.replicates, 'replicate')})`,
  'Draws keeping that sign',
  'Opposite sign',
  'No difference',
];
const robustnessContrastIntro =
  'The headline contrast between the modes across the same draws: its paired difference at the defaults, and the draws in which it keeps that sign (no difference: zero or undefined).';
const contrastHeader = (table: ContrastTable) => [
  'Metric',
  'Mean contrast (range over points)',
  'Keeps sign / flips',
  {
    morris: 'Top drivers (μ*; sign where three in four of its non-zero effects share it, else ±)',
    sobol: 'Top drivers (Sobol total index)',
    prcc: 'Top drivers (|PRCC|, with its sign and p-value)',
  }[table.method],
];

function htmlTable(header: readonly string[], rows: readonly string[][]): string {
  const head = header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  // Text in most columns (facts, parameters, metrics with their numbers): read left to right, not aligned as figures.
  return `<table class="supplement"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function markdownTable(header: readonly string[], rows: readonly string[][]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** How often the facts hold together, and the pairs that pull against each other, in a sentence or two; empty when unknown. */
function robustnessJointText(table: RobustnessTable): string {
  if (table.joint === undefined) return '';
  const together = `Every fact holds in ${table.joint.allHolding} of the ${table.joint.allApplicable} draws in which every fact applies.`;
  const tensions = table.tensions ?? [];
  if (tensions.length === 0) return `${together}${jointBreakersText(table)}`;
  const pairs = tensions.map(
    (tension) =>
      `${tension.first} and ${tension.second} (both hold in ${tension.bothHold} of ${tension.draws} draws, ${fixed(tension.expectedBothHold, 3)} if independent; φ = ${fixed(tension.phi, 2).replace('-', '−')})`,
  );
  return `${together}${jointBreakersText(table)} The facts that pull against each other most: ${pairs.join('; ')}.`;
}

/** What the other facts and the contrast say over the draws consistent with what the case showed, in a sentence or two; empty when unknown. */
function robustnessGivenText(table: RobustnessTable): string {
  const given = table.givenObserved;
  if (given === undefined) return '';
  const head = `Given what the case showed: ${factList(given.observed)}, about the case path itself, ${given.observed.length === 1 ? 'holds' : 'all hold'} in ${given.holding} of the ${given.applicable} draws in which they all apply.`;
  if (given.holding === 0) return head;
  if (given.facts.length === 0) return `${head} The case has no other facts.`;
  const facts = given.facts.map((fact) => `${fact.id} ${fact.title} in ${fact.holding} of ${fact.holding + fact.fallingShort}`);
  const weakest = [...given.contrasts].sort((a, b) => a.sameSign - b.sameSign)[0];
  const contrast =
    weakest === undefined
      ? ''
      : ` Every metric of the headline contrast keeps its sign at the defaults in at least ${weakest.sameSign} of them (${weakest.metric}).`;
  return `${head} Over those draws the other facts hold: ${facts.join('; ')}.${contrast}`;
}

/** " The parameters that go with fewer facts holding at once: …." (with its leading space), or nothing. */
function jointBreakersText(table: RobustnessTable): string {
  const joint = table.jointBreakers;
  if (joint === undefined || joint.breakers.length === 0) return '';
  const named = joint.breakers.map((breaker) => jointBreakerText(breaker, joint.chanceCorrelation, joint.ranges[breaker.path]));
  return ` The parameters that go with fewer facts holding at once: ${named.join('; ')}.`;
}

const robustnessIntro = (table: RobustnessTable) =>
  `${table.drawsFile === undefined ? `${table.samples} Latin-hypercube draws over every assumed parameter with a plausible range` : `${table.samples} draws read from ${table.drawsFile}`}, the facts checked on ${plural(table.replicates, 'paired replicate')} at each (from ${table.source}). A replicate fact holds in a draw when it reaches its threshold there; a probability fact when its difference points the claimed way. ${drawIntervalText(table.drawsFile)} The parameters named are those whose values go most with the fact's failure across draws (Spearman), marked within chance when no stronger than what the strongest of so many unrelated parameters reaches one time in twenty over those draws.`;
/** How to run a command from a checkout of govsim rather than an installed package. */
const fromACheckout = '(From a checkout of govsim, write `npm run govsim --` for `govsim`.)';
/** ` --model M` for the commands a report under a model module suggests (their runs must be under it too), or nothing. */
const modelOption = (model: string | undefined) => (model === undefined ? '' : ` --model ${model}`);
const robustnessMissing = (caseArgument: string, model?: string) =>
  `Not included: run \`govsim robustness ${caseArgument}${modelOption(model)} --samples 60 --replicates 40\` (the settings govsim's Z Street documentation uses; fewer replicates judge each draw more roughly), then reproduce with the folder it writes (it prints its path): \`govsim reproduce ${caseArgument}${modelOption(model)} --robustness DIR\`. ${fromACheckout}`;
const contrastIntro = (table: ContrastTable) =>
  `The paired difference between the modes screened over the assumptions' ranges (${{ morris: 'Morris μ*', sobol: 'Sobol total indices', prcc: 'partial rank correlation, PRCC, over a Latin hypercube' }[table.method]}, from ${table.source}; each mode held for the whole run, so these contrasts are not the case's): its mean over the design points and its range, the share of points at which it keeps the sign of its mean and at which it flips, and the assumptions that drive it most.${table.method === 'sobol' ? '' : ' For a contrast below zero (in Z Street load, waste and idling, where lower is better), a "+" driver narrows the difference and a "−" one widens it.'}`;
const contrastMissing = (caseArgument: string, model?: string) =>
  model === undefined
    ? `Not included: run \`govsim sweep experiments/assumptions-sensitivity.json --out out/assumptions\` (installed as a package, the experiment is in \`node_modules/govsim/experiments/\`), then \`govsim analyze out/assumptions\`, and reproduce with that folder: \`govsim reproduce ${caseArgument} --sensitivity out/assumptions\`. ${fromACheckout}`
    : // The shipped screen runs the model as shipped, which a report under a module refuses: the module's own screen.
      `Not included: write the screen of the assumptions under the model, its extensions' included, with \`govsim assumptions-experiment${modelOption(model)} --out assumptions.json\`, run it with \`govsim sweep assumptions.json --out out/assumptions\`, then \`govsim analyze out/assumptions\`, and reproduce with that folder: \`govsim reproduce ${caseArgument}${modelOption(model)} --sensitivity out/assumptions\`. ${fromACheckout}`;

/**
 * The supplements' sections of the HTML report.
 * @param caseArgument the case as the commands the report suggests should name it
 * @param model the model module the report ran under, as those commands should name it (`--model`), if any
 */
export function supplementsHtml(supplements: ReportSupplements, caseArgument = 'CASE', model?: string): string {
  const robustness = supplements.robustness;
  const contrasts = supplements.contrasts;
  return [
    '<h2>Robustness to the assumptions</h2>',
    robustness
      ? `<p>${escapeHtml(robustnessIntro(robustness))}</p>${htmlTable(robustnessHeader, robustnessCells(robustness))}${
          robustness.joint === undefined ? '' : `<p>${escapeHtml(robustnessJointText(robustness))}</p>`
        }${robustness.givenObserved === undefined ? '' : `<p>${escapeHtml(robustnessGivenText(robustness))}</p>`}${
          robustness.contrasts.length > 0
            ? `<p>${escapeHtml(robustnessContrastIntro)}</p>${htmlTable(robustnessContrastHeader(robustness), robustnessContrastCells(robustness))}`
            : ''
        }`
      : `<p>${inlineHtml(robustnessMissing(caseArgument, model))}</p>`,
    '<h2>What drives the difference between the modes</h2>',
    contrasts
      ? `<p>${escapeHtml(contrastIntro(contrasts))}</p>${htmlTable(contrastHeader(contrasts), contrastCells(contrasts))}`
      : `<p>${inlineHtml(contrastMissing(caseArgument, model))}</p>`,
  ].join('\n');
}

/** The supplements' sections of the Markdown report; the arguments as for {@link supplementsHtml}. */
export function supplementsMarkdown(supplements: ReportSupplements, caseArgument = 'CASE', model?: string): string[] {
  const robustness = supplements.robustness;
  const contrasts = supplements.contrasts;
  return [
    '## Robustness to the assumptions',
    '',
    ...(robustness
      ? [
          robustnessIntro(robustness),
          '',
          ...markdownTable(robustnessHeader, robustnessCells(robustness)),
          ...(robustness.joint === undefined ? [] : ['', robustnessJointText(robustness)]),
          ...(robustness.givenObserved === undefined ? [] : ['', robustnessGivenText(robustness)]),
          ...(robustness.contrasts.length > 0
            ? [
                '',
                robustnessContrastIntro,
                '',
                ...markdownTable(robustnessContrastHeader(robustness), robustnessContrastCells(robustness)),
              ]
            : []),
        ]
      : [robustnessMissing(caseArgument, model)]),
    '',
    '## What drives the difference between the modes',
    '',
    ...(contrasts
      ? [contrastIntro(contrasts), '', ...markdownTable(contrastHeader(contrasts), contrastCells(contrasts))]
      : [contrastMissing(caseArgument, model)]),
    '',
  ];
}
