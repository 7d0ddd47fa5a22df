/**
 * A lock on an output folder, so that two govsim commands never write into
 * the same folder at once: a file `govsim.lock` in the folder holding, as
 * JSON, who holds it — the command, its process id, the host and when it
 * started.
 *
 * The lock file appears complete or not at all: its content is written to a
 * temporary file first, then hard-linked to `govsim.lock`, which fails when
 * that name exists (as `open(path, 'wx')` would, without the moment when the
 * file exists but is still empty). A lock whose holder is known to be gone —
 * on this host, a process id that no longer runs — is taken over, with a note.
 *
 * Chosen over proper-lockfile: that package judges a lock stale by its age,
 * which it refreshes on a timer (a long pause or a slow shared file system
 * makes a live lock look stale), and does not record who holds it; govsim has
 * to say who holds a folder, and takes over only a lock whose holder is dead.
 */
import { rmdirSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ScenarioError } from '../scenario/index.js';
import { makeFolder, processIsRunning, temporaryPath } from './atomic-files.js';
import { robustnessProgressFile } from './progress-file.js';

/** The lock file's name inside a locked folder. */
export const lockFileName = 'govsim.lock';

/** Who holds a folder's lock. */
export interface LockHolder {
  command: string;
  pid: number;
  host: string;
  /** ISO 8601 time the lock was taken. */
  started: string;
}

/** Another command holds the folder's lock (exit code 2, as for any bad input). */
export class FolderInUseError extends ScenarioError {
  constructor(
    readonly directory: string,
    readonly holder: LockHolder | undefined,
    hint?: string,
  ) {
    const lockPath = join(directory, lockFileName);
    const who =
      holder === undefined
        ? `its lock file ${lockPath} cannot be read`
        : `${holder.command} holds it (pid ${holder.pid} on host ${holder.host}, since ${holder.started})`;
    const message = `${directory} is in use by another govsim command: ${who}. Wait for it to finish or choose another --out; if no govsim command is running there, delete ${lockPath}.${hint === undefined ? '' : ` ${hint}`}`;
    super(directory, [{ path: lockFileName, message }], 'output folder');
    this.message = message;
    this.name = 'FolderInUseError';
  }
}

/** A held lock. */
export interface FolderLock {
  readonly directory: string;
  /** Whether taking the lock created the folder. */
  readonly createdFolder: boolean;
  /** The outermost folder taking the lock made (the folder itself, or a new folder it is in), if it made any. */
  readonly topmost: string | undefined;
  /**
   * Releases the lock (removes the lock file if it is still this one's). With
   * `removeFolderIfEmpty`, the folders this lock created are removed too when
   * nothing else was written into them.
   */
  release(options?: { removeFolderIfEmpty?: boolean }): Promise<void>;
}

async function readHolder(path: string): Promise<LockHolder | 'gone' | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return {
      command: String(value.command ?? 'govsim'),
      pid: value.pid,
      host: value.host,
      started: String(value.started ?? 'an unknown time'),
    };
  } catch {
    return undefined;
  }
}

function sameHolder(left: LockHolder | 'gone' | undefined, right: LockHolder): boolean {
  return typeof left === 'object' && left.pid === right.pid && left.host === right.host && left.started === right.started;
}

/** When each lock this process holds was taken: a lock naming this process's id and another time is an earlier process's. */
const heldHere = new Map<string, number>();

function noteHeld(started: string, change: 1 | -1): void {
  const count = (heldHere.get(started) ?? 0) + change;
  if (count > 0) heldHere.set(started, count);
  else heldHere.delete(started);
}

/**
 * Whether a holder is known to be gone: on this host, its process no longer runs; or it names this process's id
 * without being a lock this process holds — an earlier process that had the same id, as the first process of a
 * container has, restarted (`pid 1`), or a process id used again.
 */
function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(holder.started);
  return !processIsRunning(holder.pid);
}

/**
 * Who is writing `directory` now, as its lock says: undefined when it holds no lock, or one whose holder is known to
 * be gone (on this host, its process no longer runs). A holder on another host is taken to be still writing.
 */
