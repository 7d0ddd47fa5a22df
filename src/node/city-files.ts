/**
 * A city run on disk: each street's rows are appended to communities.csv (one
 * row per community) and streets.csv (one row per street: its headline
 * measures) as soon as the street finishes, so no run holds the city; both
 * files are written under temporary names and renamed into place, with
 * manifest.json, only when every street is done — a reader never sees half a
 * city, and an interrupted run leaves nothing but removable temporary files.
 * With several workers the streets run on worker threads (city-worker.ts) and
 * their rows are still written in the city's order: the same bytes whatever
 * the number of workers.
 *
 * A city run split into shards (`govsim city --shard i/n`: streets i, i + n,
 * …) leaves one such folder per shard; {@link mergeCityShards} combines them
 * into exactly the files of the unsharded run.
 */
import { createReadStream, existsSync } from 'node:fs';
import { type FileHandle, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, csvLine, finishSteps, finishStepsPausing, hashHex, isRecord, type Steps } from '../core/index.js';
import { type City, type CityStreet, isCityInput, parseCity } from '../generators/index.js';
import { communitySummaryColumns } from '../metrics/index.js';
import { type ModeInput, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { checkArgumentWith } from '../simulation/arguments.js';
import { checkCity } from '../simulation/city.js';
import { type CityRunOptions, headlineMetrics, runCityStreetSteps, summaryValue } from '../simulation/index.js';
import { removeStaleTemporaryFiles, syncDirectory, temporaryPath, writeFileAtomically } from './atomic-files.js';
import { isMetricCell, parseCsvText } from './csv-files.js';
import { writeInLockedFolder } from './folder-lock.js';
import { checkInputFolder, InputFileError, readJsonInput, readJsonInputOrShipped } from './input-file.js';
import { checkNotOtherKind } from './input-kind.js';
import { realFolder } from './output-folder.js';
import { checkMergeArguments, missingShardsMessage } from './shard.js';
import { resolveShippedCity } from './shipped.js';
import { govsimVersion } from './version.js';
import { WorkerPool, workerCount } from './worker-pool.js';

/**
 * Reads and validates a city file, or a city shipped with govsim by its name (`small-city`); with `mode`, every street
 * runs under that mode throughout.
 */
export async function loadCityFile(path: string, options: { mode?: ModeInput } = {}): Promise<City> {
  checkArgumentWith('city file options', (check) => check.options(options, ['mode']));
  // A file, or a city shipped with govsim by its name (govsim list shows them).
  const input = await readJsonInputOrShipped(path, resolveShippedCity(path), 'city');
  // A scenario given where a city is expected: say which command runs it, not every field it lacks.
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const fields = input as Record<string, unknown>;
    if (!isCityInput(fields) && (Object.hasOwn(fields, 'mode') || Object.hasOwn(fields, 'world')))
      throw new ScenarioError(
        path,
        [
          {
            path: '',
            message:
              'is a scenario file (it has no districts), not a city: run it with govsim run, or make a city with govsim generate city',
          },
        ],
        'city',
      );
  }
  checkNotOtherKind(input, path, 'city', ['experiment', 'facts file']);
  return parseCity(input, path, options);
}

/** The columns of streets.csv after `district`, `street`, `seed`, `communities`, `households`: the headline measures. */
export const cityStreetColumns: readonly string[] = headlineMetrics.map((metric) => metric.key);

/** One street to run: its place in the city's order, and the run's replicate and weeks. */
export interface CityStreetTask {
  index: number;
  replicate: number;
  weeks: number | undefined;
}

/** A finished street's lines of communities.csv and its line of streets.csv. */
export interface CityStreetRows {
  index: number;
  communities: string;
  street: string;
}

/** Runs street `task.index` of `streets` and formats its rows (in this thread or a worker's). */
export function cityStreetRows(streets: readonly CityStreet[], task: CityStreetTask): CityStreetRows {
  return finishSteps(cityStreetRowsSteps(streets, task));
}

