/**
 * The report's documents: one self-contained HTML page (charts inline as
 * SVG, the Chinese font embedded, no scripts, no external files), a Markdown
 * version, and the data as CSV. Everything here is text built from a
 * {@link Reproduction}: the summary at the top, the captions' claims and the
 * facts' statuses are computed from its results.
 */

import { csvTable, isRecord, type MeanInterval, plural } from '../core/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { formatPValue, givenValue } from '../simulation/index.js';
import type { FactResult, FactStatus, ProbabilityFactResult, ReplicateFactResult } from '../validation/index.js';
import { factRows, marginWords } from '../validation/index.js';
import type { ChartFindings, Reading } from './captions.js';
import { glossary, glossaryAnchor, glossaryFor } from './glossary.js';
import { alignedNumber, escapeHtml, inlineHtml, markChinese, number, percent, reportStylesheet, safeMarkdown } from './html.js';
import { chineseFontFace } from './report-font.js';
import { type CounterfactualRow, type RenderedChart, type Reproduction, scenarioDescription, scenarioName } from './reproduce.js';
import { countWord, shortfallText, summarySentences } from './summary.js';
import { type ReportSupplements, supplementsHtml, supplementsMarkdown } from './supplements.js';

/** A sentence on what the chart's mean lines show at the phase boundaries of the case. */
export function chartReading(chart: RenderedChart, reproduction: Reproduction): string {
  const [caseSeries, ...others] = chart.series;
  if (caseSeries === undefined) return '';
  const at = (bands: typeof caseSeries.bands, week: number) => bands.find((band) => band.week === week)?.mean ?? Number.NaN;
  const boundaries = reproduction.phases.map((phase) => phase.to);
  const readings = boundaries.map((week) => `${alignedNumber(at(caseSeries.bands, week))} at week ${week}`);
  const last = reproduction.phases[reproduction.phases.length - 1]?.to ?? 0;
  const otherReadings = others.map((series) => `${series.label}: ${alignedNumber(at(series.bands, last))}`);
  const against = otherReadings.length === 0 ? '' : ` At week ${last}, ${otherReadings.join('; ')}.`;
  return `Mean on the case path, at the end of each phase: ${readings.join(', ')}.${against}`;
}

/** Whom the charts show: "the case and two counterfactuals", or the case alone (a case whose facts compare no other scenario). */
export function chartedScenariosText(reproduction: Reproduction): string {
  const counterfactuals = Math.max(0, (reproduction.charts[0]?.series.length ?? 1) - 1);
  if (counterfactuals === 0) return 'the case alone';
  return `the case and ${countWord(counterfactuals)} counterfactual${counterfactuals === 1 ? '' : 's'}`;
}

/** What the report calls each status of a fact (`govsim validate` says holds, falls short, not applicable). */
export const factStatusWords: Readonly<Record<FactStatus, string>> = {
  holds: 'reproduced',
  'falls short': 'not reproduced',
  'not applicable': 'not applicable',
};

/** The port the report suggests for `govsim explore`, so that its link to the explorer can name the address. */
export const explorerReportPort = 8080;

/**
 * The explorer's address for a case scenario, as `govsim explore --port 8080`
 * serves it. The explorer is a built web application: opened from disk it
 * cannot run, so the report links to where the command serves it.
 */
export function explorerHref(caseName: string, scenario: string): string {
  return `http://127.0.0.1:${explorerReportPort}/${explorerHash(caseName, scenario)}`;
}

/** The part of the explorer's address that names a case scenario: `#scenario=<case>/<scenario>`, each encoded. */
function explorerHash(caseName: string, scenario: string): string {
  return `#scenario=${encodeURIComponent(caseName)}/${encodeURIComponent(scenario)}`;
}

/** The case's name in a `govsim reproduce <case> …` command, if it names one. */
export function caseNameFromCommand(command: string): string | undefined {
  const match = /\breproduce\s+([^\s-][^\s]*)/.exec(command);
  return match?.[1];
}

/** Where the report's supplements came from: the robustness run's command and version, the sensitivity sweep's folder. */
/** A piece of running text: plain words, or a command or file name set as code. */
/** Text, code, or a file of the report linked by its path (relative to the report's folder). */
type TextPiece = string | { code: string } | { file: string };

/** Pieces as HTML: words escaped, code in `<code>`, a file as a link to it. */
function piecesHtml(pieces: readonly TextPiece[]): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return escapeHtml(piece);
      if ('file' in piece) return `<a href="${escapeHtml(piece.file)}"><code>${escapeHtml(piece.file)}</code></a>`;
      return `<code>${escapeHtml(piece.code)}</code>`;
    })
    .join('');
}

/** Pieces as Markdown: code in backticks, with a fence longer than any run of backticks inside it; a file as a link. */
function piecesMarkdown(pieces: readonly TextPiece[]): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if ('file' in piece) return `[\`${piece.file}\`](${piece.file})`;
      const longestRun = Math.max(0, ...(piece.code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longestRun + 1);
      return longestRun === 0 ? `${fence}${piece.code}${fence}` : `${fence} ${piece.code} ${fence}`;
    })
    .join('');
}

/**
 * The report's files and what each holds, one item each, the direction of every difference said: the data behind
 * each chart and table, and the manifest.
 */
