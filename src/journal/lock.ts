import fs from 'node:fs/promises';
import { JournalError } from '../errors.js';

export interface LockOptions {
  /**
   * How long a lock that is not being refreshed may keep a writer waiting
   * (a lock whose holder refreshes it is waited for as long as it takes).
   */
  waitMs?: number;
  /** Called once when the lock has been busy for a second, so the person knows why nothing happens. */
  onWait?: () => void;
  /** Called once, when the lock is first found busy (the store keeps a new entry beside the journal meanwhile). */
  onBusy?: () => Promise<void>;
  /** Asked between tries, with how long it has waited: whether there is no more need to wait (the work was done meanwhile). */
  settled?: (waitedMs: number) => Promise<boolean>;
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

/** The lock could not be had, or was lost before the write: nothing was written (exit 3, unless the store keeps the entry beside). */
export class LockUnavailable extends JournalError {}

export type Release = () => Promise<void>;

/**
 * Takes the journal's lock, so that the read -> change -> write of two
 * attach processes never interleave (lowdb alone lost entries when 20
 * processes wrote at once). proper-lockfile makes a lock folder with mkdir,
 * which is atomic on every file system, refreshes its time while it is held,
 * and takes over one whose time is older than STALE_MS (its holder died).
 *
 * A busy lock is waited for as long as its holder is alive and working,
 * which its refreshed time says: on a loaded machine twenty writers of a
 * large journal take far longer than any fixed limit. Only a lock whose time
 * does not move for `waitMs` of waiting (set ahead, or held by something
 * that is not attach) is given up on. How long it has waited is the sum of
 * its pauses between tries: no clock is read (the clock belongs to the
 * context). Resolves null when `settled` said the work was done meanwhile.
 */
export async function acquire(target: string, options: LockOptions = {}): Promise<{ release: Release; assertHeld: () => void } | null> {
  const lockPath = lockPathFor(target);
  const waitMs = options.waitMs ?? 10_000;
  let waited = 0;
  let still = 0;
  let seen: number | undefined;
  let busy = false;
  let told = false;
  let compromised: Error | undefined;
  // Loaded by writers only: proper-lockfile brings graceful-fs, signal-exit and node:assert, 5 ms of a start that reads.
  const { default: lockfile } = await import('proper-lockfile');
  for (;;) {
    try {
      const release = await lockfile.lock(target, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: STALE_MS / 4,
        retries: 0,
        onCompromised: (error) => {
          compromised = error;
        },
      });
      // Checked just before the file is replaced: if another process took the lock over meanwhile, writing now could lose its entry.
      const assertHeld = () => {
        if (compromised) {
          throw new LockUnavailable(
            `The lock on your journal (${lockPath}) was lost while writing. Nothing was written; please try again.`,
          );
        }
      };
      return { release: () => release().catch(() => {}), assertHeld };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (!busy) {
      busy = true;
      await options.onBusy?.();
    }
    if (await options.settled?.(waited)) return null;
    const time = await fs.stat(lockPath).then(
      (stat) => stat.mtimeMs,
      () => undefined,
    );
    if (time !== seen) {
      seen = time;
      still = 0;
    }
    if (still >= waitMs) {
      throw new LockUnavailable(
        `Your journal is busy: ${lockPath} has been held for too long without a sign of the attach holding it. Nothing was written.`,
        ['Try again in a moment. If no other attach is running, that folder is left over and can be removed.'],
      );
    }
    if (!told && waited > 1_000) {
      told = true;
      options.onWait?.();
    }
    const pause = RETRY_MIN + Math.random() * RETRY_SPREAD;
    await new Promise((resolve) => setTimeout(resolve, pause));
    waited += pause;
    still += pause;
  }
}

/** Runs `work` while holding the journal's lock (see acquire); `assertHeld` throws if the lock was lost meanwhile. */
export async function withLock<T>(target: string, work: (assertHeld: () => void) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const held = await acquire(target, { ...options, settled: undefined });
  if (!held) throw new Error('the lock was settled without a way to settle it');
  try {
    return await work(held.assertHeld);
  } finally {
    await held.release();
  }
}
