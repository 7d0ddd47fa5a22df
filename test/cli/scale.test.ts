/** The command line at street and city scale: generate, a street's run and comparison, a city run. */
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import { govsimVersion, loadScenarioFile } from '../../src/node/index.js';
import { cli } from './capture.js';

describe('govsim generate', () => {
  it('writes a street that loads, the same bytes for the same seed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-generate-'));
    const first = join(directory, 'a.json');
    expect((await cli('generate', 'street', '--seed', '5', '--communities', '6', '--z-street-path', '--out', first)).code).toBe(
      0,
    );
    const printed = await cli('generate', 'street', '--seed', '5', '--communities', '6', '--z-street-path');
    expect(printed.stdout).toBe(await readFile(first, 'utf8'));
    const scenario = await loadScenarioFile(first);
    expect(scenario.world.communities).toHaveLength(6);
    expect(scenario.timeline.map((entry) => entry.week)).toEqual([18, 22]);
    // Named by seed and path, and by seed and mode otherwise: two streets compared are told apart.
    expect(scenario.name).toBe('street-5-z-street-path');
    const named = JSON.parse((await cli('generate', 'street', '--seed', '5', '--mode', 'co-production')).stdout) as {
      name: string;
    };
    expect(named.name).toBe('street-5-co-production');
  });

  it('refuses options out of range with exit code 2, naming the option, and writes nothing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-generate-'));
    const out = join(directory, 'street.json');
    const late = await cli('generate', 'street', '--batches', '9', '--out', out);
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('--batches: the last batch would join at week 235');
    // Each bound as the option has it: the generator's batchIntervalWeeks is --batch-interval here.
    const interval = await cli('generate', 'street', '--batch-interval', '5201', '--out', out);
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain(
      "option '--batch-interval <n>' argument '5201' is invalid. expected a whole number from 0 to 5200 weeks.",
    );
    expect((await cli('generate', 'street', '--batches', '-1', '--out', out)).stderr).toContain('from 0 to 1000 batches');
    // A default the command line did not give is said to be one, with the option that changes it.
    const defaulted = await cli('generate', 'street', '--weeks', '20', '--communities', '3', '--out', out);
    expect(defaulted.code).toBe(2);
    expect(defaulted.stderr).toContain(
      '--first-batch-week: expected a whole number from 1 to 20, got 27 (its default: give --first-batch-week a value that fits)',
    );
    const given = await cli(
      'generate',
      'street',
      '--weeks',
      '20',
      '--communities',
      '3',
      '--first-batch-week',
      '27',
      '--out',
      out,
    );
    expect(given.stderr).toContain('--first-batch-week: expected a whole number from 1 to 20, got 27\n');
    // Without batches a batch's week or interval would be ignored: it is refused, not dropped in silence.
    for (const [option, value] of [
      ['--first-batch-week', '50'],
      ['--batch-interval', '5'],
    ]) {
      const ignored = await cli('generate', 'street', '--batches', '0', option as string, value as string, '--out', out);
      expect(ignored.code).toBe(2);
      expect(ignored.stderr).toContain(`${option}: invalid option`);
      expect(ignored.stderr).toContain('given with --batches 0');
    }
    // More batches than communities to join: each joins in a batch of its own, and the command says so.
    const few = await cli('generate', 'street', '--communities', '3', '--batches', '5');
    expect(few.code).toBe(0);
    expect(few.stderr).toBe(
      'govsim: note: --batches 5: the street has 1 community to join after the pilot, so it joins in 1 batch\n',
    );
    // The default of 3 batches is lowered without a note: nothing was asked for. Nor are batches that share a week
    // (an interval of 0) too few: each batch has its communities.
    expect((await cli('generate', 'street', '--communities', '3')).stderr).toBe('');
    expect((await cli('generate', 'street', '--batches', '3', '--batch-interval', '0')).stderr).toBe('');
    const share = await cli('generate', 'city', '--old-share', '2', '--out', out);
    expect(share.code).toBe(2);
    expect(share.stderr).toContain('expected a number from 0 to 1');
    const streets = await cli('generate', 'city', '--districts', '20', '--streets', '10', '--out', out);
    expect(streets.code).toBe(2);
    expect(streets.stderr).toContain('--streets: expected a whole number from 20');
    // The Z Street path needs the weeks its co-production begins in, and is a mode of its own.
    const short = await cli('generate', 'street', '--z-street-path', '--weeks', '10', '--out', out);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('expected at least 22 with --z-street-path, whose co-production begins in week 22; got 10');
    const both = await cli('generate', 'street', '--z-street-path', '--mode', 'co-production', '--out', out);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--z-street-path' cannot be used with option '--mode <preset>'");
    // As --z-street-path's help says: at the defaults, 2 batches below 79 weeks, 1 below 53, 0 below 27.
    for (const [weeks, batches] of [
      [78, 2],
      [52, 1],
      [26, 0],
    ] as const) {
      expect(
        (await cli('generate', 'street', '--z-street-path', '--weeks', `${weeks}`, '--batches', `${batches + 1}`)).code,
      ).toBe(2);
      expect((await cli('generate', 'street', '--z-street-path', '--weeks', `${weeks}`, '--batches', `${batches}`)).code).toBe(0);
    }
    expect((await cli('generate', 'street', '--help')).stdout.replace(/\s+/g, ' ')).toContain(
      'takes fewer batches, 2 below 79 weeks, 1 below 53 and 0 below 27',
    );
    const onFolder = await cli('generate', 'city', '--out', directory);
    expect(onFolder.code).toBe(2);
    expect(onFolder.stderr).toContain('is a folder, expected a file to write');
    expect(await readdir(directory)).toEqual([]);
  });

  it('writes through a symbolic link to a file, keeping the link', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-generate-'));
    const target = join(directory, 'street.json');
    await writeFile(target, '{}');
    await symlink(target, join(directory, 'link.json'));
    expect((await cli('generate', 'street', '--communities', '3', '--out', join(directory, 'link.json'))).code).toBe(0);
    expect((await lstat(join(directory, 'link.json'))).isSymbolicLink()).toBe(true);
    expect((await loadScenarioFile(target)).world.communities).toHaveLength(3);
  });

  it('makes the folder of its --out file when it is missing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-generate-'));
    const out = join(directory, 'new', 'deeper', 'street.json');
    expect((await cli('generate', 'street', '--communities', '3', '--out', out)).code).toBe(0);
    expect((await loadScenarioFile(out)).world.communities).toHaveLength(3);
  });
});

