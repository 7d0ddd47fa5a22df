/** The facts table as plain text (terminal) and Markdown (reports). */
import { type MeanInterval, percent, plural, textTableLines, wilsonInterval } from '../core/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../simulation/arguments.js';
import { givenValue } from '../simulation/index.js';
import type { FactsFile } from './facts.js';
import type { FalsificationResult, FalsificationVerdict } from './falsification.js';
import type { FactResult } from './validate.js';

function effect(value: number): string {
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return value.toFixed(2);
}

/** Units said as "a …" rather than "in …": a value is a share, a ratio or a score, and counted in hours or projects. */
const singularUnits = /^(share|ratio|score|correlation|index|flag|pressure)\b/;

/**
 * A check's mean margin in words, its numbers written by `format` and followed by its `unit` when there is one:
 * "mean margin 4.2 [3.9, 4.6] projects" ("…, as a share" for a share, ratio or score), or, when the margin is 0 in
 * every replicate (a yes/no check met exactly, such as a count of at least 1 that is 1), "margin 0 in every replicate:
 * met exactly each time, …", which says more than an interval of [0, 0] and does not read as borderline.
 * @example marginWords({ mean: 0.061, low: 0.056, high: 0.066, count: 200 }, String, 'share') // 'mean margin 0.061 [0.056, 0.066], as a share'
 */
export function marginWords(margin: MeanInterval, format: (value: number) => string, unit = ''): string {
  if (margin.mean === 0 && margin.low === 0 && margin.high === 0)
    return 'margin 0 in every replicate: met exactly each time, as a yes/no measure that is 1 meets a bound of 1';
  const inUnit = unit === '' ? '' : singularUnits.test(unit) ? `, as a ${unit}` : ` ${unit}`;
  // No margin (a check applicable on no replicate) or no interval (on one): "—", not "NaN".
  const number = (value: number) => (Number.isFinite(value) ? format(value) : '—');
  return `mean margin ${number(margin.mean)} [${number(margin.low)}, ${number(margin.high)}]${inUnit}`;
}

/** One row of the facts table, every cell as display text. */
export interface FactRow {
  id: string;
  title: string;
  /** Share of applicable replicates in which the fact holds ("93%"), or a probability fact's Δp ("Δp +0.10"). */
  holds: string;
  /** The 95% interval of that share or Δp. */
  interval: string;
  /** Effect size: the smallest of its checks' mean margin ÷ SD, or "—" when there is none. */
  effect: string;
  /**
   * What is needed: "≥ 90%", or for a probability fact "interval > 0": its claim holds only when the whole 95% interval
   * of Δp lies above zero, not when Δp alone does.
   */
  threshold: string;
  /** Replicates on which the fact could not be decided (a measure undefined), counted apart. */
  notApplicable: string;
  /** The fact's status in words: holds, falls short, not applicable. */
  verdict: string;
}

/** Not-applicable replicates as a count out of all replicates ("3/40"), or "0". */
function notApplicableCount(result: FactResult): string {
  return result.notApplicable === 0 ? '0' : `${result.notApplicable}/${result.replicates}`;
}

/**
 * A number to two decimals, or to two significant digits where two decimals would round it to zero: an interval's
 * end just above zero reads 0.0049, not 0.00, beside a verdict that the interval lies above zero.
 * @example signKeepingFixed(0.0049) // '0.0049'
 * @example signKeepingFixed(0.123) // '0.12'
 */
export function signKeepingFixed(value: number): string {
  const fixed = value.toFixed(2);
  return value !== 0 && Number(fixed) === 0 ? value.toPrecision(2) : fixed;
}

/** One display row per fact. */
export function factRows(results: readonly FactResult[]): FactRow[] {
  return results.map((result) => {
    if (result.kind === 'probability') {
      const first = result.claims.find((claim) => !claim.says.startsWith('never'));
      // A claim whose two events apply together on no replicate has no Δp and no interval: "—", as a share of none.
      const fixed = (value: number) => (Number.isFinite(value) ? signKeepingFixed(value) : '—');
      return {
        id: String(result.id),
        title: result.title,
        holds:
          first && Number.isFinite(first.difference) ? `Δp ${first.difference >= 0 ? '+' : ''}${fixed(first.difference)}` : '—',
        interval: first ? `[${fixed(first.low)}, ${fixed(first.high)}]` : '—',
        effect: effect(result.effectSize),
        threshold: 'interval > 0',
        notApplicable: notApplicableCount(result),
        verdict: result.status,
      };
    }
    return {
      id: String(result.id),
      title: result.title,
      holds: percent(result.holds.share),
      interval: `[${percent(result.holds.low)}, ${percent(result.holds.high)}]`,
      effect: effect(result.effectSize),
      threshold: `≥ ${percent(result.threshold)}`,
      notApplicable: notApplicableCount(result),
      verdict: result.status,
    };
  });
}

