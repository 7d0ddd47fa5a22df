/**
 * Writing files so that a reader never sees a half-written one, even after a
 * crash or a power cut: each file is written under a temporary name, flushed
 * to disk (fsync), renamed into place (atomic on one file system), and its
 * folder flushed so that the rename itself survives.
 *
 * Durability is done here with `fs/promises` (`open`, `FileHandle.sync()`)
 * rather than the write-file-atomic package: govsim also writes files as
 * streams (runs.csv chunk by chunk, runs.parquet through hyparquet-writer),
 * which a whole-file helper does not cover, and one small module for every
 * case adds no dependency.
 *
 * Temporary files have one recognisable name, `<name>.govsim-tmp-<pid>-<n>`.
 * A writer removes its own temporary files when it fails, and every command
 * that writes into a folder first removes the ones a killed process left
 * there ({@link removeStaleTemporaryFiles}); a command stopped by Ctrl-C or
 * SIGTERM removes its own as it stops ({@link removeOwnTemporaryFilesSync}).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { namingPath } from './system-error.js';

/** The part of a temporary file's name after the final file's name: `.govsim-tmp-<pid>-<n>`. */
const temporaryPattern = /\.govsim-tmp-(\d+)-\d+$/;

/** Temporary names of earlier govsim versions (`.tmp-<pid>`), recognised in sweep folders only. */
const legacyTemporaryPattern = /\.tmp-(\d+)$/;

let temporarySequence = 0;

/** The folders this process has named temporary files in: where {@link removeOwnTemporaryFilesSync} looks. */
const temporaryFolders = new Set<string>();

/** A temporary name for `path` in the same folder, unique in this process: `<path>.govsim-tmp-<pid>-<n>`. */
export function temporaryPath(path: string): string {
  temporarySequence++;
  temporaryFolders.add(dirname(resolve(path)));
  return `${path}.govsim-tmp-${process.pid}-${temporarySequence}`;
}

/** Writes of several files now renaming them into place: a stop waits for them, so that none is left half done. */
let renamingWrites = 0;
/** The exit code a stop asked for while files were being renamed into place. */
let deferredExit: number | undefined;

/**
 * Stops the process with `code` (for a signal): at once, its temporary files removed, unless a write of several
 * files is renaming them into place — then as soon as it is done, so that such a write is all there or not at all.
 */
export function exitWhenWritesAllow(code: number): void {
  // A second stop while the first waits (a rename hanging on a network file system) stops at once.
  if (renamingWrites > 0 && deferredExit === undefined) {
    deferredExit = code;
    return;
  }
  deferredExit = undefined;
  removeOwnTemporaryFilesSync();
  process.exit(code);
}

/**
 * Removes, at once and synchronously, the temporary files this process (any of its threads) still has in the
 * folders it wrote to: for a command stopped by a signal, whose pending writes will never finish. Returns the
 * paths removed.
 */
export function removeOwnTemporaryFilesSync(): string[] {
  const removed: string[] = [];
  for (const folder of temporaryFolders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (temporaryFileOwner(name) !== process.pid) continue;
      rmSync(join(folder, name), { force: true });
      removed.push(join(folder, name));
    }
  }
  return removed;
}

/** The process id in a temporary file's name, or undefined when the name is not a temporary file's. */
export function temporaryFileOwner(name: string, options: { legacy?: boolean } = {}): number | undefined {
  const match = temporaryPattern.exec(name) ?? (options.legacy ? legacyTemporaryPattern.exec(name) : null);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Whether a process with this id runs on this machine (one owned by another user counts). A process that has ended
 * but whose parent has not yet collected it (a zombie: killed, its exit status still pending) does not run: where
 * /proc tells (Linux), its state is read.
 */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  // "pid (command) state …": the command may hold spaces and parentheses, the state follows the last ')'.
  return status.slice(status.lastIndexOf(')') + 2, status.lastIndexOf(')') + 3) !== 'Z';
}

/**
 * Removes the temporary files other processes left in `directories` (not
 * their subfolders): with `lockHeld` (the caller holds the folder's lock, so
 * no one else writes there) every one but this process's own; otherwise only
 * those whose process no longer runs. `legacy` also recognises the
 * `.tmp-<pid>` names of earlier versions (for sweep folders, where only
 * govsim writes). Missing folders are skipped. Returns the paths removed.
 */
export async function removeStaleTemporaryFiles(
  directories: readonly string[],
  options: { lockHeld: boolean; legacy?: boolean },
): Promise<string[]> {
  const removed: string[] = [];
  for (const directory of directories) {
    let names: string[];
    try {
      names = await readdir(directory);
    } catch {
      continue;
    }
    for (const name of names) {
      const owner = temporaryFileOwner(name, { legacy: options.legacy === true });
      if (owner === undefined || owner === process.pid) continue;
      if (!options.lockHeld && processIsRunning(owner)) continue;
      await rm(join(directory, name), { force: true });
      removed.push(join(directory, name));
    }
  }
  return removed;
}

