/** Captions claim only what the paired replicates show: a null difference is not claimed, a clear one is, with its size. */
import { describe, expect, it } from 'vitest';
import {
  type ChartClaims,
  chartClaims,
  chartFindings,
  comparisonSentence,
  type Phase,
  readDifference,
  resolveWindow,
  SeriesCollector,
  windowText,
} from '../../src/report/index.js';

const phases: Phase[] = [
  { label: 'administrative-led', from: 1, to: 4 },
  { label: 'pause', from: 5, to: 6 },
  { label: 'implementation', from: 7, to: 12 },
];
const context = { caseKey: 'case', phases, weeks: 12 };

/** A collector of staff load for the case and administrative-led throughout, one value per replicate and week. */
function collector(
  caseLoad: (replicate: number, week: number) => number,
  otherLoad: (replicate: number, week: number) => number,
) {
  const series = new SeriesCollector(['staffLoad'], 12);
  for (let replicate = 0; replicate < 30; replicate++) {
    const weeks = Array.from({ length: 12 }, (_, index) => index + 1);
    series.add(
      'case',
      weeks.map((week) => ({ week, staffLoad: caseLoad(replicate, week) })),
    );
    series.add(
      'administrative-led-throughout',
      weeks.map((week) => ({ week, staffLoad: otherLoad(replicate, week) })),
    );
  }
  return series;
}

/** Noise that differs between replicates and weeks but is shared by both scenarios of a replicate. */
const noise = (replicate: number, week: number) => 0.05 * Math.sin(7 * replicate + 3 * week);

const claims: ChartClaims = {
  column: 'staffLoad',
  quantity: 'staff load',
  smallest: 0.01,
  decimals: 3,
  comparisons: [
    {
      first: 'case',
      second: 'administrative-led-throughout',
      window: { kind: 'from the switch' },
      expected: 'lower',
      meaning: 'the switch lowers the load',
    },
  ],
};

describe('chartFindings', () => {
  it('does not claim a difference when the lines are the same up to noise that cancels between the pairs', () => {
    // Replicate by replicate, the case differs from the counterfactual by ± 0.001: no difference on average.
    const series = collector(
      (replicate, week) => 0.8 + noise(replicate, week) + (replicate % 2 === 0 ? 0.001 : -0.001),
      (replicate, week) => 0.8 + noise(replicate, week),
    );
    const [result] = chartFindings(claims, series, context).comparisons;
    expect(result?.reading).toBe('no clear difference');
    expect(result?.difference.low).toBeLessThan(0);
    expect(result?.difference.high).toBeGreaterThan(0);
    expect(result?.sentence).toMatch(
      /^Weeks 5–12, from the switch on: no clear difference in mean staff load between the case and administrative-led-throughout: [+−]0\.0000 \[−0\.0004, \+0\.0004\] over 30 paired replicates, so the model does not show here that the switch lowers the load\.$/,
    );
    expect(result?.sentence).not.toMatch(/lower in the case|— the switch lowers the load/);
  });

  it('states a clear difference with its direction, size and interval, and what it shows', () => {
    const series = collector(
      (replicate, week) => (week >= 5 ? 0.8 : 1.1) + noise(replicate, week),
      (replicate, week) => 1.1 + noise(replicate, week) + 0.01 * Math.cos(replicate),
    );
    const [result] = chartFindings(claims, series, context).comparisons;
    expect(result?.reading).toBe('as expected');
    expect(result?.window).toEqual({ from: 5, to: 12 });
    expect(result?.difference.mean).toBeCloseTo(
      -0.3 - (0.01 * [...Array(30).keys()].reduce((sum, r) => sum + Math.cos(r), 0)) / 30,
      9,
    );
    expect(result?.sentence).toMatch(
      /^Weeks 5–12, from the switch on: mean staff load is 0\.30\d \[0\.29\d, 0\.30\d\] lower in the case than in administrative-led-throughout over 30 paired replicates — the switch lowers the load\.$/,
    );
  });

  it('says so when the difference is clear but runs against the claim', () => {
    const series = collector(
      (replicate, week) => 1 + noise(replicate, week),
      (replicate, week) => 0.8 + noise(replicate, week),
    );
    const [result] = chartFindings(claims, series, context).comparisons;
    expect(result?.reading).toBe('opposite');
    expect(result?.sentence).toContain('0.200 [0.200, 0.200] higher in the case');
    expect(result?.sentence).toContain("the opposite of what the paper's argument expects, so the model does not show here that");
  });

  it('leaves out comparisons whose scenarios were not run or whose window the course lacks', () => {
    const series = collector(
      () => 1,
      () => 1,
    );
    expect(chartFindings(chartClaims['staff-load'] as ChartClaims, series, context).comparisons).toHaveLength(2);
    const onePhase = { ...context, phases: [{ label: 'co-production', from: 1, to: 12 }] };
    expect(chartFindings(claims, series, onePhase).comparisons).toEqual([]);
  });

  it('compares one line at two times, and gives when something first appears', () => {
    const series = new SeriesCollector(['wasteShare'], 12);
    for (let replicate = 0; replicate < 10; replicate++) {
      const weeks = Array.from({ length: 12 }, (_, index) => index + 1);
      // Waste appears in week 6 + replicate % 3 in the case, in week 8 under administrative-led renewal throughout.
      series.add(
        'case',
        weeks.map((week) => ({ week, wasteShare: week >= 6 + (replicate % 3) ? 0.05 + 0.001 * replicate : 0 })),
      );
      series.add(
        'administrative-led-throughout',
        weeks.map((week) => ({ week, wasteShare: week >= 8 ? 0.1 : Number.NaN })),
      );
    }
    const findings = chartFindings(
      {
        column: 'wasteShare',
        quantity: 'waste share',
        smallest: 0.005,
        decimals: 3,
        comparisons: [
          {
            first: 'case',
            second: 'case',
            window: { kind: 'last weeks', weeks: 2 },
            secondWindow: { kind: 'first week' },
            expected: 'higher',
            meaning: 'waste builds up',
          },
        ],
        onset: { scenario: 'case', against: 'administrative-led-throughout', level: 0, what: 'waste', why: 'Because.' },
      },
      series,
      context,
    );
    expect(findings.comparisons[0]?.sentence).toBe(
      'Mean waste share in the case is 0.055 [0.052, 0.057] higher in weeks 11–12 (the last two) than in week 1 over 10 paired replicates — waste builds up.',
    );
    expect(findings.onset).toMatchObject({ appears: 10, earliest: 6, latest: 8, median: 7, afterSwitch: 10, againstMedian: 8 });
    expect(findings.onset?.sentence).toBe(
      'Waste appears in the case in 10 of 10 replicates, first between weeks 6 and 8 (median 7), at or after the switch (week 5) in 10 of them. In administrative-led-throughout it first appears at a median week of 8. Because.',
    );
  });
});

