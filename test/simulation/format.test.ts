import { describe, expect, it } from 'vitest';
import { holmAdjusted } from '../../src/core/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import {
  compareScenarios,
  comparisonTable,
  formatNumber,
  formatPValue,
  holmAcrossMetrics,
  runScenario,
  toJson,
  weeksToCsv,
} from '../../src/simulation/index.js';

const administrativeLed = parseScenario({ name: 'a', mode: 'administrative-led', weeks: 20 });
const coProduction = parseScenario({ name: 'b', mode: 'co-production', weeks: 20 });

describe('comparisonTable', () => {
  it('marks a difference whose Holm-adjusted p-value is below 0.05, never one whose interval alone excludes zero', () => {
    const table = comparisonTable(compareScenarios(administrativeLed, coProduction, { replicates: 3 }));
    expect(table.split('\n')[0]).toBe('a = a, b = b; 3 paired replicates (common random numbers)');
    // Labels name the sides in the first line too, beside their scenarios, so that b − a reads as what it is.
    const labelled = comparisonTable(compareScenarios(administrativeLed, coProduction, { replicates: 3 }), {
      a: 'administrative-led',
      b: 'co-production',
    });
    expect(labelled.split('\n')[0]).toBe(
      'a = administrative-led (a), b = co-production (b); 3 paired replicates (common random numbers)',
    );
    expect(labelled.split('\n')[2]).toMatch(/^metric\s+administrative-led mean\s+co-production mean\s+b − a/);
    // Every row with a test is marked exactly when its Holm p-value is below 0.05; both kinds occur here (department
    // paperwork is always lower under a plan, duplicate pairs seldom differ on 3 replicates of 20 weeks), and rows
    // whose interval excludes zero without the adjusted test clearing 0.05 too.
    const rows = table
      .split('\n')
      .map((line) => /\[(-?[\d.]+), (-?[\d.]+)\]\s+(<0\.001|[\d.]+|—)\s+(\*?)\s*(-?[\d.]+|—)$/.exec(line))
      .filter((match) => match !== null);
    const marked = rows.filter((match) => match[4] === '*');
    expect(marked.length).toBeGreaterThan(0);
    expect(rows.length - marked.length).toBeGreaterThan(0);
    let clearedAloneOnly = 0;
    for (const [, low, high, holm, mark] of rows) {
      const excludesZero = Number(low) > 0 || Number(high) < 0;
      expect(mark === '*').toBe(holm === '<0.001' || Number(holm) < 0.05);
      // Holm's p-value is never below the test's own, which is below 0.05 exactly when the interval excludes zero.
      if (mark === '*') expect(excludesZero).toBe(true);
      if (excludesZero && mark !== '*') clearedAloneOnly++;
    }
    expect(clearedAloneOnly).toBeGreaterThan(0);
    const paperwork = table.split('\n').find((line) => line.startsWith('Paperwork share')) as string;
    expect(paperwork).toMatch(/\]\s+\S+\s+\*\s+\S+$/);
    // In 20 weeks need match and renewal hours per satisfaction point are undefined in every replicate: no test,
    // and no place in Holm's family of the other 20.
    expect(table).toContain(
      "p (Holm): the paired t test of no difference, its p-value adjusted by Holm's method over the 20 metrics with a test (two pairs or more; the other 2 have none)",
    );
  });

  it('names the number of metrics Holm’s adjustment was made over, that of every metric when each has a test', () => {
    const comparison = compareScenarios(administrativeLed, coProduction, { replicates: 3 });
    const tested = comparison.metrics.filter((metric) => Number.isFinite(metric.pValue));
    expect(tested.length).toBeLessThan(comparison.metrics.length);
    // The family Holm's multipliers use: the smallest p-value is multiplied by the number of metrics with a test.
    const smallest = Math.min(...tested.map((metric) => metric.pValue));
    const adjusted = tested.find((metric) => metric.pValue === smallest)?.holmPValue;
    expect(adjusted).toBeCloseTo(Math.min(1, smallest * tested.length), 15);
    expect(comparisonTable(comparison)).toContain(`Holm's method over the ${tested.length} metrics with a test`);
    const all = comparisonTable({ ...comparison, metrics: holmAcrossMetrics(tested) });
    expect(all).toContain(`Holm's method over the ${tested.length} metrics; * marks those below 0.05`);
  });

  it('adjusts each metric’s p-value over the metrics of the comparison', () => {
    const { metrics } = compareScenarios(administrativeLed, coProduction, { replicates: 4 });
    const pValues = metrics.map((metric) => metric.pValue);
    expect(metrics.map((metric) => metric.holmPValue)).toEqual(holmAdjusted(pValues));
    for (const metric of metrics) {
      const differences = metric.difference;
      if (differences.count >= 2) expect(metric.pValue < 0.05).toBe(differences.low > 0 || differences.high < 0);
      else expect(metric.pValue).toBeNaN();
    }
    // One metric alone is a family of one.
    const [first] = metrics;
    expect(holmAcrossMetrics(first === undefined ? [] : [first])[0]?.holmPValue).toBe(first?.pValue);
  });

  it('gives one pair no interval and marks nothing: one replicate cannot show a difference', () => {
    const table = comparisonTable(compareScenarios(administrativeLed, coProduction, { replicates: 1 }));
    // No metric has a test: the note does not speak of an adjustment over all of them (it said "over the 22 metrics").
    expect(table).toContain('p (Holm): none — the paired t test of no difference needs two pairs or more, which no metric has');
    expect(table).not.toContain("Holm's method over");
    const lines = table.split('\n');
    expect(lines[0]).toBe('a = a, b = b; 1 paired replicate (common random numbers)');
    const rows = lines.slice(4, lines.indexOf('', 4));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row).toContain('[—, —]');
      expect(row.trimEnd().endsWith('*')).toBe(false);
    }
  });
});