/**
 * Flushes a folder's entries to disk, so that a rename into it survives a
 * crash. Where folders cannot be opened for this (Windows), it does nothing.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}

/** Flushes a file written by other means (e.g. a library writing by path) to disk. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to `temporary` and flushes it to disk; a failed write or flush names `path`, the file being written. */
async function writeAndSync(temporary: string, content: string | Uint8Array, path: string): Promise<void> {
  const handle = await open(temporary, 'w').catch((error: unknown) => {
    throw namingPath(error, path, temporary);
  });
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    throw namingPath(error, path);
  } finally {
    await handle.close();
  }
}

/**
 * Writes one file atomically and durably: to a temporary name, fsync, rename,
 * fsync of the folder. On failure the temporary file is removed and the
 * error rethrown; the file at `path` is then as it was.
 */
export async function writeFileAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeAndSync(temporary, content, path);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** The file that records what a folder holds (a run's, a report's, an analysis's): written last, and removed first. */
const recordFile = 'manifest.json';

/**
 * Writes `files` (relative path → text or bytes) into `directory`, folders
 * made as needed: every file to a temporary name and flushed first, then all
 * renamed into place, so that none appears before all are written. Stale
 * temporary files of dead processes in those folders are removed first; on
 * failure this call's own temporary files are removed before the error is
 * rethrown.
 *
 * Where `files` holds a `manifest.json`, the folder's record, it is renamed
 * last, and the folder's earlier one is removed before the first rename, with
 * the files of `replacing` (the earlier record's that this write does not
 * write again): a write stopped part way by a kill leaves a folder without a
 * record, which no command takes for a finished one, rather than some new
 * files under the old record.
 */
export async function writeFilesAtomically(
  directory: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  options: { replacing?: readonly string[] } = {},
): Promise<void> {
  const folders = [...new Set([...files.keys()].map((name) => dirname(join(directory, name))))];
  await removeStaleTemporaryFiles(folders, { lockHeld: false });
  const pending: Array<{ temporary: string; path: string }> = [];
  // The folders this call made, each as [the folder a file went into, the outermost one made for it]: removed again
  // (while empty) when it fails, so that a failed write leaves no empty folder behind.
  const made: Array<[string, string]> = [];
  try {
    for (const [name, content] of files) {
      const path = join(directory, name);
      const topmost = await makeFolder(dirname(path));
      if (topmost !== undefined) made.push([resolve(dirname(path)), topmost]);
      const temporary = temporaryPath(path);
      pending.push({ temporary, path });
      await writeAndSync(temporary, content, path);
    }
    renamingWrites++;
    try {
      if (files.has(recordFile)) {
        const record = pending.findIndex(({ path }) => path === join(directory, recordFile));
        pending.push(...pending.splice(record, 1));
        for (const name of [recordFile, ...(options.replacing ?? []).filter((name) => !files.has(name))])
          await rm(join(directory, name), { force: true });
      }
      while (pending.length > 0) {
        const { temporary, path } = pending[0] as { temporary: string; path: string };
        await rename(temporary, path);
        pending.shift();
      }
    } finally {
      renamingWrites--;
      if (renamingWrites === 0 && deferredExit !== undefined) exitWhenWritesAllow(deferredExit);
    }
  } catch (error) {
    for (const { temporary } of pending) await rm(temporary, { force: true });
    for (const [folder, topmost] of made.reverse()) await removeEmptyFolders(folder, topmost);
    throw error;
  }
  for (const folder of folders) await syncDirectory(folder);
}

/** Removes `folder` and its parents up to `topmost` (a folder above it, or itself), each while it is empty. */
async function removeEmptyFolders(folder: string, topmost: string): Promise<void> {
  let current = resolve(folder);
  const last = resolve(topmost);
  for (;;) {
    if (
      !(await rmdir(current).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (current === last || dirname(current) === current) return;
    current = dirname(current);
  }
}

/**
 * Creates `directory` and any missing parents, like `mkdir -p`, and resolves
 * to the first folder it created (undefined when it existed). Each missing
 * level is made on its own: Node 20's recursive mkdir never returns under
 * pseudo file systems such as /proc, where this fails at once instead (EEXIST
 * or ENOENT from the first level that cannot be made).
 */
export async function makeFolder(directory: string): Promise<string | undefined> {
  const missing: string[] = [];
  let current = resolve(directory);
  for (;;) {
    try {
      const found = await stat(current);
      if (!found.isDirectory()) {
        const error = new Error(`ENOTDIR: not a directory, mkdir '${directory}'`) as NodeJS.ErrnoException;
        Object.assign(error, { code: 'ENOTDIR', syscall: 'mkdir', path: directory });
        throw error;
      }
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        // A part of the path is a file: the folder cannot be made.
        Object.assign(error as NodeJS.ErrnoException, { syscall: 'mkdir', path: directory });
        throw error;
      }
      if (code !== 'ENOENT') throw error;
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await stat(level)).isDirectory()) throw error;
    }
  }
  return missing[0];
}
