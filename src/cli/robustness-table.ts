/**
 * The terminal summary of a robustness analysis (`govsim robustness`). A module of its own, with the report's text
 * helpers it needs, so that only that command loads them: a `govsim run` never parses the report stack.
 */
import { percent, plural } from '../core/index.js';
import { breakerText, drawsSourceText, factList, runJointBreakerText, tensionText } from '../report/index.js';
import {
  type ContrastRobustness,
  drawShareText,
  hasReferenceSign,
  holdingShareText,
  type RobustnessRun,
  strongestTensions,
} from '../validation/index.js';

/** The robustness summary for a terminal: per fact, draws holding, not applicable, and the top breakers. */
export function robustnessTable(run: RobustnessRun): string {
  const over =
    run.drawsFile === undefined
      ? `${run.parameters.length} assumed parameters`
      : `${run.parameters.length} parameter${run.parameters.length === 1 ? '' : 's'} (the others as the case’s scenarios set them)`;
  const lines = [`Robustness: ${drawsSourceText(run)} over ${over}, ${plural(run.replicates, 'paired replicate')} each`, ''];
  // Titles padded to the longest, so that the counts line up under one another (a title is at most 200 characters).
  const titleWidth = Math.max(24, ...run.summary.facts.map((fact) => fact.title.length));
  for (const fact of run.summary.facts) {
    const applicable = fact.holding + fact.fallingShort;
    lines.push(
      `${String(fact.id).padStart(2)}  ${fact.title.padEnd(titleWidth)} holds in ${String(fact.holding).padStart(3)} of ${String(applicable).padStart(3)} draws (${holdingShareText(fact)})${fact.notApplicable > 0 ? `, not applicable in ${fact.notApplicable}` : ''}`,
    );
    if (fact.fallingShort > 0)
      for (const breaker of fact.breakers) lines.push(`      ${breakerText(breaker, fact.chanceCorrelation)}`);
  }
  const { joint } = run.summary;
  // A fact that applies in no draw leaves no draw in which every fact applies: name it.
  const neverApplicable = run.summary.facts.filter((fact) => fact.holding + fact.fallingShort === 0);
  lines.push(
    '',
    `Every fact holds in ${joint.allHolding} of the ${joint.allApplicable} draws in which every fact applies${joint.allApplicable === 0 ? '' : ` (${drawShareText(joint.allHolding, joint.allApplicable)})`}${neverApplicable.length === 0 ? '' : `; applicable in no draw: ${neverApplicable.map((fact) => `fact ${fact.id} (${fact.title})`).join(', ')}`}`,
  );
  if (run.summary.jointBreakers.length > 0) {
    lines.push('Parameters that go with fewer facts holding at once:');
    for (const breaker of run.summary.jointBreakers) lines.push(`  ${runJointBreakerText(run, breaker)}`);
  }
  const tensions = strongestTensions(run.summary.tensions, 3);
  if (tensions.length > 0) {
    lines.push('Facts that pull against each other most:');
    for (const tension of tensions) lines.push(`  ${tensionText(run, tension)}`);
  }
  const [first] = run.summary.contrasts;
  if (first !== undefined) {
    lines.push('', `Headline contrast ${first.to} − ${first.from}: draws keeping its sign at the defaults`);
    for (const contrast of run.summary.contrasts) {
      lines.push(
        `  ${contrast.metric.padEnd(42)} ${keptSign(contrast)}; opposite ${contrast.oppositeSign}, none ${contrast.noDifference}; at the defaults ${contrast.atDefaults.toPrecision(3)}`,
      );
    }
  }
  const given = run.summary.givenObserved;
  if (given !== null) {
    lines.push(
      '',
      `Given what the case showed: ${factList(given.observed)} (the case path itself) ${given.observed.length === 1 ? 'holds' : 'all hold'} in ${given.holding} of the ${given.applicable} draws where they apply${given.holding === 0 ? '' : given.facts.length === 0 ? ' (the case has no other facts)' : '; over those draws:'}`,
    );
    const overall = new Map(run.summary.facts.map((fact) => [fact.id, fact.holdingShare]));
    for (const fact of given.holding === 0 ? [] : given.facts) {
      lines.push(
        `${String(fact.id).padStart(2)}  ${fact.title.padEnd(titleWidth)} holds in ${String(fact.holding).padStart(3)} of ${String(fact.holding + fact.fallingShort).padStart(3)} (${holdingShareText(fact)}; ${percent(overall.get(fact.id) ?? Number.NaN)} over every draw it applies to)`,
      );
    }
    if (given.holding > 0 && given.contrasts.length > 0)
      lines.push('  The headline contrast, draws keeping its sign at the defaults:');
    for (const contrast of given.holding === 0 ? [] : given.contrasts) {
      lines.push(`  ${contrast.metric.padEnd(42)} ${keptSign(contrast)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The draws keeping a contrast's sign at the defaults, "45 of 60 (75% [63%, 84%])"; said so where it has none there. */
function keptSign(contrast: ContrastRobustness): string {
  if (!hasReferenceSign(contrast)) return 'no sign at the defaults';
  return `${String(contrast.sameSign).padStart(3)} of ${contrast.draws} (${drawShareText(contrast.sameSign, contrast.draws)})`;
}