function dataFilePieces(reproduction: Reproduction): TextPiece[][] {
  return [
    ...reproduction.charts.map((chart): TextPiece[] => [
      { file: `data/${chart.definition.name}.csv` },
      ` — “${chart.definition.title}” week by week: per scenario and week, the 5th percentile (p5), median, 95th percentile (p95) and mean over the replicates. The chart itself: `,
      { file: `charts/${chart.definition.name}.svg` },
      ', and its Vega-Lite spec ',
      { file: `charts/${chart.definition.name}.vl.json` },
      '.',
    ]),
    [
      { file: 'data/findings.csv' },
      ' — the claims under the charts: each comparison’s weeks, and its paired difference first − second (the scenarios each row names, the case first where it is compared), with its 95% interval, the direction the paper’s argument expects and how it reads.',
    ],
    [
      { file: 'data/onsets.csv' },
      ' — when a chart’s quantity first appears on a scenario’s line: the replicates in which it does, the earliest, median and latest first week, those at or after the switch, and the median first week on the line it is set against.',
    ],
    [
      { file: 'data/facts.csv' },
      ' — the facts table: each fact’s status, the replicates on which it applies and not, its share with its Wilson interval (for a probability fact, Δp and its interval), its effect size and the share it needs.',
    ],
    [
      { file: 'data/checks.csv' },
      ' — each check and event of each fact: the replicates on which it applies, its share with its interval, its mean margin with its interval and unit, and its effect size.',
    ],
    [
      { file: 'data/counterfactuals.csv' },
      ' — the counterfactuals table, each metric by its path in the run summary (“satisfaction.end” is need-weighted satisfaction in the last week): the means, and the paired difference counterfactual − case (the other way from ',
      { code: 'findings.csv' },
      ') with its 95% interval over the pairs where both are defined, and its paired t test’s p-value, raw (pValue) and adjusted by Holm’s method over every row (holmPValue).',
    ],
    [
      { file: 'manifest.json' },
      ' — what made the report: govsim’s version, Node’s, the command, each scenario’s hash, the seed of every replicate, and every file written.',
    ],
  ];
}

/**
 * How to make the report again: its command and version, the scenarios' hashes, where the seeds and claims are, and
 * where each supplement came from (the robustness run's command; the sweep's experiment, then `govsim analyze`).
 */
function reproducingPieces(reproduction: Reproduction, context: ReportContext): TextPiece[] {
  const pieces: TextPiece[] = [
    { code: context.command },
    ` — govsim ${context.version}. Scenario hashes: ${reproduction.scenarios.map((scenario) => `${scenario.key} ${scenario.hash}`).join(', ')}. The seeds of every replicate are in `,
    { code: 'manifest.json' },
    '; the claims under the charts are in ',
    { code: 'data/findings.csv' },
    '; the numbers of each fact’s checks and events in ',
    { code: 'data/checks.csv' },
    '.',
  ];
  if (context.model !== undefined)
    pieces.push(
      ' The model was extended by the module ',
      { code: context.model.file },
      ` (hash ${context.model.hash} of its text).`,
    );
  const robustness = context.supplements?.robustness;
  if (robustness !== undefined) {
    pieces.push(` The robustness table was read from ${robustness.source}`);
    if (robustness.command !== undefined) pieces.push(', made by ', { code: robustness.command });
    pieces.push(`${robustness.govsim === undefined ? '' : ` (govsim ${robustness.govsim})`}.`);
  }
  const contrasts = context.supplements?.contrasts;
  if (contrasts !== undefined) {
    pieces.push(
      ` The sensitivity table was read from the analysed sweep ${contrasts.source}${contrasts.experiment === undefined ? '' : ` of the experiment ${contrasts.experiment}`}${contrasts.govsim === undefined ? '' : ` (govsim ${contrasts.govsim})`}: `,
      { code: 'govsim sweep' },
      ' of the experiment’s file, then ',
      { code: `govsim analyze ${shellWord(contrasts.source)}` },
      ', make it again; its ',
      { code: 'sweep.json' },
      ' holds the experiment and its hash.',
    );
  }
  return pieces;
}

/** The case as one word of a shell command the report suggests, or undefined when the context does not say it. */
function caseArgumentOf(context: ReportContext): string | undefined {
  const given = context.caseArgument ?? caseNameFromCommand(context.command);
  return given === undefined ? undefined : shellWord(given);
}

/** The model module the report ran under as one word of a shell command (`--model` takes it), or undefined. */
function modelArgumentOf(context: ReportContext): string | undefined {
  return context.model === undefined ? undefined : shellWord(context.model.file);
}

/** ", not applicable on 3" when some replicates could not be decided. */
function notApplicableNote(count: number): string {
  return count > 0 ? `, not applicable on ${count}` : '';
}

/** A check's margin in words, with its unit (see {@link marginWords}), its first words linked to the glossary. */
function marginHtml(margin: MeanInterval, unit: string): string {
  // Three significant digits with trailing zeros kept, so that a mean reads at its interval's precision: 0.200 [0.190, 0.209].
  const words = marginWords(margin, alignedNumber, unit);
  const term = words.startsWith('mean margin') ? 'mean margin' : 'margin';
  return `${termLink('mean-margin', term)}${escapeHtml(words.slice(term.length))}`;
}

function termLink(id: string, text: string): string {
  return `<a href="#${glossaryAnchor(id)}">${escapeHtml(text)}</a>`;
}

