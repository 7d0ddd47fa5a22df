/** Each metric definition against a value computed by hand on a tiny example. */
import { describe, expect, it } from 'vitest';
import { spearmanCorrelation } from '../../src/core/index.js';
import {
  caughtBeforeSpendShare,
  completedShare,
  completionTimes,
  countPairs,
  coveredPairShare,
  deliberatorRetention,
  detectionLag,
  dockingChannels,
  effortPerOutput,
  firstPainPointDoneWeek,
  flaggedShare,
  fragmentationIndex,
  hoursPerCompletedProject,
  householdSatisfaction,
  idleShare,
  interfacesPerProject,
  load,
  meanDepartmentsPerProject,
  meanOf,
  meanPressure,
  meanSettleWeeks,
  needMatch,
  needMet,
  openDockingThreads,
  openThreadsOf,
  overloadedShare,
  type PairOutcome,
  paperworkShare,
  pooledLoad,
  priorityOrderAgreement,
  renewalHoursDemanded,
  renewalHoursPerWeek,
  satisfactionGain,
  satisfactionPerMoney,
  serviceRatio,
  suggestionsPer100Households,
  topPainPointCoverage,
  topPainPoints,
  unintegratedShare,
  wasteShare,
  weeksToShareDone,
} from '../../src/metrics/index.js';

describe('load', () => {
  it('is Σ demand ÷ Σ capacity, and counts weeks above 1', () => {
    expect(load([300, 340], [320, 320])).toBe(1);
    expect(load([100], [0])).toBeNaN();
    expect(overloadedShare([0.9, 1.2, 1.5, 1.0])).toBe(0.5);
    expect(paperworkShare(10, 50, 20)).toBeCloseTo(1 / 3, 12);
  });
});

describe('fragmentation', () => {
  const projects = [
    { interfaces: 3, integrated: false, departments: [0, 1, 2], forumParties: 0 },
    { interfaces: 1, integrated: true, departments: [0, 1], forumParties: 0b111 },
    { interfaces: 1, integrated: true, departments: [2], forumParties: 0b0001 },
  ];
  it('averages interfaces and counts unintegrated projects', () => {
    expect(interfacesPerProject(projects)).toBeCloseTo(5 / 3, 12);
    expect(unintegratedShare(projects)).toBeCloseTo(1 / 3, 12);
  });

  it('computes the fragmentation index from forum-covered coordination pairs', () => {
    // Project 1: parties staff, d0, d1, d2 → 6 pairs, none covered (share 0).
    // Project 2: staff, d0, d1 → 3 pairs, all covered (share 1).
    // Project 3: staff, d2 → 1 pair; only staff met (bit 0), d2 (bit 3) did not → share 0.
    expect(fragmentationIndex(projects)).toBeCloseTo(1 - (0 + 1 + 0) / 3, 12);
    expect(projects.map(coveredPairShare)).toEqual([0, 1, 0]);
    // Staff and d0 met about a three-party project: one of its three pairs covered.
    expect(coveredPairShare({ departments: [0, 1], forumParties: 0b011 })).toBeCloseTo(1 / 3, 12);
    // Masks beyond 31 bits are read by arithmetic, as before.
    expect(coveredPairShare({ departments: [40], forumParties: 2 ** 41 + 1 })).toBe(1);
  });

  it('counts docking channels: each department with each community for projects outside a plan, one per community with a plan', () => {
    const live = (community: number, departments: number[], integrated: boolean, status = 'docking') => ({
      community,
      departments,
      integrated,
      status,
    });
    expect(dockingChannels([], 4)).toBe(0);
    // Community 0: departments 0 and 1 on one project, 1 and 2 on another: three channels.
    expect(dockingChannels([live(0, [0, 1], false), live(0, [1, 2], false, 'listed')], 4)).toBe(3);
    // The same departments in another community open channels of their own.
    expect(dockingChannels([live(0, [0, 1], false), live(1, [0, 1], false)], 4)).toBe(4);
    // A plan is one interface, however many projects and departments.
    expect(dockingChannels([live(2, [0, 1, 2], true), live(2, [3], true, 'active')], 4)).toBe(1);
    // Finished and cancelled projects keep no channel open.
    expect(dockingChannels([live(0, [0], false, 'done'), live(1, [1], true, 'cancelled')], 4)).toBe(0);
  });

  it('counts open docking threads (one per plan project, whatever its departments) and settle weeks', () => {
    // 2 unconfirmed threads docked separately + 0 (not docking) + 1 for the plan's one interface.
    expect(
      openDockingThreads([
        { status: 'docking', integrated: false, threads: [{ confirmed: false }, { confirmed: true }, { confirmed: false }] },
        { status: 'ready', integrated: false, threads: [{ confirmed: false }] },
        { status: 'docking', integrated: true, threads: [{ confirmed: false }, { confirmed: false }] },
        { status: 'docking', integrated: true, threads: [{ confirmed: true }, { confirmed: true }] },
      ]),
    ).toBe(3);
    expect(openThreadsOf({ status: 'docking', integrated: true, threads: [{ confirmed: false }, { confirmed: false }] })).toBe(1);
    expect(openThreadsOf({ status: 'ready', integrated: false, threads: [{ confirmed: false }] })).toBe(0);
    expect(meanSettleWeeks(12, 4)).toBe(3);
    expect(meanSettleWeeks(0, 0)).toBeNaN();
  });
});

