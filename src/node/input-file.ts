/**
 * Reading every input file govsim reads — scenario, experiment and facts
 * files, case folders, the files of `--robustness` and `--sensitivity`
 * folders — in one place, so that whatever a path names gets a clear
 * {@link ScenarioError} (the file, and what was expected) instead of a hang,
 * a crash or a misleading message: only a regular file is opened (a folder,
 * a named pipe, a device or a loop of symbolic links is refused before it is
 * opened), of at most {@link maximumInputBytes}, holding UTF-8 text, and JSON
 * nested at most {@link maximumJsonDepth} levels deep.
 */
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { droppedJsonKey } from '../core/index.js';
import { jsonSyntaxMessage, lineAndColumn } from '../core/json-error-position.js';
import { ScenarioError } from '../scenario/index.js';

/** The largest input file govsim reads: 16 MiB, far above any scenario, experiment or facts file. */
export const maximumInputBytes = 16 * 1024 * 1024;

/** The deepest nesting of arrays and objects a JSON input may have: 64 levels, far above any govsim file's. */
export const maximumJsonDepth = 64;

/** An input file that could not be read as text: it names the file, the kind of input and what was wrong. */
export class InputFileError extends ScenarioError {
  constructor(
    source: string,
    message: string,
    expected: string,
    /** True when nothing is at the path (or a part of the path is not a folder). */
    readonly missing = false,
  ) {
    super(source, [{ path: '', message }], expected);
    this.name = 'InputFileError';
  }
}

/** What a non-regular file is, in words. */
function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Refuses, with an {@link InputFileError} naming it, a folder to read (a sweep's, a shard's) that does not exist or is
 * not a folder — a file, a named pipe, a device — before anything in it is looked for: "afile: invalid sweep folder –
 * is a file, not a folder", not a failure to open `afile/sweep.json`.
 *
 * @param path the folder
 * @param kind what the folder should be, for the message (e.g. "sweep folder")
 * @throws InputFileError when nothing is at the path (`missing`), when it is not a folder, or when it cannot be looked at
 */
export async function checkInputFolder(path: string, kind: string): Promise<void> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputFileError(path, 'does not exist', kind, true);
    if (code === 'ENOTDIR')
      throw new InputFileError(path, 'does not exist (a part of the path is a file, not a folder)', kind, true);
    throw openingError(error, path, kind, 'folder');
  }
  if (!stats.isDirectory())
    throw new InputFileError(path, `is ${stats.isFile() ? 'a file' : describeFileType(stats)}, not a folder`, kind);
}

/**
 * Turns the failure to find or open an input file into an {@link InputFileError};
 * a failure of the system itself (an I/O error, too many open files) is thrown as it is.
 */
function openingError(error: unknown, path: string, kind: string, format: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new InputFileError(path, 'file not found', kind, true);
    case 'ENOTDIR':
      return new InputFileError(path, 'file not found (a part of the path is a file, not a folder)', kind, true);
    case 'ELOOP':
      return new InputFileError(path, 'a loop of symbolic links (too many levels of symbolic links)', kind);
    case 'ENAMETOOLONG':
      return new InputFileError(path, 'the path is too long', kind);
    case 'EACCES':
    case 'EPERM':
      return new InputFileError(path, 'cannot read: permission denied', kind);
    case 'EISDIR':
      return new InputFileError(path, `is a directory, expected a ${format} file`, kind);
    default:
      return error;
  }
}

/** Refuses anything but a regular file of at most {@link maximumInputBytes}. */
function checkRegularFile(stats: Stats, path: string, kind: string, format: string): void {
  if (!stats.isFile()) throw new InputFileError(path, `is ${describeFileType(stats)}, expected a ${format} file`, kind);
  if (stats.size > maximumInputBytes) throw tooLarge(path, kind, stats.size);
}

function tooLarge(path: string, kind: string, size?: number): InputFileError {
  const limit = `${maximumInputBytes / 1024 / 1024} MiB`;
  return new InputFileError(
    path,
    size === undefined
      ? `larger than ${limit}, the limit of an input file`
      : `is ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes), larger than ${limit}, the limit of an input file`,
    kind,
  );
}

/** Reads at most `limit` bytes from an open file; null when there are more (the file grew since it was looked at). */
async function readAtMost(handle: FileHandle, limit: number, expected: number): Promise<Uint8Array | null> {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return null;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
  }
}

