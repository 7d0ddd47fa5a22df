/**
 * The plain-language summary at the top of a case report: what was run, which
 * of the case's stylized facts the model reproduces and which it does not,
 * how the case compares with the mode its headline contrast starts from, and
 * what the model cannot say.
 * Every sentence is computed from the reproduction's results.
 */
import { plural, wilsonInterval } from '../core/index.js';
import { type FactResult, holdingShareText } from '../validation/index.js';
import { percent } from './html.js';
import { type CounterfactualRow, type Reproduction, scenarioName } from './reproduce.js';
import type { RobustnessTable } from './supplements.js';

/** A list in words: "a", "a and b", "a, b and c" (with `separator` "; ": "a; b; and c"). */
export function listInWords(items: readonly string[], separator = ', '): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = separator === ', ' ? ' and ' : `${separator}and `;
  return `${items.slice(0, -1).join(separator)}${last}${items[items.length - 1]}`;
}

/** A count in words up to ten ("none", "two"), in digits above. */
export function countWord(count: number): string {
  return ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][count] ?? String(count);
}

function factName(result: FactResult): string {
  return `${result.id} (${result.title.charAt(0).toLowerCase()}${result.title.slice(1)})`;
}

function signedFixed(value: number): string {
  return Number.isFinite(value) ? `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(2)}` : '—';
}

/**
 * How far a fact fell short, in words, without its subject: "holds in 87% of replicates where it needs 90%", or, for a
 * probability fact, "its claim that … is not borne out: Δp +0.10 [−0.02, 0.22]".
 */
export function shortfallText(result: FactResult): string {
  if (result.kind === 'replicates')
    return `holds in ${percent(result.holds.share)} of replicates where it needs ${percent(result.threshold)}`;
  const claim = result.claims.find((entry) => entry.status === 'falls short') ?? result.claims[0];
  if (claim === undefined) return 'its claim is not borne out';
  return `its claim that ${claim.says} is not borne out: Δp ${signedFixed(claim.difference)} [${signedFixed(claim.low)}, ${signedFixed(claim.high)}]`;
}

/** The course of the case in words, from its phases: "administrative-led (weeks 1–17), pause (weeks 18–21), …". */
function courseText(reproduction: Reproduction): string {
  return listInWords(reproduction.phases.map((phase) => `${phase.label} (weeks ${phase.from}–${phase.to})`));
}

/** Scenarios the summary names in words rather than by name: the shipped Z Street case's. */
const scenarioPhrases: Readonly<Record<string, string>> = {
  'administrative-led-throughout': 'administrative-led renewal that never switches',
};

/** A scenario in words: its phrase when it has one, else its name. */
function scenarioWords(reproduction: Reproduction, key: string): string {
  if (Object.hasOwn(scenarioPhrases, key)) return scenarioPhrases[key] as string;
  return `the scenario ${scenarioName(reproduction, key)}`;
}

/** Metrics of the headline comparison with the contrast's `from` scenario: key and words. */
const headlineMetrics: ReadonlyArray<{ metric: string; words: string }> = [
  { metric: 'satisfaction.end', words: 'need-weighted satisfaction in the last week' },
  // Over every week, the weeks before the switch (the same in both) included: the charts' windows say more.
  { metric: 'load.staffMean', words: 'mean staff load over all the weeks' },
  { metric: 'duplication.wasteShare', words: 'waste share' },
  { metric: 'trust.end', words: 'trust in the last week' },
];

function fixed(value: number): string {
  const text = Number.isFinite(value) ? value.toFixed(3) : '—';
  return text.replace('-', '−');
}

/**
 * One metric's paired difference case − counterfactual in words, or "no clear difference in …" where its
 * Holm-adjusted p-value is not below 0.05 (as the counterfactual tables mark it); where its own 95% interval excludes
 * zero all the same, the words say that the adjustment over the report's counterfactual differences is what leaves it
 * unclear.
 */
export function contrastText(row: CounterfactualRow, words: string): string {
  // The rows hold counterfactual − case; the summary speaks of the case.
  const mean = -row.difference.mean;
  const low = -row.difference.high;
  const high = -row.difference.low;
  const [from, to] = mean > 0 ? [low, high] : [-high, -low];
  const difference = `${fixed(Math.abs(mean))} ${mean > 0 ? 'higher' : 'lower'} [${fixed(from)}, ${fixed(to)}]`;
  if (!Number.isFinite(mean)) return `no clear difference in ${words}`;
  // Called as the counterfactual tables mark it: by the Holm-adjusted p-value over all of them, not the interval alone.
  if (!(row.holmPValue < 0.05))
    return low > 0 || high < 0
      ? `no clear difference in ${words} once adjusted for the report's many comparisons (alone, ${difference})`
      : `no clear difference in ${words}`;
  return `${words} ${difference}`;
}

/**
 * The summary's sentences: what was run; the facts reproduced; those not
 * reproduced, with how far they fell short; those not applicable; the case
 * against the headline contrast's `from` scenario (never switching, in Z
 * Street); the limits the facts file states; and what the model cannot say.
 * @example
 * const sentences = summarySentences(await reproduceCase(folder.facts, folder.scenarios, { replicates: 200 }));
 */
