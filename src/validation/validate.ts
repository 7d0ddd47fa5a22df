/**
 * Pattern-oriented validation: run the case and its counterfactuals on paired
 * seeds, check each stylized fact on every replicate's outputs, and report
 * the share of replicates in which it holds (with a 95% Wilson interval), an
 * effect size, and whether it reaches its threshold.
 */
import {
  type MeanInterval,
  meanConfidenceInterval,
  type ShareInterval,
  sampleMean,
  sampleStandardDeviation,
  shareDifference,
  wilsonInterval,
} from '../core/index.js';
import type { Scenario } from '../scenario/index.js';
import { type RunResult, runScenario, runSeed } from '../simulation/index.js';
import type { Check, Fact, FactsFile, ProbabilityFact, ReplicateFact } from './facts.js';
import { compare, measureValue } from './measures.js';

export interface CheckResult {
  says: string;
  /** Share of replicates in which the check holds. */
  share: number;
  /** Mean margin by which it holds (positive in the claimed direction), with its 95% t interval over replicates. */
  margin: MeanInterval;
}

export interface ReplicateFactResult {
  kind: 'replicates';
  id: number;
  title: string;
  statement: string;
  paper: string;
  threshold: number;
  passed: boolean;
  holds: ShareInterval;
  /** Standardised effect of the first check that is not an equality: mean margin ÷ its standard deviation (Cohen's d). */
  effectSize: number;
  checks: CheckResult[];
  /** When the fact falls short: its weakest check. */
  weakest: CheckResult | null;
  /** The facts file's explanation of why the fact may fall short, shown only when it does. */
  ifNotReproduced: string | null;
}

export interface ProbabilityClaimResult {
  says: string;
  holds: boolean;
  difference: number;
  low: number;
  high: number;
}

export interface ProbabilityFactResult {
  kind: 'probability';
  id: number;
  title: string;
  statement: string;
  paper: string;
  passed: boolean;
  events: Record<string, ShareInterval & { says: string }>;
  claims: ProbabilityClaimResult[];
  effectSize: number;
}

export type FactResult = ReplicateFactResult | ProbabilityFactResult;

/** Runs every scenario of the set on the seeds of the case's replicates, one replicate at a time. */
export function runPairedReplicates(
  caseScenario: Scenario,
  scenarios: ReadonlyMap<string, Scenario>,
  replicates: number,
  onReplicate: (replicate: number, runs: ReadonlyMap<string, RunResult>) => void,
  onProgress?: (done: number, total: number) => void,
): number[] {
  const seeds: number[] = [];
  for (let replicate = 0; replicate < replicates; replicate++) {
    const seed = runSeed(caseScenario, replicate);
    seeds.push(seed);
    const runs = new Map<string, RunResult>();
    for (const [key, scenario] of scenarios) runs.set(key, runScenario(scenario, { seed }));
    onReplicate(replicate, runs);
    onProgress?.(replicate + 1, replicates);
  }
  return seeds;
}

/** Margin by which a check holds, signed so that positive means in the claimed direction. */
function margin(check: Check, left: number, right: number): number {
  const target = right * check.factor + check.offset;
  switch (check.is) {
    case '>':
    case '>=':
      return left - target;
    case '<':
    case '<=':
      return target - left;
    case 'abs<':
      return target - Math.abs(left);
    case '==':
      return -Math.abs(left - target);
  }
}

/** Accumulates fact outcomes replicate by replicate, then summarises them. */
export class FactEvaluator {
  private readonly replicateHolds = new Map<number, number>();
  private readonly checkHolds = new Map<number, number[]>();
  /** Margins of every check, by fact id then check index. */
  private readonly margins = new Map<number, number[][]>();
  private readonly eventCounts = new Map<string, number>();
  private replicates = 0;

  constructor(readonly file: FactsFile) {}

