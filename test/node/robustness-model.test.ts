/**
 * A robustness analysis under an extended model (the WeChat-rumour example): the extension's assumed parameters are
 * drawn, the same bytes with any number of workers, and a folder of the same case without the model (or with
 * another) is another analysis.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import {
  loadCaseFolder,
  loadModelModuleWithHash,
  robustnessAnalysisKey,
  runRobustness,
  runRobustnessShard,
  writeRobustness,
} from '../../src/node/index.js';
import { checkFinishedRobustness } from '../../src/node/robustness.js';
import { govsimVersion } from '../../src/node/version.js';
import { applyOverrides } from '../../src/scenario/index.js';
import { parametersThatApply, robustnessParameters } from '../../src/validation/index.js';

const caseFolder = 'test/fixtures/tiny-case';
const modelFile = resolve('examples/wechat-rumour/model.ts');
const extensionPaths = ['extensions.wechat-rumour.spreadChance', 'extensions.wechat-rumour.rumourTrustLoss'];
const files = ['contrasts.csv', 'draws.csv', 'facts.csv', 'index.html', 'manifest.json', 'pairs.csv'];
const options = { samples: 2, replicates: 1, seed: 3 };

describe('robustness under an extended model', async () => {
  const model = await loadModelModuleWithHash(modelFile);
  const folder = await loadCaseFolder(caseFolder, { model: model.definition });
  const plain = await loadCaseFolder(caseFolder);
  const context = (analysis: string) => ({
    version: govsimVersion(),
    command: 'govsim robustness test/fixtures/tiny-case --model examples/wechat-rumour/model.ts',
    analysis,
    model: { file: model.file, hash: model.hash },
  });
  const key = robustnessAnalysisKey(folder, { ...options, model });
  const written = async (workers: number): Promise<string> => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-model-'));
    const run = await runRobustness(folder, { ...options, model, workers });
    await writeRobustness(directory, run, context(key));
    return directory;
  };
  const single = await written(1);

  it("draws the extension's assumed parameters too: their columns in draws.csv, their values applied", async () => {
    const [header, ...rows] = parseCsv(await readFile(join(single, 'draws.csv'), 'utf8')) as [string[], ...string[][]];
    for (const path of extensionPaths) expect(header).toContain(path);
    // The tiny case has no switch rule: its parameters are not drawn.
    expect(header.filter((column) => !/^(draw|fact\d|contrast\.)/.test(column))).toEqual(
      robustnessParameters(model.definition.extensions)
        .filter((parameter) => !parameter.path.startsWith('switchRule.'))
        .map((parameter) => parameter.path),
    );
    for (const row of rows)
      for (const path of extensionPaths) {
        const value = Number(row[header.indexOf(path)]);
        expect(value >= 0 && value <= 0.03).toBe(true);
      }
    const manifest = JSON.parse(await readFile(join(single, 'manifest.json'), 'utf8'));
    expect(manifest.model).toEqual({ file: model.file, hash: model.hash });
    expect(manifest.analysis).toBe(key);
    expect(manifest.parameters.map((parameter: { path: string }) => parameter.path)).toEqual(
      expect.arrayContaining(extensionPaths),
    );
  });

  it('evaluates the facts under the model: the outcomes differ from those of the built-in model at the same values', async () => {
    const run = await runRobustness(folder, { ...options, model, workers: 1 });
    // The built-in model ignores the extension's values: with the rumours at their largest, trust falls under the model.
    const extreme = { 'extensions.wechat-rumour.spreadChance': 0.03, 'extensions.wechat-rumour.rumourTrustLoss': 0.03 };
    const given = {
      source: 'test',
      draws: [extreme, extreme],
      parameters: robustnessParameters(model.definition.extensions).filter((p) => extensionPaths.includes(p.path)),
    };
    const under = await runRobustness(folder, { ...options, given, model, workers: 1 });
    expect(run.parameters.length).toBe(parametersThatApply(robustnessParameters(), folder.scenarios.values()).length + 2);
    const builtIn = await runRobustness(plain, { ...options, given: { ...given, draws: [{}, {}], parameters: [] }, workers: 1 });
    expect(under.outcomes[0]?.contrasts).not.toEqual(builtIn.outcomes[0]?.contrasts);
    // Silent (both chances 0), the model gives the built-in outputs: the values drawn are what changes them.
    const silent = { 'extensions.wechat-rumour.spreadChance': 0, 'extensions.wechat-rumour.rumourTrustLoss': 0 };
    const quiet = await runRobustness(folder, { ...options, given: { ...given, draws: [silent, silent] }, model, workers: 1 });
    expect(quiet.outcomes[0]).toEqual(builtIn.outcomes[0]);
    // A draw of the extension's parameters without the model is refused: the built-in scenario has no such path.
    expect(() => applyOverrides({ name: 'x', mode: 'co-production' }, extreme)).toThrow('unknown scenario path');
    expect(applyOverrides({ name: 'x', mode: 'co-production' }, extreme, 'x', model.definition.extensions).extensions).toEqual({
      'wechat-rumour': { spreadChance: 0.03, rumourTrustLoss: 0.03 },
    });
  });

  it('writes the same bytes with one worker and with two (each loading the module itself)', async () => {
    const double = await written(2);
    for (const name of files) expect(await readFile(join(double, name), 'utf8')).toBe(await readFile(join(single, name), 'utf8'));
  });

  it('is another analysis than the same case without the model, or with another module', async () => {
    const without = robustnessAnalysisKey(plain, options);
    expect(key).not.toBe(without);
    expect(key).not.toBe(robustnessAnalysisKey(folder, { ...options, model: { ...model, hash: 'another' } }));
    // A finished folder of the model is another analysis's for a run without it, resumed or not, and the reverse.
    await expect(checkFinishedRobustness(single, without, { resume: true, shard: false, merge: false })).rejects.toThrow(
      'holds a finished robustness run of another analysis',
    );
    expect(await checkFinishedRobustness(single, key, { resume: true, shard: false, merge: false })).toBe(true);
    const plainFolder = await mkdtemp(join(tmpdir(), 'govsim-robustness-model-'));
    await writeRobustness(plainFolder, await runRobustness(plain, { ...options, workers: 1 }), {
      version: govsimVersion(),
      command: 'govsim robustness test/fixtures/tiny-case',
      analysis: without,
    });
    await expect(checkFinishedRobustness(plainFolder, key, { resume: true, shard: false, merge: false })).rejects.toThrow(
      'holds a finished robustness run of another analysis',
    );
  });

  it('refuses to resume, or merge, the kept outcomes of a run without the model', async () => {
    const shard = await mkdtemp(join(tmpdir(), 'govsim-robustness-model-'));
    await runRobustnessShard(
      plain,
      { ...options, workers: 1, progress: { directory: shard, resume: false } },
      { index: 0, count: 2 },
    );
    await expect(
      runRobustnessShard(
        folder,
        { ...options, model, workers: 1, progress: { directory: shard, resume: true } },
        { index: 0, count: 2 },
      ),
    ).rejects.toThrow('holds an unfinished run of another analysis');
    await expect(runRobustness(folder, { ...options, model, workers: 1, mergeFrom: [shard] })).rejects.toThrow(
      'holds the outcomes of another analysis',
    );
  });

  it('refuses a model that is not the module it names', async () => {
    await expect(
      runRobustness(folder, { ...options, model: { ...model, definition: undefined as never }, workers: 1 }),
    ).rejects.toThrow('model.definition');
  });
});