const headers: Record<keyof FactRow, string> = {
  id: '#',
  title: 'stylized fact',
  holds: 'holds in',
  interval: '95% interval',
  effect: 'effect size',
  threshold: 'needed',
  notApplicable: 'n/a',
  verdict: 'status',
};

/** "11 of 14 facts hold at their thresholds; 2 fall short; 1 is not applicable." */
export function factsSummaryLine(results: readonly FactResult[]): string {
  const count = (status: FactResult['status']) => results.filter((result) => result.status === status).length;
  const parts = [`${count('holds')} of ${results.length} facts hold at their thresholds`];
  const short = count('falls short');
  const notApplicable = count('not applicable');
  if (short > 0) parts.push(`${short} ${short === 1 ? 'falls' : 'fall'} short`);
  if (notApplicable > 0) parts.push(`${notApplicable} ${notApplicable === 1 ? 'is' : 'are'} not applicable`);
  return `${parts.join('; ')}.`;
}

/**
 * Checks fact results at `path` as `evaluateFacts` gives them: a list of objects, each a replicate fact's (with its
 * share `holds` and its `checks`) or a probability fact's (with its `claims`).
 */
function checkFactResults(check: ArgumentCheck, results: unknown, path: string): void {
  if (!Array.isArray(results)) {
    check.add(path, `expected a list of fact results (evaluateFacts(…).results), got ${givenValue(results)}`);
    return;
  }
  results.forEach((result: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!check.object(result, at, 'a fact result (evaluateFacts(…).results)')) return;
    if (result.kind === 'replicates') {
      check.object(result.holds, `${at}.holds`, 'the share of replicates in which it holds');
      if (!Array.isArray(result.checks)) check.add(`${at}.checks`, `expected a list of checks, got ${givenValue(result.checks)}`);
    } else if (result.kind === 'probability') {
      if (!Array.isArray(result.claims)) check.add(`${at}.claims`, `expected a list of claims, got ${givenValue(result.claims)}`);
    } else check.add(`${at}.kind`, `expected "replicates" or "probability", got ${givenValue(result.kind)}`);
  });
}

/**
 * The facts table for a terminal.
 * @throws ScenarioError (source "facts table arguments") when `results` is not a list of fact results or
 *   `replicates` not a whole number from 1, or not the replicates the results were evaluated on
 */
