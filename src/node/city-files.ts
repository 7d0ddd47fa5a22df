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
 */
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from '../core/index.js';
import { type City, type CityStreet, parseCity } from '../generators/index.js';
import { communitySummaryColumns } from '../metrics/index.js';
import type { ModeInput } from '../scenario/index.js';
import { type CityRunOptions, headlineMetrics, runCityStreet, summaryValue } from '../simulation/index.js';
import { makeFolder, removeStaleTemporaryFiles, syncDirectory, temporaryPath, writeFileAtomically } from './atomic-files.js';
import { readJsonInput } from './input-file.js';
import { workerCount } from './sweep.js';
import { govsimVersion } from './version.js';
import { WorkerPool } from './worker-pool.js';

/** Reads and validates a city file; with `mode`, every street runs under that mode throughout. */
export async function loadCityFile(path: string, options: { mode?: ModeInput } = {}): Promise<City> {
  const input = await readJsonInput(path, 'city');
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
  const street = runCityStreet(streets[task.index] as CityStreet, task.index, {
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
}

/**
 * Runs `city` street by street into `directory`: communities.csv,
 * streets.csv and manifest.json. Resolves to the paths written.
 */
export async function writeCityRun(directory: string, city: City, options: CityWriteOptions): Promise<string[]> {
  await makeFolder(directory);
  await removeStaleTemporaryFiles([directory], { lockHeld: false });
  const targets = { communities: join(directory, 'communities.csv'), streets: join(directory, 'streets.csv') };
  const temporary = { communities: temporaryPath(targets.communities), streets: temporaryPath(targets.streets) };
  const handles: FileHandle[] = [];
  let ran: number[] = [];
  try {
    const communities = await open(temporary.communities, 'w');
    handles.push(communities);
    const streets = await open(temporary.streets, 'w');
    handles.push(streets);
    await communities.write(csvLine(['district', 'street', ...communitySummaryColumns]));
    await streets.write(csvLine(['district', 'street', 'seed', 'communities', 'households', ...cityStreetColumns]));
    const indices = city.streets.map((_, index) => index).filter((index) => options.includes?.(index) ?? true);
    ran = indices;
    const tasks = indices.map((index) => ({ index, replicate: options.replicate ?? 0, weeks: options.weeks }));
    let done = 0;
    await runStreetsInOrder(city, tasks, options.workers ?? 1, async (rows) => {
      await communities.write(rows.communities);
      await streets.write(rows.street);
      done++;
      options.onProgress?.(done, tasks.length);
    });
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
    runHere: (task) => cityStreetRows(city.streets, task),
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
