/**
 * What a robustness run has done so far, kept in its output folder as it
 * goes, so that an interrupted run (a crash, Ctrl-C, a job out of time) can
 * be finished with `--resume` rather than begun again.
 *
 *   robustness-progress.jsonl   a first line naming the analysis (govsim version, a hash of the facts, the
 *                               scenarios, the draws and the replicates, and the shard, if the run is one), then
 *                               one line per finished unit of work: the analysis's hash again, its index and its
 *                               outcome
 *
 * The file is begun with the first finished unit. A draw's outcome depends
 * on nothing but its values, so outcomes taken from the file and outcomes
 * computed now give the same files, byte for byte, as a run that was never
 * interrupted. Numbers that JSON cannot hold (NaN, ±∞, −0) are written as
 * strings and read back as the same numbers. A line that cannot be used — cut
 * short by the interruption, of another analysis, of the wrong shape for this
 * one's facts — is left out and its unit run again (counted, for a note). The
 * file is removed once the run's files are written.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/index.js';
import { ScenarioError } from '../scenario/index.js';
import { type Draw, type DrawOutcome, type FactsFile, factStatuses } from '../validation/index.js';
import { robustnessProgressFile } from './output-folder.js';
import type { Shard } from './shard.js';

/** Scenario inputs by key, in key order: what a hash of them must not take the order they were given in from. */
function scenariosInKeyOrder(inputs: ReadonlyMap<string, unknown>): Record<string, unknown> {
  return Object.fromEntries([...inputs].sort(([left], [right]) => left.localeCompare(right)));
}

/** A hash of a case's facts and the inputs of the scenarios they name, whatever order the scenarios come in. */
export function caseContentHash(facts: FactsFile, inputs: ReadonlyMap<string, unknown>): string {
  const scenarios = scenariosInKeyOrder(inputs);
  return createHash('sha256').update(canonicalJson({ facts, scenarios })).digest('hex').slice(0, 32);
}

/** What names one robustness analysis: two runs with the same key give the same outcomes, unit by unit. */
export function robustnessRunKey(
  version: string,
  facts: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  draws: readonly Draw[],
  replicates: number,
  modelHash?: string,
): string {
  const scenarios = scenariosInKeyOrder(inputs);
  // Without a model module the key is what it always was; with one, the hash of its text names it too.
  const named =
    modelHash === undefined
      ? { version, facts, scenarios, draws, replicates }
      : { version, facts, scenarios, draws, replicates, model: modelHash };
  return createHash('sha256').update(canonicalJson(named)).digest('hex').slice(0, 32);
}

/** A number as JSON holds it: itself when finite and not −0, else its name as a string. */
function encodeNumber(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return value;
}

const namedNumbers: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

/** What every outcome of an analysis looks like: its facts' ids, in order, and how many contrast metrics it has. */
export interface OutcomeShape {
  factIds: readonly number[];
  contrasts: number;
}

/** The analysis a progress file is kept for. */
export interface ProgressIdentity {
  /** {@link robustnessRunKey} of the analysis. */
  key: string;
  version: string;
  /** Units of work of the whole analysis: the draws, then the defaults. */
  units: number;
  shape: OutcomeShape;
  /** The shard a run is, if it is one. */
  shard?: Shard;
  /** The options that set the draws and replicates, as the command line gives them (`--samples 60 --replicates 40 --seed 1`). */
  settings?: string;
}

/** How much of the key each unit's line carries: enough that a line of another analysis is not taken for one of this. */
const lineKeyLength = 16;

/** A count that is a whole number, at least 0. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** An outcome read back from its line, if it has the analysis's shape: the numbers {@link encodeNumber} named become numbers again. */
function decodeOutcome(value: unknown, shape: OutcomeShape): DrawOutcome | undefined {
  const outcome = value as { facts?: unknown; contrasts?: unknown } | null;
  if (outcome === null || typeof outcome !== 'object' || !Array.isArray(outcome.facts) || !Array.isArray(outcome.contrasts))
    return undefined;
  if (outcome.facts.length !== shape.factIds.length || outcome.contrasts.length !== shape.contrasts) return undefined;
  const number = (cell: unknown): number | undefined =>
    typeof cell === 'number' ? cell : typeof cell === 'string' ? namedNumbers[cell] : undefined;
  const contrasts = outcome.contrasts.map(number);
  if (contrasts.some((cell) => cell === undefined)) return undefined;
  const facts: DrawOutcome['facts'] = [];
  for (const [index, fact] of (outcome.facts as Array<Record<string, unknown> | null>).entries()) {
    if (fact === null || typeof fact !== 'object') return undefined;
    const share = number(fact.share);
    const shareFits = share !== undefined && (Number.isNaN(share) || (share >= 0 && share <= 1));
    if (!shareFits || fact.id !== shape.factIds[index] || !(factStatuses as readonly unknown[]).includes(fact.status))
      return undefined;
    if (!isCount(fact.applicable) || !isCount(fact.notApplicable)) return undefined;
    facts.push({
      id: fact.id as number,
      status: fact.status as DrawOutcome['facts'][number]['status'],
      share,
      applicable: fact.applicable,
      notApplicable: fact.notApplicable,
    });
  }
  return { facts, contrasts: contrasts as number[] };
}