/** {@link cityStreetRows} in steps, yielding after each week of the street's run (the same rows). */
function* cityStreetRowsSteps(streets: readonly CityStreet[], task: CityStreetTask): Steps<CityStreetRows> {
  const street = yield* runCityStreetSteps(streets[task.index] as CityStreet, task.index, {
    replicate: task.replicate,
    ...(task.weeks === undefined ? {} : { weeks: task.weeks }),
  });
  let communities = '';
  for (const community of street.communities)
    communities += csvLine([street.district, street.street, ...communitySummaryColumns.map((column) => community[column])]);
  return {
    index: task.index,
    communities,
    street: csvLine([
      street.district,
      street.street,
      street.seed,
      street.communities.length,
      street.summary.households,
      ...cityStreetColumns.map((key) => summaryValue(street.summary, key)),
    ]),
  };
}

/** Options of {@link writeCityRun}: those of a city run, and what the manifest records. */
export interface CityWriteOptions extends CityRunOptions {
  /** Worker threads (default 1: every street in this thread); never more than the cores. */
  workers?: number;
  /** The city file, for the manifest. */
  source: string;
  /** The command that made the run, for the manifest. */
  command: string;
  /** Called after each street with (streets done, streets in all). */
  onProgress?: (done: number, total: number) => void;
  /** The shard this run is (its streets: index, index + count, …), recorded in the manifest; absent for the whole city. */
  shard?: { index: number; count: number };
  /** Told a line when the folder's lock is taken over from a command that is no longer running. */
  onNote?: (text: string) => void;
}

/** The options {@link writeCityRun} takes. */
const cityWriteOptionNames: ReadonlyArray<keyof CityWriteOptions> = [
  'replicate',
  'weeks',
  'includes',
  'workers',
  'source',
  'command',
  'onProgress',
  'shard',
  'onNote',
];

/**
 * Writes a city run's communities.csv and streets.csv in `directory` through
 * `write` (given the two open files) as temporary files, synced and renamed
 * into place only once `write` is done; on failure neither is left behind,
 * nor a temporary file.
 */
