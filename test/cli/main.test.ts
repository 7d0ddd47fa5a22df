import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  caseOutputName,
  exitBadInput,
  exitFactsFellShort,
  exitInternalError,
  exitOutputError,
  main,
  resubmittedShardHint,
  terminalText,
} from '../../src/cli/main.js';
import { parseCsv } from '../../src/core/index.js';
import { loadExperiment, maximumInputBytes, outputFolderName } from '../../src/node/index.js';
import { govsimVersion } from '../../src/node/version.js';
import { parseScenario } from '../../src/scenario/index.js';
import { runSeed } from '../../src/simulation/index.js';
import { cli } from './capture.js';

const coProduction = 'scenarios/y-community-co-production.json';
const administrativeLed = 'scenarios/y-community-administrative-led.json';

describe('govsim run', () => {
  it('refuses --replicate with --seed, which a replicate only derives: it would be silently ignored', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-run-')), 'run');
    const result = await cli('run', coProduction, '--seed', '5', '--replicate', '3', '--out', out);
    expect(result.code).toBe(exitBadInput);
    expect(result.stderr).toContain("option '--replicate <n>' cannot be used with option '--seed <n>'");
    expect(existsSync(out)).toBe(false);
  });

  it('writes the weekly series, summary and manifest, byte-identical for the same seed', async () => {
    const first = await mkdtemp(join(tmpdir(), 'govsim-run-'));
    const second = await mkdtemp(join(tmpdir(), 'govsim-run-'));
    expect((await cli('run', coProduction, '--seed', '11', '--weeks', '30', '--out', first)).code).toBe(0);
    expect((await cli('run', coProduction, '--seed', '11', '--weeks', '30', '--out', second)).code).toBe(0);
    expect((await readdir(first)).sort()).toEqual(['manifest.json', 'summary.json', 'weeks.csv']);
    for (const name of ['weeks.csv', 'summary.json', 'manifest.json']) {
      expect(await readFile(join(first, name), 'utf8')).toBe(await readFile(join(second, name), 'utf8'));
    }
    const csv = (await readFile(join(first, 'weeks.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv).toHaveLength(31);
    expect(csv[0]?.startsWith('week,participation,integration')).toBe(true);
    const manifest = JSON.parse(await readFile(join(first, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ scenario: 'y-community-co-production', seed: 11, weeks: 30, node: process.version });
    expect(manifest.scenarioHash).toMatch(/^[0-9a-f]{14}$/);
  });

  it("replaces another scenario's run in --out, as its --help says, leaving files of one's own", async () => {
    const out = await mkdtemp(join(tmpdir(), 'govsim-run-replace-'));
    expect((await cli('run', coProduction, '--seed', '5', '--weeks', '3', '--out', out)).code).toBe(0);
    await writeFile(join(out, 'notes.txt'), 'mine');
    const second = await cli('run', administrativeLed, '--seed', '6', '--weeks', '4', '--out', out);
    expect(second.code, second.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'notes.txt', 'summary.json', 'weeks.csv']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ scenario: 'y-community-administrative-led', seed: 6, weeks: 4 });
    expect((await cli('run', '--help')).stdout.replace(/\s+/g, ' ')).toContain(
      'an earlier run there, of any scenario or seed, is replaced (the files its manifest.json lists and this run does not write are removed; other files are left alone)',
    );
  });

  it('says on stderr what a shorter --weeks leaves out of the scenario, and runs it as asked', async () => {
    const out = await mkdtemp(join(tmpdir(), 'govsim-run-weeks-'));
    const path = await cli('run', 'z-street-rollout-z-street-path', '--weeks', '10', '--out', out, '--json');
    expect(path.code, path.stderr).toBe(0);
    expect(path.stderr).toBe(
      "govsim: --weeks 10 ends z-street-rollout-z-street-path after week 10, leaving out the timeline's changes at week 18 (expert consultation; all renewal work paused) and week 22 (promotion meeting; the new approach begins); 19 communities joining at weeks 27 to 79\n",
    );
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).weeks).toBe(10);
    const expert = 'scenarios/z-street-2018-2019/switch-with-expert.json';
    const compared = await cli('compare', coProduction, expert, '--weeks', '10', '--replicates', '2', '--json');
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stderr).toContain(
      "govsim: --weeks 10 ends switch-with-expert after week 10, leaving out the expert's arrival at week 18\n",
    );
    expect(compared.stderr).not.toContain('ends y-community-co-production');
    // Nothing is said when the run reaches every event, or --weeks is not given.
    expect((await cli('run', expert, '--weeks', '18', '--out', out, '--json')).stderr).toBe('');
    expect((await cli('run', coProduction, '--weeks', '5', '--out', out, '--json')).stderr).toBe('');
  });

  it('writes different series for different seeds', async () => {
    const first = await mkdtemp(join(tmpdir(), 'govsim-run-'));
    const second = await mkdtemp(join(tmpdir(), 'govsim-run-'));
    await cli('run', coProduction, '--seed', '1', '--weeks', '40', '--out', first);
    await cli('run', coProduction, '--seed', '2', '--weeks', '40', '--out', second);
    expect(await readFile(join(first, 'weeks.csv'), 'utf8')).not.toBe(await readFile(join(second, 'weeks.csv'), 'utf8'));
  });

  it('refuses, as run, compare and reproduce, a folder another command is writing (its lock held), writing nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'govsim-locked-'));
    // A robustness run under way there: its lock names a process still running on this host.
    const holder = { command: 'govsim robustness', pid: process.ppid, host: hostname(), started: '2026-01-01T00:00:00.000Z' };
    await writeFile(join(out, 'govsim.lock'), JSON.stringify(holder));
    const streets = ['scenarios/z-street-rollout-administrative-led.json', 'scenarios/z-street-rollout-co-production.json'];
    for (const args of [
      ['run', coProduction],
      ['compare', ...streets, '--replicates', '1'],
      ['reproduce', 'test/fixtures/tiny-case', '--replicates', '1'],
    ]) {
      const refused = await cli(...args, '--out', out);
      expect(refused.code, args[0]).toBe(2);
      expect(refused.stderr, args[0]).toContain(
        `${out} is in use by another govsim command: govsim robustness holds it (pid ${process.ppid}`,
      );
    }
    // A sweep's shard takes the lock itself and, held by a sweep (another task of its array, given the same --out),
    // says what a shard should know: each runs in a folder of its own.
    await writeFile(join(out, 'govsim.lock'), JSON.stringify({ ...holder, command: 'govsim sweep' }));
    const shard = await cli('sweep', 'test/fixtures/tiny-sweep.json', '--shard', '1/2', '-j', '1', '--out', out);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('(this one is shard 1/2): each shard runs in a folder of its own');
    expect(await readdir(out)).toEqual(['govsim.lock']);
  });

  it('rejects a bad scenario with exit code 2, one clear message and nothing written', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-bad-'));
    const file = join(directory, 'bad.json');
    await writeFile(file, JSON.stringify({ name: 'x', mode: 'co-production', world: { departments: 0 } }));
    const out = join(directory, 'out');
    const result = await cli('run', file, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`govsim: ${file}: invalid scenario\n  - world.departments: expected at least 1, got 0\n`);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(await readdir(directory)).toEqual(['bad.json']);
  });

  it('rejects a missing file and a bad option with exit code 2', async () => {
    const missing = await cli('run', 'no/such/file.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/file.json: invalid scenario\n  - (top level): file not found');
    const badSeed = await cli('run', coProduction, '--seed', 'abc');
    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain(
      "option '--seed <n>' argument 'abc' is invalid. expected a whole number from 0 to 9007199254740991.",
    );
    expect((await cli('frobnicate')).code).toBe(2);
    // --weeks goes no further than a scenario may: 100 million weeks would hang.
    const tooLong = await cli('run', coProduction, '--weeks', '100000000');
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('expected a whole number from 1 to 5200 weeks (100 years, the limit of a scenario).');
    // A bound option's message gives its own range, not the widest a whole number may have.
    const noWeeks = await cli('run', coProduction, '--weeks', '0');
    expect(noWeeks.stderr).toContain('expected a whole number from 1 to 5200 weeks');
    const noReplicates = await cli('validate', '-j', '1', '--replicates', '0');
    expect(noReplicates.code).toBe(2);
    expect(noReplicates.stderr).toContain('expected a whole number from 1 to 100000 replicates (for more, run a sweep).');
    expect((await cli('generate', 'city', '--districts', '0')).stderr).toContain(
      'expected a whole number from 1 to 1000 districts.',
    );
    expect((await cli('sweep', 'two-halves', '-j', '0')).stderr).toContain('expected a whole number, at least 1.');
    const noName = await cli('generate', 'street', '--name', '');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("option '--name <name>' argument '' is invalid. expected a name, not empty.");
    // An empty --out (an unset variable) is refused, also where a comparison of one community writes no files.
    const emptyOut = await cli('compare', coProduction, coProduction, '--replicates', '2', '--out', '');
    expect(emptyOut.code).toBe(2);
    expect(emptyOut.stderr).toContain('--out "": invalid output folder');
  });
});

