import fs from 'node:fs/promises';
import path from 'node:path';
import { localDayStamp } from '../time/calendar.js';
import { isMissing, PRIVATE_DIR, readText, writeAtomic } from './atomic-file.js';
import { stemOf, stemPattern } from './names.js';

const KEEP = 7;

export function backupDir(target: string): string {
  return path.join(path.dirname(target), 'backups');
}

/**
 * A journal's backups are named after it: `<name>-YYYY-MM-DD.json` (DESIGN.md
 * section 2), so `journal.json` keeps the names 0.1 gave its backups
 * (`journal-YYYY-MM-DD.json`), and `a.json` and `b.json` in one folder each
 * see only their own.
 */
function backupPattern(target: string): RegExp {
  return new RegExp(`^${stemPattern(target)}-(\\d{4}-\\d{2}-\\d{2})\\.json$`);
}

/** Where the backup of `target` taken on `day` (YYYY-MM-DD) goes. */
export function backupName(target: string, day: string): string {
  return path.join(backupDir(target), `${stemOf(target)}-${day}.json`);
}

export interface BackupFile {
  file: string;
  /** The day it was taken, YYYY-MM-DD. */
  date: string;
}

/** The daily backups of this journal (and of no other) beside it, newest first. */
export async function listBackups(target: string): Promise<BackupFile[]> {
  const dir = backupDir(target);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const pattern = backupPattern(target);
  return names
    .map((name) => ({ name, date: pattern.exec(name)?.[1] }))
    .filter((backup): backup is { name: string; date: string } => backup.date !== undefined)
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .map(({ name, date }) => ({ file: path.join(dir, name), date }));
}

/**
 * Before the first write of a day, keeps yesterday's journal as
 * backups/<name>-YYYY-MM-DD.json (named for the day it was taken), and
 * keeps the newest 7 of this journal's. Runs under the journal's lock.
 */
export async function backupOncePerDay(target: string, now: Date): Promise<void> {
  const file = backupName(target, localDayStamp(now));
  try {
    await fs.access(file);
    return;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const current = await readText(target);
  if (current === null) return;
  await fs.mkdir(backupDir(target), { recursive: true, mode: PRIVATE_DIR });
  await writeAtomic(file, current);
  const old = (await listBackups(target)).slice(KEEP);
  await Promise.all(old.map((backup) => fs.rm(backup.file, { force: true })));
}