export function summarySentences(
  reproduction: Reproduction,
  options: { robustnessIncluded?: boolean; robustness?: RobustnessTable } = {},
): string[] {
  const counterfactuals = reproduction.scenarios.filter((scenario) => scenario.key !== reproduction.caseKey).length;
  const otherWorlds = reproduction.scenarios.filter((scenario) => !scenario.sameWorldAsCase).map((scenario) => scenario.key);
  const ran = `govsim ran the case — ${courseText(reproduction)} — and ${countWord(counterfactuals)} counterfactual scenario${counterfactuals === 1 ? '' : 's'}, each on the same ${plural(reproduction.replicates, 'paired replicate')}`;
  const sentences = [
    otherWorlds.length === 0
      ? `${ran}, so that every difference between scenarios is measured on the same simulated worlds.`
      : `${ran}. ${otherWorlds.join(', ')} ${otherWorlds.length === 1 ? 'has' : 'have'} another world than the case scenario: the replicates share their seeds, but on another world they draw other households, needs and projects, so ${otherWorlds.length === 1 ? 'its differences' : 'their differences'} from the case measure more than the mode.`,
  ];
  const facts = reproduction.facts;
  // The facts are drawn from a paper when the facts file cites one (the case's statements of what it describes, not a
  // list the paper gives), else the case's own.
  const theFacts = (count: number) =>
    reproduction.about.paper === undefined
      ? `the case's ${count} stylized facts`
      : `the ${count} stylized facts drawn from the paper`;
  const reproduced = facts.filter((result) => result.status === 'holds');
  const short = facts.filter((result) => result.status === 'falls short');
  const notApplicable = facts.filter((result) => result.status === 'not applicable');
  sentences.push(
    reproduced.length === 0
      ? `The model reproduces none of ${theFacts(facts.length)} at the threshold each sets.`
      : `The model reproduces ${reproduced.length} of ${theFacts(facts.length)} at the threshold each sets (a share of replicates, or for a probability a difference whose 95% interval lies above zero): ${listInWords(reproduced.map(factName))}.`,
  );
  sentences.push(
    short.length === 0
      ? 'None falls short.'
      : `It does not reproduce ${countWord(short.length)}: ${listInWords(
          short.map((result) => `${factName(result)}${result.kind === 'replicates' ? ', which' : ':'} ${shortfallText(result)}`),
          '; ',
        )}. ${short.length === 1 ? 'It is a finding' : 'Each is a finding'} about the model, explained with the facts below.`,
  );
  if (notApplicable.length > 0)
    sentences.push(
      `${notApplicable.length === 1 ? 'One fact' : `${notApplicable.length} facts`} could not be decided on enough replicates (not applicable): ${listInWords(notApplicable.map(factName))}.`,
    );
  const against = reproduction.contrast?.from;
  const never = reproduction.counterfactuals.filter((row) => row.scenario === against);
  if (against !== undefined && never.length > 0) {
    const parts = headlineMetrics
      .map(({ metric, words }) => {
        const row = never.find((entry) => entry.metric === metric);
        return row === undefined ? undefined : contrastText(row, words);
      })
      .filter((part): part is string => part !== undefined);
    sentences.push(
      `Against ${scenarioWords(reproduction, against)}, the case has ${listInWords(parts)} (paired differences with 95% intervals; a difference is called only where its p-value, adjusted by Holm's method over every counterfactual difference of the report, is below 0.05).`,
    );
  }
  if (reproduction.about.limits !== undefined) sentences.push(reproduction.about.limits);
  const robustness = options.robustness;
  if (robustness !== undefined) {
    // How the facts fare as the assumptions move: those holding in fewer than four draws in five, those applying in
    // none, and how often all hold at once.
    const weak = robustness.rows.filter((row) => Number.isFinite(row.holdingShare) && row.holdingShare < 0.8);
    const never = robustness.rows.filter((row) => !Number.isFinite(row.holdingShare));
    const named = (rows: typeof weak, withShare: boolean) =>
      listInWords(rows.map((row) => `fact ${row.id} (${row.title}${withShare ? `, ${holdingShareText(row)} of draws` : ''})`));
    // A share below four in five whose Wilson interval reaches 0.8 is one these draws cannot tell from four in five.
    const unclear = weak.filter((row) => wilsonInterval(row.holding, row.holding + row.fallingShort).high >= 0.8);
    const intervals =
      unclear.length === 0
        ? `Wilson 95% interval${weak.length === 1 ? '' : 's'}`
        : unclear.length === weak.length
          ? weak.length === 1
            ? 'its Wilson 95% interval reaches 80%, so these draws cannot tell it from four in five'
            : 'Wilson 95% intervals; each reaches 80%, so these draws cannot tell any of them from four in five'
          : `Wilson 95% intervals; ${unclear.length === 1 ? 'that' : 'those'} of ${unclear.length === 1 ? 'fact' : 'facts'} ${listInWords(unclear.map((row) => String(row.id)))} reach${unclear.length === 1 ? 'es' : ''} 80%, so these draws cannot tell ${unclear.length === 1 ? 'it' : 'them'} from four in five`;
    const parts = [
      weak.length === 0 && never.length === 0
        ? 'every fact holds in at least four draws in five'
        : weak.length === 0
          ? 'every fact that applies holds in at least four draws in five'
          : `${named(weak, true)} hold${weak.length === 1 ? 's' : ''} in fewer than four in five (${intervals})`,
      ...(never.length === 0 ? [] : [`${named(never, false)} applie${never.length === 1 ? 's' : ''} in none`]),
      ...(robustness.joint === undefined || robustness.joint.allApplicable === 0
        ? []
        : [
            `all hold at once in ${robustness.joint.allHolding} of the ${robustness.joint.allApplicable} draws in which all apply`,
          ]),
    ];
    sentences.push(`Across ${robustness.samples} draws of the assumed parameters (the robustness section), ${parts.join('; ')}.`);
  }
  sentences.push(
    `The sizes of the differences rest on the scenarios' parameters, many of them assumed (${options.robustnessIncluded ? 'see the robustness section' : 'how the facts fare as the assumptions move is what govsim robustness measures, which reproduce --robustness adds to this report'}); what the model can show is the direction of a difference and the mechanism that carries it, where its interval is clear of zero and large enough to read (each chart says which of its differences are).`,
  );
  return sentences;
}