async function writeCityCsvFiles(
  directory: string,
  write: (files: { communities: FileHandle; streets: FileHandle }) => Promise<void>,
): Promise<void> {
  const targets = { communities: join(directory, 'communities.csv'), streets: join(directory, 'streets.csv') };
  const temporary = { communities: temporaryPath(targets.communities), streets: temporaryPath(targets.streets) };
  const handles: FileHandle[] = [];
  try {
    const communities = await open(temporary.communities, 'w');
    handles.push(communities);
    const streets = await open(temporary.streets, 'w');
    handles.push(streets);
    await write({ communities, streets });
    for (const handle of handles) await handle.sync();
    for (const handle of handles.splice(0)) await handle.close();
    await rename(temporary.communities, targets.communities);
    await rename(temporary.streets, targets.streets);
  } catch (error) {
    for (const handle of handles) await handle.close().catch(() => {});
    await rm(temporary.communities, { force: true });
    await rm(temporary.streets, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/**
 * Runs `city` street by street into `directory`: communities.csv,
 * streets.csv and manifest.json. Resolves to the paths written. The folder
 * is locked meanwhile (`govsim.lock`): a second command writing there is
 * refused, naming this one, as this one is when another holds it.
 * @throws ScenarioError naming the argument (`directory`, `city`, `city write options`) and the field, when one is not
 *   what it should be (`source` and `command` are required text), before the folder is touched
 */
export async function writeCityRun(directory: string, city: City, options: CityWriteOptions): Promise<string[]> {
  checkArgumentWith('directory', (check) => check.text(directory, '(top level)'), 'output folder');
  checkCity(city);
  checkArgumentWith('city write options', (check) => {
    const given = check.options(options, cityWriteOptionNames);
    if (!isRecord(options)) return;
    check.text(given.source, 'source');
    check.text(given.command, 'command');
    check.wholeNumber(given.workers, 'workers', 1, true);
    check.callback(given.includes, 'includes');
    check.callback(given.onNote, 'onNote');
    check.shard(given.shard, 'shard');
  });
  return writeInLockedFolder(directory, 'govsim city', options.onNote ?? (() => undefined), () =>
    writeCityRunFiles(directory, city, options),
  );
}

/** {@link writeCityRun}'s work, the folder's lock held. */
async function writeCityRunFiles(directory: string, city: City, options: CityWriteOptions): Promise<string[]> {
  await removeStaleTemporaryFiles([directory], { lockHeld: true });
  const ran = city.streets.map((_, index) => index).filter((index) => options.includes?.(index) ?? true);
  await writeCityCsvFiles(directory, async ({ communities, streets }) => {
    await communities.write(csvLine(['district', 'street', ...communitySummaryColumns]));
    await streets.write(csvLine(['district', 'street', 'seed', 'communities', 'households', ...cityStreetColumns]));
    const tasks = ran.map((index) => ({ index, replicate: options.replicate ?? 0, weeks: options.weeks }));
    let done = 0;
    await runStreetsInOrder(city, tasks, options.workers ?? 1, async (rows) => {
      await communities.write(rows.communities);
      await streets.write(rows.street);
      done++;
      options.onProgress?.(done, tasks.length);
    });
  });
  const manifest = join(directory, 'manifest.json');
  // The manifest records what decides the bytes; the number of workers does not.
  const names = ['communities.csv', 'streets.csv', 'manifest.json'];
  await writeFileAtomically(
    manifest,
    `${JSON.stringify(
      {
        govsim: govsimVersion(),
        city: city.name,
        cityFile: options.source,
        command: options.command,
        replicate: options.replicate ?? 0,
        weeks: options.weeks ?? city.streets[0]?.scenario.weeks ?? null,
        streets: city.streets.length,
        communities: city.communities,
        households: city.households,
        // Every street's scenario as run (the --mode included): shards of one run share it, and merge checks it.
        cityHash: cityHash(city),
        // A shard's folder holds some of the streets: which, and how much of the city that is.
        shard: options.shard ?? null,
        streetsRun: ran.length,
        communitiesRun: ran.reduce((total, index) => total + (city.streets[index]?.scenario.world.communities.length ?? 0), 0),
        householdsRun: ran.reduce(
          (total, index) =>
            total +
            (city.streets[index]?.scenario.world.communities.reduce((sum, community) => sum + community.households, 0) ?? 0),
          0,
        ),
        node: process.version,
        files: names,
      },
      null,
      2,
    )}\n`,
  );
  return names.map((name) => join(directory, name));
}

/**
 * Runs `tasks` on up to `workers` threads and hands each street's rows to
 * `write` in the tasks' order, keeping at most twice as many streets in
 * flight as there are workers (so memory stays bounded by a few streets).
 */
async function runStreetsInOrder(
  city: City,
  tasks: readonly CityStreetTask[],
  workers: number,
  write: (rows: CityStreetRows) => Promise<void>,
): Promise<void> {
  const pool = new WorkerPool<CityStreetTask, CityStreetRows>({
    module: 'city-worker',
    workerData: { streets: city.streets },
    size: Math.min(tasks.length, workerCount(workers)),
    // Without workers the streets run in this thread, pausing now and then so that Ctrl-C is answered within one.
    runHere: (task) => finishStepsPausing(cityStreetRowsSteps(city.streets, task)),
  });
  const window = 2 * Math.max(1, workerCount(workers));
  const inFlight: Array<Promise<CityStreetRows>> = [];
  let next = 0;
  const launch = () => {
    while (next < tasks.length && inFlight.length < window) {
      const running = pool.run(tasks[next++] as CityStreetTask);
      // Awaited in order below; a failure is reported there, not as an unhandled rejection meanwhile.
      running.catch(() => undefined);
      inFlight.push(running);
    }
  };
  try {
    await pool.start();
    launch();
    while (inFlight.length > 0) {
      const rows = await (inFlight.shift() as Promise<CityStreetRows>);
      await write(rows);
      launch();
    }
  } finally {
    await pool.close();
  }
}

/** A hash of every street's scenario as run (names, seeds, communities, mode and parameters): the city a run ran. */
function cityHash(city: City): string {
  return hashHex(canonicalJson(city.streets.map((street) => street.scenario)));
}

/** What a city run's manifest.json records, as far as a merge reads it. */
interface CityManifest {
  directory: string;
  path: string;
  govsim: string;
  city: string;
  cityFile: string;
  replicate: number;
  weeks: number | null;
  streets: number;
  communities: number;
  households: number;
  cityHash: string | undefined;
  /** The command line that made the run, where the manifest records it as text. */
  command: string | undefined;
  shard: { index: number; count: number } | null;
  streetsRun: number;
  communitiesRun: number;
  householdsRun: number;
}

/** The fields of a city run's manifest that the shards of one run share. */
const sharedManifestFields = [
  'govsim',
  'city',
  'cityFile',
  'replicate',
  'weeks',
  'streets',
  'communities',
  'households',
  'cityHash',
] as const;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Whether `directories` are a city run's folders for {@link mergeCityShards}
 * rather than a sweep's: none holds a sweep.json, and at least one a
 * manifest.json with a `city` field (what `govsim city` writes). A manifest
 * that cannot be read counts as none; the merge then says what is wrong with it.
 */
export async function areCityRunFolders(directories: readonly string[]): Promise<boolean> {
  if (directories.some((directory) => existsSync(join(directory, 'sweep.json')))) return false;
  for (const directory of directories) {
    try {
      const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as unknown;
      if (typeof manifest === 'object' && manifest !== null && typeof (manifest as { city?: unknown }).city === 'string')
        return true;
    } catch {
      // Not a city run's folder, or not a readable one.
    }
  }
  return false;
}

/**
 * The shard of a city run that `directory` holds, as its manifest.json records it: null for the whole city,
 * undefined where the folder holds no city run (no manifest, or another one).
 */
export async function heldCityShard(directory: string): Promise<{ index: number; count: number } | null | undefined> {
  return readCityManifest(directory).then(
    (manifest) => manifest.shard,
    () => undefined,
  );
}

/** Reads and checks a city run's manifest.json; anything else is a ScenarioError naming the folder or the field. */
async function readCityManifest(directory: string): Promise<CityManifest> {
  const path = join(directory, 'manifest.json');
  const kind = 'city run manifest';
  let value: unknown;
  try {
    value = await readJsonInput(path, kind);
  } catch (error) {
    if (error instanceof InputFileError && error.missing) {
      throw new ScenarioError(
        directory,
        [{ path: 'manifest.json', message: 'not found: not the folder of a city run (govsim city writes one)' }],
        'city shard folder',
      );
    }
    throw error;
  }
  const record = isRecord(value) ? value : {};
  if (typeof record.city !== 'string') {
    throw new ScenarioError(
      path,
      [{ path: 'city', message: 'missing: not the manifest of a city run (govsim city records the city’s name)' }],
      kind,
    );
  }
  const problems: ScenarioProblem[] = [];
  for (const key of ['govsim', 'cityFile'] as const)
    if (typeof record[key] !== 'string') problems.push({ path: key, message: 'expected a string' });
  for (const key of ['replicate', 'streets', 'communities', 'households', 'streetsRun', 'communitiesRun', 'householdsRun'])
    if (!isCount(record[key])) problems.push({ path: key, message: 'expected a whole number, 0 or more' });
  if (record.weeks !== null && !isCount(record.weeks))
    problems.push({ path: 'weeks', message: 'expected a whole number of weeks, or null' });
  if (record.cityHash !== undefined && typeof record.cityHash !== 'string')
    problems.push({ path: 'cityHash', message: 'expected a string' });
  const shard = record.shard as { index?: unknown; count?: unknown } | null | undefined;
  if (
    shard !== null &&
    (typeof shard !== 'object' || !isCount(shard.index) || !isCount(shard.count) || shard.count < 1 || shard.index >= shard.count)
  )
    problems.push({ path: 'shard', message: 'expected {"index": i, "count": n} with 0 ≤ i < n, or null for the whole city' });
  if (problems.length > 0) throw new ScenarioError(path, problems, kind);
  return {
    directory,
    path,
    govsim: record.govsim as string,
    city: record.city,
    cityFile: record.cityFile as string,
    replicate: record.replicate as number,
    weeks: record.weeks as number | null,
    streets: record.streets as number,
    communities: record.communities as number,
    households: record.households as number,
    cityHash: record.cityHash as string | undefined,
    command: typeof record.command === 'string' ? record.command : undefined,
    shard: shard === null || shard === undefined ? null : { index: shard.index as number, count: shard.count as number },
    streetsRun: record.streetsRun as number,
    communitiesRun: record.communitiesRun as number,
    householdsRun: record.householdsRun as number,
  };
}

/** One row of a CSV file as written: its text (line end included), where its bytes lie, and whether a line end closes it. */
interface CsvRecord {
  text: string;
  start: number;
  end: number;
  complete: boolean;
}

/**
 * Streams a CSV file's rows as written, byte for byte (a line end inside
 * quotes belongs to its row), with each row's place in the file, so that a
 * row can be copied without being parsed and written again.
 */
async function* csvRecords(path: string): AsyncGenerator<CsvRecord> {
  const stream = createReadStream(path);
  let parts: Buffer[] = [];
  let start = 0;
  let offset = 0;
  let quoted = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let index = 0; index < chunk.length; index++) {
        const byte = chunk[index];
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) {
          parts.push(chunk.subarray(from, index + 1));
          const end = offset + index + 1;
          yield { text: Buffer.concat(parts).toString('utf8'), start, end, complete: true };
          parts = [];
          start = end;
          from = index + 1;
        }
      }
      if (from < chunk.length) parts.push(chunk.subarray(from));
      offset += chunk.length;
    }
    if (start < offset) yield { text: Buffer.concat(parts).toString('utf8'), start, end: offset, complete: false };
  } finally {
    stream.destroy();
  }
}