describe('readDifference', () => {
  const interval = (mean: number, low: number, high: number) => ({ mean, low, high, count: 200 });

  it('reads an interval through zero as no clear difference, a small one as too small, else by its sign', () => {
    expect(readDifference(interval(0, -0.001, 0.002), 'higher', 0.01)).toBe('no clear difference');
    expect(readDifference(interval(0.003, 0.001, 0.005), 'higher', 0.01)).toBe('too small');
    expect(readDifference(interval(0.1, 0.09, 0.11), 'higher', 0.01)).toBe('as expected');
    expect(readDifference(interval(-0.1, -0.11, -0.09), 'higher', 0.01)).toBe('opposite');
    expect(readDifference({ mean: 0.1, low: 0.1, high: 0.1, count: 1 }, 'higher', 0.01)).toBe('no clear difference');
    expect(readDifference(interval(Number.NaN, Number.NaN, Number.NaN), 'lower', 0.01)).toBe('no clear difference');
  });

  it('writes the null case as the reader would quote it', () => {
    const { sentence } = comparisonSentence(
      claims.comparisons[0] as ChartClaims['comparisons'][number],
      claims,
      { first: { from: 92, to: 104 }, second: { from: 92, to: 104 } },
      interval(0.0002, -0.0012, 0.0016),
      { first: 'the case', second: 'administrative-led-throughout' },
    );
    expect(sentence).toContain(': +0.000 [−0.001, +0.002] over 200 paired replicates');
  });

  it('calls a tiny but clear difference too small to show the claim', () => {
    const { reading, sentence } = comparisonSentence(
      claims.comparisons[0] as ChartClaims['comparisons'][number],
      claims,
      { first: { from: 5, to: 12 }, second: { from: 5, to: 12 } },
      interval(-0.003, -0.005, -0.001),
      { first: 'the case', second: 'administrative-led-throughout' },
    );
    expect(reading).toBe('too small');
    expect(sentence).toContain('is only 0.003 [0.001, 0.005] lower in the case');
    expect(sentence).toContain('less than 0.010: too small to show that the switch lowers the load.');
    // The same size the other way round says so.
    const opposite = comparisonSentence(
      claims.comparisons[0] as ChartClaims['comparisons'][number],
      claims,
      { first: { from: 5, to: 12 }, second: { from: 5, to: 12 } },
      interval(0.003, 0.001, 0.005),
      { first: 'the case', second: 'administrative-led-throughout' },
    );
    expect(opposite.reading).toBe('too small');
    expect(opposite.sentence).toContain(
      "is only 0.003 [0.001, 0.005] higher in the case than in administrative-led-throughout over 200 paired replicates, the other way from what the paper's argument expects but less than 0.010: practically none, so the model does not show here that the switch lowers the load.",
    );
  });
});

describe('windows on the case course', () => {
  it('places each window by the switch (the first week of the second phase) and the end', () => {
    expect(resolveWindow({ kind: 'before the switch' }, phases, 12)).toEqual({ from: 1, to: 4 });
    expect(resolveWindow({ kind: 'end of the first phase', weeks: 2 }, phases, 12)).toEqual({ from: 3, to: 4 });
    expect(resolveWindow({ kind: 'from the switch' }, phases, 12)).toEqual({ from: 5, to: 12 });
    expect(resolveWindow({ kind: 'last weeks', weeks: 3 }, phases, 12)).toEqual({ from: 10, to: 12 });
    expect(resolveWindow({ kind: 'first week' }, phases, 12)).toEqual({ from: 1, to: 1 });
    expect(resolveWindow({ kind: 'before the switch' }, [{ label: 'co-production', from: 1, to: 12 }], 12)).toBeUndefined();
    expect(windowText({ kind: 'last weeks', weeks: 13 }, { from: 92, to: 104 })).toBe('weeks 92–104, the last thirteen');
    expect(windowText({ kind: 'end of the first phase', weeks: 1 }, { from: 17, to: 17 })).toBe(
      'week 17, the last before the switch',
    );
  });
});
