import fs from 'node:fs/promises';
import { JournalError } from '../errors.js';
import { isMissing, readText, writeAtomic } from './atomic-file.js';
import { type BackupFile, listBackups } from './backups.js';
import { keepBrokenCopy } from './broken-copies.js';
import { type Keyring, type Sealer, seal } from './crypto.js';
import { serializeJournal } from './format.js';
import { type LockOptions, withLock } from './lock.js';
import { newerEnvelope, newerFormat, newerWriter } from './newer.js';
import { newestValidBackup, type OpenedBackup, openText } from './open-text.js';
import { assessJournal, mergeWithBackup, nothingRecovered, type Recovery, recoverEntries } from './recover.js';
import { JOURNAL_VERSION, type Journal } from './types.js';
import { checkJournal } from './validate.js';

/*
 * `attach doctor --repair`: a journal that no longer opens is kept aside as it
 * is, every entry that can still be read is taken from it, and the newest
 * backup that opens fills in what the damage took. planRepair decides all of
 * that, once for the question asked first and once more under the lock, on
 * the bytes read there; only repairJournal writes.
 */

const DAMAGED_ENVELOPE = 'it is encrypted, and its envelope is damaged (cut short or changed), so nothing inside it can be read';

/** What a repair would do with a journal's contents now; nothing is written. */
export type RepairPlan =
  | { state: 'missing' }
  | { state: 'healthy'; entries: number }
  | { state: 'newer'; problem: string }
  | {
      state: 'broken';
      problem: string;
      /** The file is an envelope (damaged or not): what is rebuilt is sealed again. */
      encrypted: boolean;
      recovery: Recovery;
      /** The newest backup that opens, if one does. */
      backup: (BackupFile & OpenedBackup) | null;
      /** Entries the backup adds to those recovered. */
      fromBackup: number;
      /** The journal a repair would write. */
      rebuilt: Journal;
    };

/**
 * Plans the repair of a journal from its contents (null: there is no file)
 * and its backups, newest first. A journal that opens, and one written by a
 * newer attach (whole, or damaged but its version still readable), are left
 * as they are; a damaged one is rebuilt from what can still be read of it,
 * plus what the newest backup that opens adds.
 */
export async function planRepair(
  target: string,
  contents: string | Buffer | null,
  backups: readonly BackupFile[],
  keyring?: Keyring,
): Promise<RepairPlan> {
  if (contents === null) return { state: 'missing' };
  const opened = await openText(typeof contents === 'string' ? contents : contents.toString('utf8'), target, keyring);
  if (opened.newer) return { state: 'newer', problem: `it is ${newerEnvelope(opened.newer)}` };
  const assessment = opened.damaged ? ({ state: 'broken', problem: DAMAGED_ENVELOPE } as const) : assessJournal(opened.text);
  if (assessment.state === 'ok') return { state: 'healthy', entries: assessment.journal.entries.length };
  if (assessment.state === 'newer') return { state: 'newer', problem: assessment.problem };

  const recovery = opened.damaged ? nothingRecovered() : recoverEntries(opened.text);
  const newer = newerFormat(recovery.version);
  // A repair here could misread what a newer attach wrote.
  if (newer) return { state: 'newer', problem: newerWriter(newer) };
  const backup = await newestValidBackup(backups, keyring);
  const merged = backup ? mergeWithBackup(recovery.entries, backup.journal.entries) : { entries: recovery.entries, added: 0 };
  return {
    state: 'broken',
    problem: assessment.problem,
    encrypted: opened.encrypted,
    recovery,
    backup,
    fromBackup: merged.added,
    rebuilt: { version: JOURNAL_VERSION, entries: merged.entries, ...recovery.fields },
  };
}

/** The plan for the journal at `target` as it is now, for the question before a repair. */
export async function previewRepair(target: string, keyring?: Keyring): Promise<RepairPlan> {
  return planRepair(target, await readText(target), await listBackups(target), keyring);
}

export type RepairOutcome =
  | Exclude<RepairPlan, { state: 'broken' }>
  | {
      state: 'repaired';
      problem: string;
      /** Entries taken from the damaged file. */
      recovered: number;
      /** Pieces of the damaged file that could not be read. */
      skipped: number;
      /** Entries added from the backup. */
      fromBackup: number;
      backup: BackupFile | null;
      brokenCopy: string;
      entries: number;
    };

/**
 * Repairs the journal at `target` (already resolved from any symlink) under
 * its lock, planning again on the bytes read there, so that what is repaired
 * is what is on disk now. The damaged file is copied aside before anything is
 * written; the rewrite is atomic. No daily backup is taken: it would be a copy
 * of the damage, and could push a good backup out of the seven kept.
 */
export async function repairJournal(target: string, now: Date, lock: LockOptions = {}, keyring?: Keyring): Promise<RepairOutcome> {
  return withLock(
    target,
    async (assertHeld) => {
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(target);
      } catch (error) {
        if (isMissing(error)) return { state: 'missing' };
        throw error;
      }
      const plan = await planRepair(target, bytes, await listBackups(target), keyring);
      if (plan.state !== 'broken') return plan;
      const checked = checkJournal(plan.rebuilt);
      if (!checked.ok)
        throw new JournalError(`The repaired journal did not pass its own checks (${checked.problem}). Nothing was written.`);
      const sealer = sealerFor(plan, target, keyring);
      const brokenCopy = await keepBrokenCopy(target, bytes, now);
      assertHeld();
      const plain = serializeJournal(plan.rebuilt);
      await writeAtomic(target, sealer ? seal(plain, sealer) : plain);
      return {
        state: 'repaired',
        problem: plan.problem,
        recovered: plan.recovery.recovered,
        skipped: plan.recovery.skipped,
        fromBackup: plan.fromBackup,
        backup: plan.backup ? { file: plan.backup.file, date: plan.backup.date } : null,
        brokenCopy,
        entries: plan.rebuilt.entries.length,
      };
    },
    lock,
  );
}

/** An encrypted journal stays encrypted: sealed as it was, or as its backup was; null writes it plain. */
function sealerFor(plan: Extract<RepairPlan, { state: 'broken' }>, target: string, keyring?: Keyring): Sealer | null {
  if (!plan.encrypted && !plan.backup?.sealer) return null;
  const sealer = keyring?.sealer ?? plan.backup?.sealer ?? null;
  if (plan.encrypted && !sealer) {
    // Nothing here proves the passphrase right: sealing a new journal with it could lock the person out.
    throw new JournalError(
      `Your encrypted journal at ${target} can't be rebuilt: nothing inside it can be read, and no backup opens with this passphrase. ` +
        'Nothing was changed; check the passphrase (ATTACH_PASSPHRASE too, if you use it).',
    );
  }
  return sealer;
}