export async function folderHolder(directory: string): Promise<LockHolder | undefined> {
  const holder = await readHolder(join(directory, lockFileName));
  return typeof holder === 'object' && !holderIsGone(holder) ? holder : undefined;
}

/**
 * Replaces a dead holder's lock with `content`, unless another command did
 * first; true when this one now holds the lock. Takers go one at a time,
 * through a second lock file (`govsim.lock.takeover`), and the lock file is
 * replaced by a rename, so its name never goes missing: a command taking the
 * lock the ordinary way meanwhile finds it held.
 */
async function takeOver(lockPath: string, stale: LockHolder, content: string): Promise<boolean> {
  const guard = `${lockPath}.takeover`;
  const guardTemporary = temporaryPath(guard);
  await writeFile(guardTemporary, content);
  try {
    await link(guardTemporary, guard);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Removed as stale by a command that has just taken over: it holds the lock now.
    if (code === 'ENOENT') return false;
    if (code !== 'EEXIST') throw error;
    // Another command is taking over; unless it died doing so, in which case its guard goes.
    const other = await readHolder(guard);
    if (typeof other === 'object' && holderIsGone(other)) await rm(guard, { force: true });
    return false;
  } finally {
    await rm(guardTemporary, { force: true });
  }
  try {
    if (!sameHolder(await readHolder(lockPath), stale)) return false;
    const replacement = temporaryPath(lockPath);
    await writeFile(replacement, content);
    await rename(replacement, lockPath);
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

/**
 * Takes the lock on `directory` for `command` (e.g. "govsim sweep"), making
 * the folder if it does not exist. Refuses at once, with a
 * {@link FolderInUseError} saying who holds it, when a live command holds it;
 * takes over a lock whose holder is gone, telling `note`.
 */
/** The folders from `directory` up to `topmost`, innermost first: those making `directory` made. */
function madeFolders(directory: string, topmost: string): string[] {
  const folders: string[] = [];
  for (let folder = resolve(directory); ; folder = dirname(folder)) {
    folders.push(folder);
    if (folder === topmost || dirname(folder) === folder) return folders;
  }
}

/** Removes the folders making `directory` made (`topmost` the outermost), innermost first, each only while it is empty. */
export async function removeMadeFolders(directory: string, topmost: string | undefined): Promise<void> {
  if (topmost === undefined) return;
  for (const folder of madeFolders(directory, topmost))
    if (
      !(await rmdir(folder).then(
        () => true,
        () => false,
      ))
    )
      return;
}

export async function lockFolder(directory: string, command: string, note: (text: string) => void): Promise<FolderLock> {
  // The outermost folder this lock made (several when --out names a new folder inside new ones).
  const topmost = await makeFolder(directory);
  const createdFolder = topmost !== undefined;
  const lockPath = join(directory, lockFileName);
  const holder: LockHolder = { command, pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const content = `${JSON.stringify(holder)}\n`;
  const temporary = temporaryPath(lockPath);
  // Should the process end without releasing (process.exit, or a signal the command turns into one), the lock goes
  // with it: from the moment it is this command's.
  let held = false;
  const removeOnExit = () => {
    if (!held) return;
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
    // Folders this lock made and nothing was written into go too (a run stopped before it kept anything).
    if (topmost === undefined) return;
    for (const folder of madeFolders(directory, topmost)) {
      try {
        rmdirSync(folder);
      } catch {
        return;
      }
    }
  };
  process.once('exit', removeOnExit);
  await writeFile(temporary, content);
  // Known as this process's from before it is linked: another taker in this process reading it (the lock, or the
  // takeover guard) the moment it appears takes it as held, not as an earlier process's.
  noteHeld(holder.started, 1);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temporary, lockPath);
        held = true;
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // The command holding the folder may have just removed this temporary file as stale: write it again.
        if (code === 'ENOENT' && attempt < 20) {
          await writeFile(temporary, content);
          continue;
        }
        if (code !== 'EEXIST') throw error;
      }
      const current = await readHolder(lockPath);
      if (current === 'gone') continue;
      if (current === undefined || !holderIsGone(current) || attempt >= 20) throw new FolderInUseError(directory, current);
      if (await takeOver(lockPath, current, content)) {
        held = true;
        note(
          `govsim: taking over the lock of ${directory}: ${current.command} (pid ${current.pid} on host ${current.host}, since ${current.started}) is no longer running\n`,
        );
        break;
      }
      // Another command is taking over: see, in a moment, who holds the lock then.
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 5 * (attempt + 1)));
    }
  } catch (error) {
    noteHeld(holder.started, -1);
    process.off('exit', removeOnExit);
    await rm(temporary, { force: true });
    await removeMadeFolders(directory, topmost);
    throw error;
  }
  await rm(temporary, { force: true });
  let released = false;
  return {
    directory,
    createdFolder,
    async release(options = {}) {
      if (released) return;
      released = true;
      process.off('exit', removeOnExit);
      noteHeld(holder.started, -1);
      if (sameHolder(await readHolder(lockPath), holder)) await rm(lockPath, { force: true });
      if (options.removeFolderIfEmpty) await removeMadeFolders(directory, topmost);
    },
    topmost,
  };
}