function refuseProgress(directory: string, message: string): never {
  throw new ScenarioError(directory, [{ path: robustnessProgressFile, message }], 'robustness folder');
}

/**
 * The text of a folder's progress file: empty when there is none.
 * @throws ScenarioError naming the file when it is not a regular file (a folder, a named pipe, which reading would wait on)
 */
async function progressText(directory: string): Promise<string> {
  const path = join(directory, robustnessProgressFile);
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) return '';
  if (!found.isFile()) refuseProgress(directory, 'is not a regular file; remove it, or choose another folder');
  return await readFile(path, 'utf8');
}

/** Lines after the first that hold anything: finished units, or a last one cut short by an interruption. */
function unitLines(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
}

/** The first line of a progress file: what it was kept for. */
interface ProgressHeader {
  govsim: string;
  key: string;
  shard: Shard | null;
  /** {@link ProgressIdentity.settings} of the run that wrote it (absent before 0.23.0). */
  settings?: string;
}

function readHeader(directory: string, text: string): ProgressHeader {
  let found: unknown;
  try {
    found = JSON.parse(text.split('\n')[0] ?? '');
  } catch {
    // Refused below.
  }
  const header = found as Partial<ProgressHeader> | null | undefined;
  if (header === null || typeof header !== 'object' || typeof header.govsim !== 'string' || typeof header.key !== 'string')
    return refuseProgress(directory, 'damaged: its first line does not name the run; remove it to begin again');
  const shard = header.shard;
  const known = shard !== undefined && shard !== null && isCount(shard.index) && isCount(shard.count) ? shard : null;
  return {
    govsim: header.govsim,
    key: header.key,
    shard: known,
    ...(typeof header.settings === 'string' ? { settings: header.settings } : {}),
  };
}

/** "shard 1/3" or "the whole analysis". */
function shardWords(shard: Shard | null | undefined): string {
  return shard === null || shard === undefined ? 'the whole analysis' : `shard ${shard.index}/${shard.count}`;
}

/**
 * The finished units of a progress file's unit lines that belong to `identity`'s analysis and have its outcomes'
 * shape, by index; `skipped` counts the lines left out (their units are run again).
 */
function finishedUnits(
  lines: readonly string[],
  identity: ProgressIdentity,
): { finished: Map<number, DrawOutcome>; skipped: number } {
  const finished = new Map<number, DrawOutcome>();
  let skipped = 0;
  const lineKey = identity.key.slice(0, lineKeyLength);
  for (const line of lines) {
    let entry: { run?: unknown; unit?: unknown; outcome?: unknown } | null = null;
    try {
      entry = JSON.parse(line);
    } catch {
      // Left out below.
    }
    const outcome = entry?.run === lineKey ? decodeOutcome(entry.outcome, identity.shape) : undefined;
    const unit = entry?.unit;
    if (outcome === undefined || !isCount(unit) || unit >= identity.units) skipped++;
    else finished.set(unit, outcome);
  }
  return { finished, skipped };
}

/** The outcomes a progress file holds, and the lines of it that could not be used. */
export interface KeptOutcomes {
  readonly finished: ReadonlyMap<number, DrawOutcome>;
  /** Lines left out: cut short, of another analysis, or of the wrong shape (their units are run again). */
  readonly skipped: number;
}

/** Whether `directory` holds a progress file with finished units (an unfinished run, or a shard's outcomes). */
export async function holdsKeptOutcomes(directory: string): Promise<boolean> {
  return unitLines(await progressText(directory)).length > 0;
}

/**
 * The units a shard's folder (`govsim robustness --shard`) finished for the analysis of `identity`, read for a
 * merge, and the shard its header names (null for a folder of the whole analysis): the folder must hold a progress
 * file of that analysis (of whichever shard).
 *
 * @throws ScenarioError naming the folder when it does not exist or holds no progress file, or one of another
 *   analysis or version
 */
export async function readRobustnessProgress(
  directory: string,
  identity: ProgressIdentity,
): Promise<KeptOutcomes & { shard: Shard | null }> {
  const found = await stat(directory).catch(() => undefined);
  if (found?.isDirectory() !== true)
    throw new ScenarioError(
      directory,
      [{ path: '', message: found === undefined ? 'does not exist' : 'is not a folder' }],
      'robustness shard folder',
    );
  const text = await progressText(directory);
  if (text === '')
    throw new ScenarioError(
      directory,
      [{ path: '', message: `holds no ${robustnessProgressFile}: not the folder of a robustness shard` }],
      'robustness shard folder',
    );
  const header = readHeader(directory, text);
  if (header.key !== identity.key)
    refuseProgress(
      directory,
      header.govsim !== identity.version
        ? `holds outcomes of govsim ${header.govsim}, and this is govsim ${identity.version}; results of two versions are not mixed: merge with govsim ${header.govsim}, or run the shards again`
        : header.settings !== undefined && identity.settings !== undefined && header.settings !== identity.settings
          ? `holds the outcomes of an analysis run with ${header.settings}, and this merge asks for ${identity.settings}: merge with the options the shards were run with`
          : 'holds the outcomes of another analysis (other facts, scenarios, draws, replicates or model module: --model, or its absence, must be as the shards had it): give the folders of the shards of this one, with the options they were run with',
    );
  return { ...finishedUnits(unitLines(text), identity), shard: header.shard };
}

