import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { AttachError, JournalError, UsageError } from '../errors.js';
import { orphanTemps, readText, resolveTarget } from '../journal/atomic-file.js';
import { backupDir, listBackups } from '../journal/backups.js';
import { Keyring } from '../journal/crypto.js';
import { lockPathFor } from '../journal/lock.js';
import { configPath, journalPath } from '../journal/paths.js';
import {
  assessJournal,
  listBrokenCopies,
  looksEncrypted,
  openBackupText,
  openText,
  previewRepair,
  type RepairOutcome,
  recoverEntries,
  repairJournal,
} from '../journal/repair.js';
import { ENTRY_TYPES, type Entry } from '../journal/types.js';
import { line } from '../ui/stream.js';

/*
 * `attach doctor`: where every file is and whether it is healthy, as data on
 * stdout (text or --json). Exit 0 when the journal and settings can be used,
 * warnings included; exit 3 when one of them can't, with the next step.
 * `attach doctor --repair` rebuilds a journal that no longer opens.
 */

export interface DoctorOptions {
  repair?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** proper-lockfile refreshes a held lock every 1.25 s; one untouched for 5 s belongs to a process that is gone. */
const STALE_MS = 5_000;

/** Something worth a look that does not stop attach working, with the command that settles it. */
export interface Note {
  message: string;
  fix?: string;
}

/** Something that stops attach using a file, with the next step. */
export interface Problem {
  message: string;
  next: string;
}

export interface EntryCounts {
  total: number;
  trigger: number;
  pause: number;
  reflection: number;
  other: number;
}

export interface Findings {
  healthy: boolean;
  journal: {
    path: string;
    /** Where a symlinked journal really is; null when it is not a link. */
    linkTarget: string | null;
    exists: boolean;
    size: number | null;
    mode: string | null;
    version: number | null;
    entries: EntryCounts | null;
    /** null when there is no journal yet. */
    valid: boolean | null;
    problem: string | null;
    /** For a journal that does not open: how many entries a repair can read back from it. */
    recoverable: number | null;
    /** How it is encrypted, read from its envelope without the passphrase; null when it is plain. */
    encrypted: string | null;
  };
  folder: { path: string; mode: string | null };
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
  warnings: Note[];
  problems: Problem[];
  next: string | null;
}

export async function run(options: DoctorOptions, ctx: Context): Promise<void> {
  if (options.repair) return repair(options, ctx);
  const findings = await examine(ctx);
  if (options.json) line(ctx.stdout, JSON.stringify(findings, null, 2));
  else for (const text of render(findings)) line(ctx.stdout, text);
  const [first, ...more] = findings.problems;
  if (first) {
    throw new JournalError(first.message, [first.next, ...more.flatMap((problem) => [problem.message, problem.next])]);
  }
}

// ---------------------------------------------------------------- examine

/** Quotes a path for a shell command a person can paste. */
export function sh(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** A file-system failure in words. */
function why(error: unknown): string {
  if (code(error) === 'EACCES' || code(error) === 'EPERM') return 'attach is not allowed to read or write there';
  if (code(error) === 'ENOSPC') return 'the disk is full';
  if (code(error) === 'EROFS') return 'the disk is read-only';
  return `the system said: ${(error as Error).message}`;
}

export function countEntries(entries: readonly unknown[]): EntryCounts {
  const counts: EntryCounts = { total: entries.length, trigger: 0, pause: 0, reflection: 0, other: 0 };
  for (const entry of entries) {
    const type = (entry as Partial<Entry> | null)?.type;
    if ((ENTRY_TYPES as readonly unknown[]).includes(type)) counts[type as (typeof ENTRY_TYPES)[number]]++;
    else counts.other++;
  }
  return counts;
}

async function examine(ctx: Context): Promise<Findings> {
  const warnings: Note[] = [];
  const problems: Problem[] = [];
  const file = ctx.file;

  let isLink = false;
  try {
    isLink = (await fs.lstat(file)).isSymbolicLink();
  } catch {
    // Missing or unreachable: found out below.
  }
  const target = await resolveTarget(file).catch(() => file);
  const journal: Findings['journal'] = {
    path: file,
    linkTarget: isLink ? target : null,
    exists: false,
    size: null,
    mode: null,
    version: null,
    entries: null,
    valid: null,
    problem: null,
    recoverable: null,
    encrypted: null,
  };
  const unusable = (problem: string, next: string) => {
    journal.valid = false;
    journal.problem = problem;
    problems.push({ message: `Your journal at ${target} can't be used: ${problem}.`, next });
  };

  const stat = await fs.stat(target).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (!(stat instanceof Error)) {
    journal.exists = true;
    journal.size = stat.size;
    journal.mode = octal(stat.mode);
    if (stat.isDirectory()) {
      unusable('it is a folder, not a file', 'Point --file or ATTACH_FILE at a file, for example journal.json inside that folder.');
    } else {
      if (stat.mode & 0o077) {
        warnings.push({
          message: `Your journal ${stat.mode & 0o044 ? 'can be read' : 'can be changed'} by others on this computer (mode ${octal(stat.mode)}).`,
          fix: `To keep it yours only: chmod 600 ${sh(target)}`,
        });
      }
      let text: string | undefined;
      try {
        text = await fs.readFile(target, 'utf8');
      } catch (error) {
        unusable(why(error), `Check that it belongs to you and is readable: ls -l ${sh(target)}`);
      }
      if (text !== undefined && looksEncrypted(text)) {
        // Described without the passphrase; looked inside only when ATTACH_PASSPHRASE is set (doctor never asks).
        const fromEnv = process.env.ATTACH_PASSPHRASE;
        const opened = await openText(text, target, fromEnv ? new Keyring(async () => fromEnv) : undefined).catch(
          (error: unknown) => error as Error,
        );
        if (opened instanceof Error) {
          journal.encrypted = describeEnvelope(text);
          if (fromEnv)
            unusable(opened.message.replace(/^.*?: /, '').replace(/\.$/, ''), 'Check ATTACH_PASSPHRASE; the file was not changed.');
          else journal.valid = null;
          text = undefined;
        } else if (opened.damaged) {
          journal.encrypted = 'damaged envelope';
          unusable(
            'it is encrypted, and its envelope is damaged',
            'Run attach doctor --repair: it keeps the damaged file and restores your newest backup that opens.',
          );
          text = undefined;
        } else {
          journal.encrypted = describeEnvelope(text);
          text = opened.text;
        }
      }
      if (text !== undefined) {
        const assessed = assessJournal(text);
        if (assessed.state === 'ok') {
          journal.valid = true;
          journal.version = assessed.journal.version;
          journal.entries = countEntries(assessed.journal.entries);
        } else if (assessed.state === 'newer') {
          journal.version = assessed.version;
          const entries = (JSON.parse(text.replace(/^\ufeff/, '')) as { entries?: unknown }).entries;
          if (Array.isArray(entries)) journal.entries = countEntries(entries);
          unusable(
            `${assessed.problem}`,
            'Update attach to the newest version to open it. Nothing needs repairing, and nothing was changed.',
          );
        } else {
          const recovery = recoverEntries(text);
          journal.version = recovery.version ?? null;
          journal.recoverable = recovery.recovered;
          if (recovery.version !== undefined && recovery.version > 1) {
            unusable(
              `${assessed.problem}, and it was written by a newer attach (format ${recovery.version})`,
              'Update attach to the newest version before anything else; a repair here could misread it.',
            );
          } else {
            unusable(
              assessed.problem,
              'Run attach doctor --repair: it keeps the damaged file as it is and rebuilds your journal from what can still be read, plus your newest backup.',
            );
          }
        }
      }
    }
  } else if (code(stat) !== 'ENOENT') {
    unusable(why(stat), `Check the folders on the way to it: ls -ld ${sh(path.dirname(target))}`);
  }

  // The folder the journal (or its link's target) lives in.
  const dir = path.dirname(target);
  const folder: Findings['folder'] = { path: dir, mode: null };
  const dirStat = await fs.stat(dir).catch(() => null);
  if (dirStat) {
    folder.mode = octal(dirStat.mode);
    if (dirStat.mode & 0o077) {
      const own = dir === path.dirname(journalPath(undefined, process.env)) || path.basename(dir) === 'attach';
      warnings.push({
        message: `Others on this computer can look into the folder your journal is in (mode ${octal(dirStat.mode)}).`,
        fix: own
          ? `To keep it yours only: chmod 700 ${sh(dir)}`
          : `If that folder is only for attach, to keep it yours only: chmod 700 ${sh(dir)}`,
      });
    }
  }

  const settings = await examineSettings(ctx);
  if (!settings.valid) {
    problems.push({
      message: settings.problem ?? `Your settings at ${settings.path} can't be used.`,
      next: `To start again from the defaults and keep the old file: mv ${sh(settings.path)} ${sh(`${settings.path}.old`)}`,
    });
  }

  const backups = await examineBackups(target);
  if (backups.newest && !backups.newest.valid) {
    warnings.push({
      message: `Your newest backup (${backups.newest.date}) does not open.${backups.newestValid ? ` The newest one that does is from ${backups.newestValid.date}.` : ' None of the others does either.'}`,
    });
  }

  const lock = await examineLock(target);
  if (lock.stale) {
    warnings.push({
      message: `A lock left by an attach that stopped is still there (${age(lock.ageSeconds ?? 0)} old): ${lock.path}`,
      fix: `The next attach that writes takes it over by itself. To remove it now: rmdir ${sh(lock.path)}`,
    });
  }

  const leftoverTempFiles = [...(await orphanTemps(dir, path.basename(target))), ...(await orphanTemps(backupDir(target)))];
  for (const temp of leftoverTempFiles) {
    warnings.push({
      message: `An attach that stopped while writing left a temporary file, which may hold a copy of your journal: ${temp}`,
      fix: `The next write removes it. To remove it now: rm ${sh(temp)}`,
    });
  }

  return {
    healthy: problems.length === 0,
    journal,
    folder,
    settings,
    backups,
    lock,
    leftoverTempFiles,
    brokenCopies: await listBrokenCopies(target),
    warnings,
    problems,
    next: problems[0]?.next ?? null,
  };
}

async function examineSettings(ctx: Context): Promise<Findings['settings']> {
  const file = configPath(process.env);
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  try {
    await ctx.config();
    return { path: file, exists, valid: true, problem: null };
  } catch (error) {
    if (!(error instanceof AttachError)) throw error;
    return { path: file, exists, valid: false, problem: error.message };
  }
}

async function examineBackups(target: string): Promise<Findings['backups']> {
  const all = await listBackups(target);
  const result: Findings['backups'] = { path: backupDir(target), count: all.length, newest: null, newestValid: null };
  const fromEnv = process.env.ATTACH_PASSPHRASE;
  for (const backup of all) {
    // An encrypted backup is only opened when ATTACH_PASSPHRASE is set; otherwise its envelope is taken on trust.
    const text = await readText(backup.file).catch(() => null);
    const valid =
      text !== null &&
      ((!fromEnv && looksEncrypted(text)) ||
        (await openBackupText(text, backup.file, fromEnv ? new Keyring(async () => fromEnv) : undefined)) !== null);
    result.newest ??= { ...backup, valid };
    if (valid) {
      result.newestValid = { ...backup };
      break;
    }
  }
  return result;
}

async function examineLock(target: string): Promise<Findings['lock']> {
  const lockPath = lockPathFor(target);
  try {
    const stat = await fs.stat(lockPath);
    const ageMs = Math.max(Date.now() - stat.mtimeMs, 0);
    return { path: lockPath, present: true, ageSeconds: Math.round(ageMs / 1000), stale: ageMs > STALE_MS };
  } catch {
    return { path: lockPath, present: false, ageSeconds: null, stale: false };
  }
}

// ---------------------------------------------------------------- render

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function size(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function age(seconds: number): string {
  if (seconds < 90) return plural(seconds, 'second');
  if (seconds < 90 * 60) return plural(Math.round(seconds / 60), 'minute');
  if (seconds < 36 * 3600) return plural(Math.round(seconds / 3600), 'hour');
  return plural(Math.round(seconds / 86400), 'day');
}

function counted(counts: EntryCounts): string {
  if (counts.total === 0) return 'no entries yet';
  const parts = [
    counts.trigger ? plural(counts.trigger, 'moment') : '',
    counts.pause ? plural(counts.pause, 'pause') : '',
    counts.reflection ? plural(counts.reflection, 'reflection') : '',
    counts.other ? `${counts.other} of other types` : '',
  ].filter(Boolean);
  return `${plural(counts.total, 'entry', 'entries')}: ${parts.join(', ')}`;
}

const PAD = '          ';
const label = (name: string) => name.padEnd(PAD.length);

export function render(f: Findings): string[] {
  const out: string[] = [];
  const j = f.journal;
  out.push(`${label('Journal')}${j.path}`);
  if (j.linkTarget) out.push(`${PAD}a link to ${j.linkTarget}`);
  if (!j.exists && j.valid === null) {
    out.push(`${PAD}no journal yet; attach log starts one`);
  } else {
    if (j.size !== null && j.mode !== null)
      out.push(`${PAD}${[size(j.size), j.version !== null ? `format ${j.version}` : '', `mode ${j.mode}`].filter(Boolean).join(', ')}`);
    if (j.encrypted) out.push(`${PAD}encrypted: ${j.encrypted}`);
    if (j.entries) out.push(`${PAD}${counted(j.entries)}`);
    if (j.valid) out.push(`${PAD}opens and passes every check`);
    else if (j.encrypted && j.valid === null && !j.problem)
      out.push(`${PAD}not looked inside: set ATTACH_PASSPHRASE for doctor to check it`);
    else if (j.problem) out.push(`${PAD}can't be used: ${j.problem}`);
    if (j.recoverable !== null) out.push(`${PAD}${plural(j.recoverable, 'entry', 'entries')} can still be read from it`);
  }
  out.push(`${label('Folder')}${f.folder.path}${f.folder.mode ? ` (mode ${f.folder.mode})` : ' (not there yet)'}`);

  out.push(`${label('Settings')}${f.settings.path}`);
  out.push(
    `${PAD}${!f.settings.exists ? 'none yet; the defaults are in use' : f.settings.valid ? 'read fine' : "can't be used (see below)"}`,
  );

  out.push(`${label('Backups')}${f.backups.path}`);
  const { newest, newestValid } = f.backups;
  if (!newest) out.push(`${PAD}none yet; one is kept before the first change of each day`);
  else {
    out.push(
      `${PAD}newest from ${newest.date}, ${newest.valid ? 'opens fine' : 'does not open'} (${plural(f.backups.count, 'backup')} kept)`,
    );
    if (!newest.valid) out.push(`${PAD}${newestValid ? `newest that opens: ${newestValid.date}` : 'none of them opens'}`);
  }

  out.push(`${label('Lock')}${f.lock.path}`);
  out.push(
    `${PAD}${!f.lock.present ? 'none; no attach is writing right now' : f.lock.stale ? `left over from an attach that stopped (${age(f.lock.ageSeconds ?? 0)} old)` : 'held right now by another attach'}`,
  );

  if (f.brokenCopies.length > 0) {
    out.push(
      `${label('Kept')}${plural(f.brokenCopies.length, 'damaged copy', 'damaged copies')} from earlier repairs, never removed by attach:`,
    );
    for (const copy of f.brokenCopies) out.push(`${PAD}${copy}`);
  }

  if (f.warnings.length > 0) {
    out.push('', 'Worth a look:');
    for (const note of f.warnings) {
      out.push(`- ${note.message}`);
      if (note.fix) out.push(`  ${note.fix}`);
    }
  }
  out.push('');
  if (f.healthy) {
    if (!j.exists) out.push('All is ready for your first entry.');
    else if (j.encrypted && j.valid === null)
      out.push('Your journal looks healthy from outside; with ATTACH_PASSPHRASE set, doctor also checks inside.');
    else out.push('Your journal is healthy.');
  } else {
    const what = [f.journal.valid === false ? 'your journal' : '', f.settings.valid ? '' : 'your settings'].filter(Boolean).join(' and ');
    out.push(
      `Something needs care before attach can use ${what}; ${f.problems.length > 1 ? 'the next steps are' : 'the next step is'} below.`,
    );
  }
  return out;
}

// ---------------------------------------------------------------- repair

async function repair(options: DoctorOptions, ctx: Context): Promise<void> {
  const target = await resolveTarget(ctx.file).catch(() => ctx.file);
  // Asked only if an encrypted journal or backup is met.
  const keyring = new Keyring(ctx.passphrase);
  let preview: Awaited<ReturnType<typeof previewRepair>>;
  try {
    preview = await previewRepair(target, keyring);
  } catch (error) {
    if (error instanceof AttachError) throw error;
    throw new JournalError(`Your journal at ${target} can't be read: ${why(error)}. Nothing was changed.`, [
      'Run attach doctor to see what is wrong.',
    ]);
  }
  const { assessment } = preview;

  let outcome: RepairOutcome;
  if (assessment === null) outcome = { state: 'missing' };
  else if (assessment.state === 'ok') outcome = { state: 'healthy', entries: assessment.journal.entries.length };
  else if (assessment.state === 'newer' || (preview.recovery?.version ?? 1) > 1)
    outcome = {
      state: 'newer',
      problem: assessment.state === 'newer' ? assessment.problem : `it was written by a newer attach (format ${preview.recovery?.version})`,
    };
  else {
    const recovered = preview.recovery?.recovered ?? 0;
    const fromBackup = preview.fromBackup ?? 0;
    const backup = preview.backup;
    line(ctx.stderr, `Your journal at ${target} does not open: ${assessment.problem}.`);
    const readable = `${plural(recovered, 'entry', 'entries')} can still be read from it`;
    line(
      ctx.stderr,
      backup
        ? `${readable}${fromBackup > 0 ? `, and your backup of ${backup.date} holds ${fromBackup} more` : `; your backup of ${backup.date} holds nothing more`}.`
        : `${readable}; there is no backup that opens to add more from.`,
    );
    const total = recovered + fromBackup;
    const rebuilt =
      total === 0
        ? 'starts your journal again, empty'
        : `writes your journal again with ${total === 1 ? 'that entry' : `those ${total} entries`}`;
    line(ctx.stderr, `A repair keeps the damaged file as it is, beside it, and ${rebuilt}.`);
    if (!options.yes) {
      if (!ctx.interactive) {
        throw new UsageError(
          'attach doctor --repair rewrites your journal, so without a terminal to ask you it needs --yes: attach doctor --repair --yes. Nothing was changed.',
        );
      }
      // Yes by default: nothing is lost either way (the damaged file is kept), and --repair is already a choice.
      const go = await (await ctx.asker()).confirm({ message: 'Repair your journal now?', default: true });
      if (!go) {
        line(ctx.stderr, 'Nothing was changed. Whenever you are ready: attach doctor --repair');
        if (options.json) line(ctx.stdout, JSON.stringify({ state: 'declined', journal: target }, null, 2));
        return;
      }
    }
    try {
      outcome = await repairJournal(
        target,
        ctx.now(),
        { onWait: () => line(ctx.stderr, ctx.style.dim('Waiting for another attach to finish with your journal…')) },
        keyring,
      );
    } catch (error) {
      if (error instanceof AttachError || !(error instanceof Error) || !('code' in error)) throw error;
      // The rewrite is atomic: a failure leaves the damaged journal as it was.
      throw new JournalError(`Your journal at ${target} could not be repaired: ${why(error)}. It was left as it was.`, [
        'Check the space on the disk and who owns the folder, then run attach doctor --repair again.',
      ]);
    }
  }

  if (options.json) line(ctx.stdout, JSON.stringify({ ...outcome, journal: target }, null, 2));
  switch (outcome.state) {
    case 'missing':
      line(ctx.stderr, `There is no journal at ${target} yet, so there is nothing to repair. attach log starts one.`);
      break;
    case 'healthy':
      line(
        ctx.stderr,
        `Your journal opens and passes every check (${plural(outcome.entries, 'entry', 'entries')}). There is nothing to repair.`,
      );
      break;
    case 'newer':
      throw new JournalError(`Your journal at ${target} can't be repaired here: ${outcome.problem}. It was not touched.`, [
        'Update attach to the newest version to open it.',
      ]);
    case 'repaired':
      for (const text of repairedLines(outcome)) line(ctx.stderr, text);
      break;
  }
  // --repair mends the journal only; settings that can't be used are still exit 3.
  await ctx.config();
}

export function repairedLines(outcome: Extract<RepairOutcome, { state: 'repaired' }>): string[] {
  const { recovered, fromBackup, backup, skipped, brokenCopy, entries } = outcome;
  const fromFile = `Recovered ${plural(recovered, 'entry', 'entries')} from the damaged file`;
  const lines = [
    backup
      ? `${fromFile}${fromBackup > 0 ? ` and ${fromBackup} more from the backup of ${backup.date}` : `; the backup of ${backup.date} had nothing more`}.`
      : `${fromFile}; there was no backup that opens to add more from.`,
  ];
  if (skipped > 0)
    lines.push(`${plural(skipped, 'damaged line')} could not be read; ${skipped === 1 ? 'it is' : 'they are'} still in the kept copy.`);
  lines.push(`The damaged file is kept at ${brokenCopy}; attach never removes it.`);
  lines.push(
    entries > 0
      ? `Your journal opens again, with ${plural(entries, 'entry', 'entries')}: attach list`
      : 'Your journal opens again, empty for now.',
  );
  return lines;
}

/** "AES-256-GCM, key from scrypt (N=32768, r=8, p=1)": what the envelope says, no passphrase needed. */
function describeEnvelope(text: string): string {
  try {
    const e = JSON.parse(text) as { cipher?: string; kdf?: { name?: string; N?: number; r?: number; p?: number } };
    return `${String(e.cipher).toUpperCase()}, key from ${String(e.kdf?.name)} (N=${String(e.kdf?.N)}, r=${String(e.kdf?.r)}, p=${String(e.kdf?.p)})`;
  } catch {
    return 'encrypted';
  }
}