describe('govsim compare', () => {
  it('prints paired means, differences and intervals, as JSON on request', async () => {
    const result = await cli('compare', administrativeLed, coProduction, '--replicates', '4', '--json');
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout);
    // What made it, so that a comparison kept as a file says so, the weeks of each side included.
    expect(comparison).toMatchObject({ govsim: govsimVersion(), node: process.version, weeks: { a: 104, b: 104 } });
    expect(comparison.replicates).toBe(4);
    expect(comparison.seeds).toHaveLength(4);
    const staffLoad = comparison.metrics.find((metric: { key: string }) => metric.key === 'load.staffMean');
    expect(staffLoad.difference.count).toBe(4);
    expect(staffLoad.difference.mean).toBeCloseTo(staffLoad.meanB - staffLoad.meanA, 10);
  });

  it('gives the same comparison on one thread and on two (-j), a model module loaded by each worker', async () => {
    const model = ['--model', 'examples/wechat-rumour/model.ts'];
    const compareOn = (jobs: string) =>
      cli('compare', administrativeLed, coProduction, '--replicates', '5', '--weeks', '30', ...model, '--json', '-j', jobs);
    const one = await compareOn('1');
    const two = await compareOn('2');
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // The extension's run measures are compared too.
    expect(JSON.parse(two.stdout).metrics.some((metric: { key: string }) => metric.key.startsWith('extensions.'))).toBe(true);
  }, 60_000);

  it('draws another, independent set of paired replicates on another --base-seed; its own base seed gives the same', async () => {
    const own = await cli('compare', administrativeLed, coProduction, '--replicates', '3', '--json');
    // The Y scenarios set no seed: their base seed is 0.
    const same = await cli('compare', administrativeLed, coProduction, '--replicates', '3', '--json', '--base-seed', '0');
    expect(JSON.parse(same.stdout).baseSeed).toBe(0);
    expect(JSON.stringify({ ...JSON.parse(same.stdout), baseSeed: undefined })).toBe(JSON.stringify(JSON.parse(own.stdout)));
    const other = await cli('compare', administrativeLed, coProduction, '--replicates', '3', '--json', '--base-seed', '5');
    expect(other.code, other.stderr).toBe(0);
    const input = JSON.parse(await readFile(administrativeLed, 'utf8'));
    const expected = [0, 1, 2].map((replicate) => runSeed(parseScenario({ ...input, seed: 5 }), replicate));
    expect(JSON.parse(other.stdout).seeds).toEqual(expected);
    expect(JSON.parse(other.stdout).baseSeed).toBe(5);
    expect(JSON.parse(own.stdout).baseSeed).toBeUndefined();
    expect(JSON.parse(own.stdout).seeds).not.toContain(expected[0]);
    expect(JSON.parse(other.stdout).metrics).not.toEqual(JSON.parse(own.stdout).metrics);
    const refused = await cli('compare', administrativeLed, coProduction, '--base-seed', '-1');
    expect(refused.code).toBe(exitBadInput);
    expect(refused.stderr).toContain("option '--base-seed <n>' argument '-1' is invalid. expected a whole number from 0");
  });

  it('prints a table by default', async () => {
    const result = await cli('compare', administrativeLed, coProduction, '--replicates', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 paired replicates');
    expect(result.stdout).toContain('Interfaces per project');
    // The two share their world: nothing to note.
    expect(result.stderr).toBe('');
  });

  it('notes on stderr, and goes on, when the two scenarios have different worlds', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-compare-world-'));
    const fewer = join(directory, 'fewer-departments.json');
    await writeFile(fewer, JSON.stringify({ name: 'fewer-departments', mode: 'co-production', world: { departments: 5 } }));
    const result = await cli('compare', administrativeLed, fewer, '--replicates', '2');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      `govsim: note: ${fewer}: its world differs from that of ${administrativeLed}; both run on the seeds of ${administrativeLed}, but on another world they draw other households, needs and projects, so the comparison measures more than the mode (and swapping the two gives another comparison, on the other's seeds)\n`,
    );
    expect(result.stdout).toContain('2 paired replicates');
  });

  it('notes on stderr, and goes on, when the two scenarios run different numbers of weeks, unless --weeks sets both', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-compare-weeks-'));
    const [short, long] = [join(directory, 'short.json'), join(directory, 'long.json')];
    const world = { communities: [{ name: 'Y', households: 30, residents: 90 }] };
    await writeFile(short, JSON.stringify({ name: 'short', mode: 'co-production', weeks: 4, world }));
    await writeFile(long, JSON.stringify({ name: 'long', mode: 'co-production', weeks: 8, world }));
    const result = await cli('compare', short, long, '--replicates', '2');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      `govsim: note: ${long} runs 8 weeks and ${short} 4; each summary is over its own weeks, so the comparison measures the horizon as well as the mode (--weeks runs both over the same)\n`,
    );
    const same = await cli('compare', short, long, '--replicates', '2', '--weeks', '3');
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).not.toContain('runs 8 weeks');
  });

  it('refuses --out for single communities, whose comparison writes no files, before running anything', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-compare-out-'));
    const file = join(directory, 'afile');
    await writeFile(file, 'x');
    for (const out of [join(directory, 'comparison'), file]) {
      const result = await cli('compare', administrativeLed, coProduction, '--replicates', '3', '--out', out);
      expect(result.code).toBe(exitBadInput);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'govsim: --out: invalid option\n  - (top level): is for streets of several communities, whose comparison writes comparison.json, stages.csv and communities.csv; y-community-administrative-led and y-community-co-production are single communities, whose comparison is printed only (--json > file to keep it): leave --out out\n',
      );
    }
    expect(await readdir(directory)).toEqual(['afile']);
  });
});