/** The progress of one robustness run in its folder: the outcomes found there, and how to record more. */
export interface RobustnessProgress extends KeptOutcomes {
  /** Records a finished unit's outcome (lines are written one at a time, in the order asked). */
  record(unit: number, outcome: DrawOutcome): Promise<void>;
  /** Waits for every line asked for to be written. */
  flush(): Promise<void>;
  /** Writes the line naming the run if no unit has (a shard with no unit of its own still names what it is a shard of). */
  begin(): Promise<void>;
  /** Removes the file, once the run's own files are written. */
  remove(): Promise<void>;
}

/**
 * Opens the progress file of `identity`'s analysis in `directory` (made if
 * missing): with `resume`, takes the outcomes a run of the same analysis, as
 * the same shard, left there (none when there is no file) and goes on
 * recording; without, begins anew. The file is begun with the first unit
 * recorded, so a run stopped before it finished any leaves none; a file
 * naming a run but holding no finished unit is begun anew too, as nothing in
 * it is worth finishing.
 *
 * @throws ScenarioError (before anything is computed) when the folder holds
 *   finished units of another analysis, or of this one as another shard, or
 *   finished units and `resume` is not asked; or when the file is not a
 *   regular file
 */
export async function openRobustnessProgress(
  directory: string,
  identity: ProgressIdentity,
  resume: boolean,
): Promise<RobustnessProgress> {
  const path = join(directory, robustnessProgressFile);
  await mkdir(directory, { recursive: true });
  const header = `${JSON.stringify({
    govsim: identity.version,
    key: identity.key,
    shard: identity.shard ?? null,
    ...(identity.settings === undefined ? {} : { settings: identity.settings }),
  })}\n`;
  const text = await progressText(directory);
  const lines = unitLines(text);
  let begun = lines.length > 0;
  let kept: { finished: Map<number, DrawOutcome>; skipped: number } = { finished: new Map(), skipped: 0 };
  if (begun) {
    const found = readHeader(directory, text);
    if (found.key !== identity.key)
      refuseProgress(
        directory,
        found.govsim !== identity.version
          ? `holds an unfinished run of govsim ${found.govsim}, and this is govsim ${identity.version}; results of two versions are not mixed: choose another --out, or remove the file to begin again`
          : 'holds an unfinished run of another analysis (other facts, scenarios, draws, replicates or model module): choose another --out, or remove the file to begin again',
      );
    if (shardWords(found.shard) !== shardWords(identity.shard))
      refuseProgress(
        directory,
        // Another shard of the same split is another task given the same folder: each needs one of its own.
        found.shard !== null && found.shard.count === identity.shard?.count
          ? `holds ${shardWords(found.shard)} of this analysis, not ${shardWords(identity.shard)}: each shard runs in a folder of its own (give each task its own --out, such as one ending in -$SLURM_ARRAY_TASK_ID, or leave --out out for its shard's default folder); choose another --out`
          : `holds ${shardWords(found.shard)} of this analysis, not ${shardWords(identity.shard)}; resume it as it was begun${found.shard === null ? ', without --shard' : ` with --shard ${found.shard.index}/${found.shard.count}`} (a SLURM task resubmitted alone sees an array of one task: give its shard as i/n)`,
      );
    kept = finishedUnits(lines, identity);
    // Lines none of which can be used hold nothing worth finishing: the file is begun anew.
    if (kept.finished.size === 0) begun = false;
    else if (!resume)
      refuseProgress(
        directory,
        `holds ${kept.finished.size} finished unit${kept.finished.size === 1 ? '' : 's'} of this analysis (draws, and the run at the defaults): pass --resume to finish the run from them (one that is finished runs nothing more), or choose another --out`,
      );
  }
  // A line cut short would run into the next one written: the file goes on from a whole line.
  if (begun && !text.endsWith('\n')) await appendFile(path, '\n');
  const lineKey = identity.key.slice(0, lineKeyLength);
  let writing: Promise<void> = Promise.resolve();
  return {
    finished: kept.finished,
    skipped: kept.skipped,
    record(unit, outcome) {
      const line = `${JSON.stringify({ run: lineKey, unit, outcome }, encodeNumber)}\n`;
      // The first unit of a run begun anew writes the file afresh, with the line naming the run.
      const write = begun ? () => appendFile(path, line) : () => writeFile(path, header + line);
      begun = true;
      writing = writing.then(write);
      return writing;
    },
    flush: () => writing,
    begin() {
      if (!begun) writing = writing.then(() => writeFile(path, header));
      begun = true;
      return writing;
    },
    async remove() {
      await writing;
      await rm(path, { force: true });
    },
  };
}
