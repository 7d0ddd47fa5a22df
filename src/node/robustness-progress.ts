/**
 * What a robustness run has done so far, kept in its output folder as it
 * goes, so that an interrupted run (a crash, Ctrl-C, a job out of time) can
 * be finished with `--resume` rather than begun again.
 *
 *   robustness-progress.jsonl   a first line naming the analysis (govsim version, and a hash of the facts, the
 *                               scenarios, the draws and the replicates), then one line per finished unit of work:
 *                               its index and its outcome
 *
 * The file is begun with the first finished unit. A draw's outcome depends on nothing but its values, so outcomes taken from
 * the file and outcomes computed now give the same files, byte for byte, as
 * a run that was never interrupted. Numbers that JSON cannot hold (NaN, ±∞,
 * −0) are written as strings and read back as the same numbers. A last line
 * cut short by the interruption is ignored (its unit is run again). The file
 * is removed once the run's files are written.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/index.js';
import { ScenarioError } from '../scenario/index.js';
import type { Draw, DrawOutcome, FactsFile } from '../validation/index.js';

/** The file a robustness run keeps its progress in, inside its output folder. */
export const robustnessProgressFile = 'robustness-progress.jsonl';

/** What names one robustness analysis: two runs with the same key give the same outcomes, unit by unit. */
export function robustnessRunKey(
  version: string,
  facts: FactsFile,
  inputs: ReadonlyMap<string, unknown>,
  draws: readonly Draw[],
  replicates: number,
): string {
  const scenarios = Object.fromEntries([...inputs].sort(([left], [right]) => left.localeCompare(right)));
  return createHash('sha256').update(canonicalJson({ version, facts, scenarios, draws, replicates })).digest('hex').slice(0, 32);
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

/** An outcome read back from its line: the numbers {@link encodeNumber} named become numbers again. */
function decodeOutcome(value: unknown): DrawOutcome | undefined {
  const outcome = value as { facts?: unknown; contrasts?: unknown } | null;
  if (outcome === null || typeof outcome !== 'object' || !Array.isArray(outcome.facts) || !Array.isArray(outcome.contrasts))
    return undefined;
  const number = (cell: unknown): number | undefined =>
    typeof cell === 'number' ? cell : typeof cell === 'string' ? namedNumbers[cell] : undefined;
  const contrasts = outcome.contrasts.map(number);
  if (contrasts.some((cell) => cell === undefined)) return undefined;
  const facts = [];
  for (const fact of outcome.facts as Array<Record<string, unknown>>) {
    const share = number(fact?.share);
    if (share === undefined || typeof fact.id !== 'number' || typeof fact.status !== 'string') return undefined;
    if (typeof fact.applicable !== 'number' || typeof fact.notApplicable !== 'number') return undefined;
    facts.push({ ...fact, share } as DrawOutcome['facts'][number]);
  }
  return { facts, contrasts: contrasts as number[] };
}

function refuseProgress(directory: string, message: string): never {
  throw new ScenarioError(directory, [{ path: robustnessProgressFile, message }], 'robustness folder');
}

/** Lines after the first that hold anything: finished units, or a last one cut short by an interruption. */
function unitLines(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
}

/**
 * The finished units a progress file's text holds, by index, once its first line is checked to name the analysis
 * `key` (refused, naming `directory`, when it names another, or nothing readable). A line that cannot be read, a unit
 * out of range or an outcome of the wrong shape is left out: that unit is run again.
 */
function finishedUnits(directory: string, text: string, key: string, version: string, units: number): Map<number, DrawOutcome> {
  let found: { govsim?: unknown; key?: unknown } = {};
  try {
    found = JSON.parse(text.split('\n')[0] ?? '') ?? {};
  } catch {
    refuseProgress(directory, 'damaged: its first line does not name the run; remove it to begin again');
  }
  if (found.key !== key)
    refuseProgress(
      directory,
      found.govsim !== version
        ? `holds an unfinished run of govsim ${String(found.govsim)}, and this is govsim ${version}; results of two versions are not mixed: remove it to begin again, or choose another --out`
        : 'holds an unfinished run of another analysis (other facts, scenarios, draws or replicates); choose another --out, or remove it to begin again',
    );
  const finished = new Map<number, DrawOutcome>();
  for (const line of unitLines(text)) {
    let entry: { unit?: unknown; outcome?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const outcome = decodeOutcome(entry?.outcome);
    if (typeof entry?.unit === 'number' && Number.isInteger(entry.unit) && entry.unit >= 0 && entry.unit < units && outcome)
      finished.set(entry.unit, outcome);
  }
  return finished;
}

/**
 * The units a shard's folder (`govsim robustness --shard`) finished for the analysis `key`, read for a merge: the
 * folder must hold a progress file of that analysis.
 *
 * @throws ScenarioError naming the folder when it holds no progress file, or one of another analysis or version
 */
export async function readRobustnessProgress(
  directory: string,
  key: string,
  version: string,
  units: number,
): Promise<Map<number, DrawOutcome>> {
  const path = join(directory, robustnessProgressFile);
  if (!existsSync(path))
    throw new ScenarioError(
      directory,
      [{ path: '', message: `holds no ${robustnessProgressFile}: not the folder of a robustness shard` }],
      'robustness folder',
    );
  return finishedUnits(directory, await readFile(path, 'utf8'), key, version, units);
}

/** The progress of one robustness run in its folder: the outcomes found there, and how to record more. */
export interface RobustnessProgress {
  /** Outcomes of units finished before, by unit index. */
  readonly finished: ReadonlyMap<number, DrawOutcome>;
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
 * Opens the progress file of the analysis `key` in `directory` (made if
 * missing): with `resume`, takes the outcomes a run of the same analysis left
 * there (none when there is no file) and goes on recording; without, begins
 * anew. The file is begun with the first unit recorded, so a run stopped
 * before it finished any leaves none; a file naming a run but holding no
 * finished unit is begun anew too, as nothing in it is worth finishing.
 *
 * @throws ScenarioError (before anything is computed) when the folder holds
 *   finished units of another run and `resume` is asked, or finished units
 *   and `resume` is not asked
 */
export async function openRobustnessProgress(
  directory: string,
  key: string,
  version: string,
  units: number,
  resume: boolean,
): Promise<RobustnessProgress> {
  const path = join(directory, robustnessProgressFile);
  await mkdir(directory, { recursive: true });
  const header = `${JSON.stringify({ govsim: version, key })}\n`;
  const text = existsSync(path) ? await readFile(path, 'utf8') : '';
  let begun = unitLines(text).length > 0;
  if (begun && !resume)
    refuseProgress(directory, 'holds an unfinished robustness run: pass --resume to finish it, or choose another --out');
  const finished = begun ? finishedUnits(directory, text, key, version, units) : new Map<number, DrawOutcome>();
  // A line cut short would run into the next one written: the file goes on from a whole line.
  if (begun && !text.endsWith('\n')) await appendFile(path, '\n');
  let writing: Promise<void> = Promise.resolve();
  return {
    finished,
    record(unit, outcome) {
      const line = `${JSON.stringify({ unit, outcome }, encodeNumber)}\n`;
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