/** The cells of one row of a shard's file, checked: whole, CSV, and (given `width`) as many cells as the header; else a ScenarioError. */
function recordCells(record: CsvRecord, width: number | undefined, directory: string, file: string, row: number): string[] {
  const fail = (message: string) => new ScenarioError(directory, [{ path: `${file} row ${row}`, message }], 'city shard folder');
  if (!record.complete) throw fail('ends in the middle of a row: the file is truncated; run the shard again');
  let rows: string[][];
  try {
    rows = parseCsvText(record.text);
  } catch {
    throw fail('is not a CSV row; run the shard again');
  }
  const cells = rows[0] ?? [];
  if (rows.length !== 1) throw fail('is not one CSV row; run the shard again');
  if (width !== undefined && cells.length !== width)
    throw fail(`has ${cells.length} cells, the header ${width}; run the shard again`);
  return cells;
}

/** The streets a shard of a city of `streets` streets runs: k, k + n, … below `streets`. */
function shardStreetCount(streets: number, shard: { index: number; count: number }): number {
  return shard.index < streets ? Math.floor((streets - 1 - shard.index) / shard.count) + 1 : 0;
}

/** One shard's streets, checked: each street's row of streets.csv, and where its rows of communities.csv lie. */
interface CheckedShard {
  manifest: CityManifest;
  streets: Array<{ row: string; communities: { start: number; end: number } }>;
  headers: { communities: string; streets: string };
  households: number;
  communities: number;
}