/** Why a fact was not reproduced: the facts file's explanation, or a pointer to its weakest check. */
function whyText(result: FactResult, reproduction: Reproduction): string {
  const why = (result.kind === 'replicates' ? result.ifNotReproduced : null) ?? reproduction.whyNotReproduced[result.id];
  if (why) return why;
  if (result.kind === 'replicates' && result.weakest !== null)
    return `The facts file gives no explanation; its weakest check is “${result.weakest.says}”, which holds in ${percent(result.weakest.share)} of replicates.`;
  if (result.kind === 'probability') {
    // A difference that points the claimed way, its interval reaching zero: too few replicates to decide, not a failure;
    // said only when every claim that falls short is such, none contradicted.
    const isUndecided = (claim: (typeof result.claims)[number]) =>
      !claim.says.startsWith('never') && claim.difference > 0 && claim.low <= 0 && claim.high > 0;
    const short = result.claims.filter((claim) => claim.status === 'falls short');
    const undecided = short.length > 0 && short.every(isUndecided) ? short[0] : undefined;
    if (undecided !== undefined)
      return `Undecided on ${plural(reproduction.replicates, 'replicate')} rather than contradicted: the difference of probabilities points the claimed way (${undecided.says}), but its 95% interval still reaches zero; more replicates narrow it.`;
    return 'The facts file gives no explanation; the probabilities above, with their intervals, show how far the claim is from holding on these replicates.';
  }
  return 'The facts file gives no explanation; the checks above show which one falls short.';
}

function factDetails(result: ReplicateFactResult | ProbabilityFactResult, reproduction: Reproduction): string {
  const mechanism = result.mechanism ? `<p class="detail">Mechanism: ${escapeHtml(result.mechanism)}</p>` : '';
  const notApplicable =
    result.status === 'not applicable'
      ? `<p class="detail"><strong>Not applicable:</strong> ${escapeHtml(result.notApplicableReason ?? '')}.</p>`
      : '';
  const finding =
    result.status === 'falls short'
      ? `<div class="finding"><p><strong>Not reproduced</strong> — ${escapeHtml(shortfallText(result))}. A finding about the model, not an error:</p><p>${escapeHtml(whyText(result, reproduction))}</p></div>`
      : '';
  if (result.kind === 'probability') {
    const events = Object.values(result.events)
      .map(
        (event) =>
          `${escapeHtml(event.says)}: ${number(event.share)} [${number(event.low)}, ${number(event.high)}]${notApplicableNote(event.notApplicable)}`,
      )
      .join('; ');
    return `${mechanism}<p class="detail">Probabilities over the replicates on which each event applies — ${events}. ${result.claims.map((claim) => `${escapeHtml(claim.says)}: ${factStatusWords[claim.status]}`).join('; ')}.</p>${finding}${notApplicable}`;
  }
  const checks = result.checks
    .map(
      (check) =>
        `<li>${percent(check.share)} — ${escapeHtml(check.says)} (${marginHtml(check.margin, check.unit)}${notApplicableNote(check.notApplicable)})</li>`,
    )
    .join('');
  return `${mechanism}<ul class="checks">${checks}</ul>${finding}${notApplicable}`;
}

/** CSS class of a fact's row. */
function statusClass(result: FactResult): string {
  return factStatusWords[result.status].replace(' ', '-');
}

function factsHtml(reproduction: Reproduction): string {
  const rows = factRows(reproduction.facts);
  const body = reproduction.facts
    .map((result, index) => {
      const row = rows[index];
      if (row === undefined) return '';
      return `<tr class="${statusClass(result)}"><td>${row.id}</td><td><strong>${escapeHtml(row.title)}</strong><br><span class="statement">${escapeHtml(result.statement)}</span><br><span class="paper">Paper: ${escapeHtml(result.paper)}</span>${factDetails(result, reproduction)}</td><td>${escapeHtml(row.holds)}</td><td>${escapeHtml(row.interval)}</td><td>${escapeHtml(row.effect)}</td><td>${escapeHtml(row.threshold)}</td><td>${escapeHtml(row.notApplicable)}</td><td>${escapeHtml(factStatusWords[result.status])}</td></tr>`;
    })
    .join('\n');
  const head = [
    '#',
    'Stylized fact',
    termLink('holds-in', 'Holds in'),
    termLink('wilson', '95% interval'),
    termLink('effect-size', 'Effect size'),
    termLink('holds-in', 'Needed'),
    termLink('not-applicable', 'n/a'),
    termLink('status', 'Status'),
  ];
  return `<table class="facts"><thead><tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The facts table as Markdown, the status in the report's words. */
export function factsTableMarkdown(results: readonly FactResult[]): string {
  const header = ['#', 'stylized fact', 'holds in', '95% interval', 'effect size', 'needed', 'n/a', 'status'];
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...factRows(results).map((row, index) => {
      const status = factStatusWords[(results[index] as FactResult).status];
      return `| ${[row.id, row.title, row.holds, row.interval, row.effect, row.threshold, row.notApplicable, status].map(cell).join(' | ')} |`;
    }),
  ].join('\n');
}

/** "11 of 14 facts are reproduced; 3 are not." in the report's words. */
export function factsStatusLine(results: readonly FactResult[]): string {
  const count = (status: FactStatus) => results.filter((result) => result.status === status).length;
  const parts = [`${count('holds')} of ${results.length} facts are reproduced at the share of replicates they need`];
  const short = count('falls short');
  const notApplicable = count('not applicable');
  if (short > 0) parts.push(`${short} ${short === 1 ? 'is' : 'are'} not reproduced`);
  if (notApplicable > 0) parts.push(`${notApplicable} ${notApplicable === 1 ? 'is' : 'are'} not applicable`);
  return `${parts.join('; ')}.`;
}

/** Whether the report marks a counterfactual difference: its Holm-adjusted p-value below 0.05. */
function counterfactualMarked(row: CounterfactualRow): boolean {
  return row.holmPValue < 0.05;
}

/** What the counterfactual tables hold and what their * means (the HTML and report.md say the same). */
function counterfactualsReading(reproduction: Reproduction): string {
  const tests = reproduction.counterfactuals.filter((row) => Number.isFinite(row.pValue)).length;
  if (tests === 0)
    return 'Means over the replicates, and the paired difference counterfactual − case. No difference has a t test here (it needs two pairs or more), so none is marked.';
  const family =
    tests === 1
      ? 'the one difference of this section with a test'
      : `all ${tests} differences of this section with a test (two pairs or more)`;
  return `Means over the replicates, and the paired difference counterfactual − case with its 95% t interval. p is the paired t test's p-value adjusted by Holm's method over ${family}, which keeps the chance of marking any difference where none is real at 5% or less; * marks p (Holm) below 0.05. With many replicates a difference too small to matter can still be marked: read its size.`;
}

function counterfactualHtml(reproduction: Reproduction): string {
  const scenarios = new Map(reproduction.scenarios.map((scenario) => [scenario.key, scenario]));
  const sections: string[] = [];
  for (const key of [...new Set(reproduction.counterfactuals.map((row) => row.scenario))]) {
    const scenario = scenarios.get(key);
    const rows = reproduction.counterfactuals
      .filter((row) => row.scenario === key)
      .map((row) => {
        return `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${alignedNumber(row.caseMean)}</td><td>${alignedNumber(row.otherMean)}</td><td>${alignedNumber(row.difference.mean)}</td><td>[${alignedNumber(row.difference.low)}, ${alignedNumber(row.difference.high)}]</td><td>${formatPValue(row.holmPValue)}${counterfactualMarked(row) ? ' *' : ''}</td></tr>`;
      })
      .join('');
    sections.push(
      `<h3>${escapeHtml(scenario?.name ?? key)}</h3><p>${escapeHtml(scenario?.description ?? '')}</p><table class="numbers"><caption>The case against ${escapeHtml(scenario?.name ?? key)}: means over ${plural(reproduction.replicates, 'replicate')}, and the paired difference</caption><thead><tr><th scope="col">Metric</th><th scope="col">Case</th><th scope="col">Counterfactual</th><th scope="col">Difference</th><th scope="col">95% interval</th><th scope="col">p (Holm)</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  return sections.join('\n');
}

