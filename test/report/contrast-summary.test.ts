/** The analysis section on what drives each contrast, and its tornado chart, from hand-made indices. */
import { describe, expect, it } from 'vitest';
import { type ContrastSensitivity, contrastSummary } from '../../src/experiments/index.js';
import { contrastMorrisSpec, contrastSobolSpec, contrastSummaryMarkdown, renderSvg } from '../../src/report/index.js';

const sign = {
  points: 40,
  mean: 0.2,
  minimum: -0.05,
  maximum: 0.4,
  referenceSign: 1,
  keepsSignShare: 0.95,
  flipsSignShare: 0.05,
  noDifferenceShare: 0,
};
const morris = (factor: string, mu: number, muStar: number, signConsistency: number) => ({
  factor,
  mu,
  muStar,
  sigma: 0.01,
  signConsistency,
  effects: 10,
});
const result: ContrastSensitivity = {
  from: 'administrative-led',
  to: 'co-production',
  metric: 'satisfaction.end',
  sign,
  morris: [
    morris('parameters.staff.routineLoad', -0.3, 0.4, 0.8),
    morris('world.departments', 0.5, 0.5, 1),
    morris('parameters.residents.initialTrust', 0, 0, Number.NaN),
  ],
};

describe('the contrast section of analysis.md', () => {
  const lines = contrastSummaryMarkdown([contrastSummary(result, 2)]);

  it('gives the sign stability and the strongest drivers by μ*, per contrast and metric', () => {
    expect(lines[0]).toBe('## What drives each contrast');
    expect(lines).toContain('### co-production − administrative-led');
    expect(lines).toContain('#### `satisfaction.end` (Need-weighted satisfaction, end)');
    expect(lines).toContain(
      'Mean contrast 0.2 over 40 design points (from −0.05 to 0.4); same sign at 95% of them, opposite sign at 5%. The 2 factors with the largest μ*:',
    );
    const table = lines.slice(lines.indexOf('| rank | factor | μ* | μ | σ | effects with the sign of μ |'));
    expect(table.slice(2, 4)).toEqual([
      '| 1 | `world.departments` | 0.5 | 0.5 | 0.01 | 100% |',
      '| 2 | `parameters.staff.routineLoad` | 0.4 | −0.3 | 0.01 | 80% |',
    ]);
    expect(table).toHaveLength(4);
  });

  it('leaves out a factor whose μ* is 0, which does not move the contrast, and says so when no factor does', () => {
    const three = contrastSummaryMarkdown([contrastSummary(result, 3)]);
    expect(three).toContain(
      'Mean contrast 0.2 over 40 design points (from −0.05 to 0.4); same sign at 95% of them, opposite sign at 5%. The 2 factors with the largest μ* above 0:',
    );
    expect(three.join('\n')).not.toContain('initialTrust');
    const still = { ...result, morris: [morris('world.departments', 0, 0, Number.NaN)] };
    const none = contrastSummaryMarkdown([contrastSummary(still)]);
    expect(none).toContain(
      "Mean contrast 0.2 over 40 design points (from −0.05 to 0.4); same sign at 95% of them, opposite sign at 5%. No factor moves it: every factor's μ* is 0.",
    );
    expect(none.some((line) => line.startsWith('| rank'))).toBe(false);
  });

  it('is empty when there is no contrast', () => {
    expect(contrastSummaryMarkdown([])).toEqual([]);
  });

  it('ranks Sobol drivers by total index, with intervals', () => {
    const interval = (mean: number) => ({ mean, low: mean - 0.1, high: mean + 0.1, count: 8 });
    const sobol = contrastSummary({
      ...result,
      morris: undefined,
      sobol: [{ factor: 'x', first: interval(0.5), total: interval(0.6) }],
    });
    const text = contrastSummaryMarkdown([sobol]);
    expect(text).toContain('| 1 | `x` | 0.6 [0.5, 0.7] | 0.5 [0.4, 0.6] |');
  });

  it('says why, in place of a table, when no Sobol index is defined', () => {
    const undefinedIndex = { mean: Number.NaN, low: Number.NaN, high: Number.NaN, count: 8 };
    const summary = contrastSummary({
      ...result,
      morris: undefined,
      sobol: [{ factor: 'x', first: undefinedIndex, total: undefinedIndex }],
      sobolUndefined:
        'the output is 0 at every design point where it is defined: its variance is 0, and the indices divide by it',
    });
    const text = contrastSummaryMarkdown([summary]);
    expect(text).toContain(
      'Mean contrast 0.2 over 40 design points (from −0.05 to 0.4); same sign at 95% of them, opposite sign at 5%. No Sobol index is defined: the output is 0 at every design point where it is defined: its variance is 0, and the indices divide by it.',
    );
    expect(text.some((line) => line.startsWith('| rank |'))).toBe(false);
  });
});

describe('the contrast tornado', () => {
  it('orders factors by μ*, draws μ as a bar and μ* as a tick on its side, and renders', async () => {
    const spec = contrastMorrisSpec(result) as unknown as { layer: Array<{ data: { values: Array<Record<string, unknown>> } }> };
    const rows = spec.layer[0]?.data.values ?? [];
    expect(rows.map((row) => [row.factor, row.mu, row.signedMuStar])).toEqual([
      ['world.departments', 0.5, 0.5],
      ['staff.routineLoad', -0.3, -0.4],
      ['residents.initialTrust', 0, 0],
    ]);
    expect(rows[1]?.direction).toBe('lowers co-production − administrative-led');
    const svg = await renderSvg(contrastMorrisSpec(result));
    expect(svg).toContain('same sign at 95% of them, opposite at 5%');
    expect(await renderSvg(contrastSobolSpec({ ...result, morris: undefined, sobol: [] }))).toContain('<svg');
  });

  it('says on a Sobol tornado without bars why it has none', async () => {
    const svg = await renderSvg(
      contrastSobolSpec({
        ...result,
        morris: undefined,
        sobol: [],
        sobolUndefined: 'the output is undefined at every design point',
      }),
    );
    expect(svg).toContain('No bars: no index is defined, as the output is undefined at every design point');
  });
});

describe('the contrast section of analysis.md for a Latin hypercube', () => {
  const prcc = (factor: string, value: number) => ({
    factor,
    prcc: value,
    pValue: Number.isNaN(value) ? value : 0.01,
    points: 4,
  });
  const latin: ContrastSensitivity = {
    from: 'administrative-led',
    to: 'co-production',
    metric: 'satisfaction.end',
    sign,
    prcc: [prcc('world.departments', 0.3), prcc('parameters.staff.routineLoad', -0.7)],
  };

  it('ranks the drivers by |PRCC|, each with its sign and p-value', () => {
    const text = contrastSummaryMarkdown([contrastSummary(latin, 5)]).join('\n');
    expect(text).toContain('The 2 factors with the largest |PRCC|:');
    expect(text).toContain('| 1 | `parameters.staff.routineLoad` | −0.7 | 0.010 |');
    expect(text).toContain('| 2 | `world.departments` | 0.3 | 0.010 |');
  });

  it('says why none is defined where no factor has one (fewer points than the factors + 2), not a table of dashes', () => {
    const none = { ...latin, prcc: [prcc('world.departments', Number.NaN), prcc('world.sites', Number.NaN)] };
    const text = contrastSummaryMarkdown([contrastSummary(none, 5)]).join('\n');
    expect(text).toContain('No PRCC is defined: it takes more design points where the outcome is defined than the factors + 1');
    expect(text).not.toContain('| rank | factor | PRCC | p |');
  });
});