/**
 * The columns of a city run's files that hold numbers (or nothing, where a measure is undefined): every column it
 * writes but the names. A column of another name is left to the check of the headers against each other.
 */
const cityNumberColumns: ReadonlySet<string> = new Set(
  ['seed', 'communities', 'households', ...cityStreetColumns, ...communitySummaryColumns].filter((name) => name !== 'name'),
);

/** Reads and checks one shard's streets.csv and communities.csv against each other and its manifest. */
async function checkShardFiles(manifest: CityManifest, count: number): Promise<CheckedShard> {
  const { directory } = manifest;
  const fail = (file: string, message: string) => new ScenarioError(directory, [{ path: file, message }], 'city shard folder');
  // Every column but the names holds a number, or nothing where a measure is undefined: a cell edited or damaged
  // otherwise is refused here, as the sweep's `analyze` would refuse it later.
  const checkNumberCells = (cells: readonly string[], names: readonly string[], where: string) => {
    for (const [column, name] of names.entries()) {
      const cell = cells[column] as string;
      if (cityNumberColumns.has(name) && !isMetricCell(cell))
        throw fail(where, `holds "${cell}" for ${name}, where a number or an empty cell belongs; run the shard again`);
    }
  };
  for (const file of ['streets.csv', 'communities.csv'])
    if (!existsSync(join(directory, file))) throw fail(file, 'not found: the shard did not finish; run it again');

  // streets.csv: one row per street, few enough to hold.
  const streetRecords: CsvRecord[] = [];
  for await (const record of csvRecords(join(directory, 'streets.csv'))) streetRecords.push(record);
  const streetHeader = streetRecords.shift();
  if (streetHeader === undefined) throw fail('streets.csv', 'is empty: the shard did not finish; run it again');
  const header = recordCells(streetHeader, undefined, directory, 'streets.csv', 1);
  const columnOf = (name: string) => {
    const column = header.indexOf(name);
    if (column < 0) throw fail('streets.csv', `has no ${name} column in its header`);
    return column;
  };
  const [districtColumn, streetColumn, communitiesColumn, householdsColumn] = [
    columnOf('district'),
    columnOf('street'),
    columnOf('communities'),
    columnOf('households'),
  ];
  const expected = shardStreetCount(manifest.streets, manifest.shard ?? { index: 0, count });
  if (streetRecords.length !== manifest.streetsRun || streetRecords.length !== expected) {
    const shardText = manifest.shard === null ? 'the whole city' : `shard ${manifest.shard.index}/${manifest.shard.count}`;
    throw fail(
      'streets.csv',
      `has ${streetRecords.length} street rows, but its manifest's streetsRun is ${manifest.streetsRun} and ${shardText} of a city of ${manifest.streets} streets runs ${expected}; run the shard again`,
    );
  }
  const streets = streetRecords.map((record, index) => {
    const cells = recordCells(record, header.length, directory, 'streets.csv', index + 2);
    checkNumberCells(cells, header, `streets.csv row ${index + 2}`);
    const [communities, households] = [Number(cells[communitiesColumn]), Number(cells[householdsColumn])];
    if (!isCount(communities) || !isCount(households))
      throw fail(`streets.csv row ${index + 2}`, 'expected whole numbers of communities and households');
    return { record, district: cells[districtColumn], street: cells[streetColumn], communities, households };
  });
  const communityCount = streets.reduce((total, street) => total + street.communities, 0);
  const households = streets.reduce((total, street) => total + street.households, 0);
  if (communityCount !== manifest.communitiesRun || households !== manifest.householdsRun) {
    throw fail(
      'streets.csv',
      `its streets hold ${communityCount} communities and ${households} households, but its manifest's communitiesRun is ${manifest.communitiesRun} and householdsRun ${manifest.householdsRun}; run the shard again`,
    );
  }

  // communities.csv: streamed; each street's rows are the next `communities` rows, of its district and street.
  const spans: Array<{ start: number; end: number }> = [];
  let communityHeader: CsvRecord | undefined;
  let communityNames: string[] = [];
  let street = 0;
  let inStreet = 0;
  let row = 1;
  for await (const record of csvRecords(join(directory, 'communities.csv'))) {
    if (communityHeader === undefined) {
      communityHeader = record;
      communityNames = recordCells(record, undefined, directory, 'communities.csv', 1);
      continue;
    }
    row++;
    const cells = recordCells(record, communityNames.length, directory, 'communities.csv', row);
    checkNumberCells(cells, communityNames, `communities.csv row ${row}`);
    while (street < streets.length && (streets[street]?.communities ?? 0) === inStreet) {
      street++;
      inStreet = 0;
    }
    const owner = streets[street];
    if (owner === undefined)
      throw fail('communities.csv', `has more than the ${communityCount} community rows its streets.csv counts`);
    if (cells[0] !== owner.district || cells[1] !== owner.street) {
      throw fail(
        `communities.csv row ${row}`,
        `is a community of ${cells[0]}/${cells[1]}, but by streets.csv's communities column it should be one of ${owner.district}/${owner.street}`,
      );
    }
    if (inStreet === 0) spans[street] = { start: record.start, end: record.end };
    else (spans[street] as { end: number }).end = record.end;
    inStreet++;
  }
  if (communityHeader === undefined) throw fail('communities.csv', 'is empty: the shard did not finish; run it again');
  if (row - 1 !== communityCount) {
    throw fail(
      'communities.csv',
      `has ${row - 1} community rows, but the communities column of streets.csv adds up to ${communityCount}; the file is truncated or damaged: run the shard again`,
    );
  }
  return {
    manifest,
    streets: streets.map((entry, index) => ({
      row: entry.record.text,
      communities: spans[index] ?? { start: 0, end: 0 },
    })),
    headers: { communities: communityHeader.text, streets: streetHeader.text },
    households,
    communities: communityCount,
  };
}

