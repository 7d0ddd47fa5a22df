import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prccIndices } from '../../src/experiments/index.js';
import { analyseSweep, loadExperiment, runSweep } from '../../src/node/index.js';

/** The rows of a sweep's runs.csv (its header left out), each split into its cells. */
async function runRows(out: string): Promise<string[][]> {
  return (await readFile(join(out, 'runs.csv'), 'utf8'))
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** The fields of a fixture experiment the tests change. */
interface FixtureExperiment {
  name: string;
  replicates: number;
  variants: Array<{ label: string; set: Record<string, unknown> }>;
  contrasts?: Array<{ from: string; to: string }>;
  design: { factors: unknown[] };
  precision: Record<string, unknown>;
}

/**
 * Runs a fixture experiment as `edit` changes it, written as `name` in a new temporary folder (`prefix` names the
 * folder), and returns the sweep's folder.
 */
async function sweepOfFixture(
  fixture: string,
  prefix: string,
  name: string,
  edit: (experiment: FixtureExperiment) => void,
): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  const experiment = JSON.parse(await readFile(fixture, 'utf8'));
  edit(experiment);
  const file = join(directory, name);
  await writeFile(file, JSON.stringify(experiment));
  const out = join(directory, 'sweep');
  await runSweep(await loadExperiment(file), { out, workers: 1 });
  return out;
}

