/**
 * The `govsim/node` entry point refuses a wrong argument from plain JavaScript with a ScenarioError naming the
 * argument and the field, before any work and before any file is written.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyseSweep,
  chartPngRenderer,
  loadCaseFolder,
  loadCityFile,
  loadExperiment,
  mergeCityShards,
  mergeSweeps,
  robustnessAnalysisKey,
  runRobustness,
  runRobustnessShard,
  runSweep,
  writeCityRun,
  writeReport,
  writeRobustness,
  writeRunOutputs,
} from '../../src/node/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/simulation/index.js';
import { refused } from '../helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: plain JavaScript callers pass anything
type Any = any;

describe('govsim/node refuses wrong arguments', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'govsim-arguments-'));
  const out = (name: string) => join(scratch, name);
  const loaded = await loadExperiment('two-halves');
  const folder = await loadCaseFolder('test/fixtures/tiny-case');
  const scenario = folder.scenarios.get(folder.facts.case) as Any;

  it('loadExperiment: its options by name and type', async () => {
    await refused(() => loadExperiment('two-halves', null as Any), 'load options', 'expected an object of options, got null');
    await refused(() => loadExperiment('two-halves', { forse: true } as Any), 'forse: unknown option (expected force)');
    await refused(() => loadExperiment('two-halves', { force: 'yes' } as Any), 'force: expected true or false');
    await refused(() => loadExperiment(3 as Any), 'experiment file', 'expected text, got 3');
  });

  it('runSweep: the loaded experiment and the options, before the folder is made', async () => {
    await refused(() => runSweep(null as Any, { out: out('s0') }), 'loaded', 'what loadExperiment returns');
    await refused(() => runSweep({} as Any, { out: out('s0') }), 'experiment: expected the experiment');
    await refused(() => runSweep(loaded, {} as Any), 'sweep options', 'out: expected text, got undefined');
    await refused(() => runSweep(loaded, { out: out('s1'), worker: 1 } as Any), 'worker: unknown option');
    await refused(() => runSweep(loaded, { out: out('s1'), workers: 'two' } as Any), 'workers: expected a whole number');
    await refused(() => runSweep(loaded, { out: out('s1'), onProgress: 'x' } as Any), 'onProgress: expected a function');
    await refused(() => runSweep(loaded, { out: out('s1'), shard: {} } as Any), 'shard.count');
    await refused(() => runSweep(loaded, { out: out('s1'), shard: { index: 2, count: 2 } }), 'shard.index: expected below');
    expect(existsSync(out('s0')) || existsSync(out('s1'))).toBe(false);
  });

  it('mergeSweeps and mergeCityShards: the folders and the options', async () => {
    await refused(() => mergeSweeps('abc' as Any, out('m')), 'shard folders', 'expected a list of folder paths');
    await refused(() => mergeSweeps(['a', 1] as Any, out('m')), 'shard folders', '[1]: expected text, got 1');
    await refused(() => mergeSweeps(['a'], null as Any), 'out', 'expected text, got null');
    await refused(() => mergeSweeps(['a'], out('m'), { onNotes: 1 } as Any), 'merge options', 'onNotes: unknown option');
    await refused(() => mergeCityShards('abc' as Any, out('m')), 'shard folders');
    await refused(() => mergeCityShards(['a'], out('m'), { comand: 'x' } as Any), 'comand: unknown option');
    await refused(() => mergeCityShards(['a'], out('m'), { command: 3 } as Any), 'command: expected text, got 3');
  });

  it('analyseSweep and chartPngRenderer: the folders and the chart options', async () => {
    await refused(() => analyseSweep(null as Any), 'directory', 'expected text, got null');
    await refused(() => analyseSweep('x', 5 as Any), 'out', 'expected text, got 5');
    await refused(() => analyseSweep('x', out('a'), { notices: 1 } as Any), 'chart file options', 'notices: unknown option');
    await refused(() => chartPngRenderer({ loadPngRendrer: () => undefined } as Any), 'loadPngRendrer: unknown option');
    await refused(() => chartPngRenderer({ notice: 'x' } as Any), 'notice: expected a function');
  });

  it('runRobustness, runRobustnessShard, robustnessAnalysisKey: the case folder and the options', async () => {
    const options = { samples: 2, replicates: 1, seed: 1, workers: 1 };
    await refused(() => runRobustness(null as Any, options), 'case folder', 'what loadCaseFolder returns');
    await refused(() => runRobustness({ inputs: new Map(), facts: {} } as Any, options), 'facts file');
    await refused(() => runRobustness(folder, null as Any), 'robustness options', 'expected an object of options, got null');
    await refused(() => runRobustness(folder, {} as Any), 'replicates: expected a whole number', 'samples', 'seed');
    await refused(() => runRobustness(folder, { ...options, samples: '2' } as Any), 'samples: expected a whole number');
    // The limits of govsim robustness (--samples 2 to 100000, --replicates 1 to 100000), each problem named once.
    for (const samples of [1, 100_001, 5_000_000])
      await refused(
        () => runRobustness(folder, { ...options, samples }),
        `robustness options: invalid robustness options\n  - samples: expected a whole number from 2 to 100000, got ${samples}`,
      );
    await refused(
      () => runRobustness(folder, { ...options, replicates: 0, seed: Number.NaN }),
      'robustness options: invalid robustness options\n  - replicates: expected a whole number from 1 to 100000, got 0\n  - seed: expected a whole number ≥ 0, got NaN',
    );
    await refused(
      () => robustnessAnalysisKey(folder, { ...options, replicates: 100_001 }),
      'replicates: expected a whole number from 1 to 100000, got 100001',
    );
    await refused(() => runRobustness(folder, { ...options, sample: 2 } as Any), 'sample: unknown option');
    await refused(() => runRobustness(folder, { ...options, mergeFrom: 'x' } as Any), 'mergeFrom: expected a list');
    await refused(() => runRobustness(folder, { ...options, progress: { directory: 1 } } as Any), 'progress.directory');
    await refused(() => robustnessAnalysisKey(folder, null as Any), 'robustness options');
    const progress = { directory: out('r'), resume: false };
    await refused(() => runRobustnessShard(folder, { ...options, progress }, null as Any), 'shard', 'expected a shard');
    await refused(() => runRobustnessShard(folder, options as Any, { index: 0, count: 2 }), 'progress: expected');
    expect(existsSync(out('r'))).toBe(false);
  });

  it('writeRobustness: the run and the context, before anything is written', async () => {
    await refused(() => writeRobustness(out('w'), null as Any, { version: '1', command: 'c' }), 'robustness run');
    const run = await runRobustness(folder, { samples: 2, replicates: 1, seed: 1, workers: 1 });
    await refused(() => writeRobustness(out('w'), run, null as Any), 'robustness context', 'got null');
    await refused(() => writeRobustness(out('w'), run, { version: '1' } as Any), 'command: expected text, got undefined');
    expect(existsSync(out('w'))).toBe(false);
  });

  it('writeCityRun and loadCityFile: the city and the options, before the folder is made', async () => {
    const city = { streets: [] } as Any;
    await refused(() => writeCityRun(out('c'), null as Any, { source: 's', command: 'c' }), 'city', 'what parseCity returns');
    await refused(() => writeCityRun(out('c'), city, null as Any), 'city write options', 'got null');
    await refused(() => writeCityRun(out('c'), city, {} as Any), 'source: expected text', 'command: expected text');
    await refused(() => writeCityRun(out('c'), city, { source: 's', command: 'c', replicat: 2 } as Any), 'replicat');
    await refused(() => writeCityRun(out('c'), city, { source: 's', command: 'c', weeks: 0 }), 'weeks: expected');
    await refused(() => writeCityRun(7 as Any, city, { source: 's', command: 'c' }), 'directory', 'expected text, got 7');
    expect(existsSync(out('c'))).toBe(false);
    await refused(() => loadCityFile('x.json', { mod: 'co-production' } as Any), 'city file options', 'mod: unknown option');
  });

  it('writeRunOutputs: the scenario, the result and the file, before anything is written', async () => {
    const result = runScenario(scenario, { weeks: 2 });
    await refused(() => writeRunOutputs(out('o'), null as Any, result, null), 'scenario', 'got null');
    await refused(() => writeRunOutputs(out('o'), scenario, {} as Any, null), 'run result', 'weeks: expected the list');
    await refused(() => writeRunOutputs(out('o'), scenario, result, 5 as Any), 'scenarioFile', 'expected text, got 5');
    await refused(() => writeRunOutputs(out('o'), scenario, result, null, 'x' as Any), 'communities');
    await refused(() => writeRunOutputs(out('o'), scenario, result, null, undefined, { file: 'm.ts' } as Any), 'hash');
    // A file where the folder should be is named as that, not an ENOTDIR from the first write.
    const file = out('a-file');
    await writeFile(file, 'x');
    await expect(writeRunOutputs(file, scenario, result, null)).rejects.toThrow(
      `${file}: invalid output folder\n  - (top level): is a file, not a folder`,
    );
    // A run of another scenario would be filed under this one's name and hash.
    const other = runScenario(parseScenario({ name: 'other', mode: 'co-production', weeks: 2 }));
    await refused(
      () => writeRunOutputs(out('o'), scenario, other, null),
      'run result',
      `scenarioName: expected a run of the scenario given ("${scenario.name}"), got a run of "other"`,
    );
    expect(existsSync(out('o'))).toBe(false);
  });

  it('writeReport: the reproduction, the context and the chart options, before anything is written', async () => {
    await refused(() => writeReport(out('p'), null as Any, { version: '1', command: 'c' }), 'reproduction', 'got null');
    await refused(() => writeReport(out('p'), {} as Any, { version: '1', command: 'c' }), 'caseKey: expected text');
    expect(existsSync(out('p'))).toBe(false);
  });

  it('loadCaseFolder: its options by name', async () => {
    await refused(() => loadCaseFolder('z-street', null as Any), 'case folder options', 'got null');
    await refused(() => loadCaseFolder('z-street', { modl: 1 } as Any), 'modl: unknown option (expected model, baseSeed)');
    await refused(() => loadCaseFolder('z-street', { baseSeed: -1 }), 'baseSeed: expected a whole number');
    await refused(() => loadCaseFolder('z-street', { baseSeed: '2' } as Any), 'baseSeed: expected a whole number');
  });
});