describe('comparisonTable of a metric undefined in some replicates', () => {
  it('says over how many pairs its means and difference are, and why', () => {
    const comparison = compareScenarios(administrativeLed, coProduction, { replicates: 3 });
    const [first, ...rest] = comparison.metrics;
    if (first === undefined) throw new Error('no metric');
    const short = { ...first, difference: { ...first.difference, count: 2 } };
    const table = comparisonTable({ ...comparison, metrics: [short, ...rest] });
    expect(table).toContain(`${first.label} (2 pairs)`);
    expect(table).toContain('(n pairs): the metric is undefined in the other replicates of a or b');
    // In 20 weeks nothing is built to match needs: the metric is undefined in every replicate.
    const natural = comparisonTable(comparison);
    expect(natural).toMatch(/^Need match \(rank correlation\) \(0 pairs\) +— +— +— +\[—, —\]/m);
    expect(natural).toMatch(/^Staff load, mean {2}/m);
  });
});

describe('comparisonTable of what is not a comparison', () => {
  it('refuses it as a ScenarioError naming the field, and labels that are not {a, b} text', () => {
    expect(() => comparisonTable(null as never)).toThrow(
      'comparison: invalid comparison\n  - (top level): expected a comparison (what compareScenarios returns), got null',
    );
    const comparison = compareScenarios(administrativeLed, coProduction, { replicates: 1, weeks: 1 });
    expect(() => comparisonTable({ ...comparison, metrics: [null] } as never)).toThrow(
      '  - metrics[0]: expected a metric comparison {key, label, unit, meanA, meanB, difference}, got null',
    );
    expect(() => comparisonTable({ ...comparison, replicates: Number.NaN })).toThrow(
      '  - replicates: expected a whole number ≥ 1, got NaN',
    );
    // A metric comparison made before p-values were added: named, not a table of dashes said to be adjusted.
    const [metric, ...others] = comparison.metrics;
    if (metric === undefined) throw new Error('no metric');
    const { pValue: _, holmPValue: __, ...withoutPValues } = metric;
    expect(() => comparisonTable({ ...comparison, metrics: [withoutPValues, ...others] } as never)).toThrow(
      '  - metrics[0].pValue: expected a p-value (a number, NaN where there is no test), got undefined\n' +
        '  - metrics[0].holmPValue: expected a p-value (a number, NaN where there is no test), got undefined',
    );
    // Read back from JSON, where NaN is null, it is a table still.
    expect(comparisonTable(JSON.parse(toJson(comparison)))).toContain('p (Holm)');
    // One made before the pairing was given (0.20.0 and earlier) is shown with none: each row ends in a dash.
    const withoutPairing = comparison.metrics.map(({ pairing: _, ...rest }) => rest);
    const rows = comparisonTable({ ...comparison, metrics: withoutPairing } as never)
      .split('\n')
      .filter((line) => line.includes('['));
    expect(rows.length).toBe(comparison.metrics.length);
    for (const row of rows) expect(row.endsWith('  —')).toBe(true);
    expect(() => comparisonTable(comparison, null as never)).toThrow(
      'labels: invalid labels\n  - (top level): expected labels {a, b}, got null',
    );
    expect(() => comparisonTable(comparison, { a: 'x' } as never)).toThrow(
      'labels: invalid labels\n  - b: expected text, got undefined',
    );
    expect(() => comparisonTable(comparison, { a: 'x', bb: 'y' } as never)).toThrow(
      'labels: invalid labels\n  - bb: unknown label (expected a, b)\n  - b: expected text, got undefined',
    );
  });
});

describe('formatNumber', () => {
  it('writes 3 decimals, 1 from 100, an exponent outside [0.001, 10000), and a dash for what is not finite', () => {
    expect([0.123456, 123.456, 0.0001234, 12345.6, 0, Number.NaN, Number.POSITIVE_INFINITY].map(formatNumber)).toEqual([
      '0.123',
      '123.5',
      '1.23e-4',
      '1.23e+4',
      '0.000',
      '—',
      '—',
    ]);
  });
});

describe('formatPValue', () => {
  it('gives three decimals, "<0.001" below that and "—" for none', () => {
    expect(formatPValue(0.04321)).toBe('0.043');
    expect(formatPValue(0.0004)).toBe('<0.001');
    expect(formatPValue(1)).toBe('1.000');
    expect(formatPValue(Number.NaN)).toBe('—');
  });
});

describe('weeksToCsv', () => {
  it('writes a header and a line per week, and refuses a run’s whole result given for its weeks', () => {
    const result = runScenario(coProduction, { replicate: 0 });
    expect(weeksToCsv(result.weeks).trimEnd().split('\n')).toHaveLength(1 + 20);
    expect(() => weeksToCsv(result as never)).toThrow(
      "weeks: invalid weeks\n  - (top level): expected a list of week records, got a run's whole result: give its weeks (result.weeks)",
    );
    expect(() => weeksToCsv(null as never)).toThrow("expected a list of week records (a run's result.weeks), got null");
  });
});
