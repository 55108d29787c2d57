import fs from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { JournalError } from '../errors.js';
import { PRIVATE_DIR, readText, resolveTarget, writeAtomic } from './atomic-file.js';
import { backupOncePerDay } from './backups.js';
import { parseJournal, serializeJournal } from './format.js';
import { withLock } from './lock.js';
import { emptyJournal, type Journal } from './types.js';

export interface StoreOptions {
  now?: () => Date;
  lockWaitMs?: number;
  onLockWait?: () => void;
}

/**
 * lowdb adapter for the journal file: validated on read, written atomically.
 * A missing file reads as null, which Low turns into an empty journal.
 */
export class JournalFile implements Adapter<Journal> {
  constructor(
    private readonly target: string,
    private readonly beforeWrite: () => void = () => {},
  ) {}

  async read(): Promise<Journal | null> {
    const text = await readText(this.target);
    return text === null ? null : parseJournal(text, this.target);
  }

  async write(journal: Journal): Promise<void> {
    this.beforeWrite();
    await writeAtomic(this.target, serializeJournal(journal));
  }
}

export class JournalStore {
  private readonly now: () => Date;

  constructor(
    readonly file: string,
    private readonly options: StoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** A snapshot for reading; nothing is locked or written. */
  async read(): Promise<Journal> {
    let target = this.file;
    try {
      target = await resolveTarget(this.file);
      const db = new Low(new JournalFile(target), emptyJournal());
      await db.read();
      return db.data;
    } catch (error) {
      throw explain(error, target);
    }
  }

  /**
   * Read -> change -> write under the lock, re-reading inside it so a change
   * made by another process a moment ago is never lost. `change` edits the
   * journal in place and returns what the caller wants back.
   */
  async update<T>(change: (journal: Journal) => T | Promise<T>): Promise<T> {
    let target = this.file;
    try {
      target = await resolveTarget(this.file);
      // The lock lives beside the journal, so its folder must exist first.
      await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
      return await withLock(
        target,
        async (assertHeld) => {
          const db = new Low(new JournalFile(target, assertHeld), emptyJournal());
          await db.read();
          const result = await change(db.data);
          await backupOncePerDay(target, this.now());
          await db.write();
          return result;
        },
        { ...(this.options.lockWaitMs === undefined ? {} : { waitMs: this.options.lockWaitMs }), ...(this.options.onLockWait ? { onWait: this.options.onLockWait } : {}) },
      );
    } catch (error) {
      throw explain(error, target);
    }
  }
}

/** Turns file-system failures into a calm exit 3; everything else passes through. */
function explain(error: unknown, target: string): unknown {
  if (error instanceof JournalError || !(error instanceof Error) || !('code' in error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'attach is not allowed to read or write there',
    EPERM: 'attach is not allowed to read or write there',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EISDIR: 'that path is a folder, not a file',
    ENOTDIR: 'part of that path is a file, not a folder',
    EIO: 'the disk reported an error',
  };
  const reason = (code && why[code]) ?? `the system said: ${error.message}`;
  return new JournalError(`Your journal at ${target} can't be used: ${reason}. Nothing was written.`);
}
