/**
 * Saying in words what a failed file operation was: Node's own errors carry
 * an errno code, the system call and the path ("ENOTDIR: not a directory,
 * mkdir 'out/x'"); the command line turns them into one line naming the
 * operation, the path and the reason.
 */

/** A failed system call as Node reports it: an Error with `code` and `syscall`, and usually `path`. */
export interface SystemError extends Error {
  code: string;
  syscall: string;
  path?: string;
  dest?: string;
}

/** Whether `error` is a failed system call (an Error with string `code` and `syscall`). */
export function isSystemError(error: unknown): error is SystemError {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as Partial<SystemError>;
  return typeof code === 'string' && typeof syscall === 'string';
}

/**
 * Names `path` on a failed system call that does not name one: Node's errors of a write or flush on an open file
 * (ENOSPC, EDQUOT, EIO) carry no path, and "cannot write: no space left on device" would not say which file; nor does
 * one that names the `temporary` file written first in its place. Returns `error`, so that
 * `throw namingPath(error, path)` rethrows it.
 */
export function namingPath(error: unknown, path: string, temporary?: string): unknown {
  if (isSystemError(error) && (error.path === undefined || error.path === temporary)) error.path = path;
  return error;
}

/** System calls in words, as "cannot <operation> <path>". */
const operations: Readonly<Record<string, string>> = {
  access: 'access',
  chmod: 'change the permissions of',
  close: 'close',
  copyfile: 'copy',
  fdatasync: 'flush',
  fstat: 'inspect',
  fsync: 'flush',
  link: 'link',
  lstat: 'inspect',
  mkdir: 'create the folder',
  mkdtemp: 'create a temporary folder',
  open: 'open',
  opendir: 'open the folder',
  read: 'read',
  readlink: 'read the link',
  realpath: 'resolve',
  rename: 'rename',
  rm: 'remove',
  rmdir: 'remove the folder',
  scandir: 'list the folder',
  stat: 'inspect',
  symlink: 'link',
  unlink: 'remove',
  utime: 'set the times of',
  write: 'write',
};

/** Errno codes in words. */
const reasons: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EBUSY: 'resource busy',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  EFBIG: 'file too large',
  EINVAL: 'invalid argument',
  EIO: 'input/output error',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  ENFILE: 'too many open files in the system',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  ENOTDIR: 'a part of the path is not a directory',
  ENOTEMPTY: 'directory not empty',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EXDEV: 'cross-device link',
};

/**
 * One line saying what failed: `cannot <operation> <path>: <reason> (<code>)`,
 * e.g. `cannot create the folder out/x: a part of the path is not a directory (ENOTDIR)`.
 * Codes without words of their own take Node's description.
 */
export function describeSystemError(error: SystemError): string {
  const operation = operations[error.syscall] ?? error.syscall;
  const target = error.path === undefined ? '' : error.dest === undefined ? ` ${error.path}` : ` ${error.path} to ${error.dest}`;
  return `cannot ${operation}${target}: ${systemErrorReason(error)}`;
}

/**
 * Why a system call failed, in words with its code: `<reason> (<code>)`, e.g. `permission denied (EACCES)`.
 * Codes without words of their own take Node's description.
 */
export function systemErrorReason(error: SystemError): string {
  const described = /^[A-Z0-9_]+: ([^,]+)/.exec(error.message)?.[1];
  return `${reasons[error.code] ?? described ?? 'failed'} (${error.code})`;
}