describe('duplication', () => {
  const pairs: PairOutcome[] = [
    { kind: 'duplicate', formedWeek: 2, caughtWeek: 4, caughtBeforeSpend: true, realisedWeek: -1 },
    { kind: 'conflict', formedWeek: 1, caughtWeek: -1, caughtBeforeSpend: false, realisedWeek: 21 },
    { kind: 'conflict', formedWeek: 3, caughtWeek: -1, caughtBeforeSpend: false, realisedWeek: -1 },
  ];
  it('counts pairs by kind, the share caught before spending, and the lag', () => {
    expect(countPairs(pairs, 'duplicate')).toBe(1);
    expect(countPairs(pairs, 'conflict')).toBe(2);
    // One of the three pairs formed was caught before spending; the one built and the one left standing count against it.
    expect(caughtBeforeSpendShare(pairs)).toBeCloseTo(1 / 3, 12);
    expect(caughtBeforeSpendShare([])).toBeNaN();
    expect(detectionLag(pairs)).toBe((2 + 20) / 2);
    expect(wasteShare(0.1, 0.8)).toBe(0.125);
    expect(wasteShare(0, 0)).toBeNaN();
  });
});

describe('satisfaction', () => {
  it('meets needs to 1 − Π(1 − coverage) and weights them per household', () => {
    expect(needMet([0.8, 0.5])).toBeCloseTo(0.9, 12);
    expect(needMet([])).toBe(0);
    expect(householdSatisfaction([0.75, 0.25], [1, 0])).toBe(0.75);
  });

  it('finds the pain points and their coverage', () => {
    expect(topPainPoints([5, 1, 3], 2)).toEqual([0, 2]);
    expect(topPainPointCoverage([0, 2], [1, 1, 0])).toBe(0.5);
  });

  it('correlates need and met by rank', () => {
    // Ranks: need [4, 3, 2, 1], met [4, 3, 1.5, 1.5] → covariance 4.5, variances 5 and 4.5.
    expect(needMatch([3, 2, 1, 0], [0.9, 0.5, 0, 0])).toBeCloseTo(4.5 / Math.sqrt(5 * 4.5), 12);
    expect(needMatch([3, 2, 1], [0, 0, 0])).toBeNaN();
    // Ranked by sorting numbers: exactly Spearman's correlation, ties (−0 and 0 among them) sharing their mean rank.
    const need = [5, 1, 1, 3, -0, 0, 2, 2, 7, 0.5];
    const met = [0, 0, 0.3, 0.3, 0, -0, 0.9, 0.1, 0.9, 0];
    expect(Object.is(needMatch(need, met), spearmanCorrelation(need, met))).toBe(true);
    expect(needMatch([1, Number.NaN, 3], [0.2, 0.1, 0.5])).toEqual(spearmanCorrelation([1, Number.NaN, 3], [0.2, 0.1, 0.5]));
  });
});

