/*
 * File-system failures in words, for every message that names one: the
 * store's exit 3 and doctor's findings say the same thing for the same code.
 */

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'attach is not allowed to read or write there',
  EPERM: 'attach is not allowed to read or write there',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'that path is a folder, not a file',
  ENOTDIR: 'part of that path is a file, not a folder',
  EIO: 'the disk reported an error',
  // Not the system's: readText() refuses a FIFO or device rather than wait on it.
  ENOTFILE: 'that path is not a regular file (a pipe or a device?)',
};

export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error from the file system (it carries a code), as opposed to one of attach's own or a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

/** "the disk is full": why a file could not be read or written, for the middle of a sentence. */
export function fileSystemReason(error: unknown): string {
  const code = errorCode(error);
  const known = code === undefined ? undefined : REASONS[code];
  return known ?? `the system said: ${(error as Error | undefined)?.message ?? String(error)}`;
}