export function factsTable(results: readonly FactResult[], replicates: number): string {
  checkArgumentWith(
    'facts table arguments',
    (check) => {
      checkFactResults(check, results, 'results');
      check.wholeNumber(replicates, 'replicates', 1);
      if (!Array.isArray(results)) return;
      // The heading says "share of N paired replicates": N must be the results' own, or the intervals read wrong.
      const evaluated = [...new Set(results.map((result) => result?.replicates))];
      if (
        evaluated.length === 1 &&
        typeof evaluated[0] === 'number' &&
        Number.isInteger(replicates) &&
        evaluated[0] !== replicates
      )
        check.add(
          'replicates',
          `expected the replicates the results were evaluated on (${givenValue(evaluated[0])}), got ${replicates}`,
        );
    },
    'arguments',
  );
  const rows = factRows(results);
  const keys = Object.keys(headers) as Array<keyof FactRow>;
  const lines = [
    `Stylized facts: share of ${plural(replicates, 'paired replicate')} in which each holds (Wilson 95% interval), over the replicates on which it applies; n/a = replicates on which a measure is undefined; effect size = mean margin ÷ its SD, of the fact's weakest check`,
    '',
    ...textTableLines(
      keys.map((key) => headers[key]),
      rows.map((row) => keys.map((key) => row[key])),
      [1],
    ),
    '',
    factsSummaryLine(results),
  ];
  for (const result of results) {
    if (result.status === 'holds') continue;
    if (result.status === 'not applicable') {
      lines.push('', `Fact ${result.id} (${result.title}) is not applicable: ${result.notApplicableReason}.`);
      continue;
    }
    lines.push('', `Fact ${result.id} (${result.title}) falls short:`);
    if (result.kind === 'replicates') {
      // The shares right-aligned in one column, however many figures each has ("99.7%" beside "100%").
      const width = Math.max(4, ...result.checks.map((check) => percent(check.share).length));
      for (const check of result.checks) {
        const undefinedOn = check.notApplicable > 0 ? `; n/a on ${check.notApplicable}` : '';
        lines.push(
          `  ${percent(check.share).padStart(width)}  ${check.says} (${marginWords(check.margin, (value) => value.toPrecision(3), check.unit)}${undefinedOn})`,
        );
      }
      if (result.ifNotReproduced) lines.push(`  Why: ${result.ifNotReproduced}`);
    } else {
      for (const claim of result.claims) lines.push(`  ${claim.status.padEnd(14)}  ${claim.says}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The facts table as Markdown.
 * @throws ScenarioError (source "facts table arguments") when `results` is not a list of fact results
 */
export function factsMarkdown(results: readonly FactResult[]): string {
  checkArgumentWith('facts table arguments', (check) => checkFactResults(check, results, 'results'), 'arguments');
  const rows = factRows(results);
  const keys = Object.keys(headers) as Array<keyof FactRow>;
  return [
    `| ${keys.map((key) => headers[key]).join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${keys.map((key) => row[key].replaceAll('|', '\\|')).join(' | ')} |`),
  ].join('\n');
}

/** A fact's falsification: the fact at the case's own settings, under its alternative, and what the two show. */
export interface FalsificationRow {
  outcome: FalsificationResult;
  atDefaults: FactResult;
  verdict: FalsificationVerdict;
}

/** Why a fact its alternative did not falsify stands, in a sentence. */
function standingSentence({ outcome, atDefaults, verdict }: FalsificationRow): string {
  const fact = `Fact ${outcome.id} (${outcome.title})`;
  if (verdict === 'falls short at its settings' || verdict === 'not applicable at its settings')
    return `${fact} does not hold at the case's own settings (${atDefaults.status}), so its alternative cannot show that the mechanism it names carries it.`;
  if (verdict === 'not applicable there')
    return `${fact} is not applicable under its alternative (${outcome.result.notApplicableReason}), so the alternative tests nothing.`;
  return `${fact} still holds under its alternative: the alternative does not break the mechanism the fact names, or the fact cannot fail.`;
}

/**
 * The falsification table for a terminal: each fact with an alternative
 * (`failsWhen`), how it fares at the case's own settings and under the
 * alternative, and whether that falsifies it; then the alternatives in
 * words, why each fact not falsified stands, and the facts that name none.
 */
export function falsificationTable(
  rows: readonly FalsificationRow[],
  withoutAlternative: readonly { id: number; title: string }[],
  replicates: number,
): string {
  const cells = rows.map(({ outcome, atDefaults, verdict }) => {
    const [under] = factRows([outcome.result]) as [FactRow];
    const [own] = factRows([atDefaults]) as [FactRow];
    return [under.id, under.title, own.holds, under.holds, under.interval, under.threshold, under.notApplicable, verdict];
  });
  const header = ['#', 'stylized fact', 'at its settings', 'under its alternative', '95% interval', 'needed', 'n/a', 'result'];
  const standing = rows.filter((row) => row.verdict !== 'falsified');
  const lines = [
    `Falsification: each fact checked on ${plural(replicates, 'paired replicate')} at the case's own settings and with every scenario under the alternative its facts file names (failsWhen); a fact is falsified when it holds at its settings and falls short of its threshold under the alternative`,
    '',
    ...textTableLines(header, cells, [1, 7]),
    '',
    'The alternatives:',
    ...rows.map(
      ({ outcome }) =>
        `  ${outcome.id}. ${outcome.says} (${Object.entries(outcome.parameters)
          .map(([path, value]) => `${path} = ${JSON.stringify(value)}`)
          .join(', ')})`,
    ),
    '',
    `${rows.length - standing.length} of ${rows.length} facts with an alternative are falsified by it.`,
    ...standing.map(standingSentence),
  ];
  if (withoutAlternative.length > 0)
    lines.push(
      `No alternative named (no failsWhen): ${withoutAlternative.map((fact) => `${fact.id} (${fact.title})`).join(', ')}.`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * A note when `replicates` are too few to tell a replicate fact's share from its threshold: a fact holding in every
 * replicate would still have a Wilson 95% interval reaching below the highest threshold under 1 of the facts, so a
 * verdict is the share alone. Says how many replicates could tell them apart; undefined when there are enough.
 * @example fewReplicatesNote(facts, 1) // "with 1 replicate, a fact that holds in every one … 35 replicates or more …"
 */
export function fewReplicatesNote(facts: FactsFile, replicates: number): string | undefined {
  const thresholds = facts.facts.flatMap((fact) => (fact.kind === 'probability' || fact.threshold >= 1 ? [] : [fact.threshold]));
  if (thresholds.length === 0) return undefined;
  const threshold = Math.max(...thresholds);
  if (wilsonInterval(replicates, replicates).low >= threshold) return undefined;
  let enough = replicates + 1;
  while (wilsonInterval(enough, enough).low < threshold) enough++;
  return `with ${plural(replicates, 'replicate')}, a fact that holds in every one still has a 95% interval (Wilson) reaching below its threshold of ${percent(threshold)}: a verdict of holds or falls short is the share on these replicates, not told apart from the threshold; ${enough} replicates or more can tell them apart`;
}
