/** A city run on disk: its shards (govsim city --shard i/n) merged back into the whole run's bytes, and what a merge refuses. */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type City, generateCity, parseCity } from '../../src/generators/index.js';
import { mergeCityShards, writeCityRun } from '../../src/node/city-files.js';
import { FolderInUseError, lockFolder } from '../../src/node/folder-lock.js';
import { ScenarioError } from '../../src/scenario/index.js';

// Five streets in three shards: streets 0 and 3, 1 and 4, and 2.
const city: City = parseCity(
  generateCity({ seed: 3, districts: 2, streets: 5, communities: 10, households: 1500, weeks: 8 }),
  'city.json',
);
const coProduction: City = parseCity(
  generateCity({ seed: 3, districts: 2, streets: 5, communities: 10, households: 1500, weeks: 8 }),
  'city.json',
  { mode: 'co-production' },
);

let root: string;
let whole: string;
let shards: string[];

/** Runs shard `index` of `count` of `of` into `directory`, as `govsim city --shard index/count` would. */
async function runShard(
  directory: string,
  index: number,
  count: number,
  options: { replicate?: number; of?: City; source?: string } = {},
) {
  const source = options.source ?? 'city.json';
  await writeCityRun(directory, options.of ?? city, {
    source,
    command: `govsim city ${source} --shard ${index}/${count}`,
    replicate: options.replicate ?? 0,
    includes: (street) => street % count === index,
    shard: { index, count },
  });
}

/** A copy of shard folder `index` in a fresh folder, to damage. */
async function copyOfShard(index: number, name: string): Promise<string> {
  const copy = join(root, name);
  await cp(shards[index] as string, copy, { recursive: true });
  return copy;
}

/** Expects `merge` to be refused with a ScenarioError whose message holds each of `texts`, and `out` not made. */
async function expectRefused(merge: Promise<unknown>, out: string, ...texts: string[]): Promise<void> {
  const error = await merge.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  for (const text of texts) expect((error as ScenarioError).message).toContain(text);
  expect(existsSync(out)).toBe(false);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'govsim-city-merge-'));
  whole = join(root, 'whole');
  await writeCityRun(whole, city, { source: 'city.json', command: 'govsim city city.json', replicate: 0 });
  shards = [0, 1, 2].map((index) => join(root, `shard-${index}`));
  for (const [index, directory] of shards.entries()) await runShard(directory, index, 3);
});

