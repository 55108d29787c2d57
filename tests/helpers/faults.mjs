/*
 * A preload that makes chosen file-system calls fail, for the fault tests
 * (tests/e2e/faults.test.ts). CI runs as root, where chmod does not stop a
 * write, so a read-only folder or a full disk is simulated by throwing the
 * errno the kernel would give. Loaded with
 *
 *   NODE_OPTIONS="--import=file:///…/tests/helpers/faults.mjs"
 *
 * and driven by the environment:
 *
 *   ATTACH_FAULT       comma-separated op:ERRNO (e.g. "rename:EACCES",
 *                      "open-write:EROFS,mkdir:EROFS"); ERRNO "HANG" never
 *                      settles instead (a process stuck mid-write, to be killed)
 *   ATTACH_FAULT_ROOT  only paths under this folder fail (the test's sandbox)
 *   ATTACH_FAULT_LOG   optional file: one line per injected fault, so a test
 *                      can prove the fault really fired
 *
 * ops: open-write (fs.promises.open with write flags), open-read, write
 * (FileHandle write/writeFile/writev/appendFile), sync (FileHandle sync),
 * rename, mkdir (fs.promises.mkdir and the callback fs.mkdir the lock uses),
 * readFile (fs.promises.readFile, FileHandle readFile and readFileSync, which
 * reads the journal), writeFile
 * (fs.promises.writeFile), copyFile, rm (rm/unlink/rmdir).
 *
 * The CLI bundle imports `fs from 'node:fs/promises'` and calls methods on
 * that object when it runs, so replacing them here (before the bundle loads)
 * is seen by every call; graceful-fs (inside proper-lockfile) copies the
 * callback `fs` when it loads, also after this.
 */
import fsCallback, { appendFileSync, constants } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const spec = process.env.ATTACH_FAULT ?? '';
const root = process.env.ATTACH_FAULT_ROOT ? path.resolve(process.env.ATTACH_FAULT_ROOT) : undefined;
const log = process.env.ATTACH_FAULT_LOG;

/** op -> errno */
const faults = new Map(
  spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [op, errno] = part.split(':');
      return [op, errno ?? 'EIO'];
    }),
);

const MESSAGES = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EIO: 'i/o error',
  EDQUOT: 'disk quota exceeded',
};

function toPath(file) {
  if (typeof file === 'string') return path.resolve(file);
  if (file instanceof URL) return path.resolve(file.pathname);
  if (Buffer.isBuffer(file)) return path.resolve(file.toString());
  return undefined;
}

function covered(file) {
  if (!root) return false;
  const p = toPath(file);
  return p !== undefined && (p === root || p.startsWith(root + path.sep));
}

function makeError(errno, syscall, file) {
  const number = os.constants.errno[errno];
  const error = new Error(`${errno}: ${MESSAGES[errno] ?? 'injected fault'}, ${syscall} '${file}'`);
  error.errno = number === undefined ? -5 : -number;
  error.code = errno;
  error.syscall = syscall;
  error.path = String(file);
  return error;
}

function note(op, file) {
  if (log) {
    try {
      appendFileSync(log, `${op} ${file}\n`);
    } catch {
      // The log is a convenience; a test without it still checks the outcome.
    }
  }
}

/** A failing (or never settling) promise for op on file, or undefined when no fault applies. */
function fault(op, syscall, file) {
  const errno = faults.get(op);
  if (errno === undefined || !covered(file)) return undefined;
  note(op, toPath(file));
  if (errno === 'HANG') {
    // Keep the process alive, stuck, until it is killed.
    setInterval(() => {}, 1_000);
    return new Promise(() => {});
  }
  return Promise.reject(makeError(errno, syscall, toPath(file)));
}

function isWriteFlags(flags) {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') {
    return (flags & (constants.O_WRONLY | constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND)) !== 0;
  }
  return /[wa+]/.test(String(flags));
}

