import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { localTimeStamp } from '../time/calendar.js';
import { PRIVATE_FILE } from './atomic-file.js';
import { stemOf, stemPattern } from './names.js';

/*
 * The damaged journals a repair keeps beside the journal, byte for byte,
 * named for when they were kept. attach never removes them.
 */

/** `journal.json` -> `journal.broken-20261128-101500.json`, in local time. */
export function brokenName(target: string, now: Date, attempt = 1): string {
  return path.join(path.dirname(target), `${stemOf(target)}.broken-${localTimeStamp(now)}${attempt > 1 ? `-${attempt}` : ''}.json`);
}

/** The damaged copies kept so far, beside the journal. */
export async function listBrokenCopies(target: string): Promise<string[]> {
  const pattern = new RegExp(`^${stemPattern(target)}\\.broken-\\d{8}-\\d{6}(-\\d+)?\\.json$`);
  try {
    return (await fs.readdir(path.dirname(target)))
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => path.join(path.dirname(target), name));
  } catch {
    return [];
  }
}

/** Keeps the damaged file byte for byte, readable only by its owner, never over an existing file. */
export async function keepBrokenCopy(target: string, bytes: Buffer, now: Date): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const copy = brokenName(target, now, attempt);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(copy, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      await handle.writeFile(bytes);
      await handle.chmod(PRIVATE_FILE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return copy;
  }
}