describe('govsim analyze', () => {
  it('writes a label a spreadsheet would run as a formula after an apostrophe, and reads it back as the label', async () => {
    const out = await sweepOfFixture('test/fixtures/tiny-sweep.json', 'govsim-formula-', 'formula.json', (fixture) => {
      fixture.replicates = 2;
      (fixture.variants[1] as { label: string }).label = '=1+2';
    });
    const runs = await readFile(join(out, 'runs.csv'), 'utf8');
    expect(runs).toContain(",'=1+2,");
    expect(runs).not.toMatch(/,=1\+2,/);
    await analyseSweep(out);
    // The paired comparison names the variant as the experiment does.
    const paired = await readFile(join(out, 'analysis', 'paired.csv'), 'utf8');
    expect(paired).toContain("'=1+2");
    expect(paired.split('\n').length).toBeGreaterThan(2);
  }, 60_000);

  it('gives Morris indices of each variant and of the contrasts declared, and of no contrast not declared', async () => {
    const out = await sweepOfFixture('test/fixtures/tiny-morris.json', 'govsim-contrasts-', 'three.json', (fixture) => {
      fixture.replicates = 1;
      fixture.variants.push({ label: 'pause', set: { mode: 'pause' } });
      fixture.contrasts = [{ from: 'administrative-led', to: 'co-production' }];
    });
    await analyseSweep(out);
    const outcomes = new Set(
      (await readFile(join(out, 'analysis', 'morris.csv'), 'utf8'))
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    // Not "pause − administrative-led", the last variant minus the first, which nobody asked for.
    expect([...outcomes]).toEqual(['administrative-led', 'co-production', 'pause', 'co-production − administrative-led']);
  }, 60_000);

  it('summarises points, compares the paired variants and writes its tables', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-sweep.json'), { out, workers: 1 });
    const written = (await analyseSweep(out)).files;
    expect(written.map((path) => path.slice(out.length + 1)).sort()).toEqual([
      'analysis/analysis.md',
      'analysis/paired.csv',
      'analysis/summary.csv',
    ]);
    const runs = await runRows(out);
    // Point 0, satisfaction.end (column 6): the paired mean difference co-production − administrative-led, by hand.
    const of = (variant: string) => runs.filter((row) => row[0] === '0' && row[3] === variant).map((row) => Number(row[6]));
    const difference =
      of('co-production').reduce((total, value, index) => total + value - (of('administrative-led')[index] as number), 0) / 6;
    const paired = (await readFile(join(out, 'analysis', 'paired.csv'), 'utf8')).split('\n');
    const row = paired
      .find((line) => line.startsWith('0,0.4,3,satisfaction.end,administrative-led,co-production,6,'))
      ?.split(',');
    expect(Number(row?.[7])).toBeCloseTo(difference, 12);
    expect(Number(row?.[8])).toBeLessThanOrEqual(difference);
    expect(Number(row?.[9])).toBeGreaterThanOrEqual(difference);
    const summary = (await readFile(join(out, 'analysis', 'summary.csv'), 'utf8')).split('\n');
    expect(summary[0]).toBe(
      'point,parameters.docking.confirmationChance,world.departments,variant,metric,count,mean,sd,p5,p25,median,p75,p95,halfWidth95',
    );
    expect(summary).toHaveLength(1 + 6 * 2 * 4 + 1);
    // Hedges' g and Cliff's delta rest on the replicates the paired difference does, as analysis.md says.
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    // The heading, the experiment's description, the size: one blank line between each.
    expect(markdown).toMatch(/^# Analysis of [^\n]+\n\nA small sweep for tests[^\n]+\n\n\d+ runs;/);
    expect(markdown).toContain(
      'Cliff’s delta (over every pair of one value from each variant), both over the values of those same replicates',
    );
  });

  it('replaces an earlier analysis in its folder: what that one wrote and this one does not goes, other files stay', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-analyze-again-'));
    const saltelli = join(directory, 'saltelli');
    const factorial = join(directory, 'factorial');
    await runSweep(await loadExperiment('test/fixtures/tiny-saltelli.json'), { out: saltelli, workers: 1 });
    await runSweep(await loadExperiment('test/fixtures/tiny-sweep.json'), { out: factorial, workers: 1 });
    const out = join(directory, 'analysis');
    await analyseSweep(saltelli, out);
    expect(await readdir(out)).toContain('sobol.csv');
    await writeFile(join(out, 'notes.txt'), 'mine');
    await writeFile(join(out, 'charts', 'my-figure.svg'), '<svg/>');
    await analyseSweep(factorial, out);
    expect((await readdir(out)).sort()).toEqual(['analysis.md', 'charts', 'notes.txt', 'paired.csv', 'summary.csv']);
    // A chart of a name no analysis writes is the user's: it stays, alone.
    expect(await readdir(join(out, 'charts'))).toEqual(['my-figure.svg']);
    // A folder that only looks like one (an analysis.md of one's own, no summary.csv) is no analysis: nothing goes.
    const notes = join(directory, 'notes');
    await mkdir(join(notes, 'charts'), { recursive: true });
    await writeFile(join(notes, 'analysis.md'), '# mine');
    await writeFile(join(notes, 'paired.csv'), 'a,b\n');
    await writeFile(join(notes, 'charts', 'morris-mine.svg'), '<svg/>');
    await analyseSweep(factorial, notes);
    expect(await readFile(join(notes, 'charts', 'morris-mine.svg'), 'utf8')).toBe('<svg/>');
  });

  it('gives the interaction of a 2 × 2 factorial under each variant, each by hand from runs.csv', async () => {
    const out = await sweepOfFixture('test/fixtures/tiny-sweep.json', 'govsim-interaction-', 'two-by-two.json', (fixture) => {
      fixture.design.factors[0] = { path: 'parameters.docking.confirmationChance', values: [0.4, 0.8] };
      fixture.replicates = 4;
      fixture.name = 'two-by-two';
    });
    const written = (await analyseSweep(out)).files.map((path) => path.slice(out.length + 1));
    expect(written).toContain('analysis/charts/interaction-co-production-satisfaction.end.svg');
    expect(written).toContain('analysis/charts/interaction-administrative-led-satisfaction.end.svg');
    const runs = await runRows(out);
    const rows = (await readFile(join(out, 'analysis', 'interaction.csv'), 'utf8')).trimEnd().split('\n');
    expect(rows[0]?.startsWith('metric,variant,factorA,factorB,')).toBe(true);
    for (const variant of ['administrative-led', 'co-production']) {
      // satisfaction.end is column 6; the cells are (confirmationChance, departments) = (0.4 | 0.8, 3 | 5).
      const cell = (chance: string, departments: string) =>
        runs.filter((row) => row[1] === chance && row[2] === departments && row[3] === variant).map((row) => Number(row[6]));
      const [y00, y01, y10, y11] = [cell('0.4', '3'), cell('0.4', '5'), cell('0.8', '3'), cell('0.8', '5')];
      const byHand =
        [0, 1, 2, 3].reduce(
          (total, r) => total + (y11[r] as number) - (y10[r] as number) - ((y01[r] as number) - (y00[r] as number)),
          0,
        ) / 4;
      const row = rows.find((line) => line.startsWith(`satisfaction.end,${variant},`))?.split(',');
      expect(Number(row?.[14]), variant).toBeCloseTo(byHand, 12);
    }
  });

  it('says over how many replicates the interaction is, where a metric is undefined in some', async () => {
    const out = await sweepOfFixture(
      'test/fixtures/tiny-sweep.json',
      'govsim-interaction-undefined-',
      'two-by-two.json',
      (fixture) => {
        fixture.design.factors[0] = { path: 'parameters.docking.confirmationChance', values: [0.4, 0.8] };
        fixture.replicates = 7;
        fixture.name = 'two-by-two';
      },
    );
    await analyseSweep(out);
    const runs = await runRows(out);
    const rows = (await readFile(join(out, 'analysis', 'interaction.csv'), 'utf8')).trimEnd().split('\n');
    expect(rows[0]).toBe(
      'metric,variant,factorA,factorB,levelA0,levelA1,levelB0,levelB1,a0b0,a0b1,a1b0,a1b1,mainEffectA,mainEffectB,interaction,low95,high95,pairs',
    );
    // Weeks to settle a cross-department question (column 9) is undefined in the replicates that settle none.
    const metric = 'fragmentation.crossDepartmentSettleWeeks';
    const variant = 'administrative-led';
    const cell = (chance: string, departments: string) =>
      runs
        .filter((row) => row[1] === chance && row[2] === departments && row[3] === variant)
        .map((row) => (row[9] === '' ? Number.NaN : Number(row[9])));
    const [y00, y01, y10, y11] = [cell('0.4', '3'), cell('0.4', '5'), cell('0.8', '3'), cell('0.8', '5')];
    const contrasts = [0, 1, 2, 3, 4, 5, 6]
      .map((r) => (y11[r] as number) - (y10[r] as number) - ((y01[r] as number) - (y00[r] as number)))
      .filter((value) => Number.isFinite(value));
    expect(contrasts.length).toBeLessThan(7);
    const row = rows.find((line) => line.startsWith(`${metric},${variant},`))?.split(',');
    // Level 0 and level 1 of each factor, in the order the design gives them.
    expect(row?.slice(2, 8)).toEqual(['parameters.docking.confirmationChance', 'world.departments', '0.4', '0.8', '3', '5']);
    expect(Number(row?.[17])).toBe(contrasts.length);
    expect(Number(row?.[14])).toBeCloseTo(contrasts.reduce((total, value) => total + value, 0) / contrasts.length, 12);
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    expect(markdown).toContain(
      'with its 95% t interval over the `pairs`, the replicates where the metric is defined in all four cells',
    );
  });

  it('computes Sobol indices with a tornado chart for a Saltelli design, paired on the variants', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-saltelli.json'), { out, workers: 1 });
    const written = (await analyseSweep(out)).files.map((path) => path.slice(out.length + 1));
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
        line.startsWith('satisfaction.end,co-production − administrative-led,parameters.docking.confirmationChance,'),
      ),
    ).toBe(true);
    // The experiment names no contrast: with two variants, the second minus the first, one row per metric × factor.
    const contrast = (await readFile(join(out, 'analysis', 'contrast-sobol.csv'), 'utf8')).trimEnd().split('\n');
    expect(contrast[0]).toBe('from,to,metric,factor,first,firstLow95,firstHigh95,total,totalLow95,totalHigh95');
    expect(contrast).toHaveLength(1 + 4 * 2);
    // The contrast's rows of sobol.csv are contrast-sobol.csv's, intervals included: one computation, one answer.
    for (const line of contrast.slice(1)) {
      const [from, to, ...rest] = line.split(',');
      expect(sobol).toContain([rest[0], `${to} − ${from}`, ...rest.slice(1)].join(','));
    }
    expect(written).toEqual(
      expect.arrayContaining(['analysis/contrast-sign.csv', 'analysis/charts/contrast-satisfaction.end.svg']),
    );
  });

  it('gives partial rank correlations for a Latin-hypercube design, per variant and for the contrast, as computed by hand', async () => {
    const out = await sweepOfFixture('test/fixtures/tiny-saltelli.json', 'govsim-analyze-lhs-', 'lhs.json', (fixture) => {
      (fixture as unknown as { design: unknown }).design = {
        type: 'latin-hypercube',
        samples: 8,
        factors: [
          { path: 'parameters.docking.confirmationChance', range: [0.3, 0.7] },
          { path: 'parameters.staff.routineLoad', range: [0.6, 0.95] },
        ],
      };
    });
    const analysis = await analyseSweep(out);
    const written = analysis.files.map((path) => path.slice(out.length + 1));
    expect(written).toContain('analysis/prcc.csv');
    expect(written).toEqual(
      expect.arrayContaining([
        'analysis/charts/prcc-load.staffMean.svg',
        'analysis/charts/prcc-load.staffMean.vl.json',
        'analysis/contrast-prcc.csv',
        'analysis/contrast-sign.csv',
        'analysis/charts/contrast-load.staffMean.svg',
      ]),
    );
    expect(written.some((path) => /morris|sobol/.test(path))).toBe(false);
    // The chart draws the first contrast's PRCC, as prcc.csv gives it.
    const spec = JSON.parse(await readFile(join(out, 'analysis', 'charts', 'prcc-load.staffMean.vl.json'), 'utf8'));
    expect(spec.title.subtitle).toContain('Outcome: co-production − administrative-led');
    const rows = (await readFile(join(out, 'analysis', 'prcc.csv'), 'utf8')).trimEnd().split('\n');
    expect(rows[0]).toBe('metric,outcome,factor,prcc,pValue,points');
    // 4 metrics × 3 outcomes (two variants and their paired difference) × 2 factors.
    expect(rows).toHaveLength(1 + 4 * 3 * 2);
    // The contrast's PRCC of routine load on staff load, by hand from runs.csv: per point the mean paired difference.
    const runs = (await readFile(join(out, 'runs.csv'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    const header = runs[0] as string[];
    const at = (name: string) => header.indexOf(name);
    const perPoint = new Map<number, { x: number[]; differences: number[] }>();
    const byKey = new Map(runs.slice(1).map((row) => [`${row[at('point')]}/${row[at('variant')]}/${row[at('replicate')]}`, row]));
    for (const row of runs.slice(1)) {
      if (row[at('variant')] !== 'co-production') continue;
      const point = Number(row[at('point')]);
      const other = byKey.get(`${point}/administrative-led/${row[at('replicate')]}`) as string[];
      const entry = perPoint.get(point) ?? {
        x: [Number(row[at('parameters.docking.confirmationChance')]), Number(row[at('parameters.staff.routineLoad')])],
        differences: [],
      };
      entry.differences.push(Number(row[at('load.staffMean')]) - Number(other[at('load.staffMean')]));
      perPoint.set(point, entry);
    }
    const points = [...perPoint.keys()]
      .sort((left, right) => left - right)
      .map((point) => perPoint.get(point) as { x: number[]; differences: number[] });
    const [, routine] = prccIndices(
      ['parameters.docking.confirmationChance', 'parameters.staff.routineLoad'],
      points.map((point) => point.x),
      points.map((point) => point.differences.reduce((sum, value) => sum + value, 0) / point.differences.length),
    );
    const line = rows.find((row) =>
      row.startsWith('load.staffMean,co-production − administrative-led,parameters.staff.routineLoad,'),
    );
    expect(Number(line?.split(',')[3])).toBeCloseTo(routine?.prcc as number, 12);
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    expect(markdown).toContain('The strongest, for co-production − administrative-led:');
    // The contrast is screened by the same PRCC: contrast-prcc.csv holds prcc.csv's contrast rows, and the summary (as
    // `analyze --json` prints it) ranks the two factors by |PRCC|.
    const contrast = (await readFile(join(out, 'analysis', 'contrast-prcc.csv'), 'utf8')).trimEnd().split('\n');
    expect(contrast[0]).toBe('from,to,metric,factor,prcc,pValue,points');
    expect(contrast).toHaveLength(1 + 4 * 2);
    for (const row of contrast.slice(1)) {
      const [from, to, ...rest] = row.split(',');
      expect(rows).toContain([rest[0], `${to} − ${from}`, ...rest.slice(1)].join(','));
    }
    const staffLoad = analysis.contrasts.find((summary) => summary.metric === 'load.staffMean');
    expect(staffLoad).toMatchObject({ from: 'administrative-led', to: 'co-production', method: 'prcc' });
    const importances = staffLoad?.drivers.map((driver) => driver.importance) ?? [];
    expect(importances).toHaveLength(2);
    expect(importances[0]).toBeGreaterThanOrEqual(importances[1] as number);
    const routineDriver = staffLoad?.drivers.find((driver) => driver.factor === 'parameters.staff.routineLoad');
    expect(routineDriver?.prcc?.prcc).toBeCloseTo(routine?.prcc as number, 12);
    expect(routineDriver?.importance).toBeCloseTo(Math.abs(routine?.prcc as number), 12);
    expect(markdown).toContain('## What drives each contrast');
    expect(markdown).toContain('| rank | factor | PRCC | p |');
    expect(markdown).toContain('The 2 factors with the largest |PRCC|:');
  });

  it('says which Sobol indices are blank because an output does not vary over the design', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-saltelli-constant.json'), { out, workers: 1 });
    const result = await analyseSweep(out);
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    const reason = (value: number) =>
      `the output is ${value} at every design point where it is defined: its variance is 0, and the indices divide by it`;
    // Every project is unintegrated under administrative-led renewal and none under co-production, whatever the factors.
    expect(markdown).toContain(
      `  - fragmentation.unintegratedShare, administrative-led: every index is undefined (blank), as ${reason(1)}.`,
    );
    expect(markdown).toContain(`No Sobol index is defined: ${reason(-1)}.`);
    expect(markdown).not.toContain('satisfaction.end, co-production: every index is undefined');
    expect(result.contrasts.find((summary) => summary.metric === 'fragmentation.unintegratedShare')?.sobolUndefined).toBe(
      reason(-1),
    );
    const chart = await readFile(join(out, 'analysis', 'charts', 'sobol-fragmentation.unintegratedShare.svg'), 'utf8');
    expect(chart).toContain('No bars: no index is defined');
  });

  it('screens what drives the contrast between the modes in a Morris design, and whether it keeps its sign', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    const loaded = await loadExperiment('test/fixtures/tiny-morris.json');
    await runSweep(loaded, { out, workers: 1 });
    const analysis = await analyseSweep(out);
    const written = analysis.files.map((path) => path.slice(out.length + 1));
    const metrics = ['satisfaction.end', 'load.staffMean', 'duplication.wasteShare'];
    expect(written).toEqual(
      expect.arrayContaining([
        'analysis/contrast-morris.csv',
        'analysis/contrast-sign.csv',
        ...metrics.flatMap((metric) => ['svg', 'png', 'vl.json'].map((type) => `analysis/charts/contrast-${metric}.${type}`)),
      ]),
    );
    expect(written).not.toContain('analysis/contrast-sobol.csv');
    const table = async (name: string) =>
      (await readFile(join(out, 'analysis', name), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => line.split(','));
    const morris = await table('contrast-morris.csv');
    expect(morris[0]).toEqual(['from', 'to', 'metric', 'factor', 'mu', 'muStar', 'sigma', 'signConsistency', 'effects']);
    expect(morris).toHaveLength(1 + 3 * 3);
    // The contrast's indices are those of the paired difference among the level outcomes.
    const levels = await table('morris.csv');
    for (const row of morris.slice(1)) {
      const level = levels.find(
        (entry) => entry[0] === row[2] && entry[1] === 'co-production − administrative-led' && entry[2] === row[3],
      );
      expect(level?.slice(3, 6)).toEqual(row.slice(4, 7));
      // Four trajectories give four elementary effects per factor; waste share is undefined (and its effect left out)
      // where a tiny administrative-led run spends nothing in its 52 weeks.
      if (row[2] === 'duplication.wasteShare') expect(Number(row[8])).toBeLessThanOrEqual(4);
      else expect(row[8]).toBe('4');
    }
    // Its mean over the points by hand from runs.csv: per point, the mean paired difference of satisfaction.end.
    const runs = await runRows(out);
    const satisfactionColumn = 1 + 3 + 3;
    const perPoint = loaded.plan.design.points.map((_, point) => {
      const of = (variant: string) =>
        runs.filter((row) => row[0] === String(point) && row[4] === variant).map((row) => Number(row[satisfactionColumn]));
      const from = of('administrative-led');
      return of('co-production').reduce((total, value, index) => total + value - (from[index] as number), 0) / from.length;
    });
    const mean = perPoint.reduce((total, value) => total + value, 0) / perPoint.length;
    const sign = (await table('contrast-sign.csv')).find((row) => row[2] === 'satisfaction.end') ?? [];
    expect(Number(sign[3])).toBe(16);
    expect(Number(sign[4])).toBeCloseTo(mean, 12);
    const same = perPoint.filter((value) => Math.sign(value) === Math.sign(mean)).length / perPoint.length;
    expect(Number(sign[8])).toBeCloseTo(same, 12);
    // The summary: per metric, drivers by μ*, largest first, and the same in analysis.md.
    expect(analysis.contrasts.map((summary) => summary.metric)).toEqual(metrics);
    const satisfaction = analysis.contrasts[0];
    const byMuStar = morris
      .slice(1)
      .filter((row) => row[2] === 'satisfaction.end')
      .sort((left, right) => Number(right[5]) - Number(left[5]))
      .map((row) => row[3]);
    expect(satisfaction?.drivers.map((driver) => driver.factor)).toEqual(byMuStar);
    expect(satisfaction?.sign.mean).toBeCloseTo(mean, 12);
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    expect(markdown).toContain('## What drives each contrast');
    expect(markdown).toContain(`| 1 | \`${byMuStar[0]}\` |`);
  });

  it('names a damaged runs.csv instead of failing with a parse error', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-sweep.json'), { out, workers: 1 });
    const runsPath = join(out, 'runs.csv');
    await writeFile(runsPath, `${await readFile(runsPath, 'utf8')}0,"unfinished\n`);
    await expect(analyseSweep(out)).rejects.toThrow(/runs\.csv: damaged: .*; write it again with govsim sweep --resume/);
    // A quote opening inside a field, as in a JSON file written over runs.csv: csv-parse's code for it has no CSV_.
    await writeFile(runsPath, '{\n  "x": 1\n}\n');
    await expect(analyseSweep(out)).rejects.toThrow(/runs\.csv: damaged: Invalid Opening Quote/);
  });

  it('refuses a runs.csv that does not hold exactly the planned runs, naming the row, and writes nothing', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-sweep.json'), { out, workers: 1 });
    const runsPath = join(out, 'runs.csv');
    const original = await readFile(runsPath, 'utf8');
    const lines = original.trimEnd().split('\n');
    // Row 2 is point 0's first run: point 0, confirmationChance 0.4, 3 departments, administrative-led, replicate 0.
    const edited = (row: number, edit: (cells: string[]) => string[]) =>
      `${lines.map((line, index) => (index === row - 1 ? edit(line.split(',')).join(',') : line)).join('\n')}\n`;
    const cases: Array<[string, string]> = [
      [
        lines.filter((_, index) => index < 2 || index > 12).join('\n'),
        'damaged at its end: the run of point 0, variant administrative-led, replicate 1 is missing',
      ],
      [
        `${original}${lines[1]}\n`,
        `damaged at row ${lines.length + 1}: point 0, variant administrative-led, replicate 0 appears twice`,
      ],
      [edited(2, (cells) => ['99', ...cells.slice(1)]), 'damaged at row 2: expected a point from 0 to 5, got "99"'],
      [
        edited(2, (cells) => [cells[0], '0.5', ...cells.slice(2)] as string[]),
        'damaged at row 2: expected parameters.docking.confirmationChance = 0.4 at point 0, got "0.5"',
      ],
      [
        edited(2, (cells) => [...cells.slice(0, 3), 'mixed', ...cells.slice(4)]),
        'damaged at row 2: expected a variant of the experiment (administrative-led, co-production), got "mixed"',
      ],
      [
        edited(2, (cells) => [...cells.slice(0, 4), '6', ...cells.slice(5)]),
        'damaged at row 2: expected a replicate from 0 to 5, got "6"',
      ],
      [
        edited(2, (cells) => [...cells.slice(0, 6), 'abc', ...cells.slice(7)]),
        'damaged at row 2: expected a number or an empty cell for satisfaction.end, got "abc"',
      ],
      [original.replace('satisfaction.end', 'satisfaction.ending'), 'damaged at its header: expected the columns'],
      ['', 'damaged at its start: the file is empty'],
    ];
    for (const [text, message] of cases) {
      await writeFile(runsPath, text);
      await expect(analyseSweep(out)).rejects.toThrow(`${out}: invalid sweep folder\n  - runs.csv: ${message}`);
      await expect(readFile(join(out, 'analysis', 'summary.csv'))).rejects.toThrow(/ENOENT/);
    }
    // An empty metric cell is a value that was not finite: read as NaN, as the sweep wrote it.
    await writeFile(
      runsPath,
      edited(2, (cells) => [...cells.slice(0, 6), '', ...cells.slice(7)]),
    );
    await expect(analyseSweep(out)).resolves.toBeDefined();
  });

  it('takes a precision sweep, whose points have more replicates than the first batch', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-precision.json'), { out, workers: 1 });
    const runs = (await readFile(join(out, 'runs.csv'), 'utf8')).trimEnd().split('\n').slice(1);
    // 6 points × 2 variants × a first batch of 5 replicates, and more where a point was not yet precise.
    expect(runs.length).toBeGreaterThan(6 * 2 * 5);
    const summary = (
      await readFile((await analyseSweep(out)).files.find((path) => path.endsWith('summary.csv')) as string, 'utf8')
    )
      .trimEnd()
      .split('\n');
    expect(summary).toHaveLength(1 + 6 * 2 * 4);
    // analysis.md counts the rows whose target was not reached, as precision.csv marks them.
    const precision = (await readFile(join(out, 'analysis', 'precision.csv'), 'utf8')).trimEnd().split('\n').slice(1);
    const short = precision.filter((line) => line.endsWith(',no')).length;
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    expect(markdown).toContain(
      short === 0
        ? `The target was reached in all ${precision.length} rows`
        : `The target was not reached in ${short} of the ${precision.length} rows`,
    );
  });

  it('counts in precision.csv the replicates run, not only those where the metric is defined', async () => {
    // Weeks to settle a cross-department question is undefined in the replicates that settle none.
    const metric = 'fragmentation.crossDepartmentSettleWeeks';
    const out = await sweepOfFixture(
      'test/fixtures/tiny-precision.json',
      'govsim-analyze-undefined-',
      'undefined.json',
      (fixture) => {
        fixture.replicates = 3;
        fixture.precision = { metrics: [metric], halfWidth: 1e-9, batchReplicates: 3, maxReplicates: 9 };
      },
    );
    await analyseSweep(out);
    const runs = await runRows(out);
    // Columns: point, the two factors, variant, replicate, seed, then the metrics (this one the fourth).
    const of = (point: string, variant: string) => runs.filter((row) => row[0] === point && row[3] === variant);
    const precision = (await readFile(join(out, 'analysis', 'precision.csv'), 'utf8'))
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(precision).toHaveLength(12);
    for (const row of precision) expect(Number(row[5])).toBe(of(row[0] as string, row[3] as string).length);
    // The case this is about: some point and variant where the metric is undefined in a replicate run.
    expect(runs.some((row) => row[9] === '')).toBe(true);
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    expect(markdown).toContain('here 9 at every point.');
  });

  it('says in analysis.md when the precision target was not reached at the cap', async () => {
    const out = await sweepOfFixture('test/fixtures/tiny-precision.json', 'govsim-analyze-cap-', 'capped.json', (fixture) => {
      fixture.precision = { ...fixture.precision, halfWidth: 1e-9, maxReplicates: 10 };
    });
    await analyseSweep(out);
    const markdown = await readFile(join(out, 'analysis', 'analysis.md'), 'utf8');
    expect(markdown).toContain('here 10 at every point. The target was not reached in 12 of the 12 rows');
  });
});
