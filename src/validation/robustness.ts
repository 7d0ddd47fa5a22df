/**
 * Robustness of the stylized facts to the model's assumptions: draw settings
 * of every assumed parameter (basis `A`) with a plausible range from a Latin
 * hypercube, evaluate the facts on paired replicates at each draw, and say
 * for each fact in how many draws it holds and which parameters go with its
 * failure.
 *
 * Each draw's values are applied to every scenario of the case as written
 * (see {@link applyOverrides}), so the case and its counterfactuals stay
 * paired. A draw's outcome depends on nothing but its values, so the result
 * is the same whatever the order in which draws are run.
 */
import {
  createRandomSource,
  finishSteps,
  percent,
  permutationChanceCorrelation,
  type Steps,
  sampleMean,
  spearmanCorrelation,
  wilsonInterval,
} from '../core/index.js';
import { pointsOfDesign } from '../experiments/designs.js';
import type { RangeFactor } from '../experiments/index.js';
import { type ParameterExtension, parameterRows, type Scenario } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { givenValue, type ModelDefinition, summaryValue } from '../simulation/index.js';
import { type Fact, type FactsFile, observedFacts } from './facts.js';
import { evaluateFactsWithOverridesSteps } from './falsification.js';
import { robustnessSampleLimits } from './limits.js';
import type { FactResult, FactStatus } from './validate.js';

/** A parameter the robustness draws vary: an assumption with a plausible range. */
export interface RobustnessParameter {
  path: string;
  range: readonly [number, number];
  integer: boolean;
}

/** A draw: a value for every robustness parameter, by path. */
export type Draw = Record<string, number>;

/** What one draw says about one fact. */
export interface DrawFactOutcome {
  id: number;
  status: FactStatus;
  /**
   * The fact's score on the draw: for a replicate fact, the share of its
   * applicable replicates in which it holds; for a probability fact, 1 when
   * its claims hold in direction (see {@link drawFactOutcome}) and 0 when not.
   * NaN when the fact is not applicable.
   */
  share: number;
  applicable: number;
  notApplicable: number;
}

/** The outcome of one draw: every fact's status and score, and the headline contrast's paired differences. */
export interface DrawOutcome {
  facts: DrawFactOutcome[];
  /** Mean over replicates of the paired difference to − from, per metric of the facts file's contrast (empty without one); NaN when undefined in every replicate. */
  contrasts: number[];
}

/** How one metric of the headline contrast fares across the draws. */
export interface ContrastRobustness {
  metric: string;
  from: string;
  to: string;
  /** The mean paired difference at the defaults (no parameter drawn). */
  atDefaults: number;
  draws: number;
  /** Draws whose difference has the sign it has at the defaults; none where it has no sign there ({@link hasReferenceSign}). */
  sameSign: number;
  /** Draws whose difference has the opposite sign; none where it has no sign at the defaults. */
  oppositeSign: number;
  /**
   * Draws with no difference, or an undefined one. Where the difference at the defaults has no sign, the draws with a
   * difference are in none of the three counts: there is no sign for them to keep or reverse.
   */
  noDifference: number;
  /** sameSign ÷ draws; NaN where the difference at the defaults has no sign. */
  keepsSignShare: number;
}

/** A parameter associated with a fact's failure across draws. */
export interface Breaker {
  path: string;
  /** Spearman rank correlation between the parameter's value and the fact's per-draw score, over draws where it applies. */
  correlation: number;
  /** Whether the fact tends to fail at the high or the low end of the parameter's range. */
  failsAt: 'high' | 'low';
}

/** How often one fact holds over a set of draws. */
export interface FactCount {
  id: number;
  title: string;
  kind: FactResult['kind'];
  draws: number;
  holding: number;
  fallingShort: number;
  notApplicable: number;
  /** Share of draws in which the fact holds, among those where it applies (holding + falling short); NaN when none. */
  holdingShare: number;
}