describe('writeCityRun', () => {
  it('holds its folder: refused where another command writes, leaving that folder as it was; no lock left after', async () => {
    expect((await readdir(whole)).sort()).toEqual(['communities.csv', 'manifest.json', 'streets.csv']);
    const busy = join(root, 'busy');
    const lock = await lockFolder(busy, 'govsim sweep', () => undefined);
    try {
      const refused = await writeCityRun(busy, city, {
        source: 'city.json',
        command: 'govsim city city.json',
        replicate: 0,
      }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(refused).toBeInstanceOf(FolderInUseError);
      expect((refused as FolderInUseError).message).toContain('govsim sweep holds it');
      expect(await readdir(busy)).toEqual(['govsim.lock']);
    } finally {
      await lock.release();
    }
  });
});

describe('mergeCityShards', () => {
  it('refuses an --out that is one of the shards, also through a link or a trailing slash, and leaves the shard as it was', async () => {
    const before = await readFile(join(shards[1] as string, 'manifest.json'), 'utf8');
    const link = join(root, 'link-to-shard-1');
    await symlink(shards[1] as string, link);
    for (const out of [link, `${shards[1]}/`]) {
      const error = await mergeCityShards(shards, out).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).message).toContain('is one of the shard folders; choose another --out');
    }
    expect(await readFile(join(shards[1] as string, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('merges three shards, given in any order, into the bytes of the whole run', async () => {
    const out = join(root, 'merged');
    const written = await mergeCityShards([shards[2], shards[0], shards[1]] as string[], out);
    expect(written).toEqual(['communities.csv', 'streets.csv', 'manifest.json'].map((name) => join(out, name)));
    expect((await readdir(out)).sort()).toEqual(['communities.csv', 'manifest.json', 'streets.csv']);
    for (const name of ['communities.csv', 'streets.csv'])
      expect((await readFile(join(out, name))).equals(await readFile(join(whole, name))), name).toBe(true);
    // The shards do not hold the whole city each: the merge did interleave them.
    expect((await readFile(join(shards[0] as string, 'streets.csv'), 'utf8')).split('\n')).toHaveLength(4);
    const merged = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const original = JSON.parse(await readFile(join(whole, 'manifest.json'), 'utf8'));
    const { command: _mergeCommand, merged: sources, ...rest } = merged;
    const { command: _runCommand, ...expected } = original;
    expect(rest).toEqual(expected);
    expect(merged.shard).toBeNull();
    expect(merged.streetsRun).toBe(5);
    expect(sources).toEqual(shards);
  });

  it('refuses a shard folder that does not exist or is a file as that, before looking for its manifest', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    for (const [folder, reason] of [
      [join(root, 'nonexist'), 'does not exist'],
      [file, 'is a file, not a folder'],
    ] as const) {
      const out = join(root, 'merged-from-nothing');
      await expect(mergeCityShards([shards[0] as string, folder], out)).rejects.toThrow(
        `${folder}: invalid city shard folder\n  - (top level): ${reason}`,
      );
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a missing shard, naming it, and writes nothing', async () => {
    const out = join(root, 'missing');
    await expectRefused(
      mergeCityShards([shards[0], shards[2]] as string[], out),
      out,
      'shard 1/3 is not among the folders given',
      'nothing was written',
    );
  });

  it('refuses a shard given twice, naming both folders', async () => {
    const out = join(root, 'twice');
    await expectRefused(
      mergeCityShards([shards[0], shards[1], shards[2], shards[1]] as string[], out),
      out,
      `${join(shards[1] as string, 'manifest.json')}: invalid city run manifest`,
      `shard: is 1/3, as is ${shards[1]}'s`,
    );
  });

  it('refuses a shard of another replicate or of another mode, naming the field', async () => {
    const replicate = join(root, 'replicate-1');
    await runShard(replicate, 1, 3, { replicate: 1 });
    const out = join(root, 'replicates');
    await expectRefused(
      mergeCityShards([shards[0], replicate, shards[2]] as string[], out),
      out,
      `${join(replicate, 'manifest.json')}: invalid city run manifest`,
      `replicate: is 1, but ${shards[0]}'s is 0`,
    );
    const mode = join(root, 'co-production-1');
    await runShard(mode, 1, 3, { of: coProduction });
    // The hash says only that the streets as run differ; the two commands say how.
    await expectRefused(
      mergeCityShards([shards[0], mode, shards[2]] as string[], out),
      out,
      'cityHash: is',
      "(its streets' scenarios as run differ, as another --mode or a changed city file makes them: this shard was run by `govsim city city.json --shard 1/3`, that one by `govsim city city.json --shard 0/3`)",
    );
  });

  it('merges a shard that named the same city file by another path (run from another folder) into the whole run', async () => {
    const elsewhere = join(root, 'shard-1-elsewhere');
    await runShard(elsewhere, 1, 3, { source: '/scratch/project/city.json' });
    const out = join(root, 'merged-elsewhere');
    await mergeCityShards([shards[0], elsewhere, shards[2]] as string[], out);
    for (const name of ['communities.csv', 'streets.csv'])
      expect((await readFile(join(out, name))).equals(await readFile(join(whole, name))), name).toBe(true);
    // A manifest without a cityHash (an earlier govsim's) still has only the path to tell the city by.
    const older = await copyOfShard(1, 'shard-1-older');
    const manifest = JSON.parse(await readFile(join(older, 'manifest.json'), 'utf8'));
    delete manifest.cityHash;
    await writeFile(join(older, 'manifest.json'), JSON.stringify({ ...manifest, cityFile: 'other.json' }));
    const refused = join(root, 'merged-older');
    await expectRefused(
      mergeCityShards([shards[0], older, shards[2]] as string[], refused),
      refused,
      'cityFile: is "other.json"',
    );
  });

  it('refuses the whole city mixed with shards, and shards of different counts', async () => {
    const out = join(root, 'mixed');
    await expectRefused(
      mergeCityShards([shards[0], whole] as string[], out),
      out,
      `${join(whole, 'manifest.json')}`,
      'shard: is null: this folder holds the whole city',
    );
    const half = join(root, 'half-0');
    await runShard(half, 0, 2);
    await expectRefused(
      mergeCityShards([shards[0], half, shards[1], shards[2]] as string[], out),
      out,
      `shard: is 0/2, but ${shards[0]}'s is 0/3`,
    );
  });

  it('refuses a folder without a city run manifest', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    const out = join(root, 'not-a-city');
    await expectRefused(
      mergeCityShards([shards[0], empty, shards[2]] as string[], out),
      out,
      `${empty}: invalid city shard folder`,
      'manifest.json: not found',
    );
  });

  it('refuses a truncated communities.csv, naming the shard and the file, and adds nothing to an existing --out', async () => {
    const out = join(root, 'existing');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'kept\n');
    // Cut in the middle of a row.
    const cut = await copyOfShard(1, 'cut-1');
    const text = await readFile(join(cut, 'communities.csv'), 'utf8');
    await writeFile(join(cut, 'communities.csv'), text.slice(0, text.length - 10));
    await expect(mergeCityShards([shards[0], cut, shards[2]] as string[], out)).rejects.toThrow(
      `${cut}: invalid city shard folder\n  - communities.csv row`,
    );
    expect(await readdir(out)).toEqual(['notes.txt']);
    // Cut after a whole row: fewer rows than streets.csv counts.
    const short = await copyOfShard(1, 'short-1');
    await writeFile(join(short, 'communities.csv'), text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    const lines = text.split('\n').length - 2;
    await expect(mergeCityShards([shards[0], short, shards[2]] as string[], out)).rejects.toThrow(
      `communities.csv: has ${lines - 1} community rows, but the communities column of streets.csv adds up to ${lines}`,
    );
    expect(await readdir(out)).toEqual(['notes.txt']);
  });

  it('refuses a cell that is not a number where a number belongs, in either file, naming the row and the column', async () => {
    const out = join(root, 'cells');
    const community = await copyOfShard(1, 'cell-1');
    const communities = (await readFile(join(community, 'communities.csv'), 'utf8')).split('\n');
    const header = (communities[0] as string).split(',');
    const cells = (communities[1] as string).split(',');
    const column = header.indexOf('staffLoadMean');
    cells[column] = 'abc';
    communities[1] = cells.join(',');
    await writeFile(join(community, 'communities.csv'), communities.join('\n'));
    await expectRefused(
      mergeCityShards([shards[0], community, shards[2]] as string[], out),
      out,
      `${community}: invalid city shard folder`,
      'communities.csv row 2: holds "abc" for staffLoadMean, where a number or an empty cell belongs; run the shard again',
    );
    const street = await copyOfShard(0, 'cell-0');
    const streets = await readFile(join(street, 'streets.csv'), 'utf8');
    const [streetHeader, firstStreet, ...rest] = streets.split('\n');
    const streetCells = (firstStreet as string).split(',');
    streetCells[(streetHeader as string).split(',').indexOf('load.staffMean')] = '1e5x';
    await writeFile(join(street, 'streets.csv'), [streetHeader, streetCells.join(','), ...rest].join('\n'));
    await expectRefused(
      mergeCityShards([street, shards[1], shards[2]] as string[], out),
      out,
      'streets.csv row 2: holds "1e5x" for load.staffMean',
    );
  });

  it('refuses a streets.csv with a street missing, and a header that differs', async () => {
    const out = join(root, 'streets');
    const fewer = await copyOfShard(0, 'fewer-0');
    const text = await readFile(join(fewer, 'streets.csv'), 'utf8');
    await writeFile(join(fewer, 'streets.csv'), text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    await expectRefused(
      mergeCityShards([fewer, shards[1], shards[2]] as string[], out),
      out,
      "streets.csv: has 1 street rows, but its manifest's streetsRun is 2 and shard 0/3 of a city of 5 streets runs 2",
    );
    const header = await copyOfShard(2, 'header-2');
    const communities = await readFile(join(header, 'communities.csv'), 'utf8');
    await writeFile(join(header, 'communities.csv'), communities.replace('district,', 'District,'));
    await expectRefused(
      mergeCityShards([shards[0], shards[1], header] as string[], out),
      out,
      `${header}: invalid city shard folder`,
      `communities.csv: has another header than ${shards[0]}'s communities.csv`,
    );
  });
});
