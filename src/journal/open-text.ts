import { JournalError } from '../errors.js';
import { readText } from './atomic-file.js';
import type { BackupFile } from './backups.js';
import { ENVELOPE_VERSION, isEnvelopeText, Keyring, readEnvelope, type Sealer } from './crypto.js';
import { type NewerFormat, newerFormat } from './newer.js';
import { assessJournal } from './recover.js';
import type { Journal } from './types.js';

/*
 * A journal's or a backup's text made plain, for doctor and the repair:
 * opened with the keyring when it is an encrypted envelope, or found too
 * damaged to open (then nothing inside it can be read back).
 */

export interface Opened {
  text: string;
  encrypted: boolean;
  /** An envelope too damaged to open: nothing inside it can be read back. */
  damaged: boolean;
  /** An envelope of a newer format: not damaged, and not to be opened, repaired or replaced here. */
  newer: NewerFormat | null;
}

export function looksEncrypted(text: string): boolean {
  return isEnvelopeText(text.trimStart());
}

/** Without a keyring, an envelope that is not damaged is refused (exit 3): its inside can't be checked. */
export async function openText(text: string, file: string, keyring?: Keyring): Promise<Opened> {
  if (!looksEncrypted(text)) return { text, encrypted: false, damaged: false, newer: null };
  const unopened = { text: '', encrypted: true, damaged: true, newer: null };
  let envelope: ReturnType<typeof readEnvelope>;
  try {
    envelope = readEnvelope(text, file);
  } catch {
    // readEnvelope refuses a newer envelope as it refuses a damaged one; only the first is left alone.
    const newer = newerFormat(envelopeVersion(text), ENVELOPE_VERSION);
    return newer ? { ...unopened, damaged: false, newer } : unopened;
  }
  if (!envelope) return unopened;
  if (!keyring)
    throw new JournalError(
      `Your journal at ${file} is encrypted; give its passphrase (ATTACH_PASSPHRASE, or on a terminal) to check inside it.`,
    );
  return { text: await keyring.unseal(text, file), encrypted: true, damaged: false, newer: null };
}

function envelopeVersion(text: string): unknown {
  try {
    return (JSON.parse(text) as { version?: unknown } | null)?.version;
  } catch {
    return undefined;
  }
}

/** A backup that opens, and how it was sealed (null: plain). */
export interface OpenedBackup {
  journal: Journal;
  sealer: Sealer | null;
}

/**
 * A backup's text opened, or null when it does not open: with the
 * passphrase when it is encrypted (a keyring of its own: each backup may
 * carry its own salt). A newer-format backup does not count as one that opens.
 */
export async function openBackupText(text: string, file: string, keyring?: Keyring): Promise<OpenedBackup | null> {
  try {
    const own = keyring && new Keyring(() => keyring.passphrase(file));
    const opened = await openText(text, file, own);
    if (opened.damaged || opened.newer) return null;
    const assessed = assessJournal(opened.text);
    return assessed.state === 'ok' ? { journal: assessed.journal, sealer: own?.sealer ?? null } : null;
  } catch {
    return null;
  }
}

/** The first of `backups` (newest first) that opens, read one at a time. */
export async function newestValidBackup(backups: readonly BackupFile[], keyring?: Keyring): Promise<(BackupFile & OpenedBackup) | null> {
  for (const backup of backups) {
    const text = await readText(backup.file).catch(() => null);
    const read = text === null ? null : await openBackupText(text, backup.file, keyring);
    if (read) return { ...backup, ...read };
  }
  return null;
}
