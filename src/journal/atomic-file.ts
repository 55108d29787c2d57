import { randomBytes } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A new journal, backup or export is readable by its owner only. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/**
 * Follows a symlinked journal to its target, so a write replaces the target
 * and keeps the link (people keep journals in synced folders this way).
 */
export async function resolveTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
    try {
      // A link whose target does not exist yet: write where it points.
      const link = await fs.readlink(file);
      return path.resolve(path.dirname(file), link);
    } catch {
      return file;
    }
  }
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Reads a file as UTF-8, or null when it does not exist. A FIFO or device is refused, never waited on. */
export async function readText(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() && !stat.isDirectory()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTFILE' });
    // Bytes first, then one decode: readFile(file, 'utf8') decodes chunk by chunk through a StringDecoder and leaves a
    // string of pieces that JSON.parse must join again, about 0.2 s more on a 40 MB journal. In one synchronous read:
    // fs.promises reads 512 KiB a trip through the thread pool, and on a 44 MB journal its 88 trips and the chunks it
    // joins cost about 50 ms more than one read, mostly as garbage collection during the JSON.parse that follows (there is
    // nothing else for the process to do meanwhile).
    return readFileSync(file).toString('utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * Writes a whole file so that a crash at any moment leaves either the old
 * file or the new one, never a mix: a temp file with a name no other process
 * uses, fsynced, renamed over the target, then the folder fsynced so the
 * rename itself survives a power cut. The target keeps its mode (a write
 * never widens it); a new file is 0600, or `newMode`. Text is written as UTF-8.
 */
export async function writeAtomic(target: string, text: string | Uint8Array, newMode = PRIVATE_FILE): Promise<void> {
  const dir = path.dirname(target);
  let mode = newMode;
  try {
    mode = (await fs.stat(target)).mode & 0o777;
    // A rename would replace a read-only file (and root ignores the bits): respect what the mode says.
    if (!(mode & 0o200)) throw Object.assign(new Error(`${target} is read-only`), { code: 'EACCES' });
  } catch (error) {
    if (!isMissing(error)) throw error;
    await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  }
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await removeOrphanTemps(target);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE);
  try {
    try {
      await handle.writeFile(text);
      // Set exactly; the mode given to open() is narrowed by the umask.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDir(dir);
}

/**
 * Temp files (`.<name>.<pid>.<hex>.tmp`, of `forName` when given) whose
 * writer is gone. A writer killed mid-write leaves one behind, and it may
 * hold a copy of the private journal; it can never be renamed any more.
 */
export async function orphanTemps(dir: string, forName?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      const match = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
      if (!match || (forName !== undefined && match[1] !== forName)) return false;
      const pid = Number(match[2]);
      return pid !== process.pid && !isAlive(pid);
    })
    .sort()
    .map((name) => path.join(dir, name));
}

async function removeOrphanTemps(target: string): Promise<void> {
  for (const file of await orphanTemps(path.dirname(target), path.basename(target))) await fs.rm(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}