/** Checks two counts of draws: whole numbers from 0, the first (`part`) not above the second (`whole`). */
function checkDrawCounts(argument: string, part: unknown, partPath: string, whole: unknown, wholePath: string): void {
  checkArgumentWith(
    argument,
    (check) => {
      check.wholeNumber(part, partPath, 0);
      check.wholeNumber(whole, wholePath, 0);
      if (typeof part === 'number' && typeof whole === 'number' && part > whole)
        check.add(partPath, `expected at most ${wholePath} (${whole}), got ${givenValue(part)}`);
    },
    'arguments',
  );
}

/**
 * A share of draws with its Wilson 95% interval, as tables show it: "75% [63%, 84%]" for 45 of 60, "—" of none.
 * The interval treats the draws as independent: a Latin hypercube's share varies less than independent draws' would,
 * or at most n/(n − 1) times as much in variance (Owen 1997), so for it the interval is about right or wide.
 * @throws ScenarioError (source "draw share arguments") naming `successes` or `draws` when one is not a whole number
 *   from 0, or `successes` is above `draws`
 * @example drawShareText(45, 60) // '75% [63%, 84%]'
 */
export function drawShareText(successes: number, draws: number): string {
  checkDrawCounts('draw share arguments', successes, 'successes', draws, 'draws');
  const { share, low, high } = wilsonInterval(successes, draws);
  if (!Number.isFinite(share)) return '—';
  return `${percent(share)} [${percent(low)}, ${percent(high)}]`;
}

/**
 * A fact's share of draws holding, among those where it applies, with its Wilson 95% interval ({@link drawShareText}).
 * @throws ScenarioError (source "fact count") naming `holding` or `fallingShort` when `count` is not an object of
 *   those two whole numbers from 0
 * @example holdingShareText({ holding: 45, fallingShort: 15 }) // '75% [63%, 84%]'
 */
export function holdingShareText(count: Pick<FactCount, 'holding' | 'fallingShort'>): string {
  checkArgumentWith(
    'fact count',
    (check) => {
      if (!check.object(count, '(top level)', 'a fact count {holding, fallingShort}')) return;
      check.wholeNumber(count.holding, 'holding', 0);
      check.wholeNumber(count.fallingShort, 'fallingShort', 0);
    },
    'fact count',
  );
  return drawShareText(count.holding, count.holding + count.fallingShort);
}

/** How one fact fares across the draws. */
export interface FactRobustness extends FactCount {
  /** Up to three parameters most associated with the fact's failure, strongest first; none when no draw falls short. */
  breakers: Breaker[];
  /**
   * The |ρ| that chance alone gives the strongest of the parameters one time
   * in twenty, over the draws where the fact applies: the scores shuffled
   * among those draws ({@link chanceCorrelationOf}); a breaker at or below it
   * is within chance. NaN with fewer than 2 such draws, or a score that is
   * the same in every one; 1 where the draws are too few to tell anything.
   */
  chanceCorrelation: number;
}

/**
 * How often the facts hold together: pattern-oriented validation asks for
 * the patterns at once, not one at a time.
 */
export interface JointRobustness {
  draws: number;
  /** Draws in which every fact applies. */
  allApplicable: number;
  /** Draws in which every fact holds. */
  allHolding: number;
  /** allHolding ÷ allApplicable; NaN when no draw has every fact applicable. */
  holdingShare: number;
}

/**
 * Two facts across the draws where both apply: how often they hold
 * together, against what their separate shares would give if they were
 * independent. A negative φ means the settings under which one holds tend to
 * be those under which the other fails: the two pull against each other.
 */
export interface FactTension {
  first: number;
  second: number;
  /** Draws in which both facts apply. */
  draws: number;
  bothHold: number;
  firstOnly: number;
  secondOnly: number;
  neitherHolds: number;
  /** Draws in which both would hold if the two were independent: (bothHold + firstOnly)(bothHold + secondOnly) ÷ draws. */
  expectedBothHold: number;
  /**
   * The φ coefficient of the two facts' holding over these draws,
   * (bothHold · neitherHolds − firstOnly · secondOnly) ÷ √(each margin's product);
   * NaN when a fact holds in all of them or in none (nothing to correlate).
   */
  phi: number;
}