describe('govsim validate and reproduce', () => {
  it('prints the facts table and exits 1 when a fact falls short, 0 otherwise (not applicable does not fail)', async () => {
    const result = await cli('validate', '-j', '1', 'z-street', '--replicates', '4', '--json');
    const parsed = JSON.parse(result.stdout);
    expect(parsed.facts).toHaveLength(14);
    for (const fact of parsed.facts) {
      expect(['holds', 'falls short', 'not applicable']).toContain(fact.status);
      expect(fact.applicable + fact.notApplicable).toBe(4);
    }
    const anyShort = parsed.facts.some((fact: { status: string }) => fact.status === 'falls short');
    expect(result.code).toBe(anyShort ? 1 : 0);
  });

  it("passes, as a CI gate for a user's own case, when only facts allowed to fail fall short", async () => {
    const first = await cli('validate', '-j', '1', 'z-street', '--replicates', '10', '--json');
    const short = JSON.parse(first.stdout)
      .facts.filter((fact: { status: string }) => fact.status === 'falls short')
      .map((fact: { id: number }) => fact.id);
    expect(short.length).toBeGreaterThan(0);
    expect(first.code).toBe(1);
    const allowed = await cli('validate', '-j', '1', 'z-street', '--replicates', '10', '--json', '--allow-fail', short.join(','));
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).passed).toBe(true);
    expect((await cli('validate', '-j', '1', 'z-street', '--replicates', '10', '--allow-fail', 'all')).code).toBe(0);
    if (short.length > 1) {
      expect((await cli('validate', '-j', '1', 'z-street', '--replicates', '10', '--allow-fail', String(short[0]))).code).toBe(1);
    }
    const unknown = await cli('validate', '-j', '1', 'z-street', '--allow-fail', '99');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no fact 99 in');
    expect((await cli('validate', '-j', '1', 'z-street', '--allow-fail', 'five')).code).toBe(2);
  });

  it('writes a report with the facts table on stdout', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-reproduce-')), 'report');
    const result = await cli('reproduce', '-j', '1', 'z-street', '--replicates', '3', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stylized facts');
    expect(result.stdout).toContain(`Report: ${join(out, 'index.html')}`);
    expect(await readdir(out)).toEqual(expect.arrayContaining(['index.html', 'report.md', 'manifest.json', 'charts', 'data']));
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain(
      '<a href="http://127.0.0.1:8080/#scenario=z-street/case">open the explorer with this case loaded</a>',
    );
    // Another case folder gets a report of its own, which opens it in the explorer served with the folder.
    const other = await cli('reproduce', '-j', '1', 'test/fixtures/tiny-case', '--replicates', '2', '--out', `${out}-tiny`);
    expect(other.code).toBe(0);
    expect(other.stderr).not.toContain('its world differs');
    const tiny = await readFile(join(`${out}-tiny`, 'index.html'), 'utf8');
    expect(tiny).toContain('<h1>Reproducing the case: tiny-case</h1>');
    expect(tiny).toContain(`<code>govsim explore ${resolve('test/fixtures/tiny-case')} --port 8080</code>`);
    expect(tiny).toContain(
      '<a href="http://127.0.0.1:8080/#scenario=tiny-case/case">open the explorer with this case loaded</a>',
    );
  });

  it('validates and falsifies to the same bytes on worker threads (-j 2) as in one thread (-j 1)', async () => {
    for (const extra of [[], ['--falsify']]) {
      const arguments_ = ['validate', 'z-street', '--replicates', '5', '--json', ...extra];
      const one = await cli(...arguments_, '-j', '1');
      const two = await cli(...arguments_, '-j', '2');
      expect(two.code, two.stderr).toBe(one.code);
      expect(JSON.parse(one.stdout).facts.length).toBeGreaterThan(0);
      expect(two.stdout).toBe(one.stdout);
    }
    expect((await cli('validate', 'z-street', '-j', '0')).stderr).toContain('expected a whole number, at least 1.');
  });

  it('reproduces to the same files on worker threads (-j 2) as in one thread (-j 1)', async () => {
    const base = await mkdtemp(join(tmpdir(), 'govsim-reproduce-jobs-'));
    for (const jobs of ['1', '2']) {
      const result = await cli('reproduce', 'z-street', '--replicates', '4', '-j', jobs, '--out', join(base, jobs));
      expect(result.code, result.stderr).toBe(0);
    }
    const files = (await readdir(join(base, '1'), { recursive: true })).sort();
    expect(files).toEqual(expect.arrayContaining(['index.html', 'report.md', 'manifest.json']));
    expect((await readdir(join(base, '2'), { recursive: true })).sort()).toEqual(files);
    // Every file, charts and data included (the folders' entries are read through their files).
    for (const name of files.filter((file) => /\.\w+$/.test(file))) {
      expect((await readFile(join(base, '2', name))).equals(await readFile(join(base, '1', name))), name).toBe(true);
    }
  });

  it('validates, falsifies and reproduces on another --base-seed: other seeds, named in the output', async () => {
    const own = JSON.parse((await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--replicates', '2', '--json')).stdout);
    expect(own.baseSeed).toBeUndefined();
    const result = await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--replicates', '2', '--json', '--base-seed', '9');
    expect(result.code, result.stderr).toBe(0);
    const seeded = JSON.parse(result.stdout);
    expect(seeded.baseSeed).toBe(9);
    const input = JSON.parse(await readFile('test/fixtures/tiny-case/case.json', 'utf8'));
    expect(seeded.seeds).toEqual([0, 1].map((replicate) => runSeed(parseScenario({ ...input, seed: 9 }), replicate)));
    expect(seeded.seeds).not.toEqual(own.seeds);
    const falsify = await cli('validate', '-j', '1', 'z-street', '--falsify', '--replicates', '2', '--json', '--base-seed', '9');
    expect(JSON.parse(falsify.stdout).baseSeed).toBe(9);
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-reproduce-seed-')), 'report');
    const report = await cli(
      'reproduce',
      '-j',
      '1',
      'test/fixtures/tiny-case',
      '--replicates',
      '2',
      '--base-seed',
      '9',
      '--out',
      out,
      '--json',
    );
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).baseSeed).toBe(9);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.command).toBe('govsim reproduce test/fixtures/tiny-case --replicates 2 --base-seed 9');
    expect(manifest.seeds).toEqual(seeded.seeds);
    // A robustness run of the case as written goes with a report on another base seed: it drew its own seeds.
    const robustness = `${out}-robustness`;
    const drawn = await cli(
      'robustness',
      'test/fixtures/tiny-case',
      '--samples',
      '2',
      '--replicates',
      '2',
      '-j',
      '1',
      '--out',
      robustness,
    );
    expect(drawn.code, drawn.stderr).toBe(0);
    const withTable = await cli(
      'reproduce',
      'test/fixtures/tiny-case',
      '--replicates',
      '2',
      '--base-seed',
      '9',
      '-j',
      '1',
      '--robustness',
      robustness,
      '--out',
      `${out}-with-robustness`,
    );
    expect(withTable.code, withTable.stderr).toBe(0);
  });

  it('prints a fact that is not applicable without failing: exit 0 when none falls short', async () => {
    const result = await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--replicates', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Switch .* 3\/3 +not applicable/);
    expect(result.stdout).toContain('2 of 3 facts hold at their thresholds; 1 is not applicable.');
    expect(result.stdout).toContain('Fact 3 (Switch) is not applicable: not applicable on any of 3 replicates');
  });

  it("notes on stderr a scenario of the case whose world is not the case's, and still validates", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-world-'));
    await cp('test/fixtures/tiny-case', folder, { recursive: true });
    const file = join(folder, 'administrative-led.json');
    const scenario = JSON.parse(await readFile(file, 'utf8'));
    scenario.world.departments = 5;
    await writeFile(file, JSON.stringify(scenario));
    const result = await cli('validate', '-j', '1', folder, '--replicates', '2');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `govsim: note: ${file}: its world differs from that of the case scenario ${join(folder, 'case.json')}`,
    );
    expect((await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--replicates', '2')).stderr).not.toContain(
      'its world differs',
    );
  });

  it('falsifies each fact under its failsWhen alternative, listing the facts that name none', async () => {
    const result = await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--falsify', '--replicates', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^1 {2}Interfaces +100% +0% .* falsified$/m);
    expect(result.stdout).toContain(
      '  1. every project needs only one department (parameters.departments.crossDepartmentShare = 0)',
    );
    expect(result.stdout).toContain('1 of 1 facts with an alternative are falsified by it.');
    expect(result.stdout).toContain('No alternative named (no failsWhen): 2 (Awareness), 3 (Switch).');
    // Three replicates cannot tell a share from a threshold of 90%, under the alternative or at the defaults.
    expect(result.stderr).toContain('govsim: note: with 3 replicates, a fact that holds in every one still has a 95%');
    const json = JSON.parse(
      (await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--falsify', '--replicates', '3', '--json')).stdout,
    );
    expect(json).toMatchObject({ replicates: 3, passed: true, withoutAlternative: [2, 3] });
    expect(
      json.facts.map((fact: { id: number; verdict: string; atDefaults: { status: string } }) => [
        fact.id,
        fact.verdict,
        fact.atDefaults.status,
      ]),
    ).toEqual([[1, 'falsified', 'holds']]);
  });

  /** A copy of the tiny case whose facts file `change` has edited. */
  async function tinyCaseWith(change: (facts: { facts: Array<Record<string, unknown>> }) => void): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-falsify-'));
    for (const name of ['administrative-led.json', 'case.json', 'co-production.json'])
      await writeFile(join(folder, name), await readFile(join('test/fixtures/tiny-case', name)));
    const facts = JSON.parse(await readFile('test/fixtures/tiny-case/facts.json', 'utf8'));
    change(facts);
    await writeFile(join(folder, 'facts.json'), JSON.stringify(facts));
    return folder;
  }

  it('exits 1 when a fact still holds under its alternative', async () => {
    // Fewer sites leave separate docking as it was: interfaces per project still exceed 1.
    const folder = await tinyCaseWith((facts) => {
      (facts.facts[0] as Record<string, unknown>).failsWhen = {
        says: 'the community has fewer sites',
        parameters: { 'world.communities[].sites': 8 },
      };
    });
    const result = await cli('validate', '-j', '1', folder, '--falsify', '--replicates', '3');
    expect(result.code).toBe(exitFactsFellShort);
    expect(result.stdout).toMatch(/^1 {2}Interfaces +100% +100% .* still holds$/m);
    expect(result.stdout).toContain('0 of 1 facts with an alternative are falsified by it.');
    expect(result.stdout).toContain('Fact 1 (Interfaces) still holds under its alternative');
  });

  it('does not call a fact falsified that falls short at its own settings, and exits 1', async () => {
    // Interfaces per project above 2 is more than the tiny case's separate docking gives: the fact never holds.
    const folder = await tinyCaseWith((facts) => {
      const fact = facts.facts[0] as { checks: Array<{ right: { value: number } }> };
      (fact.checks[0] as { right: { value: number } }).right.value = 1000;
    });
    const result = await cli('validate', '-j', '1', folder, '--falsify', '--replicates', '3');
    expect(result.code).toBe(exitFactsFellShort);
    expect(result.stdout).toMatch(/^1 {2}Interfaces +0% +0% .* falls short at its settings$/m);
    expect(result.stdout).toContain("Fact 1 (Interfaces) does not hold at the case's own settings (falls short)");
    // In JSON too it is not falsified, although it falls short under its alternative.
    const json = JSON.parse((await cli('validate', '-j', '1', folder, '--falsify', '--replicates', '3', '--json')).stdout);
    expect(json.passed).toBe(false);
    expect(json.facts[0]).toMatchObject({
      verdict: 'falls short at its settings',
      falsified: false,
      fallsShortUnderAlternative: true,
    });
  });

  it('refuses --falsify on a case whose facts name no alternative, with exit code 2', async () => {
    const folder = await tinyCaseWith((facts) => {
      for (const fact of facts.facts) delete fact.failsWhen;
    });
    const result = await cli('validate', '-j', '1', folder, '--falsify', '--replicates', '3');
    expect(result.code).toBe(exitBadInput);
    expect(result.stderr).toContain(
      'facts: expected a fact that names an alternative setting (failsWhen) for --falsify: none does',
    );
    expect(result.stdout).toBe('');
  });

  it('refuses --falsify with --allow-fail', async () => {
    const result = await cli('validate', '-j', '1', 'test/fixtures/tiny-case', '--falsify', '--allow-fail', '1');
    expect(result.code).toBe(exitBadInput);
    expect(result.stderr).toContain('cannot be used with option');
  });

  it('rejects a folder without facts with exit code 2', async () => {
    const result = await cli('validate', '-j', '1', 'scenarios');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('scenarios/facts.json: invalid case folder');
  });
});

