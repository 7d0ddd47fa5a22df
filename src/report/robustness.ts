/**
 * The robustness report: a plain self-contained HTML page with the facts'
 * robustness table, and the draws and the per-fact summary as CSV. Everything
 * here is text built from a {@link RobustnessRun}.
 */
import { csvTable, plural, wholeNumberText } from '../core/index.js';
import {
  type Breaker,
  type ContrastRobustness,
  chancePermutations,
  drawShareText,
  type FactRobustness,
  type FactTension,
  hasReferenceSign,
  holdingShareText,
  type JointBreaker,
  type RobustnessRun,
  strongestTensions,
} from '../validation/index.js';
import type { ReportContext } from './document.js';
import { escapeHtml, number, percent, reportStylesheet, signedNumber } from './html.js';

/** Breakers reported per fact. */
const breakerCount = 3;

/** One row per draw: its parameter values, then each fact's score and status. */
export function robustnessDrawsCsv(run: RobustnessRun): string {
  const ids = run.summary.facts.map((fact) => fact.id);
  const header = [
    'draw',
    ...run.parameters.map((parameter) => parameter.path),
    ...ids.flatMap((id) => [`fact${id}.share`, `fact${id}.status`]),
    ...run.summary.contrasts.map((contrast) => `contrast.${contrast.metric}`),
  ];
  const rows = run.draws.map((draw, index) => [
    index,
    ...run.parameters.map((parameter) => draw[parameter.path] as number),
    ...(run.outcomes[index]?.facts ?? []).flatMap((fact) => [fact.share, fact.status]),
    ...(run.outcomes[index]?.contrasts ?? []),
  ]);
  return csvTable(header, rows);
}

/** One row per fact: how many draws hold, fall short or do not apply, and the parameters most associated with failure. */
export function robustnessFactsCsv(run: RobustnessRun): string {
  const header = [
    'id',
    'title',
    'kind',
    'draws',
    'holding',
    'fallingShort',
    'notApplicable',
    'holdingShare',
    'chanceCorrelation',
    ...Array.from({ length: breakerCount }, (_, index) => [
      `breaker${index + 1}`,
      `breaker${index + 1}FailsAt`,
      `breaker${index + 1}Correlation`,
    ]).flat(),
  ];
  const rows = run.summary.facts.map((fact) => [
    fact.id,
    fact.title,
    fact.kind,
    fact.draws,
    fact.holding,
    fact.fallingShort,
    fact.notApplicable,
    fact.holdingShare,
    fact.chanceCorrelation,
    ...Array.from({ length: breakerCount }, (_, index) => {
      const breaker = fact.breakers[index];
      return breaker === undefined ? ['', '', ''] : [breaker.path, breaker.failsAt, breaker.correlation];
    }).flat(),
  ]);
  return csvTable(header, rows);
}

/** One row per metric of the headline contrast: its paired difference at the defaults and how many draws keep its sign. */
export function robustnessContrastsCsv(run: RobustnessRun): string {
  return csvTable(
    robustnessContrastColumns,
    run.summary.contrasts.map((contrast) => robustnessContrastColumns.map((column) => contrast[column])),
  );
}

/** Columns of `contrasts.csv`, the fields of a {@link ContrastRobustness} in order. */
export const robustnessContrastColumns = [
  'from',
  'to',
  'metric',
  'atDefaults',
  'draws',
  'sameSign',
  'oppositeSign',
  'noDifference',
  'keepsSignShare',
] as const satisfies ReadonlyArray<keyof ContrastRobustness>;

/** Columns of `pairs.csv`, the fields of a {@link FactTension} in order. */
export const robustnessPairColumns = [
  'first',
  'second',
  'draws',
  'bothHold',
  'firstOnly',
  'secondOnly',
  'neitherHolds',
  'expectedBothHold',
  'phi',
] as const satisfies ReadonlyArray<keyof FactTension>;

/** One row per pair of facts: the draws where both apply, how often they hold together and apart, and their φ. */
export function robustnessPairsCsv(run: RobustnessRun): string {
  return csvTable(
    robustnessPairColumns,
    run.summary.tensions.map((tension) => robustnessPairColumns.map((column) => tension[column])),
  );
}

