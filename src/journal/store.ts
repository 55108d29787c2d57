import fs from 'node:fs/promises';
import path from 'node:path';
import { type Adapter, Low } from 'lowdb';
import { JournalError } from '../errors.js';
import { PRIVATE_DIR, readText, resolveTarget, writeAtomic } from './atomic-file.js';
import { backupOncePerDay, listBackups } from './backups.js';
import { Keyring, type Sealer, seal } from './crypto.js';
import { parseJournal, serializeJournal } from './format.js';
import { fileSystemReason, isFileSystemError } from './fs-errors.js';
import { withLock } from './lock.js';
import { pruneTrash } from './tombstones.js';
import { emptyJournal, type Journal } from './types.js';

export interface StoreOptions {
  now?: () => Date;
  lockWaitMs?: number;
  onLockWait?: () => void;
  /** Asks for the passphrase of an encrypted journal (only called when one is met), again with the reason after a wrong one. */
  passphrase?: (again?: string) => Promise<string>;
  /** How many passphrases may be tried (3 on a terminal, 1 from ATTACH_PASSPHRASE). */
  passphraseTries?: number;
}

/**
 * lowdb adapter for the journal file: opened if encrypted, validated on
 * read, sealed again if it was encrypted, and written atomically. A missing
 * file reads as null, which Low turns into an empty journal.
 */
export class JournalFile implements Adapter<Journal> {
  constructor(
    private readonly target: string,
    private readonly keyring: Keyring,
    /** Given when what is read will be written back: checked just before each write (the lock is still ours). */
    private readonly beforeWrite?: () => void,
  ) {}

  async read(): Promise<Journal | null> {
    const text = await readText(this.target);
    if (text === null) return null;
    // Read to be written back: entries frozen, unchanged ones written back as their lines (src/journal/lines.ts).
    return parseJournal(await this.keyring.unseal(text, this.target), this.target, { forUpdate: this.beforeWrite !== undefined });
  }

  async write(journal: Journal): Promise<void> {
    const text = this.keyring.seal(serializeJournal(journal));
    this.beforeWrite?.();
    await writeAtomic(this.target, text);
  }
}

export interface UpdateOptions<T = unknown> {
  /** Write the journal sealed with this (encrypt, re-key) or in plain text (null: decrypt). */
  sealer?: Sealer | null;
  /** More work under the same lock, once the journal is written. */
  afterWrite?: (target: string) => Promise<void>;
  /** True when `change` found nothing to change: the file is left as it is (no backup, no write); afterWrite still runs. */
  unchanged?: (result: T) => boolean;
}

export class JournalStore {
  private readonly now: () => Date;
  readonly keyring: Keyring;

  constructor(
    readonly file: string,
    private readonly options: StoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.keyring = new Keyring(options.passphrase, options.passphraseTries);
  }

  /** A snapshot for reading; nothing is locked or written. */
  async read(): Promise<Journal> {
    let target = this.file;
    try {
      target = await resolveTarget(this.file);
      const db = new Low(new JournalFile(target, this.keyring), emptyJournal());
      await db.read();
      return db.data;
    } catch (error) {
      throw explain(error, target);
    }
  }

  /**
   * Read -> change -> write under the lock, re-reading inside it so a change
   * made by another process a moment ago is never lost. `change` edits the
   * journal in place and returns what the caller wants back. The entries it
   * finds are frozen: an entry is changed by putting a new object in its
   * place (`journal.entries[i] = { ...entry, ...changes }`).
   */
  async update<T>(change: (journal: Journal) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    let target = this.file;
    try {
      target = await resolveTarget(this.file);
      // The lock lives beside the journal, so its folder must exist first.
      await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
      await this.keyring.prepare(await readHead(target), target);
      return await withLock(
        target,
        async (assertHeld) => {
          const db = new Low(new JournalFile(target, this.keyring, assertHeld), emptyJournal());
          await db.read();
          const result = await change(db.data);
          if (options.unchanged?.(result)) {
            await options.afterWrite?.(target);
            return result;
          }
          // The trash keeps what was deleted 7 days; older is dropped at the next write, whatever it is.
          pruneTrash(db.data, this.now());
          // Today's backup is a copy of the file as it was: made before the seal changes.
          await backupOncePerDay(target, this.now());
          if (options.sealer !== undefined) this.keyring.sealer = options.sealer;
          await db.write();
          await options.afterWrite?.(target);
          return result;
        },
        {
          ...(this.options.lockWaitMs === undefined ? {} : { waitMs: this.options.lockWaitMs }),
          ...(this.options.onLockWait ? { onWait: this.options.onLockWait } : {}),
        },
      );
    } catch (error) {
      throw explain(error, target);
    }
  }
}

export interface ResealResult {
  /** Backups rewritten to match. */
  backups: number;
  /** Backups left as they were: sealed with another passphrase, or unreadable. */
  skipped: string[];
}

/**
 * Encrypts (a new sealer), re-keys, or decrypts (null) the journal and every
 * backup beside it, under the lock, each file replaced atomically: there is
 * never a moment when one is half-written, and no plaintext copy is made.
 */
export async function reseal(store: JournalStore, next: Sealer | null): Promise<ResealResult> {
  const result: ResealResult = { backups: 0, skipped: [] };
  // The journal first, then its backups: were this stopped halfway, running it again finishes the backups.
  await store.update(() => {}, {
    sealer: next,
    afterWrite: async (target) => {
      for (const { file } of await listBackups(target)) {
        const name = path.basename(file);
        const text = await readText(file);
        if (text === null) continue;
        // A keyring of its own: a backup may carry an older salt, and must not change the journal's.
        const plain = await new Keyring(() => store.keyring.passphrase(file)).unseal(text, file).catch(() => null);
        if (plain === null) {
          result.skipped.push(name);
          continue;
        }
        await writeAtomic(file, next ? seal(plain, next) : plain);
        result.backups++;
      }
    },
  });
  return result;
}

/** The first bytes of a file (where an envelope's header is), or '' when it can't be read. */
async function readHead(file: string): Promise<string> {
  let handle: fs.FileHandle | undefined;
  try {
    if (!(await fs.stat(file)).isFile()) return '';
    handle = await fs.open(file, 'r');
    const buffer = Buffer.alloc(2048);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

/** Turns file-system failures into a calm exit 3; everything else passes through. */
function explain(error: unknown, target: string): unknown {
  if (error instanceof JournalError || !isFileSystemError(error)) return error;
  return new JournalError(`Your journal at ${target} can't be used: ${fileSystemReason(error)}. Nothing was written.`);
}