describe('govsim robustness', () => {
  it('runs in shards (--shard i/n) that --merge writes up as one machine would, and refuses what would mix them', async () => {
    const base = await mkdtemp(join(tmpdir(), 'govsim-robustness-shards-'));
    const tiny = (...extra: string[]) =>
      cli('robustness', 'test/fixtures/tiny-case', '--samples', '3', '--replicates', '2', '-j', '1', ...extra);
    const whole = join(base, 'whole');
    expect((await tiny('--out', whole)).code).toBe(0);
    const shards = [join(base, 'shard-0'), join(base, 'shard-1')];
    for (const [index, out] of shards.entries()) {
      const ran = await tiny('--shard', `${index}/2`, '--out', out);
      expect(ran.code, ran.stderr).toBe(0);
      expect(ran.stdout).toContain(`shard ${index}/2: 2 draws run, 0 kept from before, of its 2`);
      expect(await readdir(out)).toEqual(['robustness-progress.jsonl']);
    }
    const merged = join(base, 'merged');
    const merging = await tiny('--merge', ...shards, '--out', merged);
    expect(merging.code, merging.stderr).toBe(0);
    const names = (await readdir(whole)).sort();
    expect((await readdir(merged)).sort()).toEqual(names);
    for (const name of names)
      expect(await readFile(join(merged, name), 'utf8'), name).toBe(await readFile(join(whole, name), 'utf8'));
    // A shard's own folder as the merge's --out, a shard missing, or --shard with --merge: refused, exit 2.
    const intoShard = await tiny('--merge', ...shards, '--out', shards[0] as string);
    expect(intoShard.code).toBe(2);
    expect(intoShard.stderr).toContain('is one of the shard folders; choose another --out');
    const short = await tiny('--merge', shards[0] as string, '--out', join(base, 'short'));
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('are in none of the 1 folder given');
    expect(existsSync(join(base, 'short'))).toBe(false);
    expect((await tiny('--shard', '0/2', '--merge', ...shards, '--out', join(base, 'both'))).code).toBe(2);
    // --merge with no folders before the next option: that option is not taken for a folder.
    const noFolders = await tiny('--merge', '--out', join(base, 'none'));
    expect(noFolders.code).toBe(2);
    expect(noFolders.stderr).toBe(
      "govsim: --merge: invalid option\n  - (top level): expected the shards' folders after it, got the option --out: give the folders first (--merge DIR… --out …)\n",
    );
    expect(existsSync(join(base, 'none'))).toBe(false);
    // A folder holding an unfinished run's outcomes (here a shard of another seed) is not written over by a merge.
    const unfinished = join(base, 'unfinished');
    expect((await tiny('--seed', '9', '--shard', '0/2', '--out', unfinished)).code).toBe(0);
    const over = await tiny('--merge', ...shards, '--out', unfinished);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('holds the outcomes of an unfinished run, which a merge would write over');
    expect(await readdir(unfinished)).toEqual(['robustness-progress.jsonl']);
  });

  it('writes the robustness files and prints the summary as JSON', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-robustness-')), 'robustness');
    /** The tiny case's robustness over two draws of two replicates, into `folder`. */
    const tinyRobustness = (folder: string, ...extra: string[]) =>
      cli('robustness', 'test/fixtures/tiny-case', '--samples', '2', '--replicates', '2', '--out', folder, '-j', '1', ...extra);
    const result = await tinyRobustness(out, '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ caseScenario: 'case', seed: 1, samples: 2, replicates: 2 });
    expect(summary.case).toMatch(/tiny-case$/);
    expect(summary.facts.map((fact: { id: number }) => fact.id)).toEqual([1, 2, 3]);
    expect(summary.facts[2]).toMatchObject({ draws: 2, holding: 0, fallingShort: 0, notApplicable: 2 });
    expect(summary.contrasts.map((contrast: { metric: string }) => contrast.metric)).toEqual([
      'satisfaction.end',
      'duplication.wasteShare',
    ]);
    expect(summary.joint).toMatchObject({ draws: 2, allApplicable: 0 });
    // Fact 3 applies in no draw, so no draw has every fact to count, and no parameter goes with more of them.
    expect(summary.jointBreakers).toEqual([]);
    // Facts 2 and 3 read the case alone; with fact 3 never applying, no draw is left to count fact 1 over.
    expect(summary.givenObserved).toMatchObject({ observed: [2, 3], applicable: 0, holding: 0 });
    expect(summary.givenObserved.facts.map((fact: { id: number; draws: number }) => [fact.id, fact.draws])).toEqual([[1, 0]]);
    expect((await readdir(out)).sort()).toEqual([
      'contrasts.csv',
      'draws.csv',
      'facts.csv',
      'index.html',
      'manifest.json',
      'pairs.csv',
    ]);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.command).toBe('govsim robustness test/fixtures/tiny-case --samples 2 --replicates 2 --seed 1');
    expect(manifest.analysis).toMatch(/^[0-9a-f]{32}$/);
    // Resumed once finished, it runs nothing and leaves the files as they are.
    const before = await readFile(join(out, 'draws.csv'), 'utf8');
    const again = await tinyRobustness(out, '--resume');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`nothing to resume: ${out} holds this analysis finished`);
    expect(again.stdout).toContain('To run it again, choose another --out.');
    expect(again.stderr).toBe('');
    // Run again there without --resume, with other options, or as a shard, it is refused as a sweep's folder is.
    const made = '(govsim robustness test/fixtures/tiny-case --samples 2 --replicates 2 --seed 1)';
    for (const [extra, message] of [
      [
        [],
        'already holds results of this analysis, finished (its manifest.json names it); pass --resume to leave them as they are, or choose another --out to run it again',
      ],
      [
        ['--replicates', '3'],
        `holds a finished robustness run of another analysis ${made}: other facts, scenarios, draws, replicates or model module; choose another --out`,
      ],
      [
        ['--replicates', '3', '--resume'],
        `holds a finished robustness run of another analysis ${made}: other facts, scenarios, draws, replicates or model module; choose another --out`,
      ],
      [
        ['--shard', '0/2'],
        'already holds this analysis, finished: a shard of it has nothing to add there; choose another --out for the shard',
      ],
    ] as const) {
      const refused = await tinyRobustness(out, ...extra);
      expect(refused.code, extra.join(' ')).toBe(exitBadInput);
      expect(refused.stderr, extra.join(' ')).toBe(`govsim: ${out}: invalid output folder\n  - (top level): ${message}\n`);
    }
    expect(await readFile(join(out, 'draws.csv'), 'utf8')).toBe(before);
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).replicates).toBe(2);
    // A report given this folder carries its tables, copied as they are, and says which command made them.
    const report = `${out}-report`;
    const reproduced = await cli(
      'reproduce',
      '-j',
      '1',
      'test/fixtures/tiny-case',
      '--replicates',
      '2',
      '--robustness',
      out,
      '--out',
      report,
    );
    expect(reproduced.code, reproduced.stderr).toBe(0);
    for (const name of ['facts.csv', 'pairs.csv', 'contrasts.csv', 'draws.csv'])
      expect(await readFile(join(report, 'data', 'robustness', name), 'utf8')).toBe(await readFile(join(out, name), 'utf8'));
    expect(JSON.parse(await readFile(join(report, 'manifest.json'), 'utf8')).files).toContain('data/robustness/draws.csv');
    expect(await readFile(join(report, 'index.html'), 'utf8')).toContain(
      `made by <code>govsim robustness test/fixtures/tiny-case --samples 2 --replicates 2 --seed 1</code>`,
    );
    // The same facts by id and title but a check changed since, or another model: the table is of other facts.
    const changed = `${out}-changed-case`;
    await cp('test/fixtures/tiny-case', changed, { recursive: true });
    const factsFile = JSON.parse(await readFile(join(changed, 'facts.json'), 'utf8'));
    factsFile.facts[0].statement = `${factsFile.facts[0].statement} Changed.`;
    await writeFile(join(changed, 'facts.json'), JSON.stringify(factsFile));
    const stale = await cli('reproduce', '-j', '1', changed, '--replicates', '2', '--robustness', out, '--out', `${out}-stale`);
    expect(stale.code).toBe(exitBadInput);
    expect(stale.stderr).toBe(
      `govsim: ${join(out, 'manifest.json')}: invalid robustness output\n  - caseHash: was made from other facts or scenarios of this case: a check, a threshold or a scenario the facts name has changed since (run govsim robustness on the case as it is now, with the same model)\n`,
    );
    expect(existsSync(`${out}-stale`)).toBe(false);
    const model = 'examples/wechat-rumour/model.ts';
    const underModel = await cli(
      'reproduce',
      'test/fixtures/tiny-case',
      '--robustness',
      out,
      '--model',
      model,
      '--out',
      `${out}-m`,
    );
    expect(underModel.code, underModel.stderr).toBe(exitBadInput);
    expect(underModel.stderr).toContain(
      '- model: was made under the model as shipped, and this report runs under a model module',
    );
    // In words, the fact that applies in no draw is named as why no draw has every fact.
    const text = await tinyRobustness(`${out}-text`);
    expect(text.stdout).toContain(
      'Every fact holds in 0 of the 0 draws in which every fact applies; applicable in no draw: fact 3 (Switch)',
    );
  });

  /** `govsim robustness` of the tiny case on the draws of `file`, two replicates each. */
  const robustnessOfDraws = (file: string, out: string, ...extra: string[]) =>
    cli('robustness', 'test/fixtures/tiny-case', '--draws', file, '--replicates', '2', '--out', out, ...extra);

  it('evaluates the draws of a file, a draws.csv of its own included', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-file-'));
    const file = join(directory, 'mine.csv');
    // Written by hand: spaces around the names, a blank line, Windows line ends.
    await writeFile(file, 'parameters.staff.routineLoad, world.communities[].sites\r\n0.7,40\r\n0.9,80\r\n\r\n0.8,60\r\n');
    const out = join(directory, 'out');
    const result = await robustnessOfDraws(file, out, '-j', '1', '--json');
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ caseScenario: 'case', drawsFile: file, samples: 3, replicates: 2, parameters: 2 });
    expect(summary.seed).toBeUndefined();
    const rows = parseCsv(await readFile(join(out, 'draws.csv'), 'utf8'));
    expect(rows[0]?.slice(0, 3)).toEqual(['draw', 'parameters.staff.routineLoad', 'world.communities[].sites']);
    expect(rows.slice(1).map((row) => row.slice(1, 3))).toEqual([
      ['0.7', '40'],
      ['0.9', '80'],
      ['0.8', '60'],
    ]);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ seed: null, drawsFile: file, samples: 3 });
    expect(manifest.command).toBe(`govsim robustness test/fixtures/tiny-case --draws ${file} --replicates 2`);
    // The draws.csv just written, outcome columns and all, can be evaluated again: the same draws, the same outcomes.
    const again = join(directory, 'again');
    const second = await robustnessOfDraws(join(out, 'draws.csv'), again, '-j', '1');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`3 draws read from ${join(out, 'draws.csv')}`);
    expect(await readFile(join(again, 'facts.csv'), 'utf8')).toBe(await readFile(join(out, 'facts.csv'), 'utf8'));
  });

  it('rejects a draws file naming what is wrong, where, with exit code 2 and nothing written', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-draws-bad-'));
    const out = join(directory, 'out');
    const attempt = async (name: string, text: string, ...extra: string[]) => {
      const file = join(directory, name);
      await writeFile(file, text);
      const result = await robustnessOfDraws(file, out, ...extra);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toContain(file);
      return result.stderr;
    };
    expect(await attempt('unknown.csv', 'parameters.staff.routineLoad,parameters.staff.mood\n0.7,1\n')).toContain(
      'column 2 (parameters.staff.mood): not a scenario parameter (see `govsim parameters`)',
    );
    // A misspelt column is told the parameter meant; an extension's, without --model, the module it needs.
    expect(await attempt('misspelt.csv', 'parameters.staff.routinLoad\n0.7\n')).toContain(
      'column 1 (parameters.staff.routinLoad): not a scenario parameter (did you mean "parameters.staff.routineLoad"?) (see `govsim parameters`)',
    );
    expect(await attempt('extension.csv', 'extensions.wechat-rumour.spreadChance\n0.01\n')).toContain(
      'column 1 (extensions.wechat-rumour.spreadChance): not a scenario parameter (an extension’s parameter: give the model module with --model)',
    );
    expect(await attempt('text.csv', 'parameters.staff.routineLoad\n0.7\nhigh\n')).toContain(
      'row 2 (line 3), column parameters.staff.routineLoad: expected a decimal number, got "high"',
    );
    // Number() would read these as 1, 1 and 0: a typo taken for a value.
    expect(await attempt('literals.csv', 'parameters.staff.routineLoad\n0x1\n0b1\n0o0\n')).toContain(
      'row 1 (line 2), column parameters.staff.routineLoad: expected a decimal number, got "0x1"',
    );
    expect(await attempt('empty.csv', 'parameters.staff.routineLoad\n\n')).toContain('holds no draw');
    expect(await attempt('range.csv', 'parameters.staff.routineLoad\n0.7\n1.5\n')).toContain('row 2 (line 3): ');
    // Every row a scenario rejects is named, not only the first.
    const ranges = await attempt('ranges.csv', 'parameters.staff.routineLoad,world.departments\n2,8\n0.7,8\n0.7,0\n');
    expect(ranges).toContain('row 1 (line 2): parameters.staff.routineLoad: expected at most 1, got 2');
    expect(ranges).toMatch(/row 3 \(line 4\): world\.departments: expected .*got 0/);
    // A row of the wrong length and a cell that is not a number are named together.
    const kinds = await attempt('kinds.csv', 'parameters.staff.routineLoad,world.departments\n0.7,6\n0.8,abc\n0.9\n');
    expect(kinds).toContain('row 2 (line 3), column world.departments: expected a decimal number, got "abc"');
    expect(kinds).toContain('row 3 (line 4): expected 2 values, one for each column of the header; got 1');
    expect(await attempt('whole.csv', 'world.communities[].sites\n40.5\n')).toContain('row 1 (line 2): ');
    await writeFile(join(directory, 'good.csv'), 'parameters.staff.routineLoad\n0.7\n');
    const both = await robustnessOfDraws(join(directory, 'good.csv'), out, '--samples', '5');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--draws <file>' cannot be used with option '--samples <n>'");
    expect((await readdir(directory)).sort()).toEqual([
      'empty.csv',
      'extension.csv',
      'good.csv',
      'kinds.csv',
      'literals.csv',
      'misspelt.csv',
      'range.csv',
      'ranges.csv',
      'text.csv',
      'unknown.csv',
      'whole.csv',
    ]);
  });

  it('names a draws row of more or fewer values than the header has columns, with its line, in its own words', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-draws-length-'));
    const out = join(directory, 'out');
    const file = join(directory, 'short.csv');
    // A blank line before the short row: the line named is the file's own, the row counts the rows of numbers.
    await writeFile(file, 'parameters.staff.routineLoad,world.communities[].sites\n0.7,40\n\n0.9\n0.8,60,3\n');
    const result = await robustnessOfDraws(file, out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `govsim: ${file}: invalid parameter draws (CSV: a header of parameter paths, then one row of decimal numbers per draw)\n` +
        '  - row 2 (line 4): expected 2 values, one for each column of the header; got 1\n' +
        '  - row 3 (line 5): expected 2 values, one for each column of the header; got 3\n',
    );
    expect(result.stderr).not.toContain('Invalid Record Length');
    expect(await readdir(directory)).toEqual(['short.csv']);
  });

  it('rejects bad input with exit code 2 and writes nothing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-bad-'));
    const out = join(directory, 'out');
    const missing = await cli('robustness', join(directory, 'no-case'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'no-case: invalid case folder\n  - (top level): not found: no such folder, nor a known case of that name',
    );
    const tooFew = await cli('robustness', 'test/fixtures/tiny-case', '--samples', '1', '--out', out);
    expect(tooFew.code).toBe(2);
    expect(tooFew.stderr).toContain('expected a whole number from 2 to 100000 draws');
    const badSeed = await cli('robustness', 'test/fixtures/tiny-case', '--seed', '-3', '--out', out);
    expect(badSeed.code).toBe(2);
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('help and other commands', () => {
  it('answers --help on every command with examples, and offers --json on every command that prints results', async () => {
    const commands = [
      'run',
      'compare',
      'validate',
      'reproduce',
      'robustness',
      'sweep',
      'merge',
      'analyze',
      'parameters',
      'presets',
      'list',
    ];
    for (const command of [...commands, 'schema', 'assumptions-experiment']) {
      const help = await cli(command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain('Examples:\n  $ govsim ');
      if (commands.includes(command)) expect(help.stdout, command).toContain('--json');
    }
  });

  it('answers --help on each subcommand of generate with examples of its own, each of which works', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-generate-examples-'));
    for (const subcommand of ['street', 'city']) {
      const help = await cli('generate', subcommand, '--help');
      expect(help.code, subcommand).toBe(0);
      const examples = help.stdout
        .split('\n')
        .filter((line) => line.startsWith('  $ govsim '))
        .map((line) => line.slice('  $ govsim '.length));
      expect(help.stdout, subcommand).toContain('Examples:\n  $ govsim ');
      expect(examples.length, subcommand).toBeGreaterThan(0);
      for (const example of examples) {
        expect(example, example).toMatch(new RegExp(`^generate ${subcommand} .* --out \\S+\\.json$`));
        // Each writes its file into the test's folder rather than the working one.
        const words = example.split(' ');
        const out = join(folder, words.at(-1) as string);
        const result = await cli(...words.slice(0, -1), out);
        expect(result.code, `${example}: ${result.stderr}`).toBe(0);
        expect(existsSync(out), example).toBe(true);
      }
    }
    await rm(folder, { recursive: true, force: true });
  });

  it('names in --help the default folder of a shard, as the command makes it', async () => {
    const help = async (command: string) => (await cli(command, '--help')).stdout.replace(/\s+/g, ' ');
    expect(await help('sweep')).toContain('default: out/sweep-<experiment name>, with -shard-<i>-of-<n> for a shard');
    expect(await help('robustness')).toContain('default: out/robustness-<case>, with -shard-<i>-of-<n> for a shard');
    expect(await help('city')).toContain('[-shard-<i>-of-<n>]');
  });

  it('says in --help that run and compare take a shipped scenario by name, and what a case folder holds', async () => {
    const help = async (command: string) => (await cli(command, '--help')).stdout.replace(/\s+/g, ' ');
    const byName = 'scenario file (JSON), or the name of one shipped with govsim';
    expect(await help('run')).toContain(`scenario ${byName}`);
    expect(await help('compare')).toContain(`a first ${byName}`);
    expect(await help('compare')).toContain(`b second ${byName}`);
    for (const command of ['validate', 'robustness', 'reproduce'])
      expect(await help(command), command).toContain('a case folder (its facts.json beside its scenarios, one .json file each)');
    // What the help says run takes, it takes: a scenario of a shipped case by name.
    const folder = await mkdtemp(join(tmpdir(), 'govsim-help-'));
    const ran = await cli('run', 'z-street/case', '--weeks', '1', '--json', '--out', join(folder, 'run'));
    expect(ran.code, ran.stderr).toBe(0);
    await rm(folder, { recursive: true, force: true });
  });

  it('says in --help what parameters prints, and that it lists the paths a draws file names', async () => {
    const help = async (...command: string[]) => (await cli(...command, '--help')).stdout.replace(/\s+/g, ' ');
    expect(await help('parameters')).toContain('default, plausible range, valid range, unit, basis and meaning');
    expect(await help()).toContain('default, plausible range, valid range, unit, basis and meaning');
    expect(await help('robustness')).toContain('a header of parameter paths as `govsim parameters` lists them');
    const listed = (await cli('parameters')).stdout;
    expect(listed).toContain('| `parameters.staff.routineLoad` |');
    expect(listed).toContain('| `world.communities[].sites` |');
  });

  it('gives each SLURM array task a folder of its own in every example of --shard slurm', async () => {
    const examples: string[] = [];
    for (const command of ['sweep', 'city', 'robustness'])
      examples.push(...(await cli(command, '--help')).stdout.split('\n').filter((line) => line.includes('--shard slurm')));
    expect(examples).toHaveLength(4);
    for (const example of examples) expect(example, example).toMatch(/--out \S*\$SLURM_ARRAY_TASK_ID/);
  });

  it('answers --help on every command with exit code 0', async () => {
    for (const command of [
      [],
      ['run'],
      ['compare'],
      ['validate'],
      ['reproduce'],
      ['robustness'],
      ['analyze'],
      ['schema'],
      ['parameters'],
      ['assumptions-experiment'],
      ['presets'],
    ]) {
      const result = await cli(...command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: govsim');
    }
  });

  it('prints the JSON Schema and the presets', async () => {
    const schema = await cli('schema');
    expect(JSON.parse(schema.stdout).properties.mode).toBeDefined();
    const facts = await cli('schema', '--facts');
    expect(JSON.parse(facts.stdout).properties.facts).toBeDefined();
    expect((await cli('schema', '--facts', '--experiment')).code).toBe(2);
    const presets = await cli('presets', '--json');
    expect(JSON.parse(presets.stdout)['co-production'].integration).toBe(true);
  });

  it('prints the assumptions-sensitivity experiment generated from the schema, its base a path from where it is put', async () => {
    const shipped = JSON.parse(await readFile('experiments/assumptions-sensitivity.json', 'utf8'));
    const folder = await mkdtemp(join(tmpdir(), 'govsim-assumptions-'));
    // Printed, its base is from the working folder; written elsewhere, from that file's folder: either runs as a sweep.
    const printed = await cli('assumptions-experiment');
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({
      ...shipped,
      $schema: 'experiments/experiment.schema.json',
      base: 'scenarios/y-community-co-production.json',
      description: shipped.description.replace('`npm run experiments`', '`govsim assumptions-experiment`'),
    });
    const elsewhere = join(folder, 'deep', 'down', 'screening.json');
    expect((await cli('assumptions-experiment', '--out', elsewhere)).code).toBe(0);
    const written = JSON.parse(await readFile(elsewhere, 'utf8'));
    expect(written.base).toBe(relative(dirname(elsewhere), resolve('scenarios/y-community-co-production.json')));
    // Its schema too, which an editor finds from the file (it kept ./experiment.schema.json, found nowhere there).
    expect(written.$schema).toBe(relative(dirname(elsewhere), resolve('experiments/experiment.schema.json')));
    const loaded = await loadExperiment(elsewhere);
    expect(loaded.plan.factors).toEqual(shipped.design.factors.map((factor: { path: string }) => factor.path));
    const { $schema: _schema, ...base } = JSON.parse(await readFile('scenarios/y-community-co-production.json', 'utf8'));
    expect(loaded.base).toEqual(base);
  });

  it('samples the same assumptions as a Latin hypercube with --design latin-hypercube, and refuses too few points', async () => {
    const shipped = JSON.parse(await readFile('experiments/assumptions-sensitivity.json', 'utf8'));
    const folder = await mkdtemp(join(tmpdir(), 'govsim-assumptions-lhs-'));
    const file = join(folder, 'lhs.json');
    expect((await cli('assumptions-experiment', '--design', 'latin-hypercube', '--samples', '80', '--out', file)).code).toBe(0);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.name).toBe('assumptions-sensitivity-lhs');
    expect(written.design).toEqual({ type: 'latin-hypercube', samples: 80, factors: shipped.design.factors });
    expect(written.contrasts).toEqual(shipped.contrasts);
    expect(written.description).toMatch(/^A Latin hypercube of 80 points, read by partial rank correlation \(PRCC\), of every/);
    const loaded = await loadExperiment(file);
    expect(loaded.plan.design.points).toHaveLength(80);
    // 300 points by default.
    const byDefault = await cli('assumptions-experiment', '--design', 'latin-hypercube');
    expect(JSON.parse(byDefault.stdout).design.samples).toBe(300);
    // PRCC needs more points than factors: fewer than the factors + 2 are refused, as --samples with a Morris design.
    const factors = shipped.design.factors.length;
    const few = await cli(
      'assumptions-experiment',
      '--design',
      'latin-hypercube',
      '--samples',
      String(factors + 1),
      '--out',
      join(folder, 'few.json'),
    );
    expect(few.code).toBe(2);
    expect(few.stderr).toContain(
      `expected at least ${factors + 2} points for ${factors} factors (PRCC needs the factors + 2), got ${factors + 1}`,
    );
    expect(existsSync(join(folder, 'few.json'))).toBe(false);
    const morris = await cli('assumptions-experiment', '--samples', '300');
    expect(morris.code).toBe(2);
    expect(morris.stderr).toContain('--samples: invalid option\n  - (top level): is for --design latin-hypercube');
  });

  it('screens a model module’s assumptions too with --model, and names the module in the experiment', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-assumptions-model-'));
    const file = join(folder, 'screening.json');
    expect((await cli('assumptions-experiment', '--model', 'examples/wechat-rumour/model.ts', '--out', file)).code).toBe(0);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(resolve(folder, written.model)).toBe(resolve('examples/wechat-rumour/model.ts'));
    const paths = written.design.factors.map((factor: { path: string }) => factor.path);
    expect(paths.filter((path: string) => path.startsWith('extensions.'))).toEqual([
      'extensions.wechat-rumour.spreadChance',
      'extensions.wechat-rumour.rumourTrustLoss',
    ]);
    const loaded = await loadExperiment(file);
    expect(loaded.model?.file).toBe(resolve('examples/wechat-rumour/model.ts'));
    expect(loaded.plan.factors).toEqual(paths);
    // A module that is not one is refused as --model is elsewhere: exit 2, nothing written.
    const refused = await cli(
      'assumptions-experiment',
      '--model',
      'scenarios/y-community-pause.json',
      '--out',
      join(folder, 'no.json'),
    );
    expect(refused.code).toBe(2);
    expect(existsSync(join(folder, 'no.json'))).toBe(false);
  });
});