/** What a report says of how it was made, beside the reproduction itself: version, command, case, supplements. */
export interface ReportContext {
  /** The govsim version that made the report. */
  version: string;
  /** The command line that made the report, shown so that a reader can run it again. */
  command: string;
  /** The case's name as govsim knows it (`z-street`), for the link to the explorer; read from the command when absent. */
  caseName?: string;
  /**
   * The case as the command named it (a known case or a folder, as given), for the commands the report suggests;
   * read from the command when absent.
   */
  caseArgument?: string;
  /** False when the report should not link to the explorer: it then says nothing of it (nor under a `model`). */
  explorable?: boolean;
  /**
   * A case folder of one's own, as `govsim explore` takes it: the report then tells the reader to serve it with the
   * explorer (`govsim explore <folder>`), and `caseName` should be the folder's name, as the explorer names the case.
   */
  exploreFolder?: string;
  /** Robustness and contrast tables read from their own runs, when given. */
  supplements?: ReportSupplements;
  /**
   * The model module the runs extended the model with (its path and the hash of its text), when they did: the
   * commands the report suggests name it (`--model`), and it does not link to the explorer, which runs the model as
   * shipped.
   */
  model?: { file: string; hash: string };
}

/**
 * A path as one word of a POSIX shell command: as it is when it holds only
 * letters, digits and `._/-`, else in single quotes (a quote inside written '\'').
 * @example shellWord('cases/a+b') // "'cases/a+b'"
 */
export function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** The report's heading: "Reproducing the case: " and the case's title, or its scenario's name. */
function reportHeading(reproduction: Reproduction): string {
  return `Reproducing the case: ${reproduction.about.title ?? reproduction.caseName}`;
}

/** What the report says about the explorer, with the link to the case in it; nothing when the explorer cannot open it. */
function explorerSentences(
  reproduction: Reproduction,
  context: ReportContext,
): { href: string; before: string; after: string } | undefined {
  // The explorer runs the model as shipped: a case run under a model module is not one it can show.
  if (context.explorable === false || context.model !== undefined) return undefined;
  const caseName = context.caseName ?? caseNameFromCommand(context.command) ?? reproduction.caseKey;
  const given = context.exploreFolder;
  const folder = given === undefined ? '' : `${shellWord(given)} `;
  return {
    href: explorerHref(caseName, reproduction.caseKey),
    // The explorer's sources come with a checkout of govsim's repository, not with the npm package.
    before: `Explore the case yourself from a checkout of govsim’s repository (the npm package does not hold the explorer): run \`npm run explore -- ${folder}--port ${explorerReportPort}\` there (or \`govsim explore ${folder}--port ${explorerReportPort}\` with that checkout’s own command on the PATH), then `,
    after: ` On another port, open the address the command prints with \`${explorerHash(caseName, reproduction.caseKey)}\` after it.`,
  };
}

/** " In the glossary: staff load." after a chart's description, linking the entries that explain its words. */
function glossaryPointers(ids: readonly string[] = []): string {
  const entries = ids.flatMap((id) => glossary.filter((entry) => entry.id === id));
  if (entries.length === 0) return '';
  return ` In the glossary: ${entries.map((entry) => termLink(entry.id, entry.term)).join('; ')}.`;
}

/** " Checked by facts 5, 6." after a chart's reading; nothing when no fact reads its quantity. */
function checkedBy(facts: readonly number[]): string {
  if (facts.length === 0) return '';
  return ` Checked by fact${facts.length > 1 ? 's' : ''} ${facts.join(', ')}.`;
}