describe('govsim run and compare of a street', () => {
  it('run writes communities.csv and rollout.csv besides the weekly series', async () => {
    const out = await mkdtemp(join(tmpdir(), 'govsim-street-'));
    const result = await cli('run', 'z-street-rollout-co-production', '--weeks', '30', '--out', out);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['communities.csv', 'manifest.json', 'rollout.csv', 'summary.json', 'weeks.csv']);
    const communities = parseCsv(await readFile(join(out, 'communities.csv'), 'utf8'));
    expect(communities).toHaveLength(29);
    expect(communities[1]?.slice(0, 6)).toEqual(['0', 'Y', '2253', '6759', '1', '30']);
    const rollout = parseCsv(await readFile(join(out, 'rollout.csv'), 'utf8'));
    expect(rollout).toHaveLength(31);
    expect(rollout[28]?.[1]).toBe('8');
    // As run's --help says.
    expect((await cli('run', '--help')).stdout.replace(/\s+/g, ' ')).toContain(
      'for a street of several communities also communities.csv (one row per community) and rollout.csv (the street week by week)',
    );
  });

  it('compare prints and writes how department load and fragmentation grow with the communities joined', async () => {
    const out = await mkdtemp(join(tmpdir(), 'govsim-street-compare-'));
    const result = await cli(
      'compare',
      'z-street-rollout-administrative-led',
      'z-street-rollout-co-production',
      '--replicates',
      '2',
      '--weeks',
      '56',
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('How the street carries the rollout');
    expect(result.stdout).toMatch(/department load\n\s+weeks\s+communities\s+households\s+a\s+b\n\s+1–26\s+1\s+2,253/);
    expect((await readdir(out)).sort()).toEqual(['communities.csv', 'comparison.json', 'stages.csv']);
    // What made it: the version, Node and the weeks run (cut to 56 by --weeks, which the files alone would not say).
    const comparison = JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8'));
    expect(comparison).toMatchObject({ govsim: govsimVersion(), node: process.version, weeks: { a: 56, b: 56 } });
    expect(comparison.replicates).toBe(2);
    const stages = parseCsv(await readFile(join(out, 'stages.csv'), 'utf8'));
    expect(stages.map((row) => row[2])).toEqual(['communitiesJoined', '1', '8', '14']);
    const communities = parseCsv(await readFile(join(out, 'communities.csv'), 'utf8'));
    expect(communities).toHaveLength(1 + 2 * 28);
    expect(communities[0]?.slice(0, 4)).toEqual(['side', 'scenario', 'community', 'name']);
    // Printed as JSON, the comparison carries the same record of what made it.
    const printed = await cli(
      'compare',
      'z-street-rollout-administrative-led',
      'z-street-rollout-co-production',
      ...['--replicates', '2', '--weeks', '30', '--out', out, '--json'],
    );
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({
      govsim: govsimVersion(),
      node: process.version,
      weeks: { a: 30, b: 30 },
    });
  });
});