describe('govsim sweep and analyze', () => {
  it('prints, with --json, the files written and what drives each contrast', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-cli-sweep-')), 'sweep');
    expect((await cli('sweep', 'test/fixtures/tiny-morris.json', '-j', '1', '--out', out)).code).toBe(0);
    const analysed = await cli('analyze', out, '--json');
    expect(analysed.code).toBe(0);
    const result = JSON.parse(analysed.stdout);
    expect(result.directory).toBe(join(out, 'analysis'));
    expect(result.files).toContain(join(out, 'analysis', 'contrast-morris.csv'));
    expect(result.contrasts.map((entry: { metric: string }) => entry.metric)).toEqual([
      'satisfaction.end',
      'load.staffMean',
      'duplication.wasteShare',
    ]);
    expect(result.contrasts[0]).toMatchObject({ from: 'administrative-led', to: 'co-production', method: 'morris' });
    expect(result.contrasts[0].drivers).toHaveLength(3);
    expect(result.contrasts[0].sign.points).toBe(16);
    const plain = await cli('analyze', out);
    expect(plain.stdout).toMatch(/^wrote \d+ files to /);
  });
  it("prints the planned size first; for a shard, saying that its runs and CPU time are the whole sweep's", async () => {
    const experiment = resolve('test/fixtures/tiny-sweep.json');
    const base = await mkdtemp(join(tmpdir(), 'govsim-cli-sweep-planned-'));
    const whole = await cli('sweep', experiment, '-j', '1', '--out', join(base, 'whole'));
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stderr).toMatch(
      /^planned: \d+ points, \d+ scenarios, at most \d+ runs; estimated under a CPU minute, [\d.]+ MB per worker\n/,
    );
    const shard = await cli('sweep', experiment, '--shard', '1/3', '-j', '1', '--out', join(base, 'shard'));
    expect(shard.code, shard.stderr).toBe(0);
    // Not "… MB per worker for the whole sweep": a worker's memory is the same in a shard.
    expect(shard.stderr).toMatch(
      /^planned: \d+ points, \d+ scenarios, at most \d+ runs; estimated under a CPU minute, [\d.]+ MB per worker; the runs and CPU time are the whole sweep's, shard 1\/3 runs 2 of its 6 units of work\n/,
    );
    // Six units of work in ten shards: shard 7 has none, and says so.
    const empty = await cli('sweep', experiment, '--shard', '7/10', '-j', '1', '--out', join(base, 'empty'));
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stderr).toContain("the runs and CPU time are the whole sweep's, shard 7/10 runs none of its 6 units of work\n");
  });
  it('announces no plan for a sweep refused for its --out, found by the command or by the sweep itself', async () => {
    const experiment = resolve('test/fixtures/tiny-sweep.json');
    const base = await mkdtemp(join(tmpdir(), 'govsim-cli-sweep-refused-'));
    const file = join(base, 'a-file');
    await writeFile(file, 'x\n');
    const underFile = await cli('sweep', experiment, '-j', '1', '--out', join(file, 'sweep'));
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toBe(
      `govsim: ${join(file, 'sweep')}: invalid output folder\n  - (top level): cannot be made: ${file} is a file, not a folder; choose another --out\n`,
    );
    const aFile = await cli('sweep', experiment, '-j', '1', '--out', file);
    expect(aFile.code).toBe(2);
    expect(aFile.stderr).toBe(
      `govsim: ${file}: invalid output folder\n  - (top level): is a file, not a folder; choose another --out\n`,
    );
    // Refused by runSweep once it has looked in the folder: this sweep, finished, and no --resume.
    const out = join(base, 'sweep');
    expect((await cli('sweep', experiment, '-j', '1', '--out', out)).code).toBe(0);
    const again = await cli('sweep', experiment, '-j', '1', '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'already holds this sweep, finished (runs.csv); pass --resume to keep its results (runs.csv and runs.parquet are written again from them), or choose another --out to run it again',
    );
    expect(again.stderr).not.toContain('planned:');
  });
  it('runs each shard, without --out, into a default folder of its own, which merge combines', async () => {
    const here = process.cwd();
    const experiment = resolve('test/fixtures/tiny-sweep.json');
    const elsewhere = await mkdtemp(join(tmpdir(), 'govsim-cli-sweep-default-'));
    process.chdir(elsewhere);
    try {
      for (const index of [0, 1]) {
        const ran = await cli('sweep', experiment, '--shard', `${index}/2`, '-j', '1');
        expect(ran.code, ran.stderr).toBe(0);
        expect(ran.stdout).toContain(`shard written to ${join('out', `sweep-tiny-sweep-shard-${index}-of-2`)}`);
      }
      expect((await readdir('out')).sort()).toEqual(['sweep-tiny-sweep-shard-0-of-2', 'sweep-tiny-sweep-shard-1-of-2']);
      const merged = await cli(
        'merge',
        'out/sweep-tiny-sweep-shard-0-of-2',
        'out/sweep-tiny-sweep-shard-1-of-2',
        '--out',
        'merged',
      );
      expect(merged.code, merged.stderr).toBe(0);
      const whole = await cli('sweep', experiment, '-j', '1');
      expect(whole.code, whole.stderr).toBe(0);
      expect(await readFile('merged/runs.csv', 'utf8')).toBe(await readFile('out/sweep-tiny-sweep/runs.csv', 'utf8'));
    } finally {
      process.chdir(here);
    }
  });
  it('runs a robustness shard, without --out, into a folder naming its split, as a sweep shard', async () => {
    const here = process.cwd();
    const folder = resolve('test/fixtures/tiny-case');
    const elsewhere = await mkdtemp(join(tmpdir(), 'govsim-cli-robustness-default-'));
    process.chdir(elsewhere);
    try {
      // Another split of the same case goes to another folder, not to the first split's (which would refuse it).
      for (const shard of ['0/2', '0/3']) {
        const ran = await cli('robustness', folder, '--samples', '2', '--replicates', '2', '--shard', shard, '-j', '1');
        expect(ran.code, ran.stderr).toBe(0);
      }
      const made = (await readdir('out')).sort();
      expect(made).toHaveLength(2);
      expect(made[0]).toMatch(/^robustness-.*tiny-case-shard-0-of-2$/);
      expect(made[1]).toMatch(/^robustness-.*tiny-case-shard-0-of-3$/);
    } finally {
      process.chdir(here);
    }
  });
});

