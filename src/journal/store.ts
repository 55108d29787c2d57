import fs from 'node:fs/promises';
import path from 'node:path';
import { type Adapter, Low } from 'lowdb';
import { JournalError } from '../errors.js';
import { PRIVATE_DIR, readText, resolveTarget, writeAtomic } from './atomic-file.js';
import { backupOncePerDay } from './backups.js';
import { DEFAULT_KDF, isEnvelopeText, type KdfParams, Keyring, type Sealer } from './crypto.js';
import { parseJournal, serializeJournal } from './format.js';
import { fileSystemReason, isFileSystemError } from './fs-errors.js';
import { acquire, LockUnavailable } from './lock.js';
import { foldInto, readPending, removePending, writePending } from './pending.js';
import { pruneTrash } from './tombstones.js';
import { type Entry, emptyJournal, type Journal } from './types.js';

export interface StoreOptions {
  now?: () => Date;
  /** How long a lock that nobody refreshes may keep a writer waiting (lock.ts). */
  lockWaitMs?: number;
  /** How long a writer whose entry is already kept beside the journal waits on for the lock before leaving it there. */
  keptWaitMs?: number;
  onLockWait?: () => void;
  /** Told when a new entry was left beside the journal (the lock could not be had), with the file it is in. */
  onKeptBeside?: (file: string) => void;
  /** Asks for the passphrase of an encrypted journal (only called when one is met), again with the reason after a wrong one. */
  passphrase?: (again?: string) => Promise<string>;
  /** How many passphrases may be tried (3 on a terminal, 1 from ATTACH_PASSPHRASE). */
  passphraseTries?: number;
  /** The scrypt parameters of today: a journal sealed with weaker ones is sealed with these at its next write. */
  kdf?: KdfParams;
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
    const plain = await this.keyring.unseal(text, this.target);
    if (this.beforeWrite) this.keyring.strengthen();
    // Read to be written back: entries frozen, unchanged ones written back as their lines (src/journal/lines.ts).
    return parseJournal(plain, this.target, { forUpdate: this.beforeWrite !== undefined });
  }

  async write(journal: Journal): Promise<void> {
    const text = await this.keyring.sealForWrite(serializeJournal(journal));
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
  /**
   * The new entries `change` adds. Should the lock be busy, they are kept
   * beside the journal at once, and if it can't be had (or is lost before
   * the write) they stay there, to be folded in by the next write: the
   * update still succeeds, `change` run on the journal as it reads now.
   */
  adding?: readonly Entry[];
}

/** A writer whose entry is safe beside the journal waits this long for the lock before leaving it there. */
const KEPT_WAIT_MS = 10_000;

export class JournalStore {
  private readonly now: () => Date;
  readonly keyring: Keyring;

  constructor(
    readonly file: string,
    private readonly options: StoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.keyring = new Keyring(options.passphrase, options.passphraseTries, options.kdf ?? DEFAULT_KDF);
  }

  /** A snapshot for reading, the entries waiting beside it included; nothing is locked or written. */
  async read(): Promise<Journal> {
    let target = this.file;
    try {
      target = await resolveTarget(this.file);
      const db = new Low(new JournalFile(target, this.keyring), emptyJournal());
      await db.read();
      foldInto(db.data, await readPending(target, this.keyring));
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
   * place (`journal.entries[i] = { ...entry, ...changes }`). Entries waiting
   * beside the journal are folded in first.
   */
  async update<T>(change: (journal: Journal) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    let target = this.file;
    const adding = options.adding ?? [];
    let kept: string | null = null;
    try {
      target = await resolveTarget(this.file);
      // The lock lives beside the journal, so its folder must exist first.
      await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
      await this.keyring.prepare(await readHead(target), target);
      let keptAt = 0;
      const folded = async () => kept !== null && !(await exists(kept));
      const held = await acquire(target, {
        ...(this.options.lockWaitMs === undefined ? {} : { waitMs: this.options.lockWaitMs }),
        ...(this.options.onLockWait ? { onWait: this.options.onLockWait } : {}),
        ...(adding.length === 0
          ? {}
          : {
              onBusy: async () => {
                kept = await this.keep(target, adding).catch(() => null);
              },
              settled: async (waited) => {
                if (kept !== null && keptAt === 0) keptAt = waited;
                return (await folded()) || (kept !== null && waited - keptAt >= (this.options.keptWaitMs ?? KEPT_WAIT_MS));
              },
            }),
      }).catch((error: unknown) => {
        if (error instanceof LockUnavailable && adding.length > 0) return null;
        throw error;
      });
      if (held && (await folded())) await held.release();
      else if (held) {
        try {
          return await this.locked(target, change, options, held.assertHeld, kept);
        } catch (error) {
          if (!(error instanceof LockUnavailable) || adding.length === 0) throw error;
        } finally {
          await held.release();
        }
      }
      return await this.elsewhere(target, change, adding, kept);
    } catch (error) {
      throw explain(error, target);
    }
  }

  /** The update itself, the lock held. */
  private async locked<T>(
    target: string,
    change: (journal: Journal) => T | Promise<T>,
    options: UpdateOptions<T>,
    assertHeld: () => void,
    kept: string | null,
  ): Promise<T> {
    const db = new Low(new JournalFile(target, this.keyring, assertHeld), emptyJournal());
    await db.read();
    const waiting = await readPending(target, this.keyring);
    // This writer's own entries are added by `change`, as if nothing had waited.
    foldInto(db.data, waiting, new Set((options.adding ?? []).map((entry) => entry.id)));
    let result: T;
    try {
      result = await change(db.data);
    } catch (error) {
      if (kept) await removePending([kept]);
      throw error;
    }
    if (options.unchanged?.(result) && waiting.length === 0 && kept === null) {
      await options.afterWrite?.(target);
      return result;
    }
    // The trash keeps what was deleted 7 days; older is dropped at the next write, whatever it is.
    pruneTrash(db.data, this.now());
    // Today's backup is a copy of the file as it was: made before the seal changes.
    await backupOncePerDay(target, this.now());
    if (options.sealer !== undefined) this.keyring.use(options.sealer);
    await db.write();
    await removePending([...waiting.map((w) => w.file), ...(kept ? [kept] : [])]);
    await options.afterWrite?.(target);
    return result;
  }

  /**
   * Without the lock: the entries are in the journal already (another writer
   * folded them in), or kept beside it; `change` runs on the journal as it
   * reads now, without them, so it returns what it would have.
   */
  private async elsewhere<T>(target: string, change: (journal: Journal) => T | Promise<T>, adding: readonly Entry[], kept: string | null) {
    const file = kept ?? (await this.keep(target, adding));
    const snapshot = await this.read();
    const ids = new Set(adding.map((entry) => entry.id));
    snapshot.entries = snapshot.entries.filter((entry) => !ids.has(entry.id));
    try {
      const result = await change(snapshot);
      if (await exists(file)) this.options.onKeptBeside?.(file);
      return result;
    } catch (error) {
      await removePending([file]);
      throw error;
    }
  }

  /** Writes `entries` beside the journal, sealed as the journal is (the passphrase checked against it first). */
  private async keep(target: string, entries: readonly Entry[]): Promise<string> {
    const text = await readText(target);
    if (text !== null && isEnvelopeText(text)) await this.keyring.unsealBytes(text, target);
    else this.keyring.sealer = null;
    return writePending(target, entries, this.keyring.sealer, this.now());
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
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
