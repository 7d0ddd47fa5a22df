import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSweep, loadExperiment, runSweep } from '../../src/node/index.js';

describe('govsim analyze', () => {
  it('summarises points, compares the paired variants and writes its tables', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-sweep.json'), { out, workers: 1 });
    const written = await analyseSweep(out);
    expect(written.map((path) => path.slice(out.length + 1)).sort()).toEqual([
      'analysis/analysis.md',
      'analysis/paired.csv',
      'analysis/summary.csv',
    ]);
    const runs = (await readFile(join(out, 'runs.csv'), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    // Point 0, satisfaction.end (column 6): the paired mean difference co-production − administrative-led, by hand.
    const of = (variant: string) => runs.filter((row) => row[0] === '0' && row[3] === variant).map((row) => Number(row[6]));
    const difference =
      of('co-production').reduce((total, value, index) => total + value - (of('administrative-led')[index] as number), 0) / 6;
    const paired = (await readFile(join(out, 'analysis', 'paired.csv'), 'utf8')).split('\n');
    const row = paired
      .find((line) => line.startsWith('0,0.3,3,satisfaction.end,administrative-led,co-production,6,'))
      ?.split(',');
    expect(Number(row?.[7])).toBeCloseTo(difference, 12);
    expect(Number(row?.[8])).toBeLessThanOrEqual(difference);
    expect(Number(row?.[9])).toBeGreaterThanOrEqual(difference);
    const summary = (await readFile(join(out, 'analysis', 'summary.csv'), 'utf8')).split('\n');
    expect(summary[0]).toBe(
      'point,parameters.docking.officeLoopResolveChance,world.departments,variant,metric,count,mean,sd,p5,p25,median,p75,p95,halfWidth95',
    );
    expect(summary).toHaveLength(1 + 6 * 2 * 4 + 1);
  });

  it('computes Sobol indices with a tornado chart for a Saltelli design, paired on the variants', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-saltelli.json'), { out, workers: 1 });
    const written = (await analyseSweep(out)).map((path) => path.slice(out.length + 1));
    expect(written).toEqual(
      expect.arrayContaining([
        'analysis/sobol.csv',
        'analysis/charts/sobol-satisfaction.end.svg',
        'analysis/charts/sobol-satisfaction.end.png',
      ]),
    );
    const sobol = (await readFile(join(out, 'analysis', 'sobol.csv'), 'utf8')).trimEnd().split('\n');
    expect(sobol[0]).toBe('metric,outcome,factor,first,firstLow95,firstHigh95,total,totalLow95,totalHigh95');
    // 4 metrics × 3 outcomes (two variants and their paired difference) × 2 factors.
    expect(sobol).toHaveLength(1 + 4 * 3 * 2);
    expect(
      sobol.some((line) =>
        line.startsWith('satisfaction.end,co-production − administrative-led,parameters.docking.officeLoopResolveChance,'),
      ),
    ).toBe(true);
  });
});
