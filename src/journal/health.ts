import fs from 'node:fs/promises';
import path from 'node:path';
import { orphanTemps, readText, resolveTarget } from './atomic-file.js';
import { backupDir, listBackups } from './backups.js';
import { listBrokenCopies } from './broken-copies.js';
import { plainCompanions } from './companions.js';
import type { Settings } from './config.js';
import { type ConflictCopy, findConflictCopies } from './conflict-copies.js';
import { Keyring } from './crypto.js';
import { errorCode, fileSystemReason } from './fs-errors.js';
import { lockPathFor, STALE_MS } from './lock.js';
import { type NewerFormat, newerEnvelope, newerFormat } from './newer.js';
import { looksEncrypted, openBackupText, openText } from './open-text.js';
import { configPath, type Env, journalPath } from './paths.js';
import { listPending } from './pending.js';
import { assessJournal, recoverEntries } from './recover.js';
import { ENTRY_TYPES, type Entry, type EntryType } from './types.js';

/*
 * The examination behind `attach doctor`: where each file attach keeps is
 * and whether it can be used, as facts. It only looks (nothing is written or
 * asked); the environment and the clock are given, and the words for people
 * are src/render/doctor.ts's.
 */

export interface HealthInput {
  /** The journal's path as chosen (--file, ATTACH_FILE, the setting or the default). */
  file: string;
  /** Where attach keeps its files by default, and ATTACH_PASSPHRASE: with it, encrypted files are looked inside. */
  env: Env;
  /** For the age of a lock. */
  now: Date;
  /** Reads the settings, with what can't be used in them. */
  settings: () => Promise<Settings>;
}

export type EntryCounts = { total: number; other: number } & Record<EntryType, number>;

/** Why the journal can't be used. */
export type JournalTrouble =
  | { kind: 'folder' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'passphrase'; reason: string }
  | { kind: 'damaged-envelope' }
  | { kind: 'newer'; problem: string }
  | { kind: 'damaged'; problem: string; newer: NewerFormat | null };

export interface JournalHealth {
  path: string;
  /** Where a symlinked journal really is; null when it is not a link. */
  linkTarget: string | null;
  exists: boolean;
  size: number | null;
  /** Its permission bits. */
  mode: number | null;
  version: number | null;
  entries: EntryCounts | null;
  /** null when there is no journal yet, or it is encrypted and not looked inside. */
  valid: boolean | null;
  trouble: JournalTrouble | null;
  /** For a journal that does not open: how many entries a repair can read back from it. */
  recoverable: number | null;
  /** How it is encrypted, read from its envelope without the passphrase; null when it is plain. */
  encrypted: string | null;
}

export interface Health {
  journal: JournalHealth;
  /** The folder the journal (or its link's target) is in; `own` when it is attach's own (safe to close to others). */
  folder: { path: string; mode: number | null; own: boolean };
  settings: { path: string; exists: boolean; valid: boolean; problem: string | null };
  backups: {
    path: string;
    count: number;
    newest: { date: string; file: string; valid: boolean } | null;
    newestValid: { date: string; file: string } | null;
  };
  lock: { path: string; present: boolean; ageSeconds: number | null; stale: boolean };
  leftoverTempFiles: string[];
  brokenCopies: string[];
  /** Conflict copies a sync tool left beside the journal, waiting for `attach merge`. */
  syncCopies: ConflictCopy[];
  /** Entries kept beside the journal while it was busy, folded in by the next write. */
  waiting: string[];
  /** Files attach wrote beside an encrypted journal that are still in plain text (attach encrypt seals them). */
  plainBeside: string[];
}

export async function checkHealth(input: HealthInput): Promise<Health> {
  const passphrase = input.env.ATTACH_PASSPHRASE;
  // Each file opened with a keyring of its own: every one may carry its own salt.
  const keyring = () => (passphrase ? new Keyring(async () => passphrase) : undefined);
  const target = await resolveTarget(input.file).catch(() => input.file);
  const dir = path.dirname(target);
  const dirStat = await fs.stat(dir).catch(() => null);
  const journal = await examineJournal(input.file, target, keyring);
  return {
    journal,
    folder: {
      path: dir,
      mode: dirStat ? dirStat.mode & 0o777 : null,
      own: dir === path.dirname(journalPath(undefined, input.env)) || path.basename(dir) === 'attach',
    },
    settings: await examineSettings(configPath(input.env), input.settings),
    backups: await examineBackups(target, passphrase !== undefined && passphrase !== '', keyring),
    lock: await examineLock(target, input.now),
    leftoverTempFiles: [...(await orphanTemps(dir, path.basename(target))), ...(await orphanTemps(backupDir(target)))],
    brokenCopies: await listBrokenCopies(target),
    syncCopies: await findConflictCopies(target),
    waiting: await listPending(target),
    plainBeside: journal.encrypted ? (await plainCompanions(target)).map((companion) => companion.file) : [],
  };
}

export function countEntries(entries: readonly unknown[]): EntryCounts {
  const counts = { total: entries.length, other: 0, ...Object.fromEntries(ENTRY_TYPES.map((type) => [type, 0])) } as EntryCounts;
  for (const entry of entries) {
    const type = (entry as Partial<Entry> | null)?.type;
    if ((ENTRY_TYPES as readonly unknown[]).includes(type)) counts[type as (typeof ENTRY_TYPES)[number]]++;
    else counts.other++;
  }
  return counts;
}