/**
 * A parameter associated with how many facts hold at once, over the draws in
 * which every fact applies: `correlation` is the Spearman rank correlation
 * between its value and the number of facts holding in the draw, `failsAt`
 * the end of its range where fewer hold.
 */
export interface JointBreaker extends Breaker {
  /** Its lowest and highest value among the draws in which every fact holds; null when no draw has them all. */
  whereAllHold: readonly [number, number] | null;
}

/**
 * Pattern-oriented modelling's filter: the draws in which every fact about
 * the case path holds (what the case showed, {@link observedFacts}), and how
 * the other facts — the paper's claims about what would have happened
 * otherwise — and the headline contrast fare over those draws alone.
 */
export interface GivenObserved {
  /** Ids of the facts about the case path itself, in file order. */
  observed: number[];
  /** Draws in which every observed fact applies. */
  applicable: number;
  /** Draws in which every observed fact holds: those the rest is counted over. */
  holding: number;
  /** The other facts over those draws, in file order. */
  facts: FactCount[];
  /** The headline contrast over those draws, against its sign at the defaults; empty without one. */
  contrasts: ContrastRobustness[];
}

/**
 * What a robustness analysis found over its draws: how often each fact holds and which parameters go with its failure,
 * how the facts hold together, and how the headline contrast keeps its sign.
 */
export interface RobustnessSummary {
  /** Each fact, in the facts file's order. */
  facts: FactRobustness[];
  /** The headline contrast per metric; empty when the facts file names none. */
  contrasts: ContrastRobustness[];
  /** Draws in which every fact holds. */
  joint: JointRobustness;
  /** Up to three parameters most associated with fewer facts holding at once, strongest first; none when every fact holds in every draw. */
  jointBreakers: JointBreaker[];
  /** The chance level of the joint breakers' |ρ|, over the draws in which every fact applies (see {@link FactRobustness.chanceCorrelation}). */
  jointChanceCorrelation: number;
  /** Given what the case showed: null when no fact is about the case path alone. */
  givenObserved: GivenObserved | null;
  /** Every pair of facts, in fact order (first < second in the file's order). */
  tensions: FactTension[];
}

/** A whole robustness analysis: what was drawn, each draw's outcome, and the summary. */
export interface RobustnessRun {
  /** Scenario key of the case. */
  caseKey: string;
  /** Name of the case scenario. */
  caseName: string;
  seed: number;
  samples: number;
  replicates: number;
  parameters: RobustnessParameter[];
  draws: Draw[];
  /** One per draw, in draw order. */
  outcomes: DrawOutcome[];
  /** The same evaluation at the defaults (no parameter drawn): the reference for the contrast's sign. */
  atDefaults: DrawOutcome;
  /** The file the draws were read from; absent when they were drawn from a Latin hypercube with `seed`. */
  drawsFile?: string;
  summary: RobustnessSummary;
}

/**
 * Every parameter of the scenario schema with basis `A` (an assumption) and
 * a plausible range, in schema order, found from the schema itself; then
 * those of `extensions`.
 * @throws ScenarioError (source "extensions") when `extensions` is not a list of extensions, such as a model's
 *   `extensions` (the model itself, say)
 */
export function robustnessParameters(extensions: readonly ParameterExtension[] = []): RobustnessParameter[] {
  return parameterRows(extensions).flatMap((row) =>
    row.basis === 'A' && row.plausibleRange !== null ? [{ path: row.path, range: row.plausibleRange, integer: row.integer }] : [],
  );
}

/**
 * The parameters that can change a run of at least one of `scenarios`: those whose place exists in one of them.
 * Every parameter of `parameters.` does, each scenario holding them all; the switch rule's only in a scenario that
 * has a switch rule, so that a case without one does not draw them, to no effect, and then rank them among what
 * goes with a fact's failure. A path through a list (`world.communities[].sites`) needs the list not empty.
 * @example parametersThatApply(robustnessParameters(), [parseScenario({ name: 'y', mode: 'co-production' })]).some((parameter) => parameter.path.startsWith('switchRule.')) // false
 */
