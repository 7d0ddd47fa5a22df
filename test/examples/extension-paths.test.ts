/**
 * One extension, every path: a model module runs through `run`, `compare`
 * and `sweep` (threads and shards) with the same results, byte for byte, as
 * the library gives.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import model from '../../examples/wechat-rumour/model.js';
import { hashHex } from '../../src/core/index.js';
import { parseExtendedScenario } from '../../src/scenario/index.js';
import { compareScenarios, headlineMetrics, runScenario, toJson, weeksToCsv } from '../../src/simulation/index.js';
import { cli } from '../cli/capture.js';

const modulePath = 'examples/wechat-rumour/model.ts';
const base = {
  name: 'rumour-test',
  weeks: 30,
  mode: 'administrative-led',
  world: { communities: [{ name: 'T', households: 300, residents: 900, buildings: 10, sites: 10, communityStaff: 3 }] },
  extensions: { 'wechat-rumour': { spreadChance: 0.02 } },
};

describe('an extension through every path', () => {
  it('run and compare on the command line give what the library gives', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-extension-'));
    const file = join(folder, 'scenario.json');
    await writeFile(file, JSON.stringify(base));
    const out = join(folder, 'run');
    expect((await cli('run', file, '--model', modulePath, '--seed', '5', '--out', out)).code).toBe(0);
    const scenario = parseExtendedScenario(base, model.extensions);
    expect(await readFile(join(out, 'weeks.csv'), 'utf8')).toBe(weeksToCsv(runScenario(scenario, { seed: 5, model }).weeks));
    const other = join(folder, 'other.json');
    await writeFile(other, JSON.stringify({ ...base, mode: 'co-production' }));
    const compared = await cli('compare', file, other, '--model', modulePath, '--replicates', '3', '--json');
    expect(compared.code).toBe(0);
    const library = compareScenarios(scenario, parseExtendedScenario({ ...base, mode: 'co-production' }, model.extensions), {
      replicates: 3,
      model,
    });
    expect(JSON.parse(compared.stdout).metrics).toEqual(JSON.parse(toJson(library)).metrics);
    // The extension's run measure is compared after the headline metrics, and printed by run and compare alike.
    const measure = library.metrics.at(-1);
    expect(measure).toMatchObject({ key: 'extensions.wechat-rumour.rumourWeeks', label: 'wechat-rumour.rumourWeeks' });
    expect(library.metrics).toHaveLength(headlineMetrics.length + 1);
    expect(measure?.difference.count).toBe(3);
    expect(measure?.meanA).toBe(
      [0, 1, 2].reduce(
        (sum, replicate) =>
          sum + (runScenario(scenario, { replicate, model }).summary.extensions?.['wechat-rumour']?.rumourWeeks ?? Number.NaN),
        0,
      ) / 3,
    );
    expect((await cli('compare', file, other, '--model', modulePath, '--replicates', '3')).stdout).toMatch(
      /\n\s*wechat-rumour\.rumourWeeks\s/,
    );
    expect((await cli('run', file, '--model', modulePath, '--seed', '5', '--out', out)).stdout).toMatch(
      /\n\s*wechat-rumour\.rumourWeeks\s+\d/,
    );
    const recorded = { file: resolve(modulePath), hash: hashHex(await readFile(modulePath, 'utf8')) };
    // The comparison says which model module it ran, and which text of it.
    expect(JSON.parse(compared.stdout).model).toEqual(recorded);
    // Without the model, the extension's parameters are refused, not ignored.
    const refused = await cli('run', file, '--out', join(folder, 'refused'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('extensions.wechat-rumour');
    // The run's manifest says which model module it ran, and which text of it.
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.model).toEqual(recorded);
  });

  it('says that a model module’s own code failed, naming its extension, phase and week (exit 2, nothing written)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-extension-faulty-'));
    const module = join(folder, 'faulty.mjs');
    await writeFile(
      module,
      `export default { name: 'faulty', extensions: [{ name: 'gossip', description: 'fails in week 5', phases: [{ name: 'rumours', after: 'residents', run: ({ state }) => { if (state.week === 5) throw new Error('my phase failed'); } }] }] };\n`,
    );
    const file = join(folder, 'scenario.json');
    await writeFile(file, JSON.stringify({ ...base, extensions: undefined }));
    const out = join(folder, 'run');
    const result = await cli('run', file, '--model', module, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('govsim: model extension gossip, phase rumours, week 5: Error: my phase failed\n');
    // Where in the module: the line and column of the throw, the module's first line here.
    expect(result.stderr).toContain(`\n  at ${module}:1:`);
    expect(result.stderr).toContain("The error is in the model module's code, not in govsim.");
    expect(result.stderr).not.toContain('bug in govsim');
    await expect(readdir(out)).rejects.toThrow();
    // Of a comparison's runs, it names the one that met the error.
    const other = join(folder, 'other.json');
    await writeFile(other, JSON.stringify({ ...base, name: 'other', extensions: undefined }));
    const compared = await cli('compare', file, other, '--model', module, '--replicates', '2');
    expect(compared.code).toBe(2);
    expect(compared.stderr).toMatch(
      /^govsim: model extension gossip, phase rumours, week 5 of run a \(rumour-test\), replicate 0 \(seed \d+\): Error: my phase failed\n/m,
    );
    // Of a robustness analysis's, the scenario and replicate within the draw (the draws.csv row), in a thread or two.
    for (const jobs of ['1', '2']) {
      const robustness = await cli(
        'robustness',
        'test/fixtures/tiny-case',
        '--samples',
        '2',
        '--replicates',
        '1',
        '--model',
        module,
        '-j',
        jobs,
        '--out',
        join(folder, `robustness-${jobs}`),
      );
      expect(robustness.code, `-j ${jobs}`).toBe(2);
      expect(robustness.stderr, `-j ${jobs}`).toMatch(
        /^govsim: model extension gossip, phase rumours, week 5 of [\w.-]+, replicate 0 \(seed \d+\) in robustness draw [01]: Error: my phase failed\n/m,
      );
    }
  });

  it('validate and reproduce check a case whose scenarios set the extension parameters, under --model only', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-extension-case-'));
    for (const name of await readdir('test/fixtures/tiny-case')) {
      const content = JSON.parse(await readFile(join('test/fixtures/tiny-case', name), 'utf8'));
      if (name !== 'facts.json') content.extensions = { 'wechat-rumour': { spreadChance: 0.02 } };
      await writeFile(join(folder, name), JSON.stringify(content));
    }
    const validated = await cli('validate', '-j', '1', folder, '--replicates', '3', '--model', modulePath, '--json');
    expect(validated.code, validated.stderr).toBe(0);
    expect(JSON.parse(validated.stdout).facts.length).toBeGreaterThan(0);
    const model = { file: resolve(modulePath), hash: hashHex(await readFile(modulePath, 'utf8')) };
    expect(JSON.parse(validated.stdout).model).toEqual(model);
    const refused = await cli('validate', '-j', '1', folder, '--replicates', '3');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('extensions.wechat-rumour');
    // The falsification runs the case, and the case under each alternative, on the model too.
    const falsified = await cli('validate', '-j', '1', folder, '--falsify', '--replicates', '3', '--model', modulePath, '--json');
    expect(falsified.code, falsified.stderr).toBe(0);
    const [first] = JSON.parse(falsified.stdout).facts;
    expect(first).toMatchObject({ id: 1, verdict: 'falsified' });
    expect(first.atDefaults).toEqual(JSON.parse(validated.stdout).facts[0]);
    expect(JSON.parse(falsified.stdout).model).toEqual(model);
    const falsifyRefused = await cli('validate', '-j', '1', folder, '--falsify', '--replicates', '3');
    expect(falsifyRefused.code).toBe(2);
    expect(falsifyRefused.stderr).toContain('extensions.wechat-rumour');
    const out = join(folder, 'report');
    const reproduced = await cli(
      'reproduce',
      '-j',
      '1',
      folder,
      '--replicates',
      '3',
      '--model',
      modulePath,
      '--out',
      out,
      '--json',
    );
    expect(reproduced.code, reproduced.stderr).toBe(0);
    expect(JSON.parse(reproduced.stdout).report).toBe(join(out, 'index.html'));
    // The report names the model module it ran, and which text of it.
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).model).toEqual(model);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain(
      `The model was extended by the module \`${model.file}\` (hash ${model.hash} of its text).`,
    );
  });

  it('sweeps with one thread, two threads and two shards write the same bytes, equal to library runs', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-extension-sweep-'));
    const experiment = join(folder, 'experiment.json');
    await writeFile(
      experiment,
      JSON.stringify({
        name: 'rumour-sweep',
        model: resolve(modulePath),
        base,
        design: { type: 'factorial', factors: [{ path: 'extensions.wechat-rumour.spreadChance', values: [0, 0.02] }] },
        replicates: 3,
        metrics: ['participation.awareShare', 'extensions.wechat-rumour.rumourWeeks'],
      }),
    );
    const one = join(folder, 'one');
    const two = join(folder, 'two');
    for (const [jobs, out] of [
      ['1', one],
      ['2', two],
    ] as const) {
      const swept = await cli('sweep', experiment, '-j', jobs, '--out', out);
      expect(swept.code, swept.stderr).toBe(0);
    }
    const shards = [join(folder, 'shard-0'), join(folder, 'shard-1')];
    for (const [index, shard] of shards.entries()) {
      const swept = await cli('sweep', experiment, '--shard', `${index}/2`, '--out', shard);
      expect(swept.code, swept.stderr).toBe(0);
    }
    const merged = join(folder, 'merged');
    const merging = await cli('merge', ...shards, '--out', merged);
    expect(merging.code, merging.stderr).toBe(0);
    const runs = await readFile(join(one, 'runs.csv'), 'utf8');
    expect(await readFile(join(two, 'runs.csv'), 'utf8')).toBe(runs);
    expect(await readFile(join(merged, 'runs.csv'), 'utf8')).toBe(runs);
    const [header, first] = runs.split('\n');
    expect(header).toBe(
      'point,extensions.wechat-rumour.spreadChance,variant,replicate,seed,participation.awareShare,extensions.wechat-rumour.rumourWeeks',
    );
    const cells = (first as string).split(',');
    const scenario = parseExtendedScenario({ ...base, extensions: { 'wechat-rumour': { spreadChance: 0 } } }, model.extensions);
    const summary = runScenario(scenario, { seed: Number(cells[4]), model }).summary;
    expect(Number(cells[5])).toBe(summary.participation.awareShare);
    expect(Number(cells[6])).toBe(summary.extensions?.['wechat-rumour']?.rumourWeeks);
    // The module's text changed since: its folder is another model's sweep, and the message says so.
    const changed = join(folder, 'changed.mjs');
    await writeFile(changed, `export { default } from ${JSON.stringify(resolve(modulePath))};\n`);
    await writeFile(experiment, JSON.stringify({ ...JSON.parse(await readFile(experiment, 'utf8')), model: changed }));
    const resumed = await cli('sweep', experiment, '--resume', '--out', one);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`holds a sweep run with the model module ${resolve(modulePath)} (hash`);
    expect(resumed.stderr).toContain(`and this one runs with the model module ${changed} (hash`);
  }, 120_000);

  it('says which point, variant and replicate of a sweep met a failure of the module’s code, with one thread or two', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-extension-sweep-faulty-'));
    const module = join(folder, 'faulty.mjs');
    // The module fails at one setting only: five departments, from week 5.
    await writeFile(
      module,
      `export default { name: 'faulty', extensions: [{ name: 'gossip', description: 'fails with five departments', phases: [{ name: 'rumours', after: 'residents', run: ({ state }) => { if (state.week === 5 && state.scenario.world.departments === 5) throw new Error('my phase failed'); } }] }] };\n`,
    );
    const experiment = join(folder, 'experiment.json');
    await writeFile(
      experiment,
      JSON.stringify({
        name: 'faulty-sweep',
        model: module,
        base: { ...base, extensions: undefined },
        design: { type: 'factorial', factors: [{ path: 'world.departments', values: [3, 5] }] },
        variants: [{ label: 'joined-up', set: { mode: 'co-production' } }],
        replicates: 2,
        metrics: ['satisfaction.end'],
      }),
    );
    for (const jobs of ['1', '2']) {
      const swept = await cli('sweep', experiment, '-j', jobs, '--out', join(folder, `out-${jobs}`));
      expect(swept.code, `-j ${jobs}`).toBe(2);
      expect(swept.stderr, `-j ${jobs}`).toMatch(
        /govsim: model extension gossip, phase rumours, week 5 of sweep point 1 \(world\.departments = 5\), variant joined-up, replicate [01] \(seed \d+\): Error: my phase failed\n/,
      );
      expect(swept.stderr, `-j ${jobs}`).toContain(`\n  at ${module}:1:`);
      expect(swept.stderr, `-j ${jobs}`).not.toContain('bug in govsim');
    }
  }, 120_000);
});