/**
 * Whether `directory` says it holds `shard`: a sweep shard's shard.json, or the first line of a robustness shard's
 * progress file, naming it; false where neither does or they cannot be read.
 */
async function holdsShard(directory: string, shard: { index: number; count: number }): Promise<boolean> {
  const names = (held: { index?: unknown; count?: unknown } | null | undefined) =>
    held?.index === shard.index && held?.count === shard.count;
  try {
    if (names(JSON.parse(await readFile(join(directory, 'shard.json'), 'utf8')))) return true;
  } catch {
    // No sweep shard's record: perhaps a robustness shard's.
  }
  try {
    const [first] = (await readFile(join(directory, robustnessProgressFile), 'utf8')).split('\n', 1);
    return names((JSON.parse(first ?? '') as { shard?: { index?: unknown; count?: unknown } | null }).shard);
  } catch {
    return false;
  }
}

/**
 * {@link lockFolder} for a run that may be one shard of several (`govsim sweep` or `govsim robustness` with
 * `--shard`; with no shard, just `lockFolder`). Refused while the same command holds the folder, a shard is told too
 * that each shard runs in a folder of its own: the tasks of an array given one `--out` start together, and all but
 * one find the folder held before the first has written which shard it holds.
 */
export async function lockShardFolder(
  directory: string,
  command: string,
  note: (text: string) => void,
  shard: { index: number; count: number } | undefined,
): Promise<FolderLock> {
  if (shard === undefined) return lockFolder(directory, command, note);
  try {
    return await lockFolder(directory, command, note);
  } catch (error) {
    if (!(error instanceof FolderInUseError) || error.holder?.command !== command) throw error;
    // A folder that says it holds this very shard (a sweep shard's shard.json, a robustness shard's progress file) is
    // held by an earlier attempt of it (a task killed on another node, say), not by another task of the array: the
    // lock's own message says what to do.
    if (await holdsShard(directory, shard)) throw error;
    throw new FolderInUseError(
      directory,
      error.holder,
      `If that is another task of this array given the same --out (this one is shard ${shard.index}/${shard.count}): each shard runs in a folder of its own; give each task its own --out, such as one ending in -$SLURM_ARRAY_TASK_ID.`,
    );
  }
}

/**
 * Runs `write` holding the lock of `directory` (made if need be), then
 * releases it; when `write` fails, a folder the lock made is removed, since
 * it holds nothing worth keeping.
 */
export async function writeInLockedFolder<T>(
  directory: string,
  command: string,
  note: (text: string) => void,
  write: () => Promise<T>,
): Promise<T> {
  const lock = await lockFolder(directory, command, note);
  let failed = false;
  try {
    return await write();
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await lock.release();
    if (failed && lock.createdFolder) {
      await rm(directory, { recursive: true, force: true });
      // And the new folders it was made in, if nothing else is in them.
      if (lock.topmost !== undefined && resolve(directory) !== lock.topmost)
        await removeMadeFolders(dirname(resolve(directory)), lock.topmost);
    }
  }
}