export function parametersThatApply(
  parameters: readonly RobustnessParameter[],
  scenarios: Iterable<Scenario>,
): RobustnessParameter[] {
  const all = [...scenarios];
  const placeExists = (scenario: Scenario, path: string): boolean => {
    let here: unknown = scenario;
    for (const segment of path.split('.').slice(0, -1)) {
      const list = segment.endsWith('[]');
      here = (here as Record<string, unknown> | undefined)?.[list ? segment.slice(0, -2) : segment];
      if (list) here = Array.isArray(here) ? here[0] : undefined;
      if (here === null || typeof here !== 'object') return false;
    }
    return true;
  };
  return parameters.filter((parameter) => all.some((scenario) => placeExists(scenario, parameter.path)));
}

/**
 * `samples` Latin-hypercube draws over the parameters' plausible ranges,
 * from the `robustness` stream of a source seeded by `seed`: the same seed
 * always gives the same draws. Integer parameters get whole numbers.
 * @throws ScenarioError (source "robustness draws") naming `parameters` (a list of {path, range: [low, high],
 *   integer}), `samples` (a whole number from 2 to 100,000, {@link robustnessSampleLimits}) or `seed` (a whole number
 *   from 0 to 2^53 − 1) when it is not one
 */
export function robustnessDraws(parameters: readonly RobustnessParameter[], samples: number, seed: number): Draw[] {
  checkArgumentWith(
    'robustness draws',
    (check) => {
      if (!Array.isArray(parameters))
        check.add(
          'parameters',
          `expected a list of parameters {path, range, integer} (robustnessParameters), got ${givenValue(parameters)}`,
        );
      else
        parameters.forEach((parameter: unknown, index) => {
          const at = `parameters[${index}]`;
          if (!check.object(parameter, at, 'a parameter {path, range, integer}')) return;
          check.text(parameter.path, `${at}.path`);
          const range = parameter.range;
          if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || range[0] > range[1])
            check.add(`${at}.range`, 'expected [low, high]: two numbers, low not above high');
          if (typeof parameter.integer !== 'boolean')
            check.add(`${at}.integer`, `expected true or false, got ${givenValue(parameter.integer)}`);
        });
      check.wholeNumberUpTo(samples, 'samples', robustnessSampleLimits.minimum, robustnessSampleLimits.maximum);
      check.wholeNumber(seed, 'seed', 0);
    },
    'arguments',
  );
  const factors: RangeFactor[] = parameters.map((parameter) => ({
    path: parameter.path,
    range: [parameter.range[0], parameter.range[1]],
    integer: parameter.integer,
  }));
  const random = createRandomSource(seed).stream('robustness');
  const { points } = pointsOfDesign({ type: 'latin-hypercube', samples, factors }, random);
  return points as Draw[];
}

/**
 * A fact result reduced to what a draw keeps of it. A replicate fact holds
 * in a draw as it does in `govsim validate`: its share reaches its threshold.
 * A probability fact is judged by the direction of its claims: each
 * difference P(more) − P(than) is above 0 and each "never" event never
 * happened. A draw has too few replicates to test a difference of
 * probabilities at 95% (that is what `validate`, with its 200 replicates,
 * does); what robustness asks is whether the direction survives the draw.
 */
export function drawFactOutcome(result: FactResult): DrawFactOutcome {
  if (result.kind === 'probability' && result.status !== 'not applicable') {
    const holds = result.claims.every((claim) =>
      claim.says.startsWith('never') ? claim.difference === 0 : claim.difference > 0,
    );
    return {
      id: result.id,
      status: holds ? 'holds' : 'falls short',
      share: holds ? 1 : 0,
      applicable: result.applicable,
      notApplicable: result.notApplicable,
    };
  }
  const share = result.status === 'not applicable' ? Number.NaN : result.kind === 'replicates' ? result.holds.share : 0;
  return { id: result.id, status: result.status, share, applicable: result.applicable, notApplicable: result.notApplicable };
}

/**
 * Evaluates the facts on `replicates` paired replicates with the draw's
 * values applied to every scenario, and the headline contrast's mean paired
 * differences on the same runs. An empty draw evaluates the defaults. With `model` (an extended model), the draw's
 * values are applied with its extensions and the facts evaluated under it.
 */
