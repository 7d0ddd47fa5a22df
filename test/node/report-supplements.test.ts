import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkRobustnessMatchesFacts,
  checkSensitivityMatchesModel,
  readContrastTable,
  readRobustnessTable,
} from '../../src/node/index.js';
import { type ContrastTable, contrastCells, supplementsHtml, supplementsMarkdown } from '../../src/report/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import type { FactsFile } from '../../src/validation/index.js';

/** Writes `lines` as a text file, each ended by a newline. */
async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, `${lines.join('\n')}\n`);
}

async function robustnessFolder(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-'));
  await writeLines(join(directory, 'facts.csv'), [
    'id,title,kind,draws,holding,fallingShort,notApplicable,holdingShare,breaker1,breaker1FailsAt,breaker1Correlation,breaker2,breaker2FailsAt,breaker2Correlation,breaker3,breaker3FailsAt,breaker3Correlation',
    '1,Community overload,replicates,60,20,40,0,0.3333333333333333,parameters.staff.routineLoad,low,0.41,world.departments,high,-0.3,,,',
    '2,"Paperwork, and more",replicates,60,58,0,2,1,,,,,,,,,',
  ]);
  await writeFile(join(directory, 'manifest.json'), JSON.stringify({ samples: 60, replicates: 40 }));
  await writeLines(join(directory, 'contrasts.csv'), [
    'from,to,metric,atDefaults,draws,sameSign,oppositeSign,noDifference,keepsSignShare',
    'administrative-led-throughout,co-production-from-week-1,satisfaction.end,0.215,60,60,0,0,1',
    'administrative-led-throughout,co-production-from-week-1,load.staffPeak,-0.284,60,45,15,0,0.75',
  ]);
  return directory;
}

/** A robustness folder with the draws and pairs files of this version: how often the facts hold together. */
async function robustnessFolderWithPairs(): Promise<string> {
  const directory = await robustnessFolder();
  await writeLines(join(directory, 'draws.csv'), [
    'draw,parameters.staff.routineLoad,fact1.share,fact1.status,fact2.share,fact2.status',
    '0,0.7,1,holds,1,holds',
    '1,0.8,0,falls short,1,holds',
    '2,0.9,1,holds,,not applicable',
  ]);
  await writeLines(join(directory, 'pairs.csv'), [
    'first,second,draws,bothHold,firstOnly,secondOnly,neitherHolds,expectedBothHold,phi',
    '1,2,2,1,0,1,0,1,',
  ]);
  await writeFile(
    join(directory, 'manifest.json'),
    JSON.stringify({ samples: 3, replicates: 40, seed: null, drawsFile: 'mine.csv' }),
  );
  return directory;
}

async function sweepFolder(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-sensitivity-'));
  await mkdir(join(directory, 'analysis'));
  await writeLines(join(directory, 'analysis', 'contrast-sign.csv'), [
    'from,to,metric,points,meanContrast,minimum,maximum,referenceSign,keepsSignShare,flipsSignShare',
    'administrative-led,co-production,satisfaction.end,710,0.18,0.05,0.51,1,1,0',
  ]);
  await writeLines(join(directory, 'analysis', 'contrast-morris.csv'), [
    'from,to,metric,factor,mu,muStar,sigma,signConsistency,effects',
    'administrative-led,co-production,satisfaction.end,world.sites,-0.09,0.09,0.06,1,10',
    'administrative-led,co-production,satisfaction.end,world.projectCostMean,-0.17,0.17,0.11,1,10',
    'administrative-led,co-production,satisfaction.end,world.needSalienceSpread,0.16,0.16,0.07,1,10',
    // Half its effects one way, half the other: no sign is given.
    'administrative-led,co-production,satisfaction.end,world.departments,-0.01,0.05,0.06,0.5,10',
  ]);
  return directory;
}