/** The class of a finding's list item. */
function readingClass(reading: Reading): string {
  return reading.replaceAll(' ', '-');
}

function findingsHtml(findings: ChartFindings, replicates: number): string {
  if (findings.comparisons.length === 0 && findings.onset === undefined) return '';
  const items = findings.comparisons
    .map((result) => `<li class="${readingClass(result.reading)}">${escapeHtml(result.sentence)}</li>`)
    .join('');
  const onset = findings.onset === undefined ? '' : `<p class="onset">${escapeHtml(findings.onset.sentence)}</p>`;
  return `<p class="findings-intro">What the lines show, as ${termLink('paired-difference', 'paired differences')} of ${termLink('window-mean', 'window means')} over the ${plural(replicates, 'replicate')} (mean [95% interval]):</p><ul class="findings">${items}</ul>${onset}`;
}

function axisNote(chart: RenderedChart): string {
  return chart.definition.zero === false
    ? 'The value axis does not start at zero: it spans only the values shown, so gaps look larger than they are; read the sizes in the sentences below.'
    : '';
}

function glossaryHtml(supplements: ReportSupplements): string {
  const entries = glossaryFor(supplements)
    .map((entry) => `<dt id="${glossaryAnchor(entry.id)}">${escapeHtml(entry.term)}</dt><dd>${inlineHtml(entry.definition)}</dd>`)
    .join('');
  return `<dl class="glossary">${entries}</dl>`;
}

/** The fields a report's context may have. */
const reportContextNames: ReadonlyArray<keyof ReportContext> = [
  'version',
  'command',
  'caseName',
  'caseArgument',
  'explorable',
  'exploreFolder',
  'supplements',
  'model',
];

/**
 * Checks the arguments of a report, for callers in plain JavaScript: the reproduction an object with the lists
 * {@link reproduceCase} gives it, the context's fields known (version and command text, the others of their types).
 * @throws ScenarioError naming the argument (`reproduction`, `report context`) and the field
 */
export function checkReportArguments(reproduction: unknown, context: unknown): void {
  checkArgumentWith('reproduction', (check) => {
    if (!check.object(reproduction, '(top level)', 'a reproduction (what reproduceCase returns)')) return;
    check.text(reproduction.caseKey, 'caseKey');
    for (const name of ['scenarios', 'facts', 'charts', 'counterfactuals', 'phases', 'events', 'seeds'])
      if (!Array.isArray(reproduction[name])) check.add(name, 'expected a list (as reproduceCase gives it)');
  });
  checkArgumentWith('report context', (check) => {
    // Its `model` is the model module {file, hash}, not the definition that optionProblems checks under that name.
    const given = check.options(isRecord(context) ? { ...context, model: undefined } : context, reportContextNames);
    if (!isRecord(context)) return;
    check.text(given.version, 'version');
    check.text(given.command, 'command');
    for (const name of ['caseName', 'caseArgument', 'exploreFolder']) check.text(given[name], name, true);
    check.flag(given.explorable, 'explorable');
    if (given.supplements !== undefined) check.object(given.supplements, 'supplements', 'the report supplements');
    check.modelModule(context.model, 'model');
  });
}

/**
 * The self-contained HTML report.
 * @throws ScenarioError naming the argument (`reproduction`, `report context`) and the field, when one is not what it
 *   should be (see `checkReportArguments`)
 */