export function evaluateDraw(
  file: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  draw: Draw,
  replicates: number,
  model?: ModelDefinition,
): DrawOutcome {
  return finishSteps(evaluateDrawSteps(file, inputs, draw, replicates, model));
}

/**
 * {@link evaluateDraw} in steps, yielding after each week of each run: run with `finishStepsPausing` to let the
 * event loop in during a long draw (`govsim robustness -j 1` answers Ctrl-C so); the same outcome, byte for byte.
 */
export function* evaluateDrawSteps(
  file: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  draw: Draw,
  replicates: number,
  model?: ModelDefinition,
): Steps<DrawOutcome> {
  const contrast = file.contrast;
  const differences: number[][] = (contrast?.metrics ?? []).map(() => []);
  const { results } = yield* evaluateFactsWithOverridesSteps(
    file,
    inputs,
    draw,
    replicates,
    undefined,
    (runs) => {
      const from = contrast === undefined ? undefined : runs.get(contrast.from);
      const to = contrast === undefined ? undefined : runs.get(contrast.to);
      if (from === undefined || to === undefined) return;
      contrast?.metrics.forEach((metric, index) => {
        const difference = summaryValue(to.summary, metric) - summaryValue(from.summary, metric);
        if (Number.isFinite(difference)) (differences[index] as number[]).push(difference);
      });
    },
    model,
  );
  return {
    facts: results.map(drawFactOutcome),
    contrasts: differences.map((values) => (values.length > 0 ? sampleMean(values) : Number.NaN)),
  };
}

/** A metric of the headline contrast with its paired difference at the defaults: what a draw's sign is held against. */
export type ContrastReference = Pick<ContrastRobustness, 'metric' | 'from' | 'to' | 'atDefaults'>;

/** Per metric of the headline contrast: how often the draws keep the sign it has at the defaults. */
export function summariseContrasts(
  file: FactsFile,
  outcomes: readonly DrawOutcome[],
  atDefaults: DrawOutcome | undefined,
): ContrastRobustness[] {
  return countContrastSigns(contrastReferences(file, atDefaults), outcomes);
}

/** The headline contrast's metrics with their paired differences at the defaults (NaN when not evaluated); empty without one. */
function contrastReferences(file: FactsFile, atDefaults: DrawOutcome | undefined): ContrastReference[] {
  const contrast = file.contrast;
  if (contrast === undefined) return [];
  return contrast.metrics.map((metric, index) => ({
    metric,
    from: contrast.from,
    to: contrast.to,
    atDefaults: atDefaults?.contrasts[index] ?? Number.NaN,
  }));
}

/** Per metric, in order (a draw's `contrasts` aligned with `references`): draws with its sign at the defaults, the opposite sign, and none. */
export function countContrastSigns(
  references: readonly ContrastReference[],
  outcomes: readonly DrawOutcome[],
): ContrastRobustness[] {
  return references.map((reference, index) => {
    const signed = hasReferenceSign(reference);
    const sign = Math.sign(reference.atDefaults);
    let sameSign = 0;
    let oppositeSign = 0;
    let noDifference = 0;
    for (const outcome of outcomes) {
      const value = outcome.contrasts[index] ?? Number.NaN;
      if (!Number.isFinite(value) || value === 0) noDifference++;
      else if (!signed) continue;
      else if (Math.sign(value) === sign) sameSign++;
      else oppositeSign++;
    }
    return {
      ...reference,
      draws: outcomes.length,
      sameSign,
      oppositeSign,
      noDifference,
      keepsSignShare: signed && outcomes.length > 0 ? sameSign / outcomes.length : Number.NaN,
    };
  });
}

/**
 * Whether the paired difference at the defaults has a sign for the draws to keep: it is neither zero nor undefined.
 * Where it has none, no draw is counted as keeping or reversing it.
 */
export function hasReferenceSign(reference: Pick<ContrastReference, 'atDefaults'>): boolean {
  return Number.isFinite(reference.atDefaults) && reference.atDefaults !== 0;
}

