import fs from 'node:fs/promises';
import { isEnvelopeText, Keyring, readEnvelope, type Sealer } from './crypto.js';
import { fileSystemReason } from './fs-errors.js';
import type { Journal } from './types.js';
import { checkJournal } from './validate.js';

/*
 * Another copy of a journal (a sync tool's conflict copy, a side of a git
 * merge, a file given to `attach merge`) read and checked, never changed: it
 * opens, or there is one reason why not, in words that finish "… can't be
 * merged: <reason>". An encrypted copy opens with the journal's passphrase.
 */

export type OpenedCopy =
  | {
      ok: true;
      file: string;
      journal: Journal;
      /** How it was sealed; null when it is plain. */
      sealer: Sealer | null;
      /** The file as it was read (size, time, inode), to check that nothing rewrote it before it is moved. */
      version: string;
    }
  | { ok: false; file: string; reason: string };

/**
 * `passphrase` is asked only for an encrypted copy (each copy may carry its
 * own salt, so each gets a keyring of its own). With `plainOnly` (the
 * journal is not encrypted), an encrypted copy is refused unopened: merging
 * it would write its words into a plain file, and whether to encrypt is the
 * person's choice, not a merge's.
 */
export async function openCopy(file: string, passphrase?: (file: string) => Promise<string>, plainOnly = false): Promise<OpenedCopy> {
  const refuse = (reason: string): OpenedCopy => ({ ok: false, file, reason });
  let text: string;
  let version: string;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return refuse('it is a folder');
    if (!stat.isFile()) return refuse('it is not a regular file');
    version = fileVersion(stat);
    // As text at once: reading bytes and decoding them after cost as much again at 9 MB.
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return refuse((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no file there' : fileSystemReason(error));
  }
  let sealer: Sealer | null = null;
  if (isEnvelopeText(text)) {
    if (plainOnly) return refuse('it is encrypted and your journal is not; run attach encrypt (same passphrase) first, then merge it');
    let envelope: ReturnType<typeof readEnvelope>;
    try {
      envelope = readEnvelope(text, file);
    } catch (error) {
      return refuse(/newer format/.test((error as Error).message) ? 'it is encrypted in a newer format' : 'it is encrypted, and damaged');
    }
    if (envelope) {
      if (!passphrase) return refuse('it is encrypted, and there is no passphrase to open it (ATTACH_PASSPHRASE, or a terminal)');
      const keyring = new Keyring(() => passphrase(file));
      try {
        text = await keyring.unseal(text, file);
      } catch {
        return refuse("it doesn't open with your journal's passphrase");
      }
      sealer = keyring.sealer;
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return refuse('it is not valid JSON, so it is not an attach journal (or it is damaged)');
  }
  const checked = checkJournal(data);
  if (checked.ok) return { ok: true, file, journal: checked.journal, sealer, version };
  if (checked.newer) return refuse(`${checked.problem}; update attach to merge it`);
  return refuse(`it is not an attach journal that can be merged (${checked.problem})`);
}

/**
 * Size, modification time and inode: what changes when a sync tool rewrites
 * a file (they write a new file and rename it into place). Read before the
 * contents, so a change made while they were read shows as a change.
 */
export function fileVersion(stat: { size: number; mtimeMs: number; ino: number }): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
}

/** The version of the file at `file` now, or null when it is gone. */
export async function currentVersion(file: string): Promise<string | null> {
  return fs.stat(file).then(fileVersion, () => null);
}
