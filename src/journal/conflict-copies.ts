import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE, resolveTarget, writeAtomic } from './atomic-file.js';
import { isEnvelopeText, type Sealer, seal } from './crypto.js';

/*
 * The copies sync tools leave beside a file both devices changed, found by
 * name for any journal name (the extension is the part after the last dot,
 * as every one of these tools reads it). The marker goes before the extension:
 * - Syncthing: `journal.sync-conflict-20261122-101500-ABCDEFG.json` (the last
 *   part is the first 7 characters of the other device's id);
 * - Dropbox: `journal (Sam's conflicted copy 2026-11-22).json`, sometimes
 *   without the name, or with ` (1)` after the date;
 * - Nextcloud and ownCloud: `journal (conflicted copy 2026-11-22 101500).json`,
 *   sometimes with the user's name before the date; older clients wrote
 *   `journal_conflict-20261122-101500.json`.
 * Plain or encrypted, the copy is a whole journal file like the journal.
 */

export type SyncTool = 'syncthing' | 'dropbox' | 'nextcloud';

export interface ConflictCopy {
  file: string;
  tool: SyncTool;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function splitName(name: string): { stem: string; ext: string } {
  const ext = path.extname(name);
  return { stem: name.slice(0, name.length - ext.length), ext };
}

const MARKERS: [SyncTool, string][] = [
  ['syncthing', String.raw`(?:\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7})+`],
  ['dropbox', String.raw` \((?:.+?['’]s )?conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)`],
  ['nextcloud', String.raw` \(conflicted copy (?:.+? )?\d{4}-\d{2}-\d{2} \d{6}\)`],
  ['nextcloud', String.raw`_conflict-\d{8}-\d{6}`],
];

/** Which sync tool left `name` as a conflict copy of the journal named `journalName`; null when none did. */
export function conflictCopyTool(journalName: string, name: string): SyncTool | null {
  if (name === journalName) return null;
  const { stem, ext } = splitName(journalName);
  if (!name.startsWith(stem) || !name.endsWith(ext)) return null;
  // Nextcloud's marker with a date and a time also reads as Dropbox's with a name: the first match names the tool.
  for (const [tool, marker] of MARKERS) {
    if (new RegExp(`^${escapeRegExp(stem)}${marker}${escapeRegExp(ext)}$`).test(name)) return tool;
  }
  return null;
}

/** The conflict copies beside the journal at `target` (already resolved from any link), by name. */
export async function findConflictCopies(target: string): Promise<ConflictCopy[]> {
  const dir = path.dirname(target);
  const journalName = path.basename(target);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const found: ConflictCopy[] = [];
  for (const name of names.sort()) {
    const tool = conflictCopyTool(journalName, name);
    if (!tool) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile()) found.push({ file: path.join(dir, name), tool });
  }
  return found;
}

/** Whether `file` is a conflict copy lying beside the journal at `target`. */
export function isConflictCopyOf(target: string, file: string): boolean {
  return path.dirname(file) === path.dirname(target) && conflictCopyTool(path.basename(target), path.basename(file)) !== null;
}

/** Where merged copies are kept: `merged/` beside the journal. */
export function mergedDir(target: string): string {
  return path.join(path.dirname(target), 'merged');
}

/** This journal's copies kept in `merged/` (a second of one name has `-2` before its extension), as paths. */
export async function listMergedCopies(target: string): Promise<string[]> {
  const dir = mergedDir(target);
  const journalName = path.basename(target);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => conflictCopyTool(journalName, name.replace(/-\d+(\.[^.]*)$/, '$1')) !== null)
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Moves a merged copy into `merged/` beside the journal, readable by its
 * owner only, never over a file already there (a second copy of the same
 * name gets `-2`, `-3` before its extension). Beside an encrypted journal
 * (`sealer` given) nothing is kept plain: a plain copy, from a device that
 * does not encrypt, is sealed as it is kept. Returns where it is now.
 */
export async function keepMergedCopy(file: string, target: string, sealer: Sealer | null = null): Promise<string> {
  const dir = mergedDir(target);
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  const { stem, ext } = splitName(path.basename(file));
  for (let attempt = 1; ; attempt++) {
    const destination = path.join(dir, attempt === 1 ? path.basename(file) : `${stem}-${attempt}${ext}`);
    try {
      // A hard link fails when the name is taken, so nothing there is ever replaced.
      await fs.link(file, destination);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // A file system without hard links: copied, again never over a file.
      try {
        await fs.copyFile(file, destination, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
    }
    await fs.chmod(destination, PRIVATE_FILE);
    await fs.unlink(file);
    if (sealer) {
      const bytes = await fs.readFile(destination);
      if (!isEnvelopeText(bytes.toString('utf8').trimStart())) await writeAtomic(destination, seal(bytes, sealer));
    }
    return destination;
  }
}

/** How many conflict copies wait beside the journal chosen as `file` (followed if it is a link); 0 when none can be seen. */
export async function countConflictCopies(file: string): Promise<number> {
  const target = await resolveTarget(file).catch(() => file);
  return (await findConflictCopies(target)).length;
}