/**
 * The parameters most associated with a fact's failure: the (up to) `count`
 * with the largest absolute Spearman correlation between their value and the
 * fact's per-draw score, over the draws where the fact applies. A negative
 * correlation means the fact fails at the high end of the range.
 */
export function breakersOf(
  parameters: readonly RobustnessParameter[],
  draws: readonly Draw[],
  scores: readonly number[],
  count = 3,
): Breaker[] {
  const kept = scores.flatMap((score, index) => (Number.isFinite(score) ? [index] : []));
  const y = kept.map((index) => scores[index] as number);
  const candidates = parameters.flatMap((parameter) => {
    const x = kept.map((index) => (draws[index] as Draw)[parameter.path] as number);
    const correlation = spearmanCorrelation(x, y);
    return Number.isFinite(correlation) && correlation !== 0
      ? [{ path: parameter.path, correlation, failsAt: correlation < 0 ? ('high' as const) : ('low' as const) }]
      : [];
  });
  // Strongest first; ties in schema order, so the result does not depend on sorting details.
  return candidates
    .map((candidate, order) => ({ candidate, order }))
    .sort((a, b) => Math.abs(b.candidate.correlation) - Math.abs(a.candidate.correlation) || a.order - b.order)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** Permutations behind each chance level: its Monte Carlo error is about ±0.01 in |ρ| at 60 draws. */
export const chancePermutations = 2000;

/**
 * The chance level of the strongest |ρ| between the parameters and a score
 * over the draws where the score is defined: what the strongest of them
 * reaches one time in twenty when the scores are shuffled among those draws
 * ({@link permutationChanceCorrelation}, from a stream of its own named
 * `name`, so the level does not depend on anything else drawn).
 */
export function chanceCorrelationOf(
  parameters: readonly RobustnessParameter[],
  draws: readonly Draw[],
  scores: readonly number[],
  name: string,
): number {
  const kept = scores.flatMap((score, index) => (Number.isFinite(score) ? [index] : []));
  const columns = parameters.map((parameter) => kept.map((index) => (draws[index] as Draw)[parameter.path] as number));
  const stream = createRandomSource(0).stream(`chance-correlation/${name}`);
  return permutationChanceCorrelation(
    columns,
    kept.map((index) => scores[index] as number),
    stream,
    chancePermutations,
  );
}

/** Draws in which every fact applies, and those in which every fact holds. */
export function jointHolding(outcomes: readonly DrawOutcome[]): JointRobustness {
  let allApplicable = 0;
  let allHolding = 0;
  for (const outcome of outcomes) {
    if (outcome.facts.some((fact) => fact.status === 'not applicable')) continue;
    allApplicable++;
    if (outcome.facts.every((fact) => fact.status === 'holds')) allHolding++;
  }
  return {
    draws: outcomes.length,
    allApplicable,
    allHolding,
    holdingShare: allApplicable === 0 ? Number.NaN : allHolding / allApplicable,
  };
}

/** Each draw's number of facts holding, NaN where some fact does not apply. */
function jointScores(outcomes: readonly DrawOutcome[]): number[] {
  return outcomes.map((outcome) =>
    outcome.facts.some((fact) => fact.status === 'not applicable')
      ? Number.NaN
      : outcome.facts.filter((fact) => fact.status === 'holds').length,
  );
}

/**
 * Where the facts hold together, read as pattern-oriented modelling reads
 * several patterns: which parameters go with more of the facts holding at
 * once, and which of their values the draws holding every fact have. The
 * score of a draw is the number of facts holding in it, over the draws in
 * which every fact applies (the others are left out); the parameters are
 * ranked as {@link breakersOf} ranks them for one fact.
 * @example
 * // Facts hold together only at high x: x goes with fewer facts at low values, and all hold at x = 3.
 * jointBreakersOf([x], [{ x: 1 }, { x: 2 }, { x: 3 }], outcomes('ss', 'hs', 'hh'))
 * // [{ path: 'x', correlation: 1, failsAt: 'low', whereAllHold: [3, 3] }]
 */
export function jointBreakersOf(
  parameters: readonly RobustnessParameter[],
  draws: readonly Draw[],
  outcomes: readonly DrawOutcome[],
  count = 3,
): JointBreaker[] {
  const scores = jointScores(outcomes);
  const holdingEveryFact = outcomes.flatMap((outcome, index) =>
    outcome.facts.every((fact) => fact.status === 'holds') ? [draws[index] as Draw] : [],
  );
  return breakersOf(parameters, draws, scores, count).map((breaker) => {
    let lowest = Number.POSITIVE_INFINITY;
    let highest = Number.NEGATIVE_INFINITY;
    for (const draw of holdingEveryFact) {
      const value = draw[breaker.path] as number;
      if (value < lowest) lowest = value;
      if (value > highest) highest = value;
    }
    return { ...breaker, whereAllHold: holdingEveryFact.length === 0 ? null : ([lowest, highest] as const) };
  });
}

/**
 * {@link jointBreakersOf} with the chance level of their |ρ| over the draws
 * in which every fact applies ({@link chanceCorrelationOf}).
 */
export function jointAssociations(
  parameters: readonly RobustnessParameter[],
  draws: readonly Draw[],
  outcomes: readonly DrawOutcome[],
): { breakers: JointBreaker[]; chanceCorrelation: number } {
  return {
    breakers: jointBreakersOf(parameters, draws, outcomes),
    chanceCorrelation: chanceCorrelationOf(parameters, draws, jointScores(outcomes), 'joint'),
  };
}

/**
 * Every pair of facts over the draws where both apply: how often they hold
 * together, apart and neither, and the φ coefficient of their holding.
 * @example
 * // Two facts that never hold together, each in half of four draws: φ = −1.
 * factTensions(outcomes)[0] // { first: 1, second: 2, draws: 4, bothHold: 0, firstOnly: 2, secondOnly: 2, neitherHolds: 0, expectedBothHold: 1, phi: -1 }
 */
export function factTensions(outcomes: readonly DrawOutcome[]): FactTension[] {
  const ids = outcomes[0]?.facts.map((fact) => fact.id) ?? [];
  const tensions: FactTension[] = [];
  for (let first = 0; first < ids.length; first++) {
    for (let second = first + 1; second < ids.length; second++) {
      let bothHold = 0;
      let firstOnly = 0;
      let secondOnly = 0;
      let neitherHolds = 0;
      for (const outcome of outcomes) {
        const a = outcome.facts[first]?.status;
        const b = outcome.facts[second]?.status;
        if (a === undefined || b === undefined || a === 'not applicable' || b === 'not applicable') continue;
        if (a === 'holds' && b === 'holds') bothHold++;
        else if (a === 'holds') firstOnly++;
        else if (b === 'holds') secondOnly++;
        else neitherHolds++;
      }
      const draws = bothHold + firstOnly + secondOnly + neitherHolds;
      const firstHolds = bothHold + firstOnly;
      const secondHolds = bothHold + secondOnly;
      const margins = firstHolds * (draws - firstHolds) * secondHolds * (draws - secondHolds);
      tensions.push({
        first: ids[first] as number,
        second: ids[second] as number,
        draws,
        bothHold,
        firstOnly,
        secondOnly,
        neitherHolds,
        expectedBothHold: draws === 0 ? Number.NaN : (firstHolds * secondHolds) / draws,
        phi: margins === 0 ? Number.NaN : (bothHold * neitherHolds - firstOnly * secondOnly) / Math.sqrt(margins),
      });
    }
  }
  return tensions;
}

/**
 * The pairs that pull against each other most: negative φ, strongest first
 * (ties in fact order), at most `count`.
 */
export function strongestTensions(tensions: readonly FactTension[], count = 5): FactTension[] {
  return tensions
    .map((tension, order) => ({ tension, order }))
    .filter(({ tension }) => tension.phi < 0)
    .sort((a, b) => a.tension.phi - b.tension.phi || a.order - b.order)
    .slice(0, count)
    .map(({ tension }) => tension);
}

/** Summarises the draws fact by fact: how often each holds and which parameters go with its failure. */
export function summariseRobustness(
  file: FactsFile,
  parameters: readonly RobustnessParameter[],
  draws: readonly Draw[],
  outcomes: readonly DrawOutcome[],
  atDefaults?: DrawOutcome,
): RobustnessSummary {
  const facts = file.facts.map((fact, index): FactRobustness => {
    const perDraw = outcomes.map((outcome) => outcome.facts[index] as DrawFactOutcome);
    const counted = countFact(fact, perDraw);
    const scores = perDraw.map((outcome) => outcome.share);
    return {
      ...counted,
      // A fact that never falls short has no breakers, however its share varies.
      breakers: counted.fallingShort === 0 ? [] : breakersOf(parameters, draws, scores),
      chanceCorrelation: chanceCorrelationOf(parameters, draws, scores, `fact ${fact.id}`),
    };
  });
  const together = jointAssociations(parameters, draws, outcomes);
  return {
    facts,
    contrasts: summariseContrasts(file, outcomes, atDefaults),
    joint: jointHolding(outcomes),
    jointBreakers: together.breakers,
    jointChanceCorrelation: together.chanceCorrelation,
    givenObserved: givenObserved(file, outcomes, atDefaults),
    tensions: factTensions(outcomes),
  };
}

/** How often a fact holds, falls short and does not apply over `perDraw`, its outcome in each draw. */
function countFact(fact: Pick<Fact, 'id' | 'title' | 'kind'>, perDraw: readonly DrawFactOutcome[]): FactCount {
  const count = (status: FactStatus) => perDraw.filter((outcome) => outcome.status === status).length;
  const holding = count('holds');
  const fallingShort = count('falls short');
  return {
    id: fact.id,
    title: fact.title,
    kind: fact.kind,
    draws: perDraw.length,
    holding,
    fallingShort,
    notApplicable: count('not applicable'),
    holdingShare: holding + fallingShort === 0 ? Number.NaN : holding / (holding + fallingShort),
  };
}

/**
 * The draws in which every fact about the case path holds, and the other
 * facts and the headline contrast over them ({@link GivenObserved}); null
 * when no fact is about the case path alone.
 * @example
 * // Fact 1 observed, fact 2 a counterfactual claim: it holds in 1 of the 2 draws where fact 1 holds.
 * givenObserved(file, outcomes('hh', 'hs', 'sh', 'nh')) // { observed: [1], applicable: 3, holding: 2, facts: [{ id: 2, holding: 1, fallingShort: 1, … }], … }
 */
export function givenObserved(file: FactsFile, outcomes: readonly DrawOutcome[], atDefaults?: DrawOutcome): GivenObserved | null {
  return givenFactsHold(file.facts, observedFacts(file), outcomes, contrastReferences(file, atDefaults));
}

/**
 * {@link givenObserved} from its parts: the facts in the order of each draw's
 * outcomes, the ids of those to filter by, and the headline contrast's
 * references (aligned with each draw's `contrasts`); null when `observed` is
 * empty. What a robustness folder's files hold is enough.
 */
export function givenFactsHold(
  facts: ReadonlyArray<Pick<Fact, 'id' | 'title' | 'kind'>>,
  observed: readonly number[],
  outcomes: readonly DrawOutcome[],
  references: readonly ContrastReference[],
): GivenObserved | null {
  const filter = new Set(observed);
  if (filter.size === 0) return null;
  const positions = facts.flatMap((fact, index) => (filter.has(fact.id) ? [index] : []));
  const applying = outcomes.filter((outcome) => positions.every((index) => outcome.facts[index]?.status !== 'not applicable'));
  const kept = applying.filter((outcome) => positions.every((index) => outcome.facts[index]?.status === 'holds'));
  return {
    observed: facts.flatMap((fact) => (filter.has(fact.id) ? [fact.id] : [])),
    applicable: applying.length,
    holding: kept.length,
    facts: facts.flatMap((fact, index) =>
      filter.has(fact.id)
        ? []
        : [
            countFact(
              fact,
              kept.map((outcome) => outcome.facts[index] as DrawFactOutcome),
            ),
          ],
    ),
    contrasts: countContrastSigns(references, kept),
  };
}
