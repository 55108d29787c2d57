import fs from 'node:fs/promises';
import path from 'node:path';
import { isMissing, PRIVATE_DIR, readText, writeAtomic } from './atomic-file.js';

const KEEP = 7;
const BACKUP_NAME = /^journal-\d{4}-\d{2}-\d{2}\.json$/;

export function backupDir(target: string): string {
  return path.join(path.dirname(target), 'backups');
}

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Before the first write of a day, keeps yesterday's journal as
 * backups/journal-YYYY-MM-DD.json (named for the day it was taken), and
 * keeps the newest 7. Runs under the journal's lock.
 */
export async function backupOncePerDay(target: string, now: Date): Promise<void> {
  const dir = backupDir(target);
  const file = path.join(dir, `journal-${localDay(now)}.json`);
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
  const old = (await fs.readdir(dir)).filter((name) => BACKUP_NAME.test(name)).sort().slice(0, -KEEP);
  await Promise.all(old.map((name) => fs.rm(path.join(dir, name), { force: true })));
}