/** Where the draws came from, in words: "60 draws from a Latin hypercube (seed 1)" or "12 draws read from draws.csv". */
export function drawsSourceText(run: RobustnessRun): string {
  const draws = `${run.samples} draw${run.samples === 1 ? '' : 's'}`;
  return run.drawsFile === undefined
    ? `${draws} from a Latin hypercube (seed ${run.seed})`
    : `${draws} read from ${run.drawsFile}`;
}

/**
 * What the Wilson 95% interval of a share of draws is, in words, for the robustness page and the report's robustness
 * section: where the share over many more draws from the same ranges would lie, and what taking the draws as
 * independent does. A Latin hypercube's share varies less than independent draws' would, or at most n/(n − 1) times as
 * much in variance (Owen 1997); draws read from a file may not be independent at all.
 */
export function drawIntervalText(drawsFile?: string): string {
  const what =
    'Each share of draws (a fact’s holding, a contrast’s keeping its sign) is given with its Wilson 95% interval: the range in which its share over many more draws from the same ranges would likely lie.';
  return drawsFile === undefined
    ? `${what} The interval takes the draws as independent; a Latin hypercube spreads them more evenly, so that its shares vary less than independent draws’ would (or at most n/(n − 1) times as much in variance, Owen 1997), and the interval is about right or on the wide side.`
    : `${what} The interval takes the draws as independent; draws read from a file (a grid, say) may not be, and the interval is then a guide only.`;
}

/** A fact by number and title: "9 Inertia". */
function factName(run: RobustnessRun, id: number): string {
  return `${id} ${run.summary.facts.find((fact) => fact.id === id)?.title ?? `fact ${id}`}`;
}

/** "5 Phase 1 idles and 9 Inertia: both hold in 11 of 58 draws (20 if independent; φ = −0.63)". */
export function tensionText(run: RobustnessRun, tension: FactTension): string {
  const phi = signedNumber(tension.phi, 2);
  return `${factName(run, tension.first)} and ${factName(run, tension.second)}: both hold in ${tension.bothHold} of ${tension.draws} draws (${number(tension.expectedBothHold, 2)} if independent; φ = ${phi})`;
}

/** ", within chance" when |ρ| is no more than chance gives the strongest of the parameters (see `chanceCorrelation`). */
function chanceNote(correlation: number, chance: number): string {
  return Math.abs(correlation) <= chance ? ', within chance' : '';
}

/** "parameters.staff.routineLoad (fails at high values, ρ = −0.52)", with ", within chance" when |ρ| ≤ `chance`. */
export function breakerText(breaker: Breaker, chance = Number.NaN): string {
  const rho = signedNumber(breaker.correlation, 2);
  return `${breaker.path} (fails at ${breaker.failsAt} values, ρ = ${rho}${chanceNote(breaker.correlation, chance)})`;
}

/**
 * "parameters.staff.routineLoad (fewer facts hold at low values, ρ = 0.45; 0.83–0.93 where every fact holds, of 0.6–0.95)",
 * with ", within chance" after ρ when |ρ| is no more than `chance`, and without "of …" when the range is not known.
 */
export function jointBreakerText(breaker: JointBreaker, chance: number, range?: readonly [number, number]): string {
  const rho = `${signedNumber(breaker.correlation, 2)}${chanceNote(breaker.correlation, chance)}`;
  const [lowest, highest] = breaker.whereAllHold ?? [Number.NaN, Number.NaN];
  const where =
    breaker.whereAllHold === null
      ? ''
      : `; ${lowest === highest ? number(lowest) : `${number(lowest)}–${number(highest)}`} where every fact holds${range === undefined ? '' : `, of ${range[0]}–${range[1]}`}`;
  return `${breaker.path} (fewer facts hold at ${breaker.failsAt} values, ρ = ${rho}${where})`;
}

/** {@link jointBreakerText} for a breaker of `run`, with its chance level and the parameter's range. */
export function runJointBreakerText(run: RobustnessRun, breaker: JointBreaker): string {
  const range = run.parameters.find((parameter) => parameter.path === breaker.path)?.range;
  return jointBreakerText(breaker, run.summary.jointChanceCorrelation, range);
}

/**
 * "from 0.42 (6 Awareness) to 0.45 (3 Duplication and waste); too few draws differ to tell for 2 Department overload
 * and paperwork": the range of the chance levels of the facts with associations named, and those whose level is 1.
 */