export function reportHtml(reproduction: Reproduction, context: ReportContext): string {
  checkReportArguments(reproduction, context);
  const caseScenario = reproduction.scenarios.find((scenario) => scenario.key === reproduction.caseKey);
  const charts = reproduction.charts
    .map((chart) => {
      const axis = axisNote(chart);
      const name = chart.definition.name;
      // One image to a screen reader, named by its heading and described by the reading under it.
      const svg = chart.svg
        .replace(/^<\?xml[^>]*>/, '')
        .replace(/^<svg\b/, `<svg role="img" aria-labelledby="${name}-title" aria-describedby="${name}-reading"`);
      return `<section class="chart" id="${name}">
<h3 id="${name}-title">${escapeHtml(chart.definition.title)}</h3>
<figure>${svg}</figure>
<p>${inlineHtml(chart.about)}${axis === '' ? '' : ` ${escapeHtml(axis)}`}${glossaryPointers(chart.definition.glossary)}</p>
${findingsHtml(chart.findings, reproduction.replicates)}
<p class="reading" id="${name}-reading">${escapeHtml(`${chartReading(chart, reproduction)}${checkedBy(chart.facts)}`)}</p>
</section>`;
    })
    .join('\n');
  const phases = reproduction.phases
    .map((phase) => `<li>weeks ${phase.from}–${phase.to}: ${escapeHtml(phase.label)}</li>`)
    .join('');
  const events = reproduction.events.map((event) => `<li>week ${event.week}: ${escapeHtml(event.event)}</li>`).join('');
  const explorer = explorerSentences(reproduction, context);
  const { title, paper } = reproduction.about;
  const body = `<h1>${escapeHtml(reportHeading(reproduction))}</h1>
<p>This report runs the case ${title === undefined ? escapeHtml(reproduction.caseName) : `of ${escapeHtml(title)}`}${paper === undefined ? '' : ` (${escapeHtml(paper)})`} and its ${termLink('counterfactual', 'counterfactuals')} with govsim ${escapeHtml(context.version)}, on ${reproduction.replicates} ${termLink('paired-replicates', reproduction.replicates === 1 ? 'paired replicate' : 'paired replicates')}: replicate <em>r</em> of every scenario starts from the same world and random streams, so differences between scenarios come from the governance mechanisms, not from chance draws. It then checks ${paper === undefined ? "the case's" : "the paper's"} stylized facts on the model's outputs.</p>
${explorer === undefined ? '' : `<p class="explore">${inlineHtml(explorer.before)}<a href="${escapeHtml(explorer.href)}">open the explorer with this case loaded</a>.${inlineHtml(explorer.after)}</p>\n`}
<h2 id="summary">In brief</h2>
<div class="summary">${summarySentences(reproduction, {
    robustnessIncluded: context.supplements?.robustness !== undefined,
    ...(context.supplements?.robustness === undefined ? {} : { robustness: context.supplements.robustness }),
  })
    .map((sentence) => `<p>${escapeHtml(sentence)}</p>`)
    .join('')}</div>
<h2 id="glossary">Terms used in this report</h2>
${glossaryHtml(context.supplements ?? {})}
<h2>The case's course</h2>
<p>${escapeHtml(caseScenario?.description ?? '')}</p>
<ul>${phases}</ul>
<p>Events in the case scenario:</p><ul>${events}</ul>
<h2 id="facts">Stylized facts</h2>
<p>${escapeHtml(factsStatusLine(reproduction.facts))} ${termLink('holds-in', '“Holds in”')} is the share of replicates in which every check of the fact holds, with its ${termLink('wilson', 'Wilson')} 95% interval, counted over the replicates on which the fact applies; “needed” is the share it must reach to be reproduced (the share itself, not its interval’s lower end: at few replicates a fact can be reproduced with an interval reaching below “needed”). ${termLink('not-applicable', '“n/a”')} counts the replicates on which one of its measures is undefined (a milestone not reached, a share of nothing), which are left out. A fact applicable on fewer than its minimum share of replicates (half, unless it says otherwise) is not applicable: neither reproduced nor not. The ${termLink('effect-size', 'effect size')} is the ${termLink('mean-margin', 'mean margin')} of each check divided by its standard deviation over replicates, the fact's being its weakest check's (the smallest). Probability facts compare shares of replicates (${termLink('delta-p', 'Δp')}). A fact that is not reproduced is a finding about the model, explained in its row.</p>
${factsHtml(reproduction)}
<h2 id="over-time">Over time</h2>
<p>Each chart shows, for ${chartedScenariosText(reproduction)}, the ${termLink('band', 'mean over replicates as a line and the range from the 5th to the 95th percentile as a band')}; each scenario has its own colour and dash pattern, and its band is outlined in that pattern. The phases of the case are shaded and labelled. Every value axis starts at zero unless its chart says otherwise. Below each chart, its claims are computed from the replicates: each comparison gives its paired difference with its 95% interval, and makes its claim only when the interval excludes zero, the difference runs the way the paper's argument expects and it is large enough to read; otherwise it says that the model does not show the claim (${termLink('no-clear-difference', 'no clear difference, too small to show')}, or the other way).</p>
${charts}
<h2 id="counterfactuals">Counterfactuals against the case</h2>
<p>${escapeHtml(counterfactualsReading(reproduction))}</p>
${counterfactualHtml(reproduction)}
${supplementsHtml(context.supplements ?? {}, caseArgumentOf(context), modelArgumentOf(context))}
<h2 id="reproducing">Reproducing this report</h2>
<p>${piecesHtml(reproducingPieces(reproduction, context))} The paper's Chinese terms are drawn in an embedded subset of Noto Sans SC (SIL Open Font License 1.1).</p>
<h2 id="data">The data</h2>
<p>Every number of the report is in these files, beside this page (each chart also as PNG where it could be drawn):</p>
<ul>
${dataFilePieces(reproduction)
  .map((pieces) => `<li>${piecesHtml(pieces)}</li>`)
  .join('\n')}
</ul>`;
  const fontFace = chineseFontFace(body);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govsim — reproducing ${escapeHtml(reproduction.caseName)}</title>
<style>
${fontFace === '' ? '' : `${fontFace}\n`}${reportStylesheet}
</style>
</head>
<body>
<main>
${markChinese(body)}
</main>
</body>
</html>
`;
}

/** The format of the chart images the Markdown report shows: the PNGs, or the SVGs where no PNG is drawn. */
export type MarkdownChartFormat = 'png' | 'svg';

/**
 * The report as Markdown, with the charts beside it as images: PNG, or SVG when the PNGs were not drawn (the optional
 * PNG renderer is not installed), so that every image it shows is a file of the report.
 * @throws ScenarioError naming the argument (`reproduction`, `report context`, `chart format`) and the field, when one
 *   is not what it should be (see `checkReportArguments`)
 */
export function reportMarkdown(
  reproduction: Reproduction,
  context: ReportContext,
  chartFormat: MarkdownChartFormat = 'png',
): string {
  checkReportArguments(reproduction, context);
  checkArgumentWith('chart format', (check) => {
    if (chartFormat !== 'png' && chartFormat !== 'svg')
      check.add('(top level)', `expected "png" or "svg", got ${givenValue(chartFormat)}`);
  });
  const explorer = explorerSentences(reproduction, context);
  const caseDescription = scenarioDescription(reproduction, reproduction.caseKey);
  const lines = [
    `# ${reportHeading(reproduction)}`,
    '',
    `govsim ${context.version}; ${plural(reproduction.replicates, 'paired replicate')}; \`${context.command}\`.`,
    '',
    ...(reproduction.about.paper === undefined ? [] : [`The stylized facts are from ${reproduction.about.paper}.`, '']),
    ...(explorer === undefined
      ? []
      : [`${explorer.before}[open the explorer with this case loaded](${explorer.href}).${explorer.after}`, '']),
    '## In brief',
    '',
    ...summarySentences(reproduction, {
      robustnessIncluded: context.supplements?.robustness !== undefined,
      ...(context.supplements?.robustness === undefined ? {} : { robustness: context.supplements.robustness }),
    }).flatMap((sentence) => [sentence, '']),
    '## Terms used in this report',
    '',
    ...glossaryFor(context.supplements ?? {}).map((entry) => `- **${entry.term}**: ${entry.definition}`),
    '',
    '## The case’s course',
    '',
    ...(caseDescription === '' ? [] : [caseDescription, '']),
    ...reproduction.phases.map((phase) => `- weeks ${phase.from}–${phase.to}: ${phase.label}`),
    '',
    ...(reproduction.events.length === 0
      ? []
      : ['Events in the case scenario:', '', ...reproduction.events.map((event) => `- week ${event.week}: ${event.event}`), '']),
    '## Stylized facts',
    '',
    factsStatusLine(reproduction.facts),
    '',
    factsTableMarkdown(reproduction.facts),
    '',
    // What each fact claims, which the table names only: the checks, the paper's words and the mechanism are in the page.
    'What each fact states (its checks, the paper’s words and the mechanism that carries it are in index.html):',
    '',
    // One line each: a statement's line breaks would start a heading or a table of their own.
    ...reproduction.facts.map((result) => `- **${result.id} ${result.title}** — ${result.statement.replace(/\s+/g, ' ')}`),
    '',
  ];
  for (const result of reproduction.facts) {
    if (result.status === 'not applicable') {
      lines.push(`**Fact ${result.id} (${result.title}) is not applicable:** ${result.notApplicableReason}.`, '');
      continue;
    }
    if (result.status === 'holds') continue;
    lines.push(
      `**Fact ${result.id} (${result.title}) is not reproduced** — ${shortfallText(result)}. A finding about the model, not an error: ${whyText(result, reproduction)}`,
      '',
    );
    if (result.kind !== 'replicates') continue;
    for (const check of result.checks)
      lines.push(
        `- ${percent(check.share)} — ${check.says} (${marginWords(check.margin, alignedNumber, check.unit)}${notApplicableNote(check.notApplicable)})`,
      );
    lines.push('');
  }
  lines.push(
    '## Over time',
    '',
    `Each chart shows the mean over replicates as a line and the 5th–95th percentile as a band, for ${chartedScenariosText(reproduction)}, each with its own colour and dash pattern. Every value axis starts at zero unless its chart says otherwise. The sentences under each chart are computed from the paired replicates: each comparison gives its paired difference with its 95% interval, and makes its claim only when the interval excludes zero, the difference runs the way the paper's argument expects and it is large enough to read; otherwise it says that the model does not show the claim.`,
    '',
  );
  for (const chart of reproduction.charts) {
    const axis = axisNote(chart);
    lines.push(
      `### ${chart.definition.title}`,
      '',
      // The image's text is what the chart shows, for a reader who cannot see it.
      `![${`${chart.definition.title}: ${chartReading(chart, reproduction)}`.replaceAll(/[[\]]/g, '\\$&')}](charts/${chart.definition.name}.${chartFormat})`,
      '',
      axis === '' ? chart.about : `${chart.about} ${axis}`,
      '',
      ...chart.findings.comparisons.map((result) => `- ${result.sentence}`),
      ...(chart.findings.comparisons.length > 0 ? [''] : []),
      ...(chart.findings.onset === undefined ? [] : [chart.findings.onset.sentence, '']),
      `${chartReading(chart, reproduction)}${checkedBy(chart.facts)}`,
      '',
    );
  }
  // What each counterfactual is, as the HTML says above its table: the scenario's own description.
  const counterfactualKeys = [...new Set(reproduction.counterfactuals.map((row) => row.scenario))];
  lines.push(
    '## Counterfactuals against the case',
    '',
    ...counterfactualKeys.map((key) => {
      const description = scenarioDescription(reproduction, key);
      return `- **${scenarioName(reproduction, key)}**${description === '' ? '' : `: ${description}`}`;
    }),
    ...(counterfactualKeys.length > 0 ? [''] : []),
    counterfactualsReading(reproduction),
    '',
    '| scenario | metric | case | counterfactual | difference (counterfactual − case) | 95% interval | p (Holm) |',
    '|---|---|---|---|---|---|---|',
  );
  for (const row of reproduction.counterfactuals) {
    lines.push(
      `| ${scenarioName(reproduction, row.scenario)} | ${row.label} | ${alignedNumber(row.caseMean)} | ${alignedNumber(row.otherMean)} | ${alignedNumber(row.difference.mean)} | [${alignedNumber(row.difference.low)}, ${alignedNumber(row.difference.high)}] | ${formatPValue(row.holmPValue)}${counterfactualMarked(row) ? ' *' : ''} |`,
    );
  }
  lines.push(
    '',
    ...supplementsMarkdown(context.supplements ?? {}, caseArgumentOf(context), modelArgumentOf(context)),
    '## Reproducing this report',
    '',
    piecesMarkdown(reproducingPieces(reproduction, context)),
    '',
    '## The data',
    '',
    'Every number of the report is in these files, beside this page (each chart also as PNG where it could be drawn):',
    '',
    ...dataFilePieces(reproduction).map((pieces) => `- ${piecesMarkdown(pieces)}`),
    '',
  );
  return safeMarkdown(lines.join('\n'));
}

