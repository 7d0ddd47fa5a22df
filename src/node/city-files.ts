/**
 * A city run on disk: each street's rows are appended to communities.csv (one
 * row per community) and streets.csv (one row per street: its headline
 * measures) as soon as the street finishes, so no run holds the city; both
 * files are written under temporary names and renamed into place, with
 * manifest.json, only when every street is done — a reader never sees half a
 * city, and an interrupted run leaves nothing but removable temporary files.
 */
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from '../core/index.js';
import { type City, parseCity } from '../generators/index.js';
import { communitySummaryColumns } from '../metrics/index.js';
import type { ModeInput } from '../scenario/index.js';
import { type CityRunOptions, headlineMetrics, runCity, summaryValue } from '../simulation/index.js';
import { makeFolder, removeStaleTemporaryFiles, syncDirectory, temporaryPath, writeFileAtomically } from './atomic-files.js';
import { readJsonInput } from './input-file.js';
import { govsimVersion } from './version.js';

/** Reads and validates a city file; with `mode`, every street runs under that mode throughout. */
export async function loadCityFile(path: string, options: { mode?: ModeInput } = {}): Promise<City> {
  const input = await readJsonInput(path, 'city');
  return parseCity(input, path, options);
}

/** The columns of streets.csv after `district`, `street`, `seed`, `communities`, `households`: the headline measures. */
export const cityStreetColumns: readonly string[] = headlineMetrics.map((metric) => metric.key);

export interface CityWriteOptions extends CityRunOptions {
  /** The city file, for the manifest. */
  source: string;
  /** The command that made the run, for the manifest. */
  command: string;
  /** Called after each street with (streets done, streets in all). */
  onProgress?: (done: number, total: number) => void;
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
  try {
    const communities = await open(temporary.communities, 'w');
    handles.push(communities);
    const streets = await open(temporary.streets, 'w');
    handles.push(streets);
    await communities.write(csvLine(['district', 'street', ...communitySummaryColumns]));
    await streets.write(csvLine(['district', 'street', 'seed', 'communities', 'households', ...cityStreetColumns]));
    const total =
      options.includes === undefined ? city.streets.length : city.streets.filter((_, index) => options.includes?.(index)).length;
    let done = 0;
    await runCity(
      city,
      async (street) => {
        let rows = '';
        for (const community of street.communities)
          rows += csvLine([street.district, street.street, ...communitySummaryColumns.map((column) => community[column])]);
        await communities.write(rows);
        await streets.write(
          csvLine([
            street.district,
            street.street,
            street.seed,
            street.communities.length,
            street.summary.households,
            ...cityStreetColumns.map((key) => summaryValue(street.summary, key)),
          ]),
        );
        done++;
        options.onProgress?.(done, total);
      },
      options,
    );
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
        node: process.version,
        files: names,
      },
      null,
      2,
    )}\n`,
  );
  return names.map((name) => join(directory, name));
}
