import { ENTRY_TYPES, TYPE_WORDS } from '../journal/fields.js';
import type { EntryCounts, Health, JournalTrouble } from '../journal/health.js';
import { newerWriter } from '../journal/newer.js';
import { age, fileSize, plural } from './amounts.js';
import { clean } from './clean.js';
import { command, wrap } from './wrap.js';

/*
 * `attach doctor`'s findings in words: what is worth a look and what stops
 * attach, each with the command that settles it (the --json object), and
 * those findings as the lines of the report. Pure: data in, strings out.
 */

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

/** The --json object of `attach doctor`: the examination, with modes in octal and the notes in words. */
export interface Findings {
  healthy: boolean;
  journal: Omit<Health['journal'], 'mode' | 'trouble' | 'recoverable' | 'encrypted'> & {
    mode: string | null;
    problem: string | null;
    recoverable: number | null;
    encrypted: string | null;
  };
  folder: { path: string; mode: string | null };
  settings: Health['settings'];
  backups: Health['backups'];
  lock: Health['lock'];
  leftoverTempFiles: string[];
  brokenCopies: string[];
  syncCopies: Health['syncCopies'];
  waiting: string[];
  plainBeside: string[];
  warnings: Note[];
  problems: Problem[];
  next: string | null;
}

/** Quotes a path for a shell command a person can paste (and that the terminal shows as it is). */
export function sh(text: string): string {
  return clean(/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

/** The journal's trouble as the middle of a sentence, and the step that settles it. */
function troubleWords(trouble: JournalTrouble, target: string, folder: string): { problem: string; next: string } {
  switch (trouble.kind) {
    case 'folder':
      return {
        problem: 'it is a folder, not a file',
        next: 'Point --file or ATTACH_FILE at a file, for example journal.json inside that folder.',
      };
    case 'unreachable':
      return { problem: trouble.reason, next: `Check the folders on the way to it: ls -ld ${sh(folder)}` };
    case 'unreadable':
      return { problem: trouble.reason, next: `Check that it belongs to you and is readable: ls -l ${sh(target)}` };
    case 'passphrase':
      return { problem: trouble.reason, next: 'Check ATTACH_PASSPHRASE; the file was not changed.' };
    case 'damaged-envelope':
      return {
        problem: 'it is encrypted, and its envelope is damaged',
        next: 'Run attach doctor --repair: it keeps the damaged file and restores your newest backup that opens.',
      };
    case 'newer':
      return {
        problem: trouble.problem,
        next: 'Update attach to the newest version to open it. Nothing needs repairing, and nothing was changed.',
      };
    case 'damaged':
      return trouble.newer
        ? {
            problem: `${trouble.problem}, and ${newerWriter(trouble.newer)}`,
            next: 'Update attach to the newest version before anything else; a repair here could misread it.',
          }
        : {
            problem: trouble.problem,
            next:
              'Run attach doctor --repair: it keeps the damaged file as it is and rebuilds your journal ' +
              'from what can still be read, plus your newest backup.',
          };
  }
}

/** The examination as the --json object, with what is worth a look and what stops attach, in that order. */
export function describeHealth(health: Health): Findings {
  const warnings: Note[] = [];
  const problems: Problem[] = [];
  const { journal: j, folder, settings, backups, lock } = health;
  const target = j.linkTarget ?? j.path;

  const trouble = j.trouble ? troubleWords(j.trouble, target, folder.path) : null;
  if (trouble) problems.push({ message: `Your journal at ${clean(target)} can't be used: ${trouble.problem}.`, next: trouble.next });
  if (j.mode !== null && j.trouble?.kind !== 'folder' && j.mode & 0o077) {
    warnings.push({
      message: `Your journal ${j.mode & 0o044 ? 'can be read' : 'can be changed'} by others on this computer (mode ${octal(j.mode)}).`,
      fix: `To keep it yours only: chmod 600 ${sh(target)}`,
    });
  }
  if (folder.mode !== null && folder.mode & 0o077) {
    warnings.push({
      message: `Others on this computer can look into the folder your journal is in (mode ${octal(folder.mode)}).`,
      fix: folder.own
        ? `To keep it yours only: chmod 700 ${sh(folder.path)}`
        : `If that folder is only for attach, to keep it yours only: chmod 700 ${sh(folder.path)}`,
    });
  }
  if (!settings.valid) {
    problems.push({
      message: settings.problem ?? `Your settings at ${clean(settings.path)} can't be used.`,
      next: `To start again from the defaults and keep the old file: mv ${sh(settings.path)} ${sh(`${settings.path}.old`)}`,
    });
  }
  if (backups.newest && !backups.newest.valid) {
    const others = backups.newestValid
      ? ` The newest one that does is from ${backups.newestValid.date}.`
      : ' None of the others does either.';
    warnings.push({ message: `Your newest backup (${backups.newest.date}) does not open.${others}` });
  }
  if (lock.stale) {
    warnings.push({
      message: `A lock left by an attach that stopped is still there (${age(lock.ageSeconds ?? 0)} old): ${clean(lock.path)}`,
      fix: `The next attach that writes takes it over by itself. To remove it now: rmdir ${sh(lock.path)}`,
    });
  }
  for (const file of health.plainBeside) {
    warnings.push({
      message: `Your journal is encrypted, but a file attach keeps beside it is not: ${clean(file)}`,
      fix: 'attach encrypt seals it, and everything else beside the journal, with the same passphrase.',
    });
  }
  for (const temp of health.leftoverTempFiles) {
    warnings.push({
      message: `An attach that stopped while writing left a temporary file, which may hold a copy of your journal: ${clean(temp)}`,
      fix: `The next write removes it. To remove it now: rm ${sh(temp)}`,
    });
  }

  if (health.syncCopies.length > 0) {
    const count = health.syncCopies.length;
    const copies = plural(count, 'copy', 'copies');
    const waiting = `${copies} of your journal made by a sync tool ${count === 1 ? 'is' : 'are'} waiting beside it`;
    warnings.push({
      message: `${waiting}, and may hold entries it does not.`,
      fix: `To merge ${count === 1 ? 'it' : 'them'} in (then kept in merged/ beside your journal): attach merge`,
    });
  }

  return {
    healthy: problems.length === 0,
    journal: {
      path: j.path,
      linkTarget: j.linkTarget,
      exists: j.exists,
      size: j.size,
      mode: j.mode === null ? null : octal(j.mode),
      version: j.version,
      entries: j.entries,
      valid: j.valid,
      problem: trouble?.problem ?? null,
      recoverable: j.recoverable,
      encrypted: j.encrypted,
    },
    folder: { path: folder.path, mode: folder.mode === null ? null : octal(folder.mode) },
    settings,
    backups,
    lock,
    leftoverTempFiles: health.leftoverTempFiles,
    brokenCopies: health.brokenCopies,
    syncCopies: health.syncCopies,
    waiting: health.waiting,
    plainBeside: health.plainBeside,
    warnings,
    problems,
    next: problems[0]?.next ?? null,
  };
}

function counted(counts: EntryCounts): string {
  if (counts.total === 0) return 'no entries yet';
  const parts = [
    ...ENTRY_TYPES.map((type) => (counts[type] ? plural(counts[type], TYPE_WORDS[type].one, TYPE_WORDS[type].many) : '')),
    counts.other ? `${counts.other} of other types` : '',
  ].filter(Boolean);
  return `${plural(counts.total, 'entry', 'entries')}: ${parts.join(', ')}`;
}

const TOOL_NAMES = { syncthing: 'Syncthing', dropbox: 'Dropbox', nextcloud: 'Nextcloud or ownCloud' } as const;

const PAD = '          ';
const label = (name: string) => name.padEnd(PAD.length);

/**
 * The report `attach doctor` prints, for a screen `width` columns wide: one
 * block per file (a path too long for a line is broken after a /), then what
 * is worth a look, then the verdict.
 */
export function renderFindings(f: Findings, width = 80): string[] {
  // A file's lines hang under its column of values; what is worth a look, and the verdict, hang as they are.
  const blocks = [...journalLines(f.journal), ...otherFileLines(f)].flatMap((text) => wrap(heldCommand(text), width, PAD));
  return [...blocks, ...verdictLines(f).flatMap((text) => wrap(heldCommand(text), width))];
}

/** A shell command at the end of a sentence ("...: chmod 600 <path>") held together, to copy in one piece. */
export function heldCommand(text: string): string {
  return text.replace(/(: )((?:chmod|rm|rmdir|mv|ls|attach) .*)$/, (_, colon: string, cmd: string) => colon + command(cmd));
}

function journalLines(j: Findings['journal']): string[] {
  const out = [`${label('Journal')}${clean(j.path)}`];
  if (j.linkTarget) out.push(`${PAD}a link to ${clean(j.linkTarget)}`);
  if (!j.exists && j.valid === null) return [...out, `${PAD}no journal yet; attach log starts one`];
  if (j.size !== null && j.mode !== null) {
    const facts = [fileSize(j.size), j.version !== null ? `format ${j.version}` : '', `mode ${j.mode}`];
    out.push(`${PAD}${facts.filter(Boolean).join(', ')}`);
  }
  if (j.encrypted) out.push(`${PAD}encrypted: ${j.encrypted}`);
  if (j.entries) out.push(`${PAD}${counted(j.entries)}`);
  if (j.valid) out.push(`${PAD}opens and passes every check`);
  else if (j.encrypted && j.valid === null && !j.problem) out.push(`${PAD}not looked inside: set ATTACH_PASSPHRASE for doctor to check it`);
  else if (j.problem) out.push(`${PAD}can't be used: ${j.problem}`);
  if (j.recoverable !== null) out.push(`${PAD}${plural(j.recoverable, 'entry', 'entries')} can still be read from it`);
  return out;
}

function otherFileLines(f: Findings): string[] {
  const out = [`${label('Folder')}${clean(f.folder.path)}${f.folder.mode ? ` (mode ${f.folder.mode})` : ' (not there yet)'}`];
  out.push(`${label('Settings')}${clean(f.settings.path)}`);
  out.push(
    `${PAD}${!f.settings.exists ? 'none yet; the defaults are in use' : f.settings.valid ? 'read fine' : "can't be used (see below)"}`,
  );

  out.push(`${label('Backups')}${clean(f.backups.path)}`);
  const { newest, newestValid, count } = f.backups;
  if (!newest) out.push(`${PAD}none yet; one is kept before the first change of each day`);
  else {
    out.push(`${PAD}newest from ${newest.date}, ${newest.valid ? 'opens fine' : 'does not open'} (${plural(count, 'backup')} kept)`);
    if (!newest.valid) out.push(`${PAD}${newestValid ? `newest that opens: ${newestValid.date}` : 'none of them opens'}`);
  }

  out.push(`${label('Lock')}${clean(f.lock.path)}`);
  const lock = !f.lock.present
    ? 'none; no attach is writing right now'
    : f.lock.stale
      ? `left over from an attach that stopped (${age(f.lock.ageSeconds ?? 0)} old)`
      : 'held right now by another attach';
  out.push(`${PAD}${lock}`);

  if (f.brokenCopies.length > 0) {
    const copies = plural(f.brokenCopies.length, 'damaged copy', 'damaged copies');
    out.push(`${label('Kept')}${copies} from earlier repairs, never removed by attach:`);
    for (const copy of f.brokenCopies) out.push(`${PAD}${clean(copy)}`);
  }
  if (f.waiting.length > 0) {
    out.push(
      `${label('Waiting')}${plural(f.waiting.length, 'file')} of entries kept while the journal was busy; the next write takes them in:`,
    );
    for (const file of f.waiting) out.push(`${PAD}${clean(file)}`);
  }
  if (f.syncCopies.length > 0) {
    out.push(`${label('Waiting')}${plural(f.syncCopies.length, 'copy', 'copies')} made by a sync tool, for attach merge:`);
    for (const copy of f.syncCopies) out.push(`${PAD}${clean(copy.file)} (${TOOL_NAMES[copy.tool]})`);
  }
  return out;
}

function verdictLines(f: Findings): string[] {
  const out: string[] = [];
  if (f.warnings.length > 0) {
    out.push('', 'Worth a look:');
    for (const note of f.warnings) {
      out.push(`- ${note.message}`);
      if (note.fix) out.push(`  ${note.fix}`);
    }
  }
  out.push('');
  if (f.healthy) {
    if (!f.journal.exists) out.push('All is ready for your first entry.');
    else if (f.journal.encrypted && f.journal.valid === null)
      out.push('Your journal looks healthy from outside; with ATTACH_PASSPHRASE set, doctor also checks inside.');
    else out.push('Your journal is healthy.');
  } else {
    const what = [f.journal.valid === false ? 'your journal' : '', f.settings.valid ? '' : 'your settings'].filter(Boolean).join(' and ');
    const steps = f.problems.length > 1 ? 'the next steps are' : 'the next step is';
    out.push(`Something needs care before attach can use ${what}; ${steps} below.`);
  }
  return out;
}