describe('participation and trust', () => {
  it('computes shares, suggestion rates, retention and means', () => {
    expect(flaggedShare(Uint8Array.of(1, 0, 1, 1))).toBe(0.75);
    expect(suggestionsPer100Households(45, 300)).toBe(15);
    expect(deliberatorRetention(36, 42)).toBeCloseTo(36 / 42, 12);
    expect(deliberatorRetention(0, 0)).toBeNaN();
    expect(meanOf(Float64Array.of(0.2, 0.4))).toBeCloseTo(0.3, 12);
  });
});

describe('idling, completion and efficiency', () => {
  it('computes idle share, effort and money per point', () => {
    expect(idleShare(30, 40)).toBe(0.75);
    expect(effortPerOutput(5000, 0.1)).toBeCloseTo(500, 9);
    expect(effortPerOutput(5000, 0)).toBeNaN();
    expect(satisfactionPerMoney(0.2, 0.5)).toBeCloseTo(40, 12);
    expect(satisfactionPerMoney(0.4, 0)).toBeNaN();
    // Spending a denormal amount: no finite ratio, so NaN (it was Infinity, written as null like NaN).
    expect(satisfactionPerMoney(0.4, 1e-310)).toBeNaN();
    expect(hoursPerCompletedProject(1200, 4)).toBe(300);
    expect(completedShare(3, 24)).toBe(0.125);
    expect(completedShare(0, 0)).toBeNaN();
  });

  it('computes completion times and the weeks to a share of the plan', () => {
    const projects = [
      { listedWeek: 1, doneWeek: 11, priorityRank: 0 },
      { listedWeek: 1, doneWeek: 21, priorityRank: 1 },
      { listedWeek: 1, doneWeek: 31, priorityRank: 2 },
      { listedWeek: 1, doneWeek: -1, priorityRank: 3 },
    ];
    expect(completionTimes(projects).median).toBe(20);
    expect(completionTimes(projects).p90).toBeCloseTo(28, 12);
    expect(weeksToShareDone(projects, 0.5)).toBe(20);
    expect(weeksToShareDone(projects, 1)).toBeNaN();
    expect(priorityOrderAgreement(projects)).toBeCloseTo(1, 12);
    expect(priorityOrderAgreement(projects.slice(0, 2))).toBeNaN();
  });
});

describe('the definitions the weekly record and the summary apply to totals', () => {
  it('serves, pools, subtracts and averages as their formulas say, with their values for nothing', () => {
    expect(serviceRatio(15, 20)).toBe(0.75);
    expect(serviceRatio(0, 0)).toBe(1);
    expect(pooledLoad(90, 2, 40)).toBe(1.125);
    expect(pooledLoad(0, 0, 40)).toBeNaN();
    expect(renewalHoursDemanded(50, 20)).toBe(30);
    expect(paperworkShare(10, 50, 20)).toBe(10 / renewalHoursDemanded(50, 20));
    expect(meanPressure(1.5, 3)).toBe(0.5);
    expect(meanPressure(0, 0)).toBe(0);
    expect(renewalHoursPerWeek(520, 104)).toBe(5);
    expect(renewalHoursPerWeek(10, 0)).toBe(10);
    expect(satisfactionGain(0.4, 0.1)).toBe(0.4 - 0.1);
  });

  it('finds the first week a pain point was served, and the departments per project not cancelled', () => {
    const done = [
      { item: 3, effectiveCoverage: 0.5, doneWeek: 40 },
      { item: 1, effectiveCoverage: 0.5, doneWeek: 20 },
      { item: 3, effectiveCoverage: 0, doneWeek: 10 },
    ];
    // Item 1 is no pain point, and the work of week 10 covered none of item 3's need.
    expect(firstPainPointDoneWeek(done, new Set([3]))).toBe(40);
    expect(firstPainPointDoneWeek(done, new Set([7]))).toBeNaN();
    expect(
      meanDepartmentsPerProject([
        { departments: [0], status: 'done' },
        { departments: [0, 2], status: 'listed' },
        { departments: [0, 1, 2], status: 'cancelled' },
      ]),
    ).toBe(1.5);
    expect(meanDepartmentsPerProject([{ departments: [0], status: 'cancelled' }])).toBeNaN();
  });
});
