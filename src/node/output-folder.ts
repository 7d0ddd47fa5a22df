/**
 * What an output folder already holds, judged by the files govsim writes
 * there, so that a command refuses, before it computes anything, a `--out`
 * where its files would break or mix with others: a file, a case folder
 * (whose every `.json` is read as a scenario), or another command's output.
 */
import { constants } from 'node:fs';
import { access, lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { ScenarioError } from '../scenario/index.js';
import { FolderInUseError, folderHolder } from './folder-lock.js';
import { robustnessProgressFile } from './progress-file.js';
import { shippedCitiesDirectory, shippedExperimentsDirectory, shippedScenariosDirectory } from './shipped.js';
import { isSystemError, systemErrorReason } from './system-error.js';

/** The folders govsim writes, by the command that writes them. */
export type OutputKind = 'run' | 'report' | 'robustness' | 'sweep' | 'sweep analysis' | 'city run' | 'comparison';

/** An output kind in words, as a noun: "a robustness run", not "a robustness". */
function outputWords(kind: FolderContents): string {
  return kind === 'robustness' ? 'robustness run' : kind;
}

/** What a folder holds: nothing yet, a file, a case folder, one command's output, or files of no kind govsim knows. */
export type FolderContents = 'missing' | 'broken link' | 'file' | 'empty' | 'case folder' | OutputKind | 'other';

/** A folder's real path (through links, without a trailing slash); its resolved path when it does not exist. */
export async function realFolder(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** The kind of output a manifest.json belongs to, by the fields only that kind records. */
function manifestKind(manifest: unknown): OutputKind | undefined {
  if (manifest === null || typeof manifest !== 'object') return undefined;
  const fields = manifest as Record<string, unknown>;
  if ('cityHash' in fields || 'cityFile' in fields) return 'city run';
  if ('observedFacts' in fields) return 'robustness';
  if ('seeds' in fields && 'scenarios' in fields) return 'report';
  if ('scenarioHash' in fields) return 'run';
  return undefined;
}

export { robustnessProgressFile };

/**
 * What `directory` holds: `missing`, a `broken link`, `file`, `empty`, a `case folder`
 * (facts.json), a sweep (sweep.json), a street comparison (comparison.json
 * and stages.csv), a sweep analysis (analysis.md and summary.csv), the output
 * whose manifest.json it holds, or `other`.
 */
export async function folderContents(directory: string): Promise<FolderContents> {
  const found = await stat(directory).catch(() => undefined);
  if (found === undefined) return (await lstat(directory).catch(() => undefined)) === undefined ? 'missing' : 'broken link';
  if (!found.isDirectory()) return 'file';
  const names = await readdir(directory);
  if (names.length === 0) return 'empty';
  if (names.includes('facts.json')) return 'case folder';
  if (names.includes('sweep.json')) return 'sweep';
  if (names.includes('comparison.json') && names.includes('stages.csv')) return 'comparison';
  if (names.includes('analysis.md') && names.includes('summary.csv')) return 'sweep analysis';
  // A robustness run stopped part way holds what it finished, before it has a manifest.
  if (names.includes(robustnessProgressFile)) return 'robustness';
  if (names.includes('manifest.json')) {
    try {
      return manifestKind(JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'))) ?? 'other';
    } catch {
      return 'other';
    }
  }
  return 'other';
}

/** The real path of `path` where it exists, or of the nearest folder above it that does, with the rest of the path. */
async function realPathAsFarAsItGoes(path: string): Promise<string> {
  const absolute = resolve(path);
  for (let existing = absolute; ; existing = dirname(existing)) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) return join(real, relative(existing, absolute));
    if (dirname(existing) === existing) return absolute;
  }
}

/**
 * Refuses, as bad input, govsim's own folders of shipped scenarios and experiments, and any folder inside them (by
 * real path, through links): every `.json` there is offered by name as a shipped scenario or experiment (`govsim
 * list`), so a run's manifest.json and summary.json would be listed and run as scenarios, as a case folder's files
 * would be read with its scenarios. A folder of one's own that holds scenario files is not refused: govsim reads no
 * such folder as a whole.
 */
async function checkNotShipped(directory: string, kind: OutputKind, refuse: (message: string) => never): Promise<void> {
  const real = await realPathAsFarAsItGoes(directory);
  for (const [shipped, what] of [
    [shippedScenariosDirectory(), 'scenarios'],
    [shippedExperimentsDirectory(), 'experiments'],
  ] as const) {
    const root = await realFolder(shipped);
    if (real === root)
      refuse(
        `is govsim's folder of shipped ${what}, each .json of which govsim list offers by name: the ${outputWords(kind)}'s files would be taken for ${what}`,
      );
    if (real.startsWith(`${root}${sep}`))
      // The advice to choose another --out is the refusal's own: said once.
      refuse(`is inside govsim's folder of shipped ${what} (${shipped}), whose files are govsim's own`);
  }
}

/** Whether `text` parses as JSON. */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The outputs that write a manifest.json of their own. */
const manifestWriters: ReadonlySet<OutputKind> = new Set<OutputKind>(['run', 'report', 'robustness', 'city run']);

/**
 * The files every output of a kind writes at the top of its folder: a folder of one's own holding one of these would
 * have it replaced without a word. (What only some outputs write — a street run's communities.csv, an analysis's
 * paired.csv — and what goes into folders of the output's — a report's charts/ and data/, an analysis's charts/,
 * whose other files are left alone — are not listed. A sweep takes an empty folder or its own.)
 */
const outputFileNames: Partial<Record<OutputKind, readonly string[]>> = {
  run: ['weeks.csv', 'summary.json'],
  report: ['index.html', 'report.md'],
  robustness: ['facts.csv', 'draws.csv', 'contrasts.csv', 'pairs.csv', 'index.html'],
  comparison: ['stages.csv', 'communities.csv', 'comparison.json'],
  'sweep analysis': ['summary.csv', 'analysis.md'],
  'city run': ['communities.csv', 'streets.csv'],
};

/** The kinds of folder that hold a command's output. */
const outputKinds: ReadonlySet<FolderContents> = new Set<OutputKind>([
  'run',
  'report',
  'robustness',
  'sweep',
  'sweep analysis',
  'city run',
  'comparison',
]);

/** How a message names a folder of a command's output (`robustness run`, `sweep analysis`); undefined for anything else. */
export function outputKindWords(contents: FolderContents): string | undefined {
  return outputKinds.has(contents) ? outputWords(contents) : undefined;
}

/**
 * Refuses, as bad input, a folder inside another command's output (a sweep's `chunks/`, a report's `data/`): its
 * files would be mixed with that output's, and a later run of that command would read or replace them. A sweep's
 * analysis may be a folder of its own directly in its sweep's folder (its default, `<sweep>/analysis`), but not the
 * folder of the sweep's units (`chunks`).
 */
async function checkNotInsideOutput(directory: string, kind: OutputKind, refuse: (message: string) => never): Promise<void> {
  const real = await realPathAsFarAsItGoes(directory);
  for (let parent = dirname(real); ; parent = dirname(parent)) {
    const contents = await folderContents(parent);
    const analysisOfSweep =
      kind === 'sweep analysis' && contents === 'sweep' && parent === dirname(real) && basename(real) !== 'chunks';
    if (outputKinds.has(contents) && !analysisOfSweep)
      refuse(`is inside a ${outputWords(contents)} (${parent}): the ${outputWords(kind)}'s files would be mixed with its files`);
    if (dirname(parent) === parent) return;
  }
}

/** Refuses, as bad input, a folder `directory` whose path goes through a file (it could not be made). */
async function checkFolderCanBeMade(directory: string, refuse: (message: string) => never): Promise<void> {
  for (let parent = resolve(directory); ; parent = dirname(parent)) {
    const found = await stat(parent).catch(() => undefined);
    if (found !== undefined) {
      if (!found.isDirectory()) refuse(`cannot be made: ${parent} is a file, not a folder`);
      // A folder that is there already need not be made: it is said to be one that cannot be written in.
      return checkWritable(parent, parent === resolve(directory) ? '' : 'cannot be made: ', refuse);
    }
    if (dirname(parent) === parent) return;
  }
}

/**
 * Refuses a folder this process may not write in (no permission to write or to search it, a read-only file
 * system, a folder made immutable): found before any work is done rather than when the first file is written.
 */
async function checkWritable(folder: string, prefix: string, refuse: (message: string) => never): Promise<void> {
  // Making a file in a folder takes both: writing its list of names, and searching it.
  const failure = await access(folder, constants.W_OK | constants.X_OK).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (failure === undefined) return;
  refuse(`${prefix}${folder} cannot be written in: ${isSystemError(failure) ? systemErrorReason(failure) : String(failure)}`);
}

/**
 * What an `--out` file holds: a scenario (a case folder, or govsim's folder of shipped scenarios, may take one), a city
 * or an experiment (govsim's folders of shipped cities and experiments may take one), or anything else.
 */
export type OutputFileContent = 'scenario' | 'city' | 'experiment' | 'other';

/**
 * What `govsim list` would offer a `.json` file at `path` as (its folder's real path one of govsim's shipped folders,
 * the file not a `.schema.json`), by name; undefined for a file elsewhere.
 */
async function shippedListing(path: string): Promise<'scenario' | 'city' | 'experiment' | undefined> {
  // As `govsim list` reads the folders (shipped.ts): a name ending in `.json`, not a schema, not a case's facts.
  const name = basename(path);
  if (!name.endsWith('.json') || name.endsWith('.schema.json') || name === 'facts.json') return undefined;
  const folder = await realPathAsFarAsItGoes(dirname(resolve(path)));
  for (const [shipped, listed] of [
    [shippedScenariosDirectory(), 'scenario'],
    [shippedCitiesDirectory(), 'city'],
    [shippedExperimentsDirectory(), 'experiment'],
  ] as const)
    if (folder === (await realFolder(shipped))) return listed;
  return undefined;
}

/**
 * Refuses, as bad input (a ScenarioError of the output file, exit code 2),
 * an `--out` file that is a folder (or ends in a separator, as a folder's path
 * may), a `.json` file in a case folder (read with its scenarios) unless it is a
 * scenario and not the folder's facts.json, a `.json` file (not a `.schema.json`)
 * in govsim's folders of shipped scenarios, cities or experiments unless it is
 * what `govsim list` would offer it as, or whose folder cannot be made (a part of
 * its path is a file, or the folder it would go in cannot be written in, as
 * the folder of a file to write over must be: it is replaced atomically). A
 * missing file, a file to write over or a device (`/dev/stdout`) is accepted.
 *
 * @param option the option that named the file, for the message
 * @param content what the file will hold: a scenario may go into a case folder or the shipped scenarios' folder, a
 *   city into the shipped cities', an experiment into the shipped experiments'
 */
export async function checkOutputFile(path: string, option = '--out', content: OutputFileContent = 'other'): Promise<void> {
  const refuse = (message: string): never => {
    throw new ScenarioError(
      path === '' ? `${option} ""` : path,
      [{ path: '', message: `${message}; choose another ${option}` }],
      'output file',
    );
  };
  if (path === '') refuse('is empty: expected the path of a file');
  // A path ending in a separator names a folder, even one not there yet: the file would take the folder's name.
  if (path.endsWith('/') || path.endsWith(sep)) refuse('ends in a separator, which names a folder: expected a file to write');
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory()) refuse('is a folder, expected a file to write');
  // A case folder reads each of its .json files as a scenario, or as its facts: only a scenario belongs there, and not
  // in the place of the facts.
  const inCaseFolder =
    extname(path).toLowerCase() === '.json' &&
    (await stat(join(dirname(resolve(path)), 'facts.json')).catch(() => undefined))?.isFile() === true;
  if (inCaseFolder && (content !== 'scenario' || basename(path) === 'facts.json'))
    refuse(
      content === 'scenario'
        ? 'is the facts file of a case folder: a scenario written there would take the place of its facts'
        : 'is in a case folder (its folder holds facts.json), which reads each .json file in it as a scenario or as its facts',
    );
  // govsim list offers every .json of its shipped folders by name: only what it would offer it as may go there.
  const listed = await shippedListing(path);
  if (listed !== undefined && content !== listed)
    refuse(
      `is in govsim's folder of shipped ${listed === 'city' ? 'cities' : `${listed}s`}, each .json file of which govsim list offers by name as ${listed === 'experiment' ? 'an' : 'a'} ${listed}`,
    );
  if (found === undefined && (await lstat(path).catch(() => undefined)) !== undefined) refuse('is a symbolic link to nothing');
  if (found === undefined) await checkFolderCanBeMade(dirname(resolve(path)), (message) => refuse(`its folder ${message}`));
  // A file written over is replaced atomically (a new file beside it, renamed over it): its folder must take one. A
  // device (/dev/stdout) is written in place.
  else if (found.isFile()) await checkWritable(dirname(await realpath(path)), 'its folder ', refuse);
}