/** `govsim generate city` of 2 districts and 3 streets into `directory`/city.json; resolves to the file. */
async function generatedCity(
  directory: string,
  size: { seed: number; communities: number; households: number; weeks: number },
): Promise<string> {
  const file = join(directory, 'city.json');
  const made = await cli(
    'generate',
    'city',
    ...['--seed', size.seed, '--districts', 2, '--streets', 3, '--communities', size.communities].map(String),
    ...['--households', size.households, '--weeks', size.weeks].map(String),
    '--out',
    file,
  );
  expect(made.code).toBe(0);
  return file;
}

describe('govsim city', () => {
  it('streams a small city street by street, the same bytes on one worker thread or two', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-city-'));
    const file = await generatedCity(directory, { seed: 2, communities: 8, households: 4000, weeks: 20 });
    const [first, second] = [join(directory, 'one'), join(directory, 'two')];
    expect((await cli('city', file, '--mode', 'co-production', '-j', '1', '--out', first)).code).toBe(0);
    expect((await cli('city', file, '--mode', 'co-production', '-j', '2', '--out', second)).code).toBe(0);
    expect((await readdir(first)).sort()).toEqual(['communities.csv', 'manifest.json', 'streets.csv']);
    for (const name of ['communities.csv', 'streets.csv'])
      expect(await readFile(join(first, name), 'utf8')).toBe(await readFile(join(second, name), 'utf8'));
    const communities = parseCsv(await readFile(join(first, 'communities.csv'), 'utf8'));
    expect(communities).toHaveLength(9);
    expect(communities[0]?.slice(0, 4)).toEqual(['district', 'street', 'community', 'name']);
    expect(parseCsv(await readFile(join(first, 'streets.csv'), 'utf8'))).toHaveLength(4);
    const shard = join(directory, 'shard');
    expect((await cli('city', file, '--mode', 'co-production', '--shard', '1/2', '--out', shard)).code).toBe(0);
    const shardRows = parseCsv(await readFile(join(shard, 'streets.csv'), 'utf8'));
    const allRows = parseCsv(await readFile(join(first, 'streets.csv'), 'utf8'));
    expect(shardRows).toEqual([allRows[0], allRows[2]]);
    // Each folder's manifest says which streets it holds, and how much of the city they are.
    const whole = JSON.parse(await readFile(join(first, 'manifest.json'), 'utf8'));
    const part = JSON.parse(await readFile(join(shard, 'manifest.json'), 'utf8'));
    expect(whole).toMatchObject({ shard: null, streets: 3, streetsRun: 3, communitiesRun: 8 });
    expect(part).toMatchObject({ shard: { index: 1, count: 2 }, streets: 3, streetsRun: 1 });
    const inShard = parseCsv(await readFile(join(shard, 'communities.csv'), 'utf8')).length - 1;
    expect(part.communitiesRun).toBe(inShard);
    expect(whole.householdsRun).toBe(whole.households);
    // Resubmitted alone with --shard slurm (an array of one: shard 0/1, the whole city), the task is refused on the
    // shard's folder, told to give its shard: it would have run every street there.
    const saved = { ...process.env };
    Object.assign(process.env, { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '1' });
    try {
      const alone = await cli('city', file, '--mode', 'co-production', '--shard', 'slurm', '--out', shard);
      expect(alone.code).toBe(2);
      expect(alone.stderr).toContain(`slurm gives shard 0/1, the whole city`);
      expect(alone.stderr).toContain(`holds shard 1/2 of a city run: give its shard as 1/2`);
    } finally {
      for (const name of ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT']) delete process.env[name];
      Object.assign(process.env, saved);
    }
    expect(JSON.parse(await readFile(join(shard, 'manifest.json'), 'utf8'))).toEqual(part);
  });

  it('merge combines the shards of a city run into the bytes of the whole run, and refuses a missing shard with exit code 2', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-city-merge-'));
    const file = await generatedCity(directory, { seed: 5, communities: 6, households: 900, weeks: 8 });
    const [whole, first, second, merged] = ['whole', 'shard-0', 'shard-1', 'merged'].map((name) => join(directory, name)) as [
      string,
      string,
      string,
      string,
    ];
    expect((await cli('city', file, '-j', '1', '--out', whole)).code).toBe(0);
    expect((await cli('city', file, '-j', '1', '--shard', '0/2', '--out', first)).code).toBe(0);
    const secondShard = await cli('city', file, '-j', '1', '--shard', '1/2', '--out', second);
    expect(secondShard.code).toBe(0);
    // Shard 1/2 of three streets runs one: counted in the singular.
    expect(secondShard.stderr).toContain('3 streets, 6 communities, 900 households; shard 1/2: 1 street\n');
    expect(secondShard.stdout).toContain(': 1 street run; wrote ');
    const merge = await cli('merge', second, first, '--out', merged, '--json');
    expect(merge.code).toBe(0);
    const files = ['communities.csv', 'streets.csv', 'manifest.json'].map((name) => join(merged, name));
    expect(JSON.parse(merge.stdout)).toEqual({ merged: [second, first], out: merged, files });
    for (const name of ['communities.csv', 'streets.csv'])
      expect((await readFile(join(merged, name))).equals(await readFile(join(whole, name))), name).toBe(true);
    expect(JSON.parse(await readFile(join(merged, 'manifest.json'), 'utf8'))).toMatchObject({
      shard: null,
      streetsRun: 3,
      command: `govsim merge ${second} ${first} --out ${merged}`,
    });
    const missing = await cli('merge', first, '--out', join(directory, 'partial'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 1/2 is not among the folders given');
    expect(existsSync(join(directory, 'partial'))).toBe(false);
  });

  /** A new folder holding `city.json`: a city "c" of seed 1 under co-production with these districts. */
  const cityFileWith = async (prefix: string, districts: unknown[]) => {
    const directory = await mkdtemp(join(tmpdir(), prefix));
    const file = join(directory, 'city.json');
    await writeFile(file, JSON.stringify({ name: 'c', seed: 1, scenario: { mode: 'co-production' }, districts }));
    return { directory, file };
  };

  it('refuses a bad city file with exit code 2, naming the field, and writes nothing', async () => {
    const { directory, file } = await cityFileWith('govsim-city-bad-', [
      { name: 'D', streets: [{ name: 'S', communities: [{ name: 'A', households: -3 }] }] },
    ]);
    const result = await cli('city', file, '--out', join(directory, 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`govsim: ${file}: invalid city\n  - districts[0].streets[0].communities[0].households`);
    expect(await readdir(directory)).toEqual(['city.json']);
  });

  it('refuses a street named twice in a district, which would run twice on one seed, with exit code 2', async () => {
    const street = { name: 'S2', communities: [{ name: 'A', households: 100, residents: 300 }] };
    const { directory, file } = await cityFileWith('govsim-city-twice-', [{ name: 'D1', streets: [street, street] }]);
    const result = await cli('city', file, '--out', join(directory, 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `govsim: ${file}: invalid city\n  - districts[0].streets[1].name: "S2" is also the name of districts[0].streets[0]: give each street of a district a name of its own (a street is known and seeded by <city>/<district>/<street>)\n`,
    );
    expect(await readdir(directory)).toEqual(['city.json']);
    // A street's scenario with two communities of one name is refused as well.
    const scenario = join(directory, 'street.json');
    await writeFile(
      scenario,
      JSON.stringify({ name: 's', mode: 'co-production', world: { communities: [{ name: 'A' }, { name: 'A' }] } }),
    );
    const run = await cli('run', scenario, '--out', join(directory, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('world.communities[1].name: "A" is also the name of world.communities[0]');
  });
});