  /** Records one replicate's runs. */
  add(runs: ReadonlyMap<string, RunResult>): void {
    this.replicates++;
    for (const fact of this.file.facts) {
      if (fact.kind === 'probability') {
        for (const [name, event] of Object.entries(fact.events)) {
          const happened = compare(measureValue(event.left, runs), event.is, measureValue(event.right, runs));
          const key = `${fact.id}/${name}`;
          this.eventCounts.set(key, (this.eventCounts.get(key) ?? 0) + (happened ? 1 : 0));
        }
        continue;
      }
      const checkHolds = this.checkHolds.get(fact.id) ?? fact.checks.map(() => 0);
      let all = true;
      fact.checks.forEach((check, index) => {
        const left = measureValue(check.left, runs);
        const right = measureValue(check.right, runs);
        const holds = compare(left, check.is, right * check.factor + check.offset, check.tolerance);
        if (holds) checkHolds[index] = (checkHolds[index] as number) + 1;
        else all = false;
        const margins = this.margins.get(fact.id) ?? fact.checks.map(() => []);
        (margins[index] as number[]).push(margin(check, left, right));
        this.margins.set(fact.id, margins);
      });
      this.checkHolds.set(fact.id, checkHolds);
      this.replicateHolds.set(fact.id, (this.replicateHolds.get(fact.id) ?? 0) + (all ? 1 : 0));
    }
  }

  private replicateResult(fact: ReplicateFact): ReplicateFactResult {
    const holds = wilsonInterval(this.replicateHolds.get(fact.id) ?? 0, this.replicates);
    const allMargins = this.margins.get(fact.id) ?? [];
    const checks = fact.checks.map((check, index) => ({
      says: check.says,
      share: ((this.checkHolds.get(fact.id) ?? [])[index] ?? 0) / Math.max(1, this.replicates),
      margin: meanConfidenceInterval((allMargins[index] ?? []).filter((value) => Number.isFinite(value))),
    }));
    const effectIndex = fact.checks.findIndex((check) => check.is !== '==');
    const margins = effectIndex < 0 ? [] : (allMargins[effectIndex] ?? []).filter((value) => Number.isFinite(value));
    const spread = sampleStandardDeviation(margins);
    const centre = sampleMean(margins);
    // With no spread at all the effect is unbounded in the direction of the mean (or undefined if the mean is 0).
    const effectSize =
      margins.length === 0 || centre === 0
        ? Number.NaN
        : spread > 0
          ? centre / spread
          : Math.sign(centre) * Number.POSITIVE_INFINITY;
    const passed = holds.share >= fact.threshold;
    const weakest = passed ? null : checks.reduce((lowest, check) => (check.share < lowest.share ? check : lowest));
    return {
      kind: 'replicates',
      id: fact.id,
      title: fact.title,
      statement: fact.statement,
      paper: fact.paper,
      threshold: fact.threshold,
      passed,
      holds,
      effectSize,
      checks,
      weakest,
      ifNotReproduced: passed ? null : (fact.ifNotReproduced ?? null),
    };
  }

  private probabilityResult(fact: ProbabilityFact): ProbabilityFactResult {
    const events: ProbabilityFactResult['events'] = {};
    for (const [name, event] of Object.entries(fact.events)) {
      events[name] = { ...wilsonInterval(this.eventCounts.get(`${fact.id}/${name}`) ?? 0, this.replicates), says: event.says };
    }
    const claims = fact.claims.map((claim): ProbabilityClaimResult => {
      if ('never' in claim) {
        const event = events[claim.never];
        if (event === undefined) throw new Error(`fact ${fact.id}: no event "${claim.never}"`);
        return {
          says: `never: ${event.says}`,
          holds: event.share === 0,
          difference: event.share,
          low: event.low,
          high: event.high,
        };
      }
      const more = events[claim.more];
      const than = events[claim.than];
      if (more === undefined || than === undefined)
        throw new Error(`fact ${fact.id}: no event "${claim.more}" or "${claim.than}"`);
      const difference = shareDifference(more, than);
      return {
        says: `P(${more.says}) > P(${than.says})`,
        holds: difference.low > 0,
        difference: difference.mean,
        low: difference.low,
        high: difference.high,
      };
    });
    const first = claims.find((claim) => !claim.says.startsWith('never'));
    return {
      kind: 'probability',
      id: fact.id,
      title: fact.title,
      statement: fact.statement,
      paper: fact.paper,
      passed: claims.every((claim) => claim.holds),
      events,
      claims,
      effectSize: first?.difference ?? Number.NaN,
    };
  }

  results(): FactResult[] {
    return this.file.facts.map((fact: Fact) =>
      fact.kind === 'probability' ? this.probabilityResult(fact) : this.replicateResult(fact),
    );
  }
}
