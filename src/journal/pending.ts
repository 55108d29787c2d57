import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { localTimeStamp } from '../time/calendar.js';
import { PRIVATE_FILE, readText, writeAtomic } from './atomic-file.js';
import { isEnvelopeText, type Keyring, type Sealer, seal } from './crypto.js';
import { serializeJournal } from './format.js';
import { stemOf, stemPattern } from './names.js';
import { assessJournal } from './recover.js';
import { type Entry, JOURNAL_VERSION, type Journal } from './types.js';

/*
 * Entries waiting beside the journal. A new entry whose writer finds the
 * journal's lock busy is written at once, atomically, to a small file of its
 * own beside the journal (`journal.pending-<time>-<pid>-<hex>.json`, a
 * journal of its own, sealed when the journal is encrypted), so that no
 * moment is turned away however long the wait. Every read shows what is
 * waiting; the next write, whoever makes it, folds it into the journal and
 * only then removes the file. One writer folding the entries of all who are
 * waiting is also what keeps twenty writers of a large journal from taking
 * twenty turns.
 */

function pendingPattern(target: string): RegExp {
  return new RegExp(`^${stemPattern(target)}\\.pending-\\d{8}-\\d{6}-\\d+-[0-9a-f]+\\.json$`);
}

/** The files waiting beside this journal, oldest first. */
export async function listPending(target: string): Promise<string[]> {
  const dir = path.dirname(target);
  const pattern = pendingPattern(target);
  try {
    return (await fs.readdir(dir))
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/**
 * Keeps `entries` beside the journal, sealed with `sealer` when the journal
 * is encrypted, with the journal's mode (never wider than 0600).
 */
export async function writePending(target: string, entries: readonly Entry[], sealer: Sealer | null, now: Date): Promise<string> {
  const name = `${stemOf(target)}.pending-${localTimeStamp(now)}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
  const file = path.join(path.dirname(target), name);
  const journalMode = await fs.stat(target).then(
    (stat) => stat.mode & 0o777,
    () => PRIVATE_FILE,
  );
  const text = serializeJournal({ version: JOURNAL_VERSION, entries: [...entries] });
  await writeAtomic(file, sealer ? seal(text, sealer) : text, journalMode & PRIVATE_FILE);
  return file;
}

export interface Waiting {
  file: string;
  entries: Entry[];
}

/**
 * What waits beside the journal and can be read: files that can't be
 * opened (another passphrase, damage) are left where they are, for doctor
 * to name, and never block the journal.
 */
export async function readPending(target: string, keyring: Keyring): Promise<Waiting[]> {
  const found: Waiting[] = [];
  for (const file of await listPending(target)) {
    const text = await readText(file).catch(() => null);
    if (text === null) continue;
    const bytes = isEnvelopeText(text) ? await keyring.openQuietly(text, file) : Buffer.from(text, 'utf8');
    const assessed = bytes === null ? null : assessJournal(bytes.toString('utf8'));
    if (assessed?.state === 'ok') found.push({ file, entries: assessed.journal.entries });
  }
  return found;
}

/**
 * Adds to `journal` every waiting entry it does not hold yet (by id), in the
 * order they were kept; ids in `skip` are left for the caller to add.
 */
export function foldInto(journal: Journal, waiting: readonly Waiting[], skip: ReadonlySet<string> = new Set()): number {
  if (waiting.length === 0) return 0;
  const have = new Set(journal.entries.map((entry) => entry.id));
  let added = 0;
  for (const { entries } of waiting) {
    for (const entry of entries) {
      if (have.has(entry.id) || skip.has(entry.id)) continue;
      have.add(entry.id);
      journal.entries.push(entry);
      added++;
    }
  }
  return added;
}

export async function removePending(files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => fs.rm(file, { force: true })));
}