/** The chart's data: one row per scenario and week. */
export function chartCsv(chart: RenderedChart): string {
  return csvTable(
    ['scenario', 'week', 'p5', 'median', 'p95', 'mean'],
    chart.series.flatMap((series) =>
      series.bands.map((band) => [series.label, band.week, band.p5, band.median, band.p95, band.mean]),
    ),
  );
}

/** The captions' claims: one row per chart and comparison, with the paired difference and how it reads. */
export function findingsCsv(reproduction: Reproduction): string {
  const rows: Array<Array<string | number>> = [];
  for (const chart of reproduction.charts) {
    for (const result of chart.findings.comparisons)
      rows.push([
        chart.definition.name,
        result.definition.first === 'case' ? reproduction.caseKey : result.definition.first,
        result.definition.second === 'case' ? reproduction.caseKey : result.definition.second,
        result.window.from,
        result.window.to,
        result.secondWindow.from,
        result.secondWindow.to,
        result.difference.mean,
        result.difference.low,
        result.difference.high,
        result.difference.count,
        result.definition.expected,
        result.reading,
        result.sentence,
      ]);
  }
  return csvTable(
    [
      'chart',
      'first',
      'second',
      'firstFrom',
      'firstTo',
      'secondFrom',
      'secondTo',
      'difference',
      'low',
      'high',
      'pairs',
      'expected',
      'reading',
      'sentence',
    ],
    rows,
  );
}

