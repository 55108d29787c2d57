import lockfile from 'proper-lockfile';
import { JournalError } from '../errors.js';

export interface LockOptions {
  /** How long to wait for another attach to finish before giving up. */
  waitMs?: number;
  /** Called once when the lock has been busy for a second, so the person knows why nothing happens. */
  onWait?: () => void;
}

/**
 * A lock held longer than this without being refreshed belongs to a process
 * that died: the holder refreshes it every STALE_MS / 4 (1.25 s). Doctor
 * calls a lock this old "left over" by the same measure.
 */
export const STALE_MS = 5_000;

/** Between two tries for a busy lock, in ms: random, so that waiting writers do not retry in step. */
const RETRY_MIN = 10;
const RETRY_SPREAD = 40;

export function lockPathFor(target: string): string {
  return `${target}.lock`;
}

/**
 * Runs `work` while holding the journal's lock, so that the read -> change ->
 * write of two attach processes never interleave (lowdb alone lost entries
 * when 20 processes wrote at once). proper-lockfile makes a lock folder with
 * mkdir, which is atomic on every file system, and takes over a stale one.
 * How long it has waited is the sum of its pauses between tries: no clock is
 * read (the clock belongs to the context), and a clock set back meanwhile
 * can't stretch the wait.
 */
export async function withLock<T>(target: string, work: (assertHeld: () => void) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(target);
  const waitMs = options.waitMs ?? 10_000;
  let waited = 0;
  let told = false;
  let compromised: Error | undefined;
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      release = await lockfile.lock(target, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: STALE_MS / 4,
        retries: 0,
        onCompromised: (error) => {
          compromised = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (waited >= waitMs) {
        throw new JournalError(`Your journal is busy: another attach has held ${lockPath} for too long. Nothing was written.`, [
          'Try again in a moment. If no other attach is running, that folder is left over and can be removed.',
        ]);
      }
      if (!told && waited > 1_000) {
        told = true;
        options.onWait?.();
      }
      const pause = RETRY_MIN + Math.random() * RETRY_SPREAD;
      await new Promise((resolve) => setTimeout(resolve, pause));
      waited += pause;
    }
  }
  // Checked just before the file is replaced: if another process took the
  // lock over meanwhile, writing now could lose its entry.
  const assertHeld = () => {
    if (compromised)
      throw new JournalError(`The lock on your journal (${lockPath}) was lost while writing. Nothing was written; please try again.`);
  };
  try {
    return await work(assertHeld);
  } finally {
    await release().catch(() => {});
  }
}