describe('report supplements', () => {
  it('refuses a robustness table made from another case’s facts, naming the facts that differ', async () => {
    const table = await readRobustnessTable(await robustnessFolder());
    const fact = (id: number, title: string) => ({ id, title, statement: 's', paper: 'p', checks: [] });
    const facts = (list: Array<ReturnType<typeof fact>>) => ({ case: 'case', facts: list }) as unknown as FactsFile;
    expect(() =>
      checkRobustnessMatchesFacts(table, facts([fact(1, 'Community overload'), fact(2, 'Paperwork, and more')])),
    ).not.toThrow();
    expect(() => checkRobustnessMatchesFacts(table, facts([fact(1, 'Community overload'), fact(2, 'Another fact')]))).toThrow(
      'facts.csv: invalid robustness output\n  - (top level): was made from another case’s facts: its fact 2 is "Paperwork, and more", not "Another fact" (run govsim robustness on this case)',
    );
    expect(() => checkRobustnessMatchesFacts(table, facts([fact(1, 'Community overload')]))).toThrow(
      'its fact 2 ("Paperwork, and more") is not one of this case’s',
    );
  });

  it('refuses a robustness table whose manifest records another hash of the case or another model', async () => {
    const fact = (id: number, title: string) => ({ id, title, statement: 's', paper: 'p', checks: [] });
    const facts = {
      case: 'case',
      facts: [fact(1, 'Community overload'), fact(2, 'Paperwork, and more')],
    } as unknown as FactsFile;
    const directory = await robustnessFolder();
    // A folder from before the hashes were recorded is taken as it is.
    const older = await readRobustnessTable(directory);
    expect(() => checkRobustnessMatchesFacts(older, facts, { caseHash: 'a', modelHash: undefined })).not.toThrow();
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ samples: 60, replicates: 40, caseHash: 'a' }));
    const table = await readRobustnessTable(directory);
    expect(table.caseHash).toBe('a');
    expect(() => checkRobustnessMatchesFacts(table, facts, { caseHash: 'a', modelHash: undefined })).not.toThrow();
    expect(() => checkRobustnessMatchesFacts(table, facts, { caseHash: 'b', modelHash: undefined })).toThrow(
      `${join(directory, 'manifest.json')}: invalid robustness output\n  - caseHash: was made from other facts or scenarios of this case`,
    );
    expect(() => checkRobustnessMatchesFacts(table, facts, { caseHash: 'a', modelHash: 'm' })).toThrow(
      'model: was made under the model as shipped, and this report runs under a model module',
    );
    await writeFile(
      join(directory, 'manifest.json'),
      JSON.stringify({ samples: 60, replicates: 40, caseHash: 'a', model: { file: 'm.ts', hash: 'm' } }),
    );
    const modelled = await readRobustnessTable(directory);
    expect(() => checkRobustnessMatchesFacts(modelled, facts, { caseHash: 'a', modelHash: 'm' })).not.toThrow();
    expect(() => checkRobustnessMatchesFacts(modelled, facts, { caseHash: 'a', modelHash: undefined })).toThrow(
      'model: was made under a model module, and this report runs under the model as shipped',
    );
    expect(() => checkRobustnessMatchesFacts(modelled, facts, { caseHash: 'a', modelHash: 'n' })).toThrow(
      'model: was made under another model module, or another version of it',
    );
  });

  it('reads a robustness folder: counts, shares and the named breakers', async () => {
    const table = await readRobustnessTable(await robustnessFolder());
    expect(table).toMatchObject({ samples: 60, replicates: 40 });
    expect(table.rows[0]).toMatchObject({ id: 1, holding: 20, fallingShort: 40, notApplicable: 0 });
    expect(table.rows[0]?.breakers).toEqual([
      { path: 'parameters.staff.routineLoad', failsAt: 'low', correlation: 0.41 },
      { path: 'world.departments', failsAt: 'high', correlation: -0.3 },
    ]);
    expect(table.rows[1]).toMatchObject({ title: 'Paperwork, and more', holding: 58, notApplicable: 2, breakers: [] });
    expect(table.contrasts.map((row) => [row.metric, row.sameSign, row.keepsSignShare])).toEqual([
      ['satisfaction.end', 60, 1],
      ['load.staffPeak', 45, 0.75],
    ]);
  });

  it('marks the breakers within chance when the folder records the chance level', async () => {
    const directory = await robustnessFolder();
    await writeLines(join(directory, 'facts.csv'), [
      'id,title,kind,draws,holding,fallingShort,notApplicable,holdingShare,chanceCorrelation,breaker1,breaker1FailsAt,breaker1Correlation,breaker2,breaker2FailsAt,breaker2Correlation,breaker3,breaker3FailsAt,breaker3Correlation',
      '1,Community overload,replicates,60,20,40,0,0.33,0.43,world.departmentHoursPerWeek,low,0.5,parameters.staff.routineLoad,low,0.42,world.departments,high,-0.43',
    ]);
    const table = await readRobustnessTable(directory);
    expect(table.rows[0]?.breakers.map((breaker) => breaker.withinChance)).toEqual([false, true, true]);
    // Each association with its ρ, and what chance reaches over these draws.
    expect(supplementsMarkdown({ robustness: table }).join('\n')).toContain(
      'world.departmentHoursPerWeek low (ρ = 0.50), parameters.staff.routineLoad low (ρ = 0.42, within chance), world.departments high (ρ = −0.43, within chance); chance reaches a ρ of ±0.43',
    );
  });

  it('reads how often the facts hold together, and where the draws came from, when the folder has them', async () => {
    const older = await readRobustnessTable(await robustnessFolder());
    expect(older.joint).toBeUndefined();
    expect(older.tensions).toBeUndefined();
    const table = await readRobustnessTable(await robustnessFolderWithPairs());
    expect(table).toMatchObject({ drawsFile: 'mine.csv', joint: { allApplicable: 2, allHolding: 1 }, tensions: [] });
    const markdown = supplementsMarkdown({ robustness: table }).join('\n');
    expect(markdown).toContain('3 draws read from mine.csv, the facts checked on 40 paired replicates');
    expect(markdown).toContain('Every fact holds in 1 of the 2 draws in which every fact applies.');
    await writeLines(join(table.source, 'pairs.csv'), [
      'first,second,draws,bothHold,firstOnly,secondOnly,neitherHolds,expectedBothHold,phi',
      '1,2,4,0,2,2,0,1,-1',
    ]);
    const pulling = await readRobustnessTable(table.source);
    expect(supplementsHtml({ robustness: pulling })).toContain(
      'The facts that pull against each other most: 1 and 2 (both hold in 0 of 4 draws, 1 if independent; φ = −1).',
    );
  });

  it('names the parameters that go with fewer facts holding at once when the manifest lists the parameters drawn', async () => {
    const directory = await robustnessFolderWithPairs();
    const parameters = [{ path: 'parameters.staff.routineLoad', range: [0.6, 0.95], integer: false }];
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ samples: 3, replicates: 40, seed: 1, parameters }));
    // Of the two draws with every fact applicable, both facts hold at 0.7 and one at 0.8: ρ = −1 over two draws,
    // whose two orders can tell nothing from chance.
    const table = await readRobustnessTable(directory);
    expect(table.jointBreakers?.breakers).toEqual([
      { path: 'parameters.staff.routineLoad', correlation: -1, failsAt: 'high', whereAllHold: [0.7, 0.7] },
    ]);
    expect(supplementsMarkdown({ robustness: table }).join('\n')).toContain(
      'The parameters that go with fewer facts holding at once: parameters.staff.routineLoad (fewer facts hold at high values, ρ = −1, within chance; 0.7 where every fact holds, of 0.6–0.95).',
    );
    // A manifest without the parameters (as older folders have) leaves them out.
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ samples: 3, replicates: 40, seed: 1 }));
    expect((await readRobustnessTable(directory)).jointBreakers).toBeUndefined();
  });

  it('counts the other facts and the contrast over the draws consistent with what the case showed', async () => {
    const directory = await robustnessFolder();
    await writeLines(join(directory, 'draws.csv'), [
      'draw,parameters.staff.routineLoad,fact1.share,fact1.status,fact2.share,fact2.status,contrast.satisfaction.end,contrast.load.staffPeak',
      '0,0.7,1,holds,1,holds,0.2,-0.3',
      '1,0.8,0,falls short,1,holds,0.1,-0.1',
      '2,0.9,1,holds,0,falls short,0.3,0.2',
      '3,0.6,,not applicable,1,holds,0.2,-0.2',
    ]);
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ samples: 4, replicates: 40, observedFacts: [1] }));
    // Fact 1 applies in draws 0–2 and holds in 0 and 2: over those, fact 2 holds in one; end satisfaction keeps its
    // positive sign at the defaults in both, the staff peak its negative sign in one.
    const table = await readRobustnessTable(directory);
    expect(table.givenObserved).toMatchObject({ observed: [1], applicable: 3, holding: 2 });
    expect(table.givenObserved?.facts.map((fact) => [fact.id, fact.holding, fact.fallingShort])).toEqual([[2, 1, 1]]);
    expect(table.givenObserved?.contrasts.map((row) => [row.metric, row.sameSign, row.oppositeSign])).toEqual([
      ['satisfaction.end', 2, 0],
      ['load.staffPeak', 1, 1],
    ]);
    expect(supplementsMarkdown({ robustness: table }).join('\n')).toContain(
      'Given what the case showed: fact 1, about the case path itself, holds in 2 of the 3 draws in which they all apply. Over those draws the other facts hold: 2 Paperwork, and more in 1 of 2. Every metric of the headline contrast keeps its sign at the defaults in at least 1 of them (load.staffPeak).',
    );
    // Without the manifest's list (older folders) there is no such view.
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ samples: 4, replicates: 40 }));
    expect((await readRobustnessTable(directory)).givenObserved).toBeUndefined();
  });

  it('reads an analysed sweep: each contrast with its drivers, strongest first', async () => {
    const directory = await sweepFolder();
    expect(await readContrastTable(directory)).not.toHaveProperty('experiment');
    await writeFile(join(directory, 'sweep.json'), JSON.stringify({ govsim: '9.9.9', experiment: 'screen', hash: 'abc' }));
    const table = await readContrastTable(directory);
    expect(table).toMatchObject({ experiment: 'screen', govsim: '9.9.9' });
    expect(table.method).toBe('morris');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toMatchObject({ metric: 'satisfaction.end', points: 710, keepsSignShare: 1, flipsSignShare: 0 });
    expect(table.rows[0]?.drivers.map((driver) => [driver.factor, driver.sign, driver.agreement])).toEqual([
      ['world.projectCostMean', -1, 1],
      ['world.needSalienceSpread', 1, 1],
      ['world.sites', -1, 1],
      ['world.departments', -1, 0.5],
    ]);
  });

  it('reads a Latin-hypercube sweep’s contrast as PRCC: drivers by |PRCC|, each with its sign and p-value', async () => {
    const directory = await sweepFolder();
    await rm(join(directory, 'analysis', 'contrast-morris.csv'));
    await writeLines(join(directory, 'analysis', 'contrast-prcc.csv'), [
      'from,to,metric,factor,prcc,pValue,points',
      'administrative-led,co-production,satisfaction.end,world.sites,0.31,0.02,60',
      'administrative-led,co-production,satisfaction.end,world.projectCostMean,-0.62,0.00001,60',
      // Undefined (the other factors left nothing of it): blank, and left out, not read as 0.
      'administrative-led,co-production,satisfaction.end,world.departments,,,60',
    ]);
    const table = await readContrastTable(directory);
    expect(table.method).toBe('prcc');
    expect(table.rows[0]?.drivers).toEqual([
      { factor: 'world.projectCostMean', importance: 0.62, sign: -1, pValue: 0.00001 },
      { factor: 'world.sites', importance: 0.31, sign: 1, pValue: 0.02 },
    ]);
    expect(contrastCells(table)[0]?.[3]).toBe('world.projectCostMean 0.62 (−, p <0.001), world.sites 0.31 (+, p 0.020)');
    const markdown = supplementsMarkdown({ contrasts: table }).join('\n');
    expect(markdown).toContain('partial rank correlation, PRCC, over a Latin hypercube');
    // In a Markdown table the bars are escaped.
    expect(markdown).toContain('Top drivers (\\|PRCC\\|, with its sign and p-value) |');
  });

  it('refuses a sweep run under another model than the report, either way, naming its sweep.json', async () => {
    const directory = await sweepFolder();
    // Without a sweep.json the sweep's model is unknown: not refused on that account.
    expect(() => checkSensitivityMatchesModel({ source: directory, method: 'morris', rows: [] }, 'f00')).not.toThrow();
    await writeFile(join(directory, 'sweep.json'), JSON.stringify({ govsim: '9.9.9', experiment: 'screen', hash: 'abc' }));
    const shipped = await readContrastTable(directory);
    expect(shipped.modelHash).toBeUndefined();
    expect(() => checkSensitivityMatchesModel(shipped, undefined)).not.toThrow();
    expect(() => checkSensitivityMatchesModel(shipped, 'f00')).toThrow(
      `${join(directory, 'sweep.json')}: invalid analysed sweep\n  - model: was run under the model as shipped, and this report runs under a model module`,
    );
    const model = { file: '/somewhere/hotline.mjs', hash: 'f00' };
    await writeFile(join(directory, 'sweep.json'), JSON.stringify({ govsim: '9.9.9', experiment: 'screen', model }));
    const extended = await readContrastTable(directory);
    expect(extended.modelHash).toBe('f00');
    expect(() => checkSensitivityMatchesModel(extended, 'f00')).not.toThrow();
    expect(() => checkSensitivityMatchesModel(extended, undefined)).toThrow(
      'model: was run under a model module, and this report runs under the model as shipped',
    );
    expect(() => checkSensitivityMatchesModel(extended, 'bad')).toThrow('model: was run under another model module');
  });

  it('names the missing file when a folder is not what it should be', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'govsim-empty-'));
    await expect(readRobustnessTable(empty)).rejects.toThrow(ScenarioError);
    await expect(readRobustnessTable(empty)).rejects.toThrow(/facts\.csv/);
    await expect(readContrastTable(empty)).rejects.toThrow(/contrast-sign\.csv/);
  });

  it('says what a folder without a contrast table is, and which kind of sweep --sensitivity takes', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-no-contrast-'));
    const refusal = async (folder: string) => {
      const error = await readContrastTable(folder).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).message;
    };
    const missing = join(directory, 'sw0');
    expect(await refusal(missing)).toBe(`${missing}: invalid analysed sweep\n  - (top level): does not exist`);
    const sweep = join(directory, 'sw1');
    await mkdir(join(sweep, 'analysis'), { recursive: true });
    expect(await refusal(sweep)).toContain('holds no analysis/contrast-sign.csv and no sweep.json: not a sweep folder');
    await writeFile(join(sweep, 'sweep.json'), '{}');
    // Not finished (no runs.csv): to finish it comes before analysing it; a shard is merged first.
    expect(await refusal(sweep)).toContain(
      `holds no analysis/contrast-sign.csv: the sweep is not finished (no runs.csv); finish it (the same govsim sweep command with --resume), then run govsim analyze ${sweep}`,
    );
    await writeFile(join(sweep, 'shard.json'), '{"index":0,"count":2}');
    expect(await refusal(sweep)).toContain(
      'holds no analysis/contrast-sign.csv: it is one shard of a sweep; merge the shards (govsim merge), then run govsim analyze on the merged folder',
    );
    await rm(join(sweep, 'shard.json'));
    await writeFile(join(sweep, 'runs.csv'), 'point\n');
    expect(await refusal(sweep)).toContain(
      `holds no analysis/contrast-sign.csv: the sweep is not analysed; run govsim analyze ${sweep} first`,
    );
    // An analysed sweep of one variant, or of a design that gives no indices: the kind of sweep needed is said.
    await writeFile(join(sweep, 'analysis', 'analysis.md'), '# Analysis\n');
    expect(await refusal(sweep)).toBe(
      `${sweep}: invalid analysed sweep\n  - (top level): holds no analysis/contrast-sign.csv: its analysis screened no contrast between variants, which --sensitivity shows; that takes a sensitivity sweep — a Morris, Saltelli (Sobol) or Latin-hypercube (PRCC) design with two variants, or contrasts declared, as the shipped assumptions-sensitivity — analysed by govsim analyze`,
    );
  });

  it('says what a --robustness folder without facts.csv is: missing, a file, a run not finished, or not a robustness run', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-no-robustness-'));
    const refusal = async (folder: string) => {
      const error = await readRobustnessTable(folder).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ScenarioError);
      return (error as ScenarioError).message;
    };
    const missing = join(directory, 'missing');
    expect(await refusal(missing)).toBe(`${missing}: invalid robustness output\n  - (top level): does not exist`);
    const file = join(directory, 'a-file');
    await writeFile(file, '');
    expect(await refusal(file)).toBe(`${file}: invalid robustness output\n  - (top level): is a file, not a folder`);
    const other = join(directory, 'other');
    await mkdir(other);
    expect(await refusal(other)).toBe(
      `${other}: invalid robustness output\n  - (top level): holds no facts.csv: not the folder of a govsim robustness run (--robustness takes the --out folder of govsim robustness)`,
    );
    const stopped = join(directory, 'stopped');
    await mkdir(stopped);
    await writeFile(join(stopped, 'robustness-progress.jsonl'), '');
    expect(await refusal(stopped)).toContain(
      `holds no facts.csv: the robustness run is not finished, or is a shard; finish it with govsim robustness --resume --out ${stopped}`,
    );
  });

  it('shows both tables in the report, or says how to make them', async () => {
    const supplements = {
      robustness: await readRobustnessTable(await robustnessFolder()),
      contrasts: await readContrastTable(await sweepFolder()),
    };
    const markdown = supplementsMarkdown(supplements).join('\n');
    expect(markdown).toContain(
      '| 1 | Community overload | 20 of 60 (33% [23%, 46%]) | 0 | parameters.staff.routineLoad low (ρ = 0.41), world.departments high (ρ = −0.30) |',
    );
    expect(markdown).toContain('| 2 | Paperwork, and more | 58 of 58 (100% [94%, 100%]) | 2 | — |');
    expect(markdown).toContain(
      '| satisfaction.end (co-production − administrative-led) | 0.18 (0.05 to 0.51) | 100% / 0% of 710 points | world.projectCostMean 0.17 (−), world.needSalienceSpread 0.16 (+), world.sites 0.09 (−), world.departments 0.05 (±) |',
    );
    expect(supplementsHtml(supplements)).toContain('<td>20 of 60 (33% [23%, 46%])</td>');
    expect(markdown).toContain(
      '| load.staffPeak (co-production-from-week-1 − administrative-led-throughout) | −0.284 | 45 of 60 (75% [63%, 84%]) | 15 | 0 |',
    );
    // A contrast that is 0 at a tenth of the points, and one whose mean is exactly 0 (the points cancel out).
    const row = supplements.contrasts.rows[0] as ContrastTable['rows'][number];
    const cells = (changes: Partial<typeof row>) =>
      contrastCells({ ...supplements.contrasts, rows: [{ ...row, ...changes }] })[0]?.[2];
    expect(cells({ keepsSignShare: 0.8, flipsSignShare: 0.1, referenceSign: 1, noDifferenceShare: 0.1 })).toBe(
      '80% / 10% (10% no difference) of 710 points',
    );
    expect(cells({ meanContrast: 0, keepsSignShare: 0, flipsSignShare: 0, referenceSign: 0, noDifferenceShare: 0 })).toBe(
      '0% / 0% of 710 points; the mean is 0, so there is no sign to keep',
    );
    expect(cells({ meanContrast: 0, keepsSignShare: 0, flipsSignShare: 0, referenceSign: 0, noDifferenceShare: 1 })).toBe(
      '0% / 0% (100% no difference) of 710 points',
    );
    const without = supplementsMarkdown({}).join('\n');
    expect(without).toContain('`govsim reproduce CASE --robustness DIR`');
    expect(without).toContain('`govsim reproduce CASE --sensitivity out/assumptions`');
  });
});