function chanceLevelsText(run: RobustnessRun): string {
  const named = run.summary.facts.filter((fact) => fact.breakers.length > 0 && Number.isFinite(fact.chanceCorrelation));
  if (named.length === 0) return 'no fact falls short in enough draws to tell';
  const levels = named.filter((fact) => fact.chanceCorrelation < 1);
  const untold = named.filter((fact) => fact.chanceCorrelation >= 1).map((fact) => factName(run, fact.id));
  const sorted = [...levels].sort((a, b) => a.chanceCorrelation - b.chanceCorrelation || a.id - b.id);
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const range =
    lowest === undefined || highest === undefined
      ? ''
      : lowest === highest
        ? `${lowest.chanceCorrelation.toFixed(2)} for ${factName(run, lowest.id)}`
        : `from ${lowest.chanceCorrelation.toFixed(2)} (${factName(run, lowest.id)}) to ${highest.chanceCorrelation.toFixed(2)} (${factName(run, highest.id)})`;
  const none = untold.length === 0 ? '' : `too few draws differ to tell for ${untold.join(', ')}`;
  return [range, none].filter((part) => part !== '').join('; ');
}

/** CSS class of a fact's row: reproduced in every draw, in none (a finding, set apart in neutral colours), or not applicable. */
function factRowClass(fact: FactRobustness): string {
  if (fact.holding + fact.fallingShort === 0) return 'not-applicable';
  return fact.fallingShort === 0 ? 'reproduced' : fact.holding === 0 ? 'not-reproduced' : '';
}