const originals = {
  open: fsp.open,
  rename: fsp.rename,
  mkdir: fsp.mkdir,
  readFile: fsp.readFile,
  writeFile: fsp.writeFile,
  copyFile: fsp.copyFile,
  rm: fsp.rm,
  unlink: fsp.unlink,
  rmdir: fsp.rmdir,
};

/** The path each open FileHandle was opened with, for the FileHandle faults. */
const handlePaths = new WeakMap();

fsp.open = async function open(file, flags, mode) {
  const failed = fault(isWriteFlags(flags) ? 'open-write' : 'open-read', 'open', file);
  if (failed) return failed;
  const handle = await originals.open.call(this, file, flags, mode);
  handlePaths.set(handle, toPath(file));
  return handle;
};
fsp.rename = function rename(from, to) {
  return fault('rename', 'rename', to) ?? fault('rename', 'rename', from) ?? originals.rename.call(this, from, to);
};
fsp.mkdir = function mkdir(dir, options) {
  return fault('mkdir', 'mkdir', dir) ?? originals.mkdir.call(this, dir, options);
};
fsp.readFile = function readFile(file, options) {
  return fault('readFile', 'open', file) ?? originals.readFile.call(this, file, options);
};
fsp.writeFile = function writeFile(file, data, options) {
  return fault('writeFile', 'open', file) ?? fault('write', 'write', file) ?? originals.writeFile.call(this, file, data, options);
};
fsp.copyFile = function copyFile(from, to, mode) {
  return fault('copyFile', 'copyfile', to) ?? originals.copyFile.call(this, from, to, mode);
};
fsp.rm = function rm(file, options) {
  return fault('rm', 'rm', file) ?? originals.rm.call(this, file, options);
};
fsp.unlink = function unlink(file) {
  return fault('rm', 'unlink', file) ?? originals.unlink.call(this, file);
};
fsp.rmdir = function rmdir(dir, options) {
  return fault('rm', 'rmdir', dir) ?? originals.rmdir.call(this, dir, options);
};

// FileHandle is not exported: reach its prototype through a handle of a file we can always read.
const probe = await originals.open(process.execPath, 'r');
const FileHandleProto = Object.getPrototypeOf(probe);
await probe.close();
for (const [method, op, syscall] of [
  ['write', 'write', 'write'],
  ['writeFile', 'write', 'write'],
  ['writev', 'write', 'writev'],
  ['appendFile', 'write', 'write'],
  ['sync', 'sync', 'fsync'],
  ['datasync', 'sync', 'fdatasync'],
  ['readFile', 'readFile', 'read'],
]) {
  const original = FileHandleProto[method];
  if (typeof original !== 'function') continue;
  FileHandleProto[method] = function patched(...args) {
    return fault(op, syscall, handlePaths.get(this)) ?? original.apply(this, args);
  };
}

// The lock is a folder made with the callback API (proper-lockfile, through graceful-fs).
const callbackMkdir = fsCallback.mkdir;
fsCallback.mkdir = function mkdir(dir, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const failed = fault('mkdir', 'mkdir', dir);
  if (failed) {
    failed.then(undefined, (error) => process.nextTick(cb, error));
    return;
  }
  return callbackMkdir.call(this, dir, options, callback);
};

// The journal is read in one synchronous call (src/journal/atomic-file.ts), through the bundle's named import of
// readFileSync: syncBuiltinESMExports carries the replacement over to that import. HANG is for the asynchronous calls:
// a synchronous read that never returns would stop the process's own timers too.
const readFileSync = fsCallback.readFileSync;
fsCallback.readFileSync = function patchedReadFileSync(file, options) {
  const errno = faults.get('readFile');
  if (errno !== undefined && errno !== 'HANG' && covered(file)) {
    note('readFile', toPath(file));
    throw makeError(errno, 'open', toPath(file));
  }
  return readFileSync.call(this, file, options);
};
syncBuiltinESMExports();

if (process.env.ATTACH_FAULT_LOG && faults.size > 0) note('armed', spec);