/** How a value of a manifest reads in a message. */
function manifestValue(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/**
 * Combines the folders of a city run's shards (`govsim city --shard i/n`)
 * into exactly what one unsharded run would have written: communities.csv
 * and streets.csv byte for byte (street i is the (i div n)-th street of shard
 * i mod n, followed by its rows of communities.csv), and a manifest.json like
 * the whole run's (`shard` null, the whole city's `streetsRun`,
 * `communitiesRun` and `householdsRun`, and `merged`: the shards' folders).
 *
 * Everything is checked before anything is written, each failure a
 * ScenarioError naming the folder and the field: every folder holds a city
 * run's manifest; all are of one city, city file, city as run (`cityHash`),
 * replicate, number of weeks and govsim version; every folder is a shard
 * (the whole city's folder may only be merged alone), of one shard count,
 * none given twice and none missing (naming the missing ones); each
 * shard's streets.csv has as many rows as its manifest's `streetsRun` and
 * as its shard of the city runs, and its communities.csv the rows that the
 * streets' `communities` column adds up to, each of its street; the headers
 * are the same in every shard. Only then is `out` locked (made if need be)
 * and written, atomically: each file under a temporary name, flushed and
 * renamed into place, streamed (memory is bounded by one street's rows). On
 * failure `out` is left without temporary files, and removed when this call
 * made it. Resolves to the paths written.
 * @example
 * await mergeCityShards(['out/city-0', 'out/city-1', 'out/city-2'], 'out/city');
 * @throws ScenarioError naming the argument (`shard folders`, `out`, `merge options`) when `directories` is not a
 *   list of folder paths, `out` not one, or an option unknown or not of its type
 */
export async function mergeCityShards(
  directories: readonly string[],
  out: string,
  options: { command?: string; onNote?: (text: string) => void } = {},
): Promise<string[]> {
  checkMergeArguments(directories, out, options, ['command', 'onNote']);
  const source = `merge of ${directories.join(', ')}`;
  if (directories.length === 0)
    throw new ScenarioError('merge', [{ path: '', message: 'expected at least one shard folder' }], 'merge');
  // A folder that is not there, or a file given for one, is said to be that, not a folder without a manifest.
  for (const directory of directories) await checkInputFolder(directory, 'city shard folder');
  const manifests: CityManifest[] = [];
  for (const directory of directories) manifests.push(await readCityManifest(directory));
  const first = manifests[0] as CityManifest;
  for (const manifest of manifests.slice(1)) {
    for (const field of sharedManifestFields) {
      if (manifest[field] === first[field]) continue;
      // The path of the city file as typed (relative to where each shard ran, or absolute): with a cityHash on both,
      // the hash of every street's scenario says whether they are one city, whatever path named its file.
      if (field === 'cityFile' && manifest.cityHash !== undefined && first.cityHash !== undefined) continue;
      // A hash says only that the streets as run differ: the commands say how (another --mode, say).
      const commands =
        field === 'cityHash' && manifest.command !== undefined && first.command !== undefined
          ? ` (its streets' scenarios as run differ, as another --mode or a changed city file makes them: this shard was run by \`${manifest.command}\`, that one by \`${first.command}\`)`
          : '';
      const message =
        field === 'govsim'
          ? `was written by govsim ${manifest.govsim}, ${first.directory} by govsim ${first.govsim}: merge the shards of one govsim version`
          : `is ${manifestValue(manifest[field])}, but ${first.directory}'s is ${manifestValue(first[field])}${commands}: shards of one city run share it`;
      throw new ScenarioError(manifest.path, [{ path: field, message }], 'city run manifest');
    }
  }

  // Which shards are here: each once, of one count, none missing.
  const whole = manifests.find((manifest) => manifest.shard === null);
  if (whole !== undefined && manifests.length > 1) {
    throw new ScenarioError(
      whole.path,
      [
        {
          path: 'shard',
          message: 'is null: this folder holds the whole city, not a shard; merge the folders of one sharded run only',
        },
      ],
      'city run manifest',
    );
  }
  const shardOf = (manifest: CityManifest) => manifest.shard ?? { index: 0, count: 1 };
  const count = shardOf(first).count;
  const byIndex = new Map<number, CityManifest>();
  for (const manifest of manifests) {
    const shard = shardOf(manifest);
    if (shard.count !== count) {
      throw new ScenarioError(
        manifest.path,
        [
          {
            path: 'shard',
            message: `is ${shard.index}/${shard.count}, but ${first.directory}'s is ${shardOf(first).index}/${count}: shards of different counts split the city differently`,
          },
        ],
        'city run manifest',
      );
    }
    const earlier = byIndex.get(shard.index);
    if (earlier !== undefined) {
      throw new ScenarioError(
        manifest.path,
        [
          {
            path: 'shard',
            message: `is ${shard.index}/${count}, as is ${earlier.directory}'s: give each shard's folder once`,
          },
        ],
        'city run manifest',
      );
    }
    byIndex.set(shard.index, manifest);
  }
  const absent = Array.from({ length: count }, (_, index) => index).filter((index) => !byIndex.has(index));
  if (absent.length > 0) {
    throw new ScenarioError(
      source,
      [
        {
          path: 'shard',
          message: missingShardsMessage(absent, count),
        },
      ],
      'merge',
    );
  }
  // The same folder however it is named: through a link, or with a trailing slash.
  const outFolder = await realFolder(out);
  if ((await Promise.all(directories.map(realFolder))).includes(outFolder)) {
    throw new ScenarioError(out, [{ path: '', message: 'is one of the shard folders; choose another --out' }], 'output folder');
  }

  // Every shard's files, checked, in shard order.
  const shards: CheckedShard[] = [];
  for (let index = 0; index < count; index++) {
    const shard = await checkShardFiles(byIndex.get(index) as CityManifest, count);
    const reference = shards[0];
    if (reference !== undefined) {
      for (const file of ['communities', 'streets'] as const) {
        if (shard.headers[file] !== reference.headers[file]) {
          throw new ScenarioError(
            shard.manifest.directory,
            [{ path: `${file}.csv`, message: `has another header than ${reference.manifest.directory}'s ${file}.csv` }],
            'city shard folder',
          );
        }
      }
    }
    shards.push(shard);
  }
  const communities = shards.reduce((total, shard) => total + shard.communities, 0);
  const households = shards.reduce((total, shard) => total + shard.households, 0);
  if (communities !== first.communities || households !== first.households) {
    throw new ScenarioError(
      source,
      [
        {
          path: 'streets.csv',
          message: `the shards' streets hold ${communities} communities and ${households} households, but the city has ${first.communities} and ${first.households}`,
        },
      ],
      'merge',
    );
  }

  // A folder this merge made holds nothing worth keeping when the merge fails.
  const note = options.onNote ?? ((text: string) => process.stderr.write(text));
  return writeInLockedFolder(out, 'govsim merge', note, async () => {
    await removeStaleTemporaryFiles([out], { lockHeld: true });
    // Each shard's communities.csv is read once, a street's rows at a time, from the positions checked above.
    const inputs: FileHandle[] = [];
    try {
      for (const shard of shards) inputs.push(await open(join(shard.manifest.directory, 'communities.csv'), 'r'));
      await writeCityCsvFiles(out, async (files) => {
        const reference = shards[0] as CheckedShard;
        await files.communities.write(reference.headers.communities);
        await files.streets.write(reference.headers.streets);
        for (let street = 0; street < first.streets; street++) {
          const shard = shards[street % count] as CheckedShard;
          const entry = shard.streets[Math.floor(street / count)] as CheckedShard['streets'][number];
          await files.streets.write(entry.row);
          const { start, end } = entry.communities;
          if (end <= start) continue;
          const bytes = Buffer.alloc(end - start);
          const { bytesRead } = await (inputs[street % count] as FileHandle).read(bytes, 0, bytes.length, start);
          if (bytesRead !== bytes.length) {
            throw new ScenarioError(
              shard.manifest.directory,
              [{ path: 'communities.csv', message: 'changed while it was merged; merge again' }],
              'city shard folder',
            );
          }
          await files.communities.write(bytes);
        }
      });
    } finally {
      for (const input of inputs) await input.close();
    }
    const names = ['communities.csv', 'streets.csv', 'manifest.json'];
    await writeFileAtomically(
      join(out, 'manifest.json'),
      `${JSON.stringify(
        {
          govsim: first.govsim,
          city: first.city,
          cityFile: first.cityFile,
          command: options.command ?? `govsim merge ${directories.join(' ')} --out ${out}`,
          replicate: first.replicate,
          weeks: first.weeks,
          streets: first.streets,
          communities: first.communities,
          households: first.households,
          ...(first.cityHash === undefined ? {} : { cityHash: first.cityHash }),
          shard: null,
          streetsRun: first.streets,
          communitiesRun: communities,
          householdsRun: households,
          node: process.version,
          files: names,
          // The shards' folders, in shard order.
          merged: shards.map((shard) => shard.manifest.directory),
        },
        null,
        2,
      )}\n`,
    );
    return names.map((name) => join(out, name));
  });
}