async function examineJournal(file: string, target: string, keyring: () => Keyring | undefined): Promise<JournalHealth> {
  const isLink = await fs.lstat(file).then(
    (stat) => stat.isSymbolicLink(),
    () => false, // missing or unreachable: found out below
  );
  const journal: JournalHealth = {
    path: file,
    linkTarget: isLink ? target : null,
    exists: false,
    size: null,
    mode: null,
    version: null,
    entries: null,
    valid: null,
    trouble: null,
    recoverable: null,
    encrypted: null,
  };
  const unusable = (trouble: JournalTrouble): JournalHealth => Object.assign(journal, { valid: false, trouble });

  const stat = await fs.stat(target).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (stat instanceof Error)
    return errorCode(stat) === 'ENOENT' ? journal : unusable({ kind: 'unreachable', reason: fileSystemReason(stat) });
  Object.assign(journal, { exists: true, size: stat.size, mode: stat.mode & 0o777 });
  if (stat.isDirectory()) return unusable({ kind: 'folder' });
  let text: string | null;
  try {
    // readText, not readFile: a pipe or a device in the journal's place is refused, never waited on.
    text = await readText(target);
  } catch (error) {
    return unusable({ kind: 'unreadable', reason: fileSystemReason(error) });
  }
  if (text === null) return { ...journal, exists: false, size: null, mode: null };

  if (looksEncrypted(text)) {
    // Looked inside only when ATTACH_PASSPHRASE is set (doctor never asks).
    const key = keyring();
    const opened = await openText(text, target, key).catch((error: unknown) => error as Error);
    journal.encrypted = opened instanceof Error || !opened.damaged ? describeEnvelope(text) : 'damaged envelope';
    if (opened instanceof Error) {
      return key ? unusable({ kind: 'passphrase', reason: opened.message.replace(/^.*?: /, '').replace(/\.$/, '') }) : journal;
    }
    if (opened.newer) return unusable({ kind: 'newer', problem: `it is ${newerEnvelope(opened.newer)}` });
    if (opened.damaged) return unusable({ kind: 'damaged-envelope' });
    text = opened.text;
  }

  const assessed = assessJournal(text);
  if (assessed.state === 'ok') {
    return Object.assign(journal, { valid: true, version: assessed.journal.version, entries: countEntries(assessed.journal.entries) });
  }
  if (assessed.state === 'newer') {
    journal.version = assessed.version;
    const entries = (JSON.parse(text.replace(/^\ufeff/, '')) as { entries?: unknown }).entries;
    if (Array.isArray(entries)) journal.entries = countEntries(entries);
    return unusable({ kind: 'newer', problem: assessed.problem });
  }
  const recovery = recoverEntries(text);
  journal.version = recovery.version ?? null;
  journal.recoverable = recovery.recovered;
  return unusable({ kind: 'damaged', problem: assessed.problem, newer: newerFormat(recovery.version) });
}

/** "AES-256-GCM, key from scrypt (N=32768, r=8, p=1)": what the envelope says, no passphrase needed. */
function describeEnvelope(text: string): string {
  try {
    const e = JSON.parse(text) as { cipher?: string; kdf?: { name?: string; N?: number; r?: number; p?: number } };
    const kdf = `${String(e.kdf?.name)} (N=${String(e.kdf?.N)}, r=${String(e.kdf?.r)}, p=${String(e.kdf?.p)})`;
    return `${String(e.cipher).toUpperCase()}, key from ${kdf}`;
  } catch {
    return 'encrypted';
  }
}

async function examineSettings(file: string, settings: () => Promise<Settings>): Promise<Health['settings']> {
  const { exists, problems } = await settings();
  return { path: file, exists, valid: problems.length === 0, problem: problems[0] ?? null };
}

async function examineBackups(target: string, lookInside: boolean, keyring: () => Keyring | undefined): Promise<Health['backups']> {
  const all = await listBackups(target);
  const result: Health['backups'] = { path: backupDir(target), count: all.length, newest: null, newestValid: null };
  for (const backup of all) {
    // An encrypted backup is only opened when ATTACH_PASSPHRASE is set; otherwise its envelope is taken on trust.
    const text = await readText(backup.file).catch(() => null);
    const valid = text !== null && ((!lookInside && looksEncrypted(text)) || (await openBackupText(text, backup.file, keyring())) !== null);
    result.newest ??= { ...backup, valid };
    if (valid) {
      result.newestValid = { ...backup };
      break;
    }
  }
  return result;
}

async function examineLock(target: string, now: Date): Promise<Health['lock']> {
  const lockPath = lockPathFor(target);
  try {
    const stat = await fs.stat(lockPath);
    const ageMs = Math.max(now.getTime() - stat.mtimeMs, 0);
    return { path: lockPath, present: true, ageSeconds: Math.round(ageMs / 1000), stale: ageMs > STALE_MS };
  } catch {
    return { path: lockPath, present: false, ageSeconds: null, stale: false };
  }
}