/**
 * Refuses, as bad input (a ScenarioError of the output folder, exit code 2),
 * a `--out` that `kind`'s files cannot be written to as they should: a file
 * or a path through one, a folder this process cannot write in (or, for a
 * folder to be made, cannot write in the folder it would go in), a case
 * folder, govsim's folder of shipped scenarios or experiments or a folder
 * inside one, a folder inside a command's output (a sweep's `chunks/`), or a
 * folder holding another kind of output (its files would be
 * overwritten by some of this one's, and the rest left beside them). A folder
 * that is missing, empty, of the same kind or of files govsim does not know is
 * accepted.
 *
 * @param option the option that named the folder, for the message
 */
export async function checkOutputFolder(directory: string, kind: OutputKind, option = '--out'): Promise<void> {
  const refuse = (message: string): never => {
    throw new ScenarioError(
      directory === '' ? `${option} ""` : directory,
      [{ path: '', message: `${message}; choose another ${option}` }],
      'output folder',
    );
  };
  if (directory === '') refuse('is empty: expected the path of a folder');
  const contents = await folderContents(directory);
  if (contents === 'file') refuse('is a file, not a folder');
  if (contents === 'broken link') refuse('is a symbolic link to nothing');
  // The folder will be made: every part of its path that exists must be a folder.
  if (contents === 'missing') {
    await checkNotShipped(directory, kind, refuse);
    await checkNotInsideOutput(directory, kind, refuse);
    return checkFolderCanBeMade(directory, refuse);
  }
  if (contents === 'case folder')
    refuse(`is a case folder (it holds facts.json): the ${outputWords(kind)}'s files would be read with its scenarios`);
  // A command writing there now (a sweep, a robustness run, a city run) holds its lock: the two would mix their files.
  // A sweep or robustness run takes the lock itself at once, saying more where the holder may be a shard of its own.
  // The lock of this process is that of the write this check is part of (writeRunOutputs inside the command's lock).
  if (kind !== 'sweep' && kind !== 'robustness') {
    const holder = await folderHolder(directory);
    if (holder !== undefined && !(holder.pid === process.pid && holder.host === hostname()))
      throw new FolderInUseError(directory, holder);
  }
  await checkNotShipped(directory, kind, refuse);
  await checkNotInsideOutput(directory, kind, refuse);
  if (contents !== 'empty' && contents !== 'other' && contents !== kind)
    refuse(`holds a ${outputWords(contents)}: writing a ${outputWords(kind)} there would mix the two`);
  // A manifest.json of something else (a web project's, a tool's), or one cut short: the output's own would replace it.
  const manifest =
    contents === 'other' && manifestWriters.has(kind)
      ? await readFile(join(directory, 'manifest.json'), 'utf8').catch(() => undefined)
      : undefined;
  if (manifest !== undefined)
    refuse(
      `holds a manifest.json that is ${isJson(manifest) ? "no govsim output's" : "not JSON (cut short, or another tool's)"}: the ${outputWords(kind)}'s own manifest.json would replace it`,
    );
  // Files of one's own named as the output's would be replaced: only an earlier output of this kind (its record says
  // so) is. A command stopped while renaming its files into place leaves some without their record: those go too.
  if (contents === 'other') {
    const names = await readdir(directory);
    const taken = (outputFileNames[kind] ?? []).filter((name) => names.includes(name));
    if (taken.length > 0)
      refuse(
        `holds ${taken.join(', ')} of its own, which the ${outputWords(kind)} would replace: no govsim ${outputWords(kind)} was written there (if one was stopped while writing, remove ${taken.length === 1 ? 'it' : 'them'})`,
      );
  }
  await checkWritable(resolve(directory), '', refuse);
}