/**
 * The offset of the first byte of `bytes` that does not begin a well-formed
 * UTF-8 character (no overlong forms, no surrogates, nothing above U+10FFFF),
 * or −1 when all of it is UTF-8.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const first = bytes[index] as number;
    if (first < 0x80) {
      index++;
      continue;
    }
    const length =
      first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    const low = first === 0xe0 ? 0xa0 : first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xed ? 0x9f : first === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[index + 1];
    if (second === undefined || second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return -1;
}

/** Decodes UTF-8 bytes (a leading byte order mark dropped), or throws an {@link InputFileError} at the first bad byte. */
function decodeUtf8(bytes: Uint8Array, path: string, kind: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes);
    if (offset < 0) throw new InputFileError(path, 'not UTF-8 text', kind);
    let line = 1;
    for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
    const byte = (bytes[offset] as number).toString(16).padStart(2, '0');
    throw new InputFileError(path, `not UTF-8 text: byte 0x${byte} at byte offset ${offset} (line ${line})`, kind);
  }
}

/**
 * Reads an input file as UTF-8 text. Only a regular file of at most
 * {@link maximumInputBytes} is opened: a missing file, a folder, a named pipe,
 * a device, a loop of symbolic links, a file too large or not UTF-8 is
 * refused at once with an {@link InputFileError} naming the file.
 *
 * @param path the file
 * @param kind what the file should be, for the message (e.g. "scenario", "experiment")
 * @param format the format expected, for the message (e.g. "JSON", "CSV")
 * @throws InputFileError when the file cannot be read as text
 */
export async function readInputText(path: string, kind: string, format = 'text'): Promise<string> {
  let handle: FileHandle;
  try {
    // Look before opening: opening a named pipe waits for a writer, and a device may never end.
    checkRegularFile(await stat(path), path, kind, format);
    // Not blocking, in case the path was replaced by a named pipe since; what was opened is checked again.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw error instanceof InputFileError ? error : openingError(error, path, kind, format);
  }
  try {
    const stats = await handle.stat();
    checkRegularFile(stats, path, kind, format);
    const bytes = await readAtMost(handle, maximumInputBytes, stats.size);
    if (bytes === null) throw tooLarge(path, kind);
    return decodeUtf8(bytes, path, kind);
  } finally {
    await handle.close();
  }
}

/**
 * The offset of the first `[` or `{` (outside strings) that opens a level of
 * nesting deeper than `maximumDepth`, or −1 when there is none. One linear
 * scan, so that text nested too deeply is refused before anything recursive
 * reads it.
 */
export function jsonNestingOffset(text: string, maximumDepth = maximumJsonDepth): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maximumDepth) return index;
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

/**
 * Parses JSON text, turning a syntax error, nesting deeper than
 * {@link maximumJsonDepth} or a key given twice in one object (of which
 * `JSON.parse` would keep only the last, silently) into a {@link ScenarioError}
 * with its line and column.
 *
 * @param text the JSON text
 * @param source where the text came from (a file path), for the message
 * @param kind what the text should be, for the message (e.g. "scenario")
 */
export function parseJsonText(text: string, source: string, kind = 'scenario'): unknown {
  const deep = jsonNestingOffset(text);
  if (deep >= 0) {
    const where = lineAndColumn(text, deep);
    throw new ScenarioError(
      source,
      [{ path: '', message: `nested deeper than ${maximumJsonDepth} levels (at line ${where.line}, column ${where.column})` }],
      kind,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(source, [{ path: '', message: jsonSyntaxMessage(text, message) }], kind);
  }
  const dropped = droppedJsonKey(text);
  if (dropped !== undefined) {
    const where = lineAndColumn(text, dropped.offset);
    throw new ScenarioError(
      source,
      [{ path: dropped.path, message: dropped.message(`line ${where.line}, column ${where.column}`) }],
      kind,
    );
  }
  return parsed;
}

/**
 * Reads the JSON input `path` names — the file `resolved`, which is `path` itself or a shipped file of that name —
 * as {@link readJsonInput} does; a file neither there nor shipped is said to be both, naming `path` as it was given.
 *
 * @param kind what the file should be, also the word for what govsim ships (e.g. "scenario", "experiment")
 */
export async function readJsonInputOrShipped(path: string, resolved: string, kind: string): Promise<unknown> {
  try {
    return await readJsonInput(resolved, kind);
  } catch (error) {
    if (!(error instanceof InputFileError && error.missing)) throw error;
    throw new InputFileError(path, `file not found, and no shipped ${kind} has this name (govsim list shows them)`, kind, true);
  }
}

/**
 * Reads a JSON input file: {@link readInputText}, then {@link parseJsonText}.
 * Returns the parsed value, not yet validated.
 *
 * @param path the file
 * @param kind what the file should be, for the message (e.g. "scenario", "facts file")
 * @throws ScenarioError naming the file when it cannot be read or is not JSON
 */
export async function readJsonInput(path: string, kind: string): Promise<unknown> {
  return parseJsonText(await readInputText(path, kind, 'JSON'), path, kind);
}
