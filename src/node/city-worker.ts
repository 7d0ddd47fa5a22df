/**
 * A city worker thread: receives the city's streets once, then runs the
 * streets the main thread sends, one at a time, and posts back each street's
 * rows of communities.csv and streets.csv (see city-files.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CityStreet } from '../generators/index.js';
import { parseScenario } from '../scenario/index.js';
import { type CityStreetTask, cityStreetRows } from './city-files.js';

// Structured cloning leaves the parsed scenarios unfrozen: parsing them again gives the same scenarios, frozen.
const streets = (workerData as { streets: CityStreet[] }).streets.map((street) => ({
  ...street,
  scenario: parseScenario(street.scenario, `${street.district}/${street.street}`),
}));

parentPort?.on('message', (task: CityStreetTask) => {
  parentPort?.postMessage(cityStreetRows(streets, task));
});