/** When something first appears on a chart's line (its caption's onset sentence), one row per chart that has one. */
export function onsetsCsv(reproduction: Reproduction): string {
  return csvTable(
    ['chart', 'scenario', 'against', 'appears', 'replicates', 'earliest', 'median', 'latest', 'afterSwitch', 'againstMedian'],
    reproduction.charts.flatMap((chart) => {
      const onset = chart.findings.onset;
      if (onset === undefined) return [];
      return [
        [
          chart.definition.name,
          onset.definition.scenario === 'case' ? reproduction.caseKey : onset.definition.scenario,
          onset.definition.against,
          onset.appears,
          onset.replicates,
          onset.earliest,
          onset.median,
          onset.latest,
          onset.afterSwitch,
          onset.againstMedian,
        ],
      ];
    }),
  );
}

/**
 * `facts.csv` of a report: one row per stylized fact with its status and the replicates on which it applies; for a
 * replicate fact its share of them with the 95% interval, effect size and threshold, for a probability fact its first
 * claim's difference in probability with its interval in the same columns.
 */
export function factsCsv(reproduction: Reproduction): string {
  return csvTable(
    ['id', 'title', 'kind', 'status', 'applicable', 'notApplicable', 'share', 'low', 'high', 'effectSize', 'threshold'],
    reproduction.facts.map((result) =>
      result.kind === 'replicates'
        ? [
            result.id,
            result.title,
            result.kind,
            result.status,
            result.applicable,
            result.notApplicable,
            result.holds.share,
            result.holds.low,
            result.holds.high,
            result.effectSize,
            result.threshold,
          ]
        : [
            result.id,
            result.title,
            result.kind,
            result.status,
            result.applicable,
            result.notApplicable,
            result.claims[0]?.difference ?? Number.NaN,
            result.claims[0]?.low ?? Number.NaN,
            result.claims[0]?.high ?? Number.NaN,
            result.effectSize,
            '',
          ],
    ),
  );
}

/**
 * `checks.csv` of a report: the numbers its facts' rows give below the fact, one row per check of a replicate fact
 * (`item` its place, 1 first: the share of applicable replicates in which it holds, its mean margin with the 95% t
 * interval and its unit, its effect size) and per event of a probability fact (`item` its name: its probability with
 * the Wilson 95% interval), each with the replicates on which it applies and those on which it does not.
 */
export function checksCsv(reproduction: Reproduction): string {
  return csvTable(
    [
      'fact',
      'kind',
      'item',
      'says',
      'applicable',
      'notApplicable',
      'share',
      'shareLow',
      'shareHigh',
      'margin',
      'marginLow',
      'marginHigh',
      'marginUnit',
      'effectSize',
    ],
    reproduction.facts.flatMap((result) =>
      result.kind === 'replicates'
        ? result.checks.map((check, index) => [
            result.id,
            'check',
            index + 1,
            check.says,
            check.applicable,
            check.notApplicable,
            check.share,
            '',
            '',
            check.margin.mean,
            check.margin.low,
            check.margin.high,
            check.unit,
            check.effectSize,
          ])
        : Object.entries(result.events).map(([name, event]) => [
            result.id,
            'event',
            name,
            event.says,
            event.applicable,
            event.notApplicable,
            event.share,
            event.low,
            event.high,
            '',
            '',
            '',
            '',
            '',
          ]),
    ),
  );
}

/**
 * `counterfactuals.csv` of a report: per counterfactual scenario and headline metric, the case's and the
 * counterfactual's means, their paired difference with its 95% interval, and its t test's p-value, raw and adjusted
 * by Holm's method over every row.
 */
export function counterfactualsCsv(reproduction: Reproduction): string {
  return csvTable(
    ['scenario', 'metric', 'caseMean', 'counterfactualMean', 'difference', 'low', 'high', 'pairs', 'pValue', 'holmPValue'],
    reproduction.counterfactuals.map((row) => [
      row.scenario,
      row.metric,
      row.caseMean,
      row.otherMean,
      row.difference.mean,
      row.difference.low,
      row.difference.high,
      row.difference.count,
      row.pValue,
      row.holmPValue,
    ]),
  );
}
