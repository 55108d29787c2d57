import fs from 'node:fs/promises';
import path from 'node:path';
import { localDayStamp } from '../time/calendar.js';
import { isMissing, PRIVATE_DIR, readText, writeAtomic } from './atomic-file.js';

const KEEP = 7;

export function backupDir(target: string): string {
  return path.join(path.dirname(target), 'backups');
}

const BACKUP_NAME = /^journal-(\d{4}-\d{2}-\d{2})\.json$/;

export interface BackupFile {
  file: string;
  /** The day it was taken, YYYY-MM-DD. */
  date: string;
}

/** The daily backups beside the journal, newest first. */
export async function listBackups(target: string): Promise<BackupFile[]> {
  const dir = backupDir(target);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, date: BACKUP_NAME.exec(name)?.[1] }))
    .filter((backup): backup is { name: string; date: string } => backup.date !== undefined)
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .map(({ name, date }) => ({ file: path.join(dir, name), date }));
}

/**
 * Before the first write of a day, keeps yesterday's journal as
 * backups/journal-YYYY-MM-DD.json (named for the day it was taken), and
 * keeps the newest 7. Runs under the journal's lock.
 */
export async function backupOncePerDay(target: string, now: Date): Promise<void> {
  const dir = backupDir(target);
  const file = path.join(dir, `journal-${localDayStamp(now)}.json`);
  try {
    await fs.access(file);
    return;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const current = await readText(target);
  if (current === null) return;
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  await writeAtomic(file, current);
  const old = (await listBackups(target)).slice(KEEP);
  await Promise.all(old.map((backup) => fs.rm(backup.file, { force: true })));
}