describe('every failure a message and an exit code', () => {
  it('prints what an input file says without its control characters: an escape sequence is shown, not obeyed', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-escapes-'));
    const file = join(folder, 'escapes.json');
    // An unknown key that would recolour, retitle and clear a terminal, and a name with a right-to-left override.
    await writeFile(file, JSON.stringify({ name: 'a', mode: 'co-production', '\u001b[31mRED\u001b]0;pwned\u0007\u001b[2J': 1 }));
    const refused = await cli('run', file);
    expect(refused.code).toBe(exitBadInput);
    expect(refused.stderr).toContain('  - \\u001b[31mRED\\u001b]0;pwned\\u0007\\u001b[2J: unknown key');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what must not be printed.
    expect(refused.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(terminalText('a\u202eevil\u0085\r\n\t')).toBe('a\\u202eevil\\u0085\r\n\t');
    // JSON output keeps its meaning: the escape is the same string.
    expect(JSON.parse(terminalText(JSON.stringify({ name: 'a\u202eb\u0085' })))).toEqual({ name: 'a\u202eb\u0085' });
  });

  it('refuses a run or comparison estimated past an hour of CPU unless forced, before running anything', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-budget-'));
    const file = join(folder, 'city-century.json');
    const world = { communities: [{ name: 'a', households: 100_000, residents: 300_000 }] };
    await writeFile(file, JSON.stringify({ name: 'city-century', mode: 'co-production', weeks: 5200, world }));
    const compared = await cli('compare', file, file, '--replicates', '300');
    expect(compared.code).toBe(2);
    expect(compared.stderr).toContain('more than the budget of 1 CPU hour; pass --force to run it anyway');
  });

  it('refuses an evaluation of a case estimated past its budget unless forced, before running or writing anything', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-case-budget-')), 'out');
    // The facts at 100,000 replicates: hours of CPU, past the hour a comparison may take.
    const validated = await cli('validate', '-j', '1', 'z-street', '--replicates', '100000');
    expect(validated.code).toBe(exitBadInput);
    expect(validated.stderr).toMatch(
      /facts\.json: invalid evaluation\n {2}- \(top level\): estimated at [\d.]+ CPU hours .*more than the budget of 1 CPU hour; pass --force to run it anyway, or use fewer replicates/,
    );
    const reproduced = await cli('reproduce', '-j', '1', 'z-street', '--replicates', '100000', '--out', out);
    expect(reproduced.code).toBe(exitBadInput);
    expect(reproduced.stderr).toContain('more than the budget of 1 CPU hour');
    // A robustness analysis may take a day, as a sweep may; beyond it, it is sharded or forced.
    const robust = await cli('robustness', 'z-street', '--samples', '100000', '--replicates', '100000', '--out', out);
    expect(robust.code).toBe(exitBadInput);
    expect(robust.stderr).toContain(
      'more than the budget of 24 CPU hours; pass --force to run it anyway, or shard it over a cluster (--shard)',
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses, before computing anything, an --out that is the case folder, a file, or another command's output", async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-out-kinds-'));
    const caseFolder = join(directory, 'my-case');
    await cp('test/fixtures/tiny-case', caseFolder, { recursive: true });
    const before = (await readdir(caseFolder)).sort();
    // 20,000 replicates would run for minutes, past the test's time limit: refused before any is run.
    const intoCase = await cli('reproduce', '-j', '1', caseFolder, '--replicates', '20000', '--out', caseFolder);
    expect(intoCase.code).toBe(exitBadInput);
    expect(intoCase.stderr).toContain(
      `${caseFolder}: invalid output folder\n  - (top level): is a case folder (it holds facts.json)`,
    );
    expect(intoCase.stdout).toBe('');
    expect((await readdir(caseFolder)).sort()).toEqual(before);
    const report = join(directory, 'report');
    expect((await cli('reproduce', '-j', '1', caseFolder, '--replicates', '2', '--out', report)).code).toBe(0);
    const intoReport = await cli('robustness', caseFolder, '--samples', '2', '--replicates', '2', '--out', report);
    expect(intoReport.code).toBe(exitBadInput);
    expect(intoReport.stderr).toContain('holds a report: writing a robustness run there would mix the two; choose another --out');
    const file = join(directory, 'a-file');
    await writeFile(file, 'x');
    const intoFile = await cli('reproduce', '-j', '1', caseFolder, '--replicates', '200', '--out', file);
    expect(intoFile.code).toBe(exitBadInput);
    expect(intoFile.stderr).toContain('is a file, not a folder; choose another --out');
  });

  it('refuses a --shard past 2^53 − 1 as the option it is, before anything is read or printed', async () => {
    for (const command of [['city', 'city.json'], ['sweep', 'two-halves'], ['robustness']]) {
      const result = await cli(...command, '--shard', '0/99999999999999999999');
      expect(result.code, command[0]).toBe(exitBadInput);
      expect(result.stderr, command[0]).toBe(
        `govsim: --shard: invalid shard\n  - (top level): expected whole numbers up to ${Number.MAX_SAFE_INTEGER} (2^53 − 1), got 0/99999999999999999999\n`,
      );
    }
  });

  it('refuses a merge or an analysis of a folder that is a file or does not exist as bad input, saying so', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-not-folders-'));
    const file = join(directory, 'afile');
    await writeFile(file, 'x');
    const missing = join(directory, 'nonexist');
    const out = join(directory, 'x');
    for (const [args, expected] of [
      [['merge', file, '--out', out], `${file}: invalid sweep folder\n  - (top level): is a file, not a folder`],
      [['merge', missing, '--out', out], `${missing}: invalid sweep folder\n  - (top level): does not exist`],
      [['analyze', file], `${file}: invalid sweep folder\n  - (top level): is a file, not a folder`],
      [['analyze', missing], `${missing}: invalid sweep folder\n  - (top level): does not exist`],
      // Another command's output is said to be that, not a folder its analysis could not go in.
      [
        ['analyze', 'test/fixtures/tiny-case'],
        'test/fixtures/tiny-case: invalid sweep folder\n  - (top level): no sweep.json: not a sweep folder (govsim analyze takes the --out folder of govsim sweep)',
      ],
    ] as const) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(exitBadInput);
      expect(result.stderr, args.join(' ')).toBe(`govsim: ${expected}\n`);
    }
    expect((await readdir(directory)).sort()).toEqual(['afile']);
  });

  it("refuses govsim's shipped scenarios folder as --out: its files would be listed as shipped scenarios", async () => {
    const result = await cli('run', coProduction, '--weeks', '2', '--out', 'scenarios');
    // What it wrote there, if anything, goes at once: the checkout's scenarios stay as they are whatever the test finds.
    const written = ['manifest.json', 'summary.json', 'weeks.csv'].filter((name) => existsSync(join('scenarios', name)));
    for (const name of written) await rm(join('scenarios', name));
    expect(written).toEqual([]);
    expect(result.code).toBe(exitBadInput);
    expect(result.stderr).toBe(
      "govsim: scenarios: invalid output folder\n  - (top level): is govsim's folder of shipped scenarios, each .json of which govsim list offers by name: the run's files would be taken for scenarios; choose another --out\n",
    );
  });

  it('names a file given to the command of another kind for what it is, with the command that takes it: exit 2, nothing written', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-other-kind-'));
    const out = join(directory, 'out');
    const experiment = 'test/fixtures/tiny-sweep.json';
    const facts = 'test/fixtures/tiny-case/facts.json';
    const refusals: Array<[string[], string]> = [
      [
        ['run', experiment, '--out', out],
        `${experiment}: invalid scenario\n  - (top level): is an experiment file (it has a base and a design), not a scenario: run it with govsim sweep`,
      ],
      [
        ['compare', coProduction, experiment],
        `${experiment}: invalid scenario\n  - (top level): is an experiment file (it has a base and a design), not a scenario: run it with govsim sweep`,
      ],
      [
        ['run', facts, '--out', out],
        `${facts}: invalid scenario\n  - (top level): is a facts file (it has a case and facts), not a scenario: check its case folder with govsim validate <folder>`,
      ],
      [
        ['city', experiment, '--out', out],
        `${experiment}: invalid city\n  - (top level): is an experiment file (it has a base and a design), not a city: run it with govsim sweep`,
      ],
      [
        ['sweep', coProduction, '--out', out],
        `${coProduction}: invalid experiment\n  - (top level): is a scenario file (it has a mode or a world, and no design), not an experiment: run it with govsim run, or name it as the base of an experiment file`,
      ],
      [
        ['sweep', 'test/fixtures/tiny-city.json', '--out', out],
        'test/fixtures/tiny-city.json: invalid experiment\n  - (top level): is a city file (it has districts), not an experiment: run it with govsim city, or name it as the base of an experiment file',
      ],
      [
        ['sweep', facts, '--out', out],
        `${facts}: invalid experiment\n  - (top level): is a facts file (it has a case and facts), not an experiment: check its case folder with govsim validate <folder>`,
      ],
    ];
    // An experiment whose base is an experiment, named from the working folder as bases are.
    const nested = join(directory, 'nested.json');
    const written = JSON.parse(await readFile(experiment, 'utf8')) as Record<string, unknown>;
    await writeFile(nested, JSON.stringify({ ...written, base: resolve(experiment) }));
    refusals.push([
      ['sweep', nested, '--out', out],
      `${experiment} (the base of ${nested}): invalid base scenario or city\n  - (top level): is an experiment file (it has a base and a design), not a base scenario or city: run it with govsim sweep`,
    ]);
    // A base scenario with a field out of range: named, and the experiment that names it.
    const badBase = join(directory, 'bad-base.json');
    const withBadBase = join(directory, 'with-bad-base.json');
    await writeFile(badBase, JSON.stringify({ name: 'bad', mode: 'co-production', world: { needCategories: 1 } }));
    await writeFile(withBadBase, JSON.stringify({ ...written, base: 'bad-base.json' }));
    refusals.push([
      ['sweep', withBadBase, '--out', out],
      `${badBase} (the base of ${withBadBase}): invalid scenario\n  - world.needCategories: expected at least 2, got 1`,
    ]);
    for (const [argv, message] of refusals) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(exitBadInput);
      expect(result.stderr, argv.join(' ')).toBe(`govsim: ${message}\n`);
    }
    expect((await readdir(directory)).sort()).toEqual(['bad-base.json', 'nested.json', 'with-bad-base.json']);
  });

  it('says when --resume finds nothing kept, and runs it all', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-resume-nothing-')), 'robustness');
    const result = await cli(
      'robustness',
      'test/fixtures/tiny-case',
      '--samples',
      '2',
      '--replicates',
      '2',
      '--out',
      out,
      '-j',
      '1',
      '--resume',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `govsim: note: --resume: nothing kept in ${out} (no robustness-progress.jsonl); every draw runs from the start\n`,
    );
    expect(existsSync(join(out, 'facts.csv'))).toBe(true);
  });

  it('lines up the robustness table under the longest fact title', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'govsim-robustness-titles-')), 'long-titles');
    await cp('test/fixtures/tiny-case', folder, { recursive: true });
    const facts = JSON.parse(await readFile(join(folder, 'facts.json'), 'utf8'));
    facts.facts[1].title = 'Awareness spreads beyond the pilot site';
    await writeFile(join(folder, 'facts.json'), JSON.stringify(facts));
    const result = await cli(
      'robustness',
      folder,
      '--samples',
      '2',
      '--replicates',
      '1',
      '-j',
      '1',
      '--out',
      join(folder, '..', 'out'),
    );
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^ {0,1}\d+ {2}/.test(line) && line.includes(' holds in '));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // Each row's counts start in one column (with titles padded to 24, the long title pushed its row's out of line).
    expect(new Set(rows.map((row) => row.indexOf(' holds in '))).size).toBe(1);
  });

  it('says an empty path or name is empty, naming its argument or option: exit 2', async () => {
    for (const [argv, named] of [
      [['run', ''], '<scenario> "": invalid argument'],
      [['run', coProduction, '--model', ''], '--model "": invalid option'],
      [['validate', ''], '<case> "": invalid argument'],
      [['robustness', '--draws', ''], '--draws "": invalid option'],
      [['analyze', ''], '<sweep-dir> "": invalid argument'],
      [['explore', 'test/fixtures/tiny-case', ''], '<cases> "": invalid argument'],
    ] as const) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(exitBadInput);
      expect(result.stderr, argv.join(' ')).toBe(`govsim: ${named}\n  - (top level): is empty: expected a path or a name\n`);
    }
  });

  it("names a case command's default folder by the case, however the path to it is spelt", () => {
    // The same folder given three ways: one name, so that --resume finds what an earlier run kept.
    const absolute = resolve('test/fixtures/tiny-case');
    for (const spelt of ['test/fixtures/tiny-case', './test/fixtures/tiny-case/', absolute])
      expect(caseOutputName(spelt, { directory: spelt }), spelt).toBe('test-fixtures-tiny-case');
    // Two case folders of one name in different folders are two names: neither report replaces the other's.
    expect(caseOutputName('a/case', { directory: 'a/case' })).not.toBe(caseOutputName('b/case', { directory: 'b/case' }));
    // A folder outside the working folder is named by its path, and never as a shipped case of the same name.
    expect(caseOutputName('/tmp/x/z-street', { directory: '/tmp/x/z-street' })).not.toBe('z-street');
    expect(caseOutputName('.', { directory: '.' })).toBe(outputFolderName(basename(resolve('.'))));
    // A shipped case by its name or by its folder: its name.
    expect(caseOutputName('z-street', { directory: 'scenarios/z-street-2018-2019' })).toBe('z-street');
    expect(caseOutputName('scenarios/z-street-2018-2019', { directory: 'scenarios/z-street-2018-2019' })).toBe('z-street');
  });

  it('names the exit codes', () => {
    expect([exitFactsFellShort, exitBadInput, exitOutputError, exitInternalError]).toEqual([1, 2, 3, 3]);
  });

  it('refuses an input file of any kind but a regular one within a second: exit 2, the file named, nothing written', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-kinds-'));
    const inputs = join(directory, 'inputs');
    await mkdir(join(inputs, 'folder.json'), { recursive: true });
    await symlink('loop-b.json', join(inputs, 'loop-a.json'));
    await symlink('loop-a.json', join(inputs, 'loop-b.json'));
    await writeFile(join(inputs, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    await writeFile(join(inputs, 'large.json'), '');
    await truncate(join(inputs, 'large.json'), maximumInputBytes + 1);
    await writeFile(join(inputs, 'deep.json'), '['.repeat(100_000));
    const cases: Array<[string, string]> = [
      [join(inputs, 'folder.json'), 'is a directory, expected a JSON file'],
      [join(inputs, 'loop-a.json'), 'a loop of symbolic links (too many levels of symbolic links)'],
      [join(inputs, 'latin1.json'), 'not UTF-8 text: byte 0xe9 at byte offset 2 (line 1)'],
      [join(inputs, 'large.json'), 'larger than 16 MiB, the limit of an input file'],
      [join(inputs, 'deep.json'), 'nested deeper than 64 levels (at line 1, column 65)'],
    ];
    try {
      execFileSync('mkfifo', [join(inputs, 'pipe.json')]);
      cases.push([join(inputs, 'pipe.json'), 'is a named pipe (FIFO), expected a JSON file']);
    } catch {
      // No named pipes here.
    }
    if (existsSync('/dev/zero')) cases.push(['/dev/zero', 'is a character device, expected a JSON file']);
    const out = join(directory, 'out');
    for (const [file, reason] of cases) {
      const result = await cli('run', file, '--out', out);
      expect(result.code).toBe(2);
      expect(result.stderr.startsWith(`govsim: ${file}: invalid scenario\n`)).toBe(true);
      expect(result.stderr).toContain(reason);
      expect(result.stderr.split('\n')).toHaveLength(3);
    }
    expect(await readdir(directory)).toEqual(['inputs']);
    const sweep = await cli('sweep', join(inputs, 'deep.json'), '--out', out);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain('deep.json: invalid experiment\n  - (top level): nested deeper than 64 levels');
    const validate = await cli('validate', '-j', '1', join(inputs, 'latin1.json'));
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('latin1.json: invalid case folder\n  - (top level): is a file, expected a case folder');
    const supplement = await cli('reproduce', '-j', '1', 'test/fixtures/tiny-case', '--robustness', inputs, '--out', out);
    expect(supplement.code).toBe(2);
    expect(supplement.stderr).toContain(
      `${inputs}: invalid robustness output\n  - (top level): holds no facts.csv: not the folder of a govsim robustness run`,
    );
    expect(await readdir(directory)).toEqual(['inputs']);
  });

  it('refuses a --model that is a named pipe or a device as any input file: exit 2, nothing written', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-model-kinds-'));
    const modules: Array<[string, string]> = [];
    try {
      execFileSync('mkfifo', [join(directory, 'ff.mjs')]);
      modules.push([join(directory, 'ff.mjs'), 'is a named pipe (FIFO), expected a JavaScript file']);
    } catch {
      // No named pipes here.
    }
    if (existsSync('/dev/zero')) modules.push(['/dev/zero', 'is a character device, expected a JavaScript file']);
    for (const [module, reason] of modules) {
      for (const args of [
        ['parameters', '--model', module],
        ['run', coProduction, '--model', module, '--out', join(directory, 'rf')],
      ]) {
        const result = await cli(...args);
        expect(result.code, args.join(' ')).toBe(exitBadInput);
        expect(result.stderr).toBe(`govsim: ${module}: invalid model module\n  - (top level): ${reason}\n`);
      }
    }
    expect(existsSync(join(directory, 'rf'))).toBe(false);
  });

  it('lists at most 20 problems and cuts echoed input: 200,000 bad elements, a 10 MiB key', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-many-'));
    const many = join(directory, 'many.json');
    await writeFile(many, JSON.stringify({ name: 'x', mode: 'co-production', timeline: new Array(200_000).fill(0) }));
    const longKey = join(directory, 'long-key.json');
    await writeFile(longKey, JSON.stringify({ name: 'x', mode: 'co-production', ['k'.repeat(10 * 1024 * 1024)]: 1 }));
    for (const file of [many, longKey]) {
      const result = await cli('run', file, '--out', join(directory, 'out'));
      expect(result.code).toBe(2);
      expect(result.stderr.length).toBeLessThan(4096);
    }
    const listed = await cli('run', many, '--out', join(directory, 'out'));
    expect(listed.stderr.split('\n')).toHaveLength(23);
    expect(listed.stderr).toContain('  - timeline[19]: expected an object, got 0\n  … and 199980 more problems\n');
    const cut = await cli('run', longKey, '--out', join(directory, 'out'));
    expect(cut.stderr).toBe(
      `govsim: ${longKey}: invalid scenario\n  - ${'k'.repeat(79)}…: unknown key (check its spelling against the schema)\n`,
    );
    expect(await readdir(directory)).toEqual(['long-key.json', 'many.json']);
  });

  it('says which operation on which path failed when writing fails, with exit 3', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-output-'));
    const file = join(directory, 'file');
    await writeFile(file, 'x');
    // A folder that cannot be made is bad input, found before the run.
    const underFile = await cli('run', coProduction, '--weeks', '2', '--out', join(file, 'out'));
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toBe(
      `govsim: ${join(file, 'out')}: invalid output folder\n  - (top level): cannot be made: ${file} is a file, not a folder; choose another --out\n`,
    );
    // A folder where a file is to be written is bad input too.
    const onDirectory = await cli('schema', '--out', directory);
    expect(onDirectory.code).toBe(2);
    expect(onDirectory.stderr).toBe(
      `govsim: ${directory}: invalid output file\n  - (top level): is a folder, expected a file to write; choose another --out\n`,
    );
    if (existsSync('/dev/full')) {
      const full = await cli('parameters', '--out', '/dev/full');
      expect(full.code).toBe(3);
      expect(full.stderr).toBe('govsim: cannot write /dev/full: no space left on device (ENOSPC)\n');
    }
  });

  it('calls an unexpected error a bug, with exit 3', async () => {
    let stderr = '';
    const code = await main(['presets'], {
      stdout: () => {
        throw new TypeError('something unexpected');
      },
      stderr: (text) => {
        stderr += text;
      },
    });
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^govsim: internal error: TypeError: something unexpected\nThis is a bug in govsim; please report it with the command that gave it \(govsim [^)]+\)\.\n$/,
    );
  });

  it('says that a command asked help for does not exist, as for the command itself, with exit 2', async () => {
    for (const asked of [
      ['help', 'nosuch'],
      ['nosuch'],
      ['help', 'generate', 'nosuch'],
      ['generate', 'help', 'nosuch'],
      ['generate', 'nosuch'],
    ]) {
      const result = await cli(...asked);
      expect(result.code, asked.join(' ')).toBe(exitBadInput);
      // The usage hint names the help of the command the unknown one was asked under.
      const under = asked.includes('generate') ? 'govsim generate' : 'govsim';
      expect(result.stderr, asked.join(' ')).toBe(`govsim: unknown command 'nosuch'\n(${under} --help for usage)\n`);
    }
    expect((await cli('help', 'rn')).stderr).toContain('(Did you mean run?)');
  });

  it('gives the help of a subcommand asked for by help before or after its command', async () => {
    const direct = await cli('generate', 'street', '--help');
    expect(direct.stdout).toMatch(/^Usage: govsim generate street /);
    for (const asked of [
      ['help', 'generate', 'street'],
      ['generate', 'help', 'street'],
    ]) {
      const result = await cli(...asked);
      expect(result.code, asked.join(' ')).toBe(0);
      expect(result.stdout, asked.join(' ')).toBe(direct.stdout);
    }
  });

  it('prints the help to stderr with exit 2 when no command is given; --help and help exit 0', async () => {
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: govsim');
    for (const asked of [['--help'], ['help'], ['help', 'run']]) {
      const result = await cli(...asked);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: govsim');
    }
  });
});

describe('resubmittedShardHint', () => {
  it('tells a shard a scheduler chose to be resubmitted alone as --shard i/n, and nothing else', () => {
    const shard = { index: 1, count: 4 };
    expect(resubmittedShardHint('slurm', shard)).toBe(' (resubmitted as a task of its own, with --shard 1/4)');
    expect(resubmittedShardHint('k8s/4', shard)).toBe(' (resubmitted as a task of its own, with --shard 1/4)');
    expect(resubmittedShardHint('1/4', shard)).toBe('');
    expect(resubmittedShardHint(undefined, undefined)).toBe('');
  });
});