/** "facts 1, 2 and 4", or "fact 1": fact numbers in words. */
export function factList(ids: readonly number[]): string {
  if (ids.length <= 1) return `fact ${ids.join('')}`;
  return `facts ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

/** `text` with its first letter in capitals. */
function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The two cells of the draws keeping a contrast's sign at the defaults: "45 of 60" and its share; said so where it has none there. */
function keptSignCells(contrast: ContrastRobustness): string {
  if (!hasReferenceSign(contrast)) return '<td>no sign at the defaults</td><td>—</td>';
  return `<td>${contrast.sameSign} of ${contrast.draws}</td><td>${drawShareText(contrast.sameSign, contrast.draws)}</td>`;
}

/** The page's section on what the rest says given what the case showed; empty when no fact is about the case path alone. */
function givenObservedSection(run: RobustnessRun): string {
  const given = run.summary.givenObserved;
  if (given === null) return '';
  const overall = new Map(run.summary.facts.map((fact) => [fact.id, fact]));
  const overallContrast = new Map(run.summary.contrasts.map((contrast) => [contrast.metric, contrast]));
  const facts = given.facts
    .map((fact) => {
      const all = overall.get(fact.id);
      return `<tr><td>${escapeHtml(factName(run, fact.id))}</td><td>${fact.holding} of ${fact.holding + fact.fallingShort}</td><td>${holdingShareText(fact)}</td><td>${all === undefined ? '—' : percent(all.holdingShare)}</td></tr>`;
    })
    .join('\n');
  const contrasts = given.contrasts
    .map((contrast) => {
      const all = overallContrast.get(contrast.metric);
      return `<tr><td><code>${escapeHtml(contrast.metric)}</code></td>${keptSignCells(contrast)}<td>${all === undefined ? '—' : percent(all.keepsSignShare)}</td></tr>`;
    })
    .join('\n');
  return `<h2>Given what the case showed</h2>
<p>${escapeHtml(capitalised(factList(given.observed)))} ${given.observed.length === 1 ? 'is' : 'are'} about the case path itself: what was observed. The others compare it, or its counterfactuals, with what would have happened otherwise. Read as pattern-oriented modelling reads observed patterns, as a filter on the settings: every observed fact holds in ${given.holding} of the ${given.applicable} draws in which they all apply, and over those draws alone${given.holding === 0 ? ' there is nothing to count.' : ':'}</p>
${
  given.holding === 0
    ? ''
    : `${
        given.facts.length === 0
          ? ''
          : `<table><thead><tr><th>Fact</th><th>Holds in (these draws)</th><th>Share [95% interval]</th><th>Share over every draw it applies to</th></tr></thead><tbody>
${facts}
</tbody></table>`
      }${
        given.contrasts.length === 0
          ? ''
          : `<table><thead><tr><th>Metric</th><th>Same sign as at the defaults (these draws)</th><th>Share [95% interval]</th><th>Share over all draws</th></tr></thead><tbody>
${contrasts}
</tbody></table>`
      }`
}`;
}

/** The robustness page. */
export function robustnessHtml(run: RobustnessRun, context: ReportContext): string {
  const facts = run.summary.facts
    .map((fact) => {
      const breakers =
        fact.breakers.length === 0
          ? '—'
          : `<ol>${fact.breakers.map((breaker) => `<li>${escapeHtml(breakerText(breaker, fact.chanceCorrelation))}</li>`).join('')}</ol>`;
      return `<tr class="${factRowClass(fact)}"><td>${fact.id}</td><td>${escapeHtml(fact.title)}</td><td>${fact.holding} of ${fact.holding + fact.fallingShort}</td><td>${holdingShareText(fact)}</td><td>${fact.notApplicable}</td><td>${breakers}</td></tr>`;
    })
    .join('\n');
  const contrasts = run.summary.contrasts
    .map(
      (contrast) =>
        `<tr><td><code>${escapeHtml(contrast.metric)}</code></td><td>${signedNumber(contrast.atDefaults)}</td>${keptSignCells(contrast)}<td>${contrast.oppositeSign}</td><td>${contrast.noDifference}</td></tr>`,
    )
    .join('\n');
  const contrastSection =
    run.summary.contrasts.length === 0
      ? ''
      : `<h2>The headline contrast across the draws</h2>
<p>The paired difference ${escapeHtml(run.summary.contrasts[0]?.to ?? '')} − ${escapeHtml(run.summary.contrasts[0]?.from ?? '')}, the mean over the replicates of each draw, against its sign at the defaults (evaluated on the same number of replicates with no parameter drawn). "No difference" counts draws where it is zero or undefined.</p>
<table><thead><tr><th>Metric</th><th>At the defaults</th><th>Same sign (draws)</th><th>Share [95% interval]</th><th>Opposite sign</th><th>No difference</th></tr></thead><tbody>
${contrasts}
</tbody></table>`;
  const { joint } = run.summary;
  const tensions = strongestTensions(run.summary.tensions);
  const jointSection = `<h2>The facts together</h2>
<p>Every fact holds in ${joint.allHolding} of the ${joint.allApplicable} draws in which every fact applies (${drawShareText(joint.allHolding, joint.allApplicable)}; ${joint.draws - joint.allApplicable} draws have a fact not applicable${neverApplicableText(run)}). Pattern-oriented validation asks for the patterns at once: a model that reproduces each fact under some settings but never all of them under one is not yet the case.</p>
${
  run.summary.jointBreakers.length === 0
    ? ''
    : `<p>The parameters that go with fewer of the facts holding at once: the Spearman ρ between a parameter's value and the number of facts holding in the draw, over the draws in which every fact applies, and its values in the draws in which every fact holds. These say which of the assumed settings the case's patterns, read together, point to; ${run.summary.jointChanceCorrelation >= 1 ? 'these draws differ too little to tell any of them from chance' : `|ρ| up to ${number(run.summary.jointChanceCorrelation, 2)} is within chance over these draws`}.</p>
<ol>${run.summary.jointBreakers.map((breaker) => `<li>${escapeHtml(runJointBreakerText(run, breaker))}</li>`).join('')}</ol>`
}
${
  tensions.length === 0
    ? '<p>No two facts pull against each other: for no pair does one tend to hold where the other falls short (φ &lt; 0).</p>'
    : `<p>The pairs of facts that pull against each other most: over the draws where both apply, they hold together less often than their separate shares would give if they were independent (φ, the correlation of their holding, below 0). All pairs are in <code>pairs.csv</code>.</p>
<table><thead><tr><th>Facts</th><th>Both hold</th><th>If independent</th><th>First only</th><th>Second only</th><th>Neither</th><th>φ</th></tr></thead><tbody>
${tensions
  .map(
    (tension) =>
      `<tr><td>${escapeHtml(factName(run, tension.first))} and ${escapeHtml(factName(run, tension.second))}</td><td>${tension.bothHold} of ${tension.draws}</td><td>${tension.expectedBothHold.toFixed(1)}</td><td>${tension.firstOnly}</td><td>${tension.secondOnly}</td><td>${tension.neitherHolds}</td><td>${signedNumber(tension.phi, 2)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
}`;
  const parameters = run.parameters
    .map(
      (parameter) =>
        `<tr><td><code>${escapeHtml(parameter.path)}</code></td><td>${parameter.range[0]}–${parameter.range[1]}</td><td>${parameter.integer ? 'whole numbers' : ''}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govsim — robustness of the stylized facts of ${escapeHtml(run.caseName)}</title>
<style>
${reportStylesheet}
table.robustness ol { margin: 0; padding-left: 1.2em; }
</style>
</head>
<body>
<main>
<h1>Robustness of the stylized facts: ${escapeHtml(run.caseName)}</h1>
<p>${escapeHtml(drawsSourceText(run))} over ${run.drawsFile === undefined ? `the ${run.parameters.length} assumed parameters (basis A) that have a plausible range` : `${run.parameters.length} parameter${run.parameters.length === 1 ? '' : 's'} (the others as the case’s scenarios set them)`}. Each draw sets the same values in every scenario of the case, so the case and its counterfactuals stay paired, and the stylized facts are checked on ${plural(run.replicates, 'paired replicate')} at each draw, as <code>govsim validate</code> does at the defaults.</p>
<p>"Holds in" counts the draws in which a fact holds at its threshold, out of the draws in which it applies, and "Share" gives it as a share; "n/a" counts the draws in which it is not applicable (too few replicates on which its measures are defined). ${escapeHtml(drawIntervalText(run.drawsFile))} The parameters most associated with failure are those whose values have the strongest Spearman rank correlation ρ with the fact's score across draws (the share of replicates in which it holds; for a probability fact, 1 when its claims hold and 0 when not): a negative ρ means the fact fails at the high end of the parameter's range. With many parameters and few draws, some parameter correlates with any score by chance: an association is marked "within chance" when its |ρ| is no more than what the strongest of the ${run.parameters.length} parameters reaches one time in twenty when the fact's scores are shuffled among the same draws (${wholeNumberText(chancePermutations)} shuffles, which keep the scores' ties; where the scores have too few distinct orders for any parameter to stand out after allowing for their number — a fact that falls short in one draw of sixty — nothing is marked beyond chance: the level is 1. Here: ${escapeHtml(chanceLevelsText(run))}; each fact's level is in facts.csv).</p>
<h2>Facts across the draws</h2>
<table class="robustness"><thead><tr><th>#</th><th>Stylized fact</th><th>Holds in (draws)</th><th>Share [95% interval]</th><th>n/a</th><th>Parameters most associated with failure</th></tr></thead><tbody>
${facts}
</tbody></table>
${jointSection}
${contrastSection}
${givenObservedSection(run)}
<h2>Parameters drawn</h2>
<table><thead><tr><th>Parameter</th><th>${run.drawsFile === undefined ? 'Plausible range' : 'Range'}</th><th></th></tr></thead><tbody>
${parameters}
</tbody></table>
<h2>Files</h2>
<p><code>draws.csv</code>: one row per draw, its parameter values, each fact's score and status, and the contrast's differences. <code>facts.csv</code> and <code>contrasts.csv</code>: the tables above. <code>pairs.csv</code>: every pair of facts, held together and apart. <code>manifest.json</code>: the version, seed (or draws file), samples and replicates, the parameters drawn with their ranges, and the facts about the case path.</p>
<h2>Reproducing this page</h2>
<p><code>${escapeHtml(context.command)}</code> — govsim ${escapeHtml(context.version)}.</p>
</main>
</body>
</html>
`;
}

/** "; fact 2 (Switch) applies in no draw" when some fact applies in none, naming why no draw has every fact. */
function neverApplicableText(run: RobustnessRun): string {
  const never = run.summary.facts.filter((fact) => fact.holding + fact.fallingShort === 0);
  if (never.length === 0) return '';
  return `; ${never.map((fact) => `fact ${fact.id} (${escapeHtml(fact.title)})`).join(', ')} ${never.length === 1 ? 'applies' : 'apply'} in no draw`;
}
